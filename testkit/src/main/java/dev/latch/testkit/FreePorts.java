package dev.latch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for servers that must be told their port before they start. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * A loopback port the system handed out a moment ago and that is free again. Another process
     * may take it in between: where a server can bind port 0 and say which port it got, let it.
     */
    public static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
