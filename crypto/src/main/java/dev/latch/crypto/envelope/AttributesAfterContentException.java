package dev.latch.crypto.envelope;

import dev.latch.core.LatchException;

/**
 * A message given with its length has authenticated attributes (RFC 5083 §2.1), which come after
 * the content, and the JDK's AES-GCM had already decrypted content when they arrived: it takes
 * associated data only first. Decrypting the message again with its length unknown (-1) checks
 * them with BouncyCastle's GCM; what was written so far must be thrown away.
 */
public final class AttributesAfterContentException extends LatchException {
    AttributesAfterContentException(String source) {
        super(source + " has authenticated attributes after its content, which the JDK's AES-GCM cannot check",
                "nothing was written; decrypt it again with its length unknown (-1) to check them with BouncyCastle's GCM");
    }
}
