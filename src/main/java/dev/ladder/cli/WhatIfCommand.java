package dev.ladder.cli;

import dev.ladder.Advisor;
import dev.ladder.govern.WhatIf;
import dev.ladder.model.Numbers;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;
import dev.ladder.support.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ladder whatif FILE}: for each numeric fact, the nearest value at which the
 * recommendation changes and the margin to it; for each enum and boolean, the values that
 * change it. Found by re-deciding varied scenarios.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = "Show which changes to the scenario's facts would change the recommendation, and by how much.")
final class WhatIfCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Mixin
    ReportFormat format;

    @Parameters(paramLabel = "FILE", description = "The scenario.")
    Path file;

    @Override
    public Integer call() throws Exception {
        Scenario scenario = ScenarioReader.read(file);
        Advisor advisor = rules.load();
        WhatIf.Report report = WhatIf.explore(advisor, scenario, file.toString());
        format.print(spec.commandLine().getOut(), report, out -> text(report, out));
        return 0;
    }

    private static void text(WhatIf.Report report, PrintWriter out) {
        out.println("What-if for " + Printable.line(report.scenario()) + ": now " + report.approach() + " (" + report.decisions()
                + " varied scenarios decided)");
        out.println();
        out.println("Numbers that move the recommendation:");
        if (report.numbers().isEmpty()) {
            out.println("  none in the explored ranges");
        }
        for (WhatIf.Sensitivity s : report.numbers()) {
            String current = s.current() != null ? Numbers.format(s.current().doubleValue())
                    : s.fact().startsWith("pricing.") ? "the rule base's price" : "unknown";
            out.println("  " + s.fact() + " = " + current + (s.nearestChange() == null ? ""
                    : ": " + s.nearestChange() + " (margin " + (s.margin().signum() > 0 ? "+" : "")
                    + s.margin().toPlainString() + ")"));
            StringBuilder ranges = new StringBuilder("      ");
            for (WhatIf.Segment segment : s.segments()) {
                ranges.append(segment.from().toPlainString()).append(segment.to() == null ? "+" : ".." + segment.to().toPlainString())
                        .append(": ").append(segment.approach()).append("   ");
            }
            out.println(ranges.toString().stripTrailing());
        }
        out.println();
        out.println("Other values that change the recommendation:");
        if (report.changes().isEmpty()) {
            out.println("  none");
        }
        report.changes().forEach(c -> out.println("  " + c.fact() + ": " + c.current() + " -> " + c.value() + " gives "
                + c.approach()));
    }
}
