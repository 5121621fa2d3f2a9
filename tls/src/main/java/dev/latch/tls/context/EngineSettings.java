package dev.latch.tls.context;

import dev.latch.tls.TlsEngine;
import dev.latch.tls.TlsPolicy;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.util.List;

/**
 * What differs between the engines: the provider, and the settings the JDK engine takes per
 * engine rather than per context (named groups, server cipher order).
 */
public final class EngineSettings {
    private EngineSettings() {
    }

    static SslProvider provider(TlsEngine engine) {
        return engine == TlsEngine.BORINGSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** The policy shared by client and server contexts: engine, protocols, ciphers, groups, ALPN. */
    static SslContextBuilder applyPolicy(SslContextBuilder builder, TlsEngine engine, List<String> alpn) {
        return applyPolicy(builder, engine, alpn, TlsPolicy.PROTOCOLS, TlsPolicy.BORINGSSL_GROUPS);
    }

    /** The policy narrowed to some of its protocols, with BoringSSL's groups in a given order. */
    static SslContextBuilder applyPolicy(SslContextBuilder builder, TlsEngine engine, List<String> alpn,
                                         List<String> protocols, List<String> boringGroups) {
        builder.sslProvider(provider(engine))
                .protocols(protocols)
                .ciphers(TlsPolicy.ciphers());
        if (engine == TlsEngine.BORINGSSL) {
            builder.option(OpenSslContextOption.GROUPS, boringGroups.toArray(String[]::new));
        }
        if (!alpn.isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    alpn));
        }
        return builder;
    }

    /** Applies the per-engine parts of the policy to a new engine; BoringSSL has them in its context. */
    public static void apply(SSLEngine engine, TlsEngine kind) {
        if (kind != TlsEngine.JDK) {
            return;
        }
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setNamedGroups(TlsPolicy.JDK_GROUPS.toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
    }
}
