package dev.ladder.io;

import dev.ladder.Decision;

import java.util.stream.Collectors;

/** A decision record as a Markdown review document, readable without the tool. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(Decision d) {
        StringBuilder out = new StringBuilder();
        out.append("# Ladder decision: ").append(d.scenario()).append("\n\n");
        if (d.title() != null) {
            out.append("_").append(escape(d.title())).append("_\n\n");
        }
        out.append("## Recommendation\n\n**").append(d.recommendation().approach()).append("** (confidence ")
                .append(d.recommendation().confidence()).append(")\n\n").append(escape(d.recommendation().summary()))
                .append("\n\n");
        if (!d.recommendation().techniques().isEmpty()) {
            out.append("Techniques: ").append(d.recommendation().techniques().stream()
                    .map(t -> "`" + t + "`").collect(Collectors.joining(", "))).append("\n\n");
        }
        out.append("## Deciding path\n\nThe rules the recommendation rests on, in firing order; the full trail is below.\n\n"
                + "| # | rule | why |\n|---|---|---|\n");
        for (Decision.TrailEntry e : TextReport.path(d)) {
            out.append("| ").append(e.seq()).append(" | ").append(e.rule()).append(" ").append(escape(e.name()))
                    .append(" | ").append(escape(e.reason())).append(" |\n");
        }
        out.append("\n## Ladder\n\n| # | status | approach | action | when |\n|---|---|---|---|---|\n");
        int n = 1;
        for (Decision.Step s : d.ladder()) {
            out.append("| ").append(n++).append(" | ").append(s.status()).append(" | ").append(s.approach())
                    .append(" | ").append(escape(s.action())).append(" | ")
                    .append(s.trigger() == null ? "" : escape(s.trigger())).append(" |\n");
        }
        out.append("\n## Warnings\n\n");
        if (d.warnings().isEmpty()) {
            out.append("None.\n");
        } else {
            out.append("| code | severity | why | rule |\n|---|---|---|---|\n");
            d.warnings().forEach(w -> out.append("| ").append(w.code()).append(" | ").append(w.severity())
                    .append(" | ").append(escape(w.message())).append(" | ").append(w.rule()).append(" |\n"));
        }
        out.append("\n## Missing facts\n\n");
        if (d.missingFacts().isEmpty()) {
            out.append("None.\n");
        } else {
            d.missingFacts().forEach(m -> out.append("- `").append(m.fact()).append("`: ").append(escape(m.why()))
                    .append(" (").append(m.rule()).append(")\n"));
        }
        out.append("\n## Costs\n\n");
        if (d.costs().figures().isEmpty()) {
            out.append("Not computed: the volume or token counts are unknown.\n");
        } else {
            out.append("| item | value | unit | formula | rule |\n|---|---|---|---|---|\n");
            d.costs().figures().forEach(f -> out.append("| ").append(f.item()).append(" | ")
                    .append(f.value().toPlainString()).append(" | ").append(f.unit()).append(" | ")
                    .append(escape(f.formula())).append(" | ").append(f.rule()).append(" |\n"));
        }
        out.append("\n## How the rules reached it\n\nScenario facts (left) feed the rules that read them; a rule feeds the rules that"
                + " use its conclusions; dotted arrows mark a resolving rule overriding a loser.\n\n```mermaid\n")
                .append(mermaid(d)).append("```\n");
        out.append("\n## Trail\n\n| # | rule | file | reason | concludes | overridden by |\n|---|---|---|---|---|---|\n");
        for (Decision.TrailEntry e : d.trail()) {
            out.append("| ").append(e.seq()).append(" | ").append(e.rule()).append(" ").append(escape(e.name()))
                    .append(" | ").append(e.file()).append(":").append(e.line()).append(" | ")
                    .append(escape(e.reason())).append(" | ").append(escape(String.join("; ", e.concludes())))
                    .append(" | ").append(e.overriddenBy() == null ? "" : e.overriddenBy()).append(" |\n");
        }
        out.append("\n## Sources\n\n");
        d.trail().stream().map(e -> "- " + e.rule() + ": " + escape(e.source())).distinct()
                .forEach(line -> out.append(line).append('\n'));
        out.append("\n---\nRule set `").append(d.ruleset().sha256()).append("`, input `").append(d.inputSha256())
                .append("`, ").append(d.engine().name()).append(' ').append(d.engine().version())
                .append(" on Drools ").append(d.engine().drools()).append(", decided at ").append(d.decidedAt())
                .append(".\n");
        return out.toString();
    }

    static String mermaid(Decision d) {
        TrailGraph graph = TrailGraph.of(d);
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (TrailGraph.Node node : graph.nodes) {
            String label = node.label().replace("\"", "'");
            switch (node.kind()) {
                case FACT -> out.append("  ").append(node.id()).append("[/\"").append(label).append("\"/]\n");
                case RULE -> out.append("  ").append(node.id()).append("[\"").append(label).append("\"]\n");
                case RESULT -> out.append("  ").append(node.id()).append("((\"").append(label).append("\"))\n");
            }
        }
        for (TrailGraph.Edge edge : graph.edges) {
            out.append("  ").append(edge.from()).append(edge.override() ? " -. overrides .-> " : " --> ")
                    .append(edge.to()).append('\n');
        }
        graph.nodes.stream().filter(TrailGraph.Node::overridden)
                .forEach(n -> out.append("  style ").append(n.id()).append(" stroke-dasharray: 5 5\n"));
        return out.toString();
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
