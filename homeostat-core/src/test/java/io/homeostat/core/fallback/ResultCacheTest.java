package io.homeostat.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ResultCacheTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void returnsTheLastValueStoredWithItsTime() {
        ResultCache<String> cache = ResultCache.inMemory(4);
        cache.put("k", "old", T0);
        cache.put("k", "new", T0.plusSeconds(5));

        assertThat(cache.get("k")).contains(new ResultCache.Cached<>("new", T0.plusSeconds(5)));
        assertThat(cache.get("other")).isEmpty();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void evictsTheEntryWrittenLeastRecentlyReadsDoNotRefresh() {
        ResultCache<String> cache = ResultCache.inMemory(2);
        cache.put("a", "1", T0);
        cache.put("b", "2", T0);
        cache.get("a");
        cache.put("a", "1'", T0);
        cache.get("b");
        cache.put("c", "3", T0);

        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("c")).isPresent();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> ResultCache.inMemory(0)).isInstanceOf(IllegalArgumentException.class);
        ResultCache<String> cache = ResultCache.inMemory(1);
        assertThatThrownBy(() -> cache.put("k", null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.put("k", "v", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.get(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void staysBoundedAndConsistentUnderConcurrentWrites() throws Exception {
        int threads = 8;
        int max = 50;
        ResultCache<String> cache = ResultCache.inMemory(max);
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    int maxSeen = 0;
                    for (int i = 0; i < 5_000; i++) {
                        String key = "k" + ((thread * 31 + i) % 200);
                        cache.put(key, key, T0);
                        cache.get(key).ifPresent(hit -> {
                            if (!hit.value().equals(key)) {
                                throw new AssertionError("key " + key + " holds " + hit.value());
                            }
                        });
                        maxSeen = Math.max(maxSeen, cache.size());
                    }
                    return maxSeen;
                }));
            }
            for (Future<Integer> future : done) {
                assertThat(future.get()).isLessThanOrEqualTo(max);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isEqualTo(max);
    }
}
