package dev.latch.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Adds users PREFIX-1 … PREFIX-COUNT to FILE one by one: a process of its own, for tests of writers
 * racing. It says it is ready with the file FILE.ready-PREFIX and starts when FILE.go appears, so
 * that all writers run at once.
 */
final class UsersFileAdder {
    private UsersFileAdder() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        UsersFile file = new UsersFile(path);
        PasswordHash hash = PasswordHash.of("pw".getBytes(StandardCharsets.UTF_8), UsersFileTest.CHEAP);
        Files.createFile(Path.of(args[0] + ".ready-" + args[1]));
        while (!Files.exists(Path.of(args[0] + ".go"))) {
            Thread.sleep(5);
        }
        for (int i = 1; i <= Integer.parseInt(args[2]); i++) {
            file.add(args[1] + "-" + i, hash, false);
        }
    }
}
