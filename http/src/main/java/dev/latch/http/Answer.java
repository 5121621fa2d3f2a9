package dev.latch.http;

/**
 * What travels out through a pipeline once a request is answered: the request (as routed, so its
 * {@link Request#host()} names the site that answered, if any) and the response. Outbound
 * handlers (default headers, the access log) see it before the writer turns it into HTTP.
 */
public record Answer(Request request, Response response) {
}
