package dev.latch.server.files;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request paths recently resolved to files, so that the event loop answers a hot file from memory
 * without a single system call. An entry is trusted for {@link #TRUST_NANOS} after it was checked
 * on disk; after that the request is resolved again off the loop (real path and one stat), and a
 * file found unchanged keeps its bytes. So a change on disk — content, or a symlink inside the
 * root — is seen within a second, and a hot file costs one check a second rather than one a
 * request. Nothing outside the root is ever cached.
 */
final class FileCache {
    static final long TRUST_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 4096;
    private static final long MAX_BYTES = 32L * 1024 * 1024;

    private record Entry(FileSnapshot file, long checkedAt) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /** From memory only (the event loop asks): the file for this request path if checked lately, else null. */
    FileSnapshot fresh(String requestPath) {
        Entry entry = entries.get(requestPath);
        return entry != null && System.nanoTime() - entry.checkedAt() <= TRUST_NANOS ? entry.file() : null;
    }

    /** Removes and returns what this request path was last resolved to, however long ago (null if nothing). */
    FileSnapshot take(String requestPath) {
        Entry[] taken = new Entry[1];
        entries.computeIfPresent(requestPath, (path, entry) -> {
            bytes.addAndGet(-memory(entry.file()));
            taken[0] = entry;
            return null;
        });
        return taken[0] == null ? null : taken[0].file();
    }

    /** Remembers {@code file} as checked on disk just now. */
    void put(String requestPath, FileSnapshot file) {
        if (entries.size() >= MAX_ENTRIES || bytes.get() + memory(file) > MAX_BYTES) {
            // simple and bounded: a busy site refills what it uses within a second
            entries.keySet().forEach(this::take);
        }
        entries.compute(requestPath, (path, before) -> {
            bytes.addAndGet(memory(file) - (before == null ? 0 : memory(before.file())));
            return new Entry(file, System.nanoTime());
        });
    }

    private static long memory(FileSnapshot file) {
        return file.bytes() == null ? 0 : file.bytes().length;
    }
}
