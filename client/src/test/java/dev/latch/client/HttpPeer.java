package dev.latch.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The JDK's own HTTP server on a loopback port, as a plain-HTTP peer; remembers each request it saw. */
public final class HttpPeer implements AutoCloseable {
    /** One request as the server saw it. */
    public record Seen(String method, String path, Map<String, List<String>> headers, String body) {
        /** The first value of a header field, or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String host() {
            return header("Host");
        }

        String authorization() {
            return header("Authorization");
        }

        String cookie() {
            return header("Cookie");
        }
    }

    /** Answers a request: status, headers as name/value pairs, and body. */
    public interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    final HttpServer server;
    public final List<Seen> seen = new CopyOnWriteArrayList<>();

    public HttpPeer(InetAddress address) {
        try {
            server = HttpServer.create(new InetSocketAddress(address, 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start();
    }

    public HttpPeer() {
        this(InetAddress.getLoopbackAddress());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public HttpPeer on(String path, Answer answer) {
        server.createContext(path, exchange -> {
            try (exchange) {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                answer.answer(exchange);
            }
        });
        return this;
    }

    public static Answer text(int status, String body) {
        return exchange -> send(exchange, status, body);
    }

    public static Answer redirect(int status, String location) {
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
