package dev.ladder.cli;

import dev.ladder.RuleDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A parameter a rule author sets out of its range is refused, located, before any rule uses it. */
class ParameterRangeTest {
    @Test
    void negativePricesFractionsAboveOneAndAnUnboundedBudgetAreRefused(@TempDir Path dir) throws IOException {
        Path rules = RuleDirs.copy(dir);
        Path parameters = rules.resolve("parameters.yaml");
        String yaml = Files.readString(parameters);
        yaml = yaml.replaceFirst("(pricing\\.largeModelInputPerMTokUsd:\\n\\s+value:) [0-9.]+", "$1 -5")
                .replaceFirst("(pricing\\.cachedInputDiscount:\\n\\s+value:) [0-9.]+", "$1 2")
                .replaceFirst("(engine\\.maxMillis:\\n\\s+value:) [0-9.]+", "$1 1e12");
        Files.writeString(parameters, yaml);

        Cli check = Cli.run("check", "--rules", rules.toString());

        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.err()).containsPattern("parameters\\.yaml:\\d+:1: pricing\\.largeModelInputPerMTokUsd\\.value: -5 is negative")
                .contains("pricing.cachedInputDiscount.value: 2 is above 1")
                .contains("engine.maxMillis.value: 1000000000000 is outside the engine's budget (expected a number > 0 and <= 60000)");
    }

    @Test
    void textLimitsCountCharactersAsTheSchemaDoes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("emoji.json");
        Files.writeString(file, "{\"id\": \"emoji\", \"title\": \"" + "\uD83D\uDE00".repeat(300) + "\"}");

        Cli decided = Cli.run("decide", file.toString());

        assertThat(decided.exit()).as(decided.err()).isZero();
    }
}
