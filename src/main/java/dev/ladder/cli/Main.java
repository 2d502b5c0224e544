package dev.ladder.cli;

import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;

/** The {@code ladder} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale, so a printed record is byte for byte the one that is logged
        CommandLine cli = LadderCommand.commandLine();
        cli.setOut(utf8(FileDescriptor.out));
        cli.setErr(utf8(FileDescriptor.err));
        System.exit(cli.execute(args));
    }

    private static PrintWriter utf8(FileDescriptor descriptor) {
        return new Utf8Out(new FileOutputStream(descriptor));
    }

    /** Runs the command line and returns its exit code, for tests and embedding. */
    public static int run(String... args) {
        return LadderCommand.commandLine().execute(args);
    }
}
