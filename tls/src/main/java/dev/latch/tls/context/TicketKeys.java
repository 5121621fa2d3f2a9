package dev.latch.tls.context;

import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.SslContext;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * Session-ticket keys of one host (RFC 5077, RFC 8446 §4.6.1): a fresh key encrypts new tickets
 * every {@link #ROTATION}, the previous one still decrypts, so a ticket lives at most two periods
 * and a stolen key exposes little. Each host has its own keys: a ticket from one host never
 * resumes on another (and so never skips that host's client-certificate check).
 */
public final class TicketKeys {
    public static final Duration ROTATION = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenSslSessionTicketKey current = fresh();
    private OpenSslSessionTicketKey previous;

    /** Makes a new encryption key and keeps the current one for decryption only. */
    public synchronized void rotate() {
        previous = current;
        current = fresh();
    }

    /** Installs the keys into a BoringSSL context; the JDK engine rotates its own keys. */
    public synchronized void applyTo(SslContext context) {
        if (context.sessionContext() instanceof OpenSslSessionContext openssl) {
            if (previous == null) {
                openssl.setTicketKeys(current);
            } else {
                openssl.setTicketKeys(current, previous);
            }
        }
    }

    private static OpenSslSessionTicketKey fresh() {
        return new OpenSslSessionTicketKey(bytes(OpenSslSessionTicketKey.NAME_SIZE),
                bytes(OpenSslSessionTicketKey.HMAC_KEY_SIZE), bytes(OpenSslSessionTicketKey.AES_KEY_SIZE));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
