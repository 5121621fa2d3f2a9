package dev.latch.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain HTTP on a free loopback port, in the test's own JVM, answering GET with bytes the test
 * published at a path (a CA's certificate for an AIA "CA Issuers" URL, a CRL for a distribution
 * point), 404 otherwise; it counts the requests for each path, so a test can tell that a client
 * really fetched a file.
 *
 * <pre>{@code
 * try (LoopbackHttpServer http = LoopbackHttpServer.start()) {
 *     String url = http.publish("/ca.der", "application/pkix-cert", der);
 *     ... a certificate whose caIssuers is url ...
 *     assertThat(http.requests("/ca.der")).isEqualTo(1);
 * }
 * }</pre>
 */
public final class LoopbackHttpServer implements AutoCloseable {
    private record Published(String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, Published> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private LoopbackHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Listening on 127.0.0.1 and a port the system picks. */
    public static LoopbackHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            LoopbackHttpServer published = new LoopbackHttpServer(server);
            server.createContext("/", published::answer);
            server.start();
            return published;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback for plain HTTP: " + e.getMessage(), e);
        }
    }

    /** Serves {@code body} at {@code path} from now on; returns its URL. */
    public String publish(String path, String contentType, byte[] body) {
        files.put(path, new Published(contentType, body.clone()));
        return url(path);
    }

    /** {@code http://127.0.0.1:PORT/PATH}, whether published yet or not. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many requests for {@code path} came so far. */
    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Published file = files.get(path);
            if (file == null || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(file == null ? 404 : 405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", file.contentType());
            exchange.sendResponseHeaders(200, file.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(file.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
