package dev.latch.cli.cipher;

import dev.latch.cli.support.ExitCodes;
import dev.latch.crypto.classic.Alphabet;
import dev.latch.crypto.classic.ClassicCipher;
import dev.latch.crypto.classic.CipherKind;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** What encode and decode share: the cipher, its key, the alphabet and the text; and how the result is printed. */
public final class KeyedCipherOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--cipher", required = true, paramLabel = "CIPHER",
            description = "rot (rotate-by-N), substitution or vigenere.")
    String cipher;

    @Option(names = "--key", required = true, paramLabel = "KEY",
            description = {"rot: how many letters on (3; -3 rotates back).",
                    "substitution: a keyword (its letters once, then the rest of the alphabet), or the whole "
                            + "cipher alphabet: the letters written for a, b, c, … in turn.",
                    "vigenere: a word of the alphabet's letters (a rotates by 0, b by 1, …)."})
    String key;

    @Option(names = "--alphabet", paramLabel = "LETTERS", defaultValue = "latin",
            description = "The letters the cipher moves, in order: latin (a-z, the default), hangul (가-힣, "
                    + "the 11,172 syllables), or the letters themselves, X-Y for a range (abcdef, а-яё). "
                    + "A letter's other case follows it; the rest passes through.")
    String alphabet;

    @Mixin
    TextInput text;

    /**
     * Encodes or decodes the text and prints the result: as read from standard input, or on a line of
     * its own. The key is checked before standard input is read.
     */
    int run(boolean encode) {
        ClassicCipher classic = CipherKind.parse(cipher).withKey(Alphabet.parse(alphabet), key);
        String input = text.read();
        String result = encode ? classic.encode(input) : classic.decode(input);
        PrintWriter out = spec.commandLine().getOut();
        if (text.fromStandardInput()) {
            out.print(result);
        } else {
            out.println(result);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
