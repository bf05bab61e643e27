package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.StoreUnavailableException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes stores away and gives them back, for tests of what the engine does while its database is
 * unreachable: {@link #wrap} puts a port behind a switch; while {@linkplain #down(boolean) down},
 * every call of the port's own methods throws {@link StoreUnavailableException} (as the JDBC store
 * does), otherwise it goes to the delegate. Thread-safe.
 */
public final class StoreOutage {

    private volatile boolean down;
    private final AtomicLong refused = new AtomicLong();

    /** {@code delegate} behind this switch. */
    public <T> T wrap(Class<T> port, T delegate) {
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? self == args[0]
                        : method.getName().equals("hashCode") ? System.identityHashCode(self)
                        : "StoreOutage[" + delegate + "]";
            }
            if (down) {
                refused.incrementAndGet();
                throw new StoreUnavailableException(port.getSimpleName() + "." + method.getName()
                        + ": the database is unreachable", new IOException("connection refused (test outage)"));
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return port.cast(proxy);
    }

    /** Takes the stores away ({@code true}) or gives them back. */
    public void down(boolean down) {
        this.down = down;
    }

    /** How many calls were refused. */
    public long refused() {
        return refused.get();
    }
}
