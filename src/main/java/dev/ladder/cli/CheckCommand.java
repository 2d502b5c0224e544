package dev.ladder.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ladder check}: compiles and lints the rule base. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Compile and lint the rule base.")
final class CheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
