package dev.latch.proxy.policy;

/**
 * What an {@code --allow} or {@code --deny} names: a host ({@link HostPattern}) or a block of
 * addresses ({@link Cidr}). Its {@code toString()} is the rule as a person would type it again.
 */
public sealed interface DestinationRule permits Cidr, HostPattern {

    /** {@code 10.0.0.0/8}, {@code fd00::/8}, {@code 192.0.2.7}, {@code example.com} or {@code *.example.com}. */
    static DestinationRule parse(String text) {
        return Cidr.looksLikeOne(text.strip()) ? Cidr.parse(text) : HostPattern.parse(text);
    }
}
