package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.detect.pattern.Pattern;
import io.homeostat.engine.detect.pattern.PatternKind;
import io.homeostat.engine.port.PatternStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PatternStore} must do. Subclasses supply {@link #newStore()}, called before
 * each test, which must return an empty store. Times here have millisecond precision; nothing
 * relies on object identity or on an order the port does not state.
 */
public abstract class PatternStoreContract {

    /** Base time of the tests, millisecond precision. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private PatternStore store;

    /** A new, empty store. */
    protected abstract PatternStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    /** A recurring pattern on {@code service}, last seen {@code minutes} after T0. */
    protected static Pattern pattern(String signature, String service, int minutes, double confidence) {
        return new Pattern(signature, PatternKind.RECURRING, Set.of(service), "timeout on " + service + " recurs",
                "the dependency is overloaded", "add a bulkhead", 3, T0, T0.plusSeconds(60L * minutes), confidence);
    }

    @Test
    void savedPatternIsReadBackEqualFieldByField() {
        Pattern full = new Pattern("co-occurrence|db:primary+triage", PatternKind.CO_OCCURRENCE,
                Set.of("triage", "db:primary"), "triage and db:primary fail together – \"7 times\" ünïcode",
                "triage depends on db:primary", "fix db:primary first; guard triage's calls", 7,
                T0.plusMillis(1), T0.plusMillis(86_400_123), 0.8125);

        store.save(full);

        Pattern read = store.find(full.signature()).orElseThrow();
        assertThat(read).isEqualTo(full);
        assertThat(read.services()).containsExactly("db:primary", "triage");
        assertThat(read.confidence()).isEqualTo(0.8125);
    }

    @Test
    void everyKindRoundTrips() {
        for (PatternKind kind : PatternKind.values()) {
            Pattern pattern = new Pattern(kind.label() + "|svc", kind, Set.of("svc"), "", "", "", 1, T0, T0, 0);
            store.save(pattern);
            assertThat(store.find(pattern.signature())).as(kind.name()).contains(pattern);
        }
    }

    @Test
    void findsNothingForAnUnknownSignature() {
        store.save(pattern("recurring|a|timeout", "a", 0, 0.5));
        assertThat(store.find("recurring|a")).isEmpty();
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void savingTheSameSignatureAgainReplacesTheWholePattern() {
        Pattern first = pattern("recurring|a|timeout", "a", 0, 0.5);
        store.save(first);
        Pattern second = new Pattern(first.signature(), PatternKind.RECURRING, Set.of("a", "b"), "changed",
                "new cause", "new action", 9, T0, T0.plusSeconds(7200), 0.9);

        store.save(second);

        assertThat(store.find(first.signature())).contains(second);
        assertThat(store.list(10)).containsExactly(second);
        assertThat(store.forService("b")).containsExactly(second);
    }

    @Test
    void savingCanDropAService() {
        Pattern two = new Pattern("co-occurrence|a+b", PatternKind.CO_OCCURRENCE, Set.of("a", "b"), "", "", "", 3, T0,
                T0, 0.5);
        store.save(two);
        store.save(new Pattern(two.signature(), two.kind(), Set.of("a"), "", "", "", 3, T0, T0, 0.5));

        assertThat(store.forService("b")).isEmpty();
        assertThat(store.forService("a")).hasSize(1);
    }

    @Test
    void forServiceListsThePatternsInvolvingItMostConfidentFirst() {
        Pattern low = pattern("recurring|a|x", "a", 0, 0.2);
        Pattern high = pattern("recurring|a|y", "a", 0, 0.9);
        Pattern tieB = pattern("recurring|a|b-tie", "a", 0, 0.5);
        Pattern tieA = pattern("recurring|a|a-tie", "a", 0, 0.5);
        Pattern shared = new Pattern("co-occurrence|a+b", PatternKind.CO_OCCURRENCE, Set.of("a", "b"), "", "", "", 3,
                T0, T0, 0.7);
        Pattern other = pattern("recurring|ab|x", "ab", 0, 1.0);
        for (Pattern p : List.of(low, tieB, other, high, shared, tieA)) {
            store.save(p);
        }

        assertThat(store.forService("a")).containsExactly(high, shared, tieA, tieB, low);
        assertThat(store.forService("b")).containsExactly(shared);
        assertThat(store.forService("nobody")).isEmpty();
    }

    @Test
    void listIsLatestFirstWithTiesBySignatureAndHonoursTheLimit() {
        Pattern oldest = pattern("recurring|a|1", "a", 0, 0.5);
        Pattern tieZ = pattern("recurring|z|2", "z", 10, 0.5);
        Pattern tieB = pattern("recurring|b|2", "b", 10, 0.5);
        Pattern newest = pattern("recurring|c|3", "c", 20, 0.5);
        for (Pattern p : List.of(tieZ, oldest, newest, tieB)) {
            store.save(p);
        }

        assertThat(store.list(10)).containsExactly(newest, tieB, tieZ, oldest);
        assertThat(store.list(2)).containsExactly(newest, tieB);
        assertThat(store.list(1)).containsExactly(newest);
    }

    @Test
    void listRejectsALimitOutOfRange() {
        assertThatThrownBy(() -> store.list(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(PatternStore.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteForgetsAPatternAndSaysWhetherItWasThere() {
        Pattern kept = pattern("recurring|a|keep", "a", 0, 0.5);
        Pattern gone = pattern("recurring|a|gone", "a", 0, 0.6);
        store.save(kept);
        store.save(gone);

        assertThat(store.delete(gone.signature())).isTrue();
        assertThat(store.delete(gone.signature())).isFalse();
        assertThat(store.find(gone.signature())).isEmpty();
        assertThat(store.forService("a")).containsExactly(kept);
        assertThat(store.list(10)).containsExactly(kept);
    }

    @Test
    void anEmptyStoreListsNothing() {
        assertThat(store.list(10)).isEmpty();
        assertThat(store.delete("nope")).isFalse();
    }
}
