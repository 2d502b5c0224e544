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

    /**
     * What the number counts, in the words {@code rules/parameters.yaml} and the rules' figures
     * use ({@code tokens}, {@code examples}, {@code USD}): re-deciding also probes the fact at the
     * parameters and figures of its unit, the thresholds rules compare it with.
     */
    String unit() default "";
}
