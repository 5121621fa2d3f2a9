package dev.latch.trust;

import java.time.Instant;
import java.util.List;

/**
 * The date check (seed §14.7.6) by RFC 5280 §6.1.3 (a)(2): the validation time within
 * [notBefore, notAfter], both inclusive. It needs the certificate and the time alone, no issuer.
 */
final class DateCheck {
    private DateCheck() {
    }

    /** The date problem of {@code cert} at {@code at} (whole seconds, as RFC 5280 times are), or none. */
    static List<Problem> problems(ParsedCertificate cert, Instant at) {
        if (cert.notAfter().isBefore(cert.notBefore())) {
            return List.of(new Problem(Rule.INVALID_VALIDITY_PERIOD, cert.label(), "notAfter " + cert.notAfter()
                    + " is before notBefore " + cert.notBefore(), "notAfter >= " + cert.notBefore(),
                    "notAfter " + cert.notAfter(), "the issuing CA must reissue it"));
        }
        if (at.isBefore(cert.notBefore())) {
            return List.of(new Problem(Rule.NOT_YET_VALID, cert.label(), "not valid before " + cert.notBefore()
                    + "; the time checked is " + at, "notBefore <= " + at, "notBefore " + cert.notBefore(),
                    "check the clock here, or wait until it is valid"));
        }
        if (at.isAfter(cert.notAfter())) {
            return List.of(new Problem(Rule.EXPIRED, cert.label(), "expired at " + cert.notAfter()
                    + "; the time checked is " + at, "notAfter >= " + at, "notAfter " + cert.notAfter(),
                    "renew the certificate"));
        }
        return List.of();
    }
}
