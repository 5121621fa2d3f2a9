package dev.latch.pki.truststore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import static dev.latch.pki.truststore.InstallResult.Status.ALREADY_THERE;
import static dev.latch.pki.truststore.InstallResult.Status.FAILED;
import static dev.latch.pki.truststore.InstallResult.Status.INSTALLED;
import static dev.latch.pki.truststore.InstallResult.Status.NOT_THERE;
import static dev.latch.pki.truststore.InstallResult.Status.REMOVED;

/**
 * The JDK's own trust store ({@code cacerts}), read to see what is there and changed with that
 * JDK's {@code keytool}, as Java users do by hand. Writing it usually needs root.
 */
record JavaTrustStore(Path cacerts, Path keytool, boolean chosen) implements TrustStore {
    /** The password every JDK ships cacerts with; it guards integrity, not a secret. */
    private static final String PASSWORD = "changeit";

    @Override
    public String name() {
        return "Java trust store " + cacerts;
    }

    @Override
    public InstallResult install(RootCertificate root) {
        if (!Files.isRegularFile(cacerts)) {
            return InstallResult.unavailable(name(), chosen, "no cacerts file there");
        }
        try {
            String present = aliasOf(root);
            if (present != null) {
                return InstallResult.of(name(), ALREADY_THERE, "as '" + present + "'");
            }
            if (!Files.isWritable(cacerts)) {
                return InstallResult.unavailable(name(), chosen, root.sudo("--java"));
            }
            ExternalCommand.Outcome imported = ExternalCommand.run(List.of(keytool.toString(), "-importcert", "-noprompt",
                    "-keystore", cacerts.toString(), "-storepass", PASSWORD, "-alias", root.alias(), "-file", root.pemFile().toString()));
            if (!imported.ok()) {
                return InstallResult.of(name(), FAILED, "keytool -importcert failed: " + imported.oneLine());
            }
            return InstallResult.of(name(), INSTALLED, "as '" + root.alias() + "'; Java programs on this JDK trust it");
        } catch (IOException | GeneralSecurityException e) {
            return InstallResult.of(name(), FAILED, "cannot read it: " + e.getMessage());
        }
    }

    @Override
    public InstallResult uninstall(RootCertificate root) {
        if (!Files.isRegularFile(cacerts)) {
            return InstallResult.of(name(), NOT_THERE, "no cacerts file there");
        }
        try {
            String present = aliasOf(root);
            if (present == null) {
                return InstallResult.of(name(), NOT_THERE, "no entry holds this root");
            }
            if (!Files.isWritable(cacerts)) {
                return InstallResult.unavailable(name(), chosen, root.sudo("--java --uninstall"));
            }
            ExternalCommand.Outcome deleted = ExternalCommand.run(List.of(keytool.toString(), "-delete", "-noprompt",
                    "-keystore", cacerts.toString(), "-storepass", PASSWORD, "-alias", present));
            if (!deleted.ok()) {
                return InstallResult.of(name(), FAILED, "keytool -delete failed: " + deleted.oneLine());
            }
            return InstallResult.of(name(), REMOVED, "'" + present + "'");
        } catch (IOException | GeneralSecurityException e) {
            return InstallResult.of(name(), FAILED, "cannot read it: " + e.getMessage());
        }
    }

    /** The alias of the entry holding this very root, or null. */
    private String aliasOf(RootCertificate root) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(cacerts.toFile(), PASSWORD.toCharArray());
        for (String alias : Collections.list(store.aliases())) {
            Certificate certificate = store.getCertificate(alias);
            if (certificate instanceof X509Certificate x509 && root.sameAs(x509)) {
                return alias;
            }
        }
        return null;
    }
}
