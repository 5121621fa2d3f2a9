package dev.latch.tls.certs;

import dev.latch.core.LatchException;
import dev.latch.pki.cert.Certificates;
import dev.latch.core.io.Inputs;
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
 * A change of either file (time, size or inode) means reload; files that were read once, whether
 * they were served or not, are not read again until they change (a refused copy is reported once).
 * Whether the key belongs to the certificate is for {@link CertificateJudge} to say.
 */
public final class FileCertificateSource implements CertificateSource {
    private final Path certificateFile;
    private final Path keyFile;
    private final PassphraseSource passphrases;
    private volatile Stamp read;

    public FileCertificateSource(Path certificateFile, Path keyFile, PassphraseSource passphrases) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.passphrases = passphrases;
    }

    @Override
    public KeyMaterial load() {
        read = Stamp.of(certificateFile, keyFile);
        List<X509Certificate> chain = Certificates.read(Inputs.read(certificateFile), certificateFile.toString());
        if (chain.isEmpty()) {
            throw new LatchException(certificateFile + ": no certificate in this file",
                    "give the server's certificate (and its intermediates) in PEM");
        }
        PrivateKey key = PrivateKeys.read(Inputs.read(keyFile), keyFile.toString(), passphrases);
        return new KeyMaterial(chain, key, describe());
    }

    @Override
    public boolean needsReload(Instant now) {
        Stamp current = Stamp.of(certificateFile, keyFile);
        return current != null && !current.equals(read);
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
