package dev.latch.pki.inspect;

import dev.latch.core.keys.KeyType;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InspectorTest {
    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");

    private X509CertificateHolder certificate(Instant notBefore, Instant notAfter, boolean uniqueIds) throws Exception {
        KeyPair key = KeyType.EC_P256.generate();
        X500Name name = new X500Name("CN=unique.test,O=Old School");
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, BigInteger.valueOf(0x1234), Date.from(notBefore),
                Date.from(notAfter), name, SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        if (uniqueIds) {
            builder.setIssuerUniqueID(new boolean[] {true, false, true, true, false, false, true, false});
            builder.setSubjectUniqueID(new boolean[] {false, true, true, true, true, true, true, true});
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    }

    @Test
    void showsUniqueIdsWhenACertificateHasThem() throws Exception {
        Map<String, Object> description = new Inspector(now).certificate(
                certificate(now.minus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS), true));
        assertThat(description).containsEntry("issuerUniqueID", "B2").containsEntry("subjectUniqueID", "7F");
        assertThat(description).containsEntry("serialNumber", "12:34").containsEntry("subject", "O=Old School,CN=unique.test");
        assertThat(description.get("extensions")).isEqualTo(List.of());
        assertThat(description).containsEntry("selfSigned", true);
    }

    @Test
    void fieldsFollowTheSeedTableInOrder() throws Exception {
        Map<String, Object> description = new Inspector(now).certificate(
                certificate(now.minus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS), false));
        assertThat(description.keySet()).containsSubsequence("version", "serialNumber", "signatureAlgorithm", "issuer",
                "validity", "subject", "subjectPublicKeyInfo", "extensions", "sha256Fingerprint");
        assertThat(description).doesNotContainKey("issuerUniqueID");
    }

    @Test
    void validityStatusSaysExpiredOrNotYetValid() throws Exception {
        Inspector inspector = new Inspector(now);
        assertThat(validity(inspector.certificate(certificate(now.minus(30, ChronoUnit.DAYS), now.minus(3, ChronoUnit.DAYS), false))))
                .isEqualTo("expired 3 days ago");
        assertThat(validity(inspector.certificate(certificate(now.plus(5, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS), false))))
                .isEqualTo("not yet valid (starts in 5 days)");
    }

    @SuppressWarnings("unchecked")
    private static Object validity(Map<String, Object> description) {
        return ((Map<String, Object>) description.get("validity")).get("status");
    }
}
