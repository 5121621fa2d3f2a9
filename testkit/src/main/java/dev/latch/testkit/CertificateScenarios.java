package dev.latch.testkit;

import dev.latch.core.pem.Pem;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.ca.RevocationReason;
import dev.latch.pki.cert.AltName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A server certificate for each way a client must refuse one (expired, for another host, from an
 * unknown root, without its intermediate…) and a good one, as files any server reads (nginx,
 * {@code openssl s_server}, {@code latch serve}); all but the self-signed one and the unknown
 * root's come from one {@link ThrowawayCa}, whose root the clients trust ({@link #rootPem()}).
 * The CA's intermediate and its CRL are served over plain HTTP on loopback ({@link #http()}), at
 * the URLs the certificates name in their AIA "CA Issuers" and CRL distribution point extensions.
 *
 * <pre>{@code
 * try (CertificateScenarios scenarios = CertificateScenarios.create(dir)) {
 *     ServerFiles expired = scenarios.files(Scenario.EXPIRED);
 *     ... nginx with ssl_certificate expired.chain(), curl --cacert scenarios.rootPem()
 *         --resolve expired.host():PORT:127.0.0.1 https://expired.host():PORT/ ...
 * }
 * }</pre>
 */
public final class CertificateScenarios implements AutoCloseable {
    /** The path of the intermediate (DER) on {@link #http()}. */
    public static final String INTERMEDIATE_PATH = "/intermediate.der";
    /** The path of the intermediate's CRL (DER) on {@link #http()}. */
    public static final String CRL_PATH = "/intermediate.crl";

    /** What is wrong with a server's certificate, and the name a client asks for. */
    public enum Scenario {
        /** Nothing: the control. */
        GOOD("good.test"),
        /** notAfter 10 days ago. */
        EXPIRED("expired.test"),
        /** notBefore 10 days ahead. */
        NOT_YET_VALID("not-yet-valid.test"),
        /** Valid for {@value #RIGHT_HOST} only. */
        WRONG_HOST("wrong-host.test"),
        /** Signed by its own key. */
        SELF_SIGNED("self-signed.test"),
        /** From another CA, whose root the client does not trust. */
        UNKNOWN_ROOT("unknown-root.test"),
        /** The server sends the leaf alone; its AIA "CA Issuers" URL gives the intermediate. */
        MISSING_INTERMEDIATE("missing-intermediate.test"),
        /** Revoked (keyCompromise) in the intermediate's CRL, at the certificate's CRL distribution point URL. */
        REVOKED("revoked.test"),
        /** extKeyUsage clientAuth only, no serverAuth. */
        WRONG_EKU("wrong-eku.test"),
        /** {@value #WILDCARD}, which covers one label, asked for two labels below it. */
        WILDCARD_TOO_DEEP("a.b.example.test"),
        /** The name in the subject's CN only, no subjectAltName. */
        CN_ONLY("cn-only.test");

        /** The one name in the {@link #WRONG_HOST} certificate. */
        public static final String RIGHT_HOST = "right-host.test";
        /** The one name in the {@link #WILDCARD_TOO_DEEP} certificate. */
        public static final String WILDCARD = "*.example.test";

        private final String host;

        Scenario(String host) {
            this.host = host;
        }

        /** The name the client asks for (in the URL, the SNI and the Host header). */
        public String host() {
            return host;
        }

        /** The name the certificate is for (the first of its subjectAltNames, its subject's CN). */
        public String certificateName() {
            return switch (this) {
                case WRONG_HOST -> RIGHT_HOST;
                case WILDCARD_TOO_DEEP -> WILDCARD;
                default -> host;
            };
        }

        /** For file and folder names: {@code missing-intermediate}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A scenario's files, as servers read them.
     *
     * @param chain         the certificate and the intermediates the server sends (nginx, latch serve)
     * @param leaf          the certificate alone ({@code openssl s_server -cert})
     * @param intermediates the intermediates alone ({@code openssl s_server -cert_chain}); null when the server sends none
     * @param key           the private key (PEM, unencrypted)
     */
    public record ServerFiles(Scenario scenario, Path chain, Path leaf, Path intermediates, Path key) {
        /** The name the client asks for. */
        public String host() {
            return scenario.host();
        }
    }

    private final ThrowawayCa ca;
    private final ThrowawayCa other;
    private final LoopbackHttpServer http;
    private final Map<Scenario, ServerFiles> files = new EnumMap<>(Scenario.class);
    private final Path crlPem;
    private final IssuedFiles client;

