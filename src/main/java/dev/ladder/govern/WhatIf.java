package dev.ladder.govern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.Advisor;
import dev.ladder.LadderException;
import dev.ladder.model.Coded;
import dev.ladder.model.Group;
import dev.ladder.model.Numbers;
import dev.ladder.model.Range;
import dev.ladder.model.Scenario;
import dev.ladder.read.FactSpace;
import dev.ladder.read.StrictMapper;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What-if analysis: for each numeric fact, where along its range the recommendation changes,
 * and for each enum and boolean fact, which other values change it. Every answer comes from
 * re-deciding varied copies of the scenario with the rule base; nothing here knows a threshold.
 */
public final class WhatIf {

    /** A run of values over which the approach stays the same; {@code to} is null when open-ended. */
    public record Segment(BigDecimal from, BigDecimal to, String approach) {
    }

    /** How the approach depends on one numeric fact. */
    public record Sensitivity(String fact, BigDecimal current, List<Segment> segments, String nearestChange,
                              BigDecimal margin) {
    }

    /** One other value of an enum or boolean fact, and the approach it leads to. */
    public record Alternative(String fact, String current, String value, String approach) {
    }

    /** The analysis of one scenario. */
    public record Report(String scenario, String approach, List<Sensitivity> numbers, List<Alternative> changes,
                         int decisions) {
    }

    private final Advisor advisor;
    private final ObjectNode base;
    private final String name;
    private final Predicate<String> explored;
    /** Whether boundaries are searched to the last unit, or left at the first probe past them. */
    private final boolean exact;
    private int decisions;

    private WhatIf(Advisor advisor, Scenario scenario, String name, Predicate<String> explored, boolean exact) {
        this.advisor = advisor;
        this.explored = explored;
        this.exact = exact;
        this.base = FactSpace.tree(scenario);
        this.name = name;
    }

    /** Explores every numeric, enum and boolean fact of the scenario's groups. */
    public static Report explore(Advisor advisor, Scenario scenario, String name) throws LadderException {
        return new WhatIf(advisor, scenario, name, fact -> true, true).run();
    }

    /**
     * Which approaches the facts {@code explored} accepts (by path, {@code usage.requestsPerDay})
     * can lead to: the same probes as {@link #explore}, but a numeric boundary is left at the
     * first probe past it (1, 2, 5 per decade) instead of being searched for, so the segments'
     * approaches are exact and their ends approximate. Several times cheaper.
     */
    public static Report reach(Advisor advisor, Scenario scenario, String name, Predicate<String> explored)
            throws LadderException {
        return new WhatIf(advisor, scenario, name, explored, false).run();
    }

    private Report run() throws LadderException {
        String now = approach(base);
        List<Sensitivity> numbers = new ArrayList<>();
        List<Alternative> changes = new ArrayList<>();
        for (Group scenarioGroup : Group.values()) {
            String group = scenarioGroup.key();
            Class<?> type = scenarioGroup.type();
            for (Field field : type.getDeclaredFields()) {
                String fact = group + "." + field.getName();
                if (!explored.test(fact)) {
                    continue;
                }
                JsonNode current = base.path(group).get(field.getName());
                if (field.getAnnotation(Range.class) != null) {
                    numbers.add(numeric(fact, field, current, now));
                } else if (field.getType() == Boolean.class) {
                    for (boolean value : new boolean[] {true, false}) {
                        if (current == null || current.asBoolean() != value) {
                            alternative(changes, fact, current, String.valueOf(value), now,
                                    StrictMapper.canonical().getNodeFactory().booleanNode(value));
                        }
                    }
                } else if (field.getType().isEnum() && Coded.class.isAssignableFrom(field.getType())) {
                    for (Object constant : field.getType().getEnumConstants()) {
                        String code = ((Coded) constant).code();
                        if (((Coded) constant).acceptedInScenarios() && (current == null || !current.asText().equals(code))) {
                            alternative(changes, fact, current, code, now,
                                    StrictMapper.canonical().getNodeFactory().textNode(code));
                        }
                    }
                }
            }
        }
        numbers.removeIf(s -> s.segments().size() < 2);
        return new Report(base.path("id").asText(), now, numbers, changes, decisions);
    }

