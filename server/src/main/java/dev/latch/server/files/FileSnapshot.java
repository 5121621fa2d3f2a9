package dev.latch.server.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A regular file as served: its identity (size, modification time, inode), validators and type,
 * and for small files the bytes themselves. {@link #stillCurrent} tells with one stat whether
 * the file on disk is still this one.
 */
record FileSnapshot(Path path, long size, Instant modified, Object fileKey, String etag, String lastModified,
                    String type, byte[] bytes) {
    /** Files up to this size are held in memory; larger ones are streamed from disk in chunks. */
    static final long IN_MEMORY_LIMIT = 64 * 1024;

    static FileSnapshot of(Path real) throws IOException {
        return of(real, Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    /** With the attributes the caller has just read for {@code real}. */
    static FileSnapshot of(Path real, BasicFileAttributes attributes) throws IOException {
        Instant modified = attributes.lastModifiedTime().toInstant();
        long size = attributes.size();
        byte[] bytes = null;
        if (size <= IN_MEMORY_LIMIT) {
            bytes = Files.readAllBytes(real);
            size = bytes.length; // what was read is what is served, even if the file grew meanwhile
        }
        return new FileSnapshot(real, size, modified, attributes.fileKey(),
                "\"" + Long.toHexString(modified.toEpochMilli()) + "-" + Long.toHexString(size) + "\"",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(modified, ZoneOffset.UTC)),
                MimeTypes.forFileName(real.getFileName().toString()), bytes);
    }

    /** Whether the file at {@link #path} is still the one snapshotted (one stat, no symlink followed). */
    boolean stillCurrent() {
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return now.isRegularFile() && now.lastModifiedTime().toInstant().equals(modified)
                    && (bytes == null ? now.size() == size : now.size() == bytes.length)
                    && Objects.equals(now.fileKey(), fileKey);
        } catch (IOException e) {
            return false;
        }
    }
}
