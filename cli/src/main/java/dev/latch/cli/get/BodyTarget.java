package dev.latch.cli.get;

import dev.latch.cli.support.ProgressBar;
import dev.latch.client.message.BodySink;
import dev.latch.client.message.ResponseHead;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * Where each response's body goes: standard output or the {@code -o} file, after the head with
 * {@code -i}/{@code -I}. Nothing of a response is written when {@code --fail} meets a status of 400
 * or more, nor of a redirect that {@code -L} follows (as curl).
 */
final class BodyTarget implements BodySink {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final OutputStream stdout;
    private final DownloadFile file;
    private final boolean includeHead;
    private final boolean fail;
    private final boolean following;
    private final ProgressBar progress;
    private boolean failedStatus;

    /**
     * @param file      the -o file, or null for standard output
     * @param progress  the bar to feed, or null for none
     */
    BodyTarget(OutputStream stdout, DownloadFile file, boolean includeHead, boolean fail, boolean following, ProgressBar progress) {
        this.stdout = stdout;
        this.file = file;
        this.includeHead = includeHead;
        this.fail = fail;
        this.following = following;
        this.progress = progress;
    }

    @Override
    public OutputStream open(ResponseHead head) throws IOException {
        failedStatus = fail && head.status() >= 400;
        if (failedStatus) {
            if (file != null) {
                file.abort();
            }
            return null;
        }
        OutputStream out = file != null ? file.open() : stdout;
        if (includeHead) {
            out.write(StatusLine.head(head));
        }
        if (following && isRedirect(head)) {
            out.flush();
            return null;
        }
        if (progress != null) {
            progress.expect(contentLength(head));
        }
        return new Counted(out, progress);
    }

    /** A redirect -L would follow: 301, 302, 303, 307 or 308 with a Location (RFC 9110 §15.4). */
    static boolean isRedirect(ResponseHead head) {
        return REDIRECTS.contains(head.status()) && head.header("Location") != null;
    }

    /** Whether --fail refused the last response (nothing of it was written). */
    boolean failedStatus() {
        return failedStatus;
    }

    private static long contentLength(ResponseHead head) {
        String value = head.header("Content-Length");
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body stream: counts bytes for the bar; closing it flushes standard output but never closes it. */
    private static final class Counted extends FilterOutputStream {
        private final ProgressBar progress;

        Counted(OutputStream out, ProgressBar progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            if (progress != null) {
                progress.add(length);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (progress != null) {
                progress.add(1);
            }
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
