package dev.ladder.report;

import dev.ladder.Decision;
import dev.ladder.model.Group;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trail as a graph: scenario facts and parameters feed rules, rules feed the rules that use
 * their conclusions, resolving rules override losers, and the recommending rule ends in the
 * recommendation. Both report formats draw this one graph. A fact read from a scenario group
 * ({@code usage.requestsPerDay}, {@code attempts[0].approach}) is a {@link Kind#FACT}; anything
 * else a rule compared against (thresholds, prices, a scenario's own {@code pricing}) is a
 * {@link Kind#PARAM}, so the drawing can set the rule base's constants apart from the facts.
 */
final class TrailGraph {
    enum Kind { FACT, PARAM, RULE, RESULT }

    /** One box; {@code deciding} marks a rule on the record's deciding path. */
    record Node(String id, Kind kind, String label, boolean overridden, boolean deciding) {
    }

    record Edge(String from, String to, boolean override) {
    }

    private static final Pattern USED_FROM = Pattern.compile("\\[#(\\d+) [^\\]]+]$");

    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    /** The rules that state why an approach was not recommended. */
    final Set<String> explaining = new LinkedHashSet<>();

    static TrailGraph of(Decision decision) {
        TrailGraph graph = new TrailGraph();
        Map<String, String> factIds = new LinkedHashMap<>();
        for (Decision.TrailEntry entry : decision.trail()) {
            for (Map.Entry<String, Object> fact : entry.facts().entrySet()) {
                String label = fact.getKey() + " = " + fact.getValue();
                String id = factIds.computeIfAbsent(label, k -> "f" + (factIds.size() + 1));
                if (graph.nodes.stream().noneMatch(n -> n.id().equals(id))) {
                    graph.nodes.add(new Node(id, isScenarioFact(fact.getKey()) ? Kind.FACT : Kind.PARAM, label, false,
                            false));
                }
            }
        }
        String recommending = null;
        for (Decision.TrailEntry entry : decision.trail()) {
            String id = "r" + entry.seq();
            graph.nodes.add(new Node(id, Kind.RULE, entry.rule() + " " + entry.name(), entry.overriddenBy() != null,
                    decision.decidingPath() != null && decision.decidingPath().contains(entry.seq())));
            entry.facts().forEach((k, v) -> graph.edges.add(new Edge(factIds.get(k + " = " + v), id, false)));
            for (String used : entry.uses()) {
                Matcher m = USED_FROM.matcher(used);
                if (m.find()) {
                    graph.edges.add(new Edge("r" + m.group(1), id, false));
                }
            }
            if (entry.concludes().stream().anyMatch(c -> c.startsWith("the recommendation: "))) {
                recommending = id;
            }
            if (entry.concludes().stream().anyMatch(c -> c.startsWith("why not "))) {
                graph.explaining.add(id);
            }
        }
        for (Decision.TrailEntry loser : decision.trail()) {
            for (String concluded : loser.concludes()) {
                int mark = concluded.lastIndexOf(" (overridden by ");
                if (mark < 0) {
                    continue;
                }
                String overridden = "overridden: " + concluded.substring(0, mark);
                decision.trail().stream().filter(w -> w.concludes().contains(overridden)).findFirst()
                        .ifPresent(w -> graph.edges.add(new Edge("r" + w.seq(), "r" + loser.seq(), true)));
            }
        }
        graph.nodes.add(new Node("result", Kind.RESULT, decision.recommendation().approach() + " ("
                + decision.recommendation().confidence() + " confidence)", false, true));
        if (recommending != null) {
            graph.edges.add(new Edge(recommending, "result", false));
        }
        graph.edges.removeIf(e -> e.from() == null);
        return graph;
    }

    /**
     * The nodes on the way to the recommendation or to a why-not: the result, the rules that say
     * why not the others, and everything they rest on, with the losers those rules overrode.
     * Rules outside it (cost figures no decision used, the confidence rule) are in the trail.
     */
    Set<String> onTheWay() {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add("result");
        todo.addAll(explaining);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (reached.add(id)) {
                edges.stream().filter(e -> e.to().equals(id) && !e.override()).forEach(e -> todo.add(e.from()));
            }
        }
        edges.stream().filter(e -> e.override() && reached.contains(e.from())).forEach(e -> reached.add(e.to()));
        return reached;
    }

    /** Whether a trail fact path names a scenario fact rather than a parameter. */
    static boolean isScenarioFact(String path) {
        if (path.startsWith("attempts[")) {
            return true;
        }
        int dot = path.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String field = path.substring(dot + 1);
        return Group.named(path.substring(0, dot)).filter(Group::isFact)
                .filter(g -> Arrays.stream(g.type().getDeclaredFields()).anyMatch(f -> f.getName().equals(field)))
                .isPresent();
    }
}
