package dev.ladder.cli;

import dev.ladder.daemon.Server;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code DaemonMain DIR IDLE_SECONDS}: the process the launcher starts to keep ladder warm for
 * one working directory; it serves the same command line as {@link Main}, in {@link Server}.
 */
public final class DaemonMain {
    private DaemonMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[1].matches("[0-9]{1,9}")) {
            System.err.println("usage: DaemonMain DIR IDLE_SECONDS");
            System.exit(2);
        }
        try {
            Server.serveIn(Path.of(args[0]), Long.parseLong(args[1]), DaemonMain::execute);
        } catch (IOException e) {
            System.err.println("ladder daemon: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Runs one command line; {@code terminal} says whether the client's stdin and stdout are a
     * terminal, which decides colour in help as picocli decides it for a process of its own.
     */
    static int execute(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        CommandLine cli = LadderCommand.commandLine();
        cli.setOut(out);
        cli.setErr(err);
        String force = System.getenv("CLICOLOR_FORCE");
        boolean colour = System.getenv("NO_COLOR") == null
                && (force != null && !force.equals("0") || terminal && !"0".equals(System.getenv("CLICOLOR")));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(colour ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        return cli.execute(args);
    }
}
