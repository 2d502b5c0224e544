package dev.ladder.model;

import java.util.List;

/**
 * A conclusion: why an approach is not the recommendation, the findings that decided it and,
 * where the rule that closed it says, what would change that. Its reason is the trail's reason
 * for the rule that inserted it.
 */
public final class WhyNot {
    private final Approach approach;
    private final String wouldChangeIf;
    private final List<Object> because;

    public WhyNot(Approach approach, String wouldChangeIf) {
        this(approach, wouldChangeIf, List.of());
    }

    /**
     * @param because the conclusions that decided it (blocks, ceilings, overrides, unknown facts),
     *                whose rules the record lists right after the why-not's own
     */
    public WhyNot(Approach approach, String wouldChangeIf, List<?> because) {
        this.approach = approach;
        this.wouldChangeIf = wouldChangeIf;
        this.because = List.copyOf(because);
    }

    /** Decided by two kinds of findings: {@code first}'s, then {@code then}'s. */
    public WhyNot(Approach approach, String wouldChangeIf, List<?> first, List<?> then) {
        this(approach, wouldChangeIf, java.util.stream.Stream.concat(first.stream(), then.stream()).toList());
    }

    public Approach getApproach() { return approach; }

    /** The condition that would lift what closed it, or null when no rule states one. */
    public String getWouldChangeIf() { return wouldChangeIf; }

    /** The conclusions that decided it, in the order the rule gave them. */
    public List<Object> getBecause() { return because; }

    @Override
    public String toString() {
        return "why not " + approach + (wouldChangeIf == null ? "" : " (would change if " + wouldChangeIf + ")");
    }
}
