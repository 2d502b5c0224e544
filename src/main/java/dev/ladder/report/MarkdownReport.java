package dev.ladder.report;

import dev.ladder.Decision;
import dev.ladder.support.Printable;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A decision record as a Markdown review document, readable without the tool. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(Decision d) {
        StringBuilder out = new StringBuilder();
        out.append("# Ladder decision: ").append(escape(d.scenario())).append("\n\n");
        if (d.title() != null) {
            out.append("_").append(escape(d.title())).append("_\n\n");
        }
        out.append("## Recommendation\n\n**").append(d.recommendation().approach()).append("** (confidence ")
                .append(d.recommendation().confidence()).append(")\n\n").append(escapeBlock(d.recommendation().summary()))
                .append("\n\n");
        if (!d.recommendation().techniques().isEmpty()) {
            out.append("Techniques: ").append(d.recommendation().techniques().stream()
                    .map(MarkdownReport::code).collect(Collectors.joining(", "))).append("\n\n");
        }
        out.append("## Deciding path\n\nThe rules the recommendation rests on, in firing order; the full trail is below.\n\n"
                + "| # | rule | why |\n|---|---|---|\n");
        for (Decision.TrailEntry e : TextReport.path(d)) {
            out.append("| ").append(e.seq()).append(" | ").append(escape(e.rule())).append(" ").append(escape(e.name()))
                    .append(" | ").append(escape(e.reason())).append(" |\n");
        }
        if (!d.whyNot().isEmpty()) {
            out.append("\n## Why not the others\n\n| approach | why not | rules | would change if |\n|---|---|---|---|\n");
            for (Decision.WhyNot w : d.whyNot()) {
                out.append("| ").append(escape(w.approach())).append(" | ").append(escape(w.reason())).append(" | ")
                        .append(escape(String.join(", ", w.rules()))).append(" | ")
                        .append(w.wouldChangeIf() == null ? "" : escape(w.wouldChangeIf())).append(" |\n");
            }
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
            d.warnings().forEach(w -> out.append("| ").append(escape(w.code())).append(" | ").append(w.severity())
                    .append(" | ").append(escape(w.message())).append(" | ").append(escape(w.rule())).append(" |\n"));
        }
        out.append("\n## Missing facts\n\n");
        if (d.missingFacts().isEmpty()) {
            out.append("None.\n");
        } else {
            d.missingFacts().forEach(m -> out.append("- ").append(code(m.fact())).append(": ").append(escape(m.why()))
                    .append(" (").append(escape(m.rule())).append(")\n  - if: ")
                    .append(escape(LeadsToText.of(m.leadsTo()))).append("\n"));
        }
        out.append("\n## Figures resting on unknown facts\n\n");
        if (d.unknownFigures() == null || d.unknownFigures().isEmpty()) {
            out.append("None.\n");
        } else {
            d.unknownFigures().forEach(u -> out.append("- ").append(code(u.fact())).append(": ").append(escape(u.why()))
                    .append(" (").append(escape(u.rule())).append(")\n  - if: ")
                    .append(escape(LeadsToText.of(u.shows()))).append("\n"));
        }
        out.append("\n## Costs\n\n");
        if (d.costs().figures().isEmpty()) {
            out.append("Not computed: the volume or token counts are unknown.\n");
        } else {
            out.append("| item | value | unit | formula | rule |\n|---|---|---|---|---|\n");
            d.costs().figures().forEach(f -> out.append("| ").append(escape(f.item())).append(" | ")
                    .append(f.value().toPlainString()).append(" | ").append(escape(f.unit())).append(" | ")
                    .append(escape(f.formula())).append(" | ").append(escape(f.rule())).append(" |\n"));
        }
        TrailGraph graph = TrailGraph.of(d);
        out.append("\n## How the rules reached it\n\nThe recommendation (top) rests on the rules below it: scenario facts"
                + " feed the rules that read them, a rule feeds the rules that use its conclusions, dotted arrows mark a"
                + " resolving rule overriding a loser. Rules that led neither to the recommendation nor to a why-not are"
                + " in the trail only.\n\n```mermaid\n").append(mermaid(graph)).append("```\n");
        List<TrailDiagram.Parameter> parameters = TrailDiagram.parameters(graph);
        if (!parameters.isEmpty()) {
            out.append("\nParameters the rules compared against (`rules/parameters.yaml`; a scenario's own prices are"
                    + " marked), not facts of this scenario:\n\n| parameter = value | read by |\n|---|---|\n");
            parameters.forEach(p -> out.append("| ").append(escape(p.label())).append(" | ")
                    .append(escape(String.join(", ", p.rules()))).append(" |\n"));
        }
        out.append("\n## Trail\n\n| # | rule | file | reason | concludes | overridden by |\n|---|---|---|---|---|---|\n");
        for (Decision.TrailEntry e : d.trail()) {
            out.append("| ").append(e.seq()).append(" | ").append(escape(e.rule())).append(" ").append(escape(e.name()))
                    .append(" | ").append(escape(e.file())).append(":").append(e.line()).append(" | ")
                    .append(escape(e.reason())).append(" | ").append(escape(String.join("; ", e.concludes())))
                    .append(" | ").append(e.overriddenBy() == null ? "" : escape(e.overriddenBy())).append(" |\n");
        }
        out.append("\n## Sources\n\n");
        d.trail().stream().map(e -> "- " + escape(e.rule()) + ": " + escape(e.source())).distinct()
                .forEach(line -> out.append(line).append('\n'));
        out.append("\n---\nRule set `").append(d.ruleset().sha256()).append("`, input `").append(d.inputSha256())
                .append("`, ").append(d.engine().name()).append(' ').append(d.engine().version())
                .append(" on Drools ").append(d.engine().drools()).append(", decided at ").append(d.decidedAt())
                .append(".\n");
        return out.toString();
    }

    static String mermaid(TrailGraph graph) {
        StringBuilder out = new StringBuilder("flowchart BT\n");
        Set<String> shown = graph.onTheWay();
        graph.edges.stream().filter(e -> shown.contains(e.to()) && !e.override()).forEach(e -> shown.add(e.from()));
        List<TrailGraph.Node> nodes = graph.nodes.stream()
                .filter(n -> shown.contains(n.id()) && n.kind() != TrailGraph.Kind.PARAM).toList();
        Set<String> drawn = nodes.stream().map(TrailGraph.Node::id).collect(Collectors.toSet());
        List<TrailGraph.Edge> edges = graph.edges.stream()
                .filter(e -> drawn.contains(e.from()) && drawn.contains(e.to())).toList();
        for (TrailGraph.Node node : nodes) {
            String label = mermaidText(node.label());
            switch (node.kind()) {
                case PARAM -> { }
                case FACT -> out.append("  ").append(node.id()).append("[/\"").append(label).append("\"/]\n");
                case RULE -> out.append("  ").append(node.id()).append("[\"").append(label).append("\"]\n");
                case RESULT -> out.append("  ").append(node.id()).append("((\"").append(label).append("\"))\n");
            }
        }
        for (TrailGraph.Edge edge : edges) {
            out.append("  ").append(edge.from()).append(edge.override() ? " -. overrides .-> " : " --> ")
                    .append(edge.to()).append('\n');
        }
        nodes.stream().filter(TrailGraph.Node::overridden)
                .forEach(n -> out.append("  style ").append(n.id()).append(" stroke-dasharray: 5 5\n"));
        return out.toString();
    }

    /** Characters that start Markdown (CommonMark and GitHub) inline syntax: each is written escaped. */
    private static final String INLINE = "\\`*_[]()<>&|~#!";

    /**
     * Text for inside a line of the document: one line (control characters escaped), with
     * every character that could start a link, image, HTML, emphasis, code or a table cell
     * escaped, so what a scenario or rule says is shown, never rendered.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        String line = Printable.line(text);
        StringBuilder out = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (INLINE.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** As {@link #escape}, for text that starts a line: it cannot open a heading, quote, list or rule either. */
    static String escapeBlock(String text) {
        String inline = escape(text);
        String trimmed = inline.stripLeading();
        if (trimmed.matches("(?s)[-+=].*")) {
            return "\\" + trimmed;
        }
        return trimmed.replaceFirst("^([0-9]+)\\.", "$1\\\\.");
    }

    /** Text as a code span: nothing inside renders, and a backtick cannot end it early. */
    static String code(String text) {
        return "`" + Printable.line(text).replace("`", "'") + "`";
    }

    /** Text for a quoted Mermaid label: quotes, fences and markup written as Mermaid entity codes. */
    static String mermaidText(String text) {
        return Printable.line(text).replace("\"", "#quot;").replace("`", "#96;").replace("<", "#lt;")
                .replace(">", "#gt;");
    }
}
