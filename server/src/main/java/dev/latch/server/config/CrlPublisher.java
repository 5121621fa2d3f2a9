package dev.latch.server.config;

import dev.latch.pki.ca.LocalCa;
import dev.latch.http.Handler;
import dev.latch.http.Request;
import dev.latch.http.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Serves the local CA's CRL (DER, RFC 5280 §5) on the plain-HTTP port. A new CRL is signed at
 * most once an hour (each has a new CRL number), well inside its 7-day nextUpdate.
 */
final class CrlPublisher implements Handler {
    private static final Duration REFRESH = Duration.ofHours(1);
    private final LocalCa ca;
    private byte[] der;
    private Instant signedAt = Instant.EPOCH;

    CrlPublisher(LocalCa ca) {
        this.ca = ca;
    }

    @Override
    public Response handle(Request request) throws IOException {
        if (!request.method().equals("GET") && !request.isHead()) {
            return Response.text(405, "use GET\n").header("allow", "GET, HEAD");
        }
        Response response = Response.status(200).header("content-type", "application/pkix-crl")
                .header("cache-control", "max-age=3600").body(current());
        return request.isHead() ? response.withoutBody() : response;
    }

    private synchronized byte[] current() throws IOException {
        Instant now = Instant.now();
        if (der == null || now.isAfter(signedAt.plus(REFRESH))) {
            der = ca.crl(false).getEncoded();
            signedAt = now;
        }
        return der;
    }
}
