package dev.latch.client.message;

/** One header field as sent or received, in its order (RFC 9110 §5). */
public record Header(String name, String value) {
}
