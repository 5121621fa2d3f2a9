package dev.latch.proxy.policy;

/** Text from a flag or a file as an error message may show it: control characters as '?', one line. */
final class RuleText {
    private RuleText() {
    }

    static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
