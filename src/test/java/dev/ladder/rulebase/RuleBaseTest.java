package dev.ladder.rulebase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.Fixtures;
import dev.ladder.RuleDirs;
import dev.ladder.engine.Decider;
import dev.ladder.read.ScenarioReader;
import dev.ladder.report.DecisionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiling each rule file on its own decides exactly as compiling them all together. */
class RuleBaseTest {

    private static JsonNode trail(RuleBase rules, Path scenario) throws Exception {
        return DecisionJson.mapper().readTree(DecisionJson.pretty(
                new Decider(rules).decide(ScenarioReader.read(scenario), scenario.toString()))).get("trail");
    }

    @Test
    void whenEachFileCompilesAlone_thenEveryTrailIsTheOneOfOneBuildOfAllFiles(@TempDir Path dir) throws Exception {
        RuleBase alone = RuleBase.compile(RuleFiles.read(Fixtures.RULES));
        // the same files in another directory, compiled in one build
        Path together = RuleDirs.copy(dir);
        RuleBase built = RuleBase.compile(RuleFiles.read(together), true);

        try (Stream<Path> scenarios = Files.list(Fixtures.FACTS)) {
            for (Path scenario : scenarios.sorted().toList()) {
                JsonNode expected = trail(built, scenario);
                assertThat(trail(alone, scenario).toString().replace("rules/", together + "/"))
                        .as(scenario.toString()).isEqualTo(expected.toString());
            }
        }
    }
}
