package dev.latch.cli.get;

import dev.latch.cli.serve.ServeProcess;
import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code latch get} run as a user runs it: a JVM of its own (as the launcher starts it: serial
 * collector, native access), a LATCH_HOME of its own under the test's folder, and no proxy from
 * this machine's environment unless the test gives one.
 */
final class LatchGet {
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final List<String> PROXY_VARIABLES = List.of("http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy",
            "ALL_PROXY", "no_proxy", "NO_PROXY");

    private LatchGet() {
    }

    /** {@code latch get ARGS} in {@code dir}. */
    static ProcessRun run(Path dir, String... args) {
        return run(dir, Map.of(), List.of(args));
    }

    /** {@code latch get ARGS} in {@code dir} with {@code environment} added (a proxy variable, say). */
    static ProcessRun run(Path dir, Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>(ServeProcess.latchCommand(JVM, "get"));
        command.addAll(args);
        ProcessRunner runner = ProcessRunner.in(dir).env("LATCH_HOME", home(dir).toString());
        for (String variable : PROXY_VARIABLES) {
            runner = runner.env(variable, "");
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            runner = runner.env(variable.getKey(), variable.getValue());
        }
        return runner.run(command);
    }

    private static Path home(Path dir) {
        try {
            return Files.createDirectories(dir.resolve("latch-home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
