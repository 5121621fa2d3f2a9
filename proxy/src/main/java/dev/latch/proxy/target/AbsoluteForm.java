package dev.latch.proxy.target;

/**
 * An absolute-form request target, {@code http://host[:port]/path?query} (RFC 9112 §3.2.2): where
 * to go and what to ask for there.
 *
 * @param target     host and port (80 when none is given)
 * @param originForm the path and query to send upstream, at least "/"
 */
public record AbsoluteForm(Target target, String originForm) {
}
