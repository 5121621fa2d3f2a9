package dev.latch.client.connect;

import dev.latch.client.ClientFailure;
import dev.latch.client.FailureKind;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a host into the addresses to try, in order: a {@code --resolve} entry for host:port first, else the
 * system's resolver (blocking; callers are off the event loop). An IP literal is its own address, not looked up.
 */
public final class Resolver {
    private final Map<String, List<InetAddress>> overrides;

    /** @param overrides addresses by {@code host:port} (host lower case), as curl's {@code --resolve} */
    public Resolver(Map<String, List<InetAddress>> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * @param notFound the failure when nothing is found: NAME_NOT_RESOLVED for the target, PROXY_NAME_NOT_RESOLVED
     *                 for the proxy
     */
    public List<InetAddress> resolve(String host, int port, FailureKind notFound, Trace trace) throws ClientFailure {
        List<InetAddress> fixed = overrides.get(host.toLowerCase(Locale.ROOT) + ":" + port);
        if (fixed != null) {
            return traced(host, fixed, "--resolve", trace);
        }
        if (Target.isLiteral(host)) {
            try {
                return List.of(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new ClientFailure(notFound, "'" + host + "' is not a valid IP address", null);
            }
        }
        try {
            return traced(host, Arrays.asList(InetAddress.getAllByName(host)), "dns", trace);
        } catch (UnknownHostException e) {
            String whose = notFound == FailureKind.PROXY_NAME_NOT_RESOLVED ? "the proxy's name " : "";
            throw new ClientFailure(notFound, "could not resolve " + whose + "'" + host + "'",
                    "check the name, or give its address with --resolve " + host + ":" + port + ":ADDRESS");
        }
    }

    private static List<InetAddress> traced(String host, List<InetAddress> addresses, String source, Trace trace) {
        List<String> shown = addresses.stream().map(InetAddress::getHostAddress).toList();
        trace.add(Step.RESOLVE, "Resolved " + host + " to " + String.join(", ", shown)
                + (source.equals("dns") ? "" : " (" + source + ")"), Map.of("host", host, "addresses", shown, "source", source));
        return List.copyOf(addresses);
    }
}
