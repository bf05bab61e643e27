package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.LeaseGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Lease} must do. An implementation's test extends this class; within one test
 * every {@link #newReplica()} is another replica's view of the same lease.
 */
@Timeout(60)
public abstract class LeaseContract {

    /** Another replica's handle on this test's lease (named {@code planner}, with {@link #ttl()}). */
    protected abstract Lease newReplica();

    /** The time to live the replicas' lease has. */
    protected abstract Duration ttl();

    /** Lets {@code duration} pass on the lease's clock (a manual clock advances, a server's clock is waited for). */
    protected abstract void letTimePass(Duration duration);

    @Test
    void firstReplicaGetsTheLeaseAndOthersAreRefused() {
        Lease a = newReplica();
        Lease b = newReplica();

        Optional<LeaseGrant> grant = a.tryAcquire("a");

        assertThat(grant).hasValueSatisfying(g -> {
            assertThat(g.lease()).isEqualTo(a.name());
            assertThat(g.holder()).isEqualTo("a");
            assertThat(g.expiresAt()).isAfter(Instant.EPOCH);
        });
        assertThat(b.tryAcquire("b")).isEmpty();
        assertThat(b.current()).map(LeaseGrant::holder).hasValue("a");
        assertThat(b.current()).map(LeaseGrant::token).hasValue(grant.get().token());
        assertThat(b.validate(grant.get().token())).isTrue();
    }

    @Test
    void exactlyOneOfManyRacingReplicasHoldsItAndTokensGrow() throws Exception {
        int replicas = 8;
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            leases.add(newReplica());
        }
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            long previousToken = 0;
            for (int round = 0; round < 5; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<LeaseGrant>>> attempts = new ArrayList<>();
                for (int i = 0; i < replicas; i++) {
                    Lease lease = leases.get(i);
                    String holder = "r" + i;
                    attempts.add(pool.submit(() -> {
                        start.await();
                        return lease.tryAcquire(holder);
                    }));
                }
                start.countDown();
                List<LeaseGrant> winners = new ArrayList<>();
                for (Future<Optional<LeaseGrant>> attempt : attempts) {
                    attempt.get().ifPresent(winners::add);
                }

                assertThat(winners).as("round %d", round).hasSize(1);
                LeaseGrant winner = winners.get(0);
                assertThat(winner.token()).isGreaterThan(previousToken);
                assertThat(leases.get(0).current()).map(LeaseGrant::token).hasValue(winner.token());
                assertThat(leases.get(0).current()).map(LeaseGrant::holder).hasValue(winner.holder());
                previousToken = winner.token();
                assertThat(leases.get(round % replicas).release(winner)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deposedLeadersTokenIsRefused() {
        Lease a = newReplica();
        Lease b = newReplica();
        LeaseGrant first = a.tryAcquire("a").orElseThrow();

        letTimePass(ttl().plus(ttl().dividedBy(2)));
        LeaseGrant second = b.tryAcquire("b").orElseThrow();

        assertThat(second.token()).isGreaterThan(first.token());
        assertThat(a.validate(first.token())).as("the deposed leader's token").isFalse();
        assertThat(b.validate(first.token())).isFalse();
        assertThat(a.validate(second.token())).isTrue();
        assertThat(a.renew(first)).as("the deposed leader cannot renew").isEmpty();
        assertThat(a.release(first)).as("nor release the new leader's lease").isFalse();
        assertThat(b.current()).map(LeaseGrant::holder).hasValue("b");
    }

    @Test
    void holdingExpiresWithoutRenewal() {
        Lease a = newReplica();
        LeaseGrant grant = a.tryAcquire("a").orElseThrow();

        letTimePass(ttl().plus(ttl().dividedBy(2)));

        assertThat(a.validate(grant.token())).isFalse();
        assertThat(a.current()).isEmpty();
    }

    @Test
    void renewalByTheHolderKeepsItPastTheFirstTtl() {
        Lease a = newReplica();
        Lease b = newReplica();
        LeaseGrant grant = a.tryAcquire("a").orElseThrow();

        letTimePass(ttl().multipliedBy(6).dividedBy(10));
        Optional<LeaseGrant> renewed = a.renew(grant);
        letTimePass(ttl().multipliedBy(6).dividedBy(10));

        assertThat(renewed).hasValueSatisfying(r -> {
            assertThat(r.token()).isEqualTo(grant.token());
            assertThat(r.expiresAt()).isAfter(grant.expiresAt());
        });
        assertThat(a.validate(grant.token())).as("held past the first ttl").isTrue();
        assertThat(b.tryAcquire("b")).isEmpty();
    }

    @Test
    void onlyTheHolderRenewsOrReleases() {
        Lease a = newReplica();
        Lease b = newReplica();
        LeaseGrant grant = a.tryAcquire("a").orElseThrow();
        LeaseGrant forged = new LeaseGrant(grant.lease(), "b", grant.token(), grant.expiresAt());
        LeaseGrant staleToken = new LeaseGrant(grant.lease(), "a", grant.token() + 1, grant.expiresAt());

        assertThat(b.renew(forged)).isEmpty();
        assertThat(b.release(forged)).isFalse();
        assertThat(b.renew(staleToken)).isEmpty();
        assertThat(b.release(staleToken)).isFalse();
        assertThat(b.current()).map(LeaseGrant::holder).hasValue("a");
    }

    @Test
    void releaseLetsAnotherReplicaTakeOverAtOnce() {
        Lease a = newReplica();
        Lease b = newReplica();
        LeaseGrant first = a.tryAcquire("a").orElseThrow();

        assertThat(a.release(first)).isTrue();
        assertThat(a.release(first)).as("a second release").isFalse();
        assertThat(a.validate(first.token())).isFalse();
        LeaseGrant second = b.tryAcquire("b").orElseThrow();

        assertThat(second.token()).isGreaterThan(first.token());
    }

    @Test
    void holderAcquiringAgainKeepsItsToken() {
        Lease a = newReplica();
        LeaseGrant first = a.tryAcquire("a").orElseThrow();

        assertThat(a.tryAcquire("a")).map(LeaseGrant::token).hasValue(first.token());
    }

    @Test
    void refusesBlankHoldersAndGrantsOfOtherLeases() {
        Lease a = newReplica();
        LeaseGrant grant = a.tryAcquire("a").orElseThrow();
        LeaseGrant other = new LeaseGrant(a.name() + "-other", "a", grant.token(), grant.expiresAt());

        assertThatThrownBy(() -> a.tryAcquire(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.renew(other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.release(other)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.validate(grant.token())).isTrue();
    }
}
