package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.alert.Silence;
import io.homeostat.engine.port.SilenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SilenceStore} must do. Extend it with {@link #newStore()} returning an empty
 * store; override {@link #reopen} to show that silences outlive a restart, and {@link #closeStore}
 * to release a store.
 */
public abstract class SilenceStoreContract extends StoreContract<SilenceStore> {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    private static Silence silence(String id, long startSecond, Duration length, Matcher... matchers) {
        Instant start = T0.plusSeconds(startSecond);
        return new Silence(id, List.of(matchers), start, start.plus(length), "token:ops", "maintenance of " + id);
    }

    @Test
    void anEmptyStoreHasNoSilences() {
        assertThat(store.all()).isEmpty();
    }

    @Test
    void silencesLoadBackWithEveryFieldByStartThenId() {
        Silence maintenance = new Silence("silence-b", List.of(Matcher.eq("service", "checkout"),
                Matcher.ne("severity", "critical"), Matcher.regex("category", "err.*|lat(ency)?")),
                T0, T0.plus(Duration.ofHours(2)), "token:alice", "db maintenance, ticket OPS-12");
        Silence sameStart = silence("silence-a", 0, Duration.ofMinutes(5), Matcher.eq("service", "search"));
        Silence later = new Silence("silence-c", List.of(Matcher.eq("team", "")), T0.plusSeconds(60),
                T0.plus(Duration.ofDays(7)), "config", "");
        Silence earlier = silence("silence-d", -3600, Duration.ofHours(3), Matcher.eq("service", "orders"));
        for (Silence silence : List.of(maintenance, later, sameStart, earlier)) {
            store.save(silence);
        }

        assertThat(store.all()).containsExactly(earlier, sameStart, maintenance, later);
    }

    @Test
    void aSilenceSavedAgainReplacesTheEarlierOne() {
        store.save(silence("silence-1", 0, Duration.ofHours(2), Matcher.eq("service", "checkout")));
        Silence shortened = new Silence("silence-1", List.of(Matcher.eq("service", "payments")), T0,
                T0.plus(Duration.ofMinutes(30)), "token:bob", "shortened");
        store.save(shortened);

        assertThat(store.all()).containsExactly(shortened);
    }

    @Test
    void aRemovedSilenceIsGoneAndRemovingAnUnknownOneDoesNothing() {
        Silence kept = silence("silence-1", 0, Duration.ofHours(1), Matcher.eq("service", "checkout"));
        store.save(kept);
        store.save(silence("silence-2", 1, Duration.ofHours(1), Matcher.eq("service", "search")));

        store.remove("silence-2");
        store.remove("silence-unknown");

        assertThat(store.all()).containsExactly(kept);
    }

    @Test
    void silencesOutliveAReopen() {
        Silence first = silence("silence-1", 0, Duration.ofHours(2), Matcher.eq("service", "checkout"));
        Silence second = silence("silence-2", 5, Duration.ofMinutes(10), Matcher.regex("service", "pay.*"));
        store.save(first);
        store.save(second);
        store.remove("silence-2");

        store = reopen(store);

        assertThat(store.all()).containsExactly(first);
    }

    @Test
    void matchersCommentsAndAuthorsKeepTheirCharacters() {
        Silence odd = new Silence("silence-ü", List.of(Matcher.eq("service", "db:primary/ünïcode \"quoted\""),
                Matcher.regex("zone", "eu-\\w+\\s*\\{1}"), Matcher.ne("note", "a,b=c;[]{}")), T0,
                T0.plusSeconds(60), "token:naïve", "it's \"quoted\"\nand on two lines");
        store.save(odd);
        assertThat(store.all()).containsExactly(odd);
    }

    @Test
    void savingOrRemovingNothingIsRefused() {
        assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.remove(null)).isInstanceOf(NullPointerException.class);
    }
}
