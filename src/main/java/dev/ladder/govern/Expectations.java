package dev.ladder.govern;

import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.model.Expect;
import dev.ladder.model.Scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs scenarios that carry an {@code expect} block and compares each decision with it:
 * the approach, the warnings that must appear, the rules that must fire. Also reports which
 * rules fired in no scenario.
 */
public final class Expectations {

    /** The outcome for one scenario file; {@code differences} is empty when it passed. */
    public record Result(String file, String scenario, List<String> differences, Set<String> fired) {
        public boolean passed() {
            return differences.isEmpty();
        }
    }

    /** Every result, and the coverage of the rule base. */
    public record Report(List<Result> results, List<String> allRules, List<String> neverFired) {
        public long passed() {
            return results.stream().filter(Result::passed).count();
        }

        public long failed() {
            return results.size() - passed();
        }

        /** Percentage of rules that fired in at least one scenario, to one decimal. */
        public double coveragePercent() {
            return allRules.isEmpty() ? 100.0
                    : Math.round(1000.0 * (allRules.size() - neverFired.size()) / allRules.size()) / 10.0;
        }
    }

    private Expectations() {
    }

    /**
     * Decides each scenario that has an expectation and compares. A scenario that cannot be read
     * or decided is a failed result with the problem as its difference.
     */
    public static Report run(Advisor advisor, List<java.nio.file.Path> files) {
        List<Result> results = new ArrayList<>();
        Set<String> firedAnywhere = new TreeSet<>();
        Set<String> known = new LinkedHashSet<>();
        known.addAll(advisor.ruleIds());
        for (java.nio.file.Path file : files) {
            Scenario scenario;
            try {
                scenario = dev.ladder.read.ScenarioReader.read(file);
            } catch (LadderException.BadInput e) {
                results.add(new Result(file.toString(), null, problems(e), Set.of()));
                continue;
            }
            if (scenario.getExpect() == null) {
                continue;
            }
            try {
                Decision decision = advisor.decide(scenario, file.toString());
                Set<String> fired = new LinkedHashSet<>();
                decision.trail().forEach(entry -> fired.add(entry.rule()));
                firedAnywhere.addAll(fired);
                results.add(new Result(file.toString(), scenario.getId(),
                        compare(scenario.getExpect(), decision, fired, known), fired));
            } catch (LadderException e) {
                results.add(new Result(file.toString(), scenario.getId(), problems(e), Set.of()));
            }
        }
        List<String> never = known.stream().filter(id -> !firedAnywhere.contains(id)).toList();
        return new Report(results, List.copyOf(known), never);
    }

    private static List<String> problems(LadderException e) {
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static List<String> compare(Expect expect, Decision decision, Set<String> fired, Set<String> known) {
        List<String> differences = new ArrayList<>();
        if (expect.getApproach() != null
                && !expect.getApproach().name().equals(decision.recommendation().approach())) {
            differences.add("approach: expected " + expect.getApproach().name() + ", got "
                    + decision.recommendation().approach());
        }
        Set<String> raised = new LinkedHashSet<>();
        decision.warnings().forEach(w -> raised.add(w.code()));
        for (String code : expect.getWarnings()) {
            if (!raised.contains(code)) {
                differences.add("warning " + code + " was not raised (raised: "
                        + (raised.isEmpty() ? "none" : String.join(", ", raised)) + ")");
            }
        }
        for (String rule : expect.getRules()) {
            if (!known.contains(rule)) {
                differences.add("rule " + rule + " does not exist in the rule base");
            } else if (!fired.contains(rule)) {
                differences.add("rule " + rule + " should have fired but did not");
            }
        }
        for (String rule : expect.getAbsentRules()) {
            if (!known.contains(rule)) {
                differences.add("rule " + rule + " does not exist in the rule base");
            } else if (fired.contains(rule)) {
                differences.add("rule " + rule + " fired but should not have");
            }
        }
        return differences;
    }
}
