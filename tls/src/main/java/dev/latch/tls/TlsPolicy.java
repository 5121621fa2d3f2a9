package dev.latch.tls;

import java.util.List;

/**
 * Latch's one TLS policy: TLS 1.3 and 1.2 only; for TLS 1.2 only ECDHE key exchange with AEAD
 * ciphers, in the server's order (strongest and fastest first); groups with the post-quantum
 * hybrid first (draft-ietf-tls-ecdhe-mlkem), then X25519 and P-256. TLS 1.3's own suites are all AEAD.
 */
public final class TlsPolicy {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** TLS 1.3 suites (IANA names, as both engines spell them). */
    public static final List<String> TLS13_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    /** TLS 1.2 suites in the server's order of preference (RFC 9325 §4.2). */
    public static final List<String> TLS12_CIPHERS = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** Group names as BoringSSL spells them (case-sensitive). */
    public static final List<String> BORINGSSL_GROUPS = List.of("X25519MLKEM768", "X25519", "P-256");

    /** The same groups as the JDK names them; JDK 21-25 have no post-quantum hybrid group. */
    public static final List<String> JDK_GROUPS = List.of("x25519", "secp256r1");

    /** ALPN protocols a server offers, preferred first. */
    public static final List<String> ALPN = List.of("h2", "http/1.1");

    private TlsPolicy() {
    }

    public static List<String> ciphers() {
        return java.util.stream.Stream.concat(TLS13_CIPHERS.stream(), TLS12_CIPHERS.stream()).toList();
    }
}
