package dev.latch.pki.cert;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: positive, 20 octets at most (RFC 5280 §4.1.2.2), with 158 random
 * bits, well above the CA/Browser Forum's minimum of 64.
 */
public final class SerialNumbers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SerialNumbers() {
    }

    public static BigInteger random() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0x3F) | 0x40); // positive, and always 20 octets long
        return new BigInteger(1, bytes);
    }

    /** Hex with colons between octets, as OpenSSL prints serials: {@code 4a:1f:…}. */
    public static String hex(BigInteger serial) {
        String hex = serial.toString(16);
        if (hex.length() % 2 == 1) {
            hex = "0" + hex;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    /** Parses a serial as printed by Latch or OpenSSL: hex, with or without colons or a 0x prefix. */
    public static BigInteger parse(String text) {
        String hex = text.strip().replace(":", "").toLowerCase(java.util.Locale.ROOT);
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty() || !hex.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("'" + text + "' is not a hexadecimal serial number (like 4a:1f:03 or 4a1f03)");
        }
        return new BigInteger(hex, 16);
    }
}
