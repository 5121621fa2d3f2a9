package dev.latch.core.pem;

import dev.latch.core.LatchException;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * PEM and DER in and out. Reading accepts either encoding and returns the BouncyCastle object
 * for each item: {@link X509CertificateHolder}, {@link PKCS10CertificationRequest},
 * {@link X509CRLHolder}, {@link PrivateKeyInfo}, {@link PKCS8EncryptedPrivateKeyInfo}, or
 * OpenSSL's traditional key forms. Every failure names the source and what was wrong with it.
 */
public final class Pem {
    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String CSR = "CERTIFICATE REQUEST";
    public static final String CRL = "X509 CRL";
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    public static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return encode(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new LatchException("cannot encode certificate " + certificate.getSubjectX500Principal() + ": " + e.getMessage());
        }
    }

    public static String certificates(Collection<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        chain.forEach(c -> pem.append(certificate(c)));
        return pem.toString();
    }

    /** True when the bytes look like PEM text rather than DER. */
    public static boolean isPem(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("-----BEGIN ");
    }

    /**
     * Reads every object in a PEM or DER input.
     *
     * @param source how to name the input in messages (a path, or "standard input")
     */
    public static List<Object> read(byte[] data, String source) {
        if (data.length == 0) {
            throw new LatchException(source + ": empty input", "pass a PEM or DER certificate, CSR, CRL or key");
        }
        return isPem(data) ? readPem(data, source) : List.of(readDer(data, source));
    }

    private static List<Object> readPem(byte[] data, String source) {
        List<Object> objects = new ArrayList<>();
        String text = new String(data, StandardCharsets.ISO_8859_1);
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object item;
            while (true) {
                try {
                    item = parser.readObject();
                } catch (IOException | RuntimeException e) {
                    throw new LatchException(source + ": malformed PEM: " + damage(text, objects.size()),
                            "the file is damaged or truncated; export it again", e);
                }
                if (item == null) {
                    break;
                }
                objects.add(item);
            }
        } catch (IOException e) {
            throw new LatchException(source + ": cannot read: " + e.getMessage());
        }
        if (objects.isEmpty()) {
            throw new LatchException(source + ": no PEM object found",
                    "expected -----BEGIN CERTIFICATE----- or another PEM block");
        }
        return objects;
    }

    /** What is wrong with PEM block {@code index} (from 0), which the parser refused: said of the file, not of the parser. */
    private static String damage(String text, int index) {
        String block = "block " + (index + 1);
        PemObject object = null;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (int i = 0; i <= index; i++) {
                object = reader.readPemObject();
            }
        } catch (IOException | RuntimeException e) {
            return block + ": " + (count(text, "-----BEGIN ") > count(text, "-----END ")
                    ? "its -----BEGIN line has no matching -----END line (the file is cut short)"
                    : "its base64 text is damaged (a character or a line changed or missing)");
        }
        if (object == null) {
            return block + " cannot be read";
        }
        String type = object.getType();
        String damage = DerDamage.describe(object.getContent());
        return block + " (" + type + "): " + (damage != null ? damage : "its content is not a valid " + type.toLowerCase(Locale.ROOT));
    }

    private static int count(String text, String marker) {
        int count = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
            count++;
        }
        return count;
    }

    /** DER carries no label, so each type is tried in turn; the first that parses whole wins. */
    private static Object readDer(byte[] data, String source) {
        ASN1Primitive primitive;
        try {
            primitive = ASN1Primitive.fromByteArray(data);
        } catch (IOException | RuntimeException e) {
            primitive = null;
        }
        if (primitive == null) {
            String damage = DerDamage.describe(data);
            throw new LatchException(source + ": neither PEM nor valid DER" + (damage == null ? "" : ": " + damage),
                    "pass a PEM file (-----BEGIN ...) or a DER-encoded certificate, CSR, CRL or PKCS#8 key");
        }
        List<Function<byte[], Object>> parsers = List.of(
                bytes -> uncheck(() -> new X509CertificateHolder(bytes)),
                bytes -> uncheck(() -> new X509CRLHolder(bytes)),
                bytes -> uncheck(() -> new PKCS10CertificationRequest(bytes)),
                bytes -> PrivateKeyInfo.getInstance(bytes),
                bytes -> uncheck(() -> new PKCS8EncryptedPrivateKeyInfo(bytes)));
        for (Function<byte[], Object> parser : parsers) {
            try {
                return parser.apply(data);
            } catch (RuntimeException notThisType) {
                // try the next type
            }
        }
        if (isPkcs12(data)) {
            throw new LatchException(source + ": a PKCS#12 bundle, whose contents are password-protected",
                    "list them with: openssl pkcs12 -in " + source + " -nokeys | latch inspect -");
        }
        throw new LatchException(source + ": DER data is not a certificate, CSR, CRL or PKCS#8 key",
                "check that this is the file you meant");
    }

    private static boolean isPkcs12(byte[] data) {
        try {
            org.bouncycastle.asn1.pkcs.Pfx.getInstance(data);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private interface IoSupplier {
        Object get() throws IOException;
    }

    private static Object uncheck(IoSupplier supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
