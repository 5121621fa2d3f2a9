package dev.latch.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * One-shot runs of {@code curl}, skipped through {@link Peers} where curl is not installed. A curl
 * that needs more (a request body fed slowly) runs as
 * {@code ProcessRunner.in(dir).input(body).run(Peers.command("curl", args))}.
 */
public final class Curl {
    private Curl() {
    }

    /** {@code curl ARGS} in {@code dir}. */
    public static ProcessRun run(Path dir, String... args) {
        return run(dir, List.of(args));
    }

    public static ProcessRun run(Path dir, List<String> args) {
        return ProcessRunner.in(dir).run(Peers.command("curl", args));
    }
}
