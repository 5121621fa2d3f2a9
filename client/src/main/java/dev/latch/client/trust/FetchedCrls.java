package dev.latch.client.trust;

import dev.latch.client.trace.Trace;
import dev.latch.trust.ValidationReport;
import org.bouncycastle.asn1.x509.CertificateList;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRLs of a chain, fetched from each certificate's CRL distribution point (RFC 5280
 * §4.2.1.13: a DER CRL over http), so that revocation can be checked; a CRL that cannot be had
 * is said in the advice, since the revocation of its certificates then cannot be checked.
 */
final class FetchedCrls {
    /** The most one CRL may hold: large CAs publish CRLs of a few MiB. */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private final HttpFetch http;

    FetchedCrls(HttpFetch http) {
        this.http = http;
    }

    record Outcome(List<CertificateList> crls, List<String> advice) {
    }

    /** The CRLs of the certificates of the report's chain (those at hand: not an anchor the server did not send). */
    Outcome fetch(ValidationReport report, List<X509Certificate> known, Trace trace) {
        ReportPath path = ReportPath.of(report, known);
        List<CertificateList> crls = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        Map<String, CertificateList> byUrl = new HashMap<>();
        for (int i = 0; i < path.entries().size(); i++) {
            X509Certificate certificate = path.at(i);
            List<String> urls = certificate == null || ReportPath.selfIssued(certificate) ? List.of()
                    : CertificateUrls.crlDistributionPoints(certificate).stream().filter(HttpFetch::fetchable).toList();
            List<String> failures = new ArrayList<>();
            for (String url : urls) {
                if (byUrl.containsKey(url)) {
                    failures.clear();
                    break;
                }
                try {
                    CertificateList crl = parse(http.get(url, MAX_BYTES));
                    FetchTrace.done(trace, url, "crl", "CRL of " + crl.getIssuer() + " with "
                            + crl.getRevokedCertificates().length + " revoked");
                    byUrl.put(url, crl);
                    crls.add(crl);
                    failures.clear();
                    break;
                } catch (IOException e) {
                    FetchTrace.failed(trace, url, "crl", e.getMessage());
                    failures.add(url + " (" + e.getMessage() + ")");
                }
            }
            if (!failures.isEmpty()) {
                advice.add("the revocation of " + path.entries().get(i).subject() + " cannot be checked: its CRL could not be fetched from "
                        + String.join(", ", failures));
            }
        }
        return new Outcome(crls, advice);
    }

    private static CertificateList parse(byte[] body) throws IOException {
        try {
            return CertificateList.getInstance(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(body));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new IOException("the answer is not a DER CRL");
        }
    }
}
