package dev.latch.proxy.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and password of a {@code Proxy-Authorization: Basic …} header (RFC 7617). The password
 * stays bytes (UTF-8, RFC 7617 §2.1) so that it can be wiped after use, and never shows in
 * {@link #toString()}.
 */
public final class BasicCredentials {
    /** Far above any real user and password; keeps a hostile header from costing more than a glance. */
    private static final int MAX_HEADER = 4096;

    private final String user;
    private final byte[] password;

    BasicCredentials(String user, byte[] password) {
        this.user = user;
        this.password = password;
    }

    /**
     * Reads a header's value: {@code Basic} (any case, RFC 9110 §11.1), one or more spaces, then
     * base64 of {@code user:password}. Anything else, including a user or password with a
     * control character (RFC 7617 §2) or a user name that is not UTF-8, gives empty.
     */
    public static Optional<BasicCredentials> parse(String header) {
        if (header == null || header.length() > MAX_HEADER) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        String token = value.substring(space + 1).stripLeading();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            if (hasControlCharacter(decoded)) {
                return Optional.empty();
            }
            int colon = indexOf(decoded, (byte) ':');
            if (colon < 0) {
                return Optional.empty();
            }
            String user = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded, 0, colon)).toString();
            return Optional.of(new BasicCredentials(user, Arrays.copyOfRange(decoded, colon + 1, decoded.length)));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /**
     * Whether UTF-8 text holds a control character (RFC 5234's CTL), which RFC 7617 §2 keeps out of
     * user and password. In UTF-8 those bytes never occur inside another character.
     */
    public static boolean hasControlCharacter(byte[] utf8) {
        for (byte b : utf8) {
            if ((b >= 0 && b < 0x20) || b == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    public String user() {
        return user;
    }

    /** The password's bytes as sent (UTF-8); the array itself, so that {@link #wipe()} clears what was read. */
    byte[] password() {
        return password;
    }

    /** Overwrites the password in memory once it has been checked. */
    public void wipe() {
        Arrays.fill(password, (byte) 0);
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }
}
