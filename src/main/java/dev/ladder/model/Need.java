package dev.ladder.model;

/** A conclusion: the application has this need, for the reason the inserting rule gives. */
public final class Need {
    private final NeedKind kind;
    private final String detail;

    public Need(NeedKind kind, String detail) {
        this.kind = kind;
        this.detail = detail;
    }

    public NeedKind getKind() { return kind; }

    /** A few words naming the need for summaries, e.g. "proprietary, weekly-changing knowledge". */
    public String getDetail() { return detail; }

    @Override
    public String toString() {
        return "need: " + detail;
    }
}
