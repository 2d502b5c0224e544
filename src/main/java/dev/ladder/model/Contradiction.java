package dev.ladder.model;

/**
 * A conclusion: two facts of the scenario contradict each other. Each side is quoted as the
 * scenario states it ({@code needs.knowledge = none}); a resolving rule says which prevails.
 */
public final class Contradiction {
    private final String topic;
    private final String first;
    private final String second;

    public Contradiction(String topic, String first, String second) {
        this.topic = topic;
        this.first = first;
        this.second = second;
    }

    /** What the two facts disagree about, e.g. "knowledge". */
    public String getTopic() { return topic; }
    public String getFirst() { return first; }
    public String getSecond() { return second; }

    @Override
    public String toString() {
        return "contradiction (" + topic + "): " + first + " against " + second;
    }
}
