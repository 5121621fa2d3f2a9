package dev.latch.client.trust;

import dev.latch.trust.TrustAnchors;
import org.bouncycastle.asn1.x509.CertificateList;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the client decides whether to trust a server.
 *
 * @param anchors            the roots to trust (the system store by default; {@code --cacert}, {@code --capath}, the local CA)
 * @param pins               SPKI pins as curl writes them: {@code sha256//BASE64} (RFC 7469 §2.4); empty for none
 * @param insecure           accept the certificate even when it is not trusted (the verdict is still made and shown)
 * @param crls               CRLs given by the user ({@code --crl}); with any, revocation is checked
 * @param fetchCrls          fetch each certificate's CRL from its distribution point (RFC 5280 §4.2.1.13) and check revocation
 * @param fetchIntermediates fetch intermediates the server did not send from the AIA "CA Issuers" URL
 * @param fetchTimeout       the most one fetch may take
 * @param diagnoseIntermediates without {@code fetchIntermediates}: still fetch a missing intermediate, only to say
 *                           whether it would complete the chain ({@code -v}'s diagnosis); the verdict stays on the chain as sent
 */
public record TrustOptions(TrustAnchors anchors, List<String> pins, boolean insecure, List<CertificateList> crls,
                           boolean fetchCrls, boolean fetchIntermediates, Duration fetchTimeout, boolean diagnoseIntermediates) {
    public TrustOptions {
        Objects.requireNonNull(anchors, "anchors");
        pins = List.copyOf(pins);
        crls = List.copyOf(crls);
        fetchTimeout = fetchTimeout == null ? Duration.ofSeconds(10) : fetchTimeout;
    }

    /** Trust the system's roots, nothing fetched, no pins. */
    public static TrustOptions system() {
        return builder(TrustAnchors.system()).build();
    }

    public static Builder builder(TrustAnchors anchors) {
        return new Builder(anchors);
    }

    public static final class Builder {
        private final TrustAnchors anchors;
        private final List<String> pins = new ArrayList<>();
        private boolean insecure;
        private final List<CertificateList> crls = new ArrayList<>();
        private boolean fetchCrls;
        private boolean fetchIntermediates;
        private Duration fetchTimeout;
        private boolean diagnoseIntermediates;

        private Builder(TrustAnchors anchors) {
            this.anchors = anchors;
        }

        public Builder pin(String pin) {
            pins.add(pin);
            return this;
        }

        public Builder insecure(boolean value) {
            insecure = value;
            return this;
        }

        public Builder crl(CertificateList crl) {
            crls.add(crl);
            return this;
        }

        public Builder fetchCrls(boolean value) {
            fetchCrls = value;
            return this;
        }

        public Builder fetchIntermediates(boolean value) {
            fetchIntermediates = value;
            return this;
        }

        public Builder fetchTimeout(Duration value) {
            fetchTimeout = value;
            return this;
        }

        public Builder diagnoseIntermediates(boolean value) {
            diagnoseIntermediates = value;
            return this;
        }

        public TrustOptions build() {
            return new TrustOptions(anchors, pins, insecure, crls, fetchCrls, fetchIntermediates, fetchTimeout, diagnoseIntermediates);
        }
    }
}
