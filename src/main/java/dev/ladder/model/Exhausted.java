package dev.ladder.model;

/**
 * A conclusion: this rung (or one technique of it) has hit its ceiling, because it was tried
 * and fell short or because a sign of the wall is present. A null technique means every one; a
 * null need means every need (a few-shot prompt that fell short on the task says nothing of the
 * format it was also asked for).
 */
public final class Exhausted {
    private final Approach approach;
    private final Technique technique;
    private final NeedKind need;

    public Exhausted(Approach approach, Technique technique) {
        this(approach, technique, null);
    }

    public Exhausted(Approach approach, Technique technique, NeedKind need) {
        this.approach = approach;
        this.technique = technique;
        this.need = need;
    }

    public Approach getApproach() { return approach; }
    public Technique getTechnique() { return technique; }

    /** The need the attempt was made for, or null when it speaks for every need. */
    public NeedKind getNeed() { return need; }

    /** Whether this ceiling closes the given option. */
    public boolean closes(Option option) {
        return option.getApproach() == approach && (technique == null || technique == option.getTechnique())
                && (need == null || need == option.getNeed());
    }

    @Override
    public String toString() {
        return Words.approach(approach) + (technique == null ? "" : " (" + technique.code() + ")") + " has reached its ceiling"
                + (need == null ? "" : " for " + need.code());
    }
}
