package dev.ladder.model;

/**
 * A conclusion: why an approach is not the recommendation, and, where the rule that closed it
 * says, what would change that. Its reason is the trail's reason for the rule that inserted it.
 */
public final class WhyNot {
    private final Approach approach;
    private final String wouldChangeIf;

    public WhyNot(Approach approach, String wouldChangeIf) {
        this.approach = approach;
        this.wouldChangeIf = wouldChangeIf;
    }

    public Approach getApproach() { return approach; }

    /** The condition that would lift what closed it, or null when no rule states one. */
    public String getWouldChangeIf() { return wouldChangeIf; }

    @Override
    public String toString() {
        return "why not " + approach + (wouldChangeIf == null ? "" : " (would change if " + wouldChangeIf + ")");
    }
}
