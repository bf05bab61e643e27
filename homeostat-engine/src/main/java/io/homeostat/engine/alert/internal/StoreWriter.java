package io.homeostat.engine.alert.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the store writes that nobody waits for on the {@linkplain
 * io.homeostat.engine.alert.AlertingBuilder#storeWriter configured executor}, or on the calling
 * thread once that executor refuses them (it was shut down): a late change is written late rather
 * than not at all.
 */
record StoreWriter(Executor executor) {

    void run(Runnable write) {
        try {
            executor.execute(write);
        } catch (RejectedExecutionException e) {
            write.run();
        }
    }
}
