package dev.latch.cli.get;

import dev.latch.testkit.FreePorts;
import dev.latch.testkit.PeerProcess;
import dev.latch.testkit.Peers;
import dev.latch.testkit.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.latch.cli.get.GetRun.latch;
import static org.assertj.core.api.Assertions.assertThat;

/** -L with --max-redirs 0 as curl: a redirect that may not be followed fails (exit 47) and writes nothing; without -L it is the answer. */
class GetRedirectTest {
    /** python3's http.server answering every GET with 301 to /elsewhere and a small body. */
    private static final String REDIRECTING_SERVER = """
            import http.server, sys
            class Redirect(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = b"moved"
                    self.send_response(301)
                    self.send_header("Location", "/elsewhere")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Redirect).serve_forever()
            """;

    @TempDir
    Path dir;

    @Test
    void maxRedirsZeroRefusesTheFirstRedirect() throws Exception {
        int port = FreePorts.loopback();
        try (PeerProcess server = PeerProcess.command(Peers.command("python3", List.of("-c", REDIRECTING_SERVER, Integer.toString(port))))
                .name("python3 redirecting server").directory(dir).readiness(Readiness.listening(port)).start()) {
            String url = "http://127.0.0.1:" + port + "/";
            Path target = dir.resolve("page.html");

            GetRun refused = latch("get", "-L", "--max-redirs", "0", "-o", target.toString(), url);
            assertThat(refused.code()).isEqualTo(47);
            assertThat(refused.err()).isEqualTo("latch get: the server redirected to /elsewhere, and --max-redirs 0 allows no redirect; "
                    + "raise --max-redirs\n");
            assertThat(target).doesNotExist();

            GetRun answer = latch("get", "-o", target.toString(), "-w", "%{http_code}", url);
            assertThat(answer.code()).as(answer.err()).isZero();
            assertThat(answer.out()).isEqualTo("301");
            assertThat(target).hasContent("moved");
        }
    }
}
