package dev.latch.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback server for the proxy to reach; each accepted connection is served by {@code behaviour} on its own thread. */
final class Upstream implements AutoCloseable {
    interface Behaviour {
        void serve(Socket connection) throws Exception;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final CompletableFuture<Throwable> failure = new CompletableFuture<>();

    Upstream(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    connections.incrementAndGet();
                    accepted.add(connection);
                    Thread worker = new Thread(() -> {
                        try (connection) {
                            behaviour.serve(connection);
                        } catch (Exception e) {
                            failure.complete(e);
                        }
                    }, "upstream-connection");
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "upstream-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Echoes until the client's FIN, then says "bye" and closes: shows a half-close relayed both ways. */
    static Upstream echoThenBye() throws IOException {
        return new Upstream(connection -> {
            InputStream in = connection.getInputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                connection.getOutputStream().write(buf, 0, n);
            }
            connection.getOutputStream().write("bye".getBytes());
            connection.shutdownOutput();
        });
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
