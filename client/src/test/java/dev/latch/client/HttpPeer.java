package dev.latch.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The JDK's own HTTP server on a loopback port, as a plain-HTTP peer; remembers each request it saw. */
final class HttpPeer implements AutoCloseable {
    /** One request as the server saw it. */
    record Seen(String method, String path, String host, String authorization, String cookie, String body) {
    }

    /** Answers a request: status, headers as name/value pairs, and body. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    final HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    HttpPeer(InetAddress address) {
        try {
            server = HttpServer.create(new InetSocketAddress(address, 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start();
    }

    HttpPeer() {
        this(InetAddress.getLoopbackAddress());
    }

    int port() {
        return server.getAddress().getPort();
    }

    HttpPeer on(String path, Answer answer) {
        server.createContext(path, exchange -> {
            try (exchange) {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Cookie"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                answer.answer(exchange);
            }
        });
        return this;
    }

    static Answer text(int status, String body) {
        return exchange -> send(exchange, status, body);
    }

    static Answer redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            send(exchange, status, "moved to " + location);
        };
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
