package dev.latch.client.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A target behind the proxy that speaks first: it greets each connection at once (so its first
 * bytes may come with the proxy's answer) and then echoes each line; with {@code silent}, it
 * accepts and never says anything (a "proxy" that does not answer).
 */
final class TargetServer implements AutoCloseable {
    static final String GREETING = "hello from the target";

    private final ServerSocket socket;
    private final boolean silent;

    private TargetServer(boolean silent) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.silent = silent;
        Thread.ofVirtual().name("target-accept").start(this::accept);
    }

    static TargetServer greeting() throws IOException {
        return new TargetServer(false);
    }

    static TargetServer silent() throws IOException {
        return new TargetServer(true);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().name("target-connection").start(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            if (silent) {
                connection.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            OutputStream out = connection.getOutputStream();
            out.write((GREETING + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(("echo: " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException gone) {
            // the test closed its side
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
