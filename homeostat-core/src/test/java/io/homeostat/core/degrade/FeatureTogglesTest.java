package io.homeostat.core.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.homeostat.core.time.ManualClock;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureTogglesTest {

    private final ManualClock clock = ManualClock.create();
    private final Degradation degradation = Degradation.create(clock);
    private final FeatureToggles toggles = FeatureToggles.create(degradation, clock)
            .register("recommendations", DegradationLevel.FULL)
            .register("search", DegradationLevel.ESSENTIAL)
            .register("status-page", DegradationLevel.MAINTENANCE);

    @Test
    void featureStaysOnThroughItsLevelAndOffBeyond() {
        assertThat(toggles.isEnabled("recommendations")).isTrue();

        degradation.set(DegradationLevel.REDUCED, "db slow");
        assertThat(toggles.isEnabled("recommendations")).isFalse();
        assertThat(toggles.isEnabled("search")).isTrue();

        degradation.set(DegradationLevel.READ_ONLY, "db failing over");
        assertThat(toggles.isEnabled("search")).isFalse();
        assertThat(toggles.isEnabled("status-page")).isTrue();
        assertThat(toggles.snapshot()).containsExactly(
                Map.entry("recommendations", false), Map.entry("search", false), Map.entry("status-page", true));
    }

    @Test
    void overrideWinsOverTheLevelUntilCleared() {
        degradation.set(DegradationLevel.REDUCED, "db slow");

        toggles.forceOn("recommendations", "demo for the board");
        assertThat(toggles.isEnabled("recommendations")).isTrue();
        assertThat(toggles.override("recommendations").orElseThrow().reason()).isEqualTo("demo for the board");

        toggles.forceOff("search", "index corrupt");
        assertThat(toggles.isEnabled("search")).isFalse();

        assertThat(toggles.clearOverride("recommendations", "demo over")).isTrue();
        assertThat(toggles.clearOverride("recommendations", "twice")).isFalse();
        assertThat(toggles.isEnabled("recommendations")).isFalse();
        assertThat(toggles.override("recommendations")).isEmpty();
    }

    @Test
    void listenersHearEveryFlipWithItsReason() {
        List<FeatureChange> changes = new ArrayList<>();
        toggles.subscribe(changes::add);

        degradation.set(DegradationLevel.REDUCED, "db slow");
        toggles.forceOn("recommendations", "ops");
        toggles.forceOn("search", "already on: no flip");
        degradation.set(DegradationLevel.FULL, "recovered");

        assertThat(changes).extracting(FeatureChange::feature, FeatureChange::enabled, FeatureChange::reason)
                .containsExactly(
                        tuple("recommendations", false, "degradation FULL -> REDUCED: db slow"),
                        tuple("recommendations", true, "forced on: ops"));
    }

    @Test
    void defineRegistersANewFeatureOrMovesTheLevelOfAKnownOneKeepingItsOverride() {
        List<FeatureChange> changes = new ArrayList<>();
        toggles.subscribe(changes::add);
        degradation.set(DegradationLevel.REDUCED, "db slow");
        toggles.forceOff("search", "index rebuild");

        assertThat(toggles.define("previews", DegradationLevel.REDUCED)).isTrue();
        assertThat(toggles.define("previews", DegradationLevel.REDUCED)).isFalse();
        assertThat(toggles.define("recommendations", DegradationLevel.REDUCED)).isTrue();
        assertThat(toggles.define("search", DegradationLevel.FULL)).isTrue();

        assertThat(toggles.isEnabled("previews")).isTrue();
        assertThat(toggles.isEnabled("recommendations")).isTrue();
        assertThat(toggles.onThrough("search")).isEqualTo(DegradationLevel.FULL);
        assertThat(toggles.override("search")).isPresent();
        assertThat(changes).extracting(FeatureChange::feature, FeatureChange::enabled, FeatureChange::reason)
                .containsExactly(
                        tuple("recommendations", false, "degradation FULL -> REDUCED: db slow"),
                        tuple("search", false, "forced off: index rebuild"),
                        tuple("recommendations", true, "on through FULL -> REDUCED"));
    }

    @Test
    void unknownFeatureIsRejectedByName() {
        assertThatThrownBy(() -> toggles.isEnabled("teleport"))
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOf(UnknownFeatureException.class)
                .hasMessage("unknown feature: teleport");
        assertThatThrownBy(() -> toggles.forceOn("teleport", "x")).isInstanceOf(UnknownFeatureException.class);
        assertThatThrownBy(() -> toggles.register("search", DegradationLevel.FULL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("search");
    }

    @Test
    void aBlankReasonForAnOverrideIsRefusedAndChangesNothing() {
        List<FeatureChange> changes = new ArrayList<>();
        toggles.subscribe(changes::add);
        toggles.forceOn("recommendations", "demo for the board");

        assertThatThrownBy(() -> toggles.forceOff("search", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason must not be blank");
        assertThatThrownBy(() -> toggles.forceOn("search", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason must not be blank");
        assertThatThrownBy(() -> toggles.clearOverride("recommendations", "\t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("reason must not be blank");

        assertThat(toggles.override("search")).isEmpty();
        assertThat(toggles.override("recommendations")).map(FeatureOverride::reason).contains("demo for the board");
        assertThat(toggles.isEnabled("search")).isTrue();
        assertThat(changes).isEmpty();
    }

    @Test
    void aNullFeatureIsNamed() {
        assertThatThrownBy(() -> toggles.isEnabled(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("feature");
    }

    @Test
    void isEnabledAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        int on = 0;
        for (int i = 0; i < 10_000; i++) {
            on += toggles.isEnabled("search") ? 1 : 0; // warm up
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 200_000; i++) {
            on += toggles.isEnabled(i % 2 == 0 ? "search" : "recommendations") ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(on).isEqualTo(210_000);
        assertThat(allocated).as("bytes for 200,000 calls").isLessThan(16 * 1024);
    }

    @Test
    void randomOperationsAgreeWithAModelAndEventsTrackState() {
        Random random = new Random(1234);
        String[] names = {"recommendations", "search", "status-page"};
        Map<String, Boolean> lastHeard = new HashMap<>(toggles.snapshot());
        toggles.subscribe(change -> {
            assertThat(lastHeard.get(change.feature())).isNotEqualTo(change.enabled());
            lastHeard.put(change.feature(), change.enabled());
        });
        Map<String, Boolean> forced = new HashMap<>();
        Map<String, DegradationLevel> onThrough = Map.of("recommendations", DegradationLevel.FULL,
                "search", DegradationLevel.ESSENTIAL, "status-page", DegradationLevel.MAINTENANCE);
        for (int op = 0; op < 2_000; op++) {
            String name = names[random.nextInt(names.length)];
            switch (random.nextInt(4)) {
                case 0 -> degradation.set(DegradationLevel.values()[random.nextInt(5)], "op " + op);
                case 1 -> {
                    toggles.forceOn(name, "op " + op);
                    forced.put(name, true);
                }
                case 2 -> {
                    toggles.forceOff(name, "op " + op);
                    forced.put(name, false);
                }
                default -> {
                    toggles.clearOverride(name, "op " + op);
                    forced.remove(name);
                }
            }
            for (String feature : names) {
                boolean expected = forced.getOrDefault(feature,
                        !degradation.level().isWorseThan(onThrough.get(feature)));
                assertThat(toggles.isEnabled(feature)).as("op %d %s", op, feature).isEqualTo(expected);
            }
            assertThat(lastHeard).isEqualTo(toggles.snapshot());
        }
        assertThat(toggles.listenerFailures()).isZero();
    }
}
