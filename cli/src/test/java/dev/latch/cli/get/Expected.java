package dev.latch.cli.get;

import dev.latch.testkit.CertificateScenarios.Scenario;

/**
 * What each certificate scenario must give, the same whichever server sends the certificate:
 * curl's exit code and message (OpenSSL 3.0's verify error, as curl 7.88 prints it) and
 * {@code latch get}'s.
 *
 * @param curlExit  curl's exit code without any revocation checking
 * @param curlSays  a fragment of what curl prints on stderr ("" when it succeeds)
 */
record Expected(int curlExit, String curlSays) {

    static Expected of(Scenario scenario) {
        return switch (scenario) {
            case GOOD -> new Expected(0, "");
            case EXPIRED -> new Expected(60, "certificate has expired");
            case NOT_YET_VALID -> new Expected(60, "certificate is not yet valid");
            case WRONG_HOST -> new Expected(60, "no alternative certificate subject name matches target host name 'wrong-host.test'");
            case SELF_SIGNED -> new Expected(60, "self-signed certificate");
            case UNKNOWN_ROOT -> new Expected(60, "unable to get local issuer certificate");
            case MISSING_INTERMEDIATE -> new Expected(60, "unable to get local issuer certificate");
            // curl checks no revocation unless given --crlfile
            case REVOKED -> new Expected(0, "");
            case WRONG_EKU -> new Expected(60, "unsuitable certificate purpose");
            case WILDCARD_TOO_DEEP -> new Expected(60, "no alternative certificate subject name matches target host name 'a.b.example.test'");
            case CN_ONLY -> new Expected(0, "");
        };
    }
}
