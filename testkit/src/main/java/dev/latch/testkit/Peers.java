package dev.latch.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Real peers the tests judge Latch with (openssl, curl, Chromium, testssl.sh, certutil, nginx…):
 * programs nobody here wrote, found on the PATH.
 *
 * <p>A test calls {@link #require} before it uses one. Where the program is missing, the test is
 * skipped (aborted like a failed assumption) and the skip is recorded, so that {@code ./test} ends
 * with one line per missing peer and the command that installs them ({@code ./test --with-peers}).
 * With {@code LATCH_REQUIRE_PEERS=1} (CI, which installs every peer) a missing peer fails the test
 * instead: there it must not pass unnoticed.
 */
public final class Peers {
    /** The environment variable that turns a missing peer from a skip into a failure. */
    public static final String REQUIRE = "LATCH_REQUIRE_PEERS";

    private Peers() {
    }

    /**
     * The executable of {@code program} on the PATH; if there is none, the calling test (or every
     * test of the class, when called from {@code @BeforeAll}) is skipped, or fails under
     * {@code LATCH_REQUIRE_PEERS=1}.
     */
    public static Path require(String program) {
        return require(program, System.getenv());
    }

    /** The command line {@code PROGRAM ARGS}, with the program {@linkplain #require required} on the PATH. */
    public static List<String> command(String program, List<String> args) {
        List<String> command = new ArrayList<>(List.of(require(program).toString()));
        command.addAll(args);
        return command;
    }

    /** {@link #require(String)} with {@code environment} for this process's environment. */
    static Path require(String program, Map<String, String> environment) {
        Optional<Path> found = find(program, environment.getOrDefault("PATH", ""));
        if (found.isPresent()) {
            return found.get();
        }
        return unavailable(program, program + " not installed", "(not on the PATH)", "install it (./test --with-peers)",
                environment);
    }

    /**
     * Never returns: skips the calling test because {@code peer} cannot be used here, or fails it
     * under {@code LATCH_REQUIRE_PEERS=1}, where the failure adds {@code detail} and {@code remedy}
     * to {@code reason}.
     */
    static <T> T unavailable(String peer, String reason, String detail, String remedy, Map<String, String> environment) {
        if ("1".equals(environment.get(REQUIRE))) {
            throw new AssertionError(reason + " " + detail + ", and " + REQUIRE + "=1: " + remedy);
        }
        throw new MissingPeer(peer, reason);
    }

    private static Optional<Path> find(String program, String path) {
        return Pattern.compile(File.pathSeparator).splitAsStream(path)
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
