package dev.ladder.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The closed range a numeric scenario field accepts; the reader enforces it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Range {
    double min() default 0;

    double max() default Double.POSITIVE_INFINITY;

    /** Whether {@link #min()} itself is excluded, as for a latency that must be positive. */
    boolean minExclusive() default false;
}
