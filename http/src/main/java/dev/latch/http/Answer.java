package dev.latch.http;

/**
 * What travels out through a pipeline once a request is answered: the request (as routed, so its
 * {@link Request#host()} names the site that answered, if any) and the response. Outbound
 * handlers (default headers, the access log) see it before the writer turns it into HTTP.
 */
public record Answer(Request request, Response response) {
    /**
     * The response as it goes on the wire: an answer to HEAD never carries a body, whoever made it
     * (an error page, a redirect, a file), but keeps the Content-Length a GET would get (RFC 9110 §9.3.2).
     */
    public Response toSend() {
        return request.isHead() ? response.withoutBody() : response;
    }
}
