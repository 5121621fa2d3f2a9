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
 * or a certs-only PKCS#7), a few hops up at most; or fetches it only to diagnose; or, when not
 * fetching, says what is missing and where it is ({@link Mode}).
 */
final class MissingIntermediates {
    /** Intermediates fetched one above the other at most: real chains have one or two. */
    static final int MAX_HOPS = 3;
    /** The most one "CA Issuers" answer may hold: a certificate is 1-2 KiB, a PKCS#7 bundle a few. */
    static final int MAX_BYTES = 64 * 1024;

    /** What to do about an intermediate the server does not send. */
    enum Mode {
        /** Say what is missing and where it is. */
        NAME,
        /** Fetch it to say whether it completes the chain; the verdict stays on the chain as sent. */
        DIAGNOSE,
        /** Fetch it and judge the chain with it, as browsers do. */
        COMPLETE;

        static Mode of(TrustOptions options) {
            return options.fetchIntermediates() ? COMPLETE : options.diagnoseIntermediates() ? DIAGNOSE : NAME;
        }
    }

    private final Mode mode;
    private final HttpFetch http;

    MissingIntermediates(Mode mode, HttpFetch http) {
        this.mode = mode;
        this.http = http;
    }

    /**
     * The report to judge by, what was fetched for it, and advice for the server's operator.
     *
     * @param fetched what was fetched to complete the chain; empty unless the mode is {@link Mode#COMPLETE}
     */
    record Outcome(ValidationReport report, List<X509Certificate> fetched, List<String> advice) {
    }

    /**
     * @param validate validates again with these fetched certificates added to what the server sent
     */
    Outcome complete(List<X509Certificate> sent, ValidationReport first, Function<List<X509Certificate>, ValidationReport> validate,
                     Trace trace) {
        ValidationReport report = first;
        Map<X509Certificate, String> fetched = new LinkedHashMap<>(); // each with the URL it came from
        List<String> advice = new ArrayList<>();
        for (int hop = 0; hop < MAX_HOPS && ReportPath.issuerMissing(report); hop++) {
            ReportPath path = ReportPath.of(report, known(sent, fetched.keySet()));
            X509Certificate top = path.top();
            List<String> urls = top == null || ReportPath.selfIssued(top) ? List.of()
                    : CertificateUrls.caIssuers(top).stream().filter(HttpFetch::fetchable).toList();
            if (urls.isEmpty()) {
                break;
            }
            String missing = "the intermediate " + path.topEntry().issuer() + " (issuer of " + path.topEntry().subject() + ")";
            if (mode == Mode.NAME) {
                advice.add("the server does not send " + missing + "; its certificate names it at " + urls.get(0)
                        + ": --fetch-intermediates fetches it from there, as browsers do; the fix is to add it to the server's chain");
                break;
            }
            Map<X509Certificate, String> found = fetchFirst(urls, known(sent, fetched.keySet()), trace);
            if (found.isEmpty()) {
                advice.add("the server does not send " + missing + ", and it could not be fetched from " + String.join(", ", urls)
                        + ": add it to the server's chain");
                break;
            }
            fetched.putAll(found);
            report = validate.apply(List.copyOf(fetched.keySet()));
        }
        if (!fetched.isEmpty() && !ReportPath.issuerMissing(report)) {
            ReportPath path = ReportPath.of(report, List.copyOf(fetched.keySet()));
            for (int i = 0; i < path.entries().size(); i++) {
                if (path.at(i) != null && !ReportPath.selfIssued(path.at(i))) {
                    advice.add("the server does not send its intermediate " + path.entries().get(i).subject()
                            + "; browsers will work, curl and Java will not: add it to the server's chain"
                            + (mode == Mode.DIAGNOSE ? " (fetched from " + fetched.get(path.at(i))
                            + " only to say so; --fetch-intermediates goes on with it)" : ""));
                }
            }
        }
        return mode == Mode.COMPLETE ? new Outcome(report, List.copyOf(fetched.keySet()), advice) : new Outcome(first, List.of(), advice);
    }

    private static List<X509Certificate> known(List<X509Certificate> sent, java.util.Collection<X509Certificate> fetched) {
        List<X509Certificate> all = new ArrayList<>(sent);
        all.addAll(fetched);
        return all;
    }

    /** The new certificates of the first URL that yields any, each with that URL; every try traced. */
    private Map<X509Certificate, String> fetchFirst(List<String> urls, List<X509Certificate> known, Trace trace) {
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
                Map<X509Certificate, String> sources = new LinkedHashMap<>();
                fresh.values().forEach(certificate -> sources.put(certificate, url));
                return sources;
            } catch (IOException e) {
                FetchTrace.failed(trace, url, "intermediate", e.getMessage());
            }
        }
        return Map.of();
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
