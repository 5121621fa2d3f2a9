package dev.latch.testkit;

import dev.latch.core.UsageException;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The errors a config file reader gives: one line for people, never the reader's insides. */
public final class ConfigErrors {
    /** What Java or Jackson would show through; a message for people holds none of it. */
    private static final List<String> INSIDES = List.of("\n", "java.", "dev.latch", "JsonToken", "Exception", "VALUE_", "Integer");

    private ConfigErrors() {
    }

    /**
     * The one line (message and hint) of the usage error {@code read} throws, checked to name
     * {@code file} first and to hold none of {@code classNames} (the reader's own types).
     */
    public static String usageLine(String file, Executable read, String... classNames) {
        UsageException e = assertThrows(UsageException.class, read, "a usage error");
        String line = e.oneLine();
        assertTrue(line.startsWith(file + ":"), () -> "names " + file + " first: " + line);
        List<String> insides = new ArrayList<>(INSIDES);
        insides.addAll(List.of(classNames));
        for (String inside : insides) {
            assertFalse(line.contains(inside), () -> "holds no '" + inside + "': " + line);
        }
        return line;
    }
}
