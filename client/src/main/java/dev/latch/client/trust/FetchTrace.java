package dev.latch.client.trust;

import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;

import java.util.Map;

/** The {@link Step#FETCH} events: what was fetched from where, and whether it worked. */
final class FetchTrace {
    private FetchTrace() {
    }

    static void done(Trace trace, String url, String what, String got) {
        trace.add(Step.FETCH, "Fetched " + what + " from " + url + ": " + got, Map.of("url", url, "what", what, "ok", true));
    }

    static void failed(Trace trace, String url, String what, String error) {
        trace.add(Step.FETCH, "Could not fetch " + what + " from " + url + ": " + error,
                Map.of("url", url, "what", what, "ok", false, "error", error));
    }
}
