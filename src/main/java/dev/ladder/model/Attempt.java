package dev.ladder.model;

/** One thing already tried ({@code attempts[]}), with its place in the list. */
public final class Attempt {
    @Required
    private Approach approach;
    private Technique technique;
    @Required
    private Outcome outcome;
    @Text(maxLength = 1000)
    private String notes;
    private transient int index;

    public Approach getApproach() { return approach; }
    public Technique getTechnique() { return technique; }
    public Outcome getOutcome() { return outcome; }
    public String getNotes() { return notes; }

    /** Zero-based position in {@code attempts}, so the trail can name {@code attempts[i]}. */
    public int getIndex() { return index; }

    void setIndex(int index) { this.index = index; }

    /** Whether this attempt was made and fell short (outcome {@code partial} or {@code fails}). */
    public boolean isFellShort() {
        return outcome == Outcome.PARTIAL || outcome == Outcome.FAILS;
    }
}
