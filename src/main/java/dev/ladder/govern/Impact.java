package dev.ladder.govern;

import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Impact analysis of a rule edit: decides every scenario with a base rule set and with the
 * edited one, and reports each scenario whose approach, warnings or techniques change, with
 * the rules responsible.
 */
public final class Impact {

    /** How one scenario's decision changed; empty lists mean no change of that kind. */
    public record Change(String file, String scenario, String approachBefore, String approachAfter,
                         List<String> warningsAdded, List<String> warningsRemoved,
                         List<String> techniquesAdded, List<String> techniquesRemoved,
                         List<String> rulesNowFiring, List<String> rulesNoLongerFiring,
                         List<String> rulesWithChangedReasons) {

        /** Whether the approach, a warning or a technique changed. */
        public boolean changed() {
            return !approachBefore.equals(approachAfter) || !warningsAdded.isEmpty() || !warningsRemoved.isEmpty()
                    || !techniquesAdded.isEmpty() || !techniquesRemoved.isEmpty();
        }
    }

    /** Every scenario compared, the rule files and parameter values that differ, and the scenarios that changed. */
    public record Report(List<String> filesChanged, List<ParameterChange> parametersChanged, int scenarios,
                         List<Change> changes) {
    }

    /** A parameter whose value differs; {@code before} or {@code after} is null where it is only on one side. */
    public record ParameterChange(String name, Double before, Double after) {
        @Override
        public String toString() {
            return name + ": " + (before == null ? "(none)" : dev.ladder.model.Numbers.format(before)) + " -> "
                    + (after == null ? "(none)" : dev.ladder.model.Numbers.format(after));
        }
    }

    /** The parameters whose values differ between two rule bases, by name. */
    public static List<ParameterChange> parameterChanges(dev.ladder.rulebase.Parameters base,
                                                         dev.ladder.rulebase.Parameters edited) {
        java.util.TreeMap<String, ParameterChange> changes = new java.util.TreeMap<>();
        for (dev.ladder.model.Param p : base.all()) {
            dev.ladder.model.Param other = edited.get(p.getName());
            if (other == null || other.getValue() != p.getValue()) {
                changes.put(p.getName(), new ParameterChange(p.getName(), p.getValue(), other == null ? null : other.getValue()));
            }
        }
        for (dev.ladder.model.Param p : edited.all()) {
            if (base.get(p.getName()) == null) {
                changes.put(p.getName(), new ParameterChange(p.getName(), null, p.getValue()));
            }
        }
        return List.copyOf(changes.values());
    }

    private Impact() {
    }

    /** Decides each scenario file with both advisors and compares. */
    public static Report compare(Advisor base, Advisor edited, List<Path> files) throws LadderException {
        return compare(base, edited, List.of(), files);
    }

    /** As {@link #compare(Advisor, Advisor, List)}, reporting {@code parametersChanged} beside the files. */
    public static Report compare(Advisor base, Advisor edited, List<ParameterChange> parametersChanged, List<Path> files)
            throws LadderException {
        List<Change> changes = new ArrayList<>();
        List<Scenario> scenarios = ScenarioReader.readAll(files);
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).toString();
            Change change = compare(name, base.decide(scenarios.get(i), name), edited.decide(scenarios.get(i), name));
            if (change.changed()) {
                changes.add(change);
            }
        }
        return new Report(changedFiles(base, edited), parametersChanged, files.size(), changes);
    }

    static Change compare(String file, Decision before, Decision after) {
        Map<String, String> reasonsBefore = reasons(before);
        Map<String, String> reasonsAfter = reasons(after);
        List<String> changedReasons = reasonsAfter.entrySet().stream()
                .filter(e -> reasonsBefore.containsKey(e.getKey()) && !reasonsBefore.get(e.getKey()).equals(e.getValue()))
                .map(Map.Entry::getKey).toList();
        return new Change(file, after.scenario(), before.recommendation().approach(), after.recommendation().approach(),
                minus(codes(after), codes(before)), minus(codes(before), codes(after)),
                minus(after.recommendation().techniques(), before.recommendation().techniques()),
                minus(before.recommendation().techniques(), after.recommendation().techniques()),
                minus(reasonsAfter.keySet(), reasonsBefore.keySet()), minus(reasonsBefore.keySet(), reasonsAfter.keySet()),
                changedReasons);
    }

    /** Each fired rule's reasons, joined, by rule id: a rule that fires twice is one entry. */
    private static Map<String, String> reasons(Decision decision) {
        Map<String, String> reasons = new LinkedHashMap<>();
        decision.trail().forEach(e -> reasons.merge(e.rule(), e.reason() + (e.overriddenBy() == null ? ""
                : " [overridden by " + e.overriddenBy() + "]"), (a, b) -> a + " | " + b));
        return reasons;
    }

    private static Set<String> codes(Decision decision) {
        Set<String> codes = new LinkedHashSet<>();
        decision.warnings().forEach(w -> codes.add(w.code()));
        return codes;
    }

    private static List<String> minus(java.util.Collection<String> a, java.util.Collection<String> b) {
        return a.stream().filter(x -> !b.contains(x)).distinct().toList();
    }

    private static List<String> changedFiles(Advisor base, Advisor edited) {
        Map<String, String> before = base.ruleFiles();
        Map<String, String> after = edited.ruleFiles();
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        return names.stream().filter(n -> !java.util.Objects.equals(before.get(n), after.get(n)))
                .map(n -> n + (before.get(n) == null ? " (added)" : after.get(n) == null ? " (removed)" : ""))
                .toList();
    }
}
