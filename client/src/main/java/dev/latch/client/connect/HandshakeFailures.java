package dev.latch.client.connect;

import dev.latch.client.ClientFailure;
import dev.latch.client.FailureKind;
import dev.latch.client.trust.TrustVerdict;
import dev.latch.trust.Problem;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why a handshake failed, in words: a refused certificate as the trust report says it (with its fix and the
 * verdict, so the chain can be shown), else the alert or reason the engine gave, named for what it usually means.
 */
public final class HandshakeFailures {
    /** BoringSSL's "…:SSLV3_ALERT_HANDSHAKE_FAILURE" / "…:TLSV1_ALERT_PROTOCOL_VERSION", the JDK's "Received fatal alert: handshake_failure". */
    private static final Pattern ALERT = Pattern.compile("(?i)(?:(?:sslv3|tlsv1)_alert_|fatal alert: )(\\w+)");
    private static final Pattern REASON = Pattern.compile("(?i)OPENSSL_internal:(\\w+)");

    private HandshakeFailures() {
    }

    public static ClientFailure explain(Throwable cause, TrustVerdict verdict, String host, TlsProfile profile) {
        if (verdict != null && !verdict.accepted()) {
            return refused(verdict, host, cause);
        }
        if (has(cause, SslHandshakeTimeoutException.class)) {
            return new ClientFailure(FailureKind.TIMEOUT, "the TLS handshake with " + host + " did not finish in time",
                    "check that the port speaks TLS, or allow longer with --connect-timeout", null, cause);
        }
        if (has(cause, NotSslRecordException.class)) {
            return failure("the server at " + host + " did not answer in TLS", "is this port plain HTTP? then use an http:// URL", cause);
        }
        String text = messages(cause);
        String alert = first(ALERT, text);
        String reason = alert != null ? alert : first(REASON, text);
        String versions = String.join(" and ", profile.offer().protocols());
        if (reason == null) {
            if (has(cause, ClosedChannelException.class) || text.toLowerCase(Locale.ROOT).contains("connection reset")) {
                return failure("the server " + host + " closed the connection during the TLS handshake",
                        "the server may not speak TLS on this port, or refused what latch offered (" + versions + ")", cause);
            }
            return failure("the TLS handshake with " + host + " failed: " + root(cause), null, cause);
        }
        String said = alert != null ? " (alert " + alert + ")" : " (" + reason + ")";
        ClientFailure certificate = clientCertificate(reason, said, host, profile.clientCertificate(), cause);
        if (certificate != null) {
            return certificate;
        }
        return switch (reason) {
            case "protocol_version", "unsupported_protocol", "wrong_version_number", "no_protocols_available" ->
                    failure("the server " + host + " does not speak the TLS versions latch offered (" + versions + ")" + said,
                            "latch speaks TLS 1.2 and 1.3: see --tls-min and --tls-max, or update the server", cause);
            case "handshake_failure" -> failure("the server " + host + " refused the handshake" + said
                    + (profile.clientCertificate() ? "" : ": it may require a client certificate (latch sent none),")
                    + " or it shares no cipher or key-exchange group with latch",
                    profile.clientCertificate() ? "see --tls-min, --tls-max and --groups"
                            : "give a client certificate with --cert and --key if the server asks for one; see --groups", cause);
            case "unrecognized_name" -> failure("the server does not serve the name " + host + said,
                    "check the URL's host name", cause);
            case "no_shared_cipher", "insufficient_security", "no_cipher_match" ->
                    failure("the server " + host + " shares no cipher suite with latch" + said,
                            "latch offers only AEAD ciphers with forward secrecy; the server needs one", cause);
            default -> failure("the TLS handshake with " + host + " failed" + said, null, cause);
        };
    }

    /**
     * A TLS 1.3 server judges the client's certificate after the client has finished its handshake (RFC 8446
     * §4.4.2.4), so its refusal arrives as an alert on the first read: explained as the handshake failure it is.
     *
     * @return the failure, or null when {@code cause} is no such alert
     */
    public static ClientFailure lateRefusal(Throwable cause, String host, boolean sentCertificate) {
        String alert = first(ALERT, messages(cause));
        return alert == null ? null : clientCertificate(alert, " (alert " + alert + ")", host, sentCertificate, cause);
    }

    private static ClientFailure clientCertificate(String reason, String said, String host, boolean sent, Throwable cause) {
        return switch (reason) {
            case "certificate_required" -> sent
                    ? failure("the server " + host + " did not take the client certificate" + said,
                    "check that the server trusts the certificate's issuer", cause)
                    : failure("the server " + host + " requires a client certificate and latch sent none" + said,
                    "give one with --cert and --key", cause);
            case "bad_certificate", "unknown_ca", "unsupported_certificate", "certificate_unknown", "certificate_expired",
                 "certificate_revoked", "access_denied" -> sent
                    ? failure("the server " + host + " refused the client certificate" + said,
                    "check that the server trusts the certificate's issuer and that it is valid for client authentication", cause)
                    : failure("the server " + host + " refused the handshake" + said + ": it asks for a client certificate",
                    "give one with --cert and --key", cause);
            default -> null;
        };
    }

    private static ClientFailure refused(TrustVerdict verdict, String host, Throwable cause) {
        FailureKind kind = verdict.failure();
        if (kind == FailureKind.PIN_MISMATCH) {
            return new ClientFailure(kind, "the public key of " + host + "'s certificate matches none of the pins given",
                    "check the pin (latch inspect shows a certificate's pin), or whether the server changed its key",
                    verdict, cause);
        }
        String hint = verdict.report().problems().stream().map(Problem::fix).filter(fix -> fix != null).findFirst().orElse(null);
        return new ClientFailure(kind, "the certificate of " + host + " is " + verdict.report().summary(), hint, verdict, cause);
    }

    private static ClientFailure failure(String message, String hint, Throwable cause) {
        return new ClientFailure(FailureKind.TLS_HANDSHAKE, message, hint, null, cause);
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static boolean has(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            if (type.isInstance(at)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable cause) {
        StringBuilder all = new StringBuilder();
        for (Throwable at = cause; at != null; at = at.getCause()) {
            all.append(at.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static String root(Throwable cause) {
        Throwable at = cause;
        while (at != null && at.getCause() != null) {
            at = at.getCause();
        }
        return at == null || at.getMessage() == null ? "no reason given" : at.getMessage();
    }
}
