package dev.ladder.report;

import dev.ladder.Decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trail as a graph: scenario facts and parameters feed rules, rules feed the rules that use
 * their conclusions, resolving rules override losers, and the recommending rule ends in the
 * recommendation. Both report formats draw this one graph.
 */
final class TrailGraph {
    enum Kind { FACT, RULE, RESULT }

    record Node(String id, Kind kind, String label, int column, boolean overridden) {
    }

    record Edge(String from, String to, boolean override) {
    }

    private static final Pattern USED_FROM = Pattern.compile("\\[#(\\d+) [^\\]]+]$");

    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();

    static TrailGraph of(Decision decision) {
        List<String> phases = decision.trail().stream().map(Decision.TrailEntry::phase).distinct().toList();
        TrailGraph graph = new TrailGraph();
        Map<String, String> factIds = new LinkedHashMap<>();
        for (Decision.TrailEntry entry : decision.trail()) {
            for (Map.Entry<String, Object> fact : entry.facts().entrySet()) {
                String label = fact.getKey() + " = " + fact.getValue();
                String id = factIds.computeIfAbsent(label, k -> "f" + (factIds.size() + 1));
                if (graph.nodes.stream().noneMatch(n -> n.id().equals(id))) {
                    graph.nodes.add(new Node(id, Kind.FACT, label, 0, false));
                }
            }
        }
        String recommending = null;
        for (Decision.TrailEntry entry : decision.trail()) {
            String id = "r" + entry.seq();
            int column = 1 + Math.max(0, phases.indexOf(entry.phase()));
            graph.nodes.add(new Node(id, Kind.RULE, entry.rule() + " " + entry.name(), column, entry.overriddenBy() != null));
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
                + decision.recommendation().confidence() + " confidence)", phases.size() + 1, false));
        if (recommending != null) {
            graph.edges.add(new Edge(recommending, "result", false));
        }
        graph.edges.removeIf(e -> e.from() == null);
        return graph;
    }

    int columns() {
        return nodes.stream().mapToInt(Node::column).max().orElse(0) + 1;
    }
}
