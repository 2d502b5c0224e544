package dev.ladder.model;

/**
 * A conclusion: a rule took something on trust that this unknown fact would settle, as a fine-tune
 * reported to work is believed until its scores are given. Unlike {@link Pending}, it holds no
 * rung back; it tells re-deciding which facts to supply together when looking for what could
 * change the answer.
 */
public final class Awaits {
    private final String fact;

    public Awaits(String fact) {
        this.fact = fact;
    }

    /** The field path, e.g. {@code evaluation.taskScoreAfter}. */
    public String getFact() { return fact; }

    @Override
    public String toString() {
        return "awaits " + fact;
    }
}
