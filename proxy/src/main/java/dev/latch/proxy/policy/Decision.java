package dev.latch.proxy.policy;

import java.net.InetAddress;
import java.util.List;

/**
 * The answer of {@link Destinations}: the addresses to try, in order, or why not.
 *
 * @param addresses where the proxy may connect (empty when refused)
 * @param status    0 when allowed; else the HTTP status for the client: 403 for the policy, 502
 *                  for a name that does not resolve
 * @param reason    for a refusal, one line for the client and the access log; else null
 */
public record Decision(List<InetAddress> addresses, int status, String reason) {

    public Decision {
        addresses = List.copyOf(addresses);
        if (status == 0 && addresses.isEmpty()) {
            throw new IllegalArgumentException("an allowed decision needs an address");
        }
    }

    public static Decision connectTo(List<InetAddress> addresses) {
        return new Decision(addresses, 0, null);
    }

    public static Decision refuse(int status, String reason) {
        return new Decision(List.of(), status, reason);
    }

    public boolean allowed() {
        return status == 0;
    }
}
