package io.homeostat.engine.detect.internal;

import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.SeriesLimits;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The per-series state of one or more {@link Stage}s (the baselines, each detector), found by one
 * lookup of service and metric: a series has one {@link Slot} holding every stage's state side by
 * side, so a chain of stages pays one hash lookup per sample instead of one per stage. A detector
 * alone keeps a table of its own stage; a chain moves its stages into one shared table
 * ({@link Stage#join}).
 *
 * <p>Each stage is bounded by its own {@link SeriesLimits}: its state of a series is created on the
 * series' first sample; when the stage holds {@link SeriesLimits#maxSeries()} states, a new one
 * first makes room by forgetting that stage's states of series idle for its
 * {@link SeriesLimits#idleAfter()} (unless {@link Stage#pinned} says a state must stay, e.g. while
 * firing; at most once per tenth of the idle time); if none can go, the stage does not watch the
 * new series (counted in {@link Stage#untracked()}) and tries
 * again on the series' next sample. A slot goes when no stage holds state in it any more.
 *
 * <p>A chained hash table of small slots (about 70 bytes for a chain of four stages, with the
 * table's share).
 *
 * <p>Not thread-safe: one chain, one thread.
 */
public final class SeriesTable {

    private static final int INITIAL_CAPACITY = 16;

    /**
     * One stage's per-series state: how it is made, kept and fed, and where it lives (a table of
     * this stage alone until {@link #join} moves it into a shared one). Not thread-safe.
     *
     * @param <S> the state of one series
     */
    public abstract static class Stage<S> {
        private final SeriesLimits limits;
        private SeriesTable table;
        private int index;
        private boolean joined;

        /** @param limits how many series the stage keeps and when it may forget one */
        protected Stage(SeriesLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            this.table = new SeriesTable();
            this.index = table.add(this);
        }

        /**
         * The state of a series first seen; never null (a shared constant for a series the stage
         * does not watch, which still counts as watched).
         */
        protected abstract S open(String service, String metric);

        /** True while {@code state} must not be forgotten, e.g. while it is firing. */
        protected abstract boolean pinned(S state);

        /** Looks at one value of the series whose state is {@code state}; detections go to {@code sink}. */
        protected abstract void sample(S state, String service, String metric, long timeMillis, double value,
                Consumer<Detection> sink);

        /**
         * A stage of the functions given: {@code open} makes the state of a series first seen
         * (see {@link #open}), {@code pinned} says whether a state must stay, {@code sampler}
         * feeds it a value.
         */
        public static <S> Stage<S> of(SeriesLimits limits, BiFunction<String, String, S> open, Predicate<S> pinned,
                Sampler<S> sampler) {
            Objects.requireNonNull(open, "open");
            Objects.requireNonNull(pinned, "pinned");
            Objects.requireNonNull(sampler, "sampler");
            return new Stage<>(limits) {
                @Override
                protected S open(String service, String metric) {
                    return open.apply(service, metric);
                }

                @Override
                protected boolean pinned(S state) {
                    return pinned.test(state);
                }

                @Override
                protected void sample(S state, String service, String metric, long timeMillis, double value,
                        Consumer<Detection> sink) {
                    sampler.sample(state, service, metric, timeMillis, value, sink);
                }
            };
        }

        /** The limits given at creation. */
        public final SeriesLimits limits() {
            return limits;
        }

        /**
         * Moves this stage into {@code shared}, before it has seen a sample; from then on its
         * queries read there.
         *
         * @throws IllegalStateException if the stage has seen samples or already joined a table
         */
        public final void join(SeriesTable shared) {
            if (joined || table.live[index] > 0 || table.untracked[index] > 0) {
                throw new IllegalStateException("a detector joins one chain, before its first sample");
            }
            joined = true;
            table = shared;
            index = shared.add(this);
        }

        /** Feeds one value of {@code (service, metric)} through this stage's own lookup (a stage fed alone). */
        public final void sample(String service, String metric, long timeMillis, double value, Consumer<Detection> sink) {
            Slot slot = table.slot(service, metric, timeMillis);
            try {
                S state = state(slot, timeMillis);
                if (state != null) {
                    sample(state, service, metric, timeMillis, value, sink);
                }
            } finally {
                table.settle(slot);
            }
        }

        /** Feeds one value to the stage, whose series' slot (from {@link SeriesTable#slot}) is {@code slot}. */
        public final void sample(Slot slot, long timeMillis, double value, Consumer<Detection> sink) {
            S state = state(slot, timeMillis);
            if (state != null) {
                sample(state, slot.service, slot.metric, timeMillis, value, sink);
            }
        }

        /** The stage's state in {@code slot}, created if absent; null if the stage is full and refused it. */
        @SuppressWarnings("unchecked")
        private S state(Slot slot, long nowMillis) {
            Object state = slot.states[index];
            if (state == null) {
                state = table.admit(index, slot.service, slot.metric, nowMillis);
                slot.states[index] = state;
            }
            return (S) state;
        }

        /** The stage's state of {@code (service, metric)} if it has one, without creating it; null otherwise. */
        @SuppressWarnings("unchecked")
        public final S peek(String service, String metric) {
            Slot slot = table.find(hash(service, metric), service, metric);
            return slot == null ? null : (S) slot.states[index];
        }

        /** Series the stage watches now. */
        public final int size() {
            return table.live[index];
        }

        /** Times a new series was refused because the stage was full. */
        public final long untracked() {
            return table.untracked[index];
        }

        /** Visits every series the stage watches. */
        @SuppressWarnings("unchecked")
        public final void forEach(BiConsumer<SeriesKey, S> visitor) {
            for (Slot head : table.table) {
                for (Slot slot = head; slot != null; slot = slot.next) {
                    if (slot.states[index] != null) {
                        visitor.accept(new SeriesKey(slot.service, slot.metric), (S) slot.states[index]);
                    }
                }
            }
        }
        /**
         * Replaces each of the stage's states by what {@code replacement} makes of it (never null;
         * the series stays watched), e.g. when the detector's rules change: call it on the thread
         * that feeds the stage.
         *
         * @throws NullPointerException if {@code replacement} returns null
         */
        @SuppressWarnings("unchecked")
        public final void replaceAll(BiFunction<SeriesKey, S, S> replacement) {
            Objects.requireNonNull(replacement, "replacement");
            for (Slot head : table.table) {
                for (Slot slot = head; slot != null; slot = slot.next) {
                    if (slot.states[index] != null) {
                        S next = replacement.apply(new SeriesKey(slot.service, slot.metric), (S) slot.states[index]);
                        slot.states[index] = Objects.requireNonNull(next, "replacement state");
                    }
                }
            }
        }
    }

    /**
     * Feeds one value to a stage's state of its series.
     *
     * @param <S> the state of one series
     */
    @FunctionalInterface
    public interface Sampler<S> {

        /** Looks at one value of the series whose state is {@code state}; detections go to {@code sink}. */
        void sample(S state, String service, String metric, long timeMillis, double value, Consumer<Detection> sink);
    }

    /** A detector or tracker whose per-series state can live in a table shared with other stages. */
    public interface Member {

        /** Its stage, for a chain to {@link Stage#join} into the chain's table. */
        Stage<?> seriesStage();
    }

    /** The states of every watched series, one per stage: what one lookup of a series finds. */
    public static final class Slot {
        final int hash;
        final String service;
        final String metric;
        final Object[] states;
        long lastSeenMillis;
        /** Made by the sample being handled: kept only if a stage takes it ({@link #settle}). */
        boolean fresh;
        Slot next;

        Slot(int hash, String service, String metric, int stages) {
            this.hash = hash;
            this.service = service;
            this.metric = metric;
            this.states = new Object[stages];
        }
    }

    private Stage<Object>[] stages = newStages(0);
    private int[] maxSeries = new int[0];
    private long[] idleMillis = new long[0];
    private int[] live = new int[0];
    private long[] untracked = new long[0];
    private long[] lastSweepMillis = new long[0];
    private Slot[] table = new Slot[INITIAL_CAPACITY];
    private int size;

    /** An empty table with no stage yet. */
    public SeriesTable() {}

    /** Adds a stage, before the first sample; returns its index. */
    @SuppressWarnings("unchecked")
    private int add(Stage<?> stage) {
        if (size > 0) {
            throw new IllegalStateException("stages must be added before the first sample");
        }
        int n = stages.length;
        stages = Arrays.copyOf(stages, n + 1);
        stages[n] = (Stage<Object>) stage;
        maxSeries = Arrays.copyOf(maxSeries, n + 1);
        maxSeries[n] = stage.limits().maxSeries();
        idleMillis = Arrays.copyOf(idleMillis, n + 1);
        idleMillis[n] = stage.limits().idleAfter().toMillis();
        live = Arrays.copyOf(live, n + 1);
        untracked = Arrays.copyOf(untracked, n + 1);
        lastSweepMillis = Arrays.copyOf(lastSweepMillis, n + 1);
        lastSweepMillis[n] = Long.MIN_VALUE;
        return n;
    }

    /**
     * The slot of {@code (service, metric)}, marked seen at {@code nowMillis}; a new series gets an
     * empty slot, which each stage's {@link Stage#sample} fills if it has room. Call {@link #settle}
     * once every stage has had its turn.
     */
    public Slot slot(String service, String metric, long nowMillis) {
        int hash = hash(service, metric);
        Slot slot = find(hash, service, metric);
        if (slot == null) {
            slot = new Slot(hash, service, metric, stages.length);
            slot.fresh = true;
            if (size + 1 > table.length - (table.length >> 2)) {
                resize();
            }
            int index = hash & (table.length - 1);
            slot.next = table[index];
            table[index] = slot;
            size++;
        }
        slot.lastSeenMillis = nowMillis;
        return slot;
    }

    /** Ends a sample's visit to {@code slot}: a new slot no stage took is dropped. */
    public void settle(Slot slot) {
        if (slot.fresh) {
            slot.fresh = false;
            if (empty(slot)) {
                unlink(slot);
            }
        }
    }

    private void unlink(Slot slot) {
        int index = slot.hash & (table.length - 1);
        Slot previous = null;
        for (Slot s = table[index]; s != null; previous = s, s = s.next) {
            if (s == slot) {
                if (previous == null) {
                    table[index] = s.next;
                } else {
                    previous.next = s.next;
                }
                size--;
                return;
            }
        }
    }

    /** Series with a slot (watched by at least one stage, between samples). */
    public int size() {
        return size;
    }

    /** Stage {@code i}'s new state of a series, or null (counted) if it is full and cannot make room. */
    private Object admit(int i, String service, String metric, long nowMillis) {
        if (live[i] >= maxSeries[i] && !sweep(i, nowMillis)) {
            untracked[i]++;
            return null;
        }
        Object state = stages[i].open(service, metric);
        live[i]++;
        return state;
    }

    private Slot find(int hash, String service, String metric) {
        for (Slot s = table[hash & (table.length - 1)]; s != null; s = s.next) {
            if (s.hash == hash && s.service.equals(service) && s.metric.equals(metric)) {
                return s;
            }
        }
        return null;
    }

    private void resize() {
        Slot[] old = table;
        Slot[] grown = new Slot[old.length * 2];
        for (Slot head : old) {
            Slot s = head;
            while (s != null) {
                Slot next = s.next;
                int index = s.hash & (grown.length - 1);
                s.next = grown[index];
                grown[index] = s;
                s = next;
            }
        }
        table = grown;
    }

    /**
     * Forgets stage {@code i}'s states of idle, unpinned series (and slots left empty); at most
     * once per tenth of its idle time. True if the stage has room afterwards.
     */
    private boolean sweep(int i, long nowMillis) {
        long idle = idleMillis[i];
        if (lastSweepMillis[i] != Long.MIN_VALUE && nowMillis - lastSweepMillis[i] < Math.max(1, idle / 10)) {
            return false;
        }
        lastSweepMillis[i] = nowMillis;
        Stage<Object> stage = stages[i];
        for (int b = 0; b < table.length; b++) {
            Slot kept = null;
            Slot s = table[b];
            while (s != null) {
                Slot next = s.next;
                Object state = s.states[i];
                if (state != null && nowMillis - s.lastSeenMillis >= idle && !stage.pinned(state)) {
                    s.states[i] = null;
                    live[i]--;
                }
                if (!s.fresh && empty(s)) {
                    size--;
                } else {
                    s.next = kept;
                    kept = s;
                }
                s = next;
            }
            table[b] = kept;
        }
        return live[i] < maxSeries[i];
    }

    private static boolean empty(Slot slot) {
        for (Object state : slot.states) {
            if (state != null) {
                return false;
            }
        }
        return true;
    }

    private static int hash(String service, String metric) {
        int h = service.hashCode() * 31 + metric.hashCode();
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private static Stage<Object>[] newStages(int n) {
        return (Stage<Object>[]) new Stage<?>[n];
    }
}
