package dev.ladder.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.LadderException;
import dev.ladder.model.Feeds;
import dev.ladder.model.Group;
import dev.ladder.model.Pivotal;
import dev.ladder.model.Pricing;
import dev.ladder.model.Range;
import dev.ladder.model.Scenario;
import dev.ladder.read.FactSpace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds, by re-deciding, which unknown facts of a scenario can change its recommendation
 * (approach or techniques). Each unknown fact is tried at every value of {@link FactSpace} (for a
 * number, also beside the parameters and figures of its unit), the other facts as they are, and is
 * pivotal when some value leads elsewhere than the fact left unknown does. A value under which
 * facts would contradict each other is not one the fact can take. A fact that changes nothing
 * alone is tried again with the facts a rung waits for ({@code Pending}) or a conclusion awaits
 * ({@code Awaits}) filled in, at values that neither keep them waited for nor add a block; those
 * values are its {@code given}. Each finding keeps the value, where it leads, and another value
 * that leads elsewhere, so anyone can check it by deciding the variants. The prices a scenario
 * leaves at the rule base's list prices are tried the same way, at half and twice the list price.
 * The facts and prices that no value makes pivotal but that move a figure (a cost, a latency
 * estimate) are found from the same decisions, or with the other unknown numbers filled in where
 * the figure needs them ({@link Feeds}). The rules then say which of these facts are
 * {@code Missing} and which the figures rest on; this class decides nothing itself.
 */
final class PivotalFacts {
    private final Decider decider;
    private final String name;
    private final Map<String, List<Double>> parameterMarks;
    private int decisions;

    /** The rule base's list prices by parameter name ({@code pricing.trainingPerMTokUsd}). */
    private final Map<String, Double> listPrices;

    private PivotalFacts(Decider decider, String name) {
        this.decider = decider;
        this.name = name;
        this.parameterMarks = decider.parameterMarks();
        this.listPrices = decider.prices();
    }

    /**
     * What was found: the pivotal facts, the facts that feed figures without changing the
     * recommendation, and how many decisions it took.
     */
    record Found(List<Pivotal> pivotal, List<Feeds> feeds, int decisions) {
    }

    /**
     * The pivotal facts of {@code scenario}, in the order of {@link FactSpace#facts()} and then
     * the prices, and the facts that feed its figures, in the same order.
     */
    static Found of(Decider decider, Scenario scenario, String name) throws LadderException {
        PivotalFacts search = new PivotalFacts(decider, name);
        List<Pivotal> pivotal = search.find(scenario);
        return new Found(List.copyOf(pivotal), List.copyOf(search.feeds), search.decisions);
    }

    /** The figures each fact gave at the values tried alone, for the facts not found pivotal. */
    private final Map<FactSpace.Fact, Map<JsonNode, Map<String, Double>>> alone = new LinkedHashMap<>();
    private final List<Feeds> feeds = new ArrayList<>();

    private List<Pivotal> find(Scenario scenario) throws LadderException {
        ObjectNode base = FactSpace.tree(scenario);
        List<FactSpace.Fact> unknown = FactSpace.facts().stream().filter(f -> FactSpace.unknown(base, f.path())).toList();
        List<Pivotal> found = new ArrayList<>();
        List<FactSpace.Fact> prices = prices(base);
        if (unknown.isEmpty() && prices.isEmpty()) {
            return found;
        }
        Decider.Probed baseline = probed(scenario);
        List<FactSpace.Fact> rest = new ArrayList<>();
        // a price can move only what is costed: tried alone when the scenario as it is has figures
        List<FactSpace.Fact> first = new ArrayList<>(unknown);
        if (!baseline.items().isEmpty()) {
            first.addAll(prices);
        }
        for (FactSpace.Fact fact : first) {
            Pivotal pivotal = probe(base, fact, baseline, Map.of());
            if (pivotal != null) {
                found.add(pivotal);
            } else if (unknown.contains(fact)) {
                rest.add(fact);
            }
        }
        // A fact that changes nothing alone may still decide once the facts a rung waits for are
        // known, each at a value that neither keeps it waiting nor blocks a rung: try the rest so.
        Map<FactSpace.Fact, JsonNode> enabling = enabling(base, unknown, baseline);
        Decider.Probed whole = null;   // the scenario with every waited-for fact filled, decided once
        for (FactSpace.Fact fact : enabling.isEmpty() ? List.<FactSpace.Fact>of() : rest) {
            ObjectNode filled = base.deepCopy();
            Map<String, Object> given = new TreeMap<>();
            enabling.forEach((other, value) -> {
                if (other != fact) {
                    FactSpace.set(filled, other.path(), value);
                    given.put(other.path(), FactSpace.plain(value));
                }
            });
            if (given.isEmpty()) {
                continue;
            }
            Decider.Probed now;
            if (enabling.containsKey(fact)) {
                now = probed(FactSpace.scenario(filled));
            } else {
                whole = whole != null ? whole : probed(FactSpace.scenario(filled));
                now = whole;
            }
            Pivotal pivotal = probe(filled, fact, now, given);
            if (pivotal != null) {
                found.add(pivotal);
            }
        }
        List<FactSpace.Fact> all = allOf(unknown, prices);
        found.sort(Comparator.comparingInt(p -> order(all, p.getFact())));
        figures(base, unknown, prices, baseline, found);
        return found;
    }

