package dev.latch.client.exchange;

import dev.latch.testkit.FreePorts;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.Peers;
import dev.latch.testkit.Readiness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * nginx on a loopback TLS port with HTTP/2 and HTTP/1.1 (by ALPN): static files from
 * {@link #root()}, {@code /fixed} answered by nginx itself, {@code /reset} dropped (444), and
 * {@code /echo} handed to an HTTP/1.1 server behind it.
 */
final class NginxPeer implements AutoCloseable {
    private final PeerProcess process;
    private final int port;
    private final Path root;

    private NginxPeer(PeerProcess process, int port, Path root) {
        this.process = process;
        this.port = port;
        this.root = root;
    }

    static NginxPeer start(Path dir, IssuedFiles certificate, int echoPort) throws IOException, InterruptedException {
        Path nginx = Peers.require("nginx");
        int port = FreePorts.loopback();
        Path root = Files.createDirectories(dir.resolve("www"));
        Path work = Files.createDirectories(dir.resolve("nginx"));
        for (Path path : new Path[]{dir, root, work}) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path conf = Files.writeString(work.resolve("nginx.conf"), """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                  client_max_body_size 64m;
                  server {
                    listen 127.0.0.1:%2$d ssl http2;
                    ssl_certificate %3$s;
                    ssl_certificate_key %4$s;
                    root %5$s;
                    location = /fixed { return 200 "fixed text"; }
                    location = /reset { return 444; }
                    location = /echo { proxy_pass http://127.0.0.1:%6$d; }
                  }
                }
                """.formatted(work, port, certificate.chain(), certificate.key(), root, echoPort));
        PeerProcess process = PeerProcess.command(nginx.toString(), "-p", work.toString(), "-e", work.resolve("error.log").toString(),
                        "-c", conf.toString()).readiness(Readiness.listening(port)).start();
        return new NginxPeer(process, port, root);
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
        process.close();
    }
}
