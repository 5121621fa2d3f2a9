package dev.latch.server.pipeline;

import dev.latch.server.site.Sites;
import dev.latch.http.ConnectionErrors;
import dev.latch.http.Limits;
import dev.latch.http.guard.ConnectionLimit;
import dev.latch.http.guard.Guards;
import dev.latch.http.listen.ConnectionSetup;
import dev.latch.http.log.AccessLog;
import dev.latch.tls.sni.SniRouter;
import io.netty.channel.Channel;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The pipeline of a new HTTPS connection: the guards, a 400 for plain HTTP sent to this port,
 * SNI routing (which installs the chosen host's TLS handler), then, once the handshake is done,
 * HTTP/1.1 or HTTP/2 by ALPN ({@link ProtocolSwitch}) and the site handlers.
 */
public final class HttpsConnections implements ConnectionSetup {
    private final Sites sites;
    private final Limits limits;
    private final ConnectionLimit connectionLimit;
    private final SiteHandlers siteHandlers;
    private final BooleanSupplier draining;
    private final ConnectionErrors errors;

    public HttpsConnections(Sites sites, Limits limits, AccessLog log, BooleanSupplier draining, Consumer<String> events) {
        this.sites = sites;
        this.limits = limits;
        this.connectionLimit = new ConnectionLimit(limits.maxConnections(), events);
        this.siteHandlers = new SiteHandlers(sites, log, events);
        this.draining = draining;
        this.errors = new ConnectionErrors(events);
    }

    @Override
    public void setUp(Channel connection) {
        Guards.addTo(connection.pipeline(), connectionLimit, limits);
        connection.pipeline()
                .addLast("plain-http", new PlainHttpOnTlsPort())
                .addLast("sni", new SniRouter(sites.table(), limits.handshakeTimeout().toMillis()))
                .addLast("protocol", new ProtocolSwitch(limits, siteHandlers, draining, errors));
    }
}
