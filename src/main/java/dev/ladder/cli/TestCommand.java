package dev.ladder.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ladder test}: runs the scenarios that carry an expect block. */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Run scenarios with expectations; report coverage.")
final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
