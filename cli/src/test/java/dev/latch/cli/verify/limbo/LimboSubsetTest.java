package dev.latch.cli.verify.limbo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latch.pki.cert.AltName;
import dev.latch.pki.cert.Certificates;
import dev.latch.testkit.TestResources;
import dev.latch.trust.Profile;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The x509-limbo subset in src/test/resources/limbo: every case that runs must come out as expected. */
class LimboSubsetTest {
    /** 1 by an unclaimed feature (pedantic-rfc5280), 2 contradicted by NIST PKITS, the 9 webpki::cn:: cases. */
    private static final int SKIPPED = 12;

    @Test
    void everyCaseRunsUnderItsOwnProfileAndPasses() throws Exception {
        List<LimboHarness.Result> results = LimboHarness.run(subset());
        List<LimboHarness.Result> failed = notAsExpected(results);
        List<LimboHarness.Result> skipped = results.stream().filter(r -> r.actual().equals("SKIPPED")).toList();
        System.out.printf("limbo subset: %d as expected, %d not as expected, %d skipped%n",
                results.size() - failed.size() - skipped.size(), failed.size(), skipped.size());
        assertThat(results).hasSize(275);
        assertThat(failed).as(describe(failed)).isEmpty();
        assertThat(skipped).as("skipped cases, each with its reason in LimboHarness").hasSize(SKIPPED)
                .allSatisfy(r -> assertThat(r.context()).isNotBlank());
        // both sides of every pair limbo marks conflicts_with run, each under its own profile
        assertThat(skipped).extracting(LimboHarness.Result::id).doesNotContain(
                "rfc5280::ca-as-leaf", "webpki::ca-as-leaf", "rfc5280::eku::ee-without-eku", "webpki::eku::ee-without-eku",
                "rfc5280::nc::permitted-dns-match-noncritical", "webpki::nc::permitted-dns-match-noncritical",
                "pathlen::validation-ignores-pathlen-in-leaf");
    }

    @Test
    void underTheRfc5280ProfileForAllTheRfc5280SidePasses() throws Exception {
        List<LimboHarness.Result> results = LimboHarness.run(subset(), Profile.RFC5280);
        List<LimboHarness.Result> rfcSide = results.stream().filter(r -> r.id().startsWith("rfc5280::")).toList();
        assertThat(notAsExpected(rfcSide)).as(describe(notAsExpected(rfcSide))).isEmpty();
        assertThat(rfcSide).filteredOn(r -> r.actual().equals("SKIPPED")).hasSize(3); // as in the run by namespace
        // the web PKI side of each conflicting pair is skipped, naming the case it conflicts with
        assertThat(results).filteredOn(r -> r.id().equals("webpki::ca-as-leaf")).singleElement()
                .satisfies(r -> assertThat(r.actual()).isEqualTo("SKIPPED"))
                .satisfies(r -> assertThat(r.context()).contains("rfc5280::ca-as-leaf"));
    }

    /**
     * The count LimboHarness states for the webpki::cn:: contradiction, measured: cases judged by
     * the web PKI profile that expect SUCCESS for a leaf whose subject CN is none of its SAN values.
     */
    @Test
    void theCnFamilyIsContradictedByTheCountTheHarnessStates() throws Exception {
        List<String> contradicting = new ArrayList<>();
        for (JsonNode testCase : new ObjectMapper().readTree(subset()).path("testcases")) {
            String id = testCase.path("id").asText();
            if (LimboHarness.profileOf(id) == Profile.WEBPKI && !id.startsWith("webpki::cn::")
                    && testCase.path("expected_result").asText().equals("SUCCESS") && cnOutsideSan(testCase)) {
                contradicting.add(id);
            }
        }
        assertThat(contradicting).hasSize(48)
                .contains("webpki::nc::nc-permits-dns-san-pattern", "webpki::san::exact-localhost-ip-san",
                        "webpki::san::leftmost-wildcard-san")
                .filteredOn(id -> id.startsWith("bettertls::pathbuilding::")).hasSize(45);
        assertThat(LimboHarness.CONTRADICTORY_FAMILIES.get("webpki::cn::")).contains("48 other web PKI cases");
    }

    /** BR §7.1.4.3 read leniently: a CN that equals no dNSName SAN (ignoring case) and no iPAddress SAN. */
    private static boolean cnOutsideSan(JsonNode testCase) throws Exception {
        byte[] der = Certificates.readDer(testCase.path("peer_certificate").asText().getBytes(StandardCharsets.US_ASCII), "peer").get(0);
        X509CertificateHolder leaf = new X509CertificateHolder(der);
        List<String> sans = new ArrayList<>();
        Extension san = leaf.getExtension(Extension.subjectAlternativeName);
        if (san != null) {
            for (GeneralName name : GeneralNames.getInstance(san.getParsedValue()).getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    sans.add(((ASN1String) name.getName()).getString().toLowerCase(Locale.ROOT));
                } else if (name.getTagNo() == GeneralName.iPAddress) {
                    sans.add(AltName.ipText(ASN1OctetString.getInstance(name.getName()).getOctets()));
                }
            }
        }
        for (RDN rdn : leaf.getSubject().getRDNs(BCStyle.CN)) {
            for (AttributeTypeAndValue cn : rdn.getTypesAndValues()) {
                String value = cn.getValue() instanceof ASN1String text ? text.getString().toLowerCase(Locale.ROOT) : "";
                if (!sans.contains(value) && !sans.contains(ipTextOrNull(value))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String ipTextOrNull(String text) {
        if (!org.bouncycastle.util.IPAddress.isValidIPv4(text) && !org.bouncycastle.util.IPAddress.isValidIPv6(text)) {
            return null;
        }
        try {
            return AltName.ipText(InetAddress.getByName(text).getAddress());
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static byte[] subset() throws Exception {
        return Files.readAllBytes(TestResources.path("limbo/limbo-subset.json"));
    }

    private static List<LimboHarness.Result> notAsExpected(List<LimboHarness.Result> results) {
        return results.stream().filter(r -> !r.actual().equals("SKIPPED") && !r.asExpected()).toList();
    }

    private static String describe(List<LimboHarness.Result> failed) {
        return failed.stream().map(r -> r.id() + " expected " + r.expected() + ", got " + r.actual()
                + (r.context() == null ? "" : ": " + r.context())).collect(Collectors.joining("\n"));
    }
}
