package dev.latch.server.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latch.core.LatchException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code latch serve --config} file fed arbitrary bytes (scripts/fuzz). Its contract: a
 * {@link ServeConfig} with at least one host, or a {@link LatchException} whose one-line message
 * names the file. A YAML or Jackson exception escaping, an overflow on deep nesting, or running out
 * of memory on aliases is a finding. {@code ./test} replays the inputs saved in
 * {@code ConfigFileFuzzTestInputs/read/}.
 */
class ConfigFileFuzzTest {
    private static final Path FILE = temporaryFile();

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("latch-fuzz-", ".yaml");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void read(byte[] data) throws IOException {
        Files.write(FILE, data);
        ServeConfig config;
        try {
            config = ConfigFile.read(FILE);
        } catch (LatchException refused) {
            assertThat(refused.getMessage()).startsWith(FILE + ":").doesNotContain("\n");
            return;
        }
        assertThat(config.hosts()).isNotEmpty().doesNotContainNull();
    }
}
