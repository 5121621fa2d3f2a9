package dev.latch.client.trust;

import dev.latch.client.trace.Trace;
import dev.latch.client.trace.TraceEvent;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import static org.assertj.core.api.Assertions.assertThat;

/** A chain judged as a TLS engine has it judged: the verdict kept for the engine, and the trace of the judging. */
record Judged(TrustVerdict verdict, List<TraceEvent> events, UntrustedServerException refusal) {

    /** {@code chain} as a server for {@code host} sends it, judged by a new trust manager of these options. */
    static Judged judge(TrustOptions options, String host, X509Certificate... chain) throws GeneralSecurityException {
        return judge(ServerTrust.of(options), host, chain);
    }

    static Judged judge(ServerTrust trust, String host, X509Certificate... chain) throws GeneralSecurityException {
        SSLEngine engine = engine(host);
        Trace trace = new Trace(null);
        trust.watch(engine, trace);
        UntrustedServerException refusal = null;
        try {
            trust.checkServerTrusted(chain, "ECDHE_ECDSA", engine);
        } catch (UntrustedServerException e) {
            refusal = e;
        }
        TrustVerdict verdict = trust.take(engine);
        assertThat(trust.take(engine)).as("a verdict is taken once").isNull();
        assertThat(refusal == null).as("refused exactly when not accepted").isEqualTo(verdict.accepted());
        return new Judged(verdict, trace.events(), refusal);
    }

    /** The verdict of a chain that must be refused. */
    static TrustVerdict refused(TrustOptions options, String host, X509Certificate... chain) throws GeneralSecurityException {
        Judged judged = judge(options, host, chain);
        assertThat(judged.verdict().accepted()).isFalse();
        return judged.verdict();
    }

    static SSLEngine engine(String host) throws GeneralSecurityException {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        return engine;
    }
}
