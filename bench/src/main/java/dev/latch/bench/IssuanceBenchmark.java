package dev.latch.bench;

import dev.latch.pki.ca.CaHome;
import dev.latch.pki.ca.CaInitOptions;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.Issued;
import dev.latch.pki.ca.LocalCa;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.core.keys.KeyPairs;
import dev.latch.core.keys.KeyType;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How close certificate issuance by the local CA comes to the cost of the one ECDSA signature it
 * must make. Goal: {@link #issue} at 80 % or more of the throughput of {@link #rawSign}.
 *
 * <ul>
 *   <li>{@link #rawSign}: one SHA256withECDSA signature (JCA default provider, SunEC) with the
 *       intermediate's key over a real leaf's TBSCertificate;</li>
 *   <li>{@link #issue}: {@link LocalCa#issue(IssueRequest)} of a TLS server certificate for a
 *       pre-generated P-256 key: building, signing and the durable registry insert (SQLite, WAL,
 *       synchronous=FULL), exactly as the CA does it;</li>
 *   <li>{@link #buildAndSign}: the same certificate built and signed as {@code LocalCa.issue} does,
 *       without the registry: what issuance costs before the database;</li>
 *   <li>{@link #issueMemoryRegistry}: {@code LocalCa.issue} with an in-memory SQLite registry: the
 *       registry's CPU cost without any disk write (for comparison only, never a configuration
 *       to run a CA with).</li>
 * </ul>
 *
 * The CA is created in a fresh temporary directory under {@code -Dlatch.bench.dir} (default: the
 * JVM's temporary directory). Mind that a tmpfs there hides the cost of fsync. The registry grows
 * by every certificate issued (tens of thousands of rows in a default run), as a busy CA's does.
 * Run with {@code bench/run-issuance.sh}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Benchmark)
public class IssuanceBenchmark {
    private Path dir;
    private LocalCa ca;
    private PrivateKey intermediateKey;
    private X509Certificate intermediate;
    private PublicKey subjectKey;
    private IssueRequest request;
    private byte[] tbs;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = temporaryDirectory();
        ca = LocalCa.init(new CaHome(dir), CaInitOptions.defaults());
        intermediate = ca.intermediate();
        Path keyFile = ca.home().intermediateKey();
        intermediateKey = PrivateKeys.read(Files.readAllBytes(keyFile), keyFile.toString(), PassphraseSource.NONE);
        if (!KeyPairs.matches(intermediateKey, intermediate.getPublicKey())) {
            throw new IllegalStateException(keyFile + " is not the intermediate's key");
        }
        subjectKey = KeyType.EC_P256.generate().getPublic();
        request = IssueRequest.server(List.of(AltName.parse("bench.test"))).withPublicKey(subjectKey);
        // the message rawSign signs: the TBSCertificate of a leaf exactly like the ones issue() makes
        tbs = ca.issue(request).certificate().getTBSCertificate();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(intermediate.getPublicKey());
        verifier.update(tbs);
        if (!verifier.verify(rawSign())) {
            throw new IllegalStateException("raw signature does not verify");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        close(ca, dir);
    }

    @Benchmark
    public byte[] rawSign() throws GeneralSecurityException {
        // what any signer must do per certificate: a Signature, initialised with the key, over the TBS
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(intermediateKey);
        signature.update(tbs);
        return signature.sign();
    }

    @Benchmark
    public Issued issue() {
        return ca.issue(request);
    }

    /** Raw signing by 8 threads at once: what 2 cores can sign in parallel. */
    @Benchmark
    @Threads(8)
    public byte[] rawSignConcurrent() throws GeneralSecurityException {
        return rawSign();
    }

    /**
     * Issuance by 8 threads sharing one CA: signing runs in parallel while the registry's group
     * commit makes one disk flush cover every row queued meanwhile.
     */
    @Benchmark
    @Threads(8)
    public Issued issueConcurrent() {
        return ca.issue(request);
    }

    @Benchmark
    public X509Certificate buildAndSign() {
        // mirrors LocalCa.issue for a TLS server certificate, minus the registry
        Instant now = Instant.now();
        CertificateBuilder builder = new CertificateBuilder()
                .serial(SerialNumbers.random())
                .subject(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "bench.test").build())
                .publicKey(subjectKey)
                .validity(now.minus(CertificateProfile.BACKDATE), now.plus(CertificateProfile.TLS_SERVER.defaultValidity()))
                .altNames(request.names());
        CertificateProfile.TLS_SERVER.apply(builder, KeyType.of(subjectKey), null);
        return builder.signWith(intermediate, intermediateKey);
    }

    /** A second CA whose registry is an in-memory SQLite database: the registry without the disk. */
    @State(Scope.Benchmark)
    public static class MemoryRegistryCa {
        private Path dir;
        private LocalCa ca;
        private IssueRequest request;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = temporaryDirectory();
            CaInitOptions defaults = CaInitOptions.defaults();
            ca = LocalCa.init(new CaHome(dir), new CaInitOptions(defaults.keyType(), null, null, "jdbc:sqlite::memory:",
                    null, null, List.of(), List.of()));
            request = IssueRequest.server(List.of(AltName.parse("bench.test")))
                    .withPublicKey(KeyType.EC_P256.generate().getPublic());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            close(ca, dir);
        }
    }

    @Benchmark
    public Issued issueMemoryRegistry(MemoryRegistryCa memory) {
        return memory.ca.issue(memory.request);
    }

    private static Path temporaryDirectory() throws IOException {
        Path base = Path.of(System.getProperty("latch.bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, "latch-bench-");
    }

    private static void close(LocalCa ca, Path dir) throws IOException {
        if (ca != null) {
            ca.close();
        }
        if (dir != null && Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
