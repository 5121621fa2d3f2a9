package dev.latch.trust;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cache of at most a fixed number of entries that forgets the least recently used one when a
 * new one comes (one at a time: it never empties all at once, so what a busy server uses on every
 * call, its intermediates, stays). Safe for many threads: the entries are spread by hash over
 * segments, each an access-ordered map under its own lock, so threads seldom wait for each other;
 * recency is per segment.
 */
final class BoundedCache<K, V> {
    private static final int MAX_SEGMENTS = 16;
    /** A segment holds at least this many entries: a small cache is one segment, exactly least-recently-used. */
    private static final int MIN_SEGMENT = 64;

    private final Segment<K, V>[] segments;

    @SuppressWarnings("unchecked")
    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry, not " + capacity);
        }
        int count = Math.max(1, Math.min(MAX_SEGMENTS, capacity / MIN_SEGMENT));
        segments = new Segment[count];
        for (int i = 0; i < count; i++) {
            // the first segments take the remainder, so the capacities add up to exactly capacity
            segments[i] = new Segment<>(capacity / count + (i < capacity % count ? 1 : 0));
        }
    }

    /** The value for {@code key}, now the most recently used of its segment; null when absent. */
    V get(K key) {
        Segment<K, V> segment = segmentOf(key);
        synchronized (segment) {
            return segment.get(key);
        }
    }

    void put(K key, V value) {
        Segment<K, V> segment = segmentOf(key);
        synchronized (segment) {
            segment.put(key, value);
        }
    }

    int size() {
        int size = 0;
        for (Segment<K, V> segment : segments) {
            synchronized (segment) {
                size += segment.size();
            }
        }
        return size;
    }

    private Segment<K, V> segmentOf(K key) {
        int hash = key.hashCode();
        hash ^= hash >>> 16;
        return segments[(hash & Integer.MAX_VALUE) % segments.length];
    }

    private static final class Segment<K, V> extends LinkedHashMap<K, V> {
        private final int capacity;

        Segment(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
        }
    }
}
