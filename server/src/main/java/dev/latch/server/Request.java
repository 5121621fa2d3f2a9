package dev.latch.server;

import dev.latch.tls.session.ClientIdentity;
import dev.latch.tls.session.HandshakeInfo;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a handler sees it.
 *
 * @param method    GET, HEAD, ...
 * @param target    the request target as sent (path and query, still percent-encoded)
 * @param path      the target's path, not decoded
 * @param query     the query without '?', or null
 * @param protocol  "HTTP/1.1" or "HTTP/2"
 * @param host      the canonical name of the virtual host serving it
 * @param headers   header names in lower case, each with its values in order
 * @param body      the request body (empty when none)
 * @param remote    the client's address
 * @param tls       what the handshake agreed on
 * @param client    the client certificate's verdict (ANONYMOUS when none was asked for or sent)
 */
public record Request(String method, String target, String path, String query, String protocol, String host,
                      Map<String, List<String>> headers, byte[] body, InetSocketAddress remote,
                      HandshakeInfo tls, ClientIdentity client) {

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }
}
