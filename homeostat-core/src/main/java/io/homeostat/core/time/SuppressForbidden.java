package io.homeostat.core.time;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few places allowed to read the system clock or sleep. The build's forbidden-apis
 * check rejects {@code System.nanoTime}, {@code System.currentTimeMillis} and
 * {@code Thread.sleep} everywhere else; everything else takes a {@link Clock}.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SuppressForbidden {
    /** Why this place may touch real time. */
    String reason();
}
