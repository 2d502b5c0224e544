package dev.ladder.model;

/** The conclusion: the rung to take now. */
public final class Recommendation {
    private final Approach approach;

    public Recommendation(Approach approach) {
        this.approach = approach;
    }

    public Approach getApproach() { return approach; }

    /** Whether the recommendation includes fine-tuning. */
    public boolean isFineTuning() {
        return approach == Approach.FINE_TUNING || approach == Approach.RAG_AND_FINE_TUNING;
    }

    /** Whether the recommendation includes retrieval. */
    public boolean isRetrieval() {
        return approach == Approach.RAG || approach == Approach.RAG_AND_FINE_TUNING;
    }

    @Override
    public String toString() {
        return "the recommendation: " + Words.approach(approach);
    }
}
