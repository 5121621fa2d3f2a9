package dev.latch.pki.cert;

import dev.latch.core.LatchException;
import dev.latch.core.keys.KeyType;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import java.time.Duration;
import java.util.List;

/**
 * What a certificate may be used for, and the extensions that say so. Each profile knows its
 * default lifetime and refuses names it must not carry.
 */
public enum CertificateProfile {
    ROOT_CA("root-ca", Duration.ofDays(3650)),
    INTERMEDIATE_CA("intermediate-ca", Duration.ofDays(5 * 365)),
    TLS_SERVER("tls-server", Duration.ofDays(90)),
    TLS_CLIENT("tls-client", Duration.ofDays(90)),
    TLS_SERVER_CLIENT("tls-server-client", Duration.ofDays(90));

    /** notBefore is set this far in the past so that a client whose clock is slightly behind still accepts. */
    public static final Duration BACKDATE = Duration.ofMinutes(5);

    private final String id;
    private final Duration defaultValidity;

    CertificateProfile(String id, Duration defaultValidity) {
        this.id = id;
        this.defaultValidity = defaultValidity;
    }

    public String id() {
        return id;
    }

    public Duration defaultValidity() {
        return defaultValidity;
    }

    public boolean isCa() {
        return this == ROOT_CA || this == INTERMEDIATE_CA;
    }

    public static CertificateProfile fromId(String id) {
        for (CertificateProfile profile : values()) {
            if (profile.id.equals(id)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + id + "'");
    }

    /**
     * Checks that the names suit this profile.
     *
     * @throws LatchException naming the first name the profile forbids
     */
    public void checkNames(List<AltName> names) {
        if (isCa()) {
            return;
        }
        if (names.isEmpty()) {
            throw new LatchException("a " + id + " certificate needs at least one name in subjectAltName",
                    "give DNS names, IP addresses" + (this == TLS_SERVER ? "" : ", emails or URIs"));
        }
        if (this == TLS_SERVER || this == TLS_SERVER_CLIENT) {
            boolean hasHostName = names.stream().anyMatch(n -> n.kind() == AltName.Kind.DNS || n.kind() == AltName.Kind.IP);
            if (!hasHostName) {
                throw new LatchException("a TLS server certificate needs a DNS name or IP address",
                        "add the server's host name, like example.test or 127.0.0.1");
            }
        }
        if (this == TLS_SERVER) {
            for (AltName name : names) {
                if (name.kind() == AltName.Kind.EMAIL) {
                    throw new LatchException("a TLS server certificate cannot carry the email address " + name.value(),
                            "issue a client certificate (--client) for email identities");
                }
            }
        }
    }

    /** Sets basicConstraints, keyUsage and extendedKeyUsage for this profile. */
    public void apply(CertificateBuilder builder, KeyType subjectKey, Integer pathLength) {
        switch (this) {
            case ROOT_CA -> builder.basicConstraints(true, pathLength)
                    .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature);
            case INTERMEDIATE_CA -> builder.basicConstraints(true, pathLength == null ? 0 : pathLength)
                    .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)
                    .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
            default -> {
                builder.basicConstraints(false, null).keyUsage(leafKeyUsage(subjectKey));
                switch (this) {
                    case TLS_SERVER -> builder.extendedKeyUsage(KeyPurposeId.id_kp_serverAuth);
                    case TLS_CLIENT -> builder.extendedKeyUsage(KeyPurposeId.id_kp_clientAuth);
                    default -> builder.extendedKeyUsage(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
                }
            }
        }
    }

    /** RSA keys may also encipher keys (TLS 1.2 RSA key transport clients); EC and Ed25519 keys only sign. */
    private static int leafKeyUsage(KeyType key) {
        return switch (key) {
            case RSA_2048, RSA_3072, RSA_4096 -> KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
            default -> KeyUsage.digitalSignature;
        };
    }
}
