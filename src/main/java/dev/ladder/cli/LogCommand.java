package dev.ladder.cli;

import dev.ladder.DecisionLog;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.io.DecisionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ladder log verify FILE} and {@code ladder log show ID}: the decision log. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Verify or read the hash-chained decision log.",
        subcommands = {LogCommand.Verify.class, LogCommand.Show.class})
final class LogCommand implements Runnable {
    static final String DEFAULT_LOG = "ladder-log.jsonl";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a log command: verify or show");
    }

    static DecisionLog open(Path file) throws LadderException.BadInput {
        if (!Files.isRegularFile(file)) {
            throw new LadderException.BadInput(Problem.ofFile(file.toString(), "no such decision log"));
        }
        return new DecisionLog(file);
    }

    /** Checks every entry; exit 0 intact, 1 tampered. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that no entry was edited, removed or reordered: exit 0 intact, 1 not.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", defaultValue = DEFAULT_LOG, description = "The log (default: ${DEFAULT-VALUE}).")
        Path file;

        @Option(names = "--debug", description = "Show the Java stack trace behind an error.")
        boolean debug;

        @Override
        public Integer call() throws LadderException, IOException {
            DecisionLog.Verification result = open(file).verify();
            PrintWriter out = spec.commandLine().getOut();
            if (result.intact()) {
                out.println(file + ": intact, " + result.verifiedEntries() + " entries verified");
            } else {
                out.println(file + ": " + result.problem().get());
                out.println(file + ": the first " + result.verifiedEntries() + " entries verify");
            }
            result.incompleteTail().ifPresent(tail -> out.println(file + ": " + tail));
            out.flush();
            return result.intact() ? 0 : 1;
        }
    }

    /** Prints one entry. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the log entry of one decision.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The decision id.")
        String id;

        @Option(names = "--log", paramLabel = "FILE", defaultValue = DEFAULT_LOG, description = "The log (default: ${DEFAULT-VALUE}).")
        Path file;

        @Option(names = "--debug", description = "Show the Java stack trace behind an error.")
        boolean debug;

        @Override
        public Integer call() throws LadderException, IOException {
            var entry = open(file).find(id);
            if (entry.isEmpty()) {
                throw new LadderException.BadInput(Problem.ofFile(file.toString(), "no decision " + id + " in the log"));
            }
            spec.commandLine().getOut().println(DecisionJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(entry.get()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
