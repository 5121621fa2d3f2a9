package dev.latch.cli.encrypt;

import dev.latch.testkit.ProcessRun;
import dev.latch.testkit.ProcessRunner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real {@code latch} process (this build's classes) in a directory, with a heap limit. */
final class LatchProcess {
    private LatchProcess() {
    }

    static ProcessRun run(Path dir, String heap, List<String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), "dev.latch.cli.Main"));
        command.addAll(List.of(args));
        ProcessRunner runner = ProcessRunner.in(dir).timeout(Duration.ofMinutes(5));
        for (int i = 0; i + 1 < env.size(); i += 2) {
            runner = runner.env(env.get(i), env.get(i + 1));
        }
        return runner.run(command);
    }

    static ProcessRun run(Path dir, String... args) {
        return run(dir, "256m", List.of(), args);
    }
}
