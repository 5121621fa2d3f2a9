package dev.latch.client.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One bounded HTTP GET for what validation needs (AIA "CA Issuers" certificates, CRLs): plain
 * http only (RFC 5280 §4.2.2.1 and §4.2.1.13: these are fetched over http, fetching them over
 * https would need the trust being decided), no proxy, at most {@code limit} bytes, and the
 * whole fetch cut off after the timeout.
 */
final class HttpFetch {
    private final Duration timeout;

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
        URL target;
        try {
            target = URI.create(url).toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
            throw new IOException("not a valid URL");
        }
        HttpURLConnection connection = (HttpURLConnection) target.openConnection(Proxy.NO_PROXY);
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setUseCaches(false);
        // a server that trickles its answer is cut off at the deadline, however it sends
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(connection::disconnect,
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("the server answered " + status + (connection.getResponseMessage() == null ? ""
                        : " " + connection.getResponseMessage()));
            }
            long length = connection.getContentLengthLong();
            if (length > limit) {
                throw new IOException("the answer has " + length + " bytes, more than the " + limit + " allowed");
            }
            try (InputStream in = connection.getInputStream()) {
                return readAtMost(in, limit);
            }
        } catch (IOException e) {
            if (e instanceof java.net.SocketTimeoutException || System.nanoTime() - deadline >= 0) {
                throw new IOException("no complete answer within " + timeout.toMillis() + " ms");
            }
            if (e instanceof java.net.UnknownHostException) {
                throw new IOException("the host name " + target.getHost() + " does not resolve");
            }
            throw e.getMessage() == null ? new IOException("the connection failed") : e;
        } finally {
            watchdog.cancel(false);
            connection.disconnect();
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > limit) {
                throw new IOException("the answer is larger than the " + limit + " bytes allowed");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
