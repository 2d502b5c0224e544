package dev.ladder.model;

/** A conclusion: use this technique alongside the recommended rung. */
public final class Advice {
    private final Technique technique;

    public Advice(Technique technique) {
        this.technique = technique;
    }

    public Technique getTechnique() { return technique; }

    @Override
    public String toString() {
        return "technique " + technique.code();
    }
}
