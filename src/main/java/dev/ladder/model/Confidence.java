package dev.ladder.model;

/** The conclusion: how sure the recommendation is. */
public final class Confidence {
    private final Level level;

    public Confidence(Level level) {
        this.level = level;
    }

    public Level getLevel() { return level; }

    @Override
    public String toString() {
        return "confidence " + level.code();
    }
}
