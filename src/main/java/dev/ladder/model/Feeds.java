package dev.ladder.model;

import java.util.List;
import java.util.Map;

/**
 * Evidence, found by re-deciding the scenario before its rules run: this unknown fact feeds
 * figures of the record (costs, latency estimates) but no value tried changes the recommendation.
 * With {@code given} applied (other unknown facts, often none), the fact at {@code value} gives
 * the figures {@code at}, and left unknown the figures {@code unknown} (a figure absent from it is
 * not computed while the fact is unknown). {@code defaultUsed} is the value the figures left
 * unknown are computed as if the fact had: a value tried that gives the same figures, or the rule
 * base's list price for a price; null when none does. Rules read it to say a fact is an
 * {@link UnknownFigure}; they cannot claim it without this.
 */
public final class Feeds {
    private final String fact;
    private final List<String> figures;
    private final Object defaultUsed;
    private final Map<String, Object> given;
    private final Object value;
    private final Map<String, Double> at;
    private final Map<String, Double> unknown;
    private final List<Object> tried;

    public Feeds(String fact, List<String> figures, Object defaultUsed, Map<String, Object> given, Object value,
                 Map<String, Double> at, Map<String, Double> unknown, List<Object> tried) {
        this.fact = fact;
        this.figures = List.copyOf(figures);
        this.defaultUsed = defaultUsed;
        this.given = Map.copyOf(given);
        this.value = value;
        this.at = Map.copyOf(at);
        this.unknown = Map.copyOf(unknown);
        this.tried = List.copyOf(tried);
    }

    /** The values re-deciding tried, as words a reason can quote: {@code 0.15 and 0.6}. */
    public String getTried() {
        List<String> words = tried.stream().map(Numbers::format).toList();
        return words.size() < 2 ? String.join("", words)
                : String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    /** The field path, e.g. {@code usage.inputTokensPerRequest} or {@code pricing.largeModelInputPerMTokUsd}. */
    public String getFact() { return fact; }

    /** The figures it feeds, by item ({@code perDay.PROMPTING}), sorted. */
    public List<String> getFigures() { return figures; }

    /** The value the figures are computed as if the fact had; null when there is none. */
    public Object getDefaultUsed() { return defaultUsed; }

    /** Values of other unknown facts, by path, under which the figures exist; empty when none are needed. */
    public Map<String, Object> getGiven() { return given; }

    /** A value of the fact that changes the figures. */
    public Object getValue() { return value; }

    /** The figures it feeds with the fact at {@code value}. */
    public Map<String, Double> getAt() { return at; }

    /** The figures it feeds with the fact left unknown; those absent are not computed then. */
    public Map<String, Double> getUnknown() { return unknown; }

    /** Whether the fact is a price of the scenario's {@code pricing}, left at the rule base's list price. */
    public boolean isPrice() { return fact.startsWith(Group.PRICING.key() + "."); }

    /** Whether any figure it feeds is computed while the fact is unknown. */
    public boolean isComputedUnknown() { return !unknown.isEmpty(); }

    /** How the figures stand in for the fact, for a reason: {@code  as if it were product}, or nothing. */
    public String getAsIf() { return defaultUsed == null ? "" : " as if it were " + Numbers.format(defaultUsed); }

    /** The figures it feeds, as words a reason can quote. */
    public String getItems() { return String.join(", ", figures); }

    @Override
    public String toString() {
        String text = "re-decided: " + fact + " = " + value + " gives " + show(at) + "; left unknown, "
                + (unknown.isEmpty() ? "they are not computed" : show(unknown));
        if (!given.isEmpty()) {
            text += " (given " + given.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " = " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("") + ")";
        }
        return text;
    }

    private static String show(Map<String, Double> figures) {
        return figures.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " = " + Numbers.format(e.getValue())).reduce((a, b) -> a + ", " + b).orElse("none");
    }
}
