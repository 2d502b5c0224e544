package dev.ladder.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ladder.Decision;
import dev.ladder.Fixtures;
import dev.ladder.read.ScenarioReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed record reads exactly as Jackson's data binding writes the {@link Decision} types:
 * on every scenario in facts/, and on records made of any text, nulls and fact values.
 */
class DecisionJsonTest {
    private static final ObjectWriter BOUND_LINE = DecisionJson.mapper().writer();
    private static final ObjectWriter BOUND_PRETTY = DecisionJson.mapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n")));

    @Test
    void everyFactsRecordReadsAsDataBindingWritesIt() throws Exception {
        List<Decision> all = new ArrayList<>();
        try (var files = Files.list(Fixtures.FACTS)) {
            for (Path file : files.sorted().toList()) {
                Decision decision = Fixtures.advisor().decide(ScenarioReader.read(file), file.toString());
                assertThat(DecisionJson.line(decision)).as(file.toString()).isEqualTo(BOUND_LINE.writeValueAsString(decision));
                assertThat(DecisionJson.pretty(decision)).as(file.toString()).isEqualTo(BOUND_PRETTY.writeValueAsString(decision));
                all.add(decision);
            }
        }
        assertThat(all).hasSizeGreaterThan(50);
        assertThat(DecisionJson.pretty(all)).isEqualTo(BOUND_PRETTY.writeValueAsString(all));
    }

    @Test
    void aJsonLineIsTheRecordInUtf8WithItsNewline() {
        Decision decision = Fixtures.decide("id: utf8\ntitle: \"naïve → ☃ \\U0001F600\"\n");
        assertThat(new String(DecisionJson.lineBytes(decision), StandardCharsets.UTF_8))
                .isEqualTo(DecisionJson.line(decision) + "\n")
                .contains("naïve → ☃ \uD83D\uDE00");
    }

    @Property(tries = 200)
    void anyRecordReadsAsDataBindingWritesIt(@ForAll("records") Decision decision) throws Exception {
        assertThat(DecisionJson.line(decision)).isEqualTo(BOUND_LINE.writeValueAsString(decision));
        assertThat(DecisionJson.pretty(decision)).isEqualTo(BOUND_PRETTY.writeValueAsString(decision));
    }

    @Provide
    Arbitrary<Decision> records() {
        Arbitrary<List<String>> texts = Arbitraries.strings().all().ofMaxLength(12).injectNull(0.25)
                .list().ofMinSize(24).ofMaxSize(24);
        Arbitrary<List<Object>> values = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(8).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigIntegers().between(java.math.BigInteger.valueOf(-1_000_000), java.math.BigInteger.valueOf(1_000_000))
                        .map(i -> (Object) new BigDecimal(i, 3)),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.strings().alpha().ofMaxLength(4).list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.just(null)).list().ofMaxSize(5);
        Arbitrary<Boolean> empty = Arbitraries.of(true, false);
        return Combinators.combine(texts, values, empty).as(DecisionJsonTest::record);
    }

    private static Decision record(List<String> t, List<Object> values, boolean sparse) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            facts.put("fact" + i + (t.get(i) == null ? "" : t.get(i)), values.get(i));
        }
        Map<String, BigDecimal> perDay = new LinkedHashMap<>();
        perDay.put("PROMPTING", new BigDecimal("18.50"));
        perDay.put(t.get(1) == null ? "RAG" : t.get(1), sparse ? null : new BigDecimal("1E+3"));
        List<String> someTexts = Arrays.asList(t.get(2), t.get(3), t.get(4));
        return new Decision(t.get(0), t.get(1), t.get(2), t.get(3),
                sparse ? null : new Decision.Recommendation(t.get(4), sparse ? null : someTexts, t.get(5), t.get(6)),
                sparse ? null : Arrays.asList(4, null, 35),
                List.of(new Decision.WhyNot(t.get(7), t.get(8), sparse ? null : someTexts, t.get(9))),
                Arrays.asList(new Decision.Step(t.get(10), t.get(11), t.get(12), t.get(13), t.get(14)), null),
                List.of(new Decision.Warning(t.get(15), t.get(16), t.get(17), t.get(18))),
                sparse ? List.of() : List.of(new Decision.MissingFact(t.get(19), t.get(20), t.get(21),
                        new Decision.LeadsTo(t.get(5), values.isEmpty() ? null : values.get(0), t.get(6), someTexts, facts,
                                new Decision.Otherwise(values.size() < 2 ? null : values.get(1), t.get(7), someTexts))),
                        new Decision.MissingFact(t.get(8), t.get(9), t.get(10),
                                new Decision.LeadsTo(t.get(11), null, t.get(12), null, null, null)),
                        new Decision.MissingFact(t.get(13), t.get(14), t.get(15), null)),
                sparse ? null : List.of(new Decision.UnknownFigure(t.get(16), someTexts, values.isEmpty() ? null : values.get(0),
                                t.get(17), t.get(18), new Decision.Shows(t.get(19), values.size() < 2 ? null : values.get(1), facts,
                                        perDay, sparse ? null : Map.of())),
                        new Decision.UnknownFigure(t.get(20), null, null, t.get(21), null, null)),
                new Decision.Costs(t.get(22), sparse ? null : perDay,
                        sparse ? null : List.of(new Decision.Figure(t.get(23), sparse ? null : BigDecimal.TEN, t.get(0), t.get(1), t.get(2)))),
                List.of(new Decision.TrailEntry(1, t.get(3), t.get(4), t.get(5), 7, t.get(6), t.get(7), t.get(8),
                        sparse ? null : facts, sparse ? null : someTexts, someTexts, t.get(9))),
                sparse ? null : new Decision.Ruleset(t.get(10), someTexts),
                t.get(11), new Decision.Engine(t.get(12), t.get(13), t.get(14)), t.get(15));
    }
}
