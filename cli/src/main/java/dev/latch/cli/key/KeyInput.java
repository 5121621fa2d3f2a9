package dev.latch.cli.key;

import dev.latch.core.io.Inputs;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.crypto.keys.KeyFile;

import java.nio.file.Path;

/** The KEY argument of {@code latch key public|inspect}: a file, or {@code -} for standard input. */
final class KeyInput {
    private KeyInput() {
    }

    static KeyFile read(String argument, PassphraseSource passphrases) {
        if (argument.equals("-")) {
            String source = "standard input";
            return KeyFile.read(Inputs.read(System.in, source), source, passphrases);
        }
        return KeyFile.read(Inputs.read(Path.of(argument)), argument, passphrases);
    }
}
