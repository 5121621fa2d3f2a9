package dev.latch.trust;

import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.CertificateBuilder;
import dev.latch.pki.cert.NameConstraint;
import dev.latch.pki.cert.SerialNumbers;
import dev.latch.core.pem.Pem;
import dev.latch.core.keys.KeyType;
import dev.latch.testkit.OpenSsl;
import dev.latch.testkit.ProcessRun;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latch against two validators nobody here wrote, on a corpus of chains generated here (root ->
 * intermediate -> leaf, each valid or broken in exactly one way). Each case carries the verdict
 * that is right by RFC 5280, RFC 9525 and the CA/Browser Forum Baseline Requirements (BR); Latch
 * must give it every time. OpenSSL and the JDK need not: every case where one of them differs is
 * listed in {@link #KNOWN_DISAGREEMENTS} with the reason Latch is right, and the disagreements
 * found must be exactly that list, so a new, unexplained one fails the test and so does a stale entry.
 *
 * <p>The three judges:
 * <ul>
 *   <li>Latch: {@link Validator#validate} with the root as the only anchor, the intermediates as
 *       given, the host name or IP address, the fixed time {@link #AT} and the CRL if any.</li>
 *   <li>OpenSSL: {@code openssl verify -x509_strict -purpose sslserver -verify_hostname HOST} (or
 *       {@code -verify_ip IP}) {@code -attime EPOCH -CAfile root.pem -no-CApath -no-CAstore
 *       -untrusted int.pem [-crl_check_all -CRLfile crls.pem] leaf.pem}; exit code 0 means trusted.
 *       {@code -no-CApath -no-CAstore} keep the system's CAs out, so root.pem is the only anchor.
 *       {@code -crl_check_all} wants a CRL for every certificate below the root, as Latch and the JDK judge do here.</li>
 *   <li>JDK: the JDK's own TLS trust manager, {@code X509ExtendedTrustManager.checkServerTrusted(chain,
 *       "UNKNOWN", engine)} as a JDK TLS 1.3 client calls it, from {@code TrustManagerFactory("PKIX")}
 *       initialised with {@link CertPathTrustManagerParameters}: a {@link PKIXBuilderParameters} whose
 *       only anchor is the root and whose date is {@link #AT} (the JDK's PKIXValidator keeps that date,
 *       so time-based cases are judged at {@link #AT}, not at the current time), revocation off, or,
 *       with CRLs, a CertStore holding them and a {@link PKIXRevocationChecker} limited to CRLs. That one call covers the JDK's PKIX path validation ({@code CertPathValidator} /
 *       {@code CertPathBuilder} "PKIX"), its TLS algorithm constraints, its end-entity checks for TLS
 *       servers (keyUsage, extKeyUsage serverAuth) and its endpoint identification "HTTPS" (host name
 *       or IP address by {@code sun.security.util.HostnameChecker}). The engine is
 *       {@link CrossCheckEngine}, which supplies the handshake session the trust manager insists on.</li>
 * </ul>
 */
class CrossCheckTest {
    /** Every judge is asked at this instant; every certificate is valid around it unless the case says otherwise. */
    static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant ROOT_FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant ROOT_TO = Instant.parse("2040-01-01T00:00:00Z");
    private static final Instant CA_FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant CA_TO = Instant.parse("2035-01-01T00:00:00Z");
    private static final Instant LEAF_FROM = Instant.parse("2029-10-01T00:00:00Z");
    private static final Instant LEAF_TO = Instant.parse("2030-06-01T00:00:00Z");
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    enum Judge { OPENSSL, JDK }

    /**
     * One chain and the question put about it.
     *
     * @param refusal the rule Latch must refuse it by, the one way the chain is broken; null for a valid chain
     * @param why     the rule (RFC or BR section) that decides the expected verdict
     * @param host    a DNS name or an IP address literal the peer must have
     * @param crls    the CRLs of the root and of the leaf's issuer, or none for no revocation check
     */
    record Case(String name, Rule refusal, String why, X509Certificate root, List<X509Certificate> intermediates,
                X509Certificate leaf, String host, List<X509CRLHolder> crls) {
        boolean expected() {
            return refusal == null;
        }
    }

    record Verdict(boolean trusted, String detail) {
    }

    /**
     * Every case where OpenSSL or the JDK gives a verdict other than the right one, and why the
     * right one (Latch's) is right. The test fails if this differs from what the judges actually say.
     */
    static final Map<String, Map<Judge, String>> KNOWN_DISAGREEMENTS = Map.of(
            "int-eku-client-auth-only", Map.of(
                    Judge.JDK, "the JDK checks extKeyUsage in the end-entity certificate only (sun.security.validator."
                            + "EndEntityChecker); an intermediate whose extKeyUsage allows clientAuth only may not issue "
                            + "TLS server certificates (CA/Browser Forum BR §7.1.2.10.6, EKU chaining as browsers and "
                            + "OpenSSL's sslserver purpose apply it)"),
            "leaf-sha1-signed", Map.of(
                    Judge.OPENSSL, "openssl verify weighs signature algorithms only when given -auth_level (SHA-1 "
                            + "fails from level 1); without it, as here, SHA-1 passes. SHA-1 signatures are forbidden in "
                            + "the web PKI (CA/Browser Forum BR §7.1.3.2): SHA-1 collisions are practical (SHAttered, 2017)",
                    Judge.JDK, "JDK 25 refuses SHA-1 in TLS server chains only when they end at a root of its own cacerts "
                            + "(jdk.certpath.disabledAlgorithms \"SHA1 jdkCA & usage TLSServer\"); a private root's "
                            + "chain with a SHA-1 signature passes, though SHA-1 is broken for signatures (BR §7.1.3.2)"),
            "leaf-rsa-1024", Map.of(
                    Judge.OPENSSL, "openssl verify weighs key sizes only when given -auth_level (RSA-1024 fails from "
                            + "level 2); without it, as here, a 1024-bit RSA key passes. The web PKI requires at least "
                            + "2048 bits (BR §6.1.5)",
                    Judge.JDK, "the JDK refuses RSA keys below 1024 bits only (jdk.certpath.disabledAlgorithms "
                            + "\"RSA keySize < 1024\"); the web PKI requires at least 2048 bits (BR §6.1.5)"),
            "leaf-is-ca", Map.of(
                    Judge.OPENSSL, "OpenSSL's sslserver purpose does not look at basicConstraints of the end-entity "
                            + "certificate; a TLS server certificate must have cA=FALSE (BR §7.1.2.7.8), so a CA "
                            + "certificate (which could issue for any name below it) is not a server's identity",
                    Judge.JDK, "the JDK's end-entity checks for TLS servers look at keyUsage and extKeyUsage, not at "
                            + "basicConstraints; a TLS server certificate must have cA=FALSE (BR §7.1.2.7.8)"),
            "leaf-no-san-cn-only", Map.of(
                    Judge.OPENSSL, "OpenSSL's X509_check_host falls back to the subject CN when the certificate has no "
                            + "DNS subjectAltName (unless X509_CHECK_FLAG_NEVER_CHECK_SUBJECT); RFC 9525 no longer "
                            + "matches CN-IDs, and BR §7.1.2.7.12 requires subjectAltName",
                    Judge.JDK, "the JDK's HostnameChecker falls back to the most specific subject CN when the "
                            + "certificate has no DNS subjectAltName (the old RFC 2818 rule); RFC 9525 no longer matches "
                            + "CN-IDs, and BR §7.1.2.7.12 requires subjectAltName"));

    @Test
    void latchIsRightAndEveryDisagreementIsExplained(@TempDir Path dir) throws Exception {
        long start = System.nanoTime();
        List<Case> cases = new Corpus().cases();
        long generated = System.nanoTime();

        Map<String, Verdict> latch = new LinkedHashMap<>();
        Map<String, Verdict> openssl = new LinkedHashMap<>();
        Map<String, Verdict> jdk = new LinkedHashMap<>();
        List<String> latchWrong = new ArrayList<>();
        for (Case c : cases) {
            ValidationReport report = latch(c);
            Set<Rule> rules = report.problems().stream().map(Problem::rule).collect(Collectors.toCollection(TreeSet::new));
            latch.put(c.name(), new Verdict(report.trusted(), report.trusted() ? "OK" : rules + " " + report.summary()));
            if (report.trusted() != c.expected()) {
                latchWrong.add(c.name() + ": expected " + word(c.expected()) + " (" + c.why() + "), Latch says:\n"
                        + report.toText());
            } else if (!c.expected() && !rules.contains(c.refusal())) {
                // refused, but not for the one way this chain is broken: the corpus is wrong, or Latch's reason is
                latchWrong.add(c.name() + ": refused as expected, but without " + c.refusal() + " (" + c.why()
                        + "), Latch says:\n" + report.toText());
            } else if (!c.expected() && c.refusal().check() != Check.SIGNER_TRUST
                    && rules.stream().anyMatch(rule -> rule.check() == Check.SIGNER_TRUST)) {
                // every chain here ends at the trusted root: blaming signer trust would send the user the wrong way
                latchWrong.add(c.name() + ": the signer trust check fails although the chain reaches the root:\n"
                        + report.toText());
            }
            openssl.put(c.name(), openssl(c, dir));
            jdk.put(c.name(), jdk(c));
        }

        Set<String> actual = new TreeSet<>();
        for (Case c : cases) {
            if (openssl.get(c.name()).trusted() != c.expected()) {
                actual.add(c.name() + " / " + Judge.OPENSSL);
            }
            if (jdk.get(c.name()).trusted() != c.expected()) {
                actual.add(c.name() + " / " + Judge.JDK);
            }
        }
        Set<String> listed = new TreeSet<>();
        KNOWN_DISAGREEMENTS.forEach((name, judges) -> judges.keySet().forEach(judge -> listed.add(name + " / " + judge)));

        System.out.println(summary(cases, latch, openssl, jdk));
        System.out.printf("cross-check: %d cases, generated in %d ms, judged in %d ms%n", cases.size(),
                (generated - start) / 1_000_000, (System.nanoTime() - generated) / 1_000_000);

        Set<String> names = cases.stream().map(Case::name).collect(Collectors.toSet());
        assertThat(names).as("case names are unique").hasSize(cases.size());
        assertThat(names).as("every listed disagreement names a case of the corpus").containsAll(KNOWN_DISAGREEMENTS.keySet());
        assertThat(latchWrong).as("cases where Latch's verdict, or its reason, is not the right one:\n" + String.join("\n", latchWrong)).isEmpty();

        Set<String> unexplained = new TreeSet<>(actual);
        unexplained.removeAll(listed);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(actual);
        assertThat(actual).as("the disagreements found must be exactly those of KNOWN_DISAGREEMENTS;\n  unexplained (add "
                + "each with the reason Latch is right, or fix the case): " + unexplained.stream()
                .map(key -> key + " (" + detail(key, openssl, jdk) + ")").toList()
                + "\n  stale (they agree now: remove them): " + stale + "\n").isEqualTo(listed);
    }

    // ---- the judges ----

    private static ValidationReport latch(Case c) throws CertificateException {
        List<byte[]> intermediates = new ArrayList<>();
        for (X509Certificate intermediate : c.intermediates()) {
            intermediates.add(intermediate.getEncoded());
        }
        ValidationRequest.Builder request = ValidationRequest.builder(c.leaf().getEncoded(),
                        TrustAnchors.of("root", List.of(c.root().getEncoded())))
                .intermediates(intermediates)
                .name(isIp(c.host()) ? PeerName.ip(c.host()) : PeerName.dns(c.host()))
                .at(AT);
        c.crls().forEach(crl -> request.crl(crl.toASN1Structure()));
        return Validator.validate(request.build());
    }

    private static Verdict openssl(Case c, Path dir) throws IOException {
        Path caseDir = Files.createDirectories(dir.resolve(c.name()));
        Files.writeString(caseDir.resolve("root.pem"), Pem.certificate(c.root()));
        Files.writeString(caseDir.resolve("leaf.pem"), Pem.certificate(c.leaf()));
        List<String> command = new ArrayList<>(List.of("verify", "-x509_strict", "-purpose", "sslserver",
                isIp(c.host()) ? "-verify_ip" : "-verify_hostname", c.host(),
                "-attime", Long.toString(AT.getEpochSecond()),
                "-CAfile", "root.pem", "-no-CApath", "-no-CAstore"));
        if (!c.intermediates().isEmpty()) {
            Files.writeString(caseDir.resolve("int.pem"), Pem.certificates(c.intermediates()));
            command.addAll(List.of("-untrusted", "int.pem"));
        }
        if (!c.crls().isEmpty()) {
            StringBuilder crls = new StringBuilder();
            for (X509CRLHolder crl : c.crls()) {
                crls.append(Pem.encode(Pem.CRL, crl.getEncoded()));
            }
            Files.writeString(caseDir.resolve("crls.pem"), crls);
            command.addAll(List.of("-crl_check_all", "-CRLfile", "crls.pem"));
        }
        command.add("leaf.pem");
        ProcessRun run = OpenSsl.run(caseDir, command);
        String output = run.all();
        String firstError = output.lines().filter(line -> line.startsWith("error ") && !line.contains("verification failed"))
                .findFirst().orElse(output.strip());
        return new Verdict(run.exitCode() == 0, run.exitCode() == 0 ? "OK" : firstError);
    }

    private static Verdict jdk(Case c) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(
                Set.of(new TrustAnchor(jdkCertificate(factory, c.root()), null)), null);
        parameters.setDate(Date.from(AT));
        parameters.setRevocationEnabled(false);
        if (!c.crls().isEmpty()) {
            List<X509CRL> crls = new ArrayList<>();
            for (X509CRLHolder crl : c.crls()) {
                try {
                    crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(crl.getEncoded())));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            PKIXRevocationChecker revocation = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX").getRevocationChecker();
            revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                    PKIXRevocationChecker.Option.NO_FALLBACK));
            parameters.addCertPathChecker(revocation);
            parameters.setRevocationEnabled(true);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(new CertPathTrustManagerParameters(parameters));
        X509ExtendedTrustManager trustManager = (X509ExtendedTrustManager) trustManagers.getTrustManagers()[0];
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(jdkCertificate(factory, c.leaf()));
        for (X509Certificate intermediate : c.intermediates()) {
            chain.add(jdkCertificate(factory, intermediate));
        }
        try {
            // "UNKNOWN" is the authType a JDK TLS 1.3 client passes (sun.security.ssl.CertificateMessage)
            trustManager.checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN", new CrossCheckEngine(c.host()));
            return new Verdict(true, "OK");
        } catch (CertificateException e) {
            return new Verdict(false, e.getMessage());
        }
    }

    private static X509Certificate jdkCertificate(CertificateFactory factory, X509Certificate certificate)
            throws CertificateException {
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
    }

    private static boolean isIp(String host) {
        return IPAddress.isValidIPv4(host) || IPAddress.isValidIPv6(host);
    }

    // ---- the report ----

    private static String summary(List<Case> cases, Map<String, Verdict> latch, Map<String, Verdict> openssl,
                                  Map<String, Verdict> jdk) {
        StringBuilder out = new StringBuilder("\nLatch, openssl verify and the JDK's trust manager at " + AT + "\n\n");
        String format = "%-32s %-9s %-9s %-9s %-9s%n";
        out.append(String.format(format, "case", "expected", "Latch", "OpenSSL", "JDK"));
        for (Case c : cases) {
            out.append(String.format(format, c.name(), word(c.expected()), mark(latch.get(c.name()), c.expected()),
                    mark(openssl.get(c.name()), c.expected()), mark(jdk.get(c.name()), c.expected())));
        }
        out.append("\n(* = differs from the expected verdict)\n\nwhy each judge refused:\n");
        for (Case c : cases) {
            if (!c.expected()) {
                out.append("  ").append(c.name()).append(" (").append(c.why()).append(")\n");
                out.append("      Latch:   ").append(shorten(latch.get(c.name()).detail())).append('\n');
                out.append("      OpenSSL: ").append(shorten(openssl.get(c.name()).detail())).append('\n');
                out.append("      JDK:     ").append(shorten(jdk.get(c.name()).detail())).append('\n');
            }
        }
        out.append("\ndisagreements:\n");
        for (Case c : cases) {
            for (Judge judge : Judge.values()) {
                Verdict verdict = (judge == Judge.OPENSSL ? openssl : jdk).get(c.name());
                if (verdict.trusted() != c.expected()) {
                    String reason = KNOWN_DISAGREEMENTS.getOrDefault(c.name(), Map.of()).get(judge);
                    out.append("  ").append(c.name()).append(" / ").append(judge).append(": says ")
                            .append(word(verdict.trusted())).append(" (").append(shorten(verdict.detail())).append(")\n")
                            .append("      expected ").append(word(c.expected())).append(": ").append(c.why()).append('\n')
                            .append("      ").append(reason == null ? "NOT EXPLAINED in KNOWN_DISAGREEMENTS" : reason)
                            .append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String detail(String key, Map<String, Verdict> openssl, Map<String, Verdict> jdk) {
        String[] parts = key.split(" / ");
        Verdict verdict = (Judge.valueOf(parts[1]) == Judge.OPENSSL ? openssl : jdk).get(parts[0]);
        return word(verdict.trusted()) + ": " + shorten(verdict.detail());
    }

    private static String word(boolean trusted) {
        return trusted ? "trusted" : "refused";
    }

    private static String mark(Verdict verdict, boolean expected) {
        return word(verdict.trusted()) + (verdict.trusted() == expected ? "" : " *");
    }

    private static String shorten(String text) {
        String one = text == null ? "" : text.replace('\n', ' ').replace("java.security.cert.", "");
        return one.length() > 160 ? one.substring(0, 157) + "..." : one;
    }

    // ---- the corpus ----

    /** The chains: a shared EC P-256 root and intermediate, and for each case the certificates it changes. */
    private static final class Corpus {
        private final KeyPair rootKey = KeyType.EC_P256.generate();
        private final KeyPair caKey = KeyType.EC_P256.generate();
        private final KeyPair leafKey = KeyType.EC_P256.generate();
        private final X509Certificate root = root("CN=CrossCheck Root,O=Latch Test", rootKey);
        private final X509Certificate ca = ca("CN=CrossCheck Intermediate,O=Latch Test", caKey, b -> b).signWith(root, rootKey.getPrivate());
        private final List<Case> cases = new ArrayList<>();

        List<Case> cases() throws Exception {
            // valid chains
            valid("valid-ec", "a well-formed chain; the name is in subjectAltName", leaf("www.example.test"), "www.example.test");
            rsaChains();
            valid("valid-ip", "the IP address is in an iPAddress SAN (RFC 9525 §6.4)", leaf("CrossCheck IP server", "192.0.2.10"), "192.0.2.10");
            valid("wildcard-one-label", "*.example.test matches exactly one label (RFC 9525 §6.3)", leaf("*.example.test"),
                    "www.example.test");

            // the site identity check
            refused("wildcard-two-labels", Rule.NAME_MISMATCH, "a wildcard matches one label only, not a.b (RFC 9525 §6.3)", leaf("*.example.test"),
                    "a.b.example.test");
            refused("wrong-host", Rule.NAME_MISMATCH, "the name is not among the subjectAltNames (RFC 9525 §6.3)", leaf("www.example.test"),
                    "api.example.test");
            refused("ip-mismatch", Rule.NAME_MISMATCH, "the address is not among the iPAddress SANs (RFC 9525 §6.4)",
                    leaf("CrossCheck IP server", "192.0.2.10"), "192.0.2.11");
            refused("leaf-no-san-cn-only", Rule.NO_SUBJECT_ALT_NAME, "no subjectAltName, and the CN is never matched (RFC 9525: no CN-IDs; BR §7.1.2.7.12)",
                    leafBuilder("www.example.test").signWith(ca, caKey.getPrivate()), "www.example.test");

            // dates
            refused("expired-leaf", Rule.EXPIRED, "validation time after notAfter (RFC 5280 §6.1.3 (a)(2))",
                    leaf(b -> b.validity(Instant.parse("2029-01-01T00:00:00Z"), Instant.parse("2029-12-01T00:00:00Z")),
                            "www.example.test"), "www.example.test");
            refused("not-yet-valid-leaf", Rule.NOT_YET_VALID, "validation time before notBefore (RFC 5280 §6.1.3 (a)(2))",
                    leaf(b -> b.validity(Instant.parse("2030-02-01T00:00:00Z"), Instant.parse("2030-08-01T00:00:00Z")),
                            "www.example.test"), "www.example.test");
            X509Certificate expiredCa = ca("CN=CrossCheck Intermediate,O=Latch Test", caKey,
                    b -> b.validity(CA_FROM, Instant.parse("2029-12-31T00:00:00Z"))).signWith(root, rootKey.getPrivate());
            add("expired-intermediate", Rule.EXPIRED, "the intermediate expired (RFC 5280 §6.1.3 (a)(2))", List.of(expiredCa),
                    leafBuilder("www.example.test", "www.example.test").signWith(expiredCa, caKey.getPrivate()),
                    "www.example.test", null);

            // signatures and keys
            refused("leaf-wrong-key-signature", Rule.BAD_SIGNATURE, "the leaf's signature does not verify with the issuer's key (RFC 5280 §6.1.3 (a)(1))",
                    leafBuilder("www.example.test", "www.example.test").signWith(ca, KeyType.EC_P256.generate().getPrivate()),
                    "www.example.test");
            refused("leaf-sha1-signed", Rule.WEAK_SIGNATURE_ALGORITHM, "SHA-1 signatures are forbidden (BR §7.1.3.2)",
                    resign(leaf("www.example.test"), "SHA1withECDSA", caKey.getPrivate()), "www.example.test");
            KeyPair rsa1024 = rsa(1024);
            refused("leaf-rsa-1024", Rule.WEAK_KEY, "RSA keys must have at least 2048 bits (BR §6.1.5)",
                    leafBuilder("www.example.test", "www.example.test").publicKey(rsa1024.getPublic())
                            .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).signWith(ca, caKey.getPrivate()),
                    "www.example.test");

            // signer trust
            add("missing-intermediate", Rule.UNKNOWN_ISSUER, "no path to the anchor: the intermediate was not supplied (RFC 5280 §6.1)",
                    List.of(), leaf("www.example.test"), "www.example.test", null);
            KeyPair otherRootKey = KeyType.EC_P256.generate();
            X509Certificate otherRoot = root("CN=CrossCheck Other Root,O=Latch Test", otherRootKey);
            X509Certificate otherCa = ca("CN=CrossCheck Other Intermediate,O=Latch Test", caKey, b -> b)
                    .signWith(otherRoot, otherRootKey.getPrivate());
            add("untrusted-root", Rule.UNKNOWN_ISSUER, "the chain ends at a root that is not a trust anchor (RFC 5280 §6.1)", List.of(otherCa),
                    leafBuilder("www.example.test", "www.example.test").signWith(otherCa, caKey.getPrivate()), "www.example.test", null);

            // what a CA may do
            withCa("int-no-basic-constraints", Rule.NOT_A_CA, "an intermediate without basicConstraints is not a CA (RFC 5280 §6.1.4 (k))",
                    base("CN=CrossCheck Intermediate,O=Latch Test", caKey.getPublic(), CA_FROM, CA_TO)
                            .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            withCa("int-ca-false", Rule.NOT_A_CA, "an intermediate with basicConstraints cA=FALSE is not a CA (RFC 5280 §6.1.4 (k))",
                    base("CN=CrossCheck Intermediate,O=Latch Test", caKey.getPublic(), CA_FROM, CA_TO)
                            .basicConstraints(false, null).keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            withCa("int-no-key-cert-sign", Rule.CA_WITHOUT_KEY_CERT_SIGN, "the intermediate's keyUsage lacks keyCertSign (RFC 5280 §6.1.4 (n))",
                    ca("CN=CrossCheck Intermediate,O=Latch Test", caKey,
                            b -> b.keyUsage(KeyUsage.cRLSign | KeyUsage.digitalSignature)));
            pathLength();
            refused("leaf-is-ca", Rule.CA_USED_AS_END_ENTITY, "a TLS server certificate must not be a CA certificate (BR §7.1.2.7.8)",
                    leaf(b -> b.basicConstraints(true, null).keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign),
                            "www.example.test"), "www.example.test");

            // purposes
            refused("leaf-eku-client-auth-only", Rule.EKU_PURPOSE_NOT_ALLOWED, "the leaf's extKeyUsage does not allow serverAuth (RFC 5280 §4.2.1.12)",
                    base("CN=www.example.test", leafKey.getPublic(), LEAF_FROM, LEAF_TO).basicConstraints(false, null)
                            .keyUsage(KeyUsage.digitalSignature).extendedKeyUsage(KeyPurposeId.id_kp_clientAuth)
                            .altNames(List.of(AltName.parse("www.example.test"))).signWith(ca, caKey.getPrivate()),
                    "www.example.test");
            withCa("int-eku-client-auth-only", Rule.CA_EKU_DOES_NOT_ALLOW, "the intermediate's extKeyUsage restricts it to clientAuth (BR §7.1.2.10.6)",
                    ca("CN=CrossCheck Intermediate,O=Latch Test", caKey, b -> b.extendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));

            // name constraints
            nameConstraints();

            // an extension nobody understands
            refused("leaf-unknown-critical-extension", Rule.UNKNOWN_CRITICAL_EXTENSION, "an unrecognised critical extension means refuse (RFC 5280 §4.2)",
                    leaf(b -> b.extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.7.1"), true, new DERUTF8String("must understand")),
                            "www.example.test"), "www.example.test");

            // revocation
            revocation();
            return cases;
        }

        private void rsaChains() throws Exception {
            KeyPair rsaRootKey = rsa(2048);
            KeyPair rsaCaKey = rsa(2048);
            KeyPair rsaLeafKey = rsa(2048);
            X509Certificate rsaRoot = root("CN=CrossCheck RSA Root,O=Latch Test", rsaRootKey);
            X509Certificate rsaCa = ca("CN=CrossCheck RSA Intermediate,O=Latch Test", rsaCaKey, b -> b)
                    .signWith(rsaRoot, rsaRootKey.getPrivate());
            X509Certificate rsaLeaf = leafBuilder("www.example.test", "www.example.test").publicKey(rsaLeafKey.getPublic())
                    .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).signWith(rsaCa, rsaCaKey.getPrivate());
            cases.add(new Case("valid-rsa", null, "RSA-2048 keys, sha256WithRSAEncryption", rsaRoot, List.of(rsaCa), rsaLeaf,
                    "www.example.test", List.of()));

            // RSASSA-PSS (RFC 4055) with SHA-256, MGF1-SHA-256 and a 32-byte salt, for the intermediate and the leaf
            X509Certificate pssRoot = root("CN=CrossCheck PSS Root,O=Latch Test", rsaRootKey);
            X509Certificate pssCa = resign(ca("CN=CrossCheck PSS Intermediate,O=Latch Test", rsaCaKey, b -> b)
                    .signWith(pssRoot, rsaRootKey.getPrivate()), "SHA256withRSAandMGF1", rsaRootKey.getPrivate());
            X509Certificate pssLeaf = resign(leafBuilder("www.example.test", "www.example.test").publicKey(rsaLeafKey.getPublic())
                    .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment).signWith(pssCa, rsaCaKey.getPrivate()),
                    "SHA256withRSAandMGF1", rsaCaKey.getPrivate());
            cases.add(new Case("valid-rsa-pss", null, "RSASSA-PSS signatures (RFC 4055) over RSA-2048 keys", pssRoot,
                    List.of(pssCa), pssLeaf, "www.example.test", List.of()));
        }

        private void pathLength() {
            // the shared intermediate has pathLen 0: no CA certificate may follow it
            KeyPair subKey = KeyType.EC_P256.generate();
            X509Certificate sub = ca("CN=CrossCheck Sub-Intermediate,O=Latch Test", subKey, b -> b).signWith(ca, caKey.getPrivate());
            add("pathlen-0-second-intermediate", Rule.PATH_LENGTH_EXCEEDED, "a CA below a pathLen 0 CA (RFC 5280 §6.1.4 (l))", List.of(sub, ca),
                    leafBuilder("www.example.test", "www.example.test").signWith(sub, subKey.getPrivate()), "www.example.test", null);
        }

        private void nameConstraints() {
            X509Certificate permitted = ca("CN=CrossCheck Constrained Intermediate,O=Latch Test", caKey,
                    b -> b.permit(List.of(NameConstraint.parse("dns:example.test")))).signWith(root, rootKey.getPrivate());
            add("nc-permitted-ok", null, "www.example.test is within the permitted dns:example.test (RFC 5280 §4.2.1.10)",
                    List.of(permitted), leafBuilder("www.example.test", "www.example.test").signWith(permitted, caKey.getPrivate()),
                    "www.example.test", null);
            add("nc-permitted-violated", Rule.NAME_NOT_PERMITTED, "www.example.org is outside the permitted dns:example.test (RFC 5280 §4.2.1.10)",
                    List.of(permitted), leafBuilder("www.example.org", "www.example.org").signWith(permitted, caKey.getPrivate()),
                    "www.example.org", null);
            X509Certificate excluded = ca("CN=CrossCheck Constrained Intermediate,O=Latch Test", caKey,
                    b -> b.exclude(List.of(NameConstraint.parse("dns:internal.example.test")))).signWith(root, rootKey.getPrivate());
            add("nc-excluded-matched", Rule.NAME_EXCLUDED, "www.internal.example.test is in the excluded dns:internal.example.test "
                            + "(RFC 5280 §4.2.1.10)", List.of(excluded),
                    leafBuilder("www.internal.example.test", "www.internal.example.test").signWith(excluded, caKey.getPrivate()),
                    "www.internal.example.test", null);
            X509Certificate ipPermitted = ca("CN=CrossCheck Constrained Intermediate,O=Latch Test", caKey,
                    b -> b.permit(List.of(NameConstraint.parse("ip:192.0.2.0/24")))).signWith(root, rootKey.getPrivate());
            add("nc-ip-violated", Rule.NAME_NOT_PERMITTED, "198.51.100.7 is outside the permitted ip:192.0.2.0/24 (RFC 5280 §4.2.1.10)",
                    List.of(ipPermitted), leafBuilder("CrossCheck IP server", "198.51.100.7").signWith(ipPermitted, caKey.getPrivate()),
                    "198.51.100.7", null);
        }

        private void revocation() throws Exception {
            X509Certificate good = leaf("www.example.test");
            X509Certificate revoked = leaf("www.example.test");
            add("crl-not-revoked", null, "the issuer's current CRL does not list the leaf (RFC 5280 §6.3)", List.of(ca), good,
                    "www.example.test", crl(revoked.getSerialNumber()));
            add("crl-revoked", Rule.REVOKED, "the issuer's current CRL lists the leaf (RFC 5280 §6.3.3)", List.of(ca), revoked,
                    "www.example.test", crl(revoked.getSerialNumber()));
        }

        /** A complete CRL of the shared intermediate, current at {@link #AT}, with a CRL number and an AKI (RFC 5280 §5.2). */
        private X509CRLHolder crl(BigInteger revokedSerial) throws Exception {
            return crl(ca, caKey, revokedSerial);
        }

        /** The root's CRL, listing nothing: the intermediate is good. */
        private X509CRLHolder rootCrl() {
            try {
                return crl(root, rootKey, null);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        private static X509CRLHolder crl(X509Certificate issuer, KeyPair key, BigInteger revokedSerial) throws Exception {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    Date.from(Instant.parse("2029-12-15T00:00:00Z")));
            builder.setNextUpdate(Date.from(Instant.parse("2030-01-15T00:00:00Z")));
            if (revokedSerial != null) {
                builder.addCRLEntry(revokedSerial, Date.from(Instant.parse("2029-12-10T00:00:00Z")), CRLReason.keyCompromise);
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(7)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(CertificateBuilder.keyIdentifier(key.getPublic())));
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(key.getPrivate()));
        }

        // -- adding cases --

        private void valid(String name, String why, X509Certificate leaf, String host) {
            add(name, null, why, List.of(ca), leaf, host, null);
        }

        private void refused(String name, Rule refusal, String why, X509Certificate leaf, String host) {
            add(name, refusal, why, List.of(ca), leaf, host, null);
        }

        /** A chain through an intermediate broken as {@code builder} says, signed by the root. */
        private void withCa(String name, Rule refusal, String why, CertificateBuilder builder) {
            X509Certificate broken = builder.signWith(root, rootKey.getPrivate());
            add(name, refusal, why, List.of(broken), leafBuilder("www.example.test", "www.example.test")
                    .signWith(broken, caKey.getPrivate()), "www.example.test", null);
        }

        private void add(String name, Rule refusal, String why, List<X509Certificate> intermediates, X509Certificate leaf,
                         String host, X509CRLHolder crl) {
            // RFC 5280 §6.3: with revocation on, every certificate below the root needs its CRL
            cases.add(new Case(name, refusal, why, root, intermediates, leaf, host,
                    crl == null ? List.of() : List.of(rootCrl(), crl)));
        }

        // -- certificates --

        /** A leaf for the names given (the first is also the CN), issued by the shared intermediate. */
        private X509Certificate leaf(String name) {
            return leafBuilder(name, name).signWith(ca, caKey.getPrivate());
        }

        private X509Certificate leaf(String cn, String san) {
            return leafBuilder(cn, san).signWith(ca, caKey.getPrivate());
        }

        /** The usual leaf for {@code name}, changed by {@code change}, then issued by the shared intermediate. */
        private X509Certificate leaf(UnaryOperator<CertificateBuilder> change, String name) {
            return change.apply(leafBuilder(name, name)).signWith(ca, caKey.getPrivate());
        }

        /** A TLS server certificate: cA=FALSE, digitalSignature, serverAuth, the SANs given. */
        private CertificateBuilder leafBuilder(String cn, String... sans) {
            List<AltName> names = new ArrayList<>();
            for (String san : sans) {
                names.add(AltName.parse(san));
            }
            return base("CN=" + cn, leafKey.getPublic(), LEAF_FROM, LEAF_TO).basicConstraints(false, null)
                    .keyUsage(KeyUsage.digitalSignature).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).altNames(names);
        }
    }

    private static CertificateBuilder base(String subject, PublicKey key, Instant from, Instant to) {
        return new CertificateBuilder().serial(SerialNumbers.random()).subject(new X500Name(subject)).publicKey(key)
                .validity(from, to);
    }

    /** A self-signed root: cA=TRUE (critical), keyCertSign and cRLSign, no extKeyUsage (BR §7.1.2.1.2). */
    private static X509Certificate root(String subject, KeyPair key) {
        return base(subject, key.getPublic(), ROOT_FROM, ROOT_TO).basicConstraints(true, null)
                .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).selfSign(key.getPrivate());
    }

    /** An intermediate: cA=TRUE with pathLen 0, keyCertSign and cRLSign, then whatever {@code change} does. */
    private static CertificateBuilder ca(String subject, KeyPair key, UnaryOperator<CertificateBuilder> change) {
        return change.apply(base(subject, key.getPublic(), CA_FROM, CA_TO).basicConstraints(true, 0)
                .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    /** The same certificate signed again with another algorithm (CertificateBuilder picks one per key type). */
    private static X509Certificate resign(X509Certificate certificate, String algorithm, PrivateKey key) {
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(new X509CertificateHolder(certificate.getEncoded()));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (Exception e) {
            throw new AssertionError("cannot re-sign with " + algorithm, e);
        }
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }
}
