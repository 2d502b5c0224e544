package dev.ladder.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A misspelt field or parameter in a rule is named, located, with the name that was meant. */
class DidYouMeanTest {
    private static Path rulesWith(Path dir, String file, String from, String to) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        try (var files = Files.list(Path.of("rules"))) {
            for (Path f : files.toList()) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        String text = Files.readString(rules.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(rules.resolve(file), text.replaceFirst(java.util.regex.Pattern.quote(from), to));
        return rules;
    }

    @Test
    void aMisspeltFieldInAConditionSuggestsTheModelsField(@TempDir Path dir) throws IOException {
        Path rules = rulesWith(dir, "data.drl", "labelledExamples", "labeledExamples");

        Cli check = Cli.run("check", "--rules", rules.toString());

        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err()).containsPattern("data\\.drl:\\d+:\\d+: ")
                .contains("'labeledExamples' is neither a variable bound earlier, a property of Data")
                .contains("(did you mean labelledExamples?)")
                .doesNotContain("strict-mode").doesNotContain("\tat ");
    }

    @Test
    void aMisspeltParameterSuggestsTheParameter(@TempDir Path dir) throws IOException {
        Path rules = rulesWith(dir, "data.drl", "\"examples.platformMinimum\"", "\"examples.platformMinimun\"");

        Cli check = Cli.run("check", "--rules", rules.toString());

        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out() + check.err()).contains("no parameter named \"examples.platformMinimun\"")
                .contains("(did you mean examples.platformMinimum?)");
    }
}
