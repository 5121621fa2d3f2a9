package dev.latch.cli.support;

import dev.latch.core.LatchException;
import dev.latch.core.keys.PassphraseSource;
import picocli.CommandLine.Option;

import java.io.Console;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a passphrase comes from: {@code --passphrase-file}, the {@code LATCH_PASSPHRASE}
 * environment variable, or a prompt on the terminal. Never from the command line itself, where
 * other users could read it in the process list.
 */
public final class PassphraseOptions {
    public static final String ENVIRONMENT = "LATCH_PASSPHRASE";

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the passphrase from the first line of FILE (else $" + ENVIRONMENT + ", else a prompt).")
    Path passphraseFile;

    /** Whether --passphrase-file was given (so a command that will not use it can say so). */
    public boolean fileGiven() {
        return passphraseFile != null;
    }

    /** For reading an encrypted key: asks only when a key turns out to be encrypted. */
    public PassphraseSource source() {
        return what -> find("Passphrase for " + what + ": ", false);
    }

    /** For encrypting a new key: required, and confirmed when typed at a prompt. */
    public char[] newPassphrase(String what) {
        char[] passphrase = find("New passphrase for " + what + ": ", true);
        if (passphrase == null) {
            throw new LatchException("a passphrase is needed to encrypt " + what,
                    "pass --passphrase-file FILE or set " + ENVIRONMENT);
        }
        if (passphrase.length < 8) {
            throw new LatchException("the passphrase is too short (" + passphrase.length + " characters)",
                    "use at least 8 characters");
        }
        return passphrase;
    }

    private char[] find(String prompt, boolean confirm) {
        if (passphraseFile != null) {
            try {
                String content = Files.readString(passphraseFile, StandardCharsets.UTF_8);
                int newline = content.indexOf('\n');
                String line = newline >= 0 ? content.substring(0, newline) : content;
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isEmpty()) {
                    throw new LatchException(passphraseFile + ": the passphrase file is empty", "put the passphrase on its first line");
                }
                return line.toCharArray();
            } catch (java.io.IOException e) {
                throw new LatchException(passphraseFile + ": cannot read the passphrase file: " + e.getMessage());
            }
        }
        String fromEnvironment = System.getenv(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            return null;
        }
        char[] first = console.readPassword("%s", prompt);
        if (first == null) {
            return null;
        }
        if (confirm) {
            char[] second = console.readPassword("Repeat it: ");
            if (second == null || !Arrays.equals(first, second)) {
                throw new LatchException("the two passphrases differ", "run the command again");
            }
        }
        return first;
    }
}
