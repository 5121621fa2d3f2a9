package dev.latch.cli.support;

import dev.latch.core.LatchException;
import dev.latch.pki.ca.CaHome;
import dev.latch.trust.TrustAnchors;

import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
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

    /**
     * Whether a chain as a server sent it was issued by this machine's local CA (its last certificate is
     * the root or was signed by it), so that a client that does not trust it can be told to.
     */
    public static boolean issued(List<X509Certificate> chain) {
        Path root = CaHome.defaultHome().rootCertificate();
        if (chain.isEmpty() || !Files.isRegularFile(root)) {
            return false;
        }
        try {
            X509Certificate anchor = TrustAnchors.fromPath(root).x509Certificates().get(0);
            X509Certificate top = chain.get(chain.size() - 1);
            if (top.equals(anchor)) {
                return true;
            }
            top.verify(anchor.getPublicKey());
            return top.getIssuerX500Principal().equals(anchor.getSubjectX500Principal());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // not signed by it, or no readable root: nothing to suggest
        }
    }
}
