package io.homeostat.core.fallback;

import io.homeostat.core.CheckedSupplier;
import java.util.concurrent.atomic.AtomicInteger;

/** A tier supplier that counts its invocations and answers or throws as told. */
final class CountingSupplier<T> implements CheckedSupplier<T> {

    private final T value;
    private final Exception failure;
    final AtomicInteger calls = new AtomicInteger();

    private CountingSupplier(T value, Exception failure) {
        this.value = value;
        this.failure = failure;
    }

    static <T> CountingSupplier<T> answering(T value) {
        return new CountingSupplier<>(value, null);
    }

    static <T> CountingSupplier<T> throwing(Exception failure) {
        return new CountingSupplier<>(null, failure);
    }

    @Override
    public T get() throws Exception {
        calls.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
