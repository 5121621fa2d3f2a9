package dev.latch.server.files;

import dev.latch.http.DefaultHeaders;
import dev.latch.http.wire.DateHeader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A regular file as served: its identity (size, modification time, inode), validators and type,
 * the headers every answer with it carries (type, validators, accept-ranges; {@code validators}
 * alone for a 304), and for small files the bytes themselves. Made off the event loop: it reads the file.
 */
record FileSnapshot(Path path, long size, Instant modified, Object fileKey, String etag, String lastModified,
                    byte[] bytes, List<Map.Entry<CharSequence, CharSequence>> validators,
                    List<Map.Entry<CharSequence, CharSequence>> headers) {
    /** Files up to this size are held in memory; larger ones are streamed from disk in chunks. */
    static final long IN_MEMORY_LIMIT = 64 * 1024;

    /**
     * The file {@code real} as {@code attributes} (just read) describe it: {@code previous} itself
     * when it is still that file, so that unchanged bytes are not read again.
     */
    static FileSnapshot of(Path real, BasicFileAttributes attributes, FileSnapshot previous) throws IOException {
        return previous != null && previous.describes(real, attributes) ? previous : of(real, attributes);
    }

    /** With the attributes the caller has just read for {@code real}. */
    private static FileSnapshot of(Path real, BasicFileAttributes attributes) throws IOException {
        Instant modified = attributes.lastModifiedTime().toInstant();
        long size = attributes.size();
        byte[] bytes = null;
        if (size <= IN_MEMORY_LIMIT) {
            bytes = Files.readAllBytes(real);
            size = bytes.length; // what was read is what is served, even if the file grew meanwhile
        }
        String etag = "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(size) + "\"";
        String lastModified = DateHeader.format(modified);
        String type = MimeTypes.forFileName(real.getFileName().toString());
        // checked and encoded once per version of the file, not per answer
        List<Map.Entry<CharSequence, CharSequence>> validators = List.of(DefaultHeaders.header("etag", etag),
                DefaultHeaders.header("last-modified", lastModified));
        List<Map.Entry<CharSequence, CharSequence>> headers = List.of(DefaultHeaders.header("content-type", type),
                validators.get(0), validators.get(1), DefaultHeaders.header("accept-ranges", "bytes"));
        return new FileSnapshot(real, size, modified, attributes.fileKey(), etag, lastModified, bytes, validators,
                headers);
    }

    /** Whether this snapshot is of the file at {@code real} as it is now (same size, time and inode). */
    private boolean describes(Path real, BasicFileAttributes now) {
        return path.equals(real) && now.isRegularFile() && now.size() == size
                && now.lastModifiedTime().toInstant().equals(modified) && Objects.equals(now.fileKey(), fileKey);
    }
}
