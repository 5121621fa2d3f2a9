package dev.latch.trust;

import dev.latch.core.pem.Pem;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.latch.trust.CrlCheckTest.AT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latch's revocation verdicts next to {@code openssl verify -crl_check_all -use_deltas -CRLfile},
 * which also wants a current CRL for every certificate below the trust anchor and reads delta CRLs
 * over their base: the same chains and CRLs, the same time, the same verdict.
 */
class CrlOpenSslTest {
    @TempDir
    Path dir;

    @Test
    void latchAndOpenSslAgree() throws IOException {
        CrlCheckTest.Pki pki = new CrlCheckTest.Pki();
        Map<String, List<X509CRLHolder>> cases = new TreeMap<>();
        cases.put("all good", List.of(pki.rootCrl(), pki.caCrl(c -> { })));
        cases.put("leaf revoked", List.of(pki.rootCrl(), pki.caCrl(c -> c.revoke(pki.leaf, CRLReason.keyCompromise))));
        cases.put("leaf on hold", List.of(pki.rootCrl(), pki.caCrl(c -> c.revoke(pki.leaf, CRLReason.certificateHold))));
        cases.put("ca revoked", List.of(new CrlCheckTest.Crl(CrlCheckTest.ROOT, pki.rootKey.getPrivate(), pki.rootKey)
                .revoke(pki.ca, CRLReason.cACompromise).build(), pki.caCrl(c -> { })));
        cases.put("root crl missing", List.of(pki.caCrl(c -> { })));
        cases.put("ca crl stale", List.of(pki.rootCrl(), pki.caCrl(c -> c.nextUpdate = AT.minus(1, ChronoUnit.HOURS))));
        X509CRLHolder heldWithDeltas = pki.caCrl(c -> c.revoke(pki.leaf, CRLReason.certificateHold)
                .extension(Extension.freshestCRL, false, CrlCheckTest.freshest()));
        cases.put("hold released by a delta", List.of(pki.rootCrl(), heldWithDeltas,
                CrlCheckTest.delta(pki, 1, 2, c -> c.revoke(pki.leaf, CRLReason.removeFromCRL))));
        cases.put("revoked by a delta", List.of(pki.rootCrl(), pki.caCrl(c -> c.extension(Extension.freshestCRL, false,
                CrlCheckTest.freshest())), CrlCheckTest.delta(pki, 1, 2, c -> c.revoke(pki.leaf, CRLReason.keyCompromise))));
        cases.put("ca crl forged", List.of(pki.rootCrl(), pki.caCrl(c -> c.signingKey = CrlCheckTest.key().getPrivate())));
        Map<String, Boolean> latch = new TreeMap<>();
        Map<String, Boolean> openssl = new TreeMap<>();
        Files.writeString(dir.resolve("root.pem"), Pem.certificate(pki.root));
        Files.writeString(dir.resolve("ca.pem"), Pem.certificate(pki.ca));
        Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(pki.leaf));
        for (Map.Entry<String, List<X509CRLHolder>> c : cases.entrySet()) {
            latch.put(c.getKey(), CrlCheckTest.validate(pki, List.of(), c.getValue().toArray(X509CRLHolder[]::new)).isEmpty());
            StringBuilder pem = new StringBuilder();
            for (X509CRLHolder crl : c.getValue()) {
                pem.append(Pem.encode(Pem.CRL, crl.getEncoded()));
            }
            Files.writeString(dir.resolve("crls.pem"), pem);
            ProcessRun run = OpenSsl.run(dir, new ArrayList<>(List.of("verify", "-attime", Long.toString(AT.getEpochSecond()),
                    "-CAfile", "root.pem", "-no-CApath", "-no-CAstore", "-untrusted", "ca.pem",
                    "-crl_check_all", "-use_deltas", "-CRLfile", "crls.pem", "leaf.pem")));
            openssl.put(c.getKey(), run.exitCode() == 0);
        }
        assertThat(latch).isEqualTo(openssl);
        assertThat(latch).containsEntry("all good", true).containsEntry("leaf revoked", false)
                .containsEntry("root crl missing", false).containsEntry("hold released by a delta", true);
    }
}
