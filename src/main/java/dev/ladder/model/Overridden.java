package dev.ladder.model;

/** A conclusion of a resolving rule: another conclusion loses and no longer counts. */
public final class Overridden {
    private final Object target;

    public Overridden(Object target) {
        this.target = target;
    }

    /** The losing conclusion. */
    public Object getTarget() { return target; }

    @Override
    public String toString() {
        return "overridden: " + target;
    }
}
