package dev.ladder.model;

/** A conclusion: this rung, with this technique, can meet this need. */
public final class Option {
    private final NeedKind need;
    private final Approach approach;
    private final Technique technique;

    public Option(NeedKind need, Approach approach, Technique technique) {
        this.need = need;
        this.approach = approach;
        this.technique = technique;
    }

    public NeedKind getNeed() { return need; }
    public Approach getApproach() { return approach; }

    /** The technique, or null when any technique of the rung fits. */
    public Technique getTechnique() { return technique; }

    @Override
    public String toString() {
        return Words.option(this);
    }
}
