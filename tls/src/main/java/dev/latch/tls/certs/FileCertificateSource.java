package dev.latch.tls.certs;

import dev.latch.core.LatchException;
import dev.latch.pki.cert.Certificates;
import dev.latch.core.io.Inputs;
import dev.latch.core.keys.KeyPairs;
import dev.latch.core.keys.PassphraseSource;
import dev.latch.core.keys.PrivateKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain and key from PEM (or DER) files, as an operator or another CA wrote them.
 * A change of either file (time, size or inode) means reload.
 */
public final class FileCertificateSource implements CertificateSource {
    private final Path certificateFile;
    private final Path keyFile;
    private final PassphraseSource passphrases;
    private volatile Stamp loaded;

    public FileCertificateSource(Path certificateFile, Path keyFile, PassphraseSource passphrases) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.passphrases = passphrases;
    }

    @Override
    public KeyMaterial load() {
        Stamp before = Stamp.of(certificateFile, keyFile);
        List<X509Certificate> chain = Certificates.read(Inputs.read(certificateFile), certificateFile.toString());
        if (chain.isEmpty()) {
            throw new LatchException(certificateFile + ": no certificate in this file",
                    "give the server's certificate (and its intermediates) in PEM");
        }
        PrivateKey key = PrivateKeys.read(Inputs.read(keyFile), keyFile.toString(), passphrases);
        if (!KeyPairs.matches(key, chain.get(0).getPublicKey())) {
            throw new LatchException(keyFile + ": this key does not belong to the first certificate in " + certificateFile,
                    "pass the key that was made with this certificate");
        }
        loaded = before;
        return new KeyMaterial(chain, key, describe());
    }

    @Override
    public boolean needsReload(Instant now) {
        Stamp current = Stamp.of(certificateFile, keyFile);
        return current != null && !current.equals(loaded);
    }

    @Override
    public String describe() {
        return certificateFile + " + " + keyFile;
    }

    /** Modification time, size and file key of both files; null when one is missing (mid-rename). */
    private record Stamp(Object certificate, Object key) {
        static Stamp of(Path certificate, Path key) {
            Object c = attributes(certificate);
            Object k = attributes(key);
            return c == null || k == null ? null : new Stamp(c, k);
        }

        private static Object attributes(Path path) {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                return List.of(a.lastModifiedTime(), a.size(), Objects.toString(a.fileKey()));
            } catch (IOException e) {
                return null;
            }
        }
    }
}
