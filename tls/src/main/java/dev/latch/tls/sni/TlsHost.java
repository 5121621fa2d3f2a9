package dev.latch.tls.sni;

import dev.latch.tls.ClientAuth;
import dev.latch.tls.TlsEngine;
import dev.latch.core.LatchException;
import dev.latch.tls.certs.CertificateJudge;
import dev.latch.tls.certs.CertificateJudgement;
import dev.latch.tls.certs.CertificateSource;
import dev.latch.tls.certs.KeyMaterial;
import dev.latch.tls.context.ServerContexts;
import dev.latch.tls.context.TicketKeys;
import dev.latch.tls.handshake.ClientCertificateCheck;
import dev.latch.trust.TrustAnchors;
import io.netty.handler.ssl.SslContext;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One virtual host's TLS side: the names it answers to, its certificate (reloaded without a
 * restart), its own session-ticket keys and its client-certificate policy.
 */
public final class TlsHost {
    private final String name;
    private final List<HostNamePattern> names;
    private final CertificateSource source;
    private final TlsEngine engine;
    private final ClientAuth clientAuth;
    private final TrustAnchors clientCas;
    private final ClientCertificateCheck clientCheck;
    private final List<String> alpn;
    private final TicketKeys tickets = new TicketKeys();
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    private record Loaded(CertificateJudgement judgement, SslContext context) {
    }

    /**
     * @param names     every name the host answers to in SNI (canonical name first, then aliases)
     * @param clientCas trusted issuers of client certificates; null when {@code clientAuth} is NONE
     */
    public TlsHost(List<HostNamePattern> names, CertificateSource source, TlsEngine engine, ClientAuth clientAuth,
                   TrustAnchors clientCas, List<String> alpn) {
        if (clientAuth != ClientAuth.NONE && clientCas == null) {
            throw new IllegalArgumentException("client authentication needs trusted client CAs");
        }
        this.names = List.copyOf(names);
        this.name = names.get(0).pattern();
        this.source = source;
        this.engine = engine;
        this.clientAuth = clientAuth;
        this.clientCas = clientCas;
        this.clientCheck = clientAuth == ClientAuth.NONE ? null : new ClientCertificateCheck(clientCas);
        this.alpn = List.copyOf(alpn);
    }

    public String name() {
        return name;
    }

    public List<HostNamePattern> names() {
        return names;
    }

    public boolean answersTo(String serverName) {
        for (HostNamePattern pattern : names) {
            if (pattern.matches(serverName)) {
                return true;
            }
        }
        return false;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** Null when the host does not ask for client certificates. */
    public ClientCertificateCheck clientCheck() {
        return clientCheck;
    }

    public TlsEngine engine() {
        return engine;
    }

    /**
     * Loads the certificate, judges it ({@link CertificateJudge}) and, unless it is refused, builds a
     * new context with it; connections already open keep the old one. A refused certificate leaves
     * the current one in place, and is an error when there is none yet (at start).
     */
    public CertificateJudgement reload(Instant now) {
        KeyMaterial material = source.load();
        CertificateJudgement judgement = CertificateJudge.judge(material,
                names.stream().map(HostNamePattern::pattern).toList(), source.anchors(), now);
        if (judgement.refused()) {
            if (loaded.get() == null) {
                throw new LatchException(name + ": will not serve the certificate from " + material.source() + ", which "
                        + judgement.problems(), judgement.fixes());
            }
            return judgement;
        }
        SslContext context = ServerContexts.build(material, engine, clientAuth,
                clientCas == null ? List.of() : clientCas.x509Certificates(), alpn);
        tickets.applyTo(context);
        loaded.set(new Loaded(judgement, context));
        return judgement;
    }

    /** {@link #reload(Instant)} now. */
    public CertificateJudgement reload() {
        return reload(Instant.now());
    }

    /** Reloads when the source says its files changed or renewal is due; returns the judgement of the new one, or null. */
    public CertificateJudgement reloadIfNeeded(Instant now) {
        return loaded.get() == null || source.needsReload(now) ? reload(now) : null;
    }

    public void rotateTicketKeys() {
        tickets.rotate();
        Loaded current = loaded.get();
        if (current != null) {
            tickets.applyTo(current.context());
        }
    }

    public SslContext context() {
        Loaded current = loaded.get();
        if (current == null) {
            throw new IllegalStateException("host " + name + " has no certificate loaded yet");
        }
        return current.context();
    }

    public KeyMaterial material() {
        Loaded current = loaded.get();
        return current == null ? null : current.judgement().material();
    }

    /** What was said of the certificate served now (its warnings, say); null before the first load. */
    public CertificateJudgement judgement() {
        Loaded current = loaded.get();
        return current == null ? null : current.judgement();
    }
}
