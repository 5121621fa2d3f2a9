package dev.latch.trust;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedCacheTest {
    @Test
    void aFullCacheForgetsTheLeastRecentlyUsedEntryOnly() {
        BoundedCache<String, Integer> cache = new BoundedCache<>(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        assertThat(cache.get("a")).isEqualTo(1); // a is now the most recently used
        cache.put("d", 4);
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(cache.get("c")).isEqualTo(3);
        assertThat(cache.get("d")).isEqualTo(4);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void anEntryUsedOnEveryCallSurvivesAnyNumberOfOthers() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(1_000);
        cache.put(-1, "intermediate");
        for (int i = 0; i < 50_000; i++) {
            assertThat(cache.get(-1)).isEqualTo("intermediate");
            cache.put(i, "leaf " + i);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(1_000);
        assertThat(cache.size()).isGreaterThan(900); // forgets one at a time, never everything at once
    }

    @Test
    void manyThreadsNeverPushItPastItsCapacity() throws Exception {
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(500);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        int key = thread * 1_000_000 + i;
                        cache.put(key, i);
                        Integer back = cache.get(key - 1);
                        assertThat(back == null || back == i - 1).isTrue();
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isLessThanOrEqualTo(500);
    }

    @Test
    void aCacheOfNothingIsRefused() {
        assertThatThrownBy(() -> new BoundedCache<String, String>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
