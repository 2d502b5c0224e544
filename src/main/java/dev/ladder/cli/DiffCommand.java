package dev.ladder.cli;

import dev.ladder.Advisor;
import dev.ladder.govern.Impact;
import dev.ladder.support.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ladder diff --base-rules DIR [--rules DIR] [FACTS...]}: which scenarios a rule edit
 * changes, and the rules responsible. Exit 1 when anything changes, so it can gate rule edits.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Decide every scenario with two rule bases and list what changes: exit 0 none, 1 some.")
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--base-rules", required = true, paramLabel = "DIR", description = "The rule base before the edit.")
    Path baseRules;

    @Mixin
    ReportFormat format;

    @Mixin
    ScenarioTargets scenarios;

    @Override
    public Integer call() throws Exception {
        List<Impact.ParameterChange> parameters = Impact.parameterChanges(
                dev.ladder.rulebase.RuleBase.parameters(dev.ladder.rulebase.RuleFiles.read(baseRules)),
                rules.ruleBase().parameters());
        Impact.Report report = Impact.compare(Advisor.load(baseRules), rules.load(), parameters, scenarios.files());
        format.print(spec.commandLine().getOut(), report, out -> text(report, out));
        return report.changes().isEmpty() ? 0 : 1;
    }

    private static void text(Impact.Report report, PrintWriter out) {
        out.println("rule files changed: " + (report.filesChanged().isEmpty() ? "none" : Printable.line(String.join(", ", report.filesChanged()))));
        report.parametersChanged().forEach(p -> out.println("parameter changed: " + Printable.line(p.toString())));
        for (Impact.Change c : report.changes()) {
            out.println("CHANGED " + Printable.line(c.scenario()) + " (" + Printable.line(c.file()) + ")");
            if (!c.approachBefore().equals(c.approachAfter())) {
                out.println("  approach: " + c.approachBefore() + " -> " + c.approachAfter());
            }
            line(out, "warnings", c.warningsAdded(), c.warningsRemoved());
            line(out, "techniques", c.techniquesAdded(), c.techniquesRemoved());
            if (!c.rulesNowFiring().isEmpty()) {
                out.println("  rules now firing: " + Printable.line(String.join(", ", c.rulesNowFiring())));
            }
            if (!c.rulesNoLongerFiring().isEmpty()) {
                out.println("  rules no longer firing: " + Printable.line(String.join(", ", c.rulesNoLongerFiring())));
            }
            if (!c.rulesWithChangedReasons().isEmpty()) {
                out.println("  rules concluding differently: " + Printable.line(String.join(", ", c.rulesWithChangedReasons())));
            }
        }
        out.println(report.changes().size() + " of " + report.scenarios() + " scenarios change");
    }

    private static void line(PrintWriter out, String what, List<String> added, List<String> removed) {
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        added.forEach(a -> parts.add("+" + a));
        removed.forEach(r -> parts.add("-" + r));
        out.println("  " + what + ": " + Printable.line(String.join(" ", parts)));
    }
}
