package dev.ladder.cli;

import dev.ladder.LadderException;
import dev.ladder.Problem;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code [DIR|FILE...]} scenarios of test and diff: files as named, directories walked, facts/ by default. */
final class ScenarioTargets {
    @Parameters(arity = "0..*", paramLabel = "DIR|FILE", description = "Scenario files or directories (default: facts/).")
    List<Path> targets = new ArrayList<>();

    /** The scenario files, in name order within each directory; a missing target is bad input. */
    List<Path> files() throws LadderException.BadInput {
        List<Path> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path target : targets.isEmpty() ? List.of(Path.of("facts")) : targets) {
            if (Files.isDirectory(target)) {
                try (Stream<Path> walk = Files.walk(target)) {
                    walk.filter(Files::isRegularFile).filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
                    }).sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    problems.add(Problem.ofFile(target.toString(), "cannot be listed: " + e.getMessage()));
                }
            } else if (Files.exists(target)) {
                files.add(target);
            } else {
                problems.add(Problem.ofFile(target.toString(), "no such file or directory"));
            }
        }
        if (!problems.isEmpty()) {
            throw new LadderException.BadInput(problems);
        }
        return files;
    }
}
