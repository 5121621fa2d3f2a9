package dev.latch.trust;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.List;
import java.util.ArrayList;
import java.util.Set;

/**
 * The fields of a certificate (RFC 5280 §4.1) read by a bounds-checked walk over its DER, for the
 * shape nearly every certificate has: version 3, strict DER (definite, minimal lengths, one-octet
 * tags), no unique identifiers, extensions framed as DER requires (criticality absent or TRUE).
 * The walk takes as bytes what validation needs as bytes (the outer structure, the TBS's framing,
 * the validity times, the signature, each extension's framing) and hands the rest (names,
 * algorithm identifiers, the public key) to BouncyCastle's decoder piece by piece, without
 * building an object tree of the whole certificate.
 *
 * <p>It never decides that a certificate is malformed: on anything outside that shape, well-formed
 * or not, {@link #read} answers null, and {@link ParsedCertificate#parse} decodes the whole
 * certificate with BouncyCastle, whose verdict and message stand; so it does when the pieces the
 * walk read fail later (a name BouncyCastle decodes lazily). A certificate parsed from the walk's
 * fields is one BouncyCastle's decode accepts, with the same values (CertificateDerTest asserts
 * both over the PKITS certificates and thousands of mutations of them).
 */
final class CertificateDer {
    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    private static final int BOOLEAN = 0x01;
    private static final int UTC_TIME = 0x17;
    private static final int GENERALIZED_TIME = 0x18;
    private static final int SEQUENCE = 0x30;
    private static final int VERSION = 0xA0; // [0] EXPLICIT
    private static final int EXTENSIONS = 0xA3; // [3] EXPLICIT

    /** What {@link ParsedCertificate} keeps of a certificate; {@code tbsStart}/{@code tbsLength} locate the TBS as received. */
    record Fields(int tbsStart, int tbsLength, int version, ASN1Integer serial, AlgorithmIdentifier tbsSignature,
                  IssuerNames.Name issuer, Instant notBefore, Instant notAfter, X500Name subject, String subjectKey,
                  SubjectPublicKeyInfo publicKeyInfo, boolean uniqueIds, List<Extension> extensions,
                  AlgorithmIdentifier signatureAlgorithm, byte[] signature, int padBits) {
    }

