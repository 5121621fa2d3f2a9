package dev.latch.server;

import dev.latch.testkit.Peers;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;
import dev.latch.tls.TlsEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS 1.3 session tickets leave right after the handshake, before the client's first request, on
 * both engines. When they waited for the first answer, a client with Nagle's algorithm on (here
 * Python's ssl with a default socket) held that request until the server's delayed ACK, about 40 ms
 * on every new connection. Checked causally: after its handshake the client sends nothing and
 * waits for the server to send something of its own (the tickets), then asks for a page.
 */
class SessionTicketsTest {
    private static final String CLIENT = """
            import select, socket, ssl, sys
            port, ca = int(sys.argv[1]), sys.argv[2]
            context = ssl.create_default_context(cafile=ca)
            context.minimum_version = ssl.TLSVersion.TLSv1_3
            for attempt in range(5):
                tls = context.wrap_socket(socket.create_connection(('127.0.0.1', port)), server_hostname='localhost')
                readable, _, _ = select.select([tls], [], [], 10)
                print('tickets before the request' if readable else 'nothing before the request')
                tls.sendall(b'GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n')
                answer = b''
                while True:
                    chunk = tls.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
                print(answer.split(b'\\r\\n')[0].decode())
                tls.close()
            """;

    @TempDir
    static Path dir;
    static TestSites sites;
    static Map<TlsEngine, HttpsServer> servers;

    @BeforeAll
    static void start() throws Exception {
        sites = new TestSites(dir);
        servers = sites.serverPerEngine("tickets");
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(HttpsServer::close);
        sites.close();
    }

    @ParameterizedTest
    @EnumSource(TlsEngine.class)
    void ticketsArriveBeforeTheFirstRequest(TlsEngine engine) throws Exception {
        Path script = Files.writeString(dir.resolve("tickets-first.py"), CLIENT);
        ProcessRun python = ProcessRunner.in(dir).run(Peers.command("python3", List.of(script.toString(),
                String.valueOf(servers.get(engine).httpsPort()), sites.rootPem.toString())));
        assertThat(python.exitCode()).as(python.all()).isZero();
        assertThat(python.out().lines().filter(line -> line.contains("before the request")).toList())
                .hasSize(5).containsOnly("tickets before the request");
        assertThat(python.out()).contains("HTTP/1.1 200 OK");
    }
}
