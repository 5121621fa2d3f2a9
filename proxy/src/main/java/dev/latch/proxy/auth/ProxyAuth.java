package dev.latch.proxy.auth;

import java.net.InetAddress;

/**
 * Who may use the proxy: checks a request's {@code Proxy-Authorization} (RFC 9110 §11.7.2).
 */
public interface ProxyAuth {
    /** The realm named in {@code Proxy-Authenticate}. */
    String REALM = "latch proxy";

    /**
     * May block (a slow password hash): call it off the event loop.
     *
     * @param proxyAuthorization the header's value, or null when the request has none
     */
    AuthResult check(InetAddress client, String proxyAuthorization);

    /** False when every client is let in without credentials. */
    boolean required();

    /** False when {@link #check} answers these credentials without blocking (none needed, none given, recently verified). */
    default boolean mayBlock(InetAddress client, String proxyAuthorization) {
        return true;
    }

    /** Lets every client in, as no user. */
    static ProxyAuth none() {
        return new ProxyAuth() {
            @Override
            public AuthResult check(InetAddress client, String proxyAuthorization) {
                return AuthResult.allowed(null);
            }

            @Override
            public boolean required() {
                return false;
            }

            @Override
            public boolean mayBlock(InetAddress client, String proxyAuthorization) {
                return false;
            }
        };
    }
}
