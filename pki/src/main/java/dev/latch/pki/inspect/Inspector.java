package dev.latch.pki.inspect;

import dev.latch.core.Fingerprints;
import dev.latch.core.LatchException;
import dev.latch.pki.cert.Certificates;
import dev.latch.pki.cert.SerialNumbers;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes certificates, CSRs and CRLs field by field, following the X.509 table of seed
 * §14.6.2. The result is a tree of ordered maps, lists and strings: the CLI prints it for people
 * or as JSON for scripts.
 */
public final class Inspector {
    private static final DefaultAlgorithmNameFinder ALGORITHMS = new DefaultAlgorithmNameFinder();

    private final Instant now;

    public Inspector(Instant now) {
        this.now = now;
    }

    /**
     * Describes one object read from {@code source}; a part of it that does not parse is refused
     * with a message naming the source.
     */
    public Map<String, Object> describe(Object object, String source) {
        try {
            return describe(object);
        } catch (LatchException e) {
            throw e;
        } catch (RuntimeException malformed) {
            // BouncyCastle parses nested structures (extensions, CRL entries) only when first read
            String why = malformed.getMessage() == null ? malformed.getClass().getSimpleName() : malformed.getMessage();
            throw new LatchException(source + ": malformed " + Certificates.Describe.kind(object).replaceFirst("^an? ", "")
                    + ": " + why.replace('\n', ' '), "the file is damaged or truncated; export it again", malformed);
        }
    }

