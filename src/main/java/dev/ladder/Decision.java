package dev.ladder;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The decision record for one scenario: what to do, the plan, the risks, the costs and the
 * trail of every rule that fired. Two decisions on the same scenario and rule set are equal
 * apart from {@link #decidedAt()} and {@link #decisionId()}. {@link #decidingPath()} lists the
 * {@code seq} of the trail entries the recommendation rests on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(
        String recordVersion,
        String decisionId,
        String scenario,
        String title,
        Recommendation recommendation,
        List<Integer> decidingPath,
        List<WhyNot> whyNot,
        List<Step> ladder,
        List<Warning> warnings,
        List<MissingFact> missingFacts,
        List<UnknownFigure> unknownFigures,
        Costs costs,
        List<TrailEntry> trail,
        Ruleset ruleset,
        String inputSha256,
        Engine engine,
        String decidedAt) {

    /** The version of this record's layout. */
    public static final String RECORD_VERSION = "1.3";

    /** What to do now. */
    public record Recommendation(String approach, List<String> techniques, String confidence, String summary) {
    }

    /** One step of the escalation plan; the trigger says when to take an if-needed step. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String approach, String action, String status, String trigger, String rule) {
    }

    /**
     * Why an approach is not the recommendation: the reason of the rule that said so, the rules
     * whose conclusions it rests on, and what would change it where a rule states that.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WhyNot(String approach, String reason, List<String> rules, String wouldChangeIf) {
    }

    /** A risk, with the rule that raised it and that rule's reason as the message. */
    public record Warning(String code, String severity, String message, String rule) {
    }

    /**
     * An unknown fact that could change the recommendation: the words of the rule that said so,
     * and the re-decision that shows it ({@code leadsTo}).
     */
    public record MissingFact(String fact, String why, String rule, LeadsTo leadsTo) {
    }

    /**
     * A claim anyone can check by deciding the scenario again: with the other unknown facts set as
     * in {@code given} (often none), the fact at {@code value} leads to {@code approach} with
     * {@code techniques}, and at {@code otherwise.value} to another recommendation. Without
     * {@code otherwise}, every value tried leads away from the recommendation made now.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LeadsTo(String path, Object value, String approach, List<String> techniques, Map<String, Object> given,
                          Otherwise otherwise) {
    }

    /** Another value of the same fact, and the recommendation it leads to. */
    public record Otherwise(Object value, String approach, List<String> techniques) {
    }

    /**
     * An unknown fact the record's figures rest on, which changed no recommendation at the values
     * tried: the figures it feeds, the value they are computed as if it had ({@code defaultUsed},
     * absent when they are not computed without it), the words of the rule that said so, and the
     * re-decision that shows it ({@code shows}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnknownFigure(String fact, List<String> figures, Object defaultUsed, String why, String rule,
                                Shows shows) {
    }

    /**
     * A claim anyone can check by deciding the scenario again: with the facts in {@code given}
     * set, the fact at {@code value} gives the {@code figures}, and left unknown the figures
     * {@code unknown} (one absent there is not computed).
     */
    public record Shows(String path, Object value, Map<String, Object> given, Map<String, BigDecimal> figures,
                        Map<String, BigDecimal> unknown) {
    }

    /** The cost model's figures; {@code perDay} maps each costed approach to USD a day. */
    public record Costs(String currency, Map<String, BigDecimal> perDay, List<Figure> figures) {
    }

    /** One figure of the cost model, with its formula and the rule that computed it. */
    public record Figure(String item, BigDecimal value, String unit, String formula, String rule) {
    }

    /** One fired rule. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrailEntry(
            int seq,
            String rule,
            String name,
            String file,
            int line,
            String phase,
            String source,
            String reason,
            Map<String, Object> facts,
            List<String> uses,
            List<String> concludes,
            String overriddenBy) {
    }

    /** The rule set the decision was made with. */
    public record Ruleset(String sha256, List<String> files) {
    }

    /** The program that made the decision. */
    public record Engine(String name, String version, String drools) {
    }

    /** This decision with another timestamp; everything else is content. */
    public Decision withDecidedAt(String timestamp) {
        return new Decision(recordVersion, decisionId, scenario, title, recommendation, decidingPath, whyNot, ladder, warnings,
                missingFacts, unknownFigures, costs, trail, ruleset, inputSha256, engine, timestamp);
    }

    /** This decision under another id, as when comparing two runs. */
    public Decision withDecisionId(String id) {
        return new Decision(recordVersion, id, scenario, title, recommendation, decidingPath, whyNot, ladder, warnings,
                missingFacts, unknownFigures, costs, trail, ruleset, inputSha256, engine, decidedAt);
    }
}
