package dev.latch.cli.proxy;

import dev.latch.testkit.Curl;
import dev.latch.testkit.FreePorts;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code latch proxy} prints when it listens, for the options given: how it runs, where,
 * what it lets through, who may use it, and the client lines that work for that proxy (a name
 * its certificate carries and the CA to trust over TLS; a user to give when users are required).
 */
class StartLinesTest {
    @TempDir
    Path dir;

    /** A proxy "running" on the addresses asked for, a port 0 bound as 40000. */
    record Listening(List<InetSocketAddress> addresses, InetSocketAddress status) implements RunningProxy {
        static Listening as(ProxySetup setup) {
            List<InetSocketAddress> bound = setup.config().listen().stream()
                    .map(a -> a.getPort() == 0 ? new InetSocketAddress(a.getAddress(), 40000) : a).toList();
            return new Listening(bound, setup.config().status());
        }

        @Override
        public String transport() {
            return "epoll";
        }

        @Override
        public void close(Duration drain) {
        }
    }

    final List<String> notices = new ArrayList<>();

    StartLines lines(String... args) {
        ProxyCommand command = new ProxyCommand();
        new CommandLine(command).parseArgs(args);
        ProxySetup setup = command.options.setup(new ProxyOptionsTest.Recorder(), notices::add);
        return new StartLines(setup, Listening.as(setup));
    }

    static String text(StartLines lines) {
        StringWriter out = new StringWriter();
        lines.print(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void byDefaultItSaysWhereWhatAndTheLinesAClientNeeds() {
        assertThat(text(lines("--access-log", "off"))).isEqualTo("""
                latch proxy: epoll transport, plain HTTP
                Listening on http://127.0.0.1:3128
                Allows CONNECT to ports 443, 8443 and http:// requests; private, loopback, link-local and cloud-metadata addresses denied
                Authentication: none (add users with 'latch proxy user add NAME')
                To use it:
                  curl -x http://127.0.0.1:3128 https://example.com/
                  export HTTPS_PROXY=http://127.0.0.1:3128
                Press Ctrl+C to stop.
                """);
    }

    @Test
    void rulesUsersAndStatusAreShownAndTheClientLinesCarryAUser() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "");
        String text = text(lines("--access-log", "off", "--listen", "0.0.0.0:3128", "--listen", "[::1]:3128",
                "--users", users.toString(), "--ports", "443", "--allow", "10.1.0.0/16", "--deny", "*.ads.test",
                "--resolve", "up.test:10.1.2.3", "--status", "127.0.0.1:3129"));
        assertThat(text).isEqualTo("""
                latch proxy: epoll transport, plain HTTP
                Listening on http://0.0.0.0:3128
                Listening on http://[::1]:3128
                Allows CONNECT to port 443 and http:// requests; private, loopback, link-local and cloud-metadata addresses denied
                  allowed: 10.1.0.0/16
                  denied: *.ads.test
                  up.test resolves to 10.1.2.3
                Authentication: required, users in %s
                Status: http://127.0.0.1:3129/
                To use it:
                  curl -x http://127.0.0.1:3128 --proxy-user NAME https://example.com/
                  export HTTPS_PROXY=http://NAME:PASSWORD@127.0.0.1:3128
                Press Ctrl+C to stop.
                """.formatted(users));
    }

    @Test
    void openBeyondLoopbackWithoutUsersIsWarnedOf() {
        assertThat(text(lines("--access-log", "off", "--listen", "[::]:3128", "--open")))
                .contains("Listening on http://[::]:3128\n")
                .contains("Warning: listening beyond loopback without authentication (--open): anyone who can reach the proxy may use it.\n")
                .contains("  curl -x http://[::1]:3128 https://example.com/\n");
    }

