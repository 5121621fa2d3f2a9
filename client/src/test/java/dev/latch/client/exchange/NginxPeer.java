package dev.latch.client.exchange;

import dev.latch.testkit.FreePorts;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.NginxServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nginx on a loopback TLS port with HTTP/2 and HTTP/1.1 (by ALPN): static files from
 * {@link #root()}, {@code /fixed} answered by nginx itself, {@code /reset} dropped (444),
 * {@code /huge-head} answered with a head of about 156 KiB, and {@code /echo} handed to an
 * HTTP/1.1 server behind it.
 */
final class NginxPeer implements AutoCloseable {
    private final NginxServer server;
    private final int port;
    private final Path root;

    private NginxPeer(NginxServer server, int port, Path root) {
        this.server = server;
        this.port = port;
        this.root = root;
    }

    static NginxPeer start(Path dir, IssuedFiles certificate, int echoPort) throws IOException, InterruptedException {
        int port = FreePorts.loopback();
        Path root = Files.createDirectories(dir.resolve("www"));
        Path work = Files.createDirectories(dir.resolve("nginx"));
        NginxServer server = NginxServer.start(work, """
                server {
                    listen 127.0.0.1:%d ssl http2;
                    ssl_certificate %s;
                    ssl_certificate_key %s;
                    root %s;
                    client_max_body_size 64m;
                    location = /fixed { return 200 "fixed text"; }
                    location = /reset { return 444; }
                    location = /echo { proxy_pass http://127.0.0.1:%d; }
                    location = /huge-head { %s return 200 "ok"; }
                }
                """.formatted(port, certificate.chain(), certificate.key(), root, echoPort, hugeHead()), List.of(port));
        return new NginxPeer(server, port, root);
    }

    /** 40 fields of 4000 bytes (nginx reads a value of at most 4 KiB from its config): a head of about 156 KiB. */
    private static String hugeHead() {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            fields.append("add_header X-Big-").append(i).append(' ').append("b".repeat(4000)).append("; ");
        }
        return fields.toString();
    }

    int port() {
        return port;
    }

    /** Where nginx serves files from. */
    Path root() {
        return root;
    }

    String url(String path) {
        return "https://localhost:" + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
