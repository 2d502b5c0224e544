package dev.ladder.cli;

import dev.ladder.LadderException;
import dev.ladder.read.Problems;
import dev.ladder.support.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The top command. Exit codes: 0 done, 1 a check or test found something, 2 bad input
 * (scenario, rule or parameters file, or usage), 3 a rule fault while deciding.
 */
@Command(name = "ladder", mixinStandardHelpOptions = true, versionProvider = LadderCommand.Version.class,
        description = "Tells a team whether to prompt, retrieve (RAG) or fine-tune, and proves why.",
        subcommands = {DecideCommand.class, CheckCommand.class, TestCommand.class, DiffCommand.class, WhatIfCommand.class,
                LogCommand.class, ServeCommand.class, DaemonCommand.class, InterviewCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:a check, test, diff or log verify found something", "2:bad input (scenario, rules, usage)",
                "3:a rule failed while deciding", "4:an internal error (please report it, with --debug)",
                "5:the decision log could not be written (no decision is printed)"})
public final class LadderCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: decide, check, test, diff, whatif, log or daemon");
    }

    /** A command line with Ladder's exit codes and error printing. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LadderCommand());
        cli.setExitCodeExceptionMapper(e -> e instanceof LadderException l ? l.exitCode() : 2);
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("ladder: " + Printable.line(ex.getMessage()));
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for usage.");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = debug(parseResult);
            if (ex instanceof LadderException problem) {
                commandLine.getErr().println(Problems.lines(problem.problems()));
                if (debug && problem.getCause() != null) {
                    problem.getCause().printStackTrace(commandLine.getErr());
                }
                return problem.exitCode();
            }
            commandLine.getErr().println("ladder: internal error: " + Printable.line(String.valueOf(ex)) + (debug ? "" : " (--debug shows where)"));
            if (debug) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 4;
        });
        return cli;
    }

    private static boolean debug(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The version the build recorded. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LadderCommand.class.getPackage().getImplementationVersion();
            return new String[] {"ladder " + (version == null ? "(development build)" : version)};
        }
    }
}
