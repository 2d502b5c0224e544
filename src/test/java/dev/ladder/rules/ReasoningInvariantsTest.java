package dev.ladder.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.Decision;
import dev.ladder.Fixtures;
import dev.ladder.LadderException;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reasoning invariants, over generated scenarios: a recommendation never rests on what its
 * own trail rules out, never argues with itself, and more volume never takes a fine-tune away.
 */
class ReasoningInvariantsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double EXAMPLE_FLOOR = param("examples.rarelyHelpBelow");
    private static final double MIN_EVAL_SET = param("evaluation.minEvalSetSize");

    @Provide
    Arbitrary<ObjectNode> scenarios() {
        return net.jqwik.api.Arbitraries.oneOf(ScenarioGenerator.scenarios(), ScenarioGenerator.candidates());
    }

    @Property(tries = 250)
    void everyApproachNotRecommendedSaysWhyNotFromRulesThatFired(@ForAll("scenarios") ObjectNode json) {
        Decision d = decide(json);
        java.util.Set<String> fired = new HashSet<>(d.trail().stream().map(Decision.TrailEntry::rule).toList());
        List<String> others = java.util.Arrays.stream(dev.ladder.model.Approach.values()).map(Enum::name)
                .filter(a -> !a.equals(d.recommendation().approach())).toList();

        assertThat(d.whyNot()).extracting(Decision.WhyNot::approach).as("one entry per other approach, in rung order")
                .containsExactlyElementsOf(others);
        for (Decision.WhyNot w : d.whyNot()) {
            assertThat(w.reason()).as(w.approach()).startsWith(w.approach() + " is not recommended: ");
            assertThat(w.rules()).isNotEmpty();
            assertThat(w.rules().get(0)).startsWith("W-");
            assertThat(fired).as("every rule a why-not names fired").containsAll(w.rules());
        }
    }

    @Property(tries = 600)
    void aRecommendationNeverArguesWithItsTrail(@ForAll("scenarios") ObjectNode json) {
        Decision d = decide(json);
        net.jqwik.api.statistics.Statistics.label("approach").collect(d.recommendation().approach());
        boolean fineTuning = d.recommendation().approach().contains("FINE_TUNING");
        List<String> fired = d.trail().stream().map(Decision.TrailEntry::rule).toList();
        List<String> techniques = d.recommendation().techniques();
        boolean distilled = fired.contains("D-10");
        boolean tuneTried = json.path("attempts").findValues("approach").stream()
                .anyMatch(a -> a.asText().equals("fine-tuning"))
                && json.path("attempts").toString().matches(".*\"fine-tuning\",(\"technique\":\"\\w+\",)?\"outcome\":\"(works|partial|fails)\".*");

        // no warning code twice
        List<String> codes = d.warnings().stream().map(Decision.Warning::code).toList();
        assertThat(new HashSet<>(codes)).as("warning codes %s", codes).hasSameSizeAs(codes);

        // no contradictory techniques
        assertThat(techniques.contains("lora") && techniques.contains("full")).as("lora and full: %s", techniques).isFalse();
        if (fineTuning) {
            assertThat(techniques).as("prompt techniques a fine-tune replaces").doesNotContain("few-shot", "persona", "smaller-model");
        } else {
            assertThat(techniques).as("fine-tuning techniques without a fine-tune").doesNotContain("lora", "full", "distillation");
        }

        if (fineTuning) {
            var data = json.path("data");
            var constraints = json.path("constraints");
            // no fine-tune for a model that cannot be tuned
            assertThat(constraints.path("modelAccess").asText()).isNotEqualTo("closed-api");
            // no fine-tune on fewer examples than the floor where fine-tunes rarely help
            if (data.has("labelledExamples") && !distilled) {
                assertThat(data.get("labelledExamples").asDouble()).isGreaterThanOrEqualTo(EXAMPLE_FLOOR);
            }
            // a recommendation whose feasibility facts are unknown never rests on them
            assertThat(constraints.has("modelAccess") || tuneTried).as("constraints.modelAccess known").isTrue();
            assertThat(data.has("labelledExamples") || tuneTried || distilled).as("data.labelledExamples known").isTrue();
            assertThat(constraints.has("trainingBudgetUsd")).as("constraints.trainingBudgetUsd known").isTrue();
            assertThat(data.has("evalSetSize") || fired.contains("I-14")).as("data.evalSetSize known").isTrue();
            if (data.has("evalSetSize") && !fired.contains("I-14")) {
                assertThat(data.get("evalSetSize").asDouble()).isGreaterThanOrEqualTo(MIN_EVAL_SET);
            }
            // the budget was checked against a training cost the rules computed
            var training = d.costs().figures().stream().filter(f -> f.item().equals("training")).findFirst();
            assertThat(training.isPresent() || tuneTried).as("a training cost to check the budget against").isTrue();
            training.ifPresent(t -> assertThat(constraints.get("trainingBudgetUsd").asDouble())
                    .isGreaterThanOrEqualTo(t.value().doubleValue()));
            // a warning that says fine-tuning will not work never stands beside one
            assertThat(codes).doesNotContain("COST_NOT_JUSTIFIED", "LOW_QUALITY_EXAMPLES");
        }

        // the deciding path lies within the trail and ends at the rule that made the recommendation
        Set<Integer> seqs = new HashSet<>();
        d.trail().forEach(e -> seqs.add(e.seq()));
        assertThat(seqs).containsAll(d.decidingPath());
        assertThat(d.decidingPath()).isNotEmpty();
        String last = d.trail().get(d.decidingPath().get(d.decidingPath().size() - 1) - 1).rule();
        assertThat(last).isIn("P-04", "P-05");
    }

    @Provide
    Arbitrary<ObjectNode> candidates() {
        return ScenarioGenerator.candidates();
    }

    @Property(tries = 250)
    void tenTimesTheVolumeNeverTakesAFineTuneAway(@ForAll("candidates") ObjectNode json) {
        if (!json.path("usage").has("requestsPerDay")) {
            return;
        }
        Decision before = decide(json);
        net.jqwik.api.statistics.Statistics.label("fine-tune at the stated volume")
                .collect(before.recommendation().approach().contains("FINE_TUNING"));
        if (!before.recommendation().approach().contains("FINE_TUNING")) {
            return;
        }
        ObjectNode more = json.deepCopy();
        ((ObjectNode) more.get("usage")).put("requestsPerDay", json.path("usage").get("requestsPerDay").asLong() * 10);
        Decision after = decide(more);
        assertThat(after.recommendation().approach()).as("at ten times the volume").contains("FINE_TUNING");
    }

    static Decision decide(ObjectNode json) {
        try {
            Scenario scenario = ScenarioReader.parse("generated.json", JSON.writeValueAsBytes(json));
            return Fixtures.advisor().decide(scenario, "generated.json");
        } catch (LadderException e) {
            throw new AssertionError(json + " -> " + e.problems(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double param(String name) {
        return Fixtures.ruleBase().parameters().get(name).getValue();
    }

}
