package dev.latch.client.connect;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns a host into the addresses to try, in order: a {@code --resolve} entry for host:port first, else the
 * system's resolver, within the connect timeout and the max time. An IP literal is its own address, not looked up.
 */
public final class Resolver {
    /** A name lookup: the system's resolver outside tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    private final Map<String, List<InetAddress>> overrides;
    private final Lookup lookup;

    /** @param overrides addresses by {@code host:port} (host lower case), as curl's {@code --resolve} */
    public Resolver(Map<String, List<InetAddress>> overrides) {
        this(overrides, InetAddress::getAllByName);
    }

    Resolver(Map<String, List<InetAddress>> overrides, Lookup lookup) {
        this.overrides = Map.copyOf(overrides);
        this.lookup = lookup;
    }

    /**
     * @param notFound the failure when nothing is found: NAME_NOT_RESOLVED for the target, PROXY_NAME_NOT_RESOLVED
     *                 for the proxy
     * @param timeout  the most the lookup may take (the connect timeout, which covers it, as curl's)
     */
    public List<InetAddress> resolve(String host, int port, FailureKind notFound, Duration timeout, Deadline deadline,
                                     Trace trace) throws ClientFailure {
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
        String whose = notFound == FailureKind.PROXY_NAME_NOT_RESOLVED ? "the proxy's name " : "";
        String giveIt = "give its address with --resolve " + host + ":" + port + ":ADDRESS";
        try {
            return traced(host, Arrays.asList(lookUp(host, timeout, deadline)), "dns", trace);
        } catch (UnknownHostException e) {
            throw new ClientFailure(notFound, "could not resolve " + whose + "'" + host + "'", "check the name, or " + giveIt);
        } catch (TimeoutException e) {
            deadline.check(); // when the max time is what ran out, that is the failure
            throw new ClientFailure(FailureKind.TIMEOUT, "could not resolve " + whose + "'" + host + "' within "
                    + Deadline.seconds(timeout), "check the DNS server, " + giveIt + ", or allow longer with --connect-timeout");
        }
    }

    /** The system's lookup blocks and cannot be interrupted: it runs on a virtual thread of its own, waited on for a bounded time. */
    private InetAddress[] lookUp(String host, Duration timeout, Deadline deadline) throws UnknownHostException, TimeoutException {
        CompletableFuture<InetAddress[]> found = new CompletableFuture<>();
        Thread.ofVirtual().name("latch-resolve").start(() -> {
            try {
                found.complete(lookup.all(host));
            } catch (UnknownHostException | RuntimeException e) {
                found.completeExceptionally(e);
            }
        });
        Duration wait = timeout.compareTo(deadline.remaining()) < 0 ? timeout : deadline.remaining();
        try {
            return found.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(host + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    private static List<InetAddress> traced(String host, List<InetAddress> addresses, String source, Trace trace) {
        List<String> shown = addresses.stream().map(InetAddress::getHostAddress).toList();
        trace.add(Step.RESOLVE, "Resolved " + host + " to " + String.join(", ", shown)
                + (source.equals("dns") ? "" : " (" + source + ")"), Map.of("host", host, "addresses", shown, "source", source));
        return List.copyOf(addresses);
    }
}
