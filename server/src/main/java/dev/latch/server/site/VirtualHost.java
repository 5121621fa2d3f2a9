package dev.latch.server.site;

import dev.latch.http.DefaultHeaders;
import dev.latch.http.Handler;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import dev.latch.tls.certs.CertificateSource;
import dev.latch.tls.certs.FileCertificateSource;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.TlsHost;
import dev.latch.trust.TrustAnchors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A site: its TLS side (names, certificate, client authentication), the names that only
 * redirect to it (aliases, seed §14.7.7), its HSTS policy and the handler that answers.
 *
 * @param aliases names that answer with a 301 to the canonical name (they are also in the certificate)
 * @param hsts    Strict-Transport-Security max-age, or null for none (RFC 6797)
 */
public record VirtualHost(TlsHost tls, List<HostNamePattern> aliases, Duration hsts, Handler handler,
                          List<Map.Entry<CharSequence, CharSequence>> responseHeaders) {
    public VirtualHost {
        aliases = List.copyOf(aliases);
    }

    public VirtualHost(TlsHost tls, List<HostNamePattern> aliases, Duration hsts, Handler handler) {
        this(tls, aliases, hsts, handler, securityHeaders(hsts));
    }

    /**
     * Starts a site that answers to {@code names} (exact, or {@code *.wildcard}; the first is
     * canonical): give it a certificate and a handler, then {@link Builder#build()}.
     */
    public static Builder named(String... names) {
        return new Builder(List.of(names));
    }

    /**
     * A site by name, with defaults for the rest: BoringSSL (or the JDK's TLS where it cannot
     * load), no client certificates, HSTS for one year, HTTP/2 and HTTP/1.1 by ALPN.
     */
    public static final class Builder {
        private final List<String> names;
        private List<String> aliases = List.of();
        private CertificateSource certificate;
        private TlsEngine engine;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private TrustAnchors clientCas;
        private Duration hsts = Duration.ofDays(365);
        private Handler handler;

        private Builder(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a site needs at least one name");
            }
            this.names = names;
        }

        /** Names that answer with a 301 to the canonical name; the certificate must cover them too. */
        public Builder aliases(String... aliases) {
            this.aliases = List.of(aliases);
            return this;
        }

        /** Where the certificate and key come from (files, the local CA, ...); reloaded when they change. */
        public Builder certificate(CertificateSource source) {
            this.certificate = source;
            return this;
        }

        /** A PEM certificate chain (leaf first) and its unencrypted private key. */
        public Builder certificateFiles(Path chain, Path key) {
            return certificate(new FileCertificateSource(chain, key, PassphraseSource.NONE));
        }

        public Builder engine(TlsEngine engine) {
            this.engine = engine;
            return this;
        }

        /** Asks clients for certificates issued by {@code trusted}. */
        public Builder clientAuth(ClientAuth mode, TrustAnchors trusted) {
            this.clientAuth = mode;
            this.clientCas = trusted;
            return this;
        }

        /** Strict-Transport-Security max-age; null or zero for none. */
        public Builder hsts(Duration maxAge) {
            this.hsts = maxAge;
            return this;
        }

        public Builder handler(Handler handler) {
            this.handler = handler;
            return this;
        }

        public VirtualHost build() {
            if (certificate == null || handler == null) {
                throw new IllegalStateException("site " + names.get(0) + " needs a certificate and a handler");
            }
            List<HostNamePattern> canonical = names.stream().map(HostNamePattern::new).toList();
            List<HostNamePattern> redirects = aliases.stream().map(HostNamePattern::new).toList();
            List<HostNamePattern> all = new ArrayList<>(canonical);
            all.addAll(redirects);
            TlsEngine chosen = engine != null ? engine : TlsEngine.choose(TlsEngine.BORINGSSL).engine();
            TlsHost tls = new TlsHost(all, certificate, chosen, clientAuth, clientCas, TlsPolicy.ALPN);
            return new VirtualHost(tls, redirects, hsts == null || hsts.isZero() ? null : hsts, handler);
        }
    }

    /**
     * What every response of the site carries unless its handler set the header itself: HSTS
     * (RFC 6797) and the usual hardening headers. Made once, as the wire wants them.
     */
    static List<Map.Entry<CharSequence, CharSequence>> securityHeaders(Duration hsts) {
        List<Map.Entry<CharSequence, CharSequence>> headers = new ArrayList<>();
        if (hsts != null && !hsts.isZero()) {
            headers.add(entry("strict-transport-security", "max-age=" + hsts.toSeconds()));
        }
        headers.add(entry("x-content-type-options", "nosniff"));
        headers.add(entry("x-frame-options", "SAMEORIGIN"));
        headers.add(entry("referrer-policy", "strict-origin-when-cross-origin"));
        headers.add(entry("server", "latch"));
        return List.copyOf(headers);
    }

    private static Map.Entry<CharSequence, CharSequence> entry(String name, String value) {
        return DefaultHeaders.header(name, value);
    }

    public String name() {
        return tls.name();
    }

    public ClientAuth clientAuth() {
        return tls.clientAuth();
    }

    public boolean isAlias(String hostName) {
        for (HostNamePattern alias : aliases) {
            if (alias.matches(hostName)) {
                return true;
            }
        }
        return false;
    }
}
