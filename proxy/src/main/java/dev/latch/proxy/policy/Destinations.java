package dev.latch.proxy.policy;

import dev.latch.proxy.target.Target;

/**
 * Decides where the proxy may connect for a target, on the addresses it would actually connect
 * to: a name is resolved first and every address judged, so neither DNS rebinding nor another
 * spelling of an address gets past the policy. The proxy connects only to the addresses returned.
 */
@FunctionalInterface
public interface Destinations {
    /**
     * May block (name resolution): call it off the event loop.
     *
     * @param tunnel true for CONNECT (the allowed ports apply), false for a forwarded http:// request
     */
    Decision decide(Target target, boolean tunnel);

    /** False when {@link #decide} answers this target without blocking (an address, a name it knows): it then runs on the event loop. */
    default boolean mayBlock(Target target) {
        return true;
    }
}
