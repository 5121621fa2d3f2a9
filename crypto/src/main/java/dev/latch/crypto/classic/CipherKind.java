package dev.latch.crypto.classic;

import dev.latch.core.UsageException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The classic ciphers by the names the command line uses. */
public enum CipherKind {
    /** Rotate-by-N: each letter N places further on (the seed's rotate-by-3). */
    ROT("rot"),
    /** A keyed substitution: each letter replaced by the one the key puts in its place. */
    SUBSTITUTION("substitution"),
    /** Vigenère: a rotation per letter, the key's letters in turn. */
    VIGENERE("vigenere");

    private final String cliName;

    CipherKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** This cipher with a key as the user writes it; a key it cannot use is a usage error. */
    public ClassicCipher withKey(Alphabet alphabet, String key) {
        return switch (this) {
            case ROT -> Rotation.parse(alphabet, key);
            case SUBSTITUTION -> Substitution.parse(alphabet, key);
            case VIGENERE -> Vigenere.parse(alphabet, key);
        };
    }

    public static CipherKind parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (CipherKind kind : values()) {
            if (kind.cliName.equals(wanted)) {
                return kind;
            }
        }
        throw new UsageException("unknown cipher '" + text + "'", "use one of: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(CipherKind::cliName).collect(Collectors.joining(", "));
    }
}
