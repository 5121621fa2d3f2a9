package dev.latch.client.message;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a response body goes. Asked once per response, when its head has arrived (and so once per
 * hop when redirects are followed), so that the caller may choose by status or headers.
 */
@FunctionalInterface
public interface BodySink {
    /** @return the stream that receives the body's bytes, or null to read and discard them */
    OutputStream open(ResponseHead head) throws IOException;

    static BodySink discard() {
        return head -> null;
    }
}
