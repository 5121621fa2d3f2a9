package dev.latch.cli.get;

import dev.latch.testkit.CertificateScenarios.Scenario;

/**
 * What each certificate scenario must give, the same whichever server sends the certificate:
 * curl's exit code and message (OpenSSL 3.0's verify error, as curl 7.88 prints it), and
 * {@code latch get}'s exit code, the words of the trust report's problem and of its fix.
 *
 * @param curlExit  curl's exit code without any revocation checking
 * @param curlSays  a fragment of what curl prints on stderr ("" when it succeeds)
 * @param latchExit {@code latch get}'s exit code without revocation checking or fetching
 * @param latchSays a fragment of its message ("" when it succeeds)
 * @param fix       a fragment of the fix it gives ("" when it succeeds)
 */
record Expected(int curlExit, String curlSays, int latchExit, String latchSays, String fix) {

    static Expected of(Scenario scenario) {
        return switch (scenario) {
            case GOOD -> new Expected(0, "", 0, "", "");
            case EXPIRED -> new Expected(60, "certificate has expired", 60, "expired at", "renew the certificate");
            case NOT_YET_VALID -> new Expected(60, "certificate is not yet valid", 60, "not valid before",
                    "check the clock here, or wait until it is valid");
            case WRONG_HOST -> new Expected(60, "no alternative certificate subject name matches target host name 'wrong-host.test'",
                    60, "certificate is valid for right-host.test, not wrong-host.test", "add DNS:wrong-host.test to the subjectAltName list");
            case SELF_SIGNED -> new Expected(60, "self-signed certificate", 60, "self-signed certificate CN=self-signed.test is not in",
                    "trust it explicitly");
            case UNKNOWN_ROOT -> new Expected(60, "unable to get local issuer certificate", 60, "Root CA", "trust the root that issued it");
            case MISSING_INTERMEDIATE -> new Expected(60, "unable to get local issuer certificate", 60,
                    "nor among the intermediates given", "the server sent no intermediate");
            // neither checks revocation unless asked to (curl --crlfile, latch --crl or --crl-fetch)
            case REVOKED -> new Expected(0, "", 0, "", "");
            case WRONG_EKU -> new Expected(60, "unsuitable certificate purpose", 60, "extKeyUsage clientAuth does not allow",
                    "issue a certificate for");
            case WILDCARD_TOO_DEEP -> new Expected(60, "no alternative certificate subject name matches target host name 'a.b.example.test'",
                    60, "certificate is valid for *.example.test, not a.b.example.test", "add DNS:a.b.example.test");
            // OpenSSL (and so curl) still falls back to the subject's CN when there is no subjectAltName
            case CN_ONLY -> new Expected(0, "", 60, "no subjectAltName: clients match names only there",
                    "reissue it with the host names in subjectAltName");
        };
    }
}
