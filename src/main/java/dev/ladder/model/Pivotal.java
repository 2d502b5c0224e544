package dev.ladder.model;

import java.util.List;
import java.util.Map;

/**
 * Evidence, found by re-deciding the scenario before its rules run: this unknown fact can change
 * the recommendation. With {@code given} applied (other unknown facts, often none), the fact at
 * {@code value} leads to {@code approach} with {@code techniques}, and at {@code otherValue} to
 * {@code otherApproach} with {@code otherTechniques}, a different recommendation. When no other
 * value was needed to show it ({@code otherValue} null), every value tried leads away from the
 * recommendation made with the fact unknown. Rules read it to say a fact is {@link Missing}; they
 * cannot claim a fact could change the answer without it.
 */
public final class Pivotal {
    private final String fact;
    private final Object value;
    private final Approach approach;
    private final List<String> techniques;
    private final Map<String, Object> given;
    private final Object otherValue;
    private final Approach otherApproach;
    private final List<String> otherTechniques;

    public Pivotal(String fact, Object value, Approach approach, List<String> techniques, Map<String, Object> given,
                   Object otherValue, Approach otherApproach, List<String> otherTechniques) {
        this.fact = fact;
        this.value = value;
        this.approach = approach;
        this.techniques = List.copyOf(techniques);
        this.given = Map.copyOf(given);
        this.otherValue = otherValue;
        this.otherApproach = otherApproach;
        this.otherTechniques = otherTechniques == null ? null : List.copyOf(otherTechniques);
    }

    /** The field path, e.g. {@code needs.style}. */
    public String getFact() { return fact; }

    /** A value of the fact that leads elsewhere: a code, a boolean or a number, as a file writes it. */
    public Object getValue() { return value; }

    /** Whether the fact is a price of the scenario's {@code pricing}, left at the rule base's list price. */
    public boolean isPrice() { return fact.startsWith(Group.PRICING.key() + "."); }

    public Approach getApproach() { return approach; }

    public List<String> getTechniques() { return techniques; }

    /** Values of other unknown facts, by path, under which the fact makes the difference; empty when alone. */
    public Map<String, Object> getGiven() { return given; }

    /** Another value of the fact that, with the same {@code given}, leads to another recommendation; may be null. */
    public Object getOtherValue() { return otherValue; }

    public Approach getOtherApproach() { return otherApproach; }

    public List<String> getOtherTechniques() { return otherTechniques; }

    @Override
    public String toString() {
        String text = "re-decided: " + fact + " = " + value + " leads to " + recommendation(approach, techniques);
        if (otherValue != null) {
            text += ", " + fact + " = " + otherValue + " to " + recommendation(otherApproach, otherTechniques);
        }
        if (!given.isEmpty()) {
            text += " (given " + given.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " = " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("") + ")";
        }
        return text;
    }

    private static String recommendation(Approach approach, List<String> techniques) {
        return approach.name() + (techniques.isEmpty() ? "" : " " + techniques);
    }
}
