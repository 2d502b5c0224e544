package dev.ladder.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.Decision;
import dev.ladder.rulebase.ReasonTemplate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisive why-not, over generated scenarios: a block on fine-tuning, where one stands, is the
 * reason fine-tuning (and the combined rung) is not recommended, in the words of the rules that
 * found it; a why-not decided by a cost comparison carries that comparison's figures.
 */
class WhyNotPropertyTest {
    /** The rules whose finding is a comparison of costs that overrides an option. */
    private static final Set<String> COST_OVERRIDES = Set.of("V-13", "V-14", "V-15", "V-33", "V-34", "V-35", "V-36");
    /** The why-not rules that quote the findings that decided them. */
    private static final Set<String> QUOTING = Set.of("W-01", "W-02", "W-03", "W-04", "W-09", "W-10", "W-11", "W-13");

    @Provide
    Arbitrary<ObjectNode> scenarios() {
        return Arbitraries.oneOf(ScenarioGenerator.scenarios(), ScenarioGenerator.candidates());
    }

    @Property(tries = 200)
    void aBlockIsTheReasonAndACostComparisonGivesItsFigures(@ForAll("scenarios") ObjectNode json) {
        Decision d = ReasoningInvariantsTest.decide(json);
        Map<String, Decision.WhyNot> whyNot = d.whyNot().stream()
                .collect(Collectors.toMap(Decision.WhyNot::approach, Function.identity()));
        List<Decision.TrailEntry> blocks = d.trail().stream()
                .filter(e -> e.overriddenBy() == null && e.concludes().stream().anyMatch(c -> c.startsWith("fine-tuning is blocked (")))
                .toList();

        if (!d.recommendation().approach().contains("FINE_TUNING")) {
            Decision.WhyNot fineTuning = whyNot.get("FINE_TUNING");
            Decision.WhyNot combined = whyNot.get("RAG_AND_FINE_TUNING");
            Statistics.label("why not fine-tuning").collect(fineTuning.rules().get(0));
            Statistics.label("with a block").collect(!blocks.isEmpty());
            if (blocks.isEmpty()) {
                assertThat(fineTuning.rules().get(0)).as("no block stands").isNotEqualTo("W-01");
                assertThat(combined.rules().get(0)).as("no block stands").isNotEqualTo("W-11");
            } else {
                assertThat(fineTuning.rules().get(0)).as("a block stands: it comes first, unless no need called for fine-tuning")
                        .isIn("W-01", "W-06");
                assertThat(combined.rules().get(0)).as("a block on a part of the combined rung comes first")
                        .isIn("W-11", "W-08");
                for (Decision.WhyNot w : List.of(fineTuning, combined)) {
                    if (w.rules().get(0).equals("W-01") || w.rules().get(0).equals("W-11")) {
                        for (Decision.TrailEntry block : blocks) {
                            assertThat(w.rules()).as("every block is named").contains(block.rule());
                            assertThat(w.reason()).as("in its own words").contains(ReasonTemplate.clause(block.reason()));
                        }
                    }
                }
            }
        }

        for (Decision.WhyNot w : d.whyNot()) {
            if (w.wouldChangeIf() != null) {
                // only an unknown fact the rung waits on, that deciding again shows can lead to it
                assertThat(w.rules().get(0)).isEqualTo("W-02");
                for (String condition : w.wouldChangeIf().split(", | and ")) {
                    String fact = condition.replace(" is known", "");
                    assertThat(d.missingFacts()).as("%s would change if %s", w.approach(), condition)
                            .anySatisfy(m -> {
                                assertThat(m.fact()).isEqualTo(fact);
                                assertThat(m.leadsTo().approach()).contains(w.approach());
                            });
                }
            }
            if (!QUOTING.contains(w.rules().get(0))) {
                continue;
            }
            String deciding = w.rules().get(1);
            assertThat(d.trail()).as("%s quotes the finding of %s", w.approach(), deciding)
                    .anySatisfy(e -> {
                        assertThat(e.rule()).isEqualTo(deciding);
                        assertThat(w.reason()).contains(ReasonTemplate.clause(e.reason()));
                    });
            if (COST_OVERRIDES.contains(deciding)) {
                Statistics.label("decided by cost").collect(deciding);
                assertThat(w.reason()).as("a cost comparison carries its figures").containsPattern("\\$[0-9][0-9,.]* a day")
                        .contains("against");
            }
        }
    }
}
