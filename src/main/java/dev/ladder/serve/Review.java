package dev.ladder.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.govern.DecisionLog;
import dev.ladder.model.Approach;

import java.util.List;
import java.util.Map;

import static dev.ladder.report.HtmlReport.esc;

/**
 * The read-only pages auditors browse: the decisions in the log with filters, and the chain's
 * verification; one decision is its HTML report. Plain HTML and inline CSS, no scripts.
 */
final class Review {
    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1200px; }
            table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ddd; padding: .3em .6em; text-align: left; }
            th { background: #f4f4f4; } .ok { color: #176f2c; font-weight: bold; } .bad { color: #b00020; font-weight: bold; }
            form { margin: 1em 0; } input, select { margin-right: 1em; } nav a { margin-right: 1.5em; }
            """;

    private Review() {
    }

    static String list(List<JsonNode> entries, String scenario, String approach, String since) {
        StringBuilder html = start("Decisions");
        html.append("<form method=\"get\" action=\"/review\"><label>scenario <input name=\"scenario\" value=\"")
                .append(esc(scenario)).append("\"></label><label>approach <select name=\"approach\"><option value=\"\">any</option>");
        for (Approach a : Approach.values()) {
            html.append("<option").append(a.name().equals(approach) ? " selected" : "").append(">").append(a.name())
                    .append("</option>");
        }
        html.append("</select></label><label>since <input name=\"since\" placeholder=\"2026-11-29\" value=\"")
                .append(esc(since)).append("\"></label><button type=\"submit\">filter</button></form>\n");
        html.append("<table id=\"decisions\"><tr><th>#</th><th>decided at</th><th>scenario</th><th>approach</th>"
                + "<th>confidence</th><th>decision</th></tr>\n");
        for (JsonNode entry : entries) {
            JsonNode record = entry.path("record");
            String id = entry.path("decisionId").asText();
            html.append("<tr><td>").append(entry.path("seq").asLong()).append("</td><td>")
                    .append(esc(record.path("decidedAt").asText())).append("</td><td>")
                    .append(esc(record.path("scenario").asText())).append("</td><td>")
                    .append(esc(record.path("recommendation").path("approach").asText())).append("</td><td>")
                    .append(esc(record.path("recommendation").path("confidence").asText())).append("</td><td><a href=\"/review/decisions/")
                    .append(esc(id)).append("\">").append(esc(id)).append("</a></td></tr>\n");
        }
        html.append("</table>\n");
        if (entries.isEmpty()) {
            html.append("<p>No decision matches.</p>\n");
        }
        return end(html);
    }

    static String chain(String name, DecisionLog.Verification verification) {
        StringBuilder html = start("Decision log");
        html.append("<p>Log: <code>").append(esc(name)).append("</code></p>\n<p id=\"status\" class=\"")
                .append(verification.intact() ? "ok\">intact" : "bad\">NOT intact").append("</p>\n<table>")
                .append("<tr><th>entries verified</th><td>").append(verification.verifiedEntries()).append("</td></tr>")
                .append("<tr><th>head sha256</th><td><code>").append(esc(verification.headSha256())).append("</code></td></tr>");
        for (Map.Entry<String, Long> signer : verification.signers().entrySet()) {
            html.append("<tr><th>signed by key ").append(esc(signer.getKey())).append("</th><td>").append(signer.getValue())
                    .append(" entries</td></tr>");
        }
        if (verification.unsigned() > 0) {
            html.append("<tr><th>unsigned</th><td>").append(verification.unsigned()).append(" entries</td></tr>");
        }
        verification.problem().ifPresent(p -> html.append("<tr><th>problem</th><td class=\"bad\">").append(esc(p)).append("</td></tr>"));
        verification.tail().ifPresent(t -> html.append("<tr><th>last line</th><td>").append(esc(t)).append("</td></tr>"));
        html.append("</table>\n<p>Without a checkpoint kept elsewhere a log rewritten from scratch would also verify:"
                + " take one with <code>ladder log head</code> and check it with <code>ladder log verify --checkpoint</code>.</p>\n");
        return end(html);
    }

    private static StringBuilder start(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ladder: ")
                .append(esc(title)).append("</title><style>").append(CSS).append("</style></head><body>\n")
                .append("<nav><a href=\"/review\">Decisions</a><a href=\"/review/chain\">Decision log</a></nav>\n<h1>")
                .append(esc(title)).append("</h1>\n");
    }

    private static String end(StringBuilder html) {
        return html.append("</body></html>\n").toString();
    }
}
