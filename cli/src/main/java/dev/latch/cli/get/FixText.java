package dev.latch.cli.get;

import java.util.Map;

/**
 * A trust report's fix in {@code latch get}'s words: the validator names {@code latch verify}'s
 * flags ({@code --ca FILE} to trust a root, {@code --untrusted} to add an intermediate), which
 * {@code latch get} spells {@code --cacert FILE} and {@code --fetch-intermediates}.
 */
final class FixText {
    private static final Map<String, String> VERIFY_TO_GET = Map.of(
            "(--ca FILE)", "(--cacert FILE)",
            "pass it with --untrusted or fix the server's chain", "fix the server's chain, or fetch it with --fetch-intermediates");

    private FixText() {
    }

    static String forGet(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, String> words : VERIFY_TO_GET.entrySet()) {
            result = result.replace(words.getKey(), words.getValue());
        }
        return result;
    }
}
