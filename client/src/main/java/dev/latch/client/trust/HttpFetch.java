package dev.latch.client.trust;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One bounded HTTP GET for what validation needs (AIA "CA Issuers" certificates, CRLs): plain
 * http only (RFC 5280 §4.2.2.1 and §4.2.1.13 publish them over http; fetching over https would
 * need the very trust being decided), no proxy, no redirect, at most {@code limit} bytes, and the
 * whole fetch given up at the timeout however the server sends.
 */
final class HttpFetch {
    private final Duration timeout;
    /** Made on the first fetch: most trust managers never fetch, and a client starts a thread. */
    private HttpClient client;

    HttpFetch(Duration timeout) {
        this.timeout = timeout;
    }

    /** Whether this URL is one that is fetched: http. */
    static boolean fetchable(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("http://");
    }

    /** The body of a 200 answer; an IOException with a one-line reason otherwise. */
    byte[] get(String url, int limit) throws IOException {
        if (!fetchable(url)) {
            throw new IOException("only http URLs are fetched");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            throw new IOException("not a valid URL");
        }
        CompletableFuture<HttpResponse<byte[]>> answer = client().sendAsync(request, info -> info.statusCode() == 200
                ? new LimitedBody(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1))
                : HttpResponse.BodySubscribers.replacing(null));
        try {
            HttpResponse<byte[]> response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (response.statusCode() != 200) {
                throw new IOException("the server answered " + response.statusCode());
            }
            return response.body();
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException("no complete answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw reason(e.getCause());
        }
    }

    private IOException reason(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new IOException("no connection within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof HttpTimeoutException) {
            return new IOException("no complete answer within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof ConnectException) {
            return new IOException("cannot connect" + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        if (cause instanceof IOException io && io.getMessage() != null) {
            return io;
        }
        return new IOException("the fetch failed" + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        }
        return client;
    }
}
