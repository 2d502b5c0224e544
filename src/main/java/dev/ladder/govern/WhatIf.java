package dev.ladder.govern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.Advisor;
import dev.ladder.LadderException;
import dev.ladder.model.Coded;
import dev.ladder.model.Group;
import dev.ladder.model.Numbers;
import dev.ladder.model.Range;
import dev.ladder.model.Scenario;
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
        this.base = StrictMapper.canonical().valueToTree(scenario);
        this.base.remove("expect");
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
        TreeSet<Double> probes = probes(range, integral, current == null ? null : current.asDouble());
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

    private static TreeSet<Double> probes(Range range, boolean integral, Double current) {
        TreeSet<Double> probes = new TreeSet<>();
        double min = range.minExclusive() ? (integral ? range.min() + 1 : range.min() + 1e-3) : range.min();
        if (range.max() <= 1) {
            for (int i = 0; i <= 20; i++) {
                probes.add(i / 20.0);
            }
        } else {
            probes.add(min);
            for (double scale = integral ? 1 : 0.01; scale <= 1e8; scale *= 10) {
                for (double step : new double[] {1, 2, 5}) {
                    probes.add(step * scale);
                }
            }
        }
        if (current != null) {
            probes.add(current);
            probes.add(Math.max(min, integral ? Math.floor(current / 2) : current / 2));
            probes.add(Math.min(range.max(), current * 2));
        }
        // twice a value near the largest double is infinite: no scenario can hold it
        probes.removeIf(p -> !Double.isFinite(p) || p < min || p > range.max());
        return probes;
    }

    private String approachAt(String fact, double value, boolean integral) throws LadderException {
        var factory = StrictMapper.canonical().getNodeFactory();
        return approach(with(fact, integral ? factory.numberNode((long) value) : factory.numberNode(value)));
    }

    private ObjectNode with(String fact, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        String[] path = fact.split("\\.");
        ObjectNode group = copy.has(path[0]) && copy.get(path[0]).isObject() ? (ObjectNode) copy.get(path[0]) : copy.putObject(path[0]);
        group.set(path[1], value);
        return copy;
    }

    private String approach(ObjectNode tree) throws LadderException {
        decisions++;
        Scenario scenario;
        try {
            scenario = StrictMapper.forFile("whatif.json").treeToValue(tree, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a varied scenario stays within the format", e);
        }
        scenario.indexAttempts();
        return advisor.recommend(scenario, name).name();
    }

    private static BigDecimal decimal(double value) {
        return Numbers.round(value);
    }
}
