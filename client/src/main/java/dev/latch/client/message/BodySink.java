package dev.latch.client.message;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a response body goes. Asked once, when the head of the response the client returns has
 * arrived, so that the caller may choose by status or headers. When redirects are followed, a
 * redirect's own body is read and dropped without asking (only the last response is the answer).
 */
@FunctionalInterface
public interface BodySink {
    /** @return the stream that receives the body's bytes, or null to read and discard them */
    OutputStream open(ResponseHead head) throws IOException;

    static BodySink discard() {
        return head -> null;
    }
}
