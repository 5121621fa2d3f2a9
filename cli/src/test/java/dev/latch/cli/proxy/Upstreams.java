package dev.latch.cli.proxy;

import com.sun.net.httpserver.HttpServer;
import dev.latch.http.Response;
import dev.latch.server.HttpsServer;
import dev.latch.server.site.VirtualHost;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.ThrowawayCa;
import dev.latch.tls.certs.KeyMaterial;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the proxy tests reach through the proxy, on this loopback: Latch's own HTTPS server (the
 * server {@code latch serve} runs) with a site {@value #SITE} whose certificate a throwaway local CA
 * issued, and a plain http server (the JDK's) that answers with the request headers it got, so
 * that a test sees what the proxy forwarded.
 */
final class Upstreams implements AutoCloseable {
    /** The name the tests ask the proxy for; the proxy's resolver maps it to 127.0.0.1. */
    static final String SITE = "site.test";

    /** What the HTTPS site answers (after "secure "): proof that the page came from it. */
    final String marker;
    final ThrowawayCa ca;
    final Path rootPem;
    private final HttpsServer https;
    private final HttpServer plain;

    private Upstreams(String marker, ThrowawayCa ca, HttpsServer https, HttpServer plain) {
        this.marker = marker;
        this.ca = ca;
        this.rootPem = ca.rootPem();
        this.https = https;
        this.plain = plain;
    }

    /** Both servers on free loopback ports, the CA in {@code dir}. */
    static Upstreams start(Path dir) throws IOException, InterruptedException {
        ThrowawayCa ca = ThrowawayCa.in(dir);
        IssuedFiles site = ca.issueServer(dir, "site", SITE, "127.0.0.1");
        String marker = "latch-proxy-" + UUID.randomUUID();
        HttpsServer https = HttpsServer.builder()
                .host(VirtualHost.named(SITE).certificateFiles(site.chain(), site.key())
                        .handler(request -> Response.text(200, "secure " + marker + "\n"))
                        .build())
                .bind(List.of(InetAddress.getByName("127.0.0.1"))).port(0).events(e -> { }).start();
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        plain.createContext("/", exchange -> {
            StringBuilder seen = new StringBuilder("plain ").append(exchange.getRequestURI()).append('\n');
            new TreeMap<>(exchange.getRequestHeaders()).forEach((name, values) ->
                    seen.append(name.toLowerCase(java.util.Locale.ROOT)).append(": ").append(String.join(", ", values)).append('\n'));
            byte[] body = seen.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        plain.start();
        return new Upstreams(marker, ca, https, plain);
    }

    /** The HTTPS server's port (127.0.0.1). */
    int httpsPort() {
        return https.httpsPort();
    }

    /** The plain http server's port (127.0.0.1). */
    int plainPort() {
        return plain.getAddress().getPort();
    }

    /** A certificate for the proxy's own TLS listener ({@code curl --proxy https://…}), from the same CA. */
    KeyMaterial proxyCertificate(Path dir) {
        IssuedFiles issued = ca.issueServer(dir, "proxy", "localhost", "127.0.0.1");
        return new KeyMaterial(issued.issued().chain(), issued.issued().privateKey(), issued.chain().toString());
    }

    @Override
    public void close() {
        plain.stop(0);
        https.close();
        ca.close();
    }
}
