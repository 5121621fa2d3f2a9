package dev.latch.cli.get;

import dev.latch.client.ClientResponse;
import dev.latch.client.connect.ConnectionFacts;
import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.client.trace.Trace;
import dev.latch.client.trust.TrustVerdict;

import java.net.URI;
import java.nio.file.Path;

/**
 * How one {@code latch get} ended: the response or the failure (exactly one of them), the exit code
 * it means, and where the body went.
 *
 * @param url        the URL asked for; null when it was not a URL
 * @param failedHttp whether --fail refused the response's status (exit 22)
 * @param output     the -o file written, or null (standard output, or nothing written)
 */
record Outcome(URI url, ClientResponse response, ClientFailure failure, boolean failedHttp, Path output) {
    static Outcome of(URI url, ClientResponse response, boolean failedHttp, Path output) {
        return new Outcome(url, response, null, failedHttp, failedHttp ? null : output);
    }

    static Outcome of(URI url, ClientFailure failure) {
        return new Outcome(url, null, failure, false, null);
    }

    int exitCode() {
        if (failure != null) {
            return failure.kind().exitCode();
        }
        return failedHttp ? FailureKind.HTTP_ERROR.exitCode() : 0;
    }

    /** The verdict on the (last) server's certificate, from the response or the failure; null when none was made. */
    TrustVerdict verdict() {
        if (response != null) {
            ConnectionFacts connection = response.connection();
            return connection == null ? null : connection.trust();
        }
        return failure.trust();
    }

    Trace trace() {
        return response != null ? response.trace() : failure.trace();
    }

    /** The URL of the last response: after redirects, the last one asked. */
    URI effectiveUrl() {
        return response != null && response.url() != null ? response.url() : url;
    }
}
