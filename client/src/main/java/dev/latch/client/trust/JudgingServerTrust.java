package dev.latch.client.trust;

import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import dev.latch.client.trace.TraceListener;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * {@link ServerTrust} for JSSE and Netty: judges each chain with a {@link ChainJudge} under the
 * name the engine was made for, keeps the verdict per engine until {@link #take} (engines whose
 * verdict is never taken are forgotten with them), and refuses the handshake when the verdict is not accepted.
 */
final class JudgingServerTrust extends ServerTrust {
    private final ChainJudge judge;
    private final X509Certificate[] acceptedIssuers;
    // keys are engines (EngineKey), compared by identity (SSLEngine does not override equals), held weakly
    private final Map<SSLEngine, Trace> traces = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<SSLEngine, TrustVerdict> verdicts = Collections.synchronizedMap(new WeakHashMap<>());

    JudgingServerTrust(TrustOptions options) {
        this.judge = new ChainJudge(options);
        this.acceptedIssuers = options.anchors().x509Certificates().toArray(X509Certificate[]::new);
    }

    @Override
    public void watch(SSLEngine engine, Trace trace) {
        traces.put(EngineKey.of(engine), trace);
    }

    @Override
    public TrustVerdict take(SSLEngine engine) {
        SSLEngine key = EngineKey.of(engine);
        traces.remove(key);
        return verdicts.remove(key);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        if (engine == null) {
            checkServerTrusted(chain, authType);
            return;
        }
        SSLEngine key = EngineKey.of(engine);
        TrustVerdict verdict = judge(chain, engine.getPeerHost(), traces.get(key));
        verdicts.put(key, verdict);
        refuseUnlessAccepted(verdict);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        String host = session != null ? session.getPeerHost() : socket == null || socket.getInetAddress() == null ? null
                : socket.getInetAddress().getHostAddress();
        refuseUnlessAccepted(judge(chain, host, null));
    }

    /** Without a connection there is no name to check: only the chain is judged. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        refuseUnlessAccepted(judge(chain, null, null));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not judge clients' certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return acceptedIssuers.clone();
    }

    private TrustVerdict judge(X509Certificate[] chain, String host, Trace watched) throws CertificateException {
        Trace trace = watched != null ? watched : new Trace(TraceListener.NONE);
        TrustVerdict verdict = judge.judge(chain == null ? List.of() : List.of(chain), host, trace);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("trusted", verdict.report().trusted());
        facts.put("accepted", verdict.accepted());
        facts.put("summary", verdict.report().summary());
        if (verdict.pinned() != null) {
            facts.put("pinned", verdict.pinned());
        }
        facts.put("insecure", verdict.insecure());
        trace.add(Step.TRUST, "Server certificate " + summary(verdict), facts, verdict);
        return verdict;
    }

    private static void refuseUnlessAccepted(TrustVerdict verdict) throws UntrustedServerException {
        if (!verdict.accepted()) {
            throw new UntrustedServerException(verdict, summary(verdict));
        }
    }

    /** The verdict in one line: the report's summary, then what the pins or --insecure changed. */
    static String summary(TrustVerdict verdict) {
        String line = verdict.report().summary();
        if (Boolean.FALSE.equals(verdict.pinned())) {
            return line + "; its public key matches none of the pins" + (verdict.insecure() ? " (--insecure does not lift a pin)" : "");
        }
        return verdict.insecure() ? line + " (accepted anyway: --insecure)" : line;
    }
}
