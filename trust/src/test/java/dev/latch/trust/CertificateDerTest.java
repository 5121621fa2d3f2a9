package dev.latch.trust;

import dev.latch.testkit.TestResources;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CertificateDer}'s walk against BouncyCastle's decode of the whole certificate: what the
 * walk reads, BouncyCastle reads too, to the same values; whatever it leaves, {@link ParsedCertificate#parse}
 * judges exactly as BouncyCastle does (the same refusal, in the same words). Over the 405 PKITS
 * certificates, a web PKI leaf, and thousands of mutations of them (truncations, changed octets,
 * inserted and deleted octets), plus named malformations.
 */
class CertificateDerTest {
    /** Issuer names remembered across every certificate and mutation the test parses. */
    private static final IssuerNames ISSUERS = new IssuerNames(64);
    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");

    @Test
    void whatTheWalkReadsBouncyCastleReadsAlikeAndEverythingElseIsJudgedByBouncyCastle() throws IOException {
        List<byte[]> originals = certificates();
        Random random = new Random(20261130);
        int read = 0;
        int mutationsRead = 0;
        int mutations = 0;
        for (byte[] original : originals) {
            if (compare(original)) {
                read++;
            }
            for (int i = 0; i < 12; i++) {
                mutations++;
                if (compare(mutate(original, random))) {
                    mutationsRead++;
                }
            }
        }
        // the walk is the common path: nearly every real certificate takes it (PKITS's v1 and unique-id ones do not)
        assertThat(read).as("certificates the walk read").isGreaterThan(originals.size() * 9 / 10);
        // and some mutations keep the shape (an altered name or key octet), so that side is compared too
        assertThat(mutationsRead).as("mutations the walk read, of " + mutations).isGreaterThan(100);
    }

    @Test
    void aWebPkiLeafTakesTheWalk() {
        byte[] leaf = leaf();
        assertThat(CertificateDer.read(leaf, null)).isNotNull();
        assertThat(ParsedCertificate.parse(leaf).walked()).isTrue();
        assertThat(compare(leaf)).isTrue();
    }

    @Test
    void aValidatorDecodesTheNameOfACaOnceForAllItsLeaves() {
        RuleChains.Spec root = RuleChains.root();
        Validator validator = new Validator();
        ParsedCertificate first = validator.parsed(RuleChains.leaf().issuedBy(root));
        ParsedCertificate second = validator.parsed(RuleChains.leaf().issuedBy(root));
        assertThat(second).isNotSameAs(first);
        assertThat(second.issuer()).isSameAs(first.issuer()).isEqualTo(ParsedCertificate.parseWithBouncyCastle(second.der()).issuer());
        assertThat(second.issuerKey()).isEqualTo(first.issuerKey());
    }

    @Test
    void theCommonSignatureAlgorithmsAreWhatBouncyCastleDecodesFromTheirBytes() throws IOException {
        List<String> names = new ArrayList<>();
        for (var entry : CertificateDer.COMMON_ALGORITHMS.entrySet()) {
            assertThat(entry.getValue()).isEqualTo(AlgorithmIdentifier.getInstance(ASN1Primitive.fromByteArray(entry.getKey().bytes())));
            names.add(new DefaultAlgorithmNameFinder().getAlgorithmName(entry.getValue()));
        }
        assertThat(names).containsExactlyInAnyOrder("SHA256WITHRSA", "SHA384WITHRSA", "SHA512WITHRSA", "SHA256WITHECDSA",
                "SHA384WITHECDSA", "SHA512WITHECDSA", "ED25519");
    }

    @Test
    void theKnownExtensionsAreWhatBouncyCastleDecodesFromTheirContents() {
        assertThat(CertificateDer.KNOWN_EXTENSIONS).hasSize(ParsedCertificate.KNOWN.size());
        CertificateDer.KNOWN_EXTENSIONS.forEach((contents, oid) ->
                assertThat(org.bouncycastle.asn1.ASN1ObjectIdentifier.fromContents(contents.bytes())).isEqualTo(oid));
        assertThat(CertificateDer.KNOWN_EXTENSIONS.values()).containsExactlyInAnyOrderElementsOf(ParsedCertificate.KNOWN);
    }

    @Test
    void anEmptyIssuerIsRefusedAsBouncyCastleRefusesIt() {
        RuleChains.Spec root = RuleChains.root();
        byte[] emptyIssuer = RuleChains.withIssuer(RuleChains.leaf().issuedBy(root), new X500Name(new RDN[0]), root.keyPair());
        assertThat(outcome(() -> ParsedCertificate.parse(emptyIssuer))).contains("issuer is an empty distinguished name")
                .isEqualTo(bouncyCastle(emptyIssuer));
        assertThat(outcome(() -> ParsedCertificate.parse(emptyIssuer, ISSUERS))).isEqualTo(bouncyCastle(emptyIssuer));
    }

    @Test
    void aTruncatedCertificateIsRefusedAsBouncyCastleRefusesIt() {
        byte[] leaf = leaf();
        for (int length : new int[] {0, 1, 2, 4, leaf.length / 2, leaf.length - 1}) {
            byte[] truncated = Arrays.copyOf(leaf, length);
            assertThat(CertificateDer.read(truncated, null)).isNull();
            assertThat(outcome(() -> ParsedCertificate.parse(truncated))).startsWith("refused").isEqualTo(bouncyCastle(truncated));
        }
    }

    @Test
    void bytesAfterTheCertificateAreRefusedAsBouncyCastleRefusesThem() {
        byte[] leaf = leaf();
        byte[] longer = Arrays.copyOf(leaf, leaf.length + 1);
        assertThat(CertificateDer.read(longer, null)).isNull();
        assertThat(outcome(() -> ParsedCertificate.parse(longer))).startsWith("refused").isEqualTo(bouncyCastle(longer));
    }

    @Test
    void aLengthBeyondItsEnclosingElementIsRefused() {
        byte[] leaf = leaf();
        int serialAt = serialOffset(leaf);
        byte[] tooLong = leaf.clone();
        tooLong[serialAt + 1] = (byte) 0x7F; // the serial's length now runs past the TBS
        assertThat(CertificateDer.read(tooLong, null)).isNull();
        assertThat(outcome(() -> ParsedCertificate.parse(tooLong))).startsWith("refused").isEqualTo(bouncyCastle(tooLong));
    }

    @Test
    void aLengthInALongerFormThanDerAllowsIsLeftToBouncyCastle() {
        byte[] leaf = leaf();
        int serialAt = serialOffset(leaf);
        int length = leaf[serialAt + 1];
        // 02 LL … becomes 02 81 LL …: the same length in the long form, which DER forbids (X.690 §10.1)
        byte[] overlong = new byte[leaf.length + 1];
        System.arraycopy(leaf, 0, overlong, 0, serialAt + 1);
        overlong[serialAt + 1] = (byte) 0x81;
        overlong[serialAt + 2] = (byte) length;
        System.arraycopy(leaf, serialAt + 2, overlong, serialAt + 3, leaf.length - serialAt - 2);
        fixLengths(overlong, serialAt, 1);
        assertThat(CertificateDer.read(overlong, null)).isNull();
        assertThat(outcome(() -> ParsedCertificate.parse(overlong))).isEqualTo(bouncyCastle(overlong));
    }

    @Test
    void aWrongTagIsRefusedAsBouncyCastleRefusesIt() {
        byte[] leaf = leaf();
        byte[] wrongTag = leaf.clone();
        wrongTag[serialOffset(leaf)] = 0x04; // the serial as an OCTET STRING
        assertThat(CertificateDer.read(wrongTag, null)).isNull();
        assertThat(outcome(() -> ParsedCertificate.parse(wrongTag))).startsWith("refused").isEqualTo(bouncyCastle(wrongTag));
    }

    @Test
    void anIndefiniteLengthIsLeftToBouncyCastle() {
        byte[] leaf = leaf();
        byte[] indefinite = leaf.clone();
        indefinite[serialOffset(leaf) + 1] = (byte) 0x80;
        assertThat(CertificateDer.read(indefinite, null)).isNull();
        assertThat(outcome(() -> ParsedCertificate.parse(indefinite))).startsWith("refused").isEqualTo(bouncyCastle(indefinite));
    }

    @Test
    void aMalformedPeerIsStillRuleMalformed() {
        byte[] truncated = Arrays.copyOf(leaf(), 300);
        ValidationReport report = Validator.validate(ValidationRequest.builder(truncated, TrustAnchors.of("none", List.of()))
                .name(PeerName.dns("bench.test")).at(NOW).build());
        assertThat(report.problems()).extracting(Problem::rule).containsExactly(Rule.MALFORMED);
    }

    /**
     * That parse judges {@code der} as BouncyCastle's decode does; and whether it took the walk's
     * fields, in which case they are BouncyCastle's values.
     */
    private static boolean compare(byte[] der) {
        String expected = bouncyCastle(der);
        assertThat(outcome(() -> ParsedCertificate.parse(der))).as("parse judges as BouncyCastle").isEqualTo(expected);
        assertThat(outcome(() -> ParsedCertificate.parse(der, ISSUERS))).as("with remembered issuer names too").isEqualTo(expected);
        if (expected.equals("read")) {
            assertThat(ParsedCertificate.parse(der, ISSUERS).issuerKey()).isEqualTo(ParsedCertificate.parse(der).issuerKey());
        }
        if (expected.startsWith("refused")) {
            return false;
        }
        ParsedCertificate walked = ParsedCertificate.parse(der);
        if (!walked.walked()) {
            return false;
        }
        ParsedCertificate reference = ParsedCertificate.parseWithBouncyCastle(der.clone());
        assertThat(walked.version()).isEqualTo(reference.version());
        assertThat(walked.serial()).isEqualTo(reference.serial());
        assertThat(walked.serialLength()).isEqualTo(reference.serialLength());
        assertThat(walked.tbsSignatureAlgorithm()).isEqualTo(reference.tbsSignatureAlgorithm());
        assertThat(walked.issuer()).isEqualTo(reference.issuer());
        assertThat(walked.issuerKey()).isEqualTo(reference.issuerKey());
        assertThat(walked.subject()).isEqualTo(reference.subject());
        assertThat(walked.subjectKey()).isEqualTo(reference.subjectKey());
        assertThat(walked.notBefore()).isEqualTo(reference.notBefore());
        assertThat(walked.notAfter()).isEqualTo(reference.notAfter());
        assertThat(walked.publicKeyInfo()).isEqualTo(reference.publicKeyInfo());
        assertThat(walked.hasUniqueIds()).isEqualTo(reference.hasUniqueIds());
        assertThat(walked.extensions()).containsExactlyEntriesOf(reference.extensions());
        assertThat(walked.malformed()).isEqualTo(reference.malformed());
        assertThat(walked.signatureAlgorithm()).isEqualTo(reference.signatureAlgorithm());
        assertThat(walked.signature()).isEqualTo(reference.signature());
        assertThat(walked.signatureHasUnusedBits()).isEqualTo(reference.signatureHasUnusedBits());
        assertThat(walked.tbsReceived()).isEqualTo(reference.tbsReceived());
        return true;
    }

    private static String bouncyCastle(byte[] der) {
        return outcome(() -> ParsedCertificate.parseWithBouncyCastle(der.clone()));
    }

    private static String outcome(java.util.function.Supplier<ParsedCertificate> parse) {
        try {
            parse.get();
            return "read";
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] der = original.clone();
        int at = random.nextInt(der.length);
        return switch (random.nextInt(5)) {
            case 0 -> Arrays.copyOf(der, at); // truncated
            case 1 -> { // one octet changed
                der[at] = (byte) random.nextInt(256);
                yield der;
            }
            case 2 -> { // one bit flipped
                der[at] ^= (byte) (1 << random.nextInt(8));
                yield der;
            }
            case 3 -> { // one octet inserted
                byte[] longer = new byte[der.length + 1];
                System.arraycopy(der, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(der, at, longer, at + 1, der.length - at);
                yield longer;
            }
            default -> { // one octet deleted
                byte[] shorter = new byte[der.length - 1];
                System.arraycopy(der, 0, shorter, 0, at);
                System.arraycopy(der, at + 1, shorter, at, der.length - at - 1);
                yield shorter;
            }
        };
    }

    /** Offset of the serial's tag: certificate and TBS headers, then the version [0] (5 octets). */
    private static int serialOffset(byte[] der) {
        int tbs = headerLength(der, 0);
        return tbs + headerLength(der, tbs) + 5;
    }

    private static int headerLength(byte[] der, int at) {
        int first = der[at + 1] & 0xFF;
        return first < 0x80 ? 2 : 2 + (first & 0x7F);
    }

    /** Adds {@code grown} to the two-octet long-form lengths of the certificate and TBS headers, which enclose {@code at}. */
    private static void fixLengths(byte[] der, int at, int grown) {
        for (int header : new int[] {0, headerLength(der, 0)}) {
            assertThat(der[header + 1]).isEqualTo((byte) 0x82);
            int length = ((der[header + 2] & 0xFF) << 8 | (der[header + 3] & 0xFF)) + grown;
            der[header + 2] = (byte) (length >> 8);
            der[header + 3] = (byte) length;
        }
    }

    /** A TLS server leaf as {@link RuleChains} makes them: basicConstraints, keyUsage, extKeyUsage, a SAN. */
    private static byte[] leaf() {
        return RuleChains.leaf().issuedBy(RuleChains.root());
    }

    private static List<byte[]> certificates() throws IOException {
        List<byte[]> certificates = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestResources.path("pkits/certs"))) {
            for (Path file : files.sorted().toList()) {
                certificates.add(Files.readAllBytes(file));
            }
        }
        certificates.add(leaf());
        return certificates;
    }
}
