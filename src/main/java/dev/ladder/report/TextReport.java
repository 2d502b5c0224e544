package dev.ladder.report;

import dev.ladder.Decision;
import dev.ladder.support.Printable;

import java.util.Map;

/** A decision record laid out for a person reading a terminal. */
public final class TextReport {
    private TextReport() {
    }

    public static String render(Decision d) {
        StringBuilder out = new StringBuilder();
        out.append("Scenario ").append(p(d.scenario()));
        if (d.title() != null) {
            out.append(": ").append(p(d.title()));
        }
        out.append("\n\nRECOMMENDATION  ").append(d.recommendation().approach())
                .append("  (confidence ").append(d.recommendation().confidence()).append(")\n")
                .append("  ").append(p(d.recommendation().summary())).append('\n');
        if (!d.recommendation().techniques().isEmpty()) {
            out.append("  techniques: ").append(p(String.join(", ", d.recommendation().techniques()))).append('\n');
        }
        out.append("\nDECIDING PATH (the rules the recommendation rests on; the full trail is below)\n");
        for (Decision.TrailEntry e : path(d)) {
            out.append(String.format("  #%d %s \"%s\"%n      %s%n", e.seq(), p(e.rule()), p(e.name()), p(e.reason())));
        }
        if (!d.whyNot().isEmpty()) {
            out.append("\nWHY NOT THE OTHERS\n");
            for (Decision.WhyNot w : d.whyNot()) {
                out.append(String.format("  %s (rules %s)%n      %s%n", p(w.approach()), p(String.join(", ", w.rules())),
                        p(w.reason())));
                if (w.wouldChangeIf() != null) {
                    out.append("      would change if: ").append(p(w.wouldChangeIf())).append('\n');
                }
            }
        }
        out.append("\nLADDER\n");
        int n = 1;
        for (Decision.Step step : d.ladder()) {
            out.append(String.format("  %d. [%s] %s: %s%n", n++, step.status(), step.approach(), p(step.action())));
            if (step.trigger() != null) {
                out.append("       when: ").append(p(step.trigger())).append('\n');
            }
        }
        if (!d.warnings().isEmpty()) {
            out.append("\nWARNINGS\n");
            d.warnings().forEach(w -> out.append(String.format("  %s (%s, rule %s)%n      %s%n",
                    p(w.code()), w.severity(), p(w.rule()), p(w.message()))));
        }
        if (!d.missingFacts().isEmpty()) {
            out.append("\nMISSING FACTS\n");
            d.missingFacts().forEach(m -> out.append(String.format("  %s: %s%n      if: %s%n", p(m.fact()), p(m.why()),
                    p(LeadsToText.of(m.leadsTo())))));
        }
        if (d.unknownFigures() != null && !d.unknownFigures().isEmpty()) {
            out.append("\nFIGURES RESTING ON UNKNOWN FACTS\n");
            d.unknownFigures().forEach(u -> out.append(String.format("  %s: %s%n      if: %s%n", p(u.fact()), p(u.why()),
                    p(LeadsToText.of(u.shows())))));
        }
        if (!d.costs().figures().isEmpty()) {
            out.append("\nCOSTS (").append(d.costs().currency()).append(")\n");
            d.costs().figures().forEach(f -> out.append(String.format("  %-28s %14s %s  [%s]%n",
                    p(f.item()), f.value().toPlainString(), p(f.unit()), p(f.rule()))));
        }
        out.append("\nTRAIL (").append(d.trail().size()).append(" rules fired)\n");
        for (Decision.TrailEntry e : d.trail()) {
            out.append(String.format("  #%d %s \"%s\"  %s:%d%n", e.seq(), p(e.rule()), p(e.name()), p(e.file()), e.line()));
            out.append("      why:   ").append(p(e.reason())).append('\n');
            if (!e.facts().isEmpty()) {
                out.append("      read:  ").append(p(facts(e.facts()))).append('\n');
            }
            if (!e.uses().isEmpty()) {
                out.append("      used:  ").append(p(String.join("; ", e.uses()))).append('\n');
            }
            if (!e.concludes().isEmpty()) {
                out.append("      concl: ").append(p(String.join("; ", e.concludes()))).append('\n');
            }
            if (e.overriddenBy() != null) {
                out.append("      OVERRIDDEN BY ").append(p(e.overriddenBy())).append('\n');
            }
            out.append("      cites: ").append(p(e.source())).append('\n');
        }
        out.append("\nruleset ").append(d.ruleset().sha256()).append("  input ").append(d.inputSha256())
                .append("\n").append(d.engine().name()).append(' ').append(d.engine().version())
                .append(" on Drools ").append(d.engine().drools()).append(", decided at ").append(d.decidedAt());
        return out.toString();
    }

    /** A value on one line: whatever a scenario or rule file put in it cannot forge a line of this report. */
    private static String p(String text) {
        return Printable.line(text);
    }

    /** The trail entries of the deciding path, in firing order. */
    static java.util.List<Decision.TrailEntry> path(Decision d) {
        java.util.Set<Integer> seqs = new java.util.HashSet<>(d.decidingPath());
        return d.trail().stream().filter(e -> seqs.contains(e.seq())).toList();
    }

    private static String facts(Map<String, Object> facts) {
        StringBuilder text = new StringBuilder();
        facts.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return text.toString();
    }
}
