package dev.latch.client.trace;

/**
 * The steps of an exchange, in the order they happen, and the facts each event carries (keys of
 * {@link TraceEvent#facts()}; values are strings, numbers, booleans, lists and maps, so that
 * {@code --json} writes them as they are).
 */
public enum Step {
    /** A name looked up. Facts: {@code host}, {@code addresses} (list), {@code source} ("dns" or "--resolve"). */
    RESOLVE,
    /** A TCP connection made (or tried). Facts: {@code address}, {@code port}, {@code ok}, {@code error} when not ok. */
    CONNECT,
    /**
     * The proxy's part. Facts: {@code proxy} (URL without credentials), {@code mode} ("tunnel" or "forward"),
     * for a tunnel {@code request} (the CONNECT line), {@code status}, {@code reason}, {@code headers} (list of "Name: value").
     */
    PROXY,
    /** The ClientHello sent. Facts: {@code sni} (or absent), {@code alpn} (list), {@code groups} (list), {@code versions} (list). */
    TLS_HELLO,
    /**
     * The handshake done. Facts: {@code version}, {@code cipher}, {@code group} (absent when the engine does not
     * tell), {@code alpn}, {@code resumed}.
     */
    TLS_DONE,
    /** An intermediate or CRL fetched for validation. Facts: {@code url}, {@code what} ("intermediate" or "crl"), {@code ok}, {@code error}. */
    FETCH,
    /** The server's certificate judged (the verdict itself is in the response or failure). Facts: {@code trusted}, {@code summary}. */
    TRUST,
    /** The request head sent. Facts: {@code line} (e.g. "GET / HTTP/1.1"), {@code headers} (list of "Name: value"). */
    REQUEST,
    /** The response head received. Facts: {@code line} (e.g. "HTTP/1.1 200 OK"), {@code headers} (list of "Name: value"). */
    RESPONSE,
    /** A redirect followed. Facts: {@code status}, {@code from}, {@code to}. */
    REDIRECT,
    /** The body received. Facts: {@code bytes}. */
    BODY,
    /** A failure. Facts: {@code kind}, {@code message}. */
    FAILED
}
