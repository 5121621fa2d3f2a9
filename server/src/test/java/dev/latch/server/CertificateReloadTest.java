package dev.latch.server;

import dev.latch.server.site.VirtualHost;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.cert.AltName;
import dev.latch.core.pem.Pem;
import dev.latch.server.files.StaticFiles;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.certs.FileCertificateSource;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.tls.certs.LocalCaCertificateSource;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.TlsHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates change under a running server: new files are picked up without a restart (and
 * open connections carry on), and local-CA certificates are renewed long before they expire.
 */
class CertificateReloadTest {
    @TempDir
    Path dir;
    TestSites sites;
    HttpsServer server;
    final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        sites = new TestSites(dir);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        sites.close();
    }

    void writeIssued(Path cert, Path key, Duration validity) throws Exception {
        IssuedFiles next = sites.ca.issue(IssueRequest.server(List.of(AltName.parse("localhost"))).withValidity(validity),
                dir, "next");
        Files.move(next.key(), key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(next.chain(), cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    String servedSerial() {
        ProcessRun tool = OpenSsl.sClient(dir, "Q\n", List.of("-connect", "127.0.0.1:" + server.httpsPort(),
                "-servername", "localhost"));
        ProcessRun serial = OpenSsl.run(dir, tool.out(), List.of("x509", "-noout", "-serial"));
        return serial.out().trim();
    }

    static String serialOf(Path pem) {
        return "serial=" + dev.latch.pki.cert.Certificates.read(dev.latch.core.io.Inputs.read(pem), pem.toString())
                .get(0).getSerialNumber().toString(16).toUpperCase();
    }

    /** A server whose one host's certificate comes from files (issued here for 30 days). */
    void startWithFiles(Path cert, Path key, TlsEngine engine) throws Exception {
        writeIssued(cert, key, Duration.ofDays(30));
        TlsHost tls = new TlsHost(List.of(new HostNamePattern("localhost")),
                new FileCertificateSource(cert, key, sites.noPassphrase()), engine, ClientAuth.NONE, null, TlsPolicy.ALPN);
        server = HttpsServer.builder().host(new VirtualHost(tls, List.of(), null,
                new StaticFiles(sites.docroot("files-" + engine), false, sites.files))).port(0).events(events::add).start();
    }

    @Test
    void newFilesAreServedWithoutARestartWhileOpenConnectionsCarryOn() throws Exception {
        Path cert = dir.resolve("site.pem");
        Path key = dir.resolve("site-key.pem");
        startWithFiles(cert, key, TlsEngine.BORINGSSL);
        String before = servedSerial();
        assertThat(before).isEqualToIgnoringCase(serialOf(cert));

        try (SSLSocket open = connect()) {
            writeIssued(cert, key, Duration.ofDays(30));
            String expected = serialOf(cert);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!servedSerial().equalsIgnoreCase(expected) && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(servedSerial()).isEqualToIgnoringCase(expected).isNotEqualToIgnoringCase(before);
            assertThat(events).anyMatch(e -> e.contains("certificate loaded from " + cert));
            X509Certificate stillOld = (X509Certificate) open.getSession().getPeerCertificates()[0];
            assertThat("serial=" + stillOld.getSerialNumber().toString(16)).isEqualToIgnoringCase(before);
            open.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(open.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("the connection opened before the reload still works").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aBrokenReplacementKeepsTheCurrentCertificate() throws Exception {
        Path cert = dir.resolve("site.pem");
        Path key = dir.resolve("site-key.pem");
        startWithFiles(cert, key, TlsEngine.JDK);
        String before = servedSerial();
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nnot base64\n");
        server.reloadCertificates();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.stream().noneMatch(e -> e.contains("kept the current certificate")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(events).anyMatch(e -> e.startsWith("localhost: kept the current certificate; cannot load the new one: ")
                && e.contains("site.pem"));
        assertThat(servedSerial()).isEqualTo(before);
    }

    @Test
    void localCaCertificatesRenewWithAThirdOfTheirLifeLeft() throws Exception {
        Path certs = dir.resolve("auto");
        LocalCaCertificateSource source = new LocalCaCertificateSource(sites.ca.localCa(),
                List.of(AltName.parse("localhost")), certs, null);
        KeyMaterial first = source.load();
        assertThat(Duration.between(Instant.now(), first.notAfter())).isGreaterThan(Duration.ofDays(80));
        assertThat(source.needsReload(Instant.now())).isFalse();
        assertThat(source.needsReload(first.notAfter().minus(Duration.ofDays(29)))).isTrue();
        assertThat(new LocalCaCertificateSource(sites.ca.localCa(), List.of(AltName.parse("localhost")), certs, null).load()
                .leaf()).as("kept across restarts").isEqualTo(first.leaf());

        // a stored certificate close to its end is replaced at start
        writeIssued(source.certificateFile(), certs.resolve("localhost-key.pem"), Duration.ofMinutes(1));
        KeyMaterial renewed = new LocalCaCertificateSource(sites.ca.localCa(), List.of(AltName.parse("localhost")), certs, null).load();
        assertThat(renewed.notAfter()).isAfter(Instant.now().plus(Duration.ofDays(80)));
        assertThat(Files.readString(source.certificateFile())).isEqualTo(Pem.certificates(renewed.chain()));
        assertThat(Files.getPosixFilePermissions(certs.resolve("localhost-key.pem")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");

        // other names: a new certificate
        KeyMaterial more = new LocalCaCertificateSource(sites.ca.localCa(), List.of(AltName.parse("localhost"),
                AltName.parse("127.0.0.1")), certs, null).load();
        assertThat(more.leaf()).isNotEqualTo(renewed.leaf());
    }

    /**
     * A server with two hosts whose files are in {@code dir/live-NAME}, a symbolic link to the
     * folder of the current version (as certbot keeps them), so a new version lands all at once.
     * The files are checked every 50 ms.
     */
    void startWithLinkedFiles(IssuedFiles localhost, IssuedFiles other) throws Exception {
        link("localhost", localhost);
        link("other.test", other);
        HttpsServer.Builder builder = HttpsServer.builder().port(0).events(events::add).certificateCheck(Duration.ofMillis(50));
        files = builder.files();
        List<VirtualHost> hosts = new java.util.ArrayList<>();
        for (String name : List.of("localhost", "other.test")) {
            Path live = dir.resolve("live-" + name);
            TlsHost tls = new TlsHost(List.of(new HostNamePattern(name)), new FileCertificateSource(live.resolve("cert.pem"),
                    live.resolve("key.pem"), sites.noPassphrase()), TlsEngine.BORINGSSL, ClientAuth.NONE, null, TlsPolicy.ALPN);
            hosts.add(new VirtualHost(tls, List.of(), null, new StaticFiles(sites.docroot(name), false, files)));
        }
        hosts.forEach(builder::host);
        server = builder.start();
    }

    int versions;
    /** The pool of the server {@link #startWithLinkedFiles} makes, which the server closes. */
    dev.latch.http.BlockingPool files;

    /** Puts {@code files} in place for {@code host}: copied into a new folder, then the link swapped to it in one rename. */
    void link(String host, IssuedFiles files) throws Exception {
        Path version = Files.createDirectories(dir.resolve("v" + ++versions));
        Files.copy(files.chain(), version.resolve("cert.pem"));
        Files.copy(files.key(), version.resolve("key.pem"));
        Path next = Files.createSymbolicLink(dir.resolve("next-link"), version);
        Files.move(next, dir.resolve("live-" + host), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits up to 15 s until {@code count} events match. */
    void awaitEvents(java.util.function.Predicate<String> wanted, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (events.stream().filter(wanted).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(events.stream().filter(wanted).count()).as(String.join("\n", events)).isGreaterThanOrEqualTo(count);
    }

    static String serialOf(IssuedFiles files) {
        return "serial=" + files.issued().certificate().getSerialNumber().toString(16).toUpperCase();
    }

    @Test
    void aReplacementClientsWouldRefuseIsNotServedAndSaidOnceThenAGoodOneIs() throws Exception {
        IssuedFiles first = sites.ca.issueServer(dir, "first", "localhost");
        startWithLinkedFiles(first, sites.ca.issueServer(dir, "other-0", "other.test"));
        assertThat(servedSerial()).isEqualToIgnoringCase(serialOf(first));

        Instant notAfter = Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        link("localhost", sites.ca.issueServer(dir, "expired", notAfter.minus(Duration.ofDays(90)), notAfter, "localhost"));
        java.util.function.Predicate<String> kept = e -> e.startsWith("localhost: kept the current certificate");
        awaitEvents(kept, 1);
        assertThat(events.stream().filter(kept)).singleElement().isEqualTo("localhost: kept the current certificate; "
                + "the new one from " + dir.resolve("live-localhost/cert.pem") + " + " + dir.resolve("live-localhost/key.pem")
                + " expired at " + notAfter + " — renew it");
        assertThat(servedSerial()).as("openssl still gets the first certificate").isEqualToIgnoringCase(serialOf(first));

        // each new certificate of the other host is taken up by a later check, and every check looks at localhost first
        for (int i = 1; i <= 3; i++) {
            link("other.test", sites.ca.issueServer(dir, "other-" + i, "other.test"));
            awaitEvents(e -> e.startsWith("other.test: certificate loaded"), i);
        }
        assertThat(events.stream().filter(kept)).as("checks after the refusal do not repeat it").hasSize(1);

        link("localhost", sites.ca.issueServer(dir, "wrong-name", "not-localhost.test"));
        awaitEvents(kept, 2);
        assertThat(events.get(events.size() - 1)).contains("is valid for not-localhost.test, not localhost — issue it for localhost");

        // files that cannot be read at all: also said once
        Path broken = Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
        link("localhost", new IssuedFiles(broken, first.key(), null));
        awaitEvents(kept, 3);
        assertThat(events.get(events.size() - 1)).contains("cannot load the new one: ").contains("cert.pem");
        for (int i = 4; i <= 5; i++) {
            link("other.test", sites.ca.issueServer(dir, "other-" + i, "other.test"));
            awaitEvents(e -> e.startsWith("other.test: certificate loaded"), i);
        }
        assertThat(events.stream().filter(kept)).hasSize(3);

        IssuedFiles good = sites.ca.issueServer(dir, "good", "localhost");
        link("localhost", good);
        awaitEvents(e -> e.startsWith("localhost: certificate loaded from " + dir.resolve("live-localhost/cert.pem")), 1);
        assertThat(servedSerial()).as("openssl gets the good replacement").isEqualToIgnoringCase(serialOf(good));
        assertThat(events.stream().filter(kept)).hasSize(3);
    }

    @Test
    void aSelfSignedReplacementIsServedWithAWarningOnOneLine() throws Exception {
        startWithLinkedFiles(sites.ca.issueServer(dir, "first", "localhost"), sites.ca.issueServer(dir, "other", "other.test"));
        IssuedFiles self = dev.latch.testkit.ThrowawayCa.selfSignedServer(dir, "self", "localhost");
        link("localhost", self);
        java.util.function.Predicate<String> loaded = e -> e.startsWith("localhost: certificate loaded");
        awaitEvents(loaded, 1);
        assertThat(events.stream().filter(loaded)).singleElement().asString()
                .contains(", valid until " + self.issued().certificate().getNotAfter().toInstant())
                .contains("; warning: it is self-signed — clients trust it only when told to");
        assertThat(servedSerial()).isEqualToIgnoringCase(serialOf(self));
    }

    @Test
    void aCertificateClientsWouldRefuseFailsTheStart() throws Exception {
        Instant notAfter = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        IssuedFiles expired = sites.ca.issueServer(dir, "expired", notAfter.minus(Duration.ofDays(30)), notAfter, "localhost");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> startWithLinkedFiles(expired,
                        sites.ca.issueServer(dir, "other", "other.test")))
                .isInstanceOf(dev.latch.core.LatchException.class)
                .hasMessage("localhost: will not serve the certificate from " + dir.resolve("live-localhost/cert.pem") + " + "
                        + dir.resolve("live-localhost/key.pem") + ", which expired at " + notAfter);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> files.execute(() -> { }))
                .as("the server's file pool is closed with the failed start")
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    SSLSocket connect() throws Exception {
        return sites.connect(server.httpsPort(), "localhost");
    }
}
