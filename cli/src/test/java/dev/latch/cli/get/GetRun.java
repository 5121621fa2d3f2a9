package dev.latch.cli.get;

import dev.latch.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the latch command: its exit code and what it printed. */
record GetRun(int code, String out, String err) {
    static GetRun latch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new GetRun(code, out.toString(), err.toString());
    }
}
