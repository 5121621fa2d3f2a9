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

/** A URL's user:password@ is sent as Basic credentials, as curl does, and shown nowhere: not in -v, not in --json. */
class GetCredentialsTest {
    /** python3's http.server answering every GET with the Authorization field it received. */
    private static final String ECHOING_SERVER = """
            import http.server, sys
            class Echo(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = (self.headers.get("Authorization") or "none").encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Echo).serve_forever()
            """;

    @TempDir
    Path dir;

    @Test
    void theUrlsCredentialsAreSentButNotShown() throws Exception {
        int port = FreePorts.loopback();
        try (PeerProcess server = PeerProcess.command(Peers.command("python3", List.of("-c", ECHOING_SERVER, Integer.toString(port))))
                .name("python3 echoing server").directory(dir).readiness(Readiness.listening(port)).start()) {
            String url = "http://alice:s3cret%40pass@127.0.0.1:" + port + "/";

            Path page = dir.resolve("page");
            GetRun plain = latch("get", "-o", page.toString(), url);
            assertThat(plain.code()).as(plain.err()).isZero();
            // base64("alice:s3cret@pass"): percent-decoded, as curl sends it
            assertThat(page).hasContent("Basic YWxpY2U6czNjcmV0QHBhc3M=");

            GetRun verbose = latch("get", "-v", "--json", "-o", page.toString(), url);
            assertThat(verbose.code()).as(verbose.err()).isZero();
            assertThat(verbose.out() + verbose.err()).doesNotContain("s3cret", "YWxpY2U6czNjcmV0QHBhc3M=")
                    .contains("Authorization: Basic (credentials not shown)", "http://127.0.0.1:" + port + "/");

            GetRun given = latch("get", "-H", "Authorization: Bearer token", "-o", page.toString(), url);
            assertThat(given.code()).as(given.err()).isZero();
            assertThat(page).as("a field given with -H wins, as curl's").hasContent("Bearer token");
        }
    }
}
