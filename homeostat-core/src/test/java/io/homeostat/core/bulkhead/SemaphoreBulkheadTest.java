package io.homeostat.core.bulkhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SemaphoreBulkheadTest {

    @Test
    void admitsUpToTheLimitThenRejectsUntilASlotIsReleased() {
        Bulkhead bulkhead = Bulkhead.semaphore("db", 2);

        assertThat(bulkhead.tryAcquire()).isTrue();
        assertThat(bulkhead.tryAcquire()).isTrue();
        assertThat(bulkhead.tryAcquire()).isFalse();
        assertThat(bulkhead.inFlight()).isEqualTo(2);

        bulkhead.release(1_000, false);

        assertThat(bulkhead.inFlight()).isEqualTo(1);
        assertThat(bulkhead.tryAcquire()).isTrue();
    }

    @Test
    void limitStaysFixedWhateverCallsReport() {
        Bulkhead bulkhead = Bulkhead.semaphore("db", 3);
        bulkhead.tryAcquire();
        bulkhead.release(Long.MAX_VALUE, true);

        assertThat(bulkhead.limit()).isEqualTo(3);
    }

    @Test
    void defaultsToTwentyFiveConcurrentCalls() {
        Bulkhead bulkhead = Bulkhead.semaphore("db");

        assertThat(bulkhead.limit()).isEqualTo(25);
        assertThat(bulkhead.name()).isEqualTo("db");
    }

    @Test
    void releaseWithoutAcquireIsRefused() {
        Bulkhead bulkhead = Bulkhead.semaphore("db", 1);

        assertThatThrownBy(() -> bulkhead.release(0, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'db'");
        assertThat(bulkhead.inFlight()).isZero();
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> Bulkhead.semaphore("db", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrent must be at least 1, was 0");
        assertThatThrownBy(() -> Bulkhead.semaphore(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void neverMoreThanTheLimitInFlightUnderSixteenRacingThreads() throws Exception {
        Bulkhead bulkhead = Bulkhead.semaphore("db", 4);
        BulkheadRace race = new BulkheadRace();

        race.run(bulkhead, 16, 20_000);

        assertThat(race.maxInside.get()).isBetween(1, 4);
        assertThat(race.admitted.sum() + race.rejected.sum()).isEqualTo(16 * 20_000L);
        assertThat(bulkhead.inFlight()).isZero();
    }
}
