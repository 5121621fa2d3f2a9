package dev.latch.client.exchange;

import dev.latch.client.failure.ClientFailure;
import dev.latch.client.failure.FailureKind;
import dev.latch.core.PeerText;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStreamException;

import java.io.IOException;
import java.nio.file.Path;

/** The failures of an exchange, each as one line for a person, with curl's class. */
final class ExchangeFailures {
    /** The longest status line read (RFC 9112 §2.3 asks for limits; curl's is 100 KiB a line). */
    static final int MAX_LINE = 64 * 1024;
    /** The most a response head may hold: status line and every header field. */
    static final int MAX_HEAD = 100 * 1024;

    private ExchangeFailures() {
    }

    /** The connection ended inside a body: RFC 9112 §8 calls such a message incomplete. */
    static ClientFailure closedInBody(long received, long announced) {
        String message = announced >= 0
                ? "the connection closed after " + received + " of " + announced + " bytes"
                : "the connection closed after " + received + " bytes, before the chunked body's end";
        return new ClientFailure(FailureKind.RECEIVE_ERROR, message, "the server or a middlebox cut the response; try again");
    }

    static ClientFailure closedBeforeAnswer() {
        return new ClientFailure(FailureKind.RECEIVE_ERROR, "the server closed the connection before it answered",
                "see the server's error log: it may have refused or failed on the request");
    }

    /** The response head could not be read: too large, or not HTTP. */
    static ClientFailure badHead(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new ClientFailure(FailureKind.RECEIVE_ERROR, "the response's status line is longer than "
                    + MAX_LINE / 1024 + " KiB", "the server is not answering HTTP; check the URL and port", null, cause);
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return tooLargeHead(cause);
        }
        return new ClientFailure(FailureKind.RECEIVE_ERROR, "the response is not valid HTTP: " + describe(cause),
                "check that the URL's scheme and port match what the server speaks", null, cause);
    }

    /** A status code is three digits, 100 to 599 (RFC 9110 §15); anything else is not an HTTP answer. */
    static int checkedStatus(int code) throws ClientFailure {
        if (code < 100 || code > 599) {
            throw badHead(new IllegalArgumentException("the status code " + code + " is not one of HTTP's (100 to 599)"));
        }
        return code;
    }

    static ClientFailure tooLargeHead(Throwable cause) {
        return new ClientFailure(FailureKind.RECEIVE_ERROR, "the response head is larger than " + MAX_HEAD / 1024
                + " KiB, the most read", "the server sends too many or too large header fields", null, cause);
    }

    /** The server reset the stream (RFC 9113 §6.4). */
    static ClientFailure reset(long code) {
        return new ClientFailure(FailureKind.RECEIVE_ERROR, "the server reset the HTTP/2 stream with " + errorName(code),
                "see the server's error log for why it refused the request");
    }

    /** The server ended the connection (RFC 9113 §6.8) before the stream was done. */
    static ClientFailure goAway(long code) {
        return new ClientFailure(FailureKind.RECEIVE_ERROR, "the server ended the HTTP/2 connection (GOAWAY) with "
                + errorName(code) + " before the response was complete", "try again; if it repeats, see the server's error log");
    }

    static ClientFailure receive(Throwable failure) {
        Throwable cause = failure instanceof Http2FrameStreamException stream ? stream.getCause() : failure;
        if (cause instanceof Http2Exception.HeaderListSizeException) {
            return tooLargeHead(cause);
        }
        return new ClientFailure(FailureKind.RECEIVE_ERROR, "the connection failed while receiving: " + describe(cause),
                "try again; if it repeats, see the server's error log", null, cause);
    }

    static ClientFailure send(Throwable cause) {
        return new ClientFailure(FailureKind.SEND_ERROR, "could not send the request: " + describe(cause),
                "the server closed the connection or refused the request", null, cause);
    }

    /** The method or a header field holds what HTTP does not allow (RFC 9110 §5.5, §9.1). */
    static ClientFailure unsendable(IllegalArgumentException cause) {
        return new ClientFailure(FailureKind.SEND_ERROR, "the request cannot be sent as given: " + cause.getMessage(),
                "check the method and the header fields (-X, -H) for spaces or control characters", null, cause);
    }

    static ClientFailure write(IOException cause) {
        return new ClientFailure(FailureKind.WRITE_ERROR, "could not write the response body: " + describe(cause),
                "check the output's folder, its permissions and the free space", null, cause);
    }

    static ClientFailure read(Path file, IOException cause) {
        return new ClientFailure(FailureKind.READ_ERROR, "could not read the request body from " + file + ": "
                + describe(cause), "check that the file exists, is readable and does not change while it is sent", null, cause);
    }

    /** "NAME (code N)" for an HTTP/2 error code (RFC 9113 §7). */
    static String errorName(long code) {
        Http2Error error = Http2Error.valueOf(code);
        return (error == null ? "an unknown error" : error.name()) + " (code " + code + ")";
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "the connection was closed" : PeerText.shown(message);
    }
}
