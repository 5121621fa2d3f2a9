package dev.latch.server;

import dev.latch.tls.ClientAuth;
import dev.latch.tls.sni.HostNamePattern;
import dev.latch.tls.sni.TlsHost;

import java.time.Duration;
import java.util.List;

/**
 * A site: its TLS side (names, certificate, client authentication), the names that only
 * redirect to it (aliases, seed §14.7.7), its HSTS policy and the handler that answers.
 *
 * @param aliases names that answer with a 301 to the canonical name (they are also in the certificate)
 * @param hsts    Strict-Transport-Security max-age, or null for none (RFC 6797)
 */
public record VirtualHost(TlsHost tls, List<HostNamePattern> aliases, Duration hsts, Handler handler) {
    public VirtualHost {
        aliases = List.copyOf(aliases);
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
