package dev.latch.client.proxy;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.core.PeerText;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What went wrong with a CONNECT, said as the proxy's failure, not the target's, with what to do. */
final class TunnelFailures {

    private final ProxyEndpoint proxy;
    private final String target;

    TunnelFailures(ProxyEndpoint proxy, String target) {
        this.proxy = proxy;
        this.target = target;
    }

    /** The proxy as a URL without credentials. */
    String proxy() {
        return proxy.display();
    }

    /** The proxy answered, but not 2xx. */
    ClientFailure refused(HttpResponse answer) {
        int code = answer.status().code();
        String status = status(answer);
        String name = "the proxy " + proxy.display();
        return switch (code) {
            case 407 -> authenticationRequired(name + " answered " + status,
                    answer.headers().getAll(HttpHeaderNames.PROXY_AUTHENTICATE));
            case 403 -> failure(name + " refused the tunnel to " + target + " by its policy: " + status,
                    "ask the proxy's operator to allow " + target + ", or reach it without the proxy (--noproxy)");
            case 502, 503, 504 -> failure(name + " could not reach " + target + ": " + status,
                    "the proxy resolves and connects to the target itself: check the name and port, and that the "
                            + "proxy's network reaches it");
            case 405, 501 -> failure(name + " does not tunnel (CONNECT): " + status,
                    "use a proxy that tunnels https, or reach " + target + " without the proxy (--noproxy)");
            default -> failure(name + " answered the CONNECT to " + target + " with " + status,
                    "this is the proxy's answer, not the server's: -v shows its headers");
        };
    }

    private ClientFailure authenticationRequired(String message, List<String> challenges) {
        String form = "--proxy " + (proxy.tls() ? "https" : "http") + "://user:password@"
                + ProxyEndpoint.hostPort(proxy.host(), proxy.port());
        boolean basic = challenges.isEmpty()
                || challenges.stream().anyMatch(c -> c.strip().toLowerCase(Locale.ROOT).startsWith("basic"));
        if (!basic) {
            return failure(message + "; it asks for " + String.join(", ", challenges.stream()
                            .map(c -> PeerText.shown(c.strip().split("\\s+", 2)[0])).toList())
                            + ", and latch get speaks Basic only",
                    "use a proxy account or a proxy that accepts Basic authentication");
        }
        if (proxy.user() == null) {
            return failure(message, "give credentials with " + form);
        }
        return failure(message + " for the user '" + proxy.user() + "'",
                "correct the credentials in " + form + " (special characters percent-encoded, %40 for @)");
    }

    /** The connection ended before the proxy's answer was complete. */
    ClientFailure closed() {
        return failure("the proxy " + proxy.display() + " closed the connection before it answered the CONNECT to "
                + target, "check that " + proxy.display() + " is an HTTP proxy (not a web server or a SOCKS proxy)");
    }

    /** The connection failed (a TLS or socket error) before the proxy's answer. */
    ClientFailure broken(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? "the connection failed" : root.getMessage();
        return new ClientFailure(FailureKind.PROXY_HANDSHAKE, "the connection to the proxy " + proxy.display()
                + " failed before it answered the CONNECT to " + target + ": " + why,
                "check that " + proxy.display() + " is the proxy's address and scheme", null, cause);
    }

    /** The answer was not HTTP. */
    ClientFailure notHttp() {
        return failure("the proxy " + proxy.display() + " answered the CONNECT to " + target + " with something that "
                + "is not HTTP", "check that " + proxy.display() + " is an HTTP proxy, and its scheme (http or https)");
    }

    ClientFailure timedOut(Duration timeout) {
        return new ClientFailure(FailureKind.TIMEOUT, "the proxy " + proxy.display() + " did not answer the CONNECT to "
                + target + " within " + seconds(timeout), "check the proxy, or give it more time with --connect-timeout");
    }

    /** The answer's status line as a person may see it: {@code 407 Proxy Authentication Required}. */
    static String status(HttpResponse answer) {
        return answer.status().code() + " " + PeerText.shown(answer.status().reasonPhrase());
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static ClientFailure failure(String message, String hint) {
        return new ClientFailure(FailureKind.PROXY_HANDSHAKE, message, hint);
    }
}
