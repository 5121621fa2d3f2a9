package dev.latch.cli.get;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The proxy settings {@code latch get} hands to {@code ProxySelection.fromEnvironment}: the
 * process environment, with {@code --proxy} standing for every scheme (as curl's {@code -x} does,
 * overriding {@code http_proxy}, {@code HTTPS_PROXY} and {@code ALL_PROXY}), {@code --noproxy}
 * replacing {@code NO_PROXY}, and {@code --proxy-user} put into the proxy URL's user part.
 */
final class ProxyEnvironment {
    private static final Set<String> PROXY_VARIABLES = Set.of("http_proxy", "https_proxy", "all_proxy");

    private ProxyEnvironment() {
    }

    static Map<String, String> of(Map<String, String> environment, String proxy, String noProxy, String proxyUser) {
        Map<String, String> result = new HashMap<>(environment);
        if (proxy != null) {
            result.keySet().removeIf(name -> PROXY_VARIABLES.contains(name.toLowerCase(Locale.ROOT)));
            result.put("all_proxy", withUser(proxy.contains("://") ? proxy : "http://" + proxy, proxyUser));
        } else if (proxyUser != null) {
            throw new IllegalArgumentException("--proxy-user needs --proxy URL (or put the user in the URL of HTTPS_PROXY)");
        }
        if (noProxy != null) {
            result.keySet().removeIf(name -> name.equalsIgnoreCase("no_proxy"));
            result.put("no_proxy", noProxy);
        }
        return result;
    }

    /** {@code http://host:port} with {@code user:password@} put in, each part percent-encoded (RFC 3986 §3.2.1). */
    private static String withUser(String proxy, String proxyUser) {
        if (proxyUser == null) {
            return proxy;
        }
        int colon = proxyUser.indexOf(':');
        String user = colon < 0 ? proxyUser : proxyUser.substring(0, colon);
        String password = colon < 0 ? "" : proxyUser.substring(colon + 1);
        int start = proxy.indexOf("://") + 3;
        int at = proxy.lastIndexOf('@', proxy.indexOf('/', start) < 0 ? proxy.length() : proxy.indexOf('/', start));
        String hostPart = proxy.substring(at >= start ? at + 1 : start);
        return proxy.substring(0, start) + encode(user) + ":" + encode(password) + "@" + hostPart;
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
