package dev.latch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * nginx (Debian's) in a prefix folder of the test's own, with a configuration the test writes:
 * the {@code server} blocks it gives, inside an {@code http} block that keeps every file nginx
 * writes (pid, temporary bodies) in that folder and logs errors to standard error. Runs in the
 * foreground as the test's child; ready once every port it listens on accepts connections.
 *
 * <pre>{@code
 * int port = FreePorts.loopback();
 * try (NginxServer nginx = NginxServer.start(dir, """
 *         server { listen 127.0.0.1:%d ssl; ssl_certificate a.pem; ssl_certificate_key a-key.pem; root site; }
 *         """.formatted(port), port)) {
 *     ...
 * }
 * }</pre>
 */
public final class NginxServer implements AutoCloseable {
    private final PeerProcess process;

    private NginxServer(PeerProcess process) {
        this.process = process;
    }

    /**
     * {@code nginx -p DIR -c nginx.conf -e stderr -g 'daemon off;'} with {@code servers} (the server
     * blocks; relative paths are under {@code dir}) listening on {@code ports}.
     */
    public static NginxServer start(Path dir, String servers, List<Integer> ports) throws InterruptedException {
        Path nginx = Peers.require("nginx");
        Path conf = dir.resolve("nginx.conf");
        try {
            Files.createDirectories(dir.resolve("logs"));
            Files.writeString(conf, """
                    worker_processes 1;
                    pid nginx.pid;
                    error_log stderr warn;
                    %s
                    events { worker_connections 256; }
                    http {
                        access_log off;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        default_type application/octet-stream;
                        client_body_temp_path body-temp;
                        proxy_temp_path proxy-temp;
                        fastcgi_temp_path fastcgi-temp;
                        uwsgi_temp_path uwsgi-temp;
                        scgi_temp_path scgi-temp;
                    %s
                    }
                    """.formatted(asRoot(), servers.indent(4)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + conf + ": " + e.getMessage(), e);
        }
        PeerProcess.Builder builder = PeerProcess.command(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(),
                "-e", "stderr", "-g", "daemon off;").name("nginx").directory(dir);
        // nginx opens all its listening sockets before it accepts on any, so the last one stands for all
        return new NginxServer(builder.readiness(Readiness.listening(ports.get(ports.size() - 1))).start());
    }

    /**
     * Started as root, nginx's workers would read the site's files as nobody, who cannot enter a
     * test's private temporary folder; as anyone else nginx ignores the directive.
     */
    private static String asRoot() {
        return "root".equals(System.getProperty("user.name")) ? "user root;" : "";
    }

    /** What it printed (errors, warnings), for a failure message. */
    public String output() {
        return process.output();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
