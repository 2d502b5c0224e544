package dev.ladder;

import dev.ladder.govern.Expectations;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario in facts/ meets its expect block, and together they fire every rule. */
class ScenarioLibraryTest {

    private static List<Path> facts() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.FACTS)) {
            return files.sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> whenEachScenarioIsDecided_thenItMeetsItsExpectations() throws IOException {
        return facts().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Expectations.Report report = Expectations.run(Fixtures.advisor(), List.of(file));
            assertThat(report.results()).as("%s carries an expect block", file).hasSize(1);
            assertThat(report.results().get(0).differences()).as(file.toString()).isEmpty();
        }));
    }

    @Test
    void whenTheWholeLibraryRuns_thenEveryRuleFiresSomewhere() throws IOException {
        Expectations.Report report = Expectations.run(Fixtures.advisor(), facts());

        assertThat(report.results()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(report.neverFired()).as("rules no scenario exercises").isEmpty();
    }

    @Test
    void whenAnyScenarioIsDecided_thenNoReasonKeepsAPlaceholder() throws Exception {
        for (Path file : facts()) {
            Decision decision = Fixtures.advisor().decide(file);
            decision.trail().forEach(entry -> assertThat(entry.reason())
                    .as("%s %s in %s", entry.rule(), entry.name(), file)
                    .doesNotContain("{").doesNotContain("}").isNotBlank());
            decision.warnings().forEach(w -> assertThat(w.message()).doesNotContain("{"));
        }
    }
}
