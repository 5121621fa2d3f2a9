package dev.latch.cli.ca;

import dev.latch.pki.cert.CertificateProfile;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Which leaf profile to issue under, and for how long. */
final class ProfileOptions {
    @Option(names = "--client", description = "A TLS client certificate (clientAuth) instead of a server certificate.")
    boolean client;

    @Option(names = "--server-client", description = "A certificate for both TLS server and client authentication.")
    boolean serverClient;

    @Option(names = "--days", paramLabel = "N", description = "Validity in days (default 90).")
    Integer days;

    CertificateProfile profile() {
        if (client && serverClient) {
            throw new IllegalArgumentException("--client and --server-client exclude each other");
        }
        return client ? CertificateProfile.TLS_CLIENT
                : serverClient ? CertificateProfile.TLS_SERVER_CLIENT : CertificateProfile.TLS_SERVER;
    }

    Duration validity() {
        if (days == null) {
            return null;
        }
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("--days must be between 1 and 3650, not " + days);
        }
        return Duration.ofDays(days);
    }
}
