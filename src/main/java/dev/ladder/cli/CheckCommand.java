package dev.ladder.cli;

import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.cache.RuleBases;
import dev.ladder.rulebase.RuleBase;
import dev.ladder.rulebase.RuleFiles;
import dev.ladder.rulebase.RuleChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ladder check}: compiles the rule base (errors and refused constructs exit 2, located in
 * the expert's own file and line), then lints it (findings exit 1).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compile and lint the rule base: exit 0 clean, 1 findings, 2 does not compile or is refused.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Override
    public Integer call() throws LadderException {
        RuleFiles files = rules.files();
        RuleBase ruleBase;
        try {
            ruleBase = RuleBases.load(files);
        } catch (LadderException.BadInput refused) {
            // name every mistake in one run: what does not compile, and what the checks find in what parses
            List<Problem> all = new java.util.ArrayList<>(refused.problems());
            RuleChecks.lintUncompiled(files).stream().filter(p -> !all.contains(p)).forEach(all::add);
            throw new LadderException.BadInput(all);
        }
        List<Problem> findings = RuleChecks.lint(ruleBase);
        PrintWriter out = spec.commandLine().getOut();
        findings.forEach(out::println);
        long drlFiles = ruleBase.files().files().keySet().stream().filter(f -> f.endsWith(".drl")).count();
        if (findings.isEmpty()) {
            out.printf("rule base OK: %d rules in %d files, %d parameters (%s)%n", ruleBase.rules().size(), drlFiles,
                    ruleBase.parameters().all().size(), ruleBase.files().sha256().substring(0, 12));
        } else {
            out.printf("%d finding%s in %s%n", findings.size(), findings.size() == 1 ? "" : "s",
                    ruleBase.files().display());
        }
        out.flush();
        return findings.isEmpty() ? 0 : 1;
    }
}
