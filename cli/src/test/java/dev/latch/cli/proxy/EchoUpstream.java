package dev.latch.cli.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP upstream the robustness tests control, on 127.0.0.1: each connection (a virtual thread)
 * echoes every line it reads, except {@code reset}, which it answers with {@code resetting} and then
 * resets the connection (RST, SO_LINGER 0). It records how each connection ended.
 */
final class EchoUpstream implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();

    EchoUpstream() throws IOException {
        server = new ServerSocket(0, 2048, TestProxies.loopback());
        Thread.ofVirtual().name("echo-upstream-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }

    /** The most connections that were open at once. */
    int peak() {
        return peak.get();
    }

    /** How the next connection ended ("eof", "error: …", "reset by us"), waiting up to 10 s; null if none did. */
    String awaitEnd() throws InterruptedException {
        return ended.poll(10, TimeUnit.SECONDS);
    }

    /** Forgets how earlier connections ended. */
    void forgetEnds() {
        ended.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                peak.accumulateAndGet(open.incrementAndGet(), Math::max);
                Thread.ofVirtual().name("echo-upstream").start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        String how = "eof";
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("reset")) {
                    out.write("resetting\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    socket.setSoLinger(true, 0);
                    how = "reset by us";
                    break;
                }
                out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (SocketException e) {
            how = "error: " + e.getMessage();
        } catch (IOException e) {
            how = "error: " + e;
        } finally {
            open.decrementAndGet();
            ended.add(how);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
