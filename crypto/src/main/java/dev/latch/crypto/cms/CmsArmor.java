package dev.latch.crypto.cms;

import dev.latch.core.LatchException;
import dev.latch.core.PeerText;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * CMS messages as files: DER as is, or PEM ({@code -----BEGIN CMS-----}, what {@code openssl cms
 * -outform PEM} writes; {@code PKCS7} is read too), both streamed, so a message of any size passes
 * without being held whole (RFC 7468 §2: base64 in lines of 64).
 */
public final class CmsArmor {
    public static final String LABEL = "CMS";
    private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
    private static final int LINE = 64;

    private CmsArmor() {
    }

    /** A stream that writes {@code out} as DER, or as PEM when {@code pem}; closing it closes {@code out}. */
    public static OutputStream armored(OutputStream out, boolean pem) throws IOException {
        if (!pem) {
            return out;
        }
        return new PemOutput(out);
    }

    /**
     * The DER of a message read from {@code in}, which holds DER or PEM (told apart by the first
     * bytes); {@code source} names the input in errors.
     */
    public static InputStream unarmored(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        buffered.mark(BEGIN.length);
        byte[] start = buffered.readNBytes(BEGIN.length);
        buffered.reset();
        if (!java.util.Arrays.equals(start, BEGIN)) {
            return buffered;
        }
        return Base64.getMimeDecoder().wrap(new PemBody(buffered, source));
    }

    /** The base64 lines between the BEGIN and END lines of one PEM block, checked as they pass. */
    private static final class PemBody extends InputStream {
        private final InputStream in;
        private final String source;
        private byte[] line = new byte[0];
        private int at;
        private boolean ended;

        PemBody(InputStream in, String source) throws IOException {
            this.in = in;
            this.source = source;
            String begin = readLine();
            if (begin == null || !(begin.equals("-----BEGIN CMS-----") || begin.equals("-----BEGIN PKCS7-----"))) {
                throw new LatchException(source + " is PEM but not a CMS message (its first line is '"
                        + PeerText.shown(String.valueOf(begin)) + "')",
                        "give the file that 'latch encrypt' or 'latch sign' (or openssl cms) wrote");
            }
        }

        /** One byte: the base64 decoder asks one at a time, so without a new array or a copy each. */
        @Override
        public int read() throws IOException {
            return nextLine() ? line[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!nextLine()) {
                return -1;
            }
            int n = Math.min(len, line.length - at);
            System.arraycopy(line, at, b, off, n);
            at += n;
            return n;
        }

        /** True when a line's bytes are waiting, reading the next line when the last one is used up. */
        private boolean nextLine() throws IOException {
            while (at == line.length) {
                if (ended) {
                    return false;
                }
                String next = readLine();
                if (next == null) {
                    throw new LatchException(source + " ends before its PEM END line",
                            "the file was cut short: copy it again");
                }
                if (next.startsWith("-----END ")) {
                    ended = true;
                    return false;
                }
                line = (next + "\n").getBytes(StandardCharsets.US_ASCII);
                at = 0;
            }
            return true;
        }

        /** One line without its end, or null at the end of input; lines past 1 KiB are refused. */
        private String readLine() throws IOException {
            StringBuilder text = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    text.append((char) c);
                }
                if (text.length() > 1024) {
                    throw new LatchException(source + " has a PEM line longer than 1 KiB",
                            "this is not a PEM file: give the DER or PEM that 'latch encrypt' or 'latch sign' wrote");
                }
            }
            return c < 0 && text.isEmpty() ? null : text.toString().strip();
        }
    }

    /** Base64 in lines of 64 between the BEGIN and END lines; closing writes the END line, then closes the file. */
    private static final class PemOutput extends FilterOutputStream {
        private final OutputStream file;

        PemOutput(OutputStream file) throws IOException {
            super(Base64.getMimeEncoder(LINE, new byte[] {'\n'}).wrap(new NotClosing(file)));
            this.file = file;
            file.write(("-----BEGIN " + LABEL + "-----\n").getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
                file.write(("\n-----END " + LABEL + "-----\n").getBytes(StandardCharsets.US_ASCII));
            } finally {
                file.close();
            }
        }
    }

    /** Keeps the base64 encoder's close from closing the file before the END line is written. */
    private static final class NotClosing extends FilterOutputStream {
        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
