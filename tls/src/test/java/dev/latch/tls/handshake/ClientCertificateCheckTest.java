package dev.latch.tls.handshake;

import dev.latch.trust.Purpose;
import dev.latch.trust.jsse.LatchTrustManager;
import dev.latch.trust.jsse.UntrustedCertificateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The verdict on a client's chain, straight from the validator: trusted, refused with the
 * report's summary (the same words the JSSE trust manager's refusal carries), or none.
 */
class ClientCertificateCheckTest {
    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static ClientCertificateCheck check;

    @BeforeAll
    static void setUp() throws Exception {
        certificates = new TestCertificates(dir);
        check = new ClientCertificateCheck(certificates.clientCas());
    }

    @AfterAll
    static void tearDown() {
        certificates.close();
    }

    static List<X509Certificate> chain(String name) {
        return certificates.material(name).chain();
    }

    @Test
    void noCertificateIsAnonymous() {
        assertThat(check.evaluate(List.of())).isSameAs(ClientIdentity.ANONYMOUS);
    }

    @Test
    void aCertificateFromTheClientCaIsTrusted() {
        ClientIdentity alice = check.evaluate(chain("alice"));

        assertThat(alice.status()).isEqualTo(ClientIdentity.Status.TRUSTED);
        assertThat(alice.trusted()).isTrue();
        assertThat(alice.subject()).isEqualTo("CN=alice.test");
        assertThat(alice.reason()).isNull();
        assertThat(alice.report().trusted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mallory", "server-only"})
    void aRefusalSaysWhatTheTrustManagerWouldHaveSaid(String name) throws Exception {
        ClientIdentity refused = check.evaluate(chain(name));
        UntrustedCertificateException jsse = catchThrowableOfType(UntrustedCertificateException.class,
                () -> new LatchTrustManager(certificates.clientCas()).check(
                        chain(name).toArray(X509Certificate[]::new), Purpose.CLIENT, null));

        assertThat(refused.status()).isEqualTo(ClientIdentity.Status.REFUSED);
        assertThat(refused.subject()).isEqualTo("CN=" + name + ".test");
        assertThat(refused.report().trusted()).isFalse();
        assertThat(refused.reason()).isEqualTo(refused.report().summary()).isEqualTo(jsse.report().summary());
    }

    @Test
    void theReasonNamesTheRuleBroken() {
        assertThat(check.evaluate(chain("mallory")).reason()).contains(TestCertificates.CLIENT_CAS);
        assertThat(check.evaluate(chain("server-only")).reason()).contains("does not allow clientAuth");
    }

    @Test
    void theCertificateIsJudgedAtTheClocksTime() throws Exception {
        X509Certificate alice = chain("alice").get(0);
        Clock afterExpiry = Clock.fixed(alice.getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);

        ClientIdentity expired = new ClientCertificateCheck(certificates.clientCas(), afterExpiry)
                .evaluate(chain("alice"));

        assertThat(expired.status()).isEqualTo(ClientIdentity.Status.REFUSED);
        assertThat(expired.reason()).contains("expired");
    }
}
