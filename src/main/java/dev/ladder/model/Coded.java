package dev.ladder.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum whose scenario spelling is its lower-case, dash-separated name
 * ({@code EXACT_VOICE} is written {@code exact-voice}).
 */
public interface Coded {

    /** The spelling used in scenario files. */
    default String code() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a scenario may use this value; output-only values say no. */
    default boolean acceptedInScenarios() {
        return true;
    }

    /** Finds the constant a scenario spelled {@code code}, if it is one a scenario may use. */
    static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> c.acceptedInScenarios() && c.code().equals(code))
                .findFirst();
    }

    /** The spellings a scenario may use, comma-separated, for error messages. */
    static <E extends Enum<E> & Coded> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .filter(Coded::acceptedInScenarios)
                .map(Coded::code)
                .collect(Collectors.joining(", "));
    }
}