    /**
     * The prices of the rule base a scenario can override and does not, each tried at half and
     * twice the rule base's price, as list prices of comparable models differ between providers
     * (a fee of 0 at 100 and 1,000 a month; a cache discount at 0.25 and 0.9).
     */
    private List<FactSpace.Fact> prices(ObjectNode base) {
        List<FactSpace.Fact> prices = new ArrayList<>();
        for (java.lang.reflect.Field field : Pricing.class.getDeclaredFields()) {
            String path = Group.PRICING.key() + "." + field.getName();
            Double price = listPrices.get(path);
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || price == null || !FactSpace.unknown(base, path)) {
                continue;
            }
            Range range = field.getAnnotation(Range.class);
            java.util.TreeSet<Double> values = new java.util.TreeSet<>();
            if (range != null && range.max() <= 1) {
                values.addAll(List.of(0.25, 0.9));
            } else if (price == 0) {
                values.addAll(List.of(100.0, 1_000.0));
            } else {
                values.add(Math.round(price * 5_000) / 10_000.0);
                values.add(Math.round(price * 20_000) / 10_000.0);
            }
            values.remove(price);
            List<JsonNode> nodes = new ArrayList<>();
            values.forEach(v -> nodes.add(FactSpace.number(v, false)));
            prices.add(new FactSpace.Fact(path, field, List.copyOf(nodes)));
        }
        return prices;
    }

    /**
     * The facts, not pivotal, that feed figures of the record: alone, where a value tried gives
     * other figures than the fact left unknown; or, where the figures need more facts known
     * (token counts need each other and the volume), with the other unknown numbers the figures
     * rest on filled in at values that keep the recommendation (the
     * {@code given} of the finding). Of the two, the finding that shows more figures is kept.
     */
    private void figures(ObjectNode base, List<FactSpace.Fact> unknown, List<FactSpace.Fact> prices, Decider.Probed baseline,
                         List<Pivotal> pivotal) throws LadderException {
        Set<String> pivots = new HashSet<>();
        pivotal.forEach(p -> pivots.add(p.getFact()));
        Map<String, Feeds> found = new LinkedHashMap<>();
        for (FactSpace.Fact fact : alone.keySet()) {
            if (!pivots.contains(fact.path())) {
                Feeds feeding = feeds(fact, alone.get(fact), baseline.items(), Map.of());
                if (feeding != null) {
                    found.put(fact.path(), feeding);
                }
            }
        }
        Joint joint = joint(base, unknown, baseline);
        if (joint != null) {
            for (FactSpace.Fact fact : joint.fill().keySet()) {
                if (pivots.contains(fact.path())) {
                    continue;
                }
                Decider.Probed without = probed(FactSpace.scenario(FactSpace.without(joint.tree(), fact.path())));
                Feeds feeding = without.outcome().equals(joint.probed().outcome())
                        ? feeds(fact, Map.of(joint.fill().get(fact), joint.probed().items()), without.items(),
                        given(joint.fill(), fact)) : null;
                if (feeding != null && (!found.containsKey(fact.path())
                        || feeding.getFigures().size() > found.get(fact.path()).getFigures().size())) {
                    found.put(fact.path(), feeding);
                }
            }
            // a price that moved nothing alone (the costs it enters were not computed) is tried on the filled scenario
            for (FactSpace.Fact price : prices) {
                    if (pivots.contains(price.path()) || found.containsKey(price.path())) {
                        continue;
                    }
                    Map<JsonNode, Map<String, Double>> tried = new LinkedHashMap<>();
                    boolean kept = true;
                    for (JsonNode value : price.values()) {
                        Decider.Probed now = probed(FactSpace.scenario(FactSpace.with(joint.tree(), price.path(), value)));
                        kept &= now.outcome().equals(joint.probed().outcome()) && consistent(now, baseline);
                        tried.put(value, now.items());
                    }
                    Feeds feeding = kept ? feeds(price, tried, joint.probed().items(), given(joint.fill(), null)) : null;
                    if (feeding != null) {
                        found.put(price.path(), feeding);
                    }
            }
        }
        List<FactSpace.Fact> all = allOf(unknown, prices);
        found.values().stream().sorted(Comparator.comparingInt(f -> order(all, f.getFact()))).forEach(feeds::add);
    }

    /** The scenario with some unknown numbers filled in, the filling, and how it decides. */
    private record Joint(ObjectNode tree, Map<FactSpace.Fact, JsonNode> fill, Decider.Probed probed) {
    }

    /** Where to try a number in the filling: a third of the way along its values, then a quarter, a half, a sixth. */
    private static final double[] FILL_AT = {1 / 3.0, 1 / 4.0, 1 / 2.0, 1 / 6.0};

    /**
     * The unknown numbers filled one at a time, each at the first of {@link #FILL_AT} that keeps
     * the recommendation and adds no contradiction; then only those the figures rest on (left unknown,
     * the figures differ) are kept, and the scenario so filled must still keep the recommendation.
     * Null when nothing is costed so.
     */
    private Joint joint(ObjectNode base, List<FactSpace.Fact> unknown, Decider.Probed baseline) throws LadderException {
        ObjectNode filled = base.deepCopy();
        Map<FactSpace.Fact, JsonNode> fill = new LinkedHashMap<>();
        Decider.Probed joint = baseline;
        for (FactSpace.Fact fact : unknown) {
            if (!fact.numeric()) {
                continue;
            }
            for (double share : FILL_AT) {
                JsonNode value = fact.values().get((int) (fact.values().size() * share));
                ObjectNode tried = FactSpace.with(filled, fact.path(), value);
                Decider.Probed now = probed(FactSpace.scenario(tried));
                if (now.outcome().equals(baseline.outcome()) && consistent(now, baseline)) {
                    filled = tried;
                    joint = now;
                    fill.put(fact, value);
                    break;
                }
            }
        }
        if (joint.items().isEmpty() || joint.items().equals(baseline.items())) {
            return null;
        }
        Map<FactSpace.Fact, JsonNode> needed = new LinkedHashMap<>();
        for (Map.Entry<FactSpace.Fact, JsonNode> e : fill.entrySet()) {
            Decider.Probed without = probed(FactSpace.scenario(FactSpace.without(filled, e.getKey().path())));
            if (!differing(without.items(), joint.items()).isEmpty()) {
                needed.put(e.getKey(), e.getValue());
            }
        }
        if (needed.size() == fill.size()) {
            return new Joint(filled, fill, joint);
        }
        ObjectNode core = base.deepCopy();
        needed.forEach((fact, value) -> FactSpace.set(core, fact.path(), value));
        Decider.Probed decided = probed(FactSpace.scenario(core));
        if (!decided.outcome().equals(baseline.outcome()) || !consistent(decided, baseline) || decided.items().isEmpty()) {
            return new Joint(filled, fill, joint);
        }
        return new Joint(core, needed, decided);
    }

    private static List<FactSpace.Fact> allOf(List<FactSpace.Fact> unknown, List<FactSpace.Fact> prices) {
        List<FactSpace.Fact> all = new ArrayList<>(unknown);
        all.addAll(prices);
        return all;
    }

    private static Map<String, Object> given(Map<FactSpace.Fact, JsonNode> fill, FactSpace.Fact except) {
        Map<String, Object> given = new TreeMap<>();
        fill.forEach((other, value) -> {
            if (other != except) {
                given.put(other.path(), FactSpace.plain(value));
            }
        });
        return given;
    }

    /**
     * What {@code fact} feeds, from the figures it gave at each value tried against those it
     * gives left unknown; null when no value gave other figures. The default is the first value
     * that gives the same figures as the fact left unknown, or for a price the list price.
     */
    private Feeds feeds(FactSpace.Fact fact, Map<JsonNode, Map<String, Double>> tried, Map<String, Double> unknown,
                        Map<String, Object> given) {
        java.util.TreeSet<String> fed = new java.util.TreeSet<>();
        List<JsonNode> changes = new ArrayList<>();
        Object defaultUsed = listPrices.get(fact.path());
        for (Map.Entry<JsonNode, Map<String, Double>> at : tried.entrySet()) {
            Set<String> differ = differing(at.getValue(), unknown);
            if (differ.isEmpty()) {
                if (defaultUsed == null && !unknown.isEmpty()) {
                    defaultUsed = FactSpace.plain(at.getKey());
                }
            } else {
                fed.addAll(differ);
                changes.add(at.getKey());
            }
        }
        if (changes.isEmpty()) {
            return null;
        }
        // shown at the middle of the values that change the figures, not at an edge such as 0 tokens
        JsonNode changing = changes.get(changes.size() / 2);
        Map<String, Double> at = new TreeMap<>(tried.get(changing));
        at.keySet().retainAll(fed);
        Map<String, Double> left = new TreeMap<>(unknown);
        left.keySet().retainAll(fed);
        if (left.isEmpty() && !listPrices.containsKey(fact.path())) {
            defaultUsed = null;   // what it feeds is not computed without it: no value stands in for it
        }
        List<Object> values = new ArrayList<>();
        tried.keySet().forEach(v -> values.add(FactSpace.plain(v)));
        return new Feeds(fact.path(), List.copyOf(fed), defaultUsed, given, FactSpace.plain(changing), at, left, values);
    }

    /** The items present in one of two sets of figures and not the other, or at another value. */
    private static Set<String> differing(Map<String, Double> a, Map<String, Double> b) {
        Set<String> differ = new java.util.TreeSet<>();
        a.forEach((item, value) -> {
            if (!value.equals(b.get(item))) {
                differ.add(item);
            }
        });
        b.keySet().forEach(item -> {
            if (!a.containsKey(item)) {
                differ.add(item);
            }
        });
        return differ;
    }

    /**
     * Values for the facts a rung waits for under which, together, no rung waits for any fact and
     * no block is added to those of the scenario as decided: the filling under which that rung can
     * be weighed. Each fact starts at a value that does so alone: the first code, or the middle
     * of the numbers that do; while the filling as a whole still adds a block or a contradiction, one
     * fact at a time moves to another such value where that leaves fewer. Facts a rung waits
     * for only once others are known (token counts, once a cost can be compared) join in later
     * rounds. Empty when no such filling is found.
     */
    private Map<FactSpace.Fact, JsonNode> enabling(ObjectNode base, List<FactSpace.Fact> unknown, Decider.Probed baseline)
            throws LadderException {
        Map<FactSpace.Fact, List<JsonNode>> candidates = new LinkedHashMap<>();
        Map<FactSpace.Fact, Integer> chosen = new LinkedHashMap<>();
        Decider.Probed joint = baseline;
        for (int round = 0; round < ROUNDS; round++) {
            Decider.Probed now = joint;
            List<FactSpace.Fact> waiting = unknown.stream()
                    .filter(f -> now.waitingFor().contains(f.path()) && !candidates.containsKey(f)).toList();
            if (waiting.isEmpty()) {
                break;
            }
            ObjectNode filled = filled(base, candidates, chosen);
            for (FactSpace.Fact fact : waiting) {
                List<JsonNode> values = new ArrayList<>();
                for (JsonNode value : FactSpace.values(fact, marks(now))) {
                    Decider.Probed alone = probed(FactSpace.scenario(FactSpace.with(filled, fact.path(), value)));
                    if (!alone.waitingFor().contains(fact.path()) && added(alone, baseline) == 0) {
                        values.add(value);
                    }
                }
                if (values.isEmpty()) {
                    return Map.of();
                }
                candidates.put(fact, values);
                // a number starts at the middle of its values that free the rung, not at an edge
                // (no tokens, a budget of cents) where the next fact's value tips the answer
                chosen.put(fact, fact.numeric() ? values.size() / 2 : 0);
            }
            joint = probed(FactSpace.scenario(filled(base, candidates, chosen)));
            for (int pass = 0; pass < 2 && added(joint, baseline) > 0; pass++) {
                for (FactSpace.Fact fact : candidates.keySet()) {
                    for (int i = 0; i < candidates.get(fact).size() && added(joint, baseline) > 0; i++) {
                        Map<FactSpace.Fact, Integer> moved = new LinkedHashMap<>(chosen);
                        moved.put(fact, i);
                        Decider.Probed tried = probed(FactSpace.scenario(filled(base, candidates, moved)));
                        if (added(tried, baseline) < added(joint, baseline)) {
                            chosen.put(fact, i);
                            joint = tried;
                        }
                    }
                }
            }
        }
        if (!joint.waitingFor().isEmpty() || added(joint, baseline) > 0) {
            return Map.of();
        }
        Map<FactSpace.Fact, JsonNode> enabling = new LinkedHashMap<>();
        chosen.forEach((fact, i) -> enabling.put(fact, candidates.get(fact).get(i)));
        return enabling;
    }

    /** Rounds of facts a rung waits for, each revealed by knowing the ones before. */
    private static final int ROUNDS = 3;

    /** How many blocks and contradictions {@code probed} has that {@code baseline} has not. */
    private static int added(Decider.Probed probed, Decider.Probed baseline) {
        return (int) (probed.blocks().stream().filter(b -> !baseline.blocks().contains(b)).count()
                + probed.contradictions().stream().filter(c -> !baseline.contradictions().contains(c)).count());
    }

    private static ObjectNode filled(ObjectNode base, Map<FactSpace.Fact, List<JsonNode>> candidates,
                                     Map<FactSpace.Fact, Integer> chosen) {
        ObjectNode filled = base.deepCopy();
        chosen.forEach((fact, i) -> FactSpace.set(filled, fact.path(), candidates.get(fact).get(i)));
        return filled;
    }

    private static int order(List<FactSpace.Fact> facts, String path) {
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i).path().equals(path)) {
                return i;
            }
        }
        return facts.size();
    }

    /**
     * Tries {@code fact} at each of its values on {@code base} (which holds {@code given}, and
     * decides as {@code now}), until one value leads elsewhere than {@code now} and another value
     * is known to lead elsewhere than it; null when no value leads elsewhere. A value under which
     * facts contradict each other that did not before is not a value the fact can take here, and
     * is passed over.
     */
    private Pivotal probe(ObjectNode base, FactSpace.Fact fact, Decider.Probed now, Map<String, Object> given)
            throws LadderException {
        Map<Decider.Outcome, JsonNode> firstValue = new LinkedHashMap<>();
        Map<JsonNode, Map<String, Double>> gave = new LinkedHashMap<>();
        // figures that exist only once the fact is known (a smaller model's latency, once there is
        // a target) are thresholds too: a second round tries the values beside them
        Map<String, List<Double>> revealed = new HashMap<>();
        Set<JsonNode> tried = new HashSet<>();
        for (int round = 0; round < 2 && firstValue.size() < 2; round++) {
            List<JsonNode> values = round == 0 ? FactSpace.values(fact, marks(now)) : FactSpace.values(fact, revealed);
            for (JsonNode value : values) {
                if (!tried.add(value)) {
                    continue;
                }
                Decider.Probed probed = probed(FactSpace.scenario(FactSpace.with(base, fact.path(), value)));
                probed.figures().forEach((unit, figures) -> revealed.computeIfAbsent(unit, u -> new ArrayList<>()).addAll(figures));
                if (consistent(probed, now)) {
                    firstValue.putIfAbsent(probed.outcome(), value);
                    gave.put(value, probed.items());
                }
                if (firstValue.size() >= 2) {
                    break;
                }
            }
            if (!fact.numeric()) {
                break;
            }
        }
        Map.Entry<Decider.Outcome, JsonNode> away = firstValue.entrySet().stream()
                .filter(e -> !e.getKey().equals(now.outcome())).findFirst().orElse(null);
        if (away == null) {
            if (given.isEmpty()) {
                alone.put(fact, gave);
            }
            return null;
        }
        Map.Entry<Decider.Outcome, JsonNode> other = firstValue.containsKey(now.outcome())
                ? Map.entry(now.outcome(), firstValue.get(now.outcome()))
                : firstValue.entrySet().stream().filter(e -> !e.getKey().equals(away.getKey())).findFirst().orElse(null);
        return new Pivotal(fact.path(), FactSpace.plain(away.getValue()), away.getKey().approach(),
                away.getKey().techniques(), given,
                other == null ? null : FactSpace.plain(other.getValue()),
                other == null ? null : other.getKey().approach(),
                other == null ? null : other.getKey().techniques());
    }

    /** Whether {@code probed} finds no contradiction that {@code before} did not. */
    private static boolean consistent(Decider.Probed probed, Decider.Probed before) {
        return before.contradictions().containsAll(probed.contradictions());
    }

    /** The numbers rules compare facts with, by unit: the parameters, and the figures computed in {@code state}. */
    private Map<String, List<Double>> marks(Decider.Probed state) {
        Map<String, List<Double>> marks = new HashMap<>(parameterMarks);
        state.figures().forEach((unit, values) -> marks.merge(unit, values,
                (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
        return marks;
    }

    private Decider.Probed probed(Scenario scenario) throws LadderException {
        decisions++;
        return decider.outcome(scenario, name);
    }
}
