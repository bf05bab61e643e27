package io.homeostat.engine.learn.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.retry.Backoff;
import io.homeostat.core.retry.DelayAdvisor;
import io.homeostat.core.retry.Jitter;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.retry.RetryBudget;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.time.ManualClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecoveryDelayLearnerTest {

    private static final long SECOND = 1_000_000_000L;

    private final ManualClock clock = ManualClock.create();
    private final SplittableRandom random = new SplittableRandom(11);
    private final RecoveryDelayLearner learner = RecoveryDelayLearner.create(RecoveryDelayConfig.ofDefaults());

    /** One outage of {@code dependency}: a few failures over {@code recovery}, then a few successes, then quiet. */
    private void outage(String dependency, Duration recovery) {
        learner.success(dependency, clock.instant());
        clock.advance(Duration.ofSeconds(30));
        long steps = 4;
        for (int i = 0; i < steps; i++) {
            learner.failure(dependency, clock.instant());
            clock.advance(recovery.dividedBy(steps));
        }
        for (int i = 0; i < 3; i++) {
            learner.success(dependency, clock.instant());
            clock.advance(Duration.ofMillis(200));
        }
        clock.advance(Duration.ofMinutes(5));
    }

    private Duration around(Duration typical) {
        return Duration.ofNanos((long) (typical.toNanos() * (0.9 + 0.2 * random.nextDouble())));
    }

    @Test
    void beforeAnyRecoveryTheAdvisorGivesNoAdviceAndTheBackoffIsUsed() {
        DelayAdvisor advisor = learner.advisor("db:primary");
        Retry retry = Retry.builder().jitter(Jitter.NONE).budget(RetryBudget.unlimited())
                .backoff(Backoff.fixed(Duration.ofSeconds(1))).delayAdvisor(advisor).build();

        assertThat(advisor.adviseNanos(1, SECOND)).isNegative();
        assertThat(retry.delayNanos(1, clock.monotonicNanos())).isEqualTo(SECOND);
        assertThat(learner.recoveryTime("db:primary")).isEmpty();
    }

    @Test
    void delayConvergesToTheTypicalRecoveryTimeAndFollowsAChange() {
        outage("db:primary", around(Duration.ofSeconds(2)));
        double firstError = Math.abs(learner.recoveryTime("db:primary").orElseThrow().toMillis() - 2_000);
        for (int i = 0; i < 40; i++) {
            outage("db:primary", around(Duration.ofSeconds(2)));
        }

        long learned = learner.advisor("db:primary").adviseNanos(1, SECOND);
        assertThat(learned).isBetween((long) (1.9 * SECOND), (long) (2.1 * SECOND));
        assertThat(learner.recoveries("db:primary")).isEqualTo(41);

        for (int i = 0; i < 20; i++) {
            outage("db:primary", around(Duration.ofSeconds(6)));
        }

        assertThat(learner.advisor("db:primary").adviseNanos(1, SECOND)).isBetween((long) (5.7 * SECOND), (long) (6.3 * SECOND));
        assertThat(firstError).isLessThan(200);
    }

    @Test
    void adviceStaysWithinTheBoundsForHugeAndTinyRecoveryTimes() {
        RecoveryDelayLearner bounded = RecoveryDelayLearner.create(
                RecoveryDelayConfig.ofDefaults().withBounds(Duration.ofMillis(100), Duration.ofSeconds(10)));
        for (int i = 0; i < 5; i++) {
            bounded.failure("slow", clock.instant());
            bounded.failure("fast", clock.instant());
            clock.advance(Duration.ofMillis(1));
            bounded.success("fast", clock.instant());
            clock.advance(Duration.ofHours(2));
            bounded.success("slow", clock.instant());
        }

        assertThat(bounded.recoveryTime("slow")).contains(Duration.ofSeconds(10));
        assertThat(bounded.recoveryTime("fast")).contains(Duration.ofMillis(100));
        for (int attempt = 1; attempt <= 100; attempt++) {
            assertThat(bounded.advisor("slow").adviseNanos(attempt, SECOND)).isEqualTo(10 * SECOND);
            assertThat(bounded.advisor("fast").adviseNanos(attempt, SECOND)).isBetween(SECOND / 10, 10 * SECOND);
        }
    }

    @Test
    void furtherRetriesOfOneCallWaitLongerUpToTheCeiling() {
        outage("api", Duration.ofSeconds(2));
        DelayAdvisor advisor = learner.advisor("api");

        assertThat(advisor.adviseNanos(1, 1)).isEqualTo(2 * SECOND);
        assertThat(advisor.adviseNanos(2, 1)).isEqualTo(4 * SECOND);
        assertThat(advisor.adviseNanos(3, 1)).isEqualTo(8 * SECOND);
        assertThat(advisor.adviseNanos(5, 1)).isEqualTo(30 * SECOND);
        assertThat(advisor.adviseNanos(Integer.MAX_VALUE, 1)).isEqualTo(30 * SECOND);
    }

    @Test
    void theKernelsRetryWaitsTheLearnedTime() {
        Retry retry = Retry.builder().maxAttempts(4).jitter(Jitter.NONE).budget(RetryBudget.unlimited())
                .delayAdvisor(learner.advisor("llm:openai")).build();
        outage("llm:openai", Duration.ofMillis(1_500));

        assertThat(retry.delayNanos(1, clock.monotonicNanos())).isEqualTo(1_500_000_000L);
        assertThat(retry.delayNanos(2, clock.monotonicNanos())).isEqualTo(3_000_000_000L);
    }

    @Test
    void learnsFromOperationOutcomesIgnoringRejectionsAndOtherDependencies() {
        learner.observe(outcome("db", OperationOutcome.Status.SUCCESS));
        clock.advance(Duration.ofSeconds(10));
        learner.observe(outcome("db", OperationOutcome.Status.TIMEOUT));
        clock.advance(Duration.ofSeconds(1));
        learner.observe(outcome("db", OperationOutcome.Status.REJECTED));
        learner.observe(outcome("cache", OperationOutcome.Status.SUCCESS));
        clock.advance(Duration.ofSeconds(1));
        learner.observe(outcome("db", OperationOutcome.Status.FALLBACK));
        clock.advance(Duration.ofSeconds(1));
        learner.observe(outcome("db", OperationOutcome.Status.SUCCESS));
        clock.advance(Duration.ofSeconds(60));
        learner.observe(outcome("db", OperationOutcome.Status.SUCCESS));

        assertThat(learner.recoveryTime("db")).contains(Duration.ofSeconds(3));
        assertThat(learner.recoveries("db")).isEqualTo(1);
        assertThat(learner.recoveryTime("cache")).isEmpty();
    }

    @Test
    void adviceAllocatesNothing() {
        outage("db", Duration.ofSeconds(2));
        DelayAdvisor advisor = learner.advisor("db");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += advisor.adviseNanos(1 + i % 4, i);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sum += advisor.adviseNanos(1 + i % 4, i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sum).isPositive();
        assertThat(allocated).as("bytes for 100,000 pieces of advice").isLessThan(10_000);
    }

    @Test
    void configRejectsBadBoundsSmoothingAndGrowth() {
        assertThatThrownBy(() -> RecoveryDelayConfig.ofDefaults().withBounds(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoveryDelayConfig.ofDefaults().withBounds(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryDelayConfig(Duration.ZERO, Duration.ofSeconds(1), 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryDelayConfig(Duration.ZERO, Duration.ofSeconds(1), 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoveryDelayConfig(Duration.ofMillis(-1), Duration.ofSeconds(1), 0.5, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private OperationOutcome outcome(String service, OperationOutcome.Status status) {
        ErrorCategory category = status == OperationOutcome.Status.SUCCESS ? null
                : status == OperationOutcome.Status.REJECTED ? ErrorCategory.REJECTED : ErrorCategory.TIMEOUT;
        return new OperationOutcome(service, status, category, 1_000, null, clock.instant(), Map.of());
    }
}
