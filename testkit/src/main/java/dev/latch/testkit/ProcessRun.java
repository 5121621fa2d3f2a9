package dev.latch.testkit;

import java.util.List;

/**
 * One finished run of a program: its exit code and what it wrote on standard output and
 * standard error, apart.
 */
public record ProcessRun(List<String> command, int exitCode, String out, String err) {

    /** Standard output followed by standard error: for a message that may be on either. */
    public String all() {
        return out + err;
    }

    /** This run, if it exited 0; else an assertion failure with everything it printed. */
    public ProcessRun ok() {
        if (exitCode != 0) {
            throw new AssertionError(command.get(0) + " exited " + exitCode + ": " + command + "\n" + printed());
        }
        return this;
    }

    String printed() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }
}
