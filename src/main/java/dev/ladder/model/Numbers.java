package dev.ladder.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How numbers read in reasons and records: no float noise, no needless decimals. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 50.0} as {@code 50}, {@code 0.1 + 0.2} as {@code 0.3}, money to cents. */
    public static String format(Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            return d.isNaN() ? "not a number" : d > 0 ? "infinite" : "-infinite";
        }
        if (value instanceof Double || value instanceof Float) {
            return round(((Number) value).doubleValue()).toPlainString();
        }
        return String.valueOf(value);
    }

    /** Rounds to four significant decimals, enough for prices per million tokens. */
    public static BigDecimal round(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
