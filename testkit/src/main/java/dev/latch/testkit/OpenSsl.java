package dev.latch.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One-shot runs of the {@code openssl} command line ({@code x509}, {@code verify}, {@code req},
 * {@code s_client}…), skipped through {@link Peers} where openssl is not installed. For
 * {@code s_server}, which keeps running, see {@link OpenSslServer}.
 */
public final class OpenSsl {
    private OpenSsl() {
    }

    /** {@code openssl ARGS} in {@code dir}, with nothing on standard input. */
    public static ProcessRun run(Path dir, String... args) {
        return run(dir, List.of(args));
    }

    public static ProcessRun run(Path dir, List<String> args) {
        return ProcessRunner.in(dir).run(Peers.command("openssl", args));
    }

    /** {@code openssl ARGS} in {@code dir}, with {@code input} on standard input. */
    public static ProcessRun run(Path dir, String input, List<String> args) {
        return ProcessRunner.in(dir).input(input).run(Peers.command("openssl", args));
    }

    /**
     * {@code openssl s_client ARGS} in {@code dir}, with {@code input} on standard input: {@code "Q\n"}
     * ends the connection once the handshake is done; with {@code -ign_eof}, a request is sent and the
     * answer read until the server closes.
     */
    public static ProcessRun sClient(Path dir, String input, List<String> args) {
        List<String> all = new ArrayList<>(List.of("s_client"));
        all.addAll(args);
        return run(dir, input, all);
    }
}
