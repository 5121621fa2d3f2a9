package dev.latch.pki.ca;

import org.bouncycastle.asn1.x509.CRLReason;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** CRL reason codes (RFC 5280 §5.3.1), as a user names them on the command line. */
public enum RevocationReason {
    UNSPECIFIED(CRLReason.unspecified),
    KEY_COMPROMISE(CRLReason.keyCompromise),
    CA_COMPROMISE(CRLReason.cACompromise),
    AFFILIATION_CHANGED(CRLReason.affiliationChanged),
    SUPERSEDED(CRLReason.superseded),
    CESSATION_OF_OPERATION(CRLReason.cessationOfOperation),
    CERTIFICATE_HOLD(CRLReason.certificateHold),
    PRIVILEGE_WITHDRAWN(CRLReason.privilegeWithdrawn);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RevocationReason parse(String text) {
        String normalized = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (RevocationReason reason : values()) {
            if (reason.cliName().equals(normalized) || reason.cliName().replace("-", "").equals(normalized.replace("-", ""))) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown revocation reason '" + text + "': use one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(RevocationReason::cliName).collect(Collectors.joining(", "));
    }
}
