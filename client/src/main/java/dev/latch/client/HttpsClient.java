package dev.latch.client;

import dev.latch.client.connect.ClientLoop;
import dev.latch.client.connect.Dialer;
import dev.latch.client.connect.TlsProfiles;
import dev.latch.client.proxy.ProxySelection;
import dev.latch.client.trace.TraceListener;
import dev.latch.client.trust.ServerTrust;
import dev.latch.client.trust.TrustOptions;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small HTTPS client for Java code and the engine of {@code latch get}: sends a request over
 * HTTP/1.1 or HTTP/2 (by ALPN), directly or through a proxy, and returns the response together
 * with the handshake record and the verdict on the server's certificate. Blocking; one exchange
 * at a time per call, any number of calls at once.
 *
 * <pre>{@code
 * try (HttpsClient client = HttpsClient.builder().trust(TrustOptions.system()).build()) {
 *     ClientResponse response = client.send(ClientRequest.get(URI.create("https://example.test/")), BodySink.discard());
 *     response.connection().trust().report().summary();
 * }
 * }</pre>
 *
 */
public final class HttpsClient implements AutoCloseable {
    private final Options options;
    private final ClientLoop loop = new ClientLoop();
    private final Sender sender;

    private HttpsClient(Options options) {
        this.options = options;
        TlsProfiles tls = new TlsProfiles(options, ServerTrust::of);
        this.sender = new Sender(options, new Dialer(options, loop, tls, options.proxy()::forUrl), ExchangeFactory.BY_ALPN);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Options options() {
        return options;
    }

    /**
     * Sends the request and reads the response into the sink, following redirects when asked.
     * A response with any status is a response: only a failure to get one throws.
     *
     * @throws ClientFailure with its {@link FailureKind}, the verdict when a certificate was judged, and the trace
     */
    public ClientResponse send(ClientRequest request, BodySink sink) throws ClientFailure {
        return sender.send(request, sink);
    }

    /** Ends the client's event loop and any idle connections it keeps. */
    @Override
    public void close() {
        loop.close();
    }

    /**
     * Everything a client is built with.
     *
     * @param resolve        fixed addresses for host:port, as curl's {@code --resolve} (key {@code host:port}, host lower case)
     * @param connectTimeout the most the TCP connect (and the proxy's tunnel) may take
     * @param maxTime        the most a whole exchange may take, or null for no limit
     * @param tlsMin         the lowest TLS version offered ("TLSv1.2" or "TLSv1.3")
     * @param tlsMax         the highest TLS version offered
     * @param groups         the key-exchange groups offered, preferred first (BoringSSL's names); empty for the
     *                       policy's (X25519MLKEM768 first where the engine has it)
     * @param http2          offer h2 by ALPN (else only http/1.1)
     * @param maxRedirects   how many redirects to follow; 0 for none (the redirect is the response)
     * @param userAgent      the User-Agent sent, or null for none
     */
    public record Options(TlsEngine engine, TrustOptions trust, KeyMaterial clientCertificate, ProxySelection proxy,
                          Map<String, List<InetAddress>> resolve, Duration connectTimeout, Duration maxTime,
                          String tlsMin, String tlsMax, List<String> groups, boolean http2, int maxRedirects,
                          String userAgent, TraceListener listener) {
        public Options {
            resolve = Map.copyOf(resolve);
            groups = List.copyOf(groups);
        }
    }

    public static final class Builder {
        private TlsEngine engine = TlsEngine.BORINGSSL;
        private TrustOptions trust;
        private KeyMaterial clientCertificate;
        private ProxySelection proxy;
        private final Map<String, List<InetAddress>> resolve = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration maxTime;
        private String tlsMin = "TLSv1.2";
        private String tlsMax = "TLSv1.3";
        private final List<String> groups = new ArrayList<>();
        private boolean http2 = true;
        private int maxRedirects;
        private String userAgent = "latch";
        private TraceListener listener = TraceListener.NONE;

        private Builder() {
        }

        public Builder engine(TlsEngine value) {
            engine = value;
            return this;
        }

        public Builder trust(TrustOptions value) {
            trust = value;
            return this;
        }

        public Builder clientCertificate(KeyMaterial value) {
            clientCertificate = value;
            return this;
        }

        public Builder proxy(ProxySelection value) {
            proxy = value;
            return this;
        }

        public Builder resolve(String host, int port, List<InetAddress> addresses) {
            resolve.put(host.toLowerCase(java.util.Locale.ROOT) + ":" + port, List.copyOf(addresses));
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder maxTime(Duration value) {
            maxTime = value;
            return this;
        }

        public Builder tlsVersions(String min, String max) {
            tlsMin = min;
            tlsMax = max;
            return this;
        }

        public Builder groups(List<String> value) {
            groups.clear();
            groups.addAll(value);
            return this;
        }

        public Builder http2(boolean value) {
            http2 = value;
            return this;
        }

        public Builder followRedirects(int max) {
            maxRedirects = max;
            return this;
        }

        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        /** Hears each step of every exchange as it happens. */
        public Builder listener(TraceListener value) {
            listener = value;
            return this;
        }

        public HttpsClient build() {
            return new HttpsClient(new Options(engine, trust == null ? TrustOptions.system() : trust, clientCertificate,
                    proxy == null ? ProxySelection.none() : proxy, resolve, connectTimeout, maxTime, tlsMin, tlsMax,
                    groups, http2, maxRedirects, userAgent, listener));
        }
    }
}
