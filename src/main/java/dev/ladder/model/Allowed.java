package dev.ladder.model;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * What a scenario field accepts, in words, as its declaration says ({@link Range}, {@link Text},
 * a {@link Coded} enum): one wording for the reader's errors and the rule checks alike.
 */
public final class Allowed {
    private Allowed() {
    }

    /** What {@code field} accepts. */
    public static String by(Field field) {
        return by(field.getType(), field);
    }

    /** What a value of {@code type} accepts; {@code field}, when known, adds its declared limits. */
    public static String by(Class<?> type, Field field) {
        if (field != null && field.getAnnotation(Range.class) != null) {
            return range(type, field.getAnnotation(Range.class));
        }
        if (field != null && field.getAnnotation(Text.class) != null) {
            return text(field.getAnnotation(Text.class));
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Coded.class.isAssignableFrom(type) && type.isEnum()) {
            return "one of: " + codes(type);
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of named entries";
        }
        return "an object";
    }

    /** A number within {@code range}: an integer when {@code type} is {@code Long}. */
    public static String range(Class<?> type, Range range) {
        String kind = type == Long.class ? "an integer" : "a number";
        if (Double.isInfinite(range.min())) {
            return kind;
        }
        String min = Numbers.format(range.min());
        if (Double.isInfinite(range.max())) {
            return kind + (range.minExclusive() ? " > " : " >= ") + min;
        }
        return kind + " in [" + min + ", " + Numbers.format(range.max()) + "]";
    }

    /** Text within {@code text}'s limits. */
    public static String text(Text text) {
        if (!text.patternHelp().isEmpty()) {
            return text.patternHelp();
        }
        return "text of at most " + text.maxLength() + " characters";
    }

    /** The codes an enum accepts in a scenario. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static String codes(Class<?> type) {
        return Coded.allowed((Class) type);
    }

    /** The class of a declared type: a list's raw {@code List}. */
    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }
}
