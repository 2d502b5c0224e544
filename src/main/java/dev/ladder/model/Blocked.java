package dev.ladder.model;

/**
 * A conclusion: this rung cannot be used here, until what {@code unblockedBy} says changes. A
 * resolving rule may lift a block by overriding it.
 */
public class Blocked {
    private final Approach approach;
    private final String topic;
    private final String unblockedBy;

    public Blocked(Approach approach, String topic, String unblockedBy) {
        this.approach = approach;
        this.topic = topic;
        this.unblockedBy = unblockedBy;
    }

    public Approach getApproach() { return approach; }

    /** What the block is about ("training data", "platform", "budget"), so a rule can lift a kind of block. */
    public String getTopic() { return topic; }

    public String getUnblockedBy() { return unblockedBy; }

    /** The unknown scenario fact this waits for, or null for a block on a known fact. */
    public String getFact() { return null; }

    /** Whether this block closes the option: a block on fine-tuning also closes the combined rung. */
    public boolean blocks(Option option) {
        return closesRung(approach, option);
    }

    /** Whether a verdict on {@code rung} reaches the option: the combined rung shares both of its parts. */
    static boolean closesRung(Approach rung, Option option) {
        return option.getApproach() == rung
                || ((rung == Approach.FINE_TUNING || rung == Approach.RAG) && option.getApproach() == Approach.RAG_AND_FINE_TUNING);
    }

    @Override
    public String toString() {
        return Words.approach(approach) + " is blocked (" + topic + ") until " + unblockedBy;
    }
}
