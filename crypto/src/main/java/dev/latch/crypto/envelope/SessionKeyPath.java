package dev.latch.crypto.envelope;

import java.util.ArrayList;
import java.util.List;

/**
 * The life of one message's session key, as the seed's figure of a hybrid system draws it
 * (§14.4.2): generated, wrapped for (or unwrapped by) each recipient, used for the content.
 * Names algorithms, sizes, nonces and tags, which are public; never a key's bytes.
 */
public final class SessionKeyPath {
    private final List<String> steps = new ArrayList<>();

    void add(String step) {
        steps.add(step);
    }

    public List<String> steps() {
        return List.copyOf(steps);
    }

    /** One step per line, each starting with {@code prefix}. */
    public String toText(String prefix) {
        StringBuilder text = new StringBuilder();
        for (String step : steps) {
            text.append(prefix).append(step).append('\n');
        }
        return text.toString();
    }
}
