package dev.latch.http;

/**
 * Answers requests for a virtual host. Runs on the connection's event loop: a handler that
 * blocks for long should hand its work to its own executor and answer from there.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
