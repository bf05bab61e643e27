package io.homeostat.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentReportsTest {

    @Test
    void reportsFromManyThreadsAreEachCountedOnceAndDeduplicatedIntoOneAlertPerLabelSet() throws Exception {
        ManualClock clock = ManualClock.create();
        RecordingChannel ops = new RecordingChannel("ops");
        Alerting alerting = Alerting.builder(clock.scheduler()).receiver(Receiver.of("ops", ops))
                .route(Route.to("ops").build()).build();
        int threads = 8;
        int perThread = 2_000;
        int services = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String service = "svc-" + ((i + thread) % services);
                        alerting.fire(Alert.of(service, Severity.HIGH, "errors", "", "x", clock.instant()));
                        if (i % 100 == 0) {
                            alerting.alerts();
                            alerting.upstreamCause(service);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofSeconds(30));

        AlertingStats stats = alerting.stats();
        assertThat(stats.reports()).isEqualTo((long) threads * perThread);
        assertThat(stats.deduplicated()).isEqualTo((long) threads * perThread - services);
        assertThat(alerting.alerts()).hasSize(services);
        assertThat(alerting.alerts().stream().mapToLong(AlertView::count).sum()).isEqualTo((long) threads * perThread);
        assertThat(ops.count()).isEqualTo(services); // one group per service, each notified once
    }
}
