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

    /**
     * What is wrong with this attempt's technique, or null: a technique names the rung it
     * belongs to, so it must match the attempt's approach (a retrieval attempt takes none).
     */
    public String techniqueProblem() {
        if (technique == null || approach == null || technique.getApproach() == approach) {
            return null;
        }
        String rung = technique.getApproach() == null ? "an advice" : "a " + technique.getApproach().code();
        return "'" + technique.code() + "' is " + rung + " technique, not one for a " + approach.code()
                + " attempt (" + (approach == Approach.RAG ? "a rag attempt names no technique"
                : "expected one of: " + Technique.codesFor(approach)) + ")";
    }

    /** Whether this attempt was made and fell short (outcome {@code partial} or {@code fails}). */
    public boolean isFellShort() {
        return outcome == Outcome.PARTIAL || outcome == Outcome.FAILS;
    }
}
