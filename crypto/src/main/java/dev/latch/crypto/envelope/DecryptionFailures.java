package dev.latch.crypto.envelope;

import dev.latch.core.LatchException;
import dev.latch.core.PeerText;
import dev.latch.crypto.symmetric.ContentCipher;

import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import java.io.EOFException;
import java.util.Locale;

/**
 * A failure while reading a message, in words: cut short, changed, or not CMS at all. BouncyCastle
 * says these with many exception types and messages; this is the one place that tells them apart.
 */
final class DecryptionFailures {
    private DecryptionFailures() {
    }

    /** The header (content type, recipients, algorithms) could not be read. */
    static LatchException header(String source, Throwable e) {
        if (e instanceof LatchException latch) {
            return latch;
        }
        if (truncated(e)) {
            return cutShort(source, e);
        }
        return new LatchException(source + " is not a readable CMS encrypted message (" + detail(e) + ")",
                "give the file that 'latch encrypt' or 'openssl cms -encrypt' wrote", e);
    }

    /** The content failed while streaming: its tag, its padding, or its end. */
    static LatchException content(String source, ContentCipher cipher, Throwable e) {
        if (e instanceof LatchException latch) {
            return latch;
        }
        if (tagFailed(e)) {
            return new LatchException(source + " was changed after it was encrypted: its authentication tag does not match",
                    "nothing was written; get an intact copy of the message", e);
        }
        if (truncated(e)) {
            return cutShort(source, e);
        }
        if (has(e, BadPaddingException.class) && !cipher.authenticated()) {
            return new LatchException(source + " does not decrypt: its last block's padding is wrong (changed or cut short)",
                    "nothing was written; get an intact copy of the message", e);
        }
        return new LatchException(source + " is damaged: " + detail(e),
                "nothing was written; get an intact copy of the message", e);
    }

    private static LatchException cutShort(String source, Throwable e) {
        return new LatchException(source + " ends before the message does (cut short)",
                "nothing was written; copy the whole file again", e);
    }

    private static boolean tagFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof AEADBadTagException || t.getClass().getSimpleName().equals("InvalidCipherTextIOException")
                    || t.getClass().getSimpleName().equals("InvalidCipherTextException")
                    || message.contains("mac check") || message.contains("tag mismatch")) {
                return true;
            }
        }
        return false;
    }

    private static boolean truncated(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof EOFException || message.contains("eof") || message.contains("end of")
                    || message.contains("truncated") || message.contains("unexpected end")) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The innermost message, on one line; BouncyCastle's parsers name their Java classes ("unknown
     * object in getInstance: org.bouncycastle…"), which say nothing to a person: those are just malformed.
     */
    private static String detail(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage() == null ? e.getMessage() : innermost.getMessage();
        if (message == null || message.contains("org.") || message.contains("java.")) {
            return "malformed ASN.1";
        }
        return PeerText.shown(message.replaceAll("\\s+", " ").strip());
    }
}
