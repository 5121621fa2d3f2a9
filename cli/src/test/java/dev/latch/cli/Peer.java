package dev.latch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real peer tool (openssl, certutil) that nobody here wrote, and captures what it says. */
record Peer(int exitCode, String output) {

    static Peer run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command[0] + " did not finish in 60 s");
            }
            return new Peer(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (is it installed? .ci/run installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Peer ok() {
        if (exitCode != 0) {
            throw new AssertionError("peer exited " + exitCode + ":\n" + output);
        }
        return this;
    }
}
