package dev.ladder.model;

/**
 * A rung of the escalation ladder, cheapest first. Scenarios name the first three in
 * {@code attempts[].approach}; the combined rung exists only as a recommendation.
 */
public enum Approach implements Coded {
    PROMPTING(1),
    RAG(2),
    FINE_TUNING(3),
    RAG_AND_FINE_TUNING(4);

    private final int rank;

    Approach(int rank) {
        this.rank = rank;
    }

    /** Position on the ladder: a higher rank costs more to build and to keep. */
    public int getRank() {
        return rank;
    }

    @Override
    public boolean acceptedInScenarios() {
        return this != RAG_AND_FINE_TUNING;
    }
}
