package dev.ladder.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.model.Advice;
import dev.ladder.model.Approach;
import dev.ladder.model.Chosen;
import dev.ladder.model.Confidence;
import dev.ladder.model.Feeds;
import dev.ladder.model.Figure;
import dev.ladder.model.Missing;
import dev.ladder.model.Need;
import dev.ladder.model.Numbers;
import dev.ladder.model.Overridden;
import dev.ladder.model.Param;
import dev.ladder.model.Recommendation;
import dev.ladder.model.Scenario;
import dev.ladder.model.Step;
import dev.ladder.model.Technique;
import dev.ladder.model.UnknownFigure;
import dev.ladder.model.Warning;
import dev.ladder.read.StrictMapper;
import dev.ladder.rulebase.RuleBase;
import dev.ladder.rulebase.Versions;
import dev.ladder.support.Sha256;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders what the rules concluded into a {@link Decision}: it sorts, labels and links the
 * conclusions and the trail, and computes content hashes. Every judgement it reports was made
 * by a rule; it makes none.
 */
final class RecordAssembler {
    private final RuleBase ruleBase;

    RecordAssembler(RuleBase ruleBase) {
        this.ruleBase = ruleBase;
    }

    Decision assemble(Scenario scenario, Capture recorder, Map<String, Param> params)
            throws LadderException.RuleFault {
        Map<Object, String> overriddenBy = overrides(recorder);
        List<Object> live = recorder.conclusions().stream().filter(c -> !overriddenBy.containsKey(c)).toList();
        Recommendation recommendation = only(live, Recommendation.class, "a recommendation");
        Confidence confidence = only(live, Confidence.class, "a confidence");
        List<Chosen> chosen = all(live, Chosen.class);
        Map<dev.ladder.model.NeedKind, Need> needs = new LinkedHashMap<>();
        all(live, Need.class).forEach(n -> needs.putIfAbsent(n.getKind(), n));

        List<String> techniques = techniques(all(live, Advice.class));
        Decision.Recommendation rec = new Decision.Recommendation(recommendation.getApproach().name(),
                techniques, confidence.getLevel().code(), summary(recommendation, confidence, chosen, needs, techniques,
                all(live, dev.ladder.model.Unmet.class).stream().map(dev.ladder.model.Unmet::getNeed)
                        .collect(java.util.stream.Collectors.toSet())));
        return new Decision(Decision.RECORD_VERSION, java.util.UUID.randomUUID().toString(), scenario.getId(),
                scenario.getTitle(), rec, DecidingPath.of(recorder, recommendation, overriddenBy),
                whyNot(recorder, all(live, dev.ladder.model.WhyNot.class)),
                ladder(recorder, all(live, Step.class)), warnings(recorder, all(live, Warning.class), overriddenBy),
                missing(recorder, all(live, Missing.class)), unknownFigures(recorder, all(live, UnknownFigure.class)),
                costs(recorder, all(live, Figure.class)),
                trail(recorder, overriddenBy),
                new Decision.Ruleset(ruleBase.files().sha256(), List.copyOf(ruleBase.files().files().keySet())),
                inputSha256(scenario), Versions.engine(), Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /** Each overridden conclusion, with the id of the rule that overrode it (the first, when several did). */
    private static Map<Object, String> overrides(Capture recorder) {
        Map<Object, String> overridden = new IdentityHashMap<>();
        for (Object conclusion : recorder.conclusions()) {
            if (conclusion instanceof Overridden override) {
                overridden.putIfAbsent(override.getTarget(), recorder.concludedBy(override).rule().id());
            }
        }
        return overridden;
    }

    /**
     * Each firing one of whose conclusions was overridden, with the rule that overrode the first
     * of them to be overridden: the trail's {@code overriddenBy}.
     */
    private static Map<Capture.Fired, String> losers(Capture recorder) {
        Map<Capture.Fired, String> losers = new IdentityHashMap<>();
        for (Object conclusion : recorder.conclusions()) {
            if (conclusion instanceof Overridden override) {
                Capture.Fired loser = recorder.concludedBy(override.getTarget());
                if (loser != null) {
                    losers.putIfAbsent(loser, recorder.concludedBy(override).rule().id());
                }
            }
        }
        return losers;
    }

    private <T> T only(List<Object> live, Class<T> type, String what) throws LadderException.RuleFault {
        List<T> found = all(live, type);
        if (found.size() != 1) {
            throw new LadderException.RuleFault(Problem.ofFile(ruleBase.files().display(),
                    "the rule base concluded " + found.size() + " times " + what + " (expected exactly one);"
                            + " no decision was made"), null);
        }
        return found.get(0);
    }

    private static <T> List<T> all(List<Object> live, Class<T> type) {
        return live.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The techniques the rules advised and did not override, each once, in a stable order. */
    static List<String> techniques(List<Advice> advice) {
        Set<Technique> techniques = new java.util.TreeSet<>();
        advice.forEach(a -> techniques.add(a.getTechnique()));
        return techniques.stream().map(Technique::code).toList();
    }

    private static String summary(Recommendation recommendation, Confidence confidence, List<Chosen> chosen,
                                  Map<dev.ladder.model.NeedKind, Need> needs, List<String> techniques,
                                  Set<dev.ladder.model.NeedKind> unmet) {
        Set<String> parts = new LinkedHashSet<>();
        chosen.stream().sorted(Comparator.comparingInt((Chosen c) -> -c.getApproach().getRank()))
                .forEach(c -> parts.add(needs.get(c.getNeed()).getDetail() + " → "
                        + (unmet.contains(c.getNeed()) ? "unmet, " + words(c.getApproach()) + " as a best effort"
                        : words(c.getApproach()) + (c.getTechnique() == null || !techniques.contains(c.getTechnique().code())
                        ? "" : " (" + c.getTechnique().code() + ")"))));
        return words(recommendation.getApproach()).substring(0, 1).toUpperCase()
                + words(recommendation.getApproach()).substring(1) + ", with " + confidence.getLevel().code()
                + " confidence: " + String.join("; ", parts) + ".";
    }

    static String words(Approach approach) {
        return switch (approach) {
            case PROMPTING -> "prompting";
            case RAG -> "retrieval (RAG)";
            case FINE_TUNING -> "fine-tuning";
            case RAG_AND_FINE_TUNING -> "retrieval plus fine-tuning";
        };
    }

    private static List<Decision.Step> ladder(Capture recorder, List<Step> steps) {
        return steps.stream()
                .sorted(Comparator.comparing(Step::getStatus)
                        .thenComparingInt((Step s) -> s.getApproach().getRank()))
                .map(s -> new Decision.Step(s.getApproach().name(), s.getAction(), s.getStatus().code(),
                        s.getTrigger(), recorder.concludedBy(s).rule().id()))
                .toList();
    }

    /**
     * The warnings that stand. A warning that stood aside for another of the same code (one risk,
     * named once) adds its reason to the message of the one that stands.
     */
    private static List<Decision.Warning> warnings(Capture recorder, List<Warning> warnings,
                                                   Map<Object, String> overriddenBy) {
        List<Warning> absorbed = recorder.conclusions().stream()
                .filter(c -> c instanceof Warning && overriddenBy.containsKey(c)).map(Warning.class::cast).toList();
        return warnings.stream().map(w -> {
            Capture.Fired by = recorder.concludedBy(w);
            StringBuilder message = new StringBuilder(by.reason());
            for (Warning other : absorbed) {
                Capture.Fired also = recorder.concludedBy(other);
                if (other.getCode().equals(w.getCode()) && !also.reason().equals(by.reason())) {
                    message.append(" Also (").append(also.rule().id()).append("): ").append(also.reason());
                }
            }
            return new Decision.Warning(w.getCode(), w.getSeverity().code(), message.toString(), by.rule().id());
        }).toList();
    }

    /**
     * One entry per approach not recommended, in rung order: the reason of the rule that said why
     * not; that rule, then the rules whose findings decided it, then the rules of the options those
     * findings overrode and of the other conclusions it matched; and what would change it.
     */
    private static List<Decision.WhyNot> whyNot(Capture recorder, List<dev.ladder.model.WhyNot> whyNots) {
        Map<dev.ladder.model.Approach, Decision.WhyNot> byApproach = new java.util.EnumMap<>(dev.ladder.model.Approach.class);
        for (dev.ladder.model.WhyNot w : whyNots) {
            Capture.Fired by = recorder.concludedBy(w);
            java.util.LinkedHashSet<String> rules = new java.util.LinkedHashSet<>();
            rules.add(by.rule().id());
            // the deciding rules in trail order, as the reason quotes them
            w.getBecause().stream().map(recorder::concludedBy).filter(java.util.Objects::nonNull)
                    .sorted(Comparator.comparingInt(Capture.Fired::seq)).forEach(f -> rules.add(f.rule().id()));
            for (Object decisive : w.getBecause()) {
                // what a deciding override overrode: the option that lost
                Capture.Fired loser = decisive instanceof Overridden o ? recorder.concludedBy(o.getTarget()) : null;
                if (loser != null) {
                    rules.add(loser.rule().id());
                }
            }
            for (Object used : by.uses()) {
                Capture.Fired producer = recorder.concludedBy(used);
                if (producer != null) {
                    rules.add(producer.rule().id());
                }
            }
            byApproach.putIfAbsent(w.getApproach(), new Decision.WhyNot(w.getApproach().name(), by.reason(),
                    List.copyOf(rules), w.getWouldChangeIf()));
        }
        return List.copyOf(byApproach.values());
    }

    private static List<Decision.MissingFact> missing(Capture recorder, List<Missing> missing) {
        Map<String, Decision.MissingFact> byFact = new LinkedHashMap<>();
        for (Missing m : missing) {
            Capture.Fired by = recorder.concludedBy(m);
            byFact.putIfAbsent(m.getFact(), new Decision.MissingFact(m.getFact(), by.reason(), by.rule().id(),
                    leadsTo(m.getPivotal())));
        }
        return List.copyOf(byFact.values());
    }

    private static Decision.LeadsTo leadsTo(dev.ladder.model.Pivotal p) {
        Decision.Otherwise otherwise = p.getOtherValue() == null ? null
                : new Decision.Otherwise(p.getOtherValue(), p.getOtherApproach().name(), p.getOtherTechniques());
        return new Decision.LeadsTo(p.getFact(), p.getValue(), p.getApproach().name(), p.getTechniques(),
                new java.util.TreeMap<>(p.getGiven()), otherwise);
    }

    private static List<Decision.UnknownFigure> unknownFigures(Capture recorder, List<UnknownFigure> unknown) {
        Map<String, Decision.UnknownFigure> byFact = new LinkedHashMap<>();
        // the scenario's facts before the prices it leaves at the rule base's, each in path order
        List<UnknownFigure> ordered = unknown.stream().sorted(Comparator
                .comparing((UnknownFigure u) -> u.getFeeds().isPrice()).thenComparing(UnknownFigure::getFact)).toList();
        for (UnknownFigure u : ordered) {
            Capture.Fired by = recorder.concludedBy(u);
            Feeds f = u.getFeeds();
            byFact.putIfAbsent(u.getFact(), new Decision.UnknownFigure(f.getFact(), f.getFigures(),
                    f.getDefaultUsed() instanceof Double d ? Numbers.round(d) : f.getDefaultUsed(), by.reason(), by.rule().id(),
                    new Decision.Shows(f.getFact(), f.getValue(), new java.util.TreeMap<>(f.getGiven()), rounded(f.getAt()),
                            rounded(f.getUnknown()))));
        }
        return List.copyOf(byFact.values());
    }

    private static Map<String, BigDecimal> rounded(Map<String, Double> figures) {
        Map<String, BigDecimal> rounded = new java.util.TreeMap<>();
        figures.forEach((item, value) -> rounded.put(item, Numbers.round(value)));
        return Collections.unmodifiableMap(rounded);
    }

    private static Decision.Costs costs(Capture recorder, List<Figure> costs) {
        Map<String, BigDecimal> perDay = new LinkedHashMap<>();
        List<Decision.Figure> figures = new ArrayList<>();
        for (Figure cost : costs) {
            BigDecimal value = Numbers.round(cost.getValue());
            if (cost.getItem().startsWith("perDay.")) {
                perDay.putIfAbsent(cost.getItem().substring("perDay.".length()), value);
            }
            figures.add(new Decision.Figure(cost.getItem(), value, cost.getUnit(), cost.getFormula(),
                    recorder.concludedBy(cost).rule().id()));
        }
        return new Decision.Costs("USD", Collections.unmodifiableMap(perDay), List.copyOf(figures));
    }

    private static List<Decision.TrailEntry> trail(Capture recorder, Map<Object, String> overriddenBy) {
        Map<Capture.Fired, String> losers = losers(recorder);
        Map<Object, String> texts = new IdentityHashMap<>();
        Function<Object, String> text = conclusion -> texts.computeIfAbsent(conclusion, String::valueOf);
        Function<Object, String> label = conclusion -> {
            Capture.Fired by = recorder.concludedBy(conclusion);
            return text.apply(conclusion) + (by == null ? "" : " [#" + by.seq() + " " + by.rule().id() + "]");
        };
        List<Decision.TrailEntry> entries = new ArrayList<>(recorder.fired().size());
        for (Capture.Fired f : recorder.fired()) {
            List<String> uses = new ArrayList<>(f.uses().size());
            f.uses().forEach(u -> uses.add(label.apply(u)));
            List<String> concludes = new ArrayList<>(f.concludes().size());
            f.concludes().forEach(c -> concludes.add(text.apply(c)
                    + (overriddenBy.containsKey(c) ? " (overridden by " + overriddenBy.get(c) + ")" : "")));
            entries.add(new Decision.TrailEntry(f.seq(), f.rule().id(), f.rule().name(), f.rule().file(), f.rule().line(),
                    f.rule().phase(), f.rule().source(), f.reason(), f.facts(), uses, concludes, losers.get(f)));
        }
        return entries;
    }

    /** SHA-256 of the scenario as canonical JSON (sorted keys, no nulls), without its expect block. */
    static String inputSha256(Scenario scenario) {
        try {
            byte[] canonical = StrictMapper.canonicalInput().writeValueAsBytes(scenario);
            return Sha256.of(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash the scenario", e);
        }
    }
}
