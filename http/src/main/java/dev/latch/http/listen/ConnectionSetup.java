package dev.latch.http.listen;

import io.netty.channel.Channel;

/** Builds the pipeline of a connection a {@link Listener} has just accepted. */
@FunctionalInterface
public interface ConnectionSetup {
    void setUp(Channel connection);
}
