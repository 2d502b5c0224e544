package dev.ladder.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.Map;

/**
 * Random valid scenarios, as the JSON a team would write: every field may be unknown, and
 * numbers cluster around the thresholds the rules compare against.
 */
public final class ScenarioGenerator {
    private static final JsonNodeFactory JSON = new ObjectMapper().getNodeFactory();

    private ScenarioGenerator() {
    }

    /** Any scenario: every field is unknown about one time in six. */
    public static Arbitrary<ObjectNode> scenarios() {
        return scenarios(0.15);
    }

    /** Scenarios with many unknown facts: every field is unknown about one time in three. */
    public static Arbitrary<ObjectNode> sparse() {
        return scenarios(0.35);
    }

    /**
     * Scenarios where fine-tuning is in reach: the facts that make it feasible are almost always
     * known, so the invariants about a recommended fine-tune are exercised, not skipped.
     */
    static Arbitrary<ObjectNode> candidates() {
        return scenarios(0.03).map(ScenarioGenerator::likelyFeasible);
    }

    /** Tilts a scenario towards facts under which a fine-tune can run, keeping a share of each block. */
    private static ObjectNode likelyFeasible(ObjectNode scenario) {
        int seed = scenario.toString().hashCode();
        ObjectNode constraints = (ObjectNode) scenario.get("constraints");
        ObjectNode data = (ObjectNode) scenario.get("data");
        ObjectNode task = (ObjectNode) scenario.get("task");
        ObjectNode needs = (ObjectNode) scenario.get("needs");
        if ((seed & 3) != 0) {
            constraints.put("modelAccess", (seed & 4) == 0 ? "open-weights" : "closed-api-tunable");
            constraints.put("trainingBudgetUsd", 100_000);
            data.put("labelledExamples", (seed & 8) == 0 ? 3000 : 80);
            data.put("exampleQuality", "high");
            data.put("evalSetSize", 100);
            task.put("changesFrequently", false);
            task.put("lifetime", "product");
            needs.put("formatChangesFrequently", false);
        }
        if ((seed & 16) == 0) {
            needs.put("style", "exact-voice");
        } else if ((seed & 32) == 0) {
            needs.put("domainDialect", true);
        }
        return scenario;
    }

    private static Arbitrary<ObjectNode> scenarios(double unknown) {
        return Combinators.combine(task(unknown), needs(unknown), data(unknown), usage(unknown), attempts(),
                        constraints(unknown), evaluation(0.5))
                .as((task, needs, data, usage, attempts, constraints, evaluation) -> {
                    ObjectNode scenario = JSON.objectNode();
                    scenario.put("id", "generated");
                    scenario.set("task", task);
                    scenario.set("needs", needs);
                    scenario.set("data", data);
                    scenario.set("usage", usage);
                    scenario.set("attempts", attempts);
                    scenario.set("constraints", constraints);
                    scenario.set("evaluation", evaluation);
                    return scenario;
                });
    }

    private static Arbitrary<ObjectNode> task(double unknown) {
        return group(unknown, Map.of(
                "kind", text("classification", "extraction", "generation", "summarization", "question-answering",
                        "conversation", "code", "reasoning", "transformation"),
                "baseModelKnowsDomain", text("yes", "partial", "no"),
                "changesFrequently", Arbitraries.of(true, false, false, false).map(v -> (Object) v),
                "lifetime", text("one-off", "pilot", "product"),
                "needsMultiStepReasoning", bool()));
    }

    private static Arbitrary<ObjectNode> needs(double unknown) {
        return group(unknown, Map.of(
                "knowledge", text("none", "public", "proprietary"),
                "knowledgeFreshness", text("static", "quarterly", "monthly", "weekly", "daily", "realtime"),
                "knowledgeSizeTokens", number(0, 30_000, 150_000, 200_000, 250_000, 5_000_000),
                "style", text("none", "tone", "persona", "exact-voice"),
                "format", text("none", "loose", "strict-schema"),
                "formatChangesFrequently", bool(),
                "domainDialect", bool(),
                "citations", bool()));
    }

