package dev.latch.pki.truststore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a store's own tool (certutil, keytool, update-ca-certificates) to its end, output captured. */
final class ExternalCommand {
    record Outcome(boolean ok, String output) {
        /** The output for a one-line message. */
        String oneLine() {
            return output.strip().replace('\n', ' ');
        }
    }

    private ExternalCommand() {
    }

    /** @throws IOException when the program cannot be started (not installed) */
    static Outcome run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(false, command.get(0) + " did not finish within 60 s");
            }
            return new Outcome(process.exitValue() == 0, new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Outcome(false, "interrupted");
        }
    }
}
