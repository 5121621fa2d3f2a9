package dev.latch.cli.support;

import dev.latch.core.LatchException;
import dev.latch.core.io.Inputs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** A file named on the command line to be read as a stream, of any size: a path, or {@code -} for standard input. */
public record FileArgument(String name) {
    public static final String STANDARD_INPUT = "-";

    public boolean standardInput() {
        return name.equals(STANDARD_INPUT);
    }

    /** How errors name it: the path, or "standard input". */
    public String label() {
        return standardInput() ? "standard input" : name;
    }

    /** Opens it; closing the stream of standard input leaves standard input open. */
    public InputStream open() {
        if (standardInput()) {
            return new FilterInputStream(System.in) {
                @Override
                public void close() {
                    // standard input belongs to the process
                }
            };
        }
        return Inputs.open(Path.of(name));
    }

    /** What an error while reading it means, in one line. */
    public LatchException cannotRead(IOException e) {
        return Inputs.cannotRead(Path.of(label()), e);
    }
}