    @Test
    void overTlsTheClientLinesNameTheCertificatesNameAndTheLocalCa() {
        Path home = dir.resolve("ca");
        String text = text(lines("--access-log", "off", "--tls", "--listen", "127.0.0.1:0", "--home", home.toString()));
        assertThat(text).startsWith("latch proxy: epoll transport, TLS engine ")
                .contains("\nListening on https://127.0.0.1:40000\n")
                .contains("\n  certificate for localhost, 127.0.0.1, from local CA (")
                .contains("\n  curl -x https://localhost:40000 --proxy-cacert " + home.resolve("root.pem") + " https://example.com/\n")
                .contains("\n  export HTTPS_PROXY=https://localhost:40000\n");
        assertThat(notices).containsExactly("created a local CA in " + home);
    }

    @Test
    void theJsonStartRecordHasTheSameFacts() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "");
        Map<String, Object> record = lines("--access-log", "off", "--users", users.toString(), "--listen", "[::1]:0",
                "--deny", "b.test", "--status", "[::1]:3129").record();
        assertThat(record).containsEntry("event", "started").containsEntry("transport", "epoll")
                .containsEntry("engine", null).containsEntry("listen", List.of("http://[::1]:40000"))
                .containsEntry("proxyUrl", "http://[::1]:40000").containsEntry("ports", List.of(443, 8443))
                .containsEntry("deny", List.of("b.test")).containsEntry("auth", true)
                .containsEntry("users", users.toString()).containsEntry("status", "http://[::1]:3129/");
    }

    /** A stand-in for the proxy over TLS (python's ssl): it answers every CONNECT with 403. */
    private static final String TLS_STAND_IN = """
            import socket, ssl, sys
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            listener = socket.create_server(("127.0.0.1", int(sys.argv[3])))
            while True:
                client, _ = listener.accept()
                try:
                    tls = context.wrap_socket(client, server_side=True)
                    head = b""
                    while b"\\r\\n\\r\\n" not in head:
                        data = tls.recv(4096)
                        if not data:
                            break
                        head += data
                    tls.sendall(b"HTTP/1.1 403 Forbidden\\r\\nContent-Length: 0\\r\\n\\r\\n")
                    tls.close()
                except (OSError, ssl.SSLError):
                    client.close()
            """;

    @Test
    void theTlsClientLineWorksWithCurlAgainstTheCertificateItNames() throws Exception {
        Path home = dir.resolve("latch/ca");
        int port = FreePorts.loopback();
        String text = text(lines("--access-log", "off", "--tls", "--listen", "127.0.0.1:" + port, "--home", home.toString()));
        String curlLine = text.lines().map(String::strip).filter(l -> l.startsWith("curl ")).findFirst().orElseThrow();
        Path certs = dir.resolve("latch/certs");
        Path script = Files.writeString(dir.resolve("stand_in.py"), TLS_STAND_IN);
        List<String> python = Peers.command("python3", List.of(script.toString(),
                certs.resolve("localhost.pem").toString(), certs.resolve("localhost-key.pem").toString(), String.valueOf(port)));
        try (PeerProcess standIn = PeerProcess.command(python).name("python3 TLS stand-in").directory(dir)
                .readiness(Readiness.listening(port)).start()) {
            List<String> printed = Arrays.asList(curlLine.split(" "));
            List<String> args = new ArrayList<>(List.of("-sS", "-o", "/dev/null", "-w", "%{http_connect}", "--max-time", "20"));
            args.addAll(printed.subList(1, printed.size()));
            ProcessRun asPrinted = Curl.run(dir, args);
            assertThat(asPrinted.out()).as(asPrinted.all()).isEqualTo("403");

            List<String> withoutCa = new ArrayList<>(args);
            int ca = withoutCa.indexOf("--proxy-cacert");
            withoutCa.subList(ca, ca + 2).clear();
            ProcessRun untrusted = Curl.run(dir, withoutCa);
            assertThat(untrusted.exitCode()).as(untrusted.all()).isEqualTo(60); // the proxy's certificate not trusted
        }
    }
}
