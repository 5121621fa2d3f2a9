package dev.latch.pki.truststore;

import dev.latch.core.LatchException;
import dev.latch.core.io.AtomicFiles;
import dev.latch.core.io.Inputs;
import dev.latch.pki.io.Pkcs12;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;

import static dev.latch.pki.truststore.InstallResult.Status.ALREADY_THERE;
import static dev.latch.pki.truststore.InstallResult.Status.FAILED;
import static dev.latch.pki.truststore.InstallResult.Status.INSTALLED;
import static dev.latch.pki.truststore.InstallResult.Status.NOT_THERE;
import static dev.latch.pki.truststore.InstallResult.Status.REMOVED;

/** A PKCS#12 trust store file the user names (created when missing), for {@code -Djavax.net.ssl.trustStore}. */
record Pkcs12TrustStore(Path file, char[] password) implements TrustStore {
    @Override
    public String name() {
        return "PKCS#12 trust store " + file;
    }

    @Override
    public InstallResult install(RootCertificate root) {
        try {
            byte[] content;
            if (Files.exists(file)) {
                KeyStore existing = Pkcs12.load(Inputs.read(file), password, file.toString());
                String present = existing.getCertificateAlias(root.certificate());
                if (present != null && root.sameAs((X509Certificate) existing.getCertificate(present))) {
                    return InstallResult.of(name(), ALREADY_THERE, "as '" + present + "'");
                }
                existing.setCertificateEntry(root.alias(), root.certificate());
                content = Pkcs12.save(existing, password);
            } else {
                content = Pkcs12.trustStore(root.alias(), root.certificate(), password);
            }
            AtomicFiles.write(file, content, false);
            return InstallResult.of(name(), INSTALLED, "as '" + root.alias() + "'; use it with -Djavax.net.ssl.trustStore=" + file
                    + " -Djavax.net.ssl.trustStorePassword=…");
        } catch (LatchException e) {
            return InstallResult.of(name(), FAILED, e.oneLine());
        } catch (KeyStoreException e) {
            return InstallResult.of(name(), FAILED, e.getMessage());
        }
    }

    @Override
    public InstallResult uninstall(RootCertificate root) {
        try {
            if (!Files.exists(file)) {
                return InstallResult.of(name(), NOT_THERE, "no such file");
            }
            KeyStore existing = Pkcs12.load(Inputs.read(file), password, file.toString());
            String present = existing.getCertificateAlias(root.certificate());
            if (present == null) {
                return InstallResult.of(name(), NOT_THERE, "no entry holds this root");
            }
            existing.deleteEntry(present);
            AtomicFiles.write(file, Pkcs12.save(existing, password), false);
            return InstallResult.of(name(), REMOVED, "'" + present + "'");
        } catch (LatchException e) {
            return InstallResult.of(name(), FAILED, e.oneLine());
        } catch (KeyStoreException e) {
            return InstallResult.of(name(), FAILED, e.getMessage());
        }
    }
}