    private Map<String, Object> describe(Object object) {
        if (object instanceof X509CertificateHolder certificate) {
            return certificate(certificate);
        }
        if (object instanceof PKCS10CertificationRequest csr) {
            return csr(csr);
        }
        if (object instanceof X509CRLHolder crl) {
            return crl(crl);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
            out.put("type", "private key");
            SubjectPublicKeyInfo spki = object instanceof PEMKeyPair pair ? pair.getPublicKeyInfo() : null;
            out.put("algorithm", keyAlgorithm(object instanceof PrivateKeyInfo info ? info.getPrivateKeyAlgorithm()
                    : ((PEMKeyPair) object).getPrivateKeyInfo().getPrivateKeyAlgorithm()));
            if (spki != null) {
                out.put("publicKey", publicKey(spki));
            }
            out.put("note", "private key material is never printed");
        } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
            out.put("type", "encrypted private key");
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                out.put("encryption", keyAlgorithm(encrypted.getEncryptionAlgorithm()));
            }
        } else if (object instanceof SubjectPublicKeyInfo spki) {
            out.put("type", "public key");
            out.put("publicKey", publicKey(spki));
        } else {
            out.put("type", object.getClass().getSimpleName());
        }
        return out;
    }

    /** Every field of the X.509 table (seed §14.6.2), extensions with their critical flag, fingerprints. */
    public Map<String, Object> certificate(X509CertificateHolder holder) {
        Map<String, Object> out = new LinkedHashMap<>();
        TBSCertificate tbs = holder.toASN1Structure().getTBSCertificate();
        out.put("type", "certificate");
        out.put("version", holder.getVersionNumber());
        out.put("serialNumber", SerialNumbers.hex(holder.getSerialNumber()));
        out.put("signatureAlgorithm", algorithm(holder.getSignatureAlgorithm()));
        out.put("issuer", name(holder.getIssuer()));
        out.put("validity", validity(holder.getNotBefore().toInstant(), holder.getNotAfter().toInstant()));
        out.put("subject", name(holder.getSubject()));
        out.put("subjectPublicKeyInfo", publicKey(holder.getSubjectPublicKeyInfo()));
        if (tbs.getIssuerUniqueId() != null) {
            out.put("issuerUniqueID", bits(tbs.getIssuerUniqueId()));
        }
        if (tbs.getSubjectUniqueId() != null) {
            out.put("subjectUniqueID", bits(tbs.getSubjectUniqueId()));
        }
        out.put("extensions", extensions(holder.getExtensions()));
        out.put("selfSigned", holder.getIssuer().equals(holder.getSubject()));
        out.put("sha256Fingerprint", Fingerprints.sha256(encoded(holder)));
        return out;
    }

    public Map<String, Object> csr(PKCS10CertificationRequest csr) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "certificate request (PKCS#10)");
        out.put("subject", name(csr.getSubject()));
        out.put("subjectPublicKeyInfo", publicKey(csr.getSubjectPublicKeyInfo()));
        out.put("signatureAlgorithm", algorithm(csr.getSignatureAlgorithm()));
        out.put("signature", csrSignature(csr));
        Attribute[] attributes = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length > 0 && attributes[0].getAttrValues().size() > 0) {
            out.put("requestedExtensions", extensions(Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0))));
        } else {
            out.put("requestedExtensions", List.of());
        }
        try {
            out.put("sha256Fingerprint", Fingerprints.sha256(csr.getEncoded()));
        } catch (IOException e) {
            out.put("sha256Fingerprint", "unavailable: " + e.getMessage());
        }
        return out;
    }

    public Map<String, Object> crl(X509CRLHolder crl) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "certificate revocation list (CRL)");
        out.put("version", crl.toASN1Structure().getVersionNumber());
        out.put("signatureAlgorithm", algorithm(crl.toASN1Structure().getSignatureAlgorithm()));
        out.put("issuer", name(crl.getIssuer()));
        out.put("thisUpdate", crl.getThisUpdate().toInstant().toString());
        if (crl.getNextUpdate() != null) {
            Instant next = crl.getNextUpdate().toInstant();
            out.put("nextUpdate", next.toString() + (now.isAfter(next) ? " (stale: past its next update)" : ""));
        }
        List<Map<String, Object>> revoked = new ArrayList<>();
        for (Object item : crl.getRevokedCertificates()) {
            X509CRLEntryHolder entry = (X509CRLEntryHolder) item;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("serialNumber", SerialNumbers.hex(entry.getSerialNumber()));
            row.put("revocationDate", entry.getRevocationDate().toInstant().toString());
            Extension reason = entry.getExtension(Extension.reasonCode);
            if (reason != null) {
                row.put("reason", ExtensionText.describe(reason).get("value"));
            }
            revoked.add(row);
        }
        out.put("revokedCertificates", revoked);
        out.put("extensions", extensions(crl.getExtensions()));
        try {
            out.put("sha256Fingerprint", Fingerprints.sha256(crl.getEncoded()));
        } catch (IOException e) {
            out.put("sha256Fingerprint", "unavailable: " + e.getMessage());
        }
        return out;
    }

    private Map<String, Object> validity(Instant notBefore, Instant notAfter) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("notBefore", notBefore.toString());
        out.put("notAfter", notAfter.toString());
        String status;
        if (notAfter.isBefore(notBefore)) {
            status = "invalid: notAfter is before notBefore";
        } else if (now.isBefore(notBefore)) {
            status = "not yet valid (starts in " + human(Duration.between(now, notBefore)) + ")";
        } else if (now.isAfter(notAfter)) {
            status = "expired " + human(Duration.between(notAfter, now)) + " ago";
        } else {
            status = "valid, expires in " + human(Duration.between(now, notAfter));
        }
        out.put("status", status);
        return out;
    }

    /** RFC 4514 order (most specific first, CN=… first), as the JDK and the CA registry print names. */
    static String name(org.bouncycastle.asn1.x500.X500Name name) {
        try {
            return new javax.security.auth.x500.X500Principal(name.getEncoded()).getName();
        } catch (IOException | IllegalArgumentException e) {
            return name.toString();
        }
    }

    private static String human(Duration duration) {
        long days = duration.toDays();
        if (days >= 2) {
            return days + " days";
        }
        long hours = duration.toHours();
        return hours >= 2 ? hours + " hours" : Math.max(0, duration.toMinutes()) + " minutes";
    }

    private static List<Map<String, Object>> extensions(Extensions extensions) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (extensions != null) {
            for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                out.add(ExtensionText.describe(extensions.getExtension(oid)));
            }
        }
        return out;
    }

    static Map<String, Object> publicKey(SubjectPublicKeyInfo spki) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            PublicKey key = new JcaPEMKeyConverter().getPublicKey(spki);
            if (key instanceof ECPublicKey ec) {
                out.put("algorithm", "EC");
                out.put("curve", curveName(ec.getParams().getCurve().getField().getFieldSize()));
                out.put("bits", ec.getParams().getCurve().getField().getFieldSize());
            } else if (key instanceof RSAPublicKey rsa) {
                out.put("algorithm", "RSA");
                out.put("bits", rsa.getModulus().bitLength());
                out.put("exponent", rsa.getPublicExponent().toString());
            } else {
                out.put("algorithm", key.getAlgorithm());
            }
        } catch (IOException | RuntimeException e) {
            out.put("algorithm", keyAlgorithm(spki.getAlgorithm()));
        }
        out.put("keyIdentifier", ExtensionText.hex(dev.latch.pki.cert.CertificateBuilder.keyIdentifier(spki)));
        return out;
    }

    /** A key's algorithm as people name it: "EC P-256", "RSA", "Ed25519"; the OID only for what has no name. */
    static String keyAlgorithm(AlgorithmIdentifier id) {
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (id.getParameters() instanceof ASN1ObjectIdentifier curve) {
                String name = CURVES.get(curve);
                if (name == null) {
                    name = ECNamedCurveTable.getName(curve);
                }
                return "EC " + (name != null ? name : curve.getId());
            }
            return "EC (explicit curve parameters)";
        }
        String name = KEY_ALGORITHMS.get(oid);
        return name != null ? name : algorithm(id);
    }

    private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384",
            SECObjectIdentifiers.secp521r1, "P-521");

    private static final Map<ASN1ObjectIdentifier, String> KEY_ALGORITHMS = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSA-PSS",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            EdECObjectIdentifiers.id_X25519, "X25519",
            EdECObjectIdentifiers.id_X448, "X448",
            PKCSObjectIdentifiers.id_PBES2, "PBES2");

    private static String curveName(int bits) {
        return switch (bits) {
            case 256 -> "P-256";
            case 384 -> "P-384";
            case 521 -> "P-521";
            default -> bits + "-bit curve";
        };
    }

    private static String csrSignature(PKCS10CertificationRequest csr) {
        try {
            return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))
                    ? "valid (made with the request's own key)" : "INVALID: does not verify with the request's key";
        } catch (Exception e) {
            return "cannot be checked: " + e.getMessage();
        }
    }

    private static String algorithm(AlgorithmIdentifier id) {
        String name = ALGORITHMS.getAlgorithmName(id);
        return name.equals(id.getAlgorithm().getId()) ? name : name + " (" + id.getAlgorithm().getId() + ")";
    }

    private static String bits(ASN1BitString bits) {
        return ExtensionText.hex(bits.getBytes());
    }

    private static byte[] encoded(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
