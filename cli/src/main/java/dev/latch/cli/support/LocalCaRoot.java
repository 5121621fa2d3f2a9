package dev.latch.cli.support;

import dev.latch.core.LatchException;
import dev.latch.pki.ca.CaHome;
import dev.latch.trust.TrustAnchors;

import java.nio.file.Files;
import java.nio.file.Path;

/** The local CA's root ($LATCH_HOME/ca) as the one thing to trust: {@code verify --ca latch}, {@code get --local-ca}. */
public final class LocalCaRoot {
    private LocalCaRoot() {
    }

    /** @param instead the option to name in the hint, for a user who has no local CA */
    public static TrustAnchors anchors(String instead) {
        Path root = CaHome.defaultHome().rootCertificate();
        if (!Files.exists(root)) {
            throw new LatchException("no local CA root at " + root, "create the CA with 'latch ca init', or pass " + instead);
        }
        return TrustAnchors.fromPath(root);
    }
}
