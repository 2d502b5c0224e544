package dev.ladder.model;

/** A conclusion: this rung cannot be used here, until what {@code unblockedBy} says changes. */
public final class Blocked {
    private final Approach approach;
    private final String unblockedBy;

    public Blocked(Approach approach, String unblockedBy) {
        this.approach = approach;
        this.unblockedBy = unblockedBy;
    }

    public Approach getApproach() { return approach; }
    public String getUnblockedBy() { return unblockedBy; }

    /** Whether this block closes the option: a block on fine-tuning also closes the combined rung. */
    public boolean blocks(Option option) {
        return option.getApproach() == approach
                || (approach == Approach.FINE_TUNING && option.getApproach() == Approach.RAG_AND_FINE_TUNING)
                || (approach == Approach.RAG && option.getApproach() == Approach.RAG_AND_FINE_TUNING);
    }

    @Override
    public String toString() {
        return "Blocked(" + approach + " until " + unblockedBy + ")";
    }
}
