package dev.ladder.model;

/**
 * A conclusion: this rung (or one technique of it) has hit its ceiling, because it was tried
 * and fell short or because a sign of the wall is present. A null technique means every one.
 */
public final class Exhausted {
    private final Approach approach;
    private final Technique technique;

    public Exhausted(Approach approach, Technique technique) {
        this.approach = approach;
        this.technique = technique;
    }

    public Approach getApproach() { return approach; }
    public Technique getTechnique() { return technique; }

    /** Whether this ceiling closes the given option. */
    public boolean closes(Option option) {
        return option.getApproach() == approach && (technique == null || technique == option.getTechnique());
    }

    @Override
    public String toString() {
        return "Exhausted(" + approach + (technique == null ? "" : " " + technique.code()) + ")";
    }
}
