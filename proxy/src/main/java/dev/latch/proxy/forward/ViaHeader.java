package dev.latch.proxy.forward;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;

/** {@code Via} (RFC 9110 §7.6.3): this proxy's mark on what it forwards, and how loops are seen. */
public final class ViaHeader {
    private ViaHeader() {
    }

    /** Appends {@code 1.1 pseudonym} (the protocol version the message was received with). */
    public static void append(HttpHeaders headers, HttpVersion received, String pseudonym) {
        headers.add(HttpHeaderNames.VIA, received.majorVersion() + "." + received.minorVersion() + " " + pseudonym);
    }

    /** True when a proxy named {@code pseudonym} (this one) already forwarded the message. */
    public static boolean passedThrough(HttpHeaders headers, String pseudonym) {
        for (String value : headers.getAll(HttpHeaderNames.VIA)) {
            for (String element : value.split(",")) {
                String[] words = element.trim().split("\\s+");
                if (words.length >= 2 && words[1].equalsIgnoreCase(pseudonym)) {
                    return true;
                }
            }
        }
        return false;
    }
}
