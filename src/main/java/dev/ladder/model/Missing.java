package dev.ladder.model;

/** A conclusion: this unknown scenario fact could change the recommendation. */
public final class Missing {
    private final String fact;

    public Missing(String fact) {
        this.fact = fact;
    }

    /** The field path, e.g. {@code usage.requestsPerDay}. */
    public String getFact() { return fact; }

    @Override
    public String toString() {
        return "missing: " + fact;
    }
}
