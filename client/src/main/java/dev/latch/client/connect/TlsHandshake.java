package dev.latch.client.connect;

import dev.latch.client.exchange.InboundHold;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.trace.Step;
import dev.latch.client.trace.Trace;
import dev.latch.client.trust.TrustVerdict;
import dev.latch.tls.context.ClientContexts;
import dev.latch.tls.handshake.HandshakeRecord;
import dev.latch.tls.handshake.HandshakeRecorder;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * Runs a client handshake on a connected channel (seed §14.7.4): SNI for a host name (never for an IP address,
 * RFC 6066 §3), the trust manager watching this engine, the handshake record kept on the channel. Traces the
 * ClientHello's offer and what was agreed; a failure is explained by {@link HandshakeFailures}.
 */
public final class TlsHandshake {
    private TlsHandshake() {
    }

    /**
     * @param host    the name the certificate must carry (the engine's peer host) and the SNI name
     * @param timeout the most the handshake may take (the rest of the connect timeout)
     * @param keep    whether this is the handshake the channel's {@link HandshakeRecord} tells (the target's); an
     *                https proxy's handshake under it is traced but not kept, as a channel records one handshake
     */
    public static Secured run(Channel channel, TlsProfile profile, String host, int port, Duration timeout,
                              Deadline deadline, Trace trace, boolean keep) throws ClientFailure {
        SslHandler ssl = profile.context().newHandler(channel.alloc(), host, port);
        Duration limit = Duration.ofMillis(Math.max(1, Math.min(timeout.toMillis(), deadline.remaining().toMillis())));
        ssl.setHandshakeTimeoutMillis(limit.toMillis());
        SSLEngine engine = ssl.engine();
        String sni = Target.isLiteral(host) ? null : host;
        if (sni != null) {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sni)));
            engine.setSSLParameters(parameters);
        }
        ClientContexts.configure(engine, profile.engine(), profile.offer());
        profile.trust().watch(engine, trace);
        hello(profile, sni, trace);
        SessionWatch watch = new SessionWatch();
        // all at once on the loop: the SslHandler starts the handshake when added, and its end must find the others
        channel.eventLoop().execute(() -> {
            channel.pipeline().addLast(ssl);
            if (keep) {
                channel.pipeline().addLast(new HandshakeRecorder(ssl, sni, null, null));
            }
            channel.pipeline().addLast(watch);
            if (keep) { // what the server sends at once (HTTP/2's SETTINGS) waits there for the exchange
                channel.pipeline().addLast(new InboundHold());
            }
        });
        try {
            deadline.await(watch.handshake(), channel);
        } catch (ExecutionException e) {
            TrustVerdict verdict = profile.trust().take(engine);
            channel.close();
            deadline.check(); // when the max time ran out, that is the failure, whatever the handshake made of it
            throw HandshakeFailures.explain(e.getCause(), verdict, host, profile, limit);
        } catch (ClientFailure e) {
            profile.trust().take(engine);
            throw e;
        }
        TrustVerdict verdict = profile.trust().take(engine);
        if (verdict != null && !verdict.accepted()) { // the trust manager refuses; this only guards against one that did not
            channel.close();
            throw HandshakeFailures.explain(null, verdict, host, profile, limit);
        }
        HandshakeRecord record = keep ? HandshakeRecord.of(channel) : unkept(ssl, sni);
        done(record, trace);
        return new Secured(record, verdict, watch);
    }

    /** What a handshake that is not kept agreed on, as far as the trace needs it. */
    private static HandshakeRecord unkept(SslHandler ssl, String sni) {
        SSLSession session = ssl.engine().getSession();
        return new HandshakeRecord(session.getProtocol(), session.getCipherSuite(), null, sni, ssl.applicationProtocol(),
                null, List.of(), null, null);
    }

    private static void hello(TlsProfile profile, String sni, Trace trace) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (sni != null) {
            facts.put("sni", sni);
        }
        facts.put("alpn", profile.alpn());
        facts.put("groups", profile.groups());
        facts.put("versions", profile.offer().protocols());
        trace.add(Step.TLS_HELLO, "TLS ClientHello: " + (sni == null ? "no SNI" : "SNI " + sni) + ", ALPN "
                + String.join(", ", profile.alpn()) + ", groups " + String.join(", ", profile.groups()) + ", versions "
                + String.join(", ", profile.offer().protocols()), facts);
    }

    private static void done(HandshakeRecord record, Trace trace) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("version", record.protocol());
        facts.put("cipher", record.cipher());
        StringBuilder line = new StringBuilder("TLS handshake done: " + record.protocol() + ", " + record.cipher());
        if (record.group() != null) {
            facts.put("group", record.group());
            line.append(", group ").append(record.group());
        }
        if (record.alpn() != null) {
            facts.put("alpn", record.alpn());
            line.append(", ALPN ").append(record.alpn());
        }
        if (record.resumed() != null) {
            facts.put("resumed", record.resumed());
            line.append(record.resumed() ? ", resumed" : ", full handshake");
        }
        trace.add(Step.TLS_DONE, line.toString(), facts);
    }
}