    /** Outside the shape the walk reads: the caller decodes the certificate with BouncyCastle instead. */
    private static final class Unusual extends Exception {
        Unusual() {
            super(null, null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();

    /**
     * The signature algorithm identifiers of nearly every certificate, by their exact DER, decoded
     * once by BouncyCastle (immutable): sha256/384/512WithRSAEncryption with NULL parameters,
     * ecdsa-with-SHA256/384/512, Ed25519 (RFC 4055 §5, RFC 5758 §3.2, RFC 8410 §3).
     */
    static final Map<ExactBytes, AlgorithmIdentifier> COMMON_ALGORITHMS = commonAlgorithms(
            "300d06092a864886f70d01010b0500", "300d06092a864886f70d01010c0500", "300d06092a864886f70d01010d0500",
            "300a06082a8648ce3d040302", "300a06082a8648ce3d040303", "300a06082a8648ce3d040304", "300506032b6570");

    private CertificateDer() {
    }

    /**
     * The fields of {@code der}, or null when it is not of the common shape (malformed or merely
     * unusual); the issuer from {@code issuers} when given (else decoded).
     */
    static Fields read(byte[] der, IssuerNames issuers) {
        try {
            return walk(der, issuers);
        } catch (Unusual | IOException | RuntimeException e) {
            return null;
        }
    }

    private static Fields walk(byte[] der, IssuerNames issuers) throws Unusual, IOException {
        Element certificate = Element.first(der, 0, der.length, SEQUENCE);
        if (certificate.end != der.length) {
            throw UNUSUAL; // bytes after the certificate
        }
        Element tbs = certificate.firstInside(SEQUENCE);

        Element version = tbs.firstInside(VERSION);
        Element versionNumber = version.firstInside(INTEGER);
        if (versionNumber.end != version.end || versionNumber.length() != 1 || der[versionNumber.content] != 2) {
            throw UNUSUAL; // v1 and v2 (and anything malformed) are BouncyCastle's
        }
        Element serial = version.next(tbs, INTEGER);
        Element tbsSignature = serial.next(tbs, SEQUENCE);
        Element issuer = tbsSignature.next(tbs, SEQUENCE);
        Element validity = issuer.next(tbs, SEQUENCE);
        Element notBefore = validity.firstInside(-1);
        Element notAfter = notBefore.next(validity, -1);
        if (notAfter.end != validity.end) {
            throw UNUSUAL;
        }
        Element subject = validity.next(tbs, SEQUENCE);
        Element publicKey = subject.next(tbs, SEQUENCE);
        List<Extension> extensions = List.of();
        if (publicKey.end != tbs.end) {
            Element tagged = publicKey.next(tbs, EXTENSIONS); // unique identifiers ([1], [2]) are BouncyCastle's
            if (tagged.end != tbs.end) {
                throw UNUSUAL;
            }
            Element list = tagged.firstInside(SEQUENCE);
            if (list.end != tagged.end) {
                throw UNUSUAL;
            }
            extensions = extensions(list);
        }

        Element signatureAlgorithm = tbs.next(certificate, SEQUENCE);
        Element signature = signatureAlgorithm.next(certificate, BIT_STRING);
        if (signature.end != certificate.end) {
            throw UNUSUAL;
        }
        // X.690 §8.6.2: the initial octet gives the unused bits (0..7) of the last octet; none when there is no last octet
        int padBits = signature.length() == 0 ? -1 : der[signature.content] & 0xFF;
        if (padBits < 0 || padBits > 7 || padBits > 0 && signature.length() < 2) {
            throw UNUSUAL;
        }

        byte[] signatureBits = Arrays.copyOfRange(der, signature.content + 1, signature.end);
        if (padBits > 0) {
            signatureBits[signatureBits.length - 1] &= (byte) (0xFF << padBits); // as BouncyCastle's getBytes()
        }
        IssuerNames.Name issuerName = issuers == null ? IssuerNames.decode(issuer.bytes()) : issuers.of(issuer.bytes());
        if (issuerName.name().size() == 0) {
            throw UNUSUAL; // BouncyCastle refuses an empty issuer (unless told not to): its decode decides
        }
        X500Name subjectName = X500Name.getInstance(subject.decode());
        return new Fields(tbs.start, tbs.end - tbs.start, 3,
                new ASN1Integer(serial.contents()),
                algorithm(tbsSignature),
                issuerName,
                time(notBefore), time(notAfter),
                subjectName, ParsedCertificate.comparable(subjectName),
                SubjectPublicKeyInfo.getInstance(publicKey.decode()),
                false, extensions,
                algorithm(signatureAlgorithm),
                signatureBits, padBits);
    }

    private static AlgorithmIdentifier algorithm(Element element) throws IOException {
        byte[] bytes = element.bytes();
        AlgorithmIdentifier common = COMMON_ALGORITHMS.get(new ExactBytes(bytes));
        return common != null ? common : AlgorithmIdentifier.getInstance(Der.decode(bytes));
    }

    /** The extensions validation knows ({@link ParsedCertificate#KNOWN}), by the exact contents of their OID. */
    static final Map<ExactBytes, ASN1ObjectIdentifier> KNOWN_EXTENSIONS = knownExtensions();

    private static Map<ExactBytes, ASN1ObjectIdentifier> knownExtensions() {
        Map<ExactBytes, ASN1ObjectIdentifier> known = new HashMap<>();
        for (ASN1ObjectIdentifier oid : ParsedCertificate.KNOWN) {
            try {
                byte[] encoded = oid.getEncoded();
                known.put(new ExactBytes(Arrays.copyOfRange(encoded, 2, encoded.length)), oid); // short form: OIDs of a few octets
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        return Map.copyOf(known);
    }

    private static Map<ExactBytes, AlgorithmIdentifier> commonAlgorithms(String... encodings) {
        Map<ExactBytes, AlgorithmIdentifier> algorithms = new HashMap<>();
        for (String encoding : encodings) {
            byte[] der = HexFormat.of().parseHex(encoding);
            try {
                algorithms.put(new ExactBytes(der), AlgorithmIdentifier.getInstance(Der.decode(der)));
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        return Map.copyOf(algorithms);
    }

    private static Instant time(Element time) throws Unusual {
        if (time.tag != UTC_TIME && time.tag != GENERALIZED_TIME) {
            throw UNUSUAL;
        }
        String text = new String(time.der, time.content, time.length(), StandardCharsets.US_ASCII);
        return CertificateTime.parse(time.tag == GENERALIZED_TIME, time.tag == UTC_TIME, text);
    }

    /** Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } (RFC 5280 §4.1). */
    private static List<Extension> extensions(Element list) throws Unusual {
        List<Extension> extensions = new ArrayList<>();
        Set<ASN1ObjectIdentifier> seen = new HashSet<>();
        if (list.length() == 0) {
            throw UNUSUAL; // RFC 5280 §4.1: SIZE (1..MAX)
        }
        Element extension = list.firstInside(SEQUENCE);
        while (true) {
            Element id = extension.firstInside(OID);
            Element field = id.next(extension, -1);
            boolean critical = false;
            if (field.tag == BOOLEAN) {
                // DER: a default value is never encoded, and TRUE is 0xFF (X.690 §11.1, §11.5)
                if (field.length() != 1 || (field.der[field.content] & 0xFF) != 0xFF) {
                    throw UNUSUAL;
                }
                critical = true;
                field = field.next(extension, -1);
            }
            if (field.tag != OCTET_STRING || field.end != extension.end) {
                throw UNUSUAL;
            }
            byte[] contents = id.contents();
            ASN1ObjectIdentifier oid = KNOWN_EXTENSIONS.get(new ExactBytes(contents));
            if (oid == null) {
                oid = ASN1ObjectIdentifier.fromContents(contents);
            }
            if (!seen.add(oid)) {
                throw UNUSUAL; // a repeated extension (RFC 5280 §4.2): BouncyCastle refuses it in its words
            }
            extensions.add(new Extension(oid, critical, new DEROctetString(field.contents())));
            if (extension.end == list.end) {
                return extensions;
            }
            extension = extension.next(list, SEQUENCE);
        }
    }

    /**
     * One DER element: its tag at {@code start}, its contents from {@code content} to {@code end}.
     * Only one-octet tags and definite lengths in their shortest form, within the enclosing element.
     */
    private record Element(byte[] der, int start, int tag, int content, int end) {
        /** The element at {@code at}, which must end by {@code limit}; of tag {@code expected} unless that is -1. */
        static Element first(byte[] der, int at, int limit, int expected) throws Unusual {
            if (at + 2 > limit) {
                throw UNUSUAL;
            }
            int tag = der[at] & 0xFF;
            if ((tag & 0x1F) == 0x1F || expected != -1 && tag != expected) {
                throw UNUSUAL; // multi-octet tag numbers never occur where the walk reads
            }
            int first = der[at + 1] & 0xFF;
            int content = at + 2;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7F;
                if (octets == 0 || octets > 4 || content + octets > limit || der[content] == 0) {
                    throw UNUSUAL; // indefinite (BER), too long, truncated or not the shortest form
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[content + i] & 0xFF);
                }
                content += octets;
                if (length < 0x80) {
                    throw UNUSUAL; // the long form for a length the short form holds
                }
            }
            if (length > limit - content) {
                throw UNUSUAL;
            }
            boolean constructed = (tag & 0x20) != 0;
            if (constructed != (tag == SEQUENCE || tag == 0x31 || (tag & 0xC0) != 0)) {
                throw UNUSUAL; // constructed strings (BER) and the like
            }
            return new Element(der, at, tag, content, content + (int) length);
        }

        Element firstInside(int expected) throws Unusual {
            return first(der, content, end, expected);
        }

        /** The element after this one inside {@code parent}. */
        Element next(Element parent, int expected) throws Unusual {
            return first(der, end, parent.end, expected);
        }

        int length() {
            return end - content;
        }

        byte[] contents() {
            return Arrays.copyOfRange(der, content, end);
        }

        /** The whole element, header included. */
        byte[] bytes() {
            return Arrays.copyOfRange(der, start, end);
        }

        /** The element decoded by BouncyCastle, with all its checks. */
        org.bouncycastle.asn1.ASN1Primitive decode() throws IOException {
            return Der.decode(bytes());
        }
    }
}