    private void alternative(List<Alternative> changes, String fact, JsonNode current, String value, String now,
                             JsonNode node) throws LadderException {
        String approach = approach(with(fact, node));
        if (!approach.equals(now)) {
            changes.add(new Alternative(fact, current == null ? "unknown" : current.asText(), value, approach));
        }
    }

    private Sensitivity numeric(String fact, Field field, JsonNode current, String now) throws LadderException {
        Range range = field.getAnnotation(Range.class);
        boolean integral = field.getType() == Long.class;
        TreeSet<Double> probes = FactSpace.probes(range, integral, current == null ? null : current.asDouble());
        TreeMap<Double, String> seen = new TreeMap<>();
        for (double probe : probes) {
            seen.put(probe, approachAt(fact, probe, integral));
        }
        List<Segment> segments = new ArrayList<>();
        Double start = seen.firstKey();
        String running = seen.firstEntry().getValue();
        Double previous = start;
        for (Map.Entry<Double, String> entry : seen.tailMap(start, false).entrySet()) {
            if (!entry.getValue().equals(running)) {
                double boundary = exact ? boundary(fact, previous, entry.getKey(), running, integral) : entry.getKey();
                segments.add(new Segment(decimal(start), decimal(integral ? boundary - 1 : boundary), running));
                start = boundary;
                running = entry.getValue();
            }
            previous = entry.getKey();
        }
        segments.add(new Segment(decimal(start), null, running));
        return nearest(fact, current == null ? null : current.asDouble(), segments, now, integral);
    }

    /** The first value, between one that gives {@code low} and one that does not, that does not. */
    private double boundary(String fact, double same, double different, String low, boolean integral)
            throws LadderException {
        double a = same;
        double b = different;
        while (integral ? b - a > 1 : b - a > Math.max(1e-4, Math.abs(b) * 1e-4)) {
            double mid = integral ? Math.floor(a / 2 + b / 2) : a / 2 + b / 2;
            if (mid <= a || mid >= b) {
                break;   // no double lies between them: this is as near as a number can say
            }
            if (approachAt(fact, mid, integral).equals(low)) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return b;
    }

    private Sensitivity nearest(String fact, Double current, List<Segment> segments, String now, boolean integral) {
        String text = null;
        BigDecimal margin = null;
        if (current != null) {
            double best = Double.MAX_VALUE;
            for (int i = 1; i < segments.size(); i++) {
                double boundary = segments.get(i).from().doubleValue();
                String above = segments.get(i).approach();
                String below = segments.get(i - 1).approach();
                if (current < boundary && !above.equals(now) && boundary - current < best) {
                    best = boundary - current;
                    text = "with " + fact + " >= " + Numbers.format(boundary) + " the approach becomes " + above;
                    margin = decimal(boundary - current);
                } else if (current >= boundary && !below.equals(now) && current - boundary < best) {
                    best = current - boundary;
                    text = "with " + fact + " < " + Numbers.format(boundary) + " the approach becomes " + below;
                    // the nearest value that changes it lies just below the boundary
                    margin = decimal((integral ? boundary - 1 : boundary) - current);
                }
            }
        }
        return new Sensitivity(fact, current == null ? null : decimal(current), segments, text, margin);
    }

    private String approachAt(String fact, double value, boolean integral) throws LadderException {
        return approach(with(fact, FactSpace.number(value, integral)));
    }

    private ObjectNode with(String fact, JsonNode value) {
        return FactSpace.with(base, fact, value);
    }

    private String approach(ObjectNode tree) throws LadderException {
        decisions++;
        return advisor.recommend(FactSpace.scenario(tree), name).name();
    }

    private static BigDecimal decimal(double value) {
        return Numbers.round(value);
    }
}
