package dev.ladder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the project's rule base that a test may break on purpose. */
public final class RuleDirs {
    private RuleDirs() {
    }

    /** A copy of rules/ under {@code parent}. */
    public static Path copy(Path parent) throws IOException {
        Path rules = parent.resolve("rules");
        Files.createDirectories(rules);
        try (Stream<Path> files = Files.list(Fixtures.RULES)) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        return rules;
    }

    /** Appends DRL to one file of a copied rule base and returns the line the text starts on. */
    public static int append(Path rules, String file, String drl) throws IOException {
        Path target = rules.resolve(file);
        int start = (int) Files.readAllLines(target).size() + 2;
        Files.writeString(target, Files.readString(target) + "\n" + drl);
        return start;
    }
}
