package dev.latch.client.proxy;

/**
 * A proxy to go through, as {@code --proxy} or the environment named it.
 *
 * @param tls      whether the connection to the proxy itself is TLS ({@code https://} proxy)
 * @param user     the user for Basic proxy authentication (RFC 9110 §11.7.1, RFC 7617), or null
 * @param password the password, or null
 */
public record ProxyEndpoint(boolean tls, String host, int port, String user, String password) {
    /** The proxy as a URL without credentials, for messages and traces: {@code http://host:port}. */
    public String display() {
        throw new UnsupportedOperationException("SEAM: proxy helper");
    }

    /** The value of a Proxy-Authorization header for the credentials, or null when there are none. */
    public String authorization() {
        throw new UnsupportedOperationException("SEAM: proxy helper");
    }
}
