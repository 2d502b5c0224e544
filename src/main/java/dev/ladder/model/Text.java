package dev.ladder.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Length and character limits of a text scenario field; the reader enforces them. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Text {
    int minLength() default 0;

    int maxLength();

    /** A regular expression the whole value must match; empty for any text. */
    String pattern() default "";

    /** How the pattern reads to a person, for error messages. */
    String patternHelp() default "";
}
