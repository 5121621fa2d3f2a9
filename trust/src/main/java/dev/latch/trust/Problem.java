package dev.latch.trust;

/**
 * One reason for refusal: which rule, which certificate (subject and fingerprint), what was
 * expected and found, and the fix when there is one.
 *
 * @param certificate who it concerns, e.g. {@code CN=a.test [SHA-256 3F:2A:…]}, or null for the chain as a whole
 */
public record Problem(Rule rule, String certificate, String detail, String fix) {

    public Check check() {
        return rule.check();
    }

    public String oneLine() {
        return (certificate == null ? "" : certificate + ": ") + detail + (fix == null ? "" : " (" + fix + ")");
    }
}
