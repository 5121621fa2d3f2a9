package dev.latch.trust;

/** Every reason a certificate or chain can be refused, each under one of the four checks or the other rules. */
public enum Rule {
    // date check: RFC 5280 §4.1.2.5, §6.1.3 (a)(2)
    EXPIRED(Check.DATE),
    NOT_YET_VALID(Check.DATE),
    INVALID_VALIDITY_PERIOD(Check.DATE),
    // signer trust check: RFC 5280 §6.1, path building (RFC 4158)
    UNKNOWN_ISSUER(Check.SIGNER_TRUST),
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
    // web PKI: a wildcard on a public suffix matches no name (CA/Browser Forum BR §3.2.2.6)
    WILDCARD_ON_PUBLIC_SUFFIX(Check.SITE_IDENTITY),
    // other rules
    MALFORMED(Check.OTHER),
    UNSUPPORTED_VERSION(Check.OTHER),
    INVALID_SERIAL_NUMBER(Check.OTHER),
    EMPTY_ISSUER(Check.OTHER),
    EMPTY_SUBJECT(Check.OTHER),
    UNKNOWN_CRITICAL_EXTENSION(Check.OTHER),
    // criticality: RFC 5280 §4.2.1.1, §4.2.1.2, §4.2.2.1, §4.2.1.6, §4.2.1.9, §4.2.1.11; CA/Browser Forum BR §7.1.2
    AKI_CRITICAL(Check.OTHER),
    SKI_CRITICAL(Check.OTHER),
    AIA_CRITICAL(Check.OTHER),
    POLICY_CONSTRAINTS_NOT_CRITICAL(Check.OTHER),
    EKU_CRITICAL_IN_LEAF(Check.OTHER),
    BASIC_CONSTRAINTS_NOT_CRITICAL(Check.OTHER),
    SAN_NOT_CRITICAL_WITH_EMPTY_SUBJECT(Check.OTHER),
    SAN_CRITICAL_WITH_SUBJECT(Check.OTHER),
    // key identifiers: RFC 5280 §4.2.1.1, §4.2.1.2; CA/Browser Forum BR §7.1.2.11.1
    MISSING_AUTHORITY_KEY_ID(Check.OTHER),
    AKI_WITHOUT_KEY_ID(Check.OTHER),
    AKI_WITH_ISSUER_AND_SERIAL(Check.OTHER),
    ROOT_AKI_NOT_ITS_SKI(Check.OTHER),
    MISSING_SUBJECT_KEY_ID(Check.OTHER),
    // basic constraints: RFC 5280 §4.2.1.9, §6.1.4 (k)-(m)
    NOT_A_CA(Check.OTHER),
    CA_USED_AS_END_ENTITY(Check.OTHER),
    PATH_LENGTH_EXCEEDED(Check.OTHER),
    // key usage: RFC 5280 §4.2.1.3, §6.1.4 (n)
    KEY_USAGE_EMPTY(Check.OTHER),
    KEY_CERT_SIGN_WITHOUT_CA(Check.OTHER),
    CA_WITHOUT_KEY_CERT_SIGN(Check.OTHER),
    KEY_USAGE_NOT_ALLOWED(Check.OTHER),
    // extended key usage: RFC 5280 §4.2.1.12; CA/Browser Forum BR §7.1.2.1.2, §7.1.2.7.10, §7.1.2.10.6
    EKU_MISSING(Check.OTHER),
    EKU_ANY_IN_LEAF(Check.OTHER),
    EKU_PURPOSE_NOT_ALLOWED(Check.OTHER),
    CA_EKU_DOES_NOT_ALLOW(Check.OTHER),
    ROOT_HAS_EKU(Check.OTHER),
    // name constraints: RFC 5280 §4.2.1.10, §6.1.3 (b)-(c)
    NAME_CONSTRAINTS_IN_NON_CA(Check.OTHER),
    NAME_CONSTRAINTS_MALFORMED(Check.OTHER),
    NAME_CONSTRAINTS_NOT_CRITICAL(Check.OTHER),
    NAME_EXCLUDED(Check.OTHER),
    NAME_NOT_PERMITTED(Check.OTHER),
    NAME_CONSTRAINTS_TOO_COMPLEX(Check.OTHER),
    // certificate policies: RFC 5280 §6.1.3 (d)-(f), §6.1.4 (a)-(b), §6.1.5 (g)
    NO_VALID_POLICY(Check.OTHER),
    EXPLICIT_POLICY_REQUIRED(Check.OTHER),
    POLICY_MAPPING_INVALID(Check.OTHER),
    POLICY_TREE_TOO_LARGE(Check.OTHER),
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
