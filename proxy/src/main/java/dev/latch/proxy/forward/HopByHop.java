package dev.latch.proxy.forward;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes the fields that describe one connection rather than the message (RFC 9110 §7.6.1): those
 * named in {@code Connection}, and the ones every proxy treats so. {@code Transfer-Encoding} stays: the
 * codec on each side frames the body by it. {@code Proxy-Authorization} was meant for this proxy alone
 * (RFC 9110 §11.7.2) and never goes upstream.
 */
public final class HopByHop {
    private static final List<CharSequence> ALWAYS = List.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE,
            HttpHeaderNames.PROXY_AUTHORIZATION);

    private HopByHop() {
    }

    public static void strip(HttpHeaders headers) {
        List<String> named = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !name.equalsIgnoreCase(HttpHeaderNames.TRANSFER_ENCODING.toString())
                        && !name.equalsIgnoreCase(HttpHeaderNames.CONTENT_LENGTH.toString())) {
                    named.add(name); // never let "Connection: content-length" unframe a body
                }
            }
        }
        named.forEach(headers::remove);
        ALWAYS.forEach(headers::remove);
    }
}
