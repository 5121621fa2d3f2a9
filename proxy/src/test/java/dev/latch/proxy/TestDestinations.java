package dev.latch.proxy;

import dev.latch.proxy.policy.Decision;
import dev.latch.proxy.policy.Destinations;
import dev.latch.proxy.target.Target;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A destination policy for tests that never looks anything up: names in {@code names} resolve to
 * their address, loopback addresses are allowed, {@code denied} hosts get 403, other names 502.
 */
public record TestDestinations(Map<String, List<InetAddress>> names, Set<String> denied) implements Destinations {

    public static TestDestinations loopback() {
        return new TestDestinations(Map.of("localhost", List.of(InetAddress.getLoopbackAddress()),
                "a.test", List.of(InetAddress.getLoopbackAddress())), Set.of("denied.test"));
    }

    @Override
    public Decision decide(Target target, boolean tunnel) {
        if (denied.contains(target.host())) {
            return Decision.refuse(403, target.host() + " is denied by the proxy's policy");
        }
        if (target.address() != null) {
            return target.address().isLoopbackAddress() ? Decision.connectTo(List.of(target.address()))
                    : Decision.refuse(403, target.host() + " is not on loopback");
        }
        List<InetAddress> addresses = names.get(target.host());
        return addresses == null ? Decision.refuse(502, "cannot resolve " + target.host())
                : Decision.connectTo(addresses);
    }
}
