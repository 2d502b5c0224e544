package dev.ladder.cli;

import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.govern.Batch;
import dev.ladder.govern.DecisionLog;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;
import dev.ladder.report.DecisionJson;
import dev.ladder.report.HtmlReport;
import dev.ladder.report.MarkdownReport;
import dev.ladder.report.TextReport;
import dev.ladder.support.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ladder decide FILE...}: reads every scenario first and decides only when all are
 * valid, so a batch is all or nothing; prints nothing unless every decision was made.
 */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Recommend prompting, RAG or fine-tuning for each scenario, with the trail of rules that fired.")
final class DecideCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
            description = "json (the decision record), text (for a person), markdown or html (review documents). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Scenario files (.json, .yaml, .yml).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "FILE.jsonl",
            description = "Decide one JSON scenario per line and stream the records as JSON Lines, in input order, on every core.")
    Path batch;

    @Option(names = "--on-error", defaultValue = "fail", paramLabel = "fail|skip",
            description = "With --batch: fail (check every line first; a bad line stops the run before any output) or"
                    + " skip (report bad lines with their line numbers, decide the rest, exit 2 at the end). Default: ${DEFAULT-VALUE}.")
    String onError;

    @Option(names = "--log", paramLabel = "LOG",
            description = "Also append each decision record to this signed, hash-chained log: a JSON Lines file,"
                    + " or a jdbc:postgresql: URL.")
    String log;

    @Override
    public Integer call() throws LadderException {
        if (batch != null) {
            return batch();
        }
        if (files.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a scenario FILE or --batch FILE.jsonl");
        }
        if (format == Format.html && files.size() > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format html makes one page per decision: name one FILE (or use markdown for several)");
        }
        // The rule base loads on the other core while the scenarios are read.
        java.util.concurrent.CompletableFuture<Advisor> loading = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return rules.load();
            } catch (LadderException.BadInput e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        List<Scenario> scenarios = ScenarioReader.readAll(files);
        Advisor advisor;
        try {
            advisor = loading.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof LadderException.BadInput bad) {
                throw bad;
            }
            throw e;
        }
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            decisions.add(advisor.decide(scenarios.get(i), files.get(i).toString()));
        }
        if (log != null) {
            appendToLog(decisions);
        }
        spec.commandLine().getOut().println(render(decisions));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int batch() throws LadderException {
        if (!files.isEmpty() || format != Format.json) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch writes JSON Lines on its own: no FILE or --format with it");
        }
        Batch.OnError mode = switch (onError) {
            case "fail" -> Batch.OnError.FAIL;
            case "skip" -> Batch.OnError.SKIP;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--on-error takes fail or skip, not '" + onError + "'");
        };
        Advisor advisor = rules.load();
        java.io.PrintWriter err = spec.commandLine().getErr();
        try {
            Batch runner = new Batch(advisor, Runtime.getRuntime().availableProcessors());
            if (log != null) {
                try {
                    runner = runner.loggingTo(DecisionLog.at(log));
                } catch (java.io.IOException e) {
                    throw new LadderException.Unwritable(Problem.ofFile(DecisionLog.nameOf(log), e.getMessage()), e);
                }
            }
            Batch.Summary summary = runner.run(batch, Utf8Out.bytesOf(spec.commandLine().getOut()), mode, err::println);
            err.println(Printable.line(batch.toString()) + ": " + summary.decided() + " decided, " + summary.skipped() + " skipped");
            err.flush();
            return summary.skipped() == 0 ? 0 : 2;
        } catch (java.io.IOException e) {
            throw new LadderException.BadInput(Problem.ofFile(batch.toString(), "cannot be read: " + e.getMessage()));
        }
    }

    private void appendToLog(List<Decision> decisions) throws LadderException.Unwritable {
        DecisionLog decisionLog;
        try {
            decisionLog = DecisionLog.at(log);
        } catch (java.io.IOException e) {
            throw new LadderException.Unwritable(Problem.ofFile(DecisionLog.nameOf(log), e.getMessage()), e);
        }
        try {
            // one write: every decision of the command is logged, or none is
            List<DecisionLog.Entry> entries = decisionLog.appendAll(decisions, line ->
                    spec.commandLine().getErr().println(Printable.line(line)));
            for (int i = 0; i < entries.size(); i++) {
                spec.commandLine().getErr().println("logged " + Printable.line(decisions.get(i).scenario())
                        + " as decision " + entries.get(i).decisionId() + " (entry " + entries.get(i).seq() + " of "
                        + Printable.line(decisionLog.name()) + ")");
            }
        } catch (java.io.IOException e) {
            throw decisionLog.unwritable(e);
        }
    }

    private String render(List<Decision> decisions) {
        return switch (format) {
            case json -> decisions.size() == 1 ? DecisionJson.pretty(decisions.get(0)) : DecisionJson.pretty(decisions);
            case text -> String.join("\n\n", decisions.stream().map(TextReport::render).toList());
            case markdown -> String.join("\n\n---\n\n", decisions.stream().map(MarkdownReport::render).toList());
            case html -> HtmlReport.render(decisions.get(0));
        };
    }
}
