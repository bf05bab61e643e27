package io.homeostat.core.control;

import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * A capacity the kernel control may scale, registered under a name: the size of a worker pool, a
 * connection pool's maximum, a number of consumers or instances. It carries its own bounds, so the
 * healer can never scale it beyond what the application allows. Implementations must be
 * thread-safe; they run on the caller's thread.
 */
public interface ControlledCapacity {

    /** The size now. */
    int size();

    /** The smallest size allowed, at least 1. */
    int min();

    /** The largest size allowed, at least {@link #min()}. */
    int max();

    /**
     * Sets the size; called only with a value in [{@link #min()}, {@link #max()}].
     *
     * @throws RuntimeException if it could not
     */
    void resize(int size);

    /**
     * A capacity over a getter and a setter, within [{@code min}, {@code max}].
     *
     * @throws IllegalArgumentException if {@code min} is below 1 or above {@code max}
     * @throws NullPointerException if {@code size} or {@code resize} is null
     */
    static ControlledCapacity of(int min, int max, IntSupplier size, IntConsumer resize) {
        if (min < 1 || min > max) {
            throw new IllegalArgumentException("need 1 <= min <= max, was min " + min + ", max " + max);
        }
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(resize, "resize");
        return new ControlledCapacity() {
            @Override
            public int size() {
                return size.getAsInt();
            }

            @Override
            public int min() {
                return min;
            }

            @Override
            public int max() {
                return max;
            }

            @Override
            public void resize(int to) {
                resize.accept(to);
            }
        };
    }

    /**
     * The core and maximum size of {@code pool}, moved together, within [{@code min}, {@code max}].
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    static ControlledCapacity threadPool(ThreadPoolExecutor pool, int min, int max) {
        Objects.requireNonNull(pool, "pool");
        return of(min, max, pool::getMaximumPoolSize, to -> {
            synchronized (pool) {
                if (to >= pool.getMaximumPoolSize()) {
                    pool.setMaximumPoolSize(to);
                    pool.setCorePoolSize(to);
                } else {
                    pool.setCorePoolSize(to);
                    pool.setMaximumPoolSize(to);
                }
            }
        });
    }
}
