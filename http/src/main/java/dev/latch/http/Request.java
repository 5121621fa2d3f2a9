package dev.latch.http;

import dev.latch.tls.handshake.ClientIdentity;
import dev.latch.tls.handshake.HandshakeRecord;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One HTTP request as a handler sees it. Headers are read from the connection's own structure
 * on demand (most handlers look at a few, and copying all of them for every request costs).
 */
public final class Request {
    private final String method;
    private final String target;
    private final String path;
    private final String query;
    private final String protocol;
    private final String host;
    private final String targetAuthority;
    private final Function<String, String> firstHeader;
    private final Supplier<Map<String, List<String>>> allHeaders;
    private final byte[] body;
    private final InetSocketAddress remote;
    private final HandshakeRecord tls;
    private final ClientIdentity client;
    private final boolean keepAlive;
    private final long receivedNanos;
    private final int streamId;

    /**
     * @param method    GET, HEAD, ...
     * @param target    the request target as sent (path and query, still percent-encoded; or absolute-form)
     * @param path      the target's path, not decoded
     * @param query     the query without '?', or null
     * @param protocol  "HTTP/1.1" or "HTTP/2.0"
     * @param host      the canonical name of the virtual host serving it (null before routing, or without hosts)
     * @param headers   header names in lower case, each with its values in order
     * @param body      the request body (empty when none)
     * @param remote    the client's address
     * @param tls       what the handshake agreed on (null on plain HTTP)
     * @param client    the client certificate's verdict (ANONYMOUS when none was asked for or sent)
     */
    public Request(String method, String target, String path, String query, String protocol, String host,
                   Map<String, List<String>> headers, byte[] body, InetSocketAddress remote,
                   HandshakeRecord tls, ClientIdentity client) {
        this(method, target, path, query, protocol, host, name -> {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }, () -> headers, body, remote, tls, client);
    }

    /**
     * A request whose headers live elsewhere: {@code firstHeader} answers a lower-case name with its
     * first value or null; {@code allHeaders} makes the whole map when a handler asks for it.
     */
    public Request(String method, String target, String path, String query, String protocol, String host,
                   Function<String, String> firstHeader, Supplier<Map<String, List<String>>> allHeaders,
                   byte[] body, InetSocketAddress remote, HandshakeRecord tls, ClientIdentity client) {
        this(method, target, path, query, protocol, host, firstHeader, allHeaders, body, remote, tls, client, true,
                System.nanoTime());
    }

    /**
     * As read off a connection: {@code keepAlive} says whether the client lets the connection stay
     * open after the answer (HTTP/1.x; always true for an HTTP/2 stream), {@code receivedNanos} is
     * the {@link System#nanoTime()} at which the request was whole.
     */
    public Request(String method, String target, String path, String query, String protocol, String host,
                   Function<String, String> firstHeader, Supplier<Map<String, List<String>>> allHeaders,
                   byte[] body, InetSocketAddress remote, HandshakeRecord tls, ClientIdentity client,
                   boolean keepAlive, long receivedNanos) {
        this(method, target, path, query, protocol, host, null, firstHeader, allHeaders, body, remote, tls, client,
                keepAlive, receivedNanos, 0);
    }

    private Request(String method, String target, String path, String query, String protocol, String host,
                    String targetAuthority, Function<String, String> firstHeader,
                    Supplier<Map<String, List<String>>> allHeaders, byte[] body, InetSocketAddress remote,
                    HandshakeRecord tls, ClientIdentity client, boolean keepAlive, long receivedNanos, int streamId) {
        this.method = method;
        this.target = target;
        this.path = path;
        this.query = query;
        this.protocol = protocol;
        this.host = host;
        this.targetAuthority = targetAuthority;
        this.firstHeader = firstHeader;
        this.allHeaders = allHeaders;
        this.body = body;
        this.remote = remote;
        this.tls = tls;
        this.client = client;
        this.keepAlive = keepAlive;
        this.receivedNanos = receivedNanos;
        this.streamId = streamId;
    }

    /** The same request, as answered by the virtual host with this canonical name. */
    public Request routedTo(String site) {
        return new Request(method, target, path, query, protocol, site, targetAuthority, firstHeader, allHeaders, body,
                remote, tls, client, keepAlive, receivedNanos, streamId);
    }

    /** The same request, its target in absolute-form with this authority ("host[:port]"). */
    public Request withTargetAuthority(String authority) {
        return new Request(method, target, path, query, protocol, host, authority, firstHeader, allHeaders, body,
                remote, tls, client, keepAlive, receivedNanos, streamId);
    }

    /** The same request, as read off this HTTP/2 stream (its answer goes back on it). */
    public Request onStream(int id) {
        return new Request(method, target, path, query, protocol, host, targetAuthority, firstHeader, allHeaders, body,
                remote, tls, client, keepAlive, receivedNanos, id);
    }

    /** The HTTP/2 stream the request came on; 0 for HTTP/1.x. */
    public int streamId() {
        return streamId;
    }

    public String method() {
        return method;
    }

    public String target() {
        return target;
    }

    public String path() {
        return path;
    }

    public String query() {
        return query;
    }

    public String protocol() {
        return protocol;
    }

    public String host() {
        return host;
    }

    /** The authority of an absolute-form target ("https://host:port/path"), or null for a target that is a path. */
    public String targetAuthority() {
        return targetAuthority;
    }

    /**
     * Whom the request is for ("host[:port]", or null when it does not say): an absolute-form
     * target's authority, which wins over Host (RFC 9112 §3.2.2), else the Host header (into which
     * HTTP/2's :authority is turned).
     */
    public String authority() {
        return targetAuthority != null ? targetAuthority : header("host");
    }

    /** Every header: names in lower case, each with its values in order. */
    public Map<String, List<String>> headers() {
        return allHeaders.get();
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return firstHeader.apply(name.toLowerCase(Locale.ROOT));
    }

    public byte[] body() {
        return body;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public HandshakeRecord tls() {
        return tls;
    }

    public ClientIdentity client() {
        return client;
    }

    /** Whether the client lets the connection stay open after the answer. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** {@link System#nanoTime()} when the request had arrived whole. */
    public long receivedNanos() {
        return receivedNanos;
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }
}
