package dev.latch.server.site;

import dev.latch.http.DefaultHeaders;
import dev.latch.http.Handler;
import dev.latch.tls.ClientAuth;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.TlsHost;

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
