package dev.ladder.engine;

import picocli.CommandLine;

/** A deliberate violation the architecture test must catch: the engine using picocli. */
public final class ReachesTheCommandLine {
    private ReachesTheCommandLine() {
    }

    public static CommandLine commandLine(Object command) {
        return new CommandLine(command);
    }
}
