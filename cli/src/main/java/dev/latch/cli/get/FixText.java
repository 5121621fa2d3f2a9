package dev.latch.cli.get;

/**
 * A trust report's fix in {@code latch get}'s words: the validator names {@code latch verify}'s
 * {@code --ca FILE} for "trust this root", which {@code latch get} spells {@code --cacert FILE}.
 */
final class FixText {
    private FixText() {
    }

    static String forGet(String text) {
        return text == null ? null : text.replace("(--ca FILE)", "(--cacert FILE)");
    }
}