    private static Arbitrary<ObjectNode> data(double unknown) {
        return group(unknown, Map.of(
                "labelledExamples", number(0, 5, 9, 10, 30, 49, 50, 99, 100, 500, 3000, 3000, 50_000),
                "exampleQuality", text("low", "medium", "high", "high"),
                "evalSetSize", number(0, 10, 19, 20, 100, 100, 100),
                "generalHoldoutSet", bool()));
    }

    private static Arbitrary<ObjectNode> usage(double unknown) {
        return group(unknown, Map.of(
                "requestsPerDay", number(0, 50, 800, 5_000, 9_999, 10_000, 100_000, 1_000_000, 3_000_000),
                "inputTokensPerRequest", number(10, 150, 1_500),
                "outputTokensPerRequest", number(3, 60, 250, 1_000),
                "instructionTokens", number(0, 100, 400, 1_200, 4_000),
                "latencyTargetMs", number(300, 800, 1_500, 3_000, 20_000)));
    }

    private static Arbitrary<ObjectNode> constraints(double unknown) {
        return group(unknown, Map.of(
                "trainingBudgetUsd", number(0, 10, 500, 5_000, 100_000, 100_000),
                "gpuAccess", bool(),
                "modelAccess", text("closed-api", "closed-api-tunable", "open-weights", "open-weights"),
                "mustRetainGeneralSkills", bool(),
                "failureCost", text("low", "medium", "high")));
    }

    private static Arbitrary<ObjectNode> evaluation(double unknown) {
        Arbitrary<Object> score = Arbitraries.of(0.5, 0.6, 0.61, 0.7, 0.8, 0.9).map(s -> (Object) s);
        return group(unknown, Map.of("taskScoreBefore", score, "taskScoreAfter", score,
                "generalScoreBefore", score, "generalScoreAfter", score));
    }

    private static final Map<String, List<String>> TECHNIQUES = Map.of(
            "prompting", List.of("zero-shot", "few-shot", "chain-of-thought", "persona", "structured-output", "full-context"),
            "fine-tuning", List.of("lora", "full", "distillation"));

    private static Arbitrary<ArrayNode> attempts() {
        Arbitrary<ObjectNode> attempt = Arbitraries.of("prompting", "rag", "fine-tuning").flatMap(approach -> {
            List<String> techniques = TECHNIQUES.getOrDefault(approach, List.of());
            Arbitrary<String> technique = techniques.isEmpty() ? Arbitraries.just("")
                    : Arbitraries.of(techniques).injectNull(0.3).map(t -> t == null ? "" : t);
            return Combinators.combine(technique, Arbitraries.of("not-tried", "works", "partial", "fails"))
                    .as((t, outcome) -> {
                        ObjectNode node = JSON.objectNode();
                        node.put("approach", approach);
                        if (!t.isEmpty()) {
                            node.put("technique", t);
                        }
                        node.put("outcome", outcome);
                        return node;
                    });
        });
        return attempt.list().ofMaxSize(3).map(list -> {
            ArrayNode array = JSON.arrayNode();
            list.forEach(array::add);
            return array;
        });
    }

    private static Arbitrary<Object> text(String... values) {
        return Arbitraries.of(values).map(v -> (Object) v);
    }

    private static Arbitrary<Object> bool() {
        return Arbitraries.of(true, false).map(v -> (Object) v);
    }

    private static Arbitrary<Object> number(long... values) {
        return Arbitraries.of(java.util.Arrays.stream(values).boxed().toList()).map(v -> (Object) v);
    }

    /** A group whose fields are each unknown (left out) with the given probability. */
    private static Arbitrary<ObjectNode> group(double unknown, Map<String, Arbitrary<Object>> fields) {
        List<String> names = fields.keySet().stream().sorted().toList();
        List<Arbitrary<Object>> values = names.stream().map(n -> fields.get(n).injectNull(unknown)).toList();
        return Combinators.combine(values).as(chosen -> {
            ObjectNode node = JSON.objectNode();
            for (int i = 0; i < names.size(); i++) {
                Object value = chosen.get(i);
                if (value instanceof String s) {
                    node.put(names.get(i), s);
                } else if (value instanceof Boolean b) {
                    node.put(names.get(i), b);
                } else if (value instanceof Long l) {
                    node.put(names.get(i), l);
                } else if (value instanceof Double d) {
                    node.put(names.get(i), d);
                }
            }
            return node;
        });
    }
}
