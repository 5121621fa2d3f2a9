package dev.latch.trust;

/**
 * The four checks a browser makes on a server certificate (seed §14.7.6), plus everything else
 * RFC 5280 and the web PKI require.
 */
public enum Check {
    DATE("date check", "every certificate in the chain is within its validity period"),
    SIGNER_TRUST("signer trust check", "the chain ends at a trusted root"),
    SIGNATURE("signature check", "every signature in the chain verifies"),
    SITE_IDENTITY("site identity check", "the certificate is valid for the name that was asked for"),
    OTHER("other rules", "RFC 5280 and web PKI rules: constraints, key usage, extensions, revocation");

    private final String title;
    private final String meaning;

    Check(String title, String meaning) {
        this.title = title;
        this.meaning = meaning;
    }

    public String title() {
        return title;
    }

    public String meaning() {
        return meaning;
    }
}
