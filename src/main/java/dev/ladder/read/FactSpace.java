package dev.ladder.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.model.Coded;
import dev.ladder.model.Group;
import dev.ladder.model.Range;
import dev.ladder.model.Scenario;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The values a scenario's facts can take, as re-deciding explores them: every fact field of the
 * groups rules match, each enum's codes, both booleans, and for numbers a grid of probes (1, 2
 * and 5 per decade across the field's range; twentieths of a score), to which the numbers of the
 * same unit that the rule base states or computes can be added. Also how to vary one scenario by
 * a few facts. Knows no threshold itself: what changes an answer is found by deciding.
 */
public final class FactSpace {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One fact field: its path, its declaration, and the probe values of a fact left unknown. */
    public record Fact(String path, Field field, List<JsonNode> values) {
        /** Whether it is a number (probed on a grid) rather than a code or a boolean. */
        public boolean numeric() {
            return field.getAnnotation(Range.class) != null;
        }
    }

    private static final List<Fact> FACTS = build();

    private FactSpace() {
    }

    /** Every fact field of the groups rules match, in group and declaration order. */
    public static List<Fact> facts() {
        return FACTS;
    }

    private static List<Fact> build() {
        List<Fact> facts = new ArrayList<>();
        for (Group group : Group.values()) {
            if (!group.isFact()) {
                continue;
            }
            for (Field field : group.type().getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                List<JsonNode> values = values(field);
                if (!values.isEmpty()) {
                    facts.add(new Fact(group.key() + "." + field.getName(), field, List.copyOf(values)));
                }
            }
        }
        return List.copyOf(facts);
    }

    private static List<JsonNode> values(Field field) {
        List<JsonNode> values = new ArrayList<>();
        Range range = field.getAnnotation(Range.class);
        if (range != null) {
            boolean integral = field.getType() == Long.class;
            for (double probe : probes(range, integral, null)) {
                values.add(number(probe, integral));
            }
        } else if (field.getType() == Boolean.class) {
            values.add(NODES.booleanNode(true));
            values.add(NODES.booleanNode(false));
        } else if (field.getType().isEnum() && Coded.class.isAssignableFrom(field.getType())) {
            for (Object constant : field.getType().getEnumConstants()) {
                if (((Coded) constant).acceptedInScenarios()) {
                    values.add(NODES.textNode(((Coded) constant).code()));
                }
            }
        }
        return values;
    }

    /**
     * Probe values along a numeric field's range: the twentieths of a score, or its minimum and
     * 1, 2 and 5 per decade up to 1e8; with a current value, also it, its half and its double.
     */
    public static TreeSet<Double> probes(Range range, boolean integral, Double current) {
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

    /**
     * A fact's probe values with {@code marks} added: for each number of the fact's unit (a
     * parameter, a figure the rules computed), the values just below, at and just above it, where
     * a rule comparing the fact with it turns.
     */
    public static List<JsonNode> values(Fact fact, Map<String, ? extends Collection<Double>> marks) {
        Range range = fact.field().getAnnotation(Range.class);
        if (range == null || !marks.containsKey(range.unit())) {
            return fact.values();
        }
        boolean integral = fact.field().getType() == Long.class;
        TreeSet<Double> probes = new TreeSet<>();
        fact.values().forEach(v -> probes.add(v.asDouble()));
        for (double mark : marks.get(range.unit())) {
            if (!Double.isFinite(mark)) {
                continue;
            }
            double at = integral ? Math.floor(mark) : Math.round(mark * 100) / 100.0;
            double step = integral ? 1 : 0.01;
            probes.add(at - step);
            probes.add(at);
            probes.add(at + step);
        }
        double min = range.minExclusive() ? (integral ? range.min() + 1 : range.min() + 1e-3) : range.min();
        probes.removeIf(p -> p < min || p > range.max());
        List<JsonNode> values = new ArrayList<>();
        probes.forEach(p -> values.add(number(p, integral)));
        return values;
    }

    /** A probe as a node of its field's kind. */
    public static JsonNode number(double value, boolean integral) {
        return integral ? NODES.numberNode((long) value) : NODES.numberNode(BigDecimal.valueOf(value));
    }

    /** The scenario as a tree to vary: canonical JSON without {@code expect}. */
    public static ObjectNode tree(Scenario scenario) {
        ObjectNode tree = StrictMapper.canonical().valueToTree(scenario);
        tree.remove("expect");
        return tree;
    }

    /** Whether {@code fact} ({@code group.field}) is unknown in the tree. */
    public static boolean unknown(ObjectNode tree, String fact) {
        int dot = fact.indexOf('.');
        JsonNode value = tree.path(fact.substring(0, dot)).get(fact.substring(dot + 1));
        return value == null || value.isNull();
    }

    /** A copy of {@code tree} with {@code fact} set to {@code value}. */
    public static ObjectNode with(ObjectNode tree, String fact, JsonNode value) {
        ObjectNode copy = tree.deepCopy();
        set(copy, fact, value);
        return copy;
    }

    /** A copy of {@code tree} with {@code fact} left unknown. */
    public static ObjectNode without(ObjectNode tree, String fact) {
        ObjectNode copy = tree.deepCopy();
        int dot = fact.indexOf('.');
        if (copy.get(fact.substring(0, dot)) instanceof ObjectNode group) {
            group.remove(fact.substring(dot + 1));
        }
        return copy;
    }

    /** Sets {@code fact} in {@code tree}, creating its group when absent. */
    public static void set(ObjectNode tree, String fact, JsonNode value) {
        int dot = fact.indexOf('.');
        String group = fact.substring(0, dot);
        ObjectNode node = tree.get(group) instanceof ObjectNode existing ? existing : tree.putObject(group);
        node.set(fact.substring(dot + 1), value);
    }

    /** The scenario a varied tree describes, its attempts numbered. */
    public static Scenario scenario(ObjectNode tree) {
        Scenario scenario;
        try {
            scenario = StrictMapper.forFile("varied.json").treeToValue(tree, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a varied scenario stays within the format", e);
        }
        scenario.indexAttempts();
        return scenario;
    }

    /** A node's value as a record shows it: a code, a boolean or a number. */
    public static Object plain(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            BigDecimal plain = node.decimalValue().stripTrailingZeros();
            return plain.scale() < 0 ? plain.setScale(0) : plain;   // 20, not 2E+1
        }
        return node.asText();
    }
}
