package dev.latch.cli.crack;

import java.util.HexFormat;

/** A 16-byte value given on the command line in hex (colons and spaces between the digits allowed). */
final class HexBlock {
    static final int BYTES = 16;

    private HexBlock() {
    }

    /** @throws IllegalArgumentException one line naming the option and what it needs */
    static byte[] parse(String option, String text) {
        String digits = text.replace(":", "").replace(" ", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.length() != 2 * BYTES || !digits.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException(option + " needs " + 2 * BYTES + " hex digits (" + BYTES + " bytes, one AES block or an AES-128 key), not '"
                    + shorten(text) + "'");
        }
        return HexFormat.of().parseHex(digits);
    }

    private static String shorten(String text) {
        return text.length() <= 48 ? text : text.substring(0, 45) + "...";
    }
}
