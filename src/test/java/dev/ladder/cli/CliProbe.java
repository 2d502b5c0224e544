package dev.ladder.cli;

/** The command line run in-process, for tests outside this package. */
public final class CliProbe {
    private CliProbe() {
    }

    /** What a run printed and returned. */
    public record Result(int exit, String out, String err) {
    }

    public static Result run(String... args) {
        Cli cli = Cli.run(args);
        return new Result(cli.exit(), cli.out(), cli.err());
    }
}
