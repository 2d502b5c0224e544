package dev.ladder.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.LadderException;
import dev.ladder.govern.Expectations;
import dev.ladder.report.DecisionJson;
import dev.ladder.support.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ladder test [DIR|FILE...]}: decides every scenario that carries an {@code expect}
 * block, prints pass or fail with the differences, a summary line and the rule coverage.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the scenarios that carry an expect block; report failures and rule coverage.")
final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Mixin
    ReportFormat format;

    @Mixin
    ScenarioTargets scenarios;

    @picocli.CommandLine.Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the results as JUnit XML to FILE, for CI servers.")
    java.nio.file.Path junit;

    @Override
    public Integer call() throws LadderException {
        Expectations.Report report = Expectations.run(rules.load(), scenarios.files());
        if (junit != null) {
            try {
                dev.ladder.govern.JUnitReport.write(report, junit);
            } catch (java.io.IOException e) {
                throw new LadderException.BadInput(dev.ladder.Problem.ofFile(junit.toString(), e.getMessage()));
            }
        }
        format.print(spec.commandLine().getOut(), json(report), out -> text(report, out));
        return report.failed() == 0 && !report.results().isEmpty() ? 0 : 1;
    }

    private static void text(Expectations.Report report, PrintWriter out) {
        for (Expectations.Result result : report.results()) {
            String name = Printable.line(result.scenario() == null ? result.file() : result.scenario() + " (" + result.file() + ")");
            if (result.passed()) {
                out.println("pass  " + name);
            } else {
                out.println("FAIL  " + name);
                result.differences().forEach(d -> out.println("        " + Printable.line(String.valueOf(d))));
            }
        }
        out.println(report.passed() + " passed, " + report.failed() + " failed");
        out.printf("rule coverage: %.1f%% (%d of %d rules fired in some scenario)%n", report.coveragePercent(),
                report.allRules().size() - report.neverFired().size(), report.allRules().size());
        if (!report.neverFired().isEmpty()) {
            out.println("never fired: " + Printable.line(String.join(", ", report.neverFired())));
        }
        if (report.results().isEmpty()) {
            out.println("no scenario carries an expect block");
        }
    }

    private static ObjectNode json(Expectations.Report report) {
        ObjectNode root = DecisionJson.mapper().createObjectNode();
        root.put("passed", report.passed());
        root.put("failed", report.failed());
        ArrayNode results = root.putArray("results");
        for (Expectations.Result result : report.results()) {
            ObjectNode node = results.addObject();
            node.put("file", result.file());
            node.put("scenario", result.scenario());
            node.put("passed", result.passed());
            result.differences().forEach(node.putArray("differences")::add);
        }
        ObjectNode coverage = root.putObject("coverage");
        coverage.put("percent", report.coveragePercent());
        coverage.put("rules", report.allRules().size());
        report.neverFired().forEach(coverage.putArray("neverFired")::add);
        return root;
    }
}
