package dev.latch.trust;

import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.KeyPurposeId;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole question put to the validator: the peer's certificate, the intermediates it sent (any
 * order, extras and duplicates allowed), what to trust, when, which name the peer must have,
 * what for, how deep a chain may be, and any CRLs to check revocation against.
 *
 * @param maxIntermediates  most intermediates (self-issued ones not counted) between peer and anchor
 * @param requiredKeyUsage  keyUsage bits the peer's certificate must allow when it has keyUsage; 0 for none
 * @param profile           the rule book: web PKI (the default) or RFC 5280 alone
 * @param policies          the certificate-policy inputs of RFC 5280 §6.1.1
 */
public record ValidationRequest(byte[] peer, List<byte[]> intermediates, TrustAnchors anchors, Instant time,
                                List<PeerName> names, Purpose purpose, List<KeyPurposeId> requiredPurposes,
                                int maxIntermediates, int requiredKeyUsage, List<CertificateList> crls,
                                Profile profile, PolicyInputs policies) {

    /** Default chain depth: long enough for any real PKI, short enough to bound the search. */
    public static final int DEFAULT_MAX_INTERMEDIATES = 8;

    /** The most intermediates a request may allow: OpenSSL's default verify depth; deeper chains are not real PKIs. */
    public static final int LIMIT_MAX_INTERMEDIATES = 100;

    public ValidationRequest {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(anchors, "anchors");
        intermediates = List.copyOf(intermediates);
        names = List.copyOf(names);
        Objects.requireNonNull(purpose, "purpose");
        requiredPurposes = requiredPurposes != null && !requiredPurposes.isEmpty() ? List.copyOf(requiredPurposes)
                : purpose.keyPurpose() == null ? List.of() : List.of(purpose.keyPurpose());
        profile = profile == null ? Profile.WEBPKI : profile;
        policies = policies == null ? PolicyInputs.DEFAULT : policies;
        crls = List.copyOf(crls);
        time = time == null ? Instant.now() : time;
        if (maxIntermediates < 0 || maxIntermediates > LIMIT_MAX_INTERMEDIATES) {
            throw new IllegalArgumentException("the most intermediates allowed must be 0 to " + LIMIT_MAX_INTERMEDIATES
                    + ", not " + maxIntermediates);
        }
    }

    public static Builder builder(byte[] peer, TrustAnchors anchors) {
        return new Builder(peer, anchors);
    }

    /**
     * A request for a chain as a TLS peer sent it: the first certificate is the peer's, the
     * rest are the intermediates it offered.
     */
    public static Builder builder(List<X509Certificate> chain, TrustAnchors anchors) throws CertificateEncodingException {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least the peer's certificate");
        }
        List<byte[]> intermediates = new ArrayList<>();
        for (X509Certificate certificate : chain.subList(1, chain.size())) {
            intermediates.add(der(certificate));
        }
        return new Builder(der(chain.get(0)), anchors).intermediates(intermediates);
    }

    private static byte[] der(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CertificateEncodingException("cannot encode the peer's certificate: " + e.getMessage(), e);
        }
    }

    /** Builds a request step by step; everything but the peer and the anchors has a default. */
    public static final class Builder {
        private final byte[] peer;
        private final TrustAnchors anchors;
        private final List<byte[]> intermediates = new ArrayList<>();
        private Instant time;
        private final List<PeerName> names = new ArrayList<>();
        private Purpose purpose = Purpose.SERVER;
        private final List<KeyPurposeId> purposes = new ArrayList<>();
        private int maxIntermediates = DEFAULT_MAX_INTERMEDIATES;
        private int keyUsage;
        private final List<CertificateList> crls = new ArrayList<>();
        private Profile profile = Profile.WEBPKI;
        private PolicyInputs policies = PolicyInputs.DEFAULT;

        private Builder(byte[] peer, TrustAnchors anchors) {
            this.peer = peer;
            this.anchors = anchors;
        }

        public Builder intermediates(List<byte[]> ders) {
            intermediates.addAll(ders);
            return this;
        }

        public Builder at(Instant instant) {
            this.time = instant;
            return this;
        }

        public Builder name(PeerName name) {
            names.add(name);
            return this;
        }

        public Builder purpose(Purpose value) {
            this.purpose = value;
            return this;
        }

        public Builder requirePurpose(KeyPurposeId id) {
            purposes.add(id);
            return this;
        }

        public Builder maxIntermediates(int max) {
            this.maxIntermediates = max;
            return this;
        }

        public Builder requireKeyUsage(int bits) {
            this.keyUsage |= bits;
            return this;
        }

        public Builder crl(CertificateList crl) {
            crls.add(crl);
            return this;
        }

        public Builder profile(Profile value) {
            this.profile = value;
            return this;
        }

        public Builder policies(PolicyInputs value) {
            this.policies = value;
            return this;
        }

        public ValidationRequest build() {
            return new ValidationRequest(peer, intermediates, anchors, time, names, purpose, purposes, maxIntermediates,
                    keyUsage, crls, profile, policies);
        }
    }
}
