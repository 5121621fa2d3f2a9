package dev.latch.client.trust;

import dev.latch.client.trace.Trace;
import dev.latch.trust.PeerName;
import dev.latch.trust.Purpose;
import dev.latch.trust.ValidationReport;
import dev.latch.trust.ValidationRequest;
import dev.latch.trust.Validator;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.util.IPAddress;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the {@link TrustVerdict} on a chain a server sent for a host: validation by the trust
 * module (for a server, named as the client asked for it), intermediates and CRLs fetched when the
 * options say so, the pins, and advice for the server's operator.
 */
final class ChainJudge {
    private final TrustOptions options;
    private final Pins pins;
    /** One per trust manager: it remembers parsed certificates and verified CA signatures across handshakes. */
    private final Validator validator = new Validator();
    private final MissingIntermediates intermediates;
    private final FetchedCrls crls;

    ChainJudge(TrustOptions options) {
        this.options = options;
        this.pins = Pins.parse(options.pins());
        HttpFetch http = new HttpFetch(options.fetchTimeout());
        this.intermediates = new MissingIntermediates(options.fetchIntermediates(), http);
        this.crls = new FetchedCrls(http);
    }

    /**
     * @param sent the chain as the server sent it, its own certificate first
     * @param host the name the client asked for (DNS name or IP literal), or null when unknown: then no name is checked
     */
    TrustVerdict judge(List<X509Certificate> sent, String host, Trace trace) throws CertificateException {
        if (sent.isEmpty()) {
            throw new CertificateException("the server sent no certificate");
        }
        PeerName name = host == null || host.isEmpty() ? null : name(host);
        List<String> advice = new ArrayList<>();
        if (name == null) {
            advice.add("the server's name was not checked: the connection did not say which host it is for");
        }
        ValidationReport first = validate(sent, List.of(), options.crls(), name);
        MissingIntermediates.Outcome completed = intermediates.complete(sent, first,
                fetched -> validate(sent, fetched, options.crls(), name), trace);
        ValidationReport report = completed.report();
        advice.addAll(completed.advice());
        // revocation is judged on a path that reaches an anchor (RFC 5280 §6.3): before that a CRL would change nothing
        if (options.fetchCrls() && !ReportPath.issuerMissing(report)) {
            List<X509Certificate> known = new ArrayList<>(sent);
            known.addAll(completed.fetched());
            FetchedCrls.Outcome fetched = crls.fetch(report, known, trace);
            if (!fetched.crls().isEmpty()) {
                List<CertificateList> all = new ArrayList<>(options.crls());
                all.addAll(fetched.crls());
                report = validate(sent, completed.fetched(), all, name);
            }
            advice.addAll(fetched.advice());
            if (fetched.crls().isEmpty() && options.crls().isEmpty()) {
                advice.add(fetched.advice().isEmpty()
                        ? "revocation was not checked: no certificate of the chain names an http CRL distribution point"
                        : "revocation was not checked: no CRL of the chain could be fetched");
            }
        }
        Boolean pinned = pins.isEmpty() ? null : pins.matches(sent.get(0).getPublicKey());
        if (Boolean.FALSE.equals(pinned)) {
            advice.add("the server's public key is " + Pins.of(sent.get(0).getPublicKey()) + ", which matches none of the pins given");
        }
        return new TrustVerdict(sent, completed.fetched(), report, pinned, options.insecure() && !report.trusted(), advice);
    }

    private ValidationReport validate(List<X509Certificate> sent, List<X509Certificate> fetched, List<CertificateList> crlList,
                                      PeerName name) {
        List<X509Certificate> chain = new ArrayList<>(sent);
        chain.addAll(fetched);
        ValidationRequest.Builder request;
        try {
            request = ValidationRequest.builder(chain, options.anchors());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate the JDK decoded cannot be encoded again: " + e.getMessage(), e);
        }
        request.purpose(Purpose.SERVER);
        if (name != null) {
            request.name(name);
        }
        crlList.forEach(request::crl);
        return validator.check(request.build());
    }

    /** The host as a name a certificate is checked against: an IP literal is an IP address (RFC 6125 §6.2.1), else a DNS name. */
    private static PeerName name(String host) throws CertificateException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return IPAddress.isValid(bare) ? PeerName.ip(bare) : PeerName.dns(host);
        } catch (IllegalArgumentException e) {
            throw new CertificateException(e.getMessage());
        }
    }
}
