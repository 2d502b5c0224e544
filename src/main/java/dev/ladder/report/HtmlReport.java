package dev.ladder.report;

import dev.ladder.Decision;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decision record as one self-contained HTML review document: no scripts, no external files,
 * the trail drawn as an inline SVG diagram of facts, rules and the recommendation.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(Decision d) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Ladder decision: ")
                .append(esc(d.scenario())).append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        out.append("<h1>Ladder decision: ").append(esc(d.scenario())).append("</h1>\n");
        if (d.title() != null) {
            out.append("<p class=\"title\">").append(esc(d.title())).append("</p>\n");
        }
        out.append("<section class=\"rec\"><div class=\"approach\">").append(esc(d.recommendation().approach()))
                .append("</div><div>confidence <b>").append(esc(d.recommendation().confidence())).append("</b></div><p>")
                .append(esc(d.recommendation().summary())).append("</p>");
        if (!d.recommendation().techniques().isEmpty()) {
            out.append("<p>Techniques: ").append(esc(String.join(", ", d.recommendation().techniques()))).append("</p>");
        }
        out.append("</section>\n<h2>Deciding path</h2>\n<p>The rules the recommendation rests on, in firing order;"
                + " the full trail is below.</p>\n<table class=\"path\"><tr><th>#</th><th>rule</th><th>why</th></tr>\n");
        for (Decision.TrailEntry e : TextReport.path(d)) {
            out.append("<tr><td>").append(e.seq()).append("</td><td><b>").append(esc(e.rule())).append("</b> ")
                    .append(esc(e.name())).append("</td><td>").append(esc(e.reason())).append("</td></tr>\n");
        }
        out.append("</table>\n");
        if (!d.whyNot().isEmpty()) {
            out.append("<h2>Why not the others</h2>\n<table class=\"whynot\"><tr><th>approach</th><th>why not</th>"
                    + "<th>rules</th><th>would change if</th></tr>\n");
            for (Decision.WhyNot w : d.whyNot()) {
                out.append("<tr><td><b>").append(esc(w.approach())).append("</b></td><td>").append(esc(w.reason()))
                        .append("</td><td>").append(esc(String.join(", ", w.rules()))).append("</td><td>")
                        .append(w.wouldChangeIf() == null ? "" : esc(w.wouldChangeIf())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("<h2>Ladder</h2>\n<table><tr><th>#</th><th>status</th><th>approach</th><th>action</th><th>when</th></tr>\n");
        int n = 1;
        for (Decision.Step s : d.ladder()) {
            out.append("<tr class=\"").append(esc(s.status())).append("\"><td>").append(n++).append("</td><td>")
                    .append(esc(s.status())).append("</td><td>").append(esc(s.approach())).append("</td><td>")
                    .append(esc(s.action())).append("</td><td>").append(esc(s.trigger())).append("</td></tr>\n");
        }
        out.append("</table>\n<h2>Warnings</h2>\n");
        if (d.warnings().isEmpty()) {
            out.append("<p>None.</p>\n");
        } else {
            out.append("<table><tr><th>code</th><th>severity</th><th>why</th><th>rule</th></tr>\n");
            d.warnings().forEach(w -> out.append("<tr class=\"sev-").append(esc(w.severity())).append("\"><td>")
                    .append(esc(w.code())).append("</td><td>").append(esc(w.severity())).append("</td><td>")
                    .append(esc(w.message())).append("</td><td>").append(esc(w.rule())).append("</td></tr>\n"));
            out.append("</table>\n");
        }
        out.append("<h2>Missing facts</h2>\n");
        if (d.missingFacts().isEmpty()) {
            out.append("<p>None.</p>\n");
        } else {
            out.append("<ul>");
            d.missingFacts().forEach(m -> out.append("<li><code>").append(esc(m.fact())).append("</code>: ")
                    .append(esc(m.why())).append("<br>if: ").append(esc(LeadsToText.of(m.leadsTo()))).append("</li>"));
            out.append("</ul>\n");
        }
        out.append("<h2>Figures resting on unknown facts</h2>\n");
        if (d.unknownFigures() == null || d.unknownFigures().isEmpty()) {
            out.append("<p>None.</p>\n");
        } else {
            out.append("<ul>");
            d.unknownFigures().forEach(u -> out.append("<li><code>").append(esc(u.fact())).append("</code>: ")
                    .append(esc(u.why())).append("<br>if: ").append(esc(LeadsToText.of(u.shows()))).append("</li>"));
            out.append("</ul>\n");
        }
        out.append("<h2>Costs</h2>\n");
        if (d.costs().figures().isEmpty()) {
            out.append("<p>Not computed: the volume or token counts are unknown.</p>\n");
        } else {
            out.append("<table><tr><th>item</th><th>value</th><th>unit</th><th>formula</th><th>rule</th></tr>\n");
            d.costs().figures().forEach(f -> out.append("<tr><td>").append(esc(f.item())).append("</td><td class=\"num\">")
                    .append(f.value().toPlainString()).append("</td><td>").append(esc(f.unit())).append("</td><td>")
                    .append(esc(f.formula())).append("</td><td>").append(esc(f.rule())).append("</td></tr>\n"));
            out.append("</table>\n");
        }
        TrailGraph graph = TrailGraph.of(d);
        out.append("<h2>How the rules reached it</h2>\n<p>The recommendation (top) rests on the rules below it:"
                + " each arrow runs from a rule up to the rule that used its conclusion, and each box lists, in blue,"
                + " the scenario facts its rule read. Green boxes and arrows are the deciding path; a red dashed arrow"
                + " marks a resolving rule overriding a loser, whose box is dashed. Rules that led neither to the"
                + " recommendation nor to a why-not are in the trail only").append(notDrawn(graph))
                .append(".</p>\n<div class=\"diagram\" id=\"diagram\">").append(TrailDiagram.svg(graph)).append("</div>\n");
        List<TrailDiagram.Parameter> parameters = TrailDiagram.parameters(graph);
        if (!parameters.isEmpty()) {
            out.append("<h3>Parameters the rules compared against</h3>\n<p>Set in <code>rules/parameters.yaml</code>"
                    + " (a scenario's own prices are marked); not facts of this scenario.</p>\n<table class=\"params\">"
                    + "<tr><th>parameter = value</th><th>read by</th></tr>\n");
            parameters.forEach(p -> out.append("<tr><td>").append(esc(p.label())).append("</td><td>")
                    .append(esc(String.join(", ", p.rules()))).append("</td></tr>\n"));
            out.append("</table>\n");
        }
        out.append("<h2>Trail</h2>\n<table class=\"trail\"><tr><th>#</th><th>rule</th><th>where</th><th>why</th>"
                + "<th>read</th><th>concluded</th><th>overridden by</th><th>source</th></tr>\n");
        for (Decision.TrailEntry e : d.trail()) {
            out.append("<tr><td>").append(e.seq()).append("</td><td><b>").append(esc(e.rule())).append("</b> ")
                    .append(esc(e.name())).append("</td><td>").append(esc(e.file())).append(':').append(e.line())
                    .append("</td><td>").append(esc(e.reason())).append("</td><td>").append(esc(facts(e.facts())))
                    .append("</td><td>").append(esc(String.join("; ", e.concludes()))).append("</td><td>")
                    .append(esc(e.overriddenBy())).append("</td><td class=\"src\">").append(esc(e.source()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<footer>Rule set <code>").append(esc(d.ruleset().sha256())).append("</code>, input <code>")
                .append(esc(d.inputSha256())).append("</code>, ").append(esc(d.engine().name())).append(' ')
                .append(esc(d.engine().version())).append(" on Drools ").append(esc(d.engine().drools()))
                .append(", decided at ").append(esc(d.decidedAt())).append(".</footer>\n</body></html>\n");
        return out.toString();
    }

    private static String notDrawn(TrailGraph graph) {
        Set<String> shown = graph.onTheWay();
        List<String> rules = graph.nodes.stream().filter(n -> n.kind() == TrailGraph.Kind.RULE && !shown.contains(n.id()))
                .map(n -> "#" + n.id().substring(1) + " " + n.label().substring(0, n.label().indexOf(' '))).toList();
        return rules.isEmpty() ? "" : " (here " + esc(String.join(", ", rules)) + ")";
    }

    private static String facts(Map<String, Object> facts) {
        StringBuilder text = new StringBuilder();
        facts.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
        return text.toString();
    }

    /** Text as HTML text or attribute content: ampersands, angle brackets and quotes escaped. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2em; color: #222; max-width: 1400px; }
            h1 { margin-bottom: 0.2em; overflow-wrap: anywhere; } .title { color: #555; margin-top: 0; overflow-wrap: anywhere; }
            .rec { border: 2px solid #2c7a4b; border-radius: 8px; padding: 1em 1.5em; background: #f2faf5; }
            .approach { font-size: 2em; font-weight: bold; color: #2c7a4b; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; width: 100%; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #eee; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.recommended td { background: #eaf6ee; font-weight: bold; } tr.done td { color: #666; }
            tr.sev-high td { background: #fdecea; } tr.sev-medium td { background: #fff8e1; }
            .trail td { font-size: 0.85em; } .src { color: #555; }
            .diagram { overflow-x: auto; border: 1px solid #ddd; background: #fcfcfc; }
            svg text { font-size: 11px; font-family: system-ui, sans-serif; }
            svg .fact rect { fill: #e8f0fe; stroke: #4a7bd0; } svg .rule rect { fill: #fff; stroke: #555; }
            svg .deciding rect { fill: #eaf6ee; stroke: #2c7a4b; stroke-width: 2; }
            svg rect.read { fill: #e8f0fe; stroke: none; } svg text.fact { fill: #1d4f91; }
            svg .result rect { fill: #2c7a4b; stroke: #2c7a4b; } svg .result text { fill: #fff; font-weight: bold; }
            svg .lost rect { stroke-dasharray: 4 3; fill: #f5f5f5; } svg .lost text { fill: #888; }
            svg .edge { fill: none; stroke: #aaa; stroke-width: 1; }
            svg .edge.deciding { stroke: #2c7a4b; stroke-width: 2; }
            svg .override { fill: none; stroke: #c0392b; stroke-width: 1.5; stroke-dasharray: 5 4; }
            .params td { font-size: 0.85em; }
            footer { margin-top: 2em; color: #666; font-size: 0.85em; }
            """;
}
