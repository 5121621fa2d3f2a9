package dev.latch.http.guard;

import dev.latch.http.Limits;
import io.netty.channel.ChannelPipeline;

/**
 * The guards every accepted connection starts with, whatever it speaks: the listener's connection
 * limit, then the idle timeout (nothing moved either way for {@link Limits#idleTimeout()}).
 */
public final class Guards {
    private Guards() {
    }

    public static void addTo(ChannelPipeline pipeline, ConnectionLimit limit, Limits limits) {
        pipeline.addLast("limit", limit).addLast("idle", new IdleClose(limits.idleTimeout()));
    }
}
