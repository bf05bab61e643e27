package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.baseline.Baseline;
import io.homeostat.engine.detect.baseline.BaselineWindow;
import io.homeostat.engine.port.BaselineStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BaselineStore} must do. Subclasses supply {@link #newStore()}, called before
 * each test, which must return an empty store (or one whose service names cannot clash with the
 * ones used here, all prefixed with a random run id). Times have millisecond precision; statistics
 * are doubles and must come back exactly.
 */
public abstract class BaselineStoreContract {

    /** Base time of the tests, millisecond precision. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final String run = "run" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8) + ":";
    private BaselineStore store;

    /** A new, empty store. */
    protected abstract BaselineStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    /** A baseline of {@code (run + service, metric)} calculated {@code minutes} after T0. */
    protected Baseline baseline(String service, String metric, BaselineWindow window, int minutes, double mean) {
        Instant at = T0.plusSeconds(60L * minutes);
        return new Baseline(new SeriesKey(run + service, metric), window, 1234, mean, 0.1234567890123, mean * 0.9,
                mean * 1.5, mean * 1.9, mean * 0.5, mean * 2.25, at, at.plus(window.bucket()));
    }

    @Test
    void aSavedBaselineIsReadBackEqual() {
        Baseline saved = baseline("db", "latency.p95", BaselineWindow.HOUR, 0, 12.345678901234);

        store.save(saved);

        assertThat(store.find(saved.series(), BaselineWindow.HOUR)).contains(saved);
        assertThat(store.find(saved.series(), BaselineWindow.DAY)).isEmpty();
        assertThat(store.find(new SeriesKey(run + "db", "other"), BaselineWindow.HOUR)).isEmpty();
    }

    @Test
    void aSaveReplacesTheBaselineOfTheSameSeriesAndWindowOnly() {
        Baseline hour = baseline("db", "m", BaselineWindow.HOUR, 0, 1);
        Baseline day = baseline("db", "m", BaselineWindow.DAY, 0, 2);
        Baseline laterHour = baseline("db", "m", BaselineWindow.HOUR, 15, 3);

        store.save(hour);
        store.save(day);
        store.save(laterHour);

        assertThat(store.find(hour.series(), BaselineWindow.HOUR)).contains(laterHour);
        assertThat(store.find(hour.series(), BaselineWindow.DAY)).contains(day);
    }

    @Test
    void anOlderBaselineNeverOverwritesANewerOne() {
        Baseline newer = baseline("db", "m", BaselineWindow.WEEK, 60, 5);
        Baseline older = baseline("db", "m", BaselineWindow.WEEK, 30, 4);

        store.save(newer);
        store.save(older);

        assertThat(store.find(newer.series(), BaselineWindow.WEEK)).contains(newer);
    }

    @Test
    void listsAServicesBaselinesByMetricThenWindow() {
        store.save(baseline("api", "z.metric", BaselineWindow.HOUR, 0, 1));
        store.save(baseline("api", "a.metric", BaselineWindow.WEEK, 0, 1));
        store.save(baseline("api", "a.metric", BaselineWindow.HOUR, 0, 1));
        store.save(baseline("api2", "a.metric", BaselineWindow.HOUR, 0, 1));

        List<Baseline> found = store.forService(run + "api");

        assertThat(found).extracting(b -> b.series().metric() + "/" + b.window())
                .containsExactly("a.metric/HOUR", "a.metric/WEEK", "z.metric/HOUR");
        assertThat(store.forService(run + "nobody")).isEmpty();
    }

    @Test
    void deletesWhatExpiredBeforeTheCutoff() {
        Baseline early = baseline("db", "m", BaselineWindow.HOUR, 0, 1); // valid until T0 + 15 min
        Baseline late = baseline("db", "n", BaselineWindow.HOUR, 60, 1); // valid until T0 + 75 min

        store.save(early);
        store.save(late);
        int deleted = store.deleteExpiredBefore(T0.plus(Duration.ofMinutes(30)));

        assertThat(deleted).isEqualTo(1);
        assertThat(store.find(early.series(), BaselineWindow.HOUR)).isEmpty();
        assertThat(store.find(late.series(), BaselineWindow.HOUR)).contains(late);
        assertThat(store.deleteExpiredBefore(T0.plus(Duration.ofMinutes(30)))).isZero();
    }

    @Test
    void concurrentSavesAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        store.save(baseline("svc" + thread, "m" + i, BaselineWindow.DAY, i, i + 1));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (int t = 0; t < 4; t++) {
            assertThat(store.forService(run + "svc" + t)).hasSize(50);
        }
    }
}
