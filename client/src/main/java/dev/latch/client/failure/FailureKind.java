package dev.latch.client.failure;

import dev.latch.client.trust.TrustVerdict;

/**
 * The class of a failed exchange, with the exit code curl gives the same class (curl's
 * libcurl-errors(3)), so scripts written for curl keep working.
 */
public enum FailureKind {
    UNSUPPORTED_PROTOCOL(1, "unsupported protocol"),
    BAD_URL(3, "malformed URL"),
    PROXY_NAME_NOT_RESOLVED(5, "could not resolve the proxy's name"),
    NAME_NOT_RESOLVED(6, "could not resolve the host's name"),
    CONNECT_FAILED(7, "could not connect"),
    HTTP_ERROR(22, "the server answered with an error status"),
    WRITE_ERROR(23, "could not write the body"),
    READ_ERROR(26, "could not read the request body"),
    TIMEOUT(28, "timed out"),
    TLS_HANDSHAKE(35, "the TLS handshake failed"),
    TOO_MANY_REDIRECTS(47, "too many redirects"),
    SEND_ERROR(55, "could not send the request"),
    RECEIVE_ERROR(56, "the connection failed while receiving"),
    CLIENT_CERTIFICATE(58, "the client certificate could not be used"),
    CERTIFICATE_UNTRUSTED(60, "the server's certificate is not trusted"),
    CA_FILE(77, "the trusted certificates could not be read"),
    PIN_MISMATCH(90, "the server's public key does not match the pin"),
    PROXY_HANDSHAKE(97, "the proxy refused or failed the tunnel");

    private final int exitCode;
    private final String meaning;

    FailureKind(int exitCode, String meaning) {
        this.exitCode = exitCode;
        this.meaning = meaning;
    }

    /** curl's exit code for this class. */
    public int exitCode() {
        return exitCode;
    }

    public String meaning() {
        return meaning;
    }

    /** The class of a handshake the client refused for its verdict on the server's certificate. */
    public static FailureKind of(TrustVerdict.Refusal refusal) {
        return switch (refusal) {
            case UNTRUSTED -> CERTIFICATE_UNTRUSTED;
            case PIN_MISMATCH -> PIN_MISMATCH;
        };
    }
}
