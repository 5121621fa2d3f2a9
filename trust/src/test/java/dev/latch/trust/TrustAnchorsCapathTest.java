package dev.latch.trust;

import dev.latch.core.pem.Pem;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ThrowawayCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --capath DIR}: an OpenSSL hashed directory (what {@code openssl rehash} and
 * {@code c_rehash} make, and curl's {@code --capath} reads) gives its certificates as anchors,
 * also when its files carry only hash names, and a certificate reached under two names once.
 */
class TrustAnchorsCapathTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryOfHashNamesOnlyIsReadAsOpenSslReadsIt() throws IOException {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            Path source = Files.createDirectory(dir.resolve("source"));
            Files.writeString(source.resolve("root.pem"), Pem.certificate(ca.root()));
            OpenSsl.run(source, "rehash", ".").ok();
            Path capath = Files.createDirectory(dir.resolve("capath"));
            for (Path link : hashNames(source)) {
                Files.copy(link, capath.resolve(link.getFileName())); // the link's target, under the hash name alone
            }
            assertThat(hashNames(capath)).hasSize(1);
            Path server = ca.issueServer(dir, "server", "localhost").chain();
            // openssl itself finds the root in that directory: it is a genuine hashed directory
            OpenSsl.run(dir, "verify", "-no-CAfile", "-no-CAstore", "-CApath", capath.toString(), "-untrusted", server.toString(),
                    server.toString()).ok();

            TrustAnchors anchors = TrustAnchors.fromPath(capath);

            assertThat(anchors.size()).isEqualTo(1);
            assertThat(anchors.x509Certificates()).containsExactly(ca.root());
        }
    }

    @Test
    void aHashLinkBesideItsTargetCountsOnce() throws IOException {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            Path capath = Files.createDirectory(dir.resolve("capath"));
            Files.writeString(capath.resolve("root.pem"), Pem.certificate(ca.root()));
            Files.writeString(capath.resolve("intermediate.pem"), Pem.certificate(ca.localCa().intermediate()));
            OpenSsl.run(capath, "rehash", ".").ok();
            assertThat(hashNames(capath)).hasSize(2).allMatch(Files::isSymbolicLink);

            TrustAnchors anchors = TrustAnchors.fromPath(capath);

            assertThat(anchors.size()).isEqualTo(2);
        }
    }

    @Test
    void aCertificateInTwoFilesCountsOnce() throws IOException {
        try (ThrowawayCa ca = ThrowawayCa.in(dir)) {
            Path capath = Files.createDirectory(dir.resolve("capath"));
            Files.writeString(capath.resolve("root.pem"), Pem.certificate(ca.root()));
            // as /etc/ssl/certs: every root alone, and all of them again in one bundle
            Files.writeString(capath.resolve("bundle.crt"), Pem.certificates(List.of(ca.root(), ca.localCa().intermediate())));

            TrustAnchors anchors = TrustAnchors.fromPath(capath);

            assertThat(anchors.x509Certificates()).containsExactlyInAnyOrder(ca.root(), ca.localCa().intermediate());
        }
    }

    private static List<Path> hashNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches("[0-9a-f]{8}\\.[0-9]+")).sorted().toList();
        }
    }
}
