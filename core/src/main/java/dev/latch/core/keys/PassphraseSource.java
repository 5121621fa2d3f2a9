package dev.latch.core.keys;

/** Supplies the passphrase for an encrypted key when one is needed, or {@code null} when none is known. */
@FunctionalInterface
public interface PassphraseSource {
    PassphraseSource NONE = what -> null;

    char[] passphraseFor(String what);

    static PassphraseSource of(char[] passphrase) {
        return what -> passphrase == null ? null : passphrase.clone();
    }
}
