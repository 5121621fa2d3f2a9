package dev.latch.bench;

import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.core.keys.KeyType;
import dev.latch.trust.PeerName;
import dev.latch.trust.TrustAnchors;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Certificate chain validation by Latch's {@link Validator} against the raw cost of the signature
 * checks the chain needs, and against the JDK's PKIX {@link CertPathValidator} plus the JDK's own
 * hostname check, on the same certificates, at the same fixed time. Goal (issue 10): Latch's time
 * per validation at most 1.3x the raw signature checks, for both key types.
 *
 * <p>The chains: root, intermediate (pathLen 0) and leaf, made with {@link CertificateBuilder}
 * and the profiles of {@link CertificateProfile} (SKI/AKI, keyUsage, the leaf with
 * DNS:bench.test and extKeyUsage serverAuth), all EC P-256 ({@code *Ec}) or all RSA-2048
 * ({@code *Rsa}). What each benchmark does per call:
 * <ul>
 *   <li>{@code latchEc}, {@code latchRsa}: {@code Validator.validate} of the leaf's and the
 *       intermediate's DER with the name {@code bench.test} against a {@link TrustAnchors} of the
 *       root (made once: a server loads its trust store once). Latch parses the leaf every call
 *       (the intermediate comes from its parse cache) and verifies the leaf's signature every call
 *       (the intermediate's is remembered, as the issue allows); the report must say trusted.</li>
 *   <li>{@code signaturesEc}, {@code signaturesRsa}: the baseline, the raw signature checks that
 *       validation needs and nothing else: one verification of a leaf's TBSCertificate by the
 *       intermediate's key, decoded once, with the implementation Latch uses (EC: BouncyCastle's
 *       ECDSA, hash and DER signature decoding included; RSA: the JCA's SHA256withRSA). <b>Latch's
 *       time as a multiple of this is what the goal is about.</b></li>
 *   <li>{@code rawVerifyEc}, {@code rawVerifyRsa}: the same verification with the JCA's default
 *       provider (for EC that is SunEC, slower than BouncyCastle's ECDSA): what any validator
 *       verifying with the JCA can at most reach.</li>
 *   <li>{@code jdkEc}, {@code jdkRsa}: both certificates from DER with
 *       {@link CertificateFactory#generateCertificate}, {@link CertificateFactory#generateCertPath},
 *       {@link CertPathValidator#validate} with {@link PKIXParameters} (the root as the one
 *       {@link TrustAnchor}, revocation off, the date set), then what the JDK's TLS trust manager
 *       adds for a server certificate: its EndEntityChecker's extKeyUsage serverAuth and keyUsage
 *       digitalSignature tests (written out here: that class is not reachable) and the JDK's own
 *       {@code sun.security.util.HostnameChecker} (TLS rules), called through a method handle:
 *       the fork needs {@code --add-exports java.base/sun.security.util=ALL-UNNAMED}. The factory,
 *       the validator and the parameters are made once (the JDK allows their reuse, as its
 *       trust manager does with its parameters); the certificates and the path are made per call.
 *       The JDK figures the Latch ratio is compared with.</li>
 *   <li>{@code jdkEcPreparsed}, {@code jdkRsaPreparsed}: the JDK with one {@link CertPath} made
 *       in setup: no parsing at all. Mind that a JDK certificate object remembers the key it was
 *       verified with, so from the second call on these verify no signature either: an upper
 *       bound for the JDK, not like-for-like.</li>
 *   <li>{@code *SameLeaf}: Latch and the JDK (per-call parse) validating one and the same leaf
 *       every call: Latch takes the parsed leaf from its cache but still verifies its signature
 *       (it never remembers a peer's), while the JDK's factory returns its cached certificate
 *       object, which remembers its verification: for information only.</li>
 * </ul>
 *
 * <p>The leaf's signature must be verified on every call: a server sees many different leaves,
 * and the issue allows caching the intermediates' signatures only. Latch never remembers a
 * leaf's signature; the JDK caches certificate objects by their exact bytes, so {@code latchEc},
 * {@code jdkEc}, {@code latchRsa} and {@code jdkRsa} take their leaf, round-robin, from
 * {@value #LEAVES} distinct leaves (same key and names, different serials) issued by the one
 * intermediate: more than the JDK's certificate cache holds (750) and Latch's parse cache
 * (1,000, least recently used first), so each leaf is parsed and verified again when it comes back.
 * The intermediate's signature is taken from the cache on both sides (Latch: the validator's
 * verified CA signatures; the JDK: its cached intermediate object). So per call both sides verify
 * exactly one signature, as {@code signatures*} and {@code rawVerify*} do.
 *
 * <p>Run with {@code bench/run-validation.sh}. The setup of the {@code *Ec}, {@code *Rsa},
 * {@code signatures*} and {@code rawVerify*} benchmarks issues the leaves first (RSA-2048: some
 * seconds on 2 cores).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = ValidationBenchmark.ADD_EXPORTS)
public class ValidationBenchmark {
    /** What the fork needs for the JDK's HostnameChecker (the run script passes it too). */
    static final String ADD_EXPORTS = "--add-exports=java.base/sun.security.util=ALL-UNNAMED";
    /** Distinct leaves per key type: above Latch's parse cache (1,000) and the JDK's certificate cache (750). */
    static final int LEAVES = 10_240;
    static final String HOST = "bench.test";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EKU = "2.5.29.37.0";

    /** Root, intermediate and one leaf of one key type; the JDK's objects; what both validate against. */
    public abstract static class Chain {
        // fixed dates, and a fixed validation time inside all of them
        static final Instant CA_NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
        static final Instant ROOT_NOT_AFTER = Instant.parse("2035-01-01T00:00:00Z");
        static final Instant INTERMEDIATE_NOT_AFTER = Instant.parse("2030-01-01T00:00:00Z");
        static final Instant LEAF_NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
        static final Instant AT = Instant.parse("2026-02-01T12:00:00Z");

        KeyType type;
        X509Certificate intermediate;
        PrivateKey intermediateKey;
        PublicKey leafKey;
        byte[] rootDer;
        byte[] intermediateDer;
        byte[] leafDer;
        TrustAnchors anchors;
        CertificateFactory factory;
        CertPathValidator validator;
        PKIXParameters params;
        CertPath preparsed;
        X509Certificate preparsedLeaf;

        void create(KeyType keyType) throws Exception {
            type = keyType;
            KeyPair rootKeys = type.generate();
            CertificateBuilder rootBuilder = new CertificateBuilder()
                    .serial(BigInteger.ONE)
                    .subject(name("Latch Bench Root " + type.cliName()))
                    .publicKey(rootKeys.getPublic())
                    .validity(CA_NOT_BEFORE, ROOT_NOT_AFTER);
            CertificateProfile.ROOT_CA.apply(rootBuilder, type, null);
            X509Certificate root = rootBuilder.selfSign(rootKeys.getPrivate());

            KeyPair intermediateKeys = type.generate();
            CertificateBuilder intermediateBuilder = new CertificateBuilder()
                    .serial(BigInteger.TWO)
                    .subject(name("Latch Bench Intermediate " + type.cliName()))
                    .publicKey(intermediateKeys.getPublic())
                    .validity(CA_NOT_BEFORE, INTERMEDIATE_NOT_AFTER);
            CertificateProfile.INTERMEDIATE_CA.apply(intermediateBuilder, type, 0);
            intermediate = intermediateBuilder.signWith(root, rootKeys.getPrivate());
            intermediateKey = intermediateKeys.getPrivate();
            leafKey = type.generate().getPublic();

            rootDer = root.getEncoded();
            intermediateDer = intermediate.getEncoded();
            leafDer = issueLeaf(0);
            anchors = TrustAnchors.of("the bench root", List.of(rootDer));

            factory = CertificateFactory.getInstance("X.509");
            validator = CertPathValidator.getInstance("PKIX");
            params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(AT));
            preparsedLeaf = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(leafDer));
            preparsed = factory.generateCertPath(List.of(preparsedLeaf,
                    (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(intermediateDer))));

            // both must accept the chain, and both must refuse another name (the name check is on)
            if (!latch(this, leafDer).trusted()) {
                throw new IllegalStateException("Latch does not trust the " + type.cliName() + " chain:\n"
                        + latchReport(leafDer, HOST).toText());
            }
            if (latchReport(leafDer, "other.test").trusted()) {
                throw new IllegalStateException("Latch trusts the " + type.cliName() + " leaf for other.test");
            }
            jdk(this, leafDer);
            jdkPreparsed(this);
            try {
                JdkHostname.match("other.test", preparsedLeaf);
                throw new IllegalStateException("the JDK's HostnameChecker accepts other.test");
            } catch (CertificateException expected) {
                // refused, as it must be
            }
        }

        /** A TLS server leaf for bench.test, distinct from the others by its serial. */
        byte[] issueLeaf(int index) {
            CertificateBuilder builder = new CertificateBuilder()
                    .serial(BigInteger.valueOf(1_000_000L + index))
                    .subject(name(HOST))
                    .publicKey(leafKey)
                    .validity(LEAF_NOT_BEFORE, LEAF_NOT_BEFORE.plus(CertificateProfile.TLS_SERVER.defaultValidity()))
                    .altNames(List.of(AltName.parse(HOST)));
            CertificateProfile.TLS_SERVER.apply(builder, type, null);
            try {
                return builder.signWith(intermediate, intermediateKey).getEncoded();
            } catch (CertificateException e) {
                throw new IllegalStateException(e);
            }
        }

        ValidationReport latchReport(byte[] leaf, String host) {
            return Validator.validate(ValidationRequest.builder(leaf, anchors)
                    .intermediates(List.of(intermediateDer)).name(PeerName.dns(host)).at(AT).build());
        }

        private static X500Name name(String commonName) {
            return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Latch bench").addRDN(BCStyle.CN, commonName).build();
        }
    }

    @State(Scope.Benchmark)
    public static class EcChain extends Chain {
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            create(KeyType.EC_P256);
        }
    }

    @State(Scope.Benchmark)
    public static class RsaChain extends Chain {
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            create(KeyType.RSA_2048);
        }
    }

    /**
     * {@value #LEAVES} distinct leaves of one chain, handed out round-robin; for the raw baseline,
     * each one's TBSCertificate and signature.
     */
    public abstract static class Leaves {
        Chain chain;
        private byte[][] ders;
        private byte[][] tbs;
        private byte[][] signatures;
        private int next;
        private ECPublicKeyParameters ecKey;

        void create(Chain of) throws Exception {
            chain = of;
            if (of.type == KeyType.EC_P256) {
                ecKey = (ECPublicKeyParameters) PublicKeyFactory.createKey(
                        SubjectPublicKeyInfo.getInstance(of.intermediate.getPublicKey().getEncoded()));
            }
            // both cores: RSA-2048 signing makes this take seconds
            ders = IntStream.range(0, LEAVES).parallel().mapToObj(of::issueLeaf).toArray(byte[][]::new);
            tbs = new byte[LEAVES][];
            signatures = new byte[LEAVES][];
            for (int i = 0; i < LEAVES; i++) {
                Certificate certificate = Certificate.getInstance(ders[i]);
                tbs[i] = certificate.getTBSCertificate().getEncoded("DER");
                signatures[i] = certificate.getSignature().getOctets();
            }
            for (int i = 0; i < 4; i++) {
                if (!latch(chain, ders[i]).trusted()) {
                    throw new IllegalStateException("Latch does not trust leaf #" + i);
                }
                jdk(chain, ders[i]);
                if (!rawVerify(i) || !signatures(i)) {
                    throw new IllegalStateException("the signature of leaf #" + i + " does not verify");
                }
            }
        }

        int nextIndex() {
            int i = next; // a racy update stays in range: only in-range values are ever written
            next = i + 1 == ders.length ? 0 : i + 1;
            return i;
        }

        byte[] next() {
            return ders[nextIndex()];
        }

        /**
         * The signature checks the chain needs, done as Latch does them and nothing else: the leaf's
         * (the intermediate's is remembered) by the intermediate's key, decoded once. EC P-256 with
         * BouncyCastle's ECDSA (the hash, the DER signature decoded, the verification), RSA with the
         * JCA's SHA256withRSA.
         */
        boolean signatures(int i) throws GeneralSecurityException {
            if (chain.type != KeyType.EC_P256) {
                return rawVerify(i);
            }
            try {
                BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(ecKey.getParameters().getN(), signatures[i]);
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(tbs[i]);
                ECDSASigner verifier = new ECDSASigner();
                verifier.init(false, ecKey);
                return verifier.verifySignature(hash, rs[0], rs[1]);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
        }

        /** The one signature check a validator cannot skip: the leaf's, by the intermediate's (parsed) key, JCA default provider. */
        boolean rawVerify(int i) throws GeneralSecurityException {
            Signature verifier = Signature.getInstance(chain.type.signatureAlgorithm());
            verifier.initVerify(chain.intermediate.getPublicKey());
            verifier.update(tbs[i]);
            return verifier.verify(signatures[i]);
        }
    }

    @State(Scope.Benchmark)
    public static class EcLeaves extends Leaves {
        @Setup(Level.Trial)
        public void setUp(EcChain ec) throws Exception {
            create(ec);
        }
    }

    @State(Scope.Benchmark)
    public static class RsaLeaves extends Leaves {
        @Setup(Level.Trial)
        public void setUp(RsaChain rsa) throws Exception {
            create(rsa);
        }
    }

    // ---- EC P-256 ----

    @Benchmark
    public boolean signaturesEc(EcLeaves leaves) throws GeneralSecurityException {
        return leaves.signatures(leaves.nextIndex());
    }

    @Benchmark
    public boolean rawVerifyEc(EcLeaves leaves) throws GeneralSecurityException {
        return leaves.rawVerify(leaves.nextIndex());
    }

    @Benchmark
    public ValidationReport latchEc(EcLeaves leaves) {
        return latch(leaves.chain, leaves.next());
    }

    @Benchmark
    public PKIXCertPathValidatorResult jdkEc(EcLeaves leaves) {
        return jdk(leaves.chain, leaves.next());
    }

    @Benchmark
    public PKIXCertPathValidatorResult jdkEcPreparsed(EcChain chain) {
        return jdkPreparsed(chain);
    }

    @Benchmark
    public ValidationReport latchEcSameLeaf(EcChain chain) {
        return latch(chain, chain.leafDer);
    }

    @Benchmark
    public PKIXCertPathValidatorResult jdkEcSameLeaf(EcChain chain) {
        return jdk(chain, chain.leafDer);
    }

    // ---- RSA-2048 ----

    @Benchmark
    public boolean signaturesRsa(RsaLeaves leaves) throws GeneralSecurityException {
        return leaves.signatures(leaves.nextIndex());
    }

    @Benchmark
    public boolean rawVerifyRsa(RsaLeaves leaves) throws GeneralSecurityException {
        return leaves.rawVerify(leaves.nextIndex());
    }

    @Benchmark
    public ValidationReport latchRsa(RsaLeaves leaves) {
        return latch(leaves.chain, leaves.next());
    }

    @Benchmark
    public PKIXCertPathValidatorResult jdkRsa(RsaLeaves leaves) {
        return jdk(leaves.chain, leaves.next());
    }

    @Benchmark
    public PKIXCertPathValidatorResult jdkRsaPreparsed(RsaChain chain) {
        return jdkPreparsed(chain);
    }

    @Benchmark
    public ValidationReport latchRsaSameLeaf(RsaChain chain) {
        return latch(chain, chain.leafDer);
    }

    @Benchmark
    public PKIXCertPathValidatorResult jdkRsaSameLeaf(RsaChain chain) {
        return jdk(chain, chain.leafDer);
    }

    // ---- the two validations ----

    /** Latch: the request as a server builds it from what it received, and the verdict. */
    static ValidationReport latch(Chain chain, byte[] leaf) {
        ValidationReport report = chain.latchReport(leaf, HOST);
        if (!report.trusted()) {
            throw new IllegalStateException(report.summary());
        }
        return report;
    }

    /** The JDK from DER: parse both certificates, make the path, PKIX, then the TLS server checks. */
    static PKIXCertPathValidatorResult jdk(Chain chain, byte[] leafDer) {
        try {
            X509Certificate leaf = (X509Certificate) chain.factory.generateCertificate(new ByteArrayInputStream(leafDer));
            X509Certificate intermediate = (X509Certificate) chain.factory.generateCertificate(
                    new ByteArrayInputStream(chain.intermediateDer));
            CertPath path = chain.factory.generateCertPath(List.of(leaf, intermediate));
            return jdkValidate(chain, path, leaf);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refuses the " + chain.type.cliName() + " chain: " + e, e);
        }
    }

    static PKIXCertPathValidatorResult jdkPreparsed(Chain chain) {
        try {
            return jdkValidate(chain, chain.preparsed, chain.preparsedLeaf);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refuses the " + chain.type.cliName() + " chain: " + e, e);
        }
    }

    private static PKIXCertPathValidatorResult jdkValidate(Chain chain, CertPath path, X509Certificate leaf)
            throws GeneralSecurityException {
        PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) chain.validator.validate(path, chain.params);
        serverUsage(leaf);
        JdkHostname.match(HOST, leaf);
        return result;
    }

    /**
     * What the JDK's EndEntityChecker (sun.security.validator) tests of a TLS server's certificate:
     * extKeyUsage, when present, allows serverAuth (or any); keyUsage, when present, digitalSignature
     * (ECDHE and TLS 1.3, what any server today negotiates).
     */
    private static void serverUsage(X509Certificate leaf) throws CertificateException {
        List<String> eku = leaf.getExtendedKeyUsage();
        if (eku != null && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_EKU)) {
            throw new CertificateException("extKeyUsage does not allow serverAuth");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[0]) {
            throw new CertificateException("keyUsage does not allow digitalSignature");
        }
    }

    /** The JDK's own hostname check (RFC 2818/6125 rules, as its TLS trust manager applies them). */
    static final class JdkHostname {
        private static final MethodHandle MATCH;
        private static final Object TLS;

        static {
            try {
                Class<?> checker = Class.forName("sun.security.util.HostnameChecker");
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                byte tlsType = (byte) lookup.findStaticGetter(checker, "TYPE_TLS", byte.class).invoke();
                TLS = lookup.findStatic(checker, "getInstance", MethodType.methodType(checker, byte.class)).invoke(tlsType);
                MATCH = lookup.findVirtual(checker, "match", MethodType.methodType(void.class, String.class, X509Certificate.class))
                        .asType(MethodType.methodType(void.class, Object.class, String.class, X509Certificate.class));
            } catch (Throwable e) {
                throw new IllegalStateException("the JDK's HostnameChecker is not reachable: run the fork with "
                        + ADD_EXPORTS + " (" + e + ")", e);
            }
        }

        private JdkHostname() {
        }

        static void match(String host, X509Certificate leaf) throws CertificateException {
            try {
                MATCH.invokeExact(TLS, host, leaf);
            } catch (CertificateException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
