package dev.latch.proxy.auth;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.HashCode;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Credentials that passed the slow hash lately, so that a client sending the same header on each
 * request (every CONNECT of a browser) pays for Argon2id once every few minutes rather than per
 * request. Kept only as an HMAC of user and password under a key made for this process, never the
 * password; a remembered pair counts only against the very reading of the users file it was
 * checked with, so any change to the file (a new password, a removed user) takes effect at once.
 */
final class VerifiedCredentials {
    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final HashFunction hmac;
    private final Cache<HashCode, Users> verified;

    VerifiedCredentials(Duration ttl, int maxEntries, Ticker ticker) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.hmac = Hashing.hmacSha256(key);
        this.verified = CacheBuilder.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .ticker(ticker)
                .build();
    }

    static VerifiedCredentials defaults() {
        return new VerifiedCredentials(TTL, MAX_ENTRIES, Ticker.systemTicker());
    }

    /** True when these credentials were verified against exactly {@code users} within the TTL. */
    boolean contains(BasicCredentials credentials, Users users) {
        return verified.getIfPresent(key(credentials)) == users;
    }

    void remember(BasicCredentials credentials, Users users) {
        verified.put(key(credentials), users);
    }

    private HashCode key(BasicCredentials credentials) {
        byte[] user = credentials.user().getBytes(StandardCharsets.UTF_8);
        // the user's length first, so that no other split of the same bytes gives the same key
        return hmac.newHasher().putInt(user.length).putBytes(user).putBytes(credentials.password()).hash();
    }
}
