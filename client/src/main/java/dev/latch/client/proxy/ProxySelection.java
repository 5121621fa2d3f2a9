package dev.latch.client.proxy;

import java.net.URI;
import java.util.Map;

/**
 * Which proxy, if any, a URL goes through: from {@code --proxy} and {@code --noproxy}, or from the
 * environment as curl reads it ({@code https_proxy}/{@code HTTPS_PROXY}, {@code http_proxy} (lower case only),
 * {@code ALL_PROXY}, {@code NO_PROXY}).
 *
 * <p>SEAM (lead): implemented by the proxy helper.
 */
public final class ProxySelection {
    public static ProxySelection none() {
        throw new UnsupportedOperationException("SEAM: proxy helper");
    }

    public static ProxySelection fromEnvironment(Map<String, String> environment) {
        throw new UnsupportedOperationException("SEAM: proxy helper");
    }

    /** The proxy to use for this URL, or null to connect directly. */
    public ProxyEndpoint forUrl(URI url) {
        throw new UnsupportedOperationException("SEAM: proxy helper");
    }
}
