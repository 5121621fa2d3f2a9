package dev.latch.trust;

/**
 * One reason for refusal: which rule, which certificate (subject and fingerprint), what was
 * expected and what was found (as values a script can compare, never prose to parse), a sentence
 * for people, and the fix when there is one.
 *
 * @param certificate who it concerns, e.g. {@code CN=a.test [SHA-256 3F:2A:…]}, or null for the chain as a whole
 * @param detail      the sentence a person reads; it names the values too
 * @param expected    what the rule requires, e.g. {@code keyCertSign} or {@code pathLen >= 1}; null when nothing applies
 * @param found       what the certificate has, e.g. {@code digitalSignature, keyEncipherment}; null when nothing applies
 */
public record Problem(Rule rule, String certificate, String detail, String expected, String found, String fix) {

    public Check check() {
        return rule.check();
    }

    public String oneLine() {
        return (certificate == null ? "" : certificate + ": ") + detail + (fix == null ? "" : " (" + fix + ")");
    }
}
