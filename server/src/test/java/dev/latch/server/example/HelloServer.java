package dev.latch.server.example;

import dev.latch.http.Response;
import dev.latch.server.HttpsServer;
import dev.latch.server.site.VirtualHost;

import java.nio.file.Path;

/** One HTTPS site whose handler answers every request; close() stops it gracefully. */
public final class HelloServer {
    public static HttpsServer start(Path chain, Path key, int port) throws InterruptedException {
        VirtualHost site = VirtualHost.named("api.test")
                .certificateFiles(chain, key) // PEM: the full chain, leaf first, and its key
                .handler(request -> Response.text(200, "hello over " + request.tls().protocol() + "\n"))
                .build();
        return HttpsServer.builder().host(site).port(port).start();
    }

    private HelloServer() {
    }
}
