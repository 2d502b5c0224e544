package dev.ladder.model;

/**
 * A conclusion: this unknown scenario fact could change the recommendation. A rule can say so
 * only of a fact that re-deciding showed to be {@link Pivotal}, and the record carries that
 * evidence beside the rule's words, so an auditor can check the claim.
 */
public final class Missing {
    private final Pivotal pivotal;

    public Missing(Pivotal pivotal) {
        this.pivotal = java.util.Objects.requireNonNull(pivotal, "a missing fact needs the evidence that it is pivotal");
    }

    /** The field path, e.g. {@code usage.requestsPerDay}. */
    public String getFact() { return pivotal.getFact(); }

    /** The re-decision that shows the fact can change the recommendation. */
    public Pivotal getPivotal() { return pivotal; }

    @Override
    public String toString() {
        return "missing: " + getFact();
    }
}
