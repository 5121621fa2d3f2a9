package dev.latch.testkit;

import dev.latch.pki.ca.Issued;

import java.nio.file.Path;

/**
 * A certificate {@link ThrowawayCa} issued, and where it wrote it.
 *
 * @param chain  the certificate followed by the intermediate (PEM)
 * @param key    its private key (PEM, unencrypted)
 * @param issued the certificate, key and chain themselves
 */
public record IssuedFiles(Path chain, Path key, Issued issued) {
}
