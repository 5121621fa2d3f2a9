package dev.latch.trust;

/** Every reason a certificate or chain can be refused, each under one of the four checks or the other rules. */
public enum Rule {
    // date check: RFC 5280 §4.1.2.5, §6.1.3 (a)(2)
    EXPIRED(Check.DATE),
    NOT_YET_VALID(Check.DATE),
    INVALID_VALIDITY_PERIOD(Check.DATE),
    // signer trust check: RFC 5280 §6.1, path building (RFC 4158)
    UNKNOWN_ISSUER(Check.SIGNER_TRUST),
    NAME_CHAINING(Check.SIGNER_TRUST),
    CHAIN_TOO_LONG(Check.SIGNER_TRUST),
    PATH_BUILDING_LIMIT(Check.SIGNER_TRUST),
    // signature check: RFC 5280 §6.1.3 (a)(1)
    BAD_SIGNATURE(Check.SIGNATURE),
    WEAK_SIGNATURE_ALGORITHM(Check.SIGNATURE),
    UNSUPPORTED_SIGNATURE_ALGORITHM(Check.SIGNATURE),
    SIGNATURE_ALGORITHM_MISMATCH(Check.SIGNATURE),
    // site identity check: RFC 6125 / RFC 9525
    NAME_MISMATCH(Check.SITE_IDENTITY),
    NO_SUBJECT_ALT_NAME(Check.SITE_IDENTITY),
    // other rules
    MALFORMED(Check.OTHER),
    UNSUPPORTED_VERSION(Check.OTHER),
    INVALID_SERIAL_NUMBER(Check.OTHER),
    EMPTY_ISSUER(Check.OTHER),
    EMPTY_SUBJECT(Check.OTHER),
    UNKNOWN_CRITICAL_EXTENSION(Check.OTHER),
    EXTENSION_CRITICALITY(Check.OTHER),
    MISSING_AUTHORITY_KEY_ID(Check.OTHER),
    INVALID_AUTHORITY_KEY_ID(Check.OTHER),
    MISSING_SUBJECT_KEY_ID(Check.OTHER),
    NOT_A_CA(Check.OTHER),
    CA_USED_AS_END_ENTITY(Check.OTHER),
    PATH_LENGTH_EXCEEDED(Check.OTHER),
    KEY_USAGE(Check.OTHER),
    EXTENDED_KEY_USAGE(Check.OTHER),
    NAME_CONSTRAINTS(Check.OTHER),
    INVALID_NAME(Check.OTHER),
    WEAK_KEY(Check.OTHER),
    REVOKED(Check.OTHER),
    REVOCATION_UNKNOWN(Check.OTHER),
    CRL_INVALID(Check.OTHER);

    private final Check check;

    Rule(Check check) {
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
