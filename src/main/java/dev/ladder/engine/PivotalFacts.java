package dev.ladder.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.LadderException;
import dev.ladder.model.Pivotal;
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
 * that leads elsewhere, so anyone can check it by deciding the variants. The rules then say which
 * of these facts are {@code Missing}; this class decides nothing itself.
 */
final class PivotalFacts {
    private final Decider decider;
    private final String name;
    private final Map<String, List<Double>> parameterMarks;
    private int decisions;

    private PivotalFacts(Decider decider, String name) {
        this.decider = decider;
        this.name = name;
        this.parameterMarks = decider.parameterMarks();
    }

    /** What was found, and how many decisions it took. */
    record Found(List<Pivotal> pivotal, int decisions) {
    }

    /** The pivotal facts of {@code scenario}, in the order of {@link FactSpace#facts()}. */
    static Found of(Decider decider, Scenario scenario, String name) throws LadderException {
        PivotalFacts search = new PivotalFacts(decider, name);
        List<Pivotal> pivotal = search.find(scenario);
        return new Found(List.copyOf(pivotal), search.decisions);
    }

    private List<Pivotal> find(Scenario scenario) throws LadderException {
        ObjectNode base = FactSpace.tree(scenario);
        List<FactSpace.Fact> unknown = FactSpace.facts().stream().filter(f -> FactSpace.unknown(base, f.path())).toList();
        List<Pivotal> found = new ArrayList<>();
        if (unknown.isEmpty()) {
            return found;
        }
        Decider.Probed baseline = probed(scenario);
        List<FactSpace.Fact> rest = new ArrayList<>();
        for (FactSpace.Fact fact : unknown) {
            Pivotal pivotal = probe(base, fact, baseline, Map.of());
            if (pivotal != null) {
                found.add(pivotal);
            } else {
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
        found.sort(Comparator.comparingInt(p -> order(unknown, p.getFact())));
        return found;
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
