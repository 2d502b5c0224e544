package dev.ladder.model;

/**
 * How often the knowledge behind the answers changes ({@code needs.knowledgeFreshness}).
 * Rules compare {@link #getChangeIntervalDays()} with day-valued parameters, so a class
 * boundary is a number an expert can move, not a list of names.
 */
public enum Freshness implements Coded {
    STATIC(Integer.MAX_VALUE),
    QUARTERLY(90),
    MONTHLY(30),
    WEEKLY(7),
    DAILY(1),
    REALTIME(0);

    private final int changeIntervalDays;

    Freshness(int changeIntervalDays) {
        this.changeIntervalDays = changeIntervalDays;
    }

    /** Days between changes; {@code Integer.MAX_VALUE} for knowledge that does not change. */
    public int getChangeIntervalDays() {
        return changeIntervalDays;
    }
}
