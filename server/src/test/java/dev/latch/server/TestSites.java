package dev.latch.server;

import dev.latch.server.site.VirtualHost;
import dev.latch.pki.ca.IssueRequest;
import dev.latch.pki.cert.AltName;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.http.BlockingPool;
import dev.latch.server.files.StaticFiles;
import dev.latch.http.log.AccessLog;
import dev.latch.http.log.AccessRecord;
import dev.latch.pki.cert.CertificateProfile;
import dev.latch.core.keys.KeyType;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.certs.CertificateSource;
import dev.latch.tls.certs.LocalCaCertificateSource;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.TlsHost;
import dev.latch.trust.TrustAnchors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test sites: a local CA in a temp dir, directories with marked pages, and an access log kept in memory. */
final class TestSites implements AutoCloseable {
    final Path dir;
    final ThrowawayCa ca;
    final Path rootPem;
    final List<String> log = new CopyOnWriteArrayList<>();
    /** What the sites' static files are read with. */
    final BlockingPool files = BlockingPool.forFiles();
    final AccessLog accessLog = new AccessLog() {
        @Override
        public void log(AccessRecord record) {
            log.add(AccessLog.format(record));
        }

        @Override
        public void close() {
        }
    };

    TestSites(Path dir) {
        this.dir = dir;
        this.ca = ThrowawayCa.in(dir);
        this.rootPem = ca.rootPem();
    }

    /** Waits up to 5 s for an access-log line that matches (lines are written once a response is sent). */
    void awaitLog(java.util.function.Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (log.stream().noneMatch(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        org.assertj.core.api.Assertions.assertThat(log).anyMatch(wanted);
    }

    /** A directory with index.html saying {@code marker}. */
    Path docroot(String marker) throws IOException {
        Path root = Files.createDirectories(dir.resolve("www-" + marker));
        Files.writeString(root.resolve("index.html"), "<!DOCTYPE html><p>" + marker + "</p>\n");
        return root;
    }

    CertificateSource autoCertificate(List<String> names) {
        return new LocalCaCertificateSource(ca.localCa(), names.stream().map(AltName::parse).toList(), dir.resolve("certs"), null);
    }

    VirtualHost site(List<String> names, List<String> aliases, Path root, TlsEngine engine, ClientAuth clientAuth,
                     TrustAnchors clientCas) {
        List<String> all = new ArrayList<>(names);
        all.addAll(aliases);
        TlsHost tls = new TlsHost(all.stream().map(HostNamePattern::new).toList(), autoCertificate(all), engine,
                clientAuth, clientCas, TlsPolicy.ALPN);
        return new VirtualHost(tls, aliases.stream().map(HostNamePattern::new).toList(), Duration.ofDays(365),
                new StaticFiles(root, false, files));
    }

    VirtualHost site(String name, Path root) {
        return site(List.of(name), List.of(), root, TlsEngine.BORINGSSL, ClientAuth.NONE, null);
    }

    /** One server per TLS engine on a free port, each a site for localhost with a docroot marked {@code marker-ENGINE}. */
    java.util.Map<TlsEngine, HttpsServer> serverPerEngine(String marker) throws Exception {
        java.util.Map<TlsEngine, HttpsServer> servers = new java.util.EnumMap<>(TlsEngine.class);
        for (TlsEngine engine : TlsEngine.values()) {
            VirtualHost host = site(List.of("localhost"), List.of(), docroot(marker + "-" + engine), engine,
                    ClientAuth.NONE, null);
            servers.put(engine, HttpsServer.builder().host(host).port(0).events(e -> { }).start());
        }
        return servers;
    }

    TrustAnchors localRoot() throws Exception {
        return TrustAnchors.of("the local CA", List.of(ca.root().getEncoded()));
    }

    /** The JDK's own TLS client, trusting the local CA. */
    javax.net.ssl.SSLContext clientContext() {
        return ca.clientContext();
    }

    /** A TLS connection by the JDK's own client (no ALPN, so HTTP/1.1), trusting the local CA, with SNI {@code name}. */
    javax.net.ssl.SSLSocket connect(int port, String name) throws Exception {
        java.net.Socket plain = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
        return connect(plain, port, name);
    }

    /** The same over a socket already connected (say, with a small receive buffer). */
    javax.net.ssl.SSLSocket connect(java.net.Socket plain, int port, String name) throws Exception {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) clientContext().getSocketFactory()
                .createSocket(plain, name, port, true);
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(name)));
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** NAME.pem (chain) + NAME-key.pem in {@link #dir}: a certificate for NAME.test issued by {@code issuer}. */
    void writeClient(ThrowawayCa issuer, String name, CertificateProfile profile) {
        issuer.issue(new IssueRequest(List.of(AltName.parse(name + ".test")), profile, null, KeyType.DEFAULT, null), dir, name);
    }

    PassphraseSource noPassphrase() {
        return PassphraseSource.of(null);
    }

    @Override
    public void close() {
        files.close();
        ca.close();
    }
}
