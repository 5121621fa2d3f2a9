package dev.latch.client.options;

import dev.latch.client.proxy.ProxySelection;
import dev.latch.client.trace.TraceListener;
import dev.latch.client.trust.TrustOptions;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.certs.KeyMaterial;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
public record ClientOptions(TlsEngine engine, TrustOptions trust, KeyMaterial clientCertificate, ProxySelection proxy,
                            Map<String, List<InetAddress>> resolve, Duration connectTimeout, Duration maxTime,
                            String tlsMin, String tlsMax, List<String> groups, boolean http2, int maxRedirects,
                            String userAgent, TraceListener listener) {
    public ClientOptions {
        resolve = Map.copyOf(resolve);
        groups = List.copyOf(groups);
    }
}
