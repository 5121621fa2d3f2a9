package dev.latch.cli;

import dev.latch.cli.support.ExitCodes;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The training run of the launcher's AOT cache for {@code latch serve} (JDK 25 and later, JEP 483/514/515):
 * starts latch serve in this JVM with its default access log (to a file here) and loads it with real
 * requests over TLS, HTTP/1.1 on keep-alive connections, HTTP/2 streams on one connection, and new
 * connections, so that the JVM run with {@code -XX:AOTCacheOutput} stores the classes serving loads,
 * linked, and the profiles of its hot methods; a server started with the cache then compiles its hot
 * paths from the first requests instead of after seconds of load. Fails when a request fails or gets
 * an unexpected status, so that the launcher keeps no cache of a training that went wrong.
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=FILE -cp latch.jar dev.latch.cli.ServeTraining SCRATCH_DIR [SECONDS]}
 * (SECONDS of load per kind, default 6). It writes only below SCRATCH_DIR.
 */
public final class ServeTraining {
    private static final int IN_FLIGHT = 32;
    private static final int NEW_CONNECTIONS = 200;

    private ServeTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ServeTraining SCRATCH_DIR [SECONDS]");
            System.exit(ExitCodes.USAGE);
        }
        Duration each = Duration.ofSeconds(args.length == 2 ? Integer.parseInt(args[1]) : 6);
        train(Path.of(args[0]), each);
        System.exit(ExitCodes.OK); // stops the server, whose event loop would keep the JVM
    }

    static void train(Path scratch, Duration each) throws IOException, GeneralSecurityException, InterruptedException {
        Path ca = Files.createDirectories(scratch).resolve("ca");
        StartupTraining.run(ExitCodes.OK, "ca", "init", "--home", ca.toString());
        Path site = Files.createDirectories(scratch.resolve("site"));
        Files.writeString(site.resolve("index.html"), "training\n");
        Files.write(site.resolve("1k.bin"), new byte[1024]);
        Files.write(site.resolve("256k.bin"), new byte[256 * 1024]); // read in chunks off the event loop
        int port = StartupTraining.serve(site, ca.toString(), "--access-log", scratch.resolve("access.log").toString());
        String base = "https://127.0.0.1:" + port + "/";
        List<Target> targets = List.of(new Target(base + "1k.bin", 200), new Target(base + "1k.bin", 200),
                new Target(base + "1k.bin", 200), new Target(base, 200), new Target(base + "256k.bin", 200),
                new Target(base + "missing", 404));
        SSLContext tls = trusting(ca.resolve("root.pem"));
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
            try (HttpClient client = HttpClient.newBuilder().version(version).sslContext(tls).build()) {
                long sent = load(client, targets, each);
                System.err.println("training: " + version + ": " + sent + " requests in " + each.toSeconds() + " s");
            }
        }
        for (int i = 0; i < NEW_CONNECTIONS; i++) { // a handshake each, most of them resuming the session
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build()) {
                Target target = targets.get(i % targets.size());
                check(target, client.send(HttpRequest.newBuilder(URI.create(target.url())).build(), HttpResponse.BodyHandlers.discarding()));
            }
        }
    }

    /** Requests the targets in turn, IN_FLIGHT at a time, for the given time; returns how many it sent. */
    private static long load(HttpClient client, List<Target> targets, Duration time) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong sent = new AtomicLong();
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end && failure.get() == null) {
            slots.acquire();
            Target target = targets.get((int) (sent.getAndIncrement() % targets.size()));
            client.sendAsync(HttpRequest.newBuilder(URI.create(target.url())).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        try {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                check(target, response);
                            }
                        } catch (IllegalStateException e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            slots.release();
                        }
                    });
        }
        slots.acquire(IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("a training request failed: " + failure.get(), failure.get());
        }
        return sent.get();
    }

    private static void check(Target target, HttpResponse<?> response) {
        if (response.statusCode() != target.status()) {
            throw new IllegalStateException(target.url() + " answered " + response.statusCode() + ", not " + target.status());
        }
    }

    /** TLS that trusts the training's own CA root only. */
    private static SSLContext trusting(Path root) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(root)) {
            store.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private record Target(String url, int status) {
    }
}
