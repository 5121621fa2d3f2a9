package dev.latch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the latch command: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun latch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The run succeeded, else fail with everything it printed. */
    CliRun ok() {
        if (exitCode != 0) {
            throw new AssertionError("latch exited " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
        }
        return this;
    }
}
