package dev.ladder.model;

/** A conclusion: this rung was tried and works. */
public final class Proven {
    private final Approach approach;
    private final Technique technique;

    public Proven(Approach approach, Technique technique) {
        this.approach = approach;
        this.technique = technique;
    }

    public Approach getApproach() { return approach; }
    public Technique getTechnique() { return technique; }

    @Override
    public String toString() {
        return Words.approach(approach) + (technique == null ? "" : " (" + technique.code() + ")") + " works";
    }
}
