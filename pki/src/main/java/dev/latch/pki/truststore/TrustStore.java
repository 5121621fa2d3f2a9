package dev.latch.pki.truststore;

/** One place clients look for trust anchors; adding or removing the root reports its own result. */
public interface TrustStore {
    /** How a person names it: kind and path. */
    String name();

    InstallResult install(RootCertificate root);

    InstallResult uninstall(RootCertificate root);
}
