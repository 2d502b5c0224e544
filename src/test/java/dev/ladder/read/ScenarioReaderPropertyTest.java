package dev.ladder.read;

import dev.ladder.Decision;
import dev.ladder.Fixtures;
import dev.ladder.LadderException;
import dev.ladder.model.Scenario;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random mutations of the valid scenarios in facts/: every outcome is either a decision or a
 * clean, located bad-input error. Anything else (an exception, an empty message) fails.
 */
class ScenarioReaderPropertyTest {
    private static final List<byte[]> SEEDS = seeds();
    private static final List<String> NAMES = List.of("m.json", "m.yaml");

    @Property(tries = 600)
    void whenAValidScenarioIsMutated_thenItIsDecidedOrCleanlyRejected(@ForAll("mutants") byte[] mutant,
                                                                       @ForAll("names") String name) {
        Scenario scenario;
        try {
            scenario = ScenarioReader.parse(name, mutant);
        } catch (LadderException.BadInput e) {
            assertThat(e.problems()).isNotEmpty();
            e.problems().forEach(p -> {
                assertThat(p.file()).isEqualTo(name);
                assertThat(p.message()).isNotBlank().doesNotContain("Exception").doesNotContain("dev.ladder");
            });
            return;
        }
        try {
            Decision decision = Fixtures.advisor().decide(scenario, name);
            assertThat(decision.recommendation().approach()).isNotBlank();
        } catch (LadderException e) {
            assertThat(e).isInstanceOf(LadderException.BadInput.class);
        }
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        Arbitrary<byte[]> seed = Arbitraries.of(SEEDS);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 4000);
        Arbitrary<String> insertion = Arbitraries.oneOf(
                Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "null", "-1", "1e309", "true", "\u0000", "\t",
                        "\n  ", "yes", "\"kind\": 1", "---", "&a", "*a", "!!binary", "\uFEFF", "99999999999999999999"),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 40);
        return Combinators.combine(seed, position, insertion, cut).as((bytes, at, text, drop) -> {
            String source = new String(bytes, StandardCharsets.UTF_8);
            int where = Math.min(at, source.length());
            int until = Math.min(where + drop, source.length());
            return (source.substring(0, where) + text + source.substring(until)).getBytes(StandardCharsets.UTF_8);
        });
    }

    private static List<byte[]> seeds() {
        try (Stream<Path> files = Files.list(Fixtures.FACTS)) {
            return files.sorted().map(file -> {
                try {
                    return Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
