package dev.ladder.model;

/**
 * A conclusion: whether this rung can be used at all depends on a scenario fact that is unknown.
 * It holds the rung back as a block does, until {@code fact} is known; the fact is then missing.
 */
public final class Pending extends Blocked {
    private final String fact;

    public Pending(Approach approach, String fact) {
        super(approach, "unknown fact", fact + " is known");
        this.fact = fact;
    }

    /** The unknown scenario fact, as a field path such as {@code constraints.modelAccess}. */
    @Override
    public String getFact() { return fact; }

    @Override
    public String toString() {
        return Words.approach(getApproach()) + " waits until " + fact + " is known";
    }
}
