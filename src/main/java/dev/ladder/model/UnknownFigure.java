package dev.ladder.model;

/**
 * A conclusion: the record's figures rest on this unknown fact, which did not change the
 * recommendation at any value tried. A rule can say so only of a fact that re-deciding showed to
 * feed figures ({@link Feeds}), and the record carries that evidence beside the rule's words.
 */
public final class UnknownFigure {
    private final Feeds feeds;

    public UnknownFigure(Feeds feeds) {
        this.feeds = java.util.Objects.requireNonNull(feeds, "an unknown figure needs the evidence that the fact feeds it");
    }

    /** The field path, e.g. {@code usage.inputTokensPerRequest}. */
    public String getFact() { return feeds.getFact(); }

    /** The re-decision that shows which figures the fact feeds. */
    public Feeds getFeeds() { return feeds; }

    @Override
    public String toString() {
        return "figures rest on: " + getFact();
    }
}
