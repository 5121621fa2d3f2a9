package dev.latch.server.example;

import dev.latch.server.HttpsServer;
import dev.latch.testkit.Curl;
import dev.latch.testkit.IssuedFiles;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ThrowawayCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's embedding example is this module's {@link HelloServer}, quoted whole: it compiles
 * with the build, answers curl, and the README cannot drift from it.
 */
class HelloServerTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeQuotesTheExampleWordForWord() throws Exception {
        Path source = Path.of("src/test/java/dev/latch/server/example/HelloServer.java");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("```java\n" + Files.readString(source) + "```\n");
    }

    @Test
    void theExampleServesCurl() throws Exception {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            IssuedFiles files = ca.issueServer(dir, "api", "api.test");
            try (HttpsServer server = HelloServer.start(files.chain(), files.key(), 0)) {
                int port = server.httpsPort();
                ProcessRun curl = Curl.run(dir, "-sS", "--max-time", "10", "--cacert", ca.rootPem().toString(),
                        "--resolve", "api.test:" + port + ":127.0.0.1", "https://api.test:" + port + "/");
                assertThat(curl.out()).as(curl.err()).isEqualTo("hello over TLSv1.3\n");
            }
        }
    }
}
