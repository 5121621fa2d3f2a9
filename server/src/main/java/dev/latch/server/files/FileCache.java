package dev.latch.server.files;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request paths recently resolved to files, so that a hot file costs one stat per request rather
 * than a path walk, an open and a read. A resolution is trusted for {@link #RESOLUTION_TTL_NANOS}
 * (a symlink changed inside the root is seen within a second; nothing outside the root is ever
 * cached); the content is checked on every request ({@link FileSnapshot#stillCurrent}).
 */
final class FileCache {
    static final long RESOLUTION_TTL_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 4096;
    private static final long MAX_BYTES = 32L * 1024 * 1024;

    private record Entry(FileSnapshot file, long resolvedAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /** The file for this request path, if resolved lately and unchanged on disk; else null. */
    FileSnapshot get(String requestPath) {
        Entry entry = entries.get(requestPath);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.resolvedAt() > RESOLUTION_TTL_NANOS || !entry.file().stillCurrent()) {
            if (entries.remove(requestPath, entry) && entry.file().bytes() != null) {
                bytes.addAndGet(-entry.file().bytes().length);
            }
            return null;
        }
        return entry.file();
    }

    void put(String requestPath, FileSnapshot file) {
        long size = file.bytes() == null ? 0 : file.bytes().length;
        if (entries.size() >= MAX_ENTRIES || bytes.get() + size > MAX_BYTES) {
            entries.clear(); // simple and bounded: a busy site refills what it uses within a second
            bytes.set(0);
        }
        Entry before = entries.put(requestPath, new Entry(file, System.nanoTime()));
        bytes.addAndGet(size - (before == null || before.file().bytes() == null ? 0 : before.file().bytes().length));
    }
}
