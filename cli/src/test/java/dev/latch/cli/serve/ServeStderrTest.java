package dev.latch.cli.serve;

import dev.latch.testkit.Curl;
import dev.latch.testkit.ProcessRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code latch serve} prints on standard error while clients misbehave: clients that reset
 * their connections (HTTP/2 and HTTP/1.1) and curl -I on an error page over HTTP/2 leave no
 * warning from Netty, no stack trace: only the server's own one-line messages.
 */
class ServeStderrTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"boringssl", "jdk"})
    void resetsLeaveNoWarningsOrStackTraces(String engine) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "hello\n");
        try (ServeProcess serve = ServeProcess.start(dir.resolve("home"), site.toString(), "--port", "0",
                "--http-port", "off", "--tls-engine", engine)) {
            for (int i = 0; i < 5; i++) {
                reset(serve.port(), "h2", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\4\0\0\0\0\0");
                reset(serve.port(), "http/1.1", "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
            String ca = serve.caHome().resolve("root.pem").toString();
            List<ProcessRun> heads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                heads.add(Curl.run(dir, "-sS", "--http2", "-I", "-o", "/dev/null", "--cacert", ca,
                        serve.url() + "missing-" + i));
            }
            ProcessRun last = Curl.run(dir, "-sS", "-o", "/dev/null", "--cacert", ca, serve.url() + "?last");
            assertThat(last.exitCode()).as(last.err()).isZero();
            serve.awaitStdout("?last");
            Thread.sleep(500); // the resets are handled on the server's event loops, in no set order with the rest
            List<String> stderr = serve.stderr();
            assertThat(stderr).as(String.join("\n", stderr))
                    .noneMatch(line -> line.contains("exceptionCaught") || line.contains("WARNING")
                            || line.contains("Exception") || line.startsWith("\tat ") || line.startsWith("at "))
                    .allMatch(line -> line.startsWith("latch: "));
            assertThat(heads).allMatch(head -> head.exitCode() == 0, "curl -I succeeded");
        }
    }

    /** A TLS connection with this ALPN protocol that sends {@code data}, then ends with a TCP reset. */
    private static void reset(int port, String protocol, String data) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new AnyServer()}, null); // what is checked here is the server's stderr
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setApplicationProtocols(new String[]{protocol});
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        tls.getOutputStream().write(data.getBytes(StandardCharsets.ISO_8859_1));
        tls.getOutputStream().flush();
        tls.getInputStream().read(); // the server has begun its answer (SETTINGS, or the page)
        plain.setSoLinger(true, 0);
        plain.close();
    }

    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
