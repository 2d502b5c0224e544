package dev.ladder.model;

/**
 * A conclusion that is a position on a question, where sources may disagree: the topic names
 * the question ("training data"), the verdict the position ("enough to pay off").
 */
public final class Finding {
    private final String topic;
    private final String verdict;

    public Finding(String topic, String verdict) {
        this.topic = topic;
        this.verdict = verdict;
    }

    public String getTopic() { return topic; }
    public String getVerdict() { return verdict; }

    @Override
    public String toString() {
        return topic + ": " + verdict;
    }
}
