package dev.latch.client.proxy;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Which proxy, if any, a URL goes through: from {@code --proxy} and {@code --noproxy}, or from the
 * environment as curl reads it ({@code https_proxy}/{@code HTTPS_PROXY}, {@code http_proxy} (lower case only),
 * {@code ALL_PROXY}, {@code NO_PROXY}).
 *
 * <p>For the command line as curl has it: {@code fromEnvironment(System.getenv()).withFlags(proxy, noProxy)}:
 * {@code --proxy} replaces the environment's proxies, {@code --noproxy} (also an empty one) its
 * {@code NO_PROXY}, and the environment's {@code NO_PROXY} still applies to {@code --proxy}.
 */
public final class ProxySelection {
    private static final ProxySelection NONE = new ProxySelection(null, null, NoProxyList.EMPTY);

    private final Choice forHttp;
    private final Choice forHttps;
    private final NoProxyList noProxy;

    private ProxySelection(Choice forHttp, Choice forHttps, NoProxyList noProxy) {
        this.forHttp = forHttp;
        this.forHttps = forHttps;
        this.noProxy = noProxy;
    }

    /** Every URL directly. */
    public static ProxySelection none() {
        return NONE;
    }

    /**
     * Every URL through {@code proxy} (null for none) except the hosts of {@code noProxy}, a list as
     * curl's {@code --noproxy} takes it (null or empty for none; see {@link NoProxyList}).
     */
    public static ProxySelection of(ProxyEndpoint proxy, String noProxy) {
        return NONE.withFlags(proxy, noProxy);
    }

    /**
     * The proxies the environment names, as curl reads them: for https URLs {@code https_proxy}, else
     * {@code HTTPS_PROXY}; for http URLs {@code http_proxy} only (the upper-case {@code HTTP_PROXY}
     * is ignored: a CGI program finds a request's {@code Proxy:} header there); for either, when its
     * own is unset, {@code all_proxy}, else {@code ALL_PROXY}; hosts reached directly from
     * {@code no_proxy}, else {@code NO_PROXY}. An empty variable counts as unset. A value is read
     * when a URL needs it: {@link #forUrl} fails on a value that is not a proxy URL.
     */
    public static ProxySelection fromEnvironment(Map<String, String> environment) {
        Choice all = Choice.from(environment, "all_proxy", "ALL_PROXY");
        Choice http = Choice.from(environment, "http_proxy");
        Choice https = Choice.from(environment, "https_proxy", "HTTPS_PROXY");
        Choice noProxy = Choice.from(environment, "no_proxy", "NO_PROXY");
        return new ProxySelection(http == null ? all : http, https == null ? all : https,
                NoProxyList.parse(noProxy == null ? null : noProxy.value()));
    }

    /**
     * This selection with the command line's say: {@code proxy} (when not null) for every URL, and
     * {@code noProxy} (when not null, also when empty) instead of the hosts reached directly so far.
     */
    public ProxySelection withFlags(ProxyEndpoint proxy, String noProxy) {
        Choice flag = proxy == null ? null : new Choice(null, null, proxy);
        return new ProxySelection(flag == null ? forHttp : flag, flag == null ? forHttps : flag,
                noProxy == null ? this.noProxy : NoProxyList.parse(noProxy));
    }

    /**
     * The proxy to use for this URL, or null to connect directly.
     *
     * @throws dev.latch.core.LatchException when the environment variable that applies is not a proxy URL
     */
    public ProxyEndpoint forUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        Choice choice = switch (scheme) {
            case "https" -> forHttps;
            case "http" -> forHttp;
            default -> null;
        };
        if (choice == null || url.getHost() == null || noProxy.matches(url.getHost())) {
            return null;
        }
        return choice.endpoint();
    }

    /** A proxy from a flag (endpoint) or from an environment variable (its value, parsed when needed). */
    private record Choice(String variable, String value, ProxyEndpoint endpoint) {
        static Choice from(Map<String, String> environment, String... variables) {
            for (String variable : variables) {
                String value = environment.get(variable);
                if (value != null && !value.isEmpty()) {
                    return new Choice(variable, value, null);
                }
            }
            return null;
        }

        @Override
        public ProxyEndpoint endpoint() {
            return endpoint != null ? endpoint : ProxyEndpoint.parse(value, " in " + variable);
        }
    }
}
