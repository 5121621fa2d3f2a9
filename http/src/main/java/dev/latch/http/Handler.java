package dev.latch.http;

/**
 * Answers requests for a virtual host. Runs on the connection's event loop, which serves many
 * connections: a handler whose work blocks (a disk, a database) hands it to another thread, for
 * example a {@link BlockingPool}, and answers with {@link Response#later}.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
