package dev.latch.trust;

import dev.latch.pki.cert.CertificateBuilder;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 5280 §6.3 revocation, one rule per test in the style of rustls-webpki's tests: a small
 * root → CA → leaf chain and CRLs built here, each test breaking one thing and asserting the
 * exact rule, expected and found values Latch reports.
 */
class CrlCheckTest {
    static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant REVOKED_AT = Instant.parse("2029-12-01T00:00:00Z");
    static final String ROOT = "CN=CRL Test Root";
    static final String CA = "CN=CRL Test CA";

    /** A root, a CA under it and a leaf under the CA, each with its key; every test starts from one. */
    static final class Pki {
        final KeyPair rootKey = key();
        final KeyPair caKey = key();
        final KeyPair leafKey = key();
        final X509Certificate root;
        final X509Certificate ca;
        final X509Certificate leaf;

        Pki() {
            this(UnaryOperator.identity(), UnaryOperator.identity());
        }

        Pki(UnaryOperator<CertificateBuilder> caChange, UnaryOperator<CertificateBuilder> leafChange) {
            root = certificate(ROOT, rootKey).basicConstraints(true, null)
                    .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).selfSign(rootKey.getPrivate());
            ca = caChange.apply(certificate(CA, caKey).basicConstraints(true, 0)
                    .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)).signWith(root, rootKey.getPrivate());
            leaf = leafChange.apply(certificate("CN=leaf.crl.test", leafKey).basicConstraints(false, null)
                    .keyUsage(KeyUsage.digitalSignature)).signWith(ca, caKey.getPrivate());
        }

        /** The root's CRL, listing nothing: the CA is good. */
        X509CRLHolder rootCrl() {
            return new Crl(ROOT, rootKey.getPrivate(), rootKey).build();
        }

        /** A CRL of the CA, as {@code change} makes it. */
        X509CRLHolder caCrl(Consumer<Crl> change) {
            Crl crl = new Crl(CA, caKey.getPrivate(), caKey);
            change.accept(crl);
            return crl.build();
        }
    }

    /** A CRL being made: current at {@link #AT}, CRL number 1, the AKI of its signer's key, unless a test changes it. */
    static final class Crl {
        final X500Name issuer;
        PrivateKey signingKey;
        Instant thisUpdate = AT.minus(1, ChronoUnit.DAYS);
        Instant nextUpdate = AT.plus(7, ChronoUnit.DAYS);
        final List<Consumer<X509v2CRLBuilder>> steps = new ArrayList<>();
        boolean number = true;

        Crl(String issuer, PrivateKey signingKey, KeyPair authorityKey) {
            this.issuer = new X500Name(issuer);
            this.signingKey = signingKey;
            steps.add(b -> add(b, Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(CertificateBuilder.keyIdentifier(authorityKey.getPublic()))));
        }

        Crl revoke(X509Certificate certificate, int reason) {
            steps.add(b -> b.addCRLEntry(certificate.getSerialNumber(), Date.from(REVOKED_AT), reason));
            return this;
        }

        Crl revokeWithoutReason(X509Certificate certificate) {
            steps.add(b -> b.addCRLEntry(certificate.getSerialNumber(), Date.from(REVOKED_AT), (Extensions) null));
            return this;
        }

        Crl revokeWith(X509Certificate certificate, ExtensionsGenerator entryExtensions) {
            steps.add(b -> b.addCRLEntry(certificate.getSerialNumber(), Date.from(REVOKED_AT), entryExtensions.generate()));
            return this;
        }

        Crl extension(ASN1ObjectIdentifier oid, boolean critical, org.bouncycastle.asn1.ASN1Encodable value) {
            steps.add(b -> add(b, oid, critical, value));
            return this;
        }

        X509CRLHolder build() {
            try {
                X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(thisUpdate));
                builder.setNextUpdate(Date.from(nextUpdate));
                if (number) {
                    builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
                }
                steps.forEach(step -> step.accept(builder));
                return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        private static void add(X509v2CRLBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
                                org.bouncycastle.asn1.ASN1Encodable value) {
            try {
                builder.addExtension(oid, critical, value);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    // ---- status known and good ----

    @Test
    void everyCertificateCoveredAndNoneListed() {
        Pki pki = new Pki();
        assertThat(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> { }))).isEmpty();
    }

    @Test
    void aCertificateListedForAnotherIssuerIsNotRevoked() {
        Pki pki = new Pki();
        X509CRLHolder rootListsTheLeafSerial = new Crl(ROOT, pki.rootKey.getPrivate(), pki.rootKey)
                .revoke(pki.leaf, CRLReason.keyCompromise).build();
        assertThat(validate(pki, List.of(), rootListsTheLeafSerial, pki.caCrl(c -> { }))).isEmpty();
    }

    // ---- REVOKED ----

    @Test
    void revoked() {
        Pki pki = new Pki();
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> c.revoke(pki.leaf, CRLReason.keyCompromise))));
        assertThat(problem.rule()).isEqualTo(Rule.REVOKED);
        assertThat(problem.certificate()).startsWith("CN=leaf.crl.test");
        assertThat(problem.expected()).isEqualTo("not revoked");
        assertThat(problem.found()).isEqualTo("revoked 2029-12-01T00:00:00Z, keyCompromise, by CN=CRL Test CA");
    }

    @Test
    void revokedIntermediateByTheRootsCrl() {
        Pki pki = new Pki();
        X509CRLHolder rootCrl = new Crl(ROOT, pki.rootKey.getPrivate(), pki.rootKey).revoke(pki.ca, CRLReason.cACompromise).build();
        Problem problem = single(validate(pki, List.of(), rootCrl, pki.caCrl(c -> { })));
        assertThat(problem.rule()).isEqualTo(Rule.REVOKED);
        assertThat(problem.certificate()).startsWith("CN=CRL Test CA");
        assertThat(problem.found()).isEqualTo("revoked 2029-12-01T00:00:00Z, cACompromise, by CN=CRL Test Root");
    }

    @Test
    void certificateHoldIsRevocation() {
        Pki pki = new Pki();
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> c.revoke(pki.leaf, CRLReason.certificateHold))));
        assertThat(problem.rule()).isEqualTo(Rule.REVOKED);
        assertThat(problem.found()).isEqualTo("revoked 2029-12-01T00:00:00Z, certificateHold, by CN=CRL Test CA");
    }

    @Test
    void anEntryWithoutReasonIsUnspecified() {
        Pki pki = new Pki();
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> c.revokeWithoutReason(pki.leaf))));
        assertThat(problem.found()).isEqualTo("revoked 2029-12-01T00:00:00Z, unspecified, by CN=CRL Test CA");
    }

    @Test
    void aNewerCrlReplacesAnOlderOne() {
        Pki pki = new Pki();
        X509CRLHolder older = pki.caCrl(c -> c.revoke(pki.leaf, CRLReason.certificateHold));
        X509CRLHolder newer = pki.caCrl(c -> {
            c.number = false;
            c.extension(Extension.cRLNumber, false, new CRLNumber(BigInteger.TWO));
        });
        assertThat(validate(pki, List.of(), pki.rootCrl(), older, newer)).isEmpty();
        assertThat(validate(pki, List.of(), pki.rootCrl(), newer, older)).isEmpty();
        assertThat(single(validate(pki, List.of(), pki.rootCrl(), older)).rule()).isEqualTo(Rule.REVOKED);
    }

    // ---- delta CRLs (RFC 5280 §5.2.4) ----

    @Test
    void aDeltaRemovesAHold() {
        Pki pki = new Pki();
        X509CRLHolder base = pki.caCrl(c -> c.revoke(pki.leaf, CRLReason.certificateHold).extension(Extension.freshestCRL, false, freshest()));
        X509CRLHolder delta = delta(pki, 1, 2, c -> c.revoke(pki.leaf, CRLReason.removeFromCRL));
        assertThat(validate(pki, List.of(), pki.rootCrl(), base, delta)).isEmpty();
    }

    @Test
    void aDeltaRevokes() {
        Pki pki = new Pki();
        X509CRLHolder base = pki.caCrl(c -> c.extension(Extension.freshestCRL, false, freshest()));
        X509CRLHolder delta = delta(pki, 1, 2, c -> c.revoke(pki.leaf, CRLReason.superseded));
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), base, delta));
        assertThat(problem.rule()).isEqualTo(Rule.REVOKED);
        assertThat(problem.found()).isEqualTo("revoked 2029-12-01T00:00:00Z, superseded, by CN=CRL Test CA");
        assertThat(problem.detail()).contains("in delta CRL 2");
    }

    @Test
    void aDeltaForANewerBaseIsNotApplied() {
        Pki pki = new Pki();
        X509CRLHolder base = pki.caCrl(c -> c.revoke(pki.leaf, CRLReason.certificateHold).extension(Extension.freshestCRL, false, freshest()));
        X509CRLHolder delta = delta(pki, 5, 6, c -> c.revoke(pki.leaf, CRLReason.removeFromCRL));
        assertThat(single(validate(pki, List.of(), pki.rootCrl(), base, delta)).found())
                .isEqualTo("revoked 2029-12-01T00:00:00Z, certificateHold, by CN=CRL Test CA");
    }

    @Test
    void aDeltaAloneIsNoCompleteCrl() {
        Pki pki = new Pki();
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), delta(pki, 1, 2, c -> { })));
        assertProblem(problem, Rule.REVOCATION_UNKNOWN, "a usable CRL covering every reason", "no CRL of CN=CRL Test CA");
    }

    // ---- REVOCATION_UNKNOWN ----

    @Test
    void revocationUnknown() {
        Pki pki = new Pki();
        Problem problem = single(validate(pki, List.of(), pki.caCrl(c -> { })));
        assertThat(problem.rule()).isEqualTo(Rule.REVOCATION_UNKNOWN);
        assertThat(problem.certificate()).startsWith("CN=CRL Test CA");
        assertThat(problem.expected()).isEqualTo("a usable CRL covering every reason");
        assertThat(problem.found()).isEqualTo("no CRL of CN=CRL Test Root");
    }

    @Test
    void crlsCoveringOnlySomeReasons() {
        Pki pki = new Pki();
        X509CRLHolder compromiseOnly = pki.caCrl(c -> c.extension(Extension.issuingDistributionPoint, true,
                new IssuingDistributionPoint(null, false, false,
                        new ReasonFlags(ReasonFlags.keyCompromise | ReasonFlags.cACompromise), false, false)));
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), compromiseOnly));
        assertThat(problem.rule()).isEqualTo(Rule.REVOCATION_UNKNOWN);
        assertThat(problem.found()).isEqualTo("CRLs for keyCompromise, cACompromise only");
    }

    @Test
    void aCrlOnlyForCaCertificatesDoesNotCoverALeaf() {
        Pki pki = new Pki();
        X509CRLHolder caOnly = pki.caCrl(c -> c.extension(Extension.issuingDistributionPoint, true,
                new IssuingDistributionPoint(null, false, true, null, false, false)));
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), caOnly));
        assertThat(problem.rule()).isEqualTo(Rule.REVOCATION_UNKNOWN);
        assertThat(problem.found()).isEqualTo("onlyContainsCACerts");
    }

    @Test
    void aCrlForAnotherDistributionPoint() {
        Pki pki = new Pki(UnaryOperator.identity(), b -> b.crlDistributionPoint("http://crl.test/ca-1.crl"));
        X509CRLHolder other = pki.caCrl(c -> c.extension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                new DistributionPointName(new GeneralNames(uri("http://crl.test/ca-2.crl"))), false, false, null, false, false)));
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), other));
        assertThat(problem.rule()).isEqualTo(Rule.REVOCATION_UNKNOWN);
        assertThat(problem.found()).isEqualTo("a CRL for distribution point http://crl.test/ca-2.crl");
    }

    @Test
    void aCrlForTheCertificatesDistributionPoint() {
        Pki pki = new Pki(UnaryOperator.identity(), b -> b.crlDistributionPoint("http://crl.test/ca-1.crl"));
        X509CRLHolder same = pki.caCrl(c -> c.extension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                new DistributionPointName(new GeneralNames(uri("http://crl.test/ca-1.crl"))), false, false, null, false, false)));
        assertThat(validate(pki, List.of(), pki.rootCrl(), same)).isEmpty();
    }

    // ---- CRL_INVALID ----

    @Test
    void crlInvalid() {
        Pki pki = new Pki();
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> c.nextUpdate = AT.minus(1, ChronoUnit.HOURS))));
        assertProblem(problem, Rule.CRL_INVALID, "nextUpdate at or after 2030-01-01T00:00:00Z", "nextUpdate 2029-12-31T23:00:00Z");
    }

    @Test
    void crlNotYetIssued() {
        Pki pki = new Pki();
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> c.thisUpdate = AT.plus(1, ChronoUnit.HOURS))));
        assertProblem(problem, Rule.CRL_INVALID, "thisUpdate at or before 2030-01-01T00:00:00Z", "thisUpdate 2030-01-01T01:00:00Z");
    }

    @Test
    void crlWithoutNumber() {
        Pki pki = new Pki();
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> c.number = false)));
        assertProblem(problem, Rule.CRL_INVALID, "a non-critical cRLNumber (RFC 5280 §5.2.3)", "no cRLNumber");
    }

    @Test
    void crlWithUnknownCriticalExtension() {
        Pki pki = new Pki();
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(),
                pki.caCrl(c -> c.extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, DERNull.INSTANCE))));
        assertProblem(problem, Rule.CRL_INVALID, "no unknown critical CRL extension (RFC 5280 §5.2)", "critical 1.3.6.1.4.1.99999.1");
    }

    @Test
    void crlWithUnknownCriticalEntryExtension() throws Exception {
        Pki pki = new Pki();
        ExtensionsGenerator entry = new ExtensionsGenerator();
        entry.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.2"), true, DERNull.INSTANCE);
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> c.revokeWith(pki.root, entry))));
        assertThat(problem.rule()).isEqualTo(Rule.CRL_INVALID);
        assertThat(problem.expected()).isEqualTo("no unknown critical CRL entry extension (RFC 5280 §5.3)");
        assertThat(problem.found()).startsWith("critical 1.3.6.1.4.1.99999.2 on serial ");
    }

    @Test
    void crlWithAMalformedEntryExtension() throws Exception {
        Pki pki = new Pki();
        ExtensionsGenerator entry = new ExtensionsGenerator();
        entry.addExtension(Extension.reasonCode, false, DERNull.INSTANCE); // a NULL where the ENUMERATED belongs
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> c.revokeWith(pki.leaf, entry))));
        assertProblem(problem, Rule.CRL_INVALID, "a well-formed CRL", "malformed revoked certificate #1");
    }

    @Test
    void crlSignedByAnotherKey() {
        Pki pki = new Pki();
        KeyPair impostor = key();
        X509CRLHolder forged = pki.caCrl(c -> c.signingKey = impostor.getPrivate());
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), forged));
        assertProblem(problem, Rule.CRL_INVALID, "a signature by a certificate of CN=CRL Test CA", "no certificate given verifies it");
    }

    @Test
    void crlIssuerWithoutCrlSign() {
        Pki pki = new Pki(b -> b.keyUsage(KeyUsage.keyCertSign), UnaryOperator.identity());
        Problem problem = single(validate(pki, List.of(), pki.rootCrl(), pki.caCrl(c -> { })));
        assertProblem(problem, Rule.CRL_INVALID, "cRLSign in the keyUsage of the CRL's signer CN=CRL Test CA", "keyUsage without cRLSign");
    }

    // ---- a CRL signer other than the certificate's issuer (RFC 5280 §6.3.3 (f)) ----

    @Test
    void aSeparateCrlSigningKeyOfTheSameCa() {
        Pki pki = new Pki();
        KeyPair crlKey = key();
        X509Certificate crlSigner = certificate(CA, crlKey).keyUsage(KeyUsage.cRLSign).signWith(pki.root, pki.rootKey.getPrivate());
        X509CRLHolder crl = new Crl(CA, crlKey.getPrivate(), crlKey).build();
        assertThat(validate(pki, List.of(crlSigner), pki.rootCrl(), crl)).isEmpty();
    }

    @Test
    void aSeparateCrlSignerThatIsRevoked() {
        Pki pki = new Pki();
        KeyPair crlKey = key();
        X509Certificate crlSigner = certificate(CA, crlKey).keyUsage(KeyUsage.cRLSign).signWith(pki.root, pki.rootKey.getPrivate());
        X509CRLHolder rootCrl = new Crl(ROOT, pki.rootKey.getPrivate(), pki.rootKey).revoke(crlSigner, CRLReason.keyCompromise).build();
        Problem problem = single(validate(pki, List.of(crlSigner), rootCrl, new Crl(CA, crlKey.getPrivate(), crlKey).build()));
        assertThat(problem.rule()).isEqualTo(Rule.CRL_INVALID);
        assertThat(problem.expected()).isEqualTo("a CRL signer with a valid path to CN=CRL Test Root");
        assertThat(problem.found()).startsWith("CN=CRL Test CA [SHA-256 ").contains("revoked at 2029-12-01T00:00:00Z (keyCompromise)");
    }

    @Test
    void aSeparateCrlSignerUnderAnotherRootIsNotTrusted() {
        Pki pki = new Pki();
        KeyPair otherRootKey = key();
        X509Certificate otherRoot = certificate("CN=Other Root", otherRootKey).basicConstraints(true, null)
                .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).selfSign(otherRootKey.getPrivate());
        KeyPair crlKey = key();
        X509Certificate crlSigner = certificate(CA, crlKey).keyUsage(KeyUsage.cRLSign).signWith(otherRoot, otherRootKey.getPrivate());
        Problem problem = single(validate(pki, List.of(crlSigner, otherRoot), pki.rootCrl(), new Crl(CA, crlKey.getPrivate(), crlKey).build()));
        assertThat(problem.rule()).isEqualTo(Rule.CRL_INVALID);
        assertThat(problem.expected()).isEqualTo("a CRL signer with a valid path to CN=CRL Test Root");
        assertThat(problem.found()).contains("CN=Other Root");
    }

    @Test
    void aSelfIssuedCrlSignerCoveredByItsOwnCrlIsCheckedOnce() {
        // the CA's CRL key is a self-issued certificate of the CA (PKITS 4.5.6); the CRL it signs also
        // covers that certificate: its status comes from there, without validating it again and again
        Pki pki = new Pki();
        KeyPair crlKey = key();
        X509Certificate crlSigner = certificate(CA, crlKey).keyUsage(KeyUsage.cRLSign).signWith(pki.ca, pki.caKey.getPrivate());
        assertThat(validate(pki, List.of(crlSigner), pki.rootCrl(), new Crl(CA, crlKey.getPrivate(), crlKey).build())).isEmpty();
        Problem problem = single(validate(pki, List.of(crlSigner), pki.rootCrl(),
                new Crl(CA, crlKey.getPrivate(), crlKey).revoke(crlSigner, CRLReason.keyCompromise).build()));
        assertThat(problem.rule()).isEqualTo(Rule.CRL_INVALID);
        assertThat(problem.found()).contains("revoked at 2029-12-01T00:00:00Z (keyCompromise)");
    }

    // ---- indirect CRLs (RFC 5280 §5.2.5, §5.3.3, §6.3.3 (b)(1)) ----

    @Test
    void anIndirectCrlRevokesForTheIssuerItNames() throws Exception {
        Pki pki = new Pki(UnaryOperator.identity(), b -> b.extension(Extension.cRLDistributionPoints, false,
                new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(null, null, new GeneralNames(directory(ROOT)))})));
        ExtensionsGenerator entry = new ExtensionsGenerator();
        entry.addExtension(Extension.reasonCode, false, CRLReason.lookup(CRLReason.keyCompromise));
        entry.addExtension(Extension.certificateIssuer, true, new GeneralNames(directory(CA)));
        X509CRLHolder indirect = new Crl(ROOT, pki.rootKey.getPrivate(), pki.rootKey)
                .extension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(null, false, false, null, true, false))
                .revokeWith(pki.leaf, entry).build();
        Problem problem = single(validate(pki, List.of(), indirect));
        assertThat(problem.rule()).isEqualTo(Rule.REVOKED);
        assertThat(problem.found()).isEqualTo("revoked 2029-12-01T00:00:00Z, keyCompromise, by CN=CRL Test Root");
    }

    @Test
    void aCrlIssuersOwnCrlIsNotIndirect() {
        Pki pki = new Pki(UnaryOperator.identity(), b -> b.extension(Extension.cRLDistributionPoints, false,
                new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(null, null, new GeneralNames(directory(ROOT)))})));
        Problem problem = single(validate(pki, List.of(), pki.rootCrl()));
        assertThat(problem.rule()).isEqualTo(Rule.REVOCATION_UNKNOWN);
        assertThat(problem.certificate()).startsWith("CN=leaf.crl.test");
        assertThat(problem.found()).isEqualTo("a CRL without indirectCRL");
    }

    // ---- helpers ----

    static List<Problem> validate(Pki pki, List<X509Certificate> extra, X509CRLHolder... crls) {
        try {
            List<byte[]> intermediates = new ArrayList<>();
            intermediates.add(pki.ca.getEncoded());
            for (X509Certificate certificate : extra) {
                intermediates.add(certificate.getEncoded());
            }
            ValidationRequest.Builder builder = ValidationRequest.builder(pki.leaf.getEncoded(),
                            TrustAnchors.of("test root", List.of(pki.root.getEncoded())))
                    .intermediates(intermediates).at(AT).profile(Profile.RFC5280).purpose(Purpose.ANY);
            for (X509CRLHolder crl : crls) {
                builder.crl(CertificateList.getInstance(crl.getEncoded()));
            }
            return Validator.validate(builder.build()).problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The exact rule and values a script would compare. */
    private static void assertProblem(Problem problem, Rule rule, String expected, String found) {
        assertThat(problem.rule()).isEqualTo(rule);
        assertThat(problem.expected()).isEqualTo(expected);
        assertThat(problem.found()).isEqualTo(found);
    }

    private static Problem single(List<Problem> problems) {
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    static X509CRLHolder delta(Pki pki, int base, int number, Consumer<Crl> change) {
        Crl crl = new Crl(CA, pki.caKey.getPrivate(), pki.caKey);
        crl.number = false;
        crl.extension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
        crl.extension(Extension.deltaCRLIndicator, true, new ASN1Integer(base));
        change.accept(crl);
        return crl.build();
    }

    static CRLDistPoint freshest() {
        return new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(uri("http://crl.test/delta.crl"))), null, null)});
    }

    private static GeneralName uri(String uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
    }

    private static GeneralName directory(String name) {
        return new GeneralName(new X500Name(name));
    }

    static CertificateBuilder certificate(String subject, KeyPair key) {
        return new CertificateBuilder().serial(dev.latch.pki.cert.SerialNumbers.random()).subject(new X500Name(subject))
                .publicKey(key.getPublic()).validity(AT.minus(365, ChronoUnit.DAYS), AT.plus(365, ChronoUnit.DAYS));
    }

    static KeyPair key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
