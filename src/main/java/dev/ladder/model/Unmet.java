package dev.ladder.model;

/** A conclusion: no open option meets this need. */
public final class Unmet {
    private final NeedKind need;

    public Unmet(NeedKind need) {
        this.need = need;
    }

    public NeedKind getNeed() { return need; }

    @Override
    public String toString() {
        return "unmet: " + need.code();
    }
}