    private CertificateScenarios(ThrowawayCa ca, ThrowawayCa other, LoopbackHttpServer http, Path dir) throws IOException {
        this.ca = ca;
        this.other = other;
        this.http = http;
        http.publish(INTERMEDIATE_PATH, "application/pkix-cert", der(ca.localCa().intermediate()));
        Instant now = Instant.now();
        for (Scenario scenario : Scenario.values()) {
            String name = scenario.certificateName();
            String file = scenario.id();
            IssuedFiles issued = switch (scenario) {
                case GOOD, WRONG_HOST, WILDCARD_TOO_DEEP -> ca.issueServer(dir, file, name);
                case EXPIRED -> ca.issueServer(dir, file, now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(10)), name);
                case NOT_YET_VALID -> ca.issueServer(dir, file, now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(100)), name);
                case SELF_SIGNED -> ThrowawayCa.selfSignedServer(dir, file, name);
                case UNKNOWN_ROOT -> other.issueServer(dir, file, name);
                case MISSING_INTERMEDIATE -> ca.issueServer(dir, file, builder -> builder.caIssuers(http.url(INTERMEDIATE_PATH)), name);
                case REVOKED -> ca.issue(IssueRequest.server(List.of(AltName.parse(name))).withCrlUrl(http.url(CRL_PATH)), dir, file);
                case WRONG_EKU -> ca.issueClient(dir, file, name);
                case CN_ONLY -> ca.issueServerWithoutAltNames(dir, file, name);
            };
            List<X509Certificate> sent = scenario == Scenario.MISSING_INTERMEDIATE
                    ? List.of(issued.issued().certificate()) : issued.issued().chain();
            files.put(scenario, write(scenario, dir, sent, issued.key()));
            if (scenario == Scenario.REVOKED) {
                ca.localCa().revoke(issued.issued().certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
            }
        }
        byte[] crl = ca.localCa().crl(false).getEncoded();
        http.publish(CRL_PATH, "application/pkix-crl", crl);
        this.crlPem = Files.writeString(dir.resolve("intermediate-crl.pem"), Pem.encode(Pem.CRL, crl));
        this.client = ca.issueClient(dir, "client", "client.test");
    }

    /** Every scenario's certificate in {@code dir}, and the loopback HTTP server for their URLs, running. */
    public static CertificateScenarios create(Path dir) {
        ThrowawayCa ca = ThrowawayCa.in(dir, "scenario-ca");
        ThrowawayCa other = ThrowawayCa.in(dir, "other-ca");
        LoopbackHttpServer http = LoopbackHttpServer.start();
        try {
            return new CertificateScenarios(ca, other, http, dir);
        } catch (IOException | RuntimeException e) {
            http.close();
            other.close();
            ca.close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot write the scenarios' files in " + dir, io)
                    : (RuntimeException) e;
        }
    }

    /** The root every scenario's certificate chains to (but the self-signed one and the unknown root's): what clients trust. */
    public Path rootPem() {
        return ca.rootPem();
    }

    /** The root of the CA that issued {@link Scenario#UNKNOWN_ROOT}'s certificate, which clients are not told to trust. */
    public Path otherRootPem() {
        return other.rootPem();
    }

    /** The files of {@code scenario}. */
    public ServerFiles files(Scenario scenario) {
        return files.get(scenario);
    }

    /** The intermediate's CRL, listing {@link Scenario#REVOKED}'s certificate, as a PEM file ({@code curl --crlfile}). */
    public Path crlPem() {
        return crlPem;
    }

    /** A TLS client certificate (clientAuth) for {@code client.test} from the same CA, with its intermediate. */
    public IssuedFiles client() {
        return client;
    }

    /** The loopback HTTP server of the CA Issuers and CRL URLs: it counts the fetches. */
    public LoopbackHttpServer http() {
        return http;
    }

    private static ServerFiles write(Scenario scenario, Path dir, List<X509Certificate> sent, Path key) throws IOException {
        Path chain = Files.writeString(dir.resolve(scenario.id() + ".pem"), Pem.certificates(sent));
        Path leaf = Files.writeString(dir.resolve(scenario.id() + "-leaf.pem"), Pem.certificate(sent.get(0)));
        Path intermediates = sent.size() == 1 ? null
                : Files.writeString(dir.resolve(scenario.id() + "-intermediates.pem"), Pem.certificates(sent.subList(1, sent.size())));
        return new ServerFiles(scenario, chain, leaf, intermediates, key);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate the CA made cannot be encoded", e);
        }
    }

    @Override
    public void close() {
        try (ca; other; http) {
            // closes all three, the last opened first
        }
    }
}
