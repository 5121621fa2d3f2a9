package dev.latch.testkit;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the runner and the long-running peers share about ending a process. */
final class Processes {
    private static final long DESCENDANT_EXIT_SECONDS = 5;

    private Processes() {
    }

    /**
     * Kills {@code process} by its own PID, and with it whatever it started: browsers and scanners
     * (Chromium, testssl.sh) leave helpers behind that would keep its output open. Returns once
     * they are gone.
     */
    static void kill(Process process) {
        List<ProcessHandle> started = process.descendants().toList();
        started.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
            for (ProcessHandle helper : started) {
                helper.onExit().get(DESCENDANT_EXIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a helper that outlives SIGKILL this long is beyond a test's reach
        }
    }
}
