package dev.latch.client.trust;

import dev.latch.client.trace.Trace;
import dev.latch.trust.ValidationReport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Completes a chain the server sent without its intermediate, as browsers do: from the "CA
 * Issuers" URL of the certificate whose issuer is missing (RFC 5280 §4.2.2.1: a DER certificate
 * or a certs-only PKCS#7), a few hops up at most; or, when not fetching, says what is missing and where it is.
 */
final class MissingIntermediates {
    /** Intermediates fetched one above the other at most: real chains have one or two. */
    static final int MAX_HOPS = 3;
    /** The most one "CA Issuers" answer may hold: a certificate is 1-2 KiB, a PKCS#7 bundle a few. */
    static final int MAX_BYTES = 64 * 1024;

    private final boolean fetch;
    private final HttpFetch http;

    MissingIntermediates(boolean fetch, HttpFetch http) {
        this.fetch = fetch;
        this.http = http;
    }

    /** The report after completing the chain, what was fetched, and advice for the server's operator. */
    record Outcome(ValidationReport report, List<X509Certificate> fetched, List<String> advice) {
    }

    /**
     * @param validate validates again with these fetched certificates added to what the server sent
     */
    Outcome complete(List<X509Certificate> sent, ValidationReport first, Function<List<X509Certificate>, ValidationReport> validate,
                     Trace trace) {
        ValidationReport report = first;
        List<X509Certificate> fetched = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        for (int hop = 0; hop < MAX_HOPS && ReportPath.issuerMissing(report); hop++) {
            ReportPath path = ReportPath.of(report, known(sent, fetched));
            X509Certificate top = path.top();
            List<String> urls = top == null || ReportPath.selfIssued(top) ? List.of()
                    : CertificateUrls.caIssuers(top).stream().filter(HttpFetch::fetchable).toList();
            if (urls.isEmpty()) {
                break;
            }
            String missing = "the intermediate " + path.topEntry().issuer() + " (issuer of " + path.topEntry().subject() + ")";
            if (!fetch) {
                advice.add("the server does not send " + missing + "; its certificate names it at " + urls.get(0)
                        + ": --fetch-intermediates fetches it from there, as browsers do; the fix is to add it to the server's chain");
                break;
            }
            List<X509Certificate> found = fetchFirst(urls, known(sent, fetched), trace);
            if (found.isEmpty()) {
                advice.add("the server does not send " + missing + ", and it could not be fetched from " + String.join(", ", urls)
                        + ": add it to the server's chain");
                break;
            }
            fetched.addAll(found);
            report = validate.apply(List.copyOf(fetched));
        }
        if (!fetched.isEmpty() && !ReportPath.issuerMissing(report)) {
            ReportPath path = ReportPath.of(report, fetched);
            for (int i = 0; i < path.entries().size(); i++) {
                if (path.at(i) != null && !ReportPath.selfIssued(path.at(i))) {
                    advice.add("the server does not send its intermediate " + path.entries().get(i).subject()
                            + "; browsers will work, curl and Java will not: add it to the server's chain");
                }
            }
        }
        return new Outcome(report, fetched, advice);
    }

    private static List<X509Certificate> known(List<X509Certificate> sent, List<X509Certificate> fetched) {
        List<X509Certificate> all = new ArrayList<>(sent);
        all.addAll(fetched);
        return all;
    }

    /** The new certificates of the first URL that yields any; every try traced. */
    private List<X509Certificate> fetchFirst(List<String> urls, List<X509Certificate> known, Trace trace) {
        for (String url : urls) {
            try {
                List<X509Certificate> found = parse(http.get(url, MAX_BYTES));
                Map<String, X509Certificate> fresh = new LinkedHashMap<>();
                for (X509Certificate certificate : found) {
                    fresh.put(ReportPath.fingerprint(certificate), certificate);
                }
                known.forEach(certificate -> fresh.remove(ReportPath.fingerprint(certificate)));
                if (fresh.isEmpty()) {
                    FetchTrace.failed(trace, url, "intermediate", "no certificate that was not already at hand");
                    continue;
                }
                FetchTrace.done(trace, url, "intermediate", fresh.size() + (fresh.size() == 1 ? " certificate" : " certificates"));
                return List.copyOf(fresh.values());
            } catch (IOException e) {
                FetchTrace.failed(trace, url, "intermediate", e.getMessage());
            }
        }
        return List.of();
    }

    /** A DER certificate or a certs-only PKCS#7 (the JDK's certificate factory reads both, and PEM). */
    static List<X509Certificate> parse(byte[] body) throws IOException {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(body))) {
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            if (certificates.isEmpty()) {
                throw new IOException("the answer holds no certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IOException("the answer is neither a DER certificate nor a PKCS#7 of certificates");
        }
    }
}
