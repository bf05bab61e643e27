package io.homeostat.engine.alert.internal;

import io.homeostat.core.time.Cancellable;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.alert.Silence;
import io.homeostat.engine.alert.SilenceNotStoredException;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.SilenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The alert manager's silences over time: makes them (ids unique across restarts), ends them early
 * or when they run out (auditing that once), and, given a {@link SilenceStore}, writes each change
 * through and restores what is stored when the manager is built. A silence over by the time it is
 * restored (it ran out while the server was down) mutes nothing: it is audited as run out at once
 * and removed from the store.
 *
 * <p>Changes are serialised by a lock of their own, held while the store is written, so the store
 * sees them in the order they were made (a silence ended right after it was made is not stored
 * again by a late save); the engine's lock is taken inside it, never around it. Making and ending a
 * silence write on the caller's thread, which is told whether the store took it. A silence that
 * runs out stops muting on the scheduler's timer, on time; its removal from the store runs on the
 * {@linkplain StoreWriter store writer}, so a database that stops answering does not hold the
 * timer. A silence ended here whose removal from the store failed is removed again with each later
 * change, and by ending it again (the API's DELETE of its id answers as if it were still in force,
 * so an operator can retry): it must not come back at the next restart. Thread-safe.
 */
final class Silencing {

    private final AlertEngine engine;
    private final Suppression suppression;
    private final SilenceStore store;
    private final StoreWriter writer;
    private final ReentrantLock changes = new ReentrantLock();
    /** The end timer of each silence not over yet, by id. Guarded by the engine's lock. */
    private final Map<String, Cancellable> ends = new HashMap<>();
    /** Silences over here but still in the store, whose removal failed. Guarded by {@link #changes}. */
    private final Map<String, Silence> unremoved = new LinkedHashMap<>();

    /** @param store where silences are kept, or null for nowhere */
    Silencing(AlertEngine engine, Suppression suppression, SilenceStore store, StoreWriter writer) {
        this.engine = engine;
        this.suppression = suppression;
        this.store = store;
        this.writer = writer;
    }

    /**
     * Takes over the stored silences: those not over mute from now on, the others run out at once.
     *
     * @throws io.homeostat.engine.port.StoreUnavailableException if the store cannot be read
     */
    void restore() {
        if (store == null) {
            return;
        }
        List<Silence> kept = store.all();
        engine.locked(out -> {
            Instant now = engine.now();
            for (Silence silence : kept) {
                if (now.isBefore(silence.endsAt())) {
                    suppression.add(silence);
                }
                scheduleEnd(silence, now);
            }
            return null;
        });
    }

    Silence silence(List<Matcher> matchers, Instant startsAt, Instant endsAt, String author, String comment) {
        return changing(() -> {
            removeUnremoved();
            Silence silence = engine.locked(out -> {
                Silence made = new Silence("silence-" + UUID.randomUUID(), matchers, startsAt, endsAt, author, comment);
                suppression.add(made);
                scheduleEnd(made, engine.now());
                return made;
            });
            if (store != null && engine.now().isBefore(endsAt)) {
                try {
                    store.save(silence);
                } catch (RuntimeException e) {
                    throw new SilenceNotStoredException(silence.id() + " is in force now, but was not stored, so a restart"
                            + " will forget it: " + e.getMessage(), silence, e);
                }
            }
            return silence;
        });
    }

    boolean expire(String silenceId, String who) {
        return changing(() -> {
            Optional<Silence> ended = engine.locked(out -> {
                Instant now = engine.now();
                Optional<Silence> found = suppression.silence(silenceId).filter(s -> now.isBefore(s.endsAt()));
                if (found.isEmpty()) {
                    return Optional.<Silence>empty();
                }
                Silence s = found.get();
                Optional.ofNullable(ends.remove(s.id())).ifPresent(Cancellable::cancel);
                Silence over = new Silence(s.id(), s.matchers(), s.startsAt(), now.isAfter(s.startsAt()) ? now
                        : s.endsAt(), s.author(), s.comment() + " (expired by " + who + ")");
                if (now.isAfter(s.startsAt())) {
                    suppression.replace(over);
                } else {
                    suppression.remove(s.id());
                }
                engine.silenceEnded(s.id(), out);
                return Optional.of(over);
            });
            if (ended.isEmpty() && !unremoved.containsKey(silenceId)) {
                return false;
            }
            if (store != null) {
                try {
                    store.remove(silenceId);
                    unremoved.remove(silenceId);
                } catch (RuntimeException e) {
                    Silence over = ended.orElseGet(() -> unremoved.get(silenceId));
                    unremoved.put(silenceId, over);
                    throw new SilenceNotStoredException(silenceId + " is ended now, but is still stored, so a restart"
                            + " would bring it back; end it again to retry: " + e.getMessage(), over, e);
                }
            }
            removeUnremoved();
            return true;
        });
    }

    /** Silences in force or pending, by start. */
    List<Silence> current() {
        return engine.locked(out -> suppression.current(engine.now()));
    }

    /** Under the engine's lock. */
    private void scheduleEnd(Silence silence, Instant now) {
        Duration left = Duration.between(now, silence.endsAt());
        ends.put(silence.id(), engine.scheduler().schedule(left.isNegative() ? Duration.ZERO : left,
                () -> ranOut(silence)));
    }

    /**
     * The end timer of {@code silence}: unless it was ended early meanwhile, it stops muting, is
     * audited once and forgotten, and the writer removes it from the store.
     */
    private void ranOut(Silence silence) {
        boolean ran = engine.locked(out -> {
            if (ends.remove(silence.id()) == null) {
                return false;
            }
            suppression.remove(silence.id());
            engine.silenceEnded(silence.id(), out);
            out.audit(AuditRecord.of(UUID.randomUUID().toString(), engine.now(), AlertEvent.SYSTEM,
                    Alerting.SILENCE_EXPIRED, "silence:" + silence.id(), "ran out after "
                            + Duration.between(silence.startsAt(), silence.endsAt()) + " (" + silence.comment() + ")",
                    Map.of("matchers", silence.matchers().toString(), "author", silence.author(),
                            "endsAt", silence.endsAt().toString())));
            return true;
        });
        if (ran && store != null) {
            writer.run(() -> changing(() -> {
                try {
                    store.remove(silence.id());
                } catch (RuntimeException e) {
                    // Over when restored, it mutes nothing (and is audited as run out again then); removed with the next change.
                    unremoved.put(silence.id(), silence);
                    engine.counters().failure();
                }
                return null;
            }));
        }
    }

    /** Best effort, under {@link #changes}: removes again the silences whose removal failed. */
    private void removeUnremoved() {
        if (store == null) {
            return;
        }
        for (Iterator<String> it = unremoved.keySet().iterator(); it.hasNext(); ) {
            String id = it.next();
            try {
                store.remove(id);
                it.remove();
            } catch (RuntimeException e) {
                engine.counters().failure();
                return; // still away: the others wait too
            }
        }
    }

    private <T> T changing(Supplier<T> change) {
        changes.lock();
        try {
            return change.get();
        } finally {
            changes.unlock();
        }
    }
}
