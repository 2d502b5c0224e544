package dev.ladder.rulebase;


import dev.ladder.Problem;
import dev.ladder.model.Allowed;
import dev.ladder.model.Group;
import dev.ladder.model.Param;
import dev.ladder.model.Range;
import dev.ladder.model.Scenario;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lint of {@code ladder check}: metadata, placeholders, parameters, literal thresholds,
 * phases, and conditions that can never hold. It reads the parsed DRL and the source text;
 * it never runs a rule. What it does and does not find is listed in {@code rules/README.md}.
 */
public final class RuleChecks {
    private static final Pattern BINDING = Pattern.compile("(\\$[A-Za-z_]\\w*)\\s*:(?!=)");
    private static final Pattern PARAM_USE = Pattern.compile("Param\\s*\\(\\s*name\\s*==\\s*\"([^\"]+)\"(?:\\s*,\\s*(\\$\\w+)\\s*:\\s*value)?");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.$])(\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)(?![\\w.])");
    private static final Pattern NEW_FACT = Pattern.compile("\\bnew\\s+([A-Z]\\w*)\\s*\\(");
    private static final Pattern COMPARISON = Pattern.compile("^\\s*(\\w+)\\s*(<=|>=|<|>|==)\\s*(\\$\\w+|-?\\d+(?:\\.\\d+)?)\\s*$");
    private static final Set<Double> UNIT_LITERALS = Set.of(0.0, 1.0, 1e6);
    /** What a scenario and the parameters put in a session: the fact groups, each attempt, each parameter, each pivotal fact. */
    private static final Set<String> INPUT_TYPES = inputTypes();

    private static Set<String> inputTypes() {
        Set<String> types = new java.util.HashSet<>(Set.of("Attempt", "Param", "Pivotal", "Feeds"));
        for (Group group : Group.values()) {
            if (group.isFact()) {
                types.add(group.type().getSimpleName());
            }
        }
        return Set.copyOf(types);
    }

    /** One rule as the checks see it: where it is, its text split into conditions and actions. */
    private record Source(RuleDescr descr, String file, int line, List<String> when, int whenLine,
                          List<String> then, String whole) {
    }

    private final RuleBase ruleBase;
    private final List<Problem> findings = new ArrayList<>();

    /** Whether every rule file parsed: only then does a parameter no rule names go unused. */
    private final boolean whole;

    private RuleChecks(RuleBase ruleBase, boolean whole) {
        this.ruleBase = ruleBase;
        this.whole = whole;
    }

    /**
     * The findings on rule files that do not compile: what parses is checked, so an author sees
     * every mistake in one run. Nothing when the parameters file itself cannot be read.
     */
    public static List<Problem> lintUncompiled(RuleFiles files) {
        try {
            return lint(new RuleChecks(RuleBase.parsedOnly(files), false));
        } catch (dev.ladder.LadderException.BadInput unreadableParameters) {
            return List.of();
        }
    }

    /** Every finding, in file and line order. */
    public static List<Problem> lint(RuleBase ruleBase) {
        return lint(new RuleChecks(ruleBase, true));
    }

    private static List<Problem> lint(RuleChecks checks) {
        checks.run();
        checks.findings.sort((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line())
                : a.file().compareTo(b.file()));
        return List.copyOf(checks.findings);
    }

    private void run() {
        List<Source> rules = sources();
        Map<String, String> ids = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Set<String> usedParams = new HashSet<>();
        Map<String, Set<String>> concludedIn = new HashMap<>();
        for (Source rule : rules) {
            for (String line : rule.then()) {
                Matcher m = NEW_FACT.matcher(line);
                while (m.find()) {
                    concludedIn.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(phase(rule));
                }
            }
        }
        for (Source rule : rules) {
            metadata(rule);
            unique(ids, RuleInfo.annotation(rule.descr(), "id"), rule, "@id");
            unique(names, rule.descr().getName(), rule, "rule name");
            Map<String, String> paramVars = params(rule, usedParams);
            placeholders(rule, paramVars);
            literals(rule);
            reachable(rule, concludedIn);
            explaining(rule);
            ranges(rule, paramVars);
        }
        if (whole) {
            // a file that failed to parse or was refused may be the one that uses them
            unusedParameters(usedParams);
        }
    }

    private List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        for (Map.Entry<String, PackageDescr> file : ruleBase.sources().entrySet()) {
            String name = file.getKey().substring(file.getKey().lastIndexOf('/') + 1);
            String text = new String(ruleBase.files().files().get(name), StandardCharsets.UTF_8);
            String[] raw = text.split("\n", -1);
            String[] code = DrlText.codeOnly(text).split("\n", -1);
            for (RuleDescr rule : file.getValue().getRules()) {
                int start = rule.getLine() - 1;
                int when = -1;
                int then = -1;
                int end = raw.length;
                for (int i = start; i < raw.length; i++) {
                    String trimmed = code[i].trim();
                    if (when < 0 && trimmed.equals("when")) {
                        when = i;
                    } else if (then < 0 && trimmed.equals("then")) {
                        then = i;
                    } else if (trimmed.equals("end") && then >= 0) {
                        end = i;
                        break;
                    }
                }
                List<String> whenLines = when < 0 || then < 0 ? List.of() : List.of(code).subList(when + 1, then);
                List<String> thenLines = then < 0 ? List.of() : List.of(code).subList(then + 1, end);
                String whole = String.join("\n", List.of(raw).subList(start, Math.min(end + 1, raw.length)));
                sources.add(new Source(rule, file.getKey(), rule.getLine(), whenLines, when + 2, thenLines, whole));
            }
        }
        return sources;
    }

    private void metadata(Source rule) {
        for (String key : List.of("id", "source", "reason")) {
            String value = RuleInfo.annotation(rule.descr(), key);
            if (value == null || value.isBlank()) {
                find(rule, rule.line(), "rule \"" + rule.descr().getName() + "\" has no @" + key
                        + " (every rule needs @id, @source and @reason)");
            }
        }
        String phase = phase(rule);
        if (phase == null) {
            find(rule, rule.line(), "rule \"" + rule.descr().getName() + "\" names no agenda-group (one of "
                    + String.join(", ", RuleBase.PHASES) + ")");
        } else if (!RuleBase.PHASES.contains(phase)) {
            find(rule, rule.line(), "rule \"" + rule.descr().getName() + "\" is in agenda-group \"" + phase
                    + "\", which never runs (expected one of " + String.join(", ", RuleBase.PHASES) + ")");
        }
    }

    private void unique(Map<String, String> seen, String key, Source rule, String what) {
        if (key == null) {
            return;
        }
        String here = rule.file() + ":" + rule.line();
        String before = seen.putIfAbsent(key, here);
        if (before != null) {
            find(rule, rule.line(), what + " \"" + key + "\" is already used at " + before + " (each must be unique)");
        }
    }

    /** Parameters the rule names, checking each exists; returns variable to parameter name. */
    private Map<String, String> params(Source rule, Set<String> used) {
        Map<String, String> vars = new LinkedHashMap<>();
        String[] lines = rule.whole().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PARAM_USE.matcher(lines[i]);
            while (m.find()) {
                String name = m.group(1);
                used.add(name);
                if (ruleBase.parameters().get(name) == null) {
                    String hint = ConditionTypes.didYouMean(name, ruleBase.parameters().all().stream()
                            .map(Param::getName).toList());
                    find(rule, rule.line() + i, "no parameter named \"" + name + "\" in " + Parameters.FILE
                            + " (the pattern can never match, so the rule never fires)" + hint);
                }
                if (m.group(2) != null) {
                    vars.put(m.group(2), name);
                }
            }
        }
        return vars;
    }

    private void placeholders(Source rule, Map<String, String> paramVars) {
        String reason = RuleInfo.annotation(rule.descr(), "reason");
        if (reason == null) {
            return;
        }
        Set<String> declared = new HashSet<>();
        for (String line : rule.when()) {
            Matcher m = BINDING.matcher(line);
            while (m.find()) {
                declared.add(m.group(1));
            }
        }
        for (String placeholder : ReasonTemplate.placeholders(reason)) {
            if (!ReasonTemplate.resolvable(placeholder, declared, ruleBase.parameters())) {
                find(rule, rule.line(), "@reason placeholder {" + placeholder + "} names "
                        + (placeholder.startsWith("$") ? "no variable bound in the rule's conditions"
                        : "no parameter and no scenario fact (e.g. {usage.requestsPerDay})"));
            }
        }
    }

    private void literals(Source rule) {
        for (int i = 0; i < rule.when().size(); i++) {
            Matcher m = NUMBER.matcher(rule.when().get(i));
            while (m.find()) {
                double value = Double.parseDouble(m.group(1));
                if (UNIT_LITERALS.contains(value)) {
                    continue;
                }
                String covering = ruleBase.parameters().all().stream().filter(p -> p.getValue() == value)
                        .map(Param::getName).findFirst().map(n -> "; parameter " + n + " has this value")
                        .orElse("");
                find(rule, rule.whenLine() + i, "literal " + m.group(1) + " in a condition: thresholds belong in "
                        + Parameters.FILE + covering);
            }
        }
    }

    /** A rule of the explaining phase concludes nothing that deciding again compares. */
    private void explaining(Source rule) {
        if (!RuleBase.EXPLAINING_PHASE.equals(phase(rule))) {
            return;
        }
        for (String line : rule.then()) {
            Matcher m = NEW_FACT.matcher(line);
            while (m.find()) {
                if (RuleBase.DECIDING_TYPES.contains(m.group(1))) {
                    find(rule, rule.line(), "rule \"" + rule.descr().getName() + "\" concludes " + m.group(1)
                            + " in the " + RuleBase.EXPLAINING_PHASE + " phase, which explains a decision already made"
                            + " and is not run when a scenario is decided again: conclude it in an earlier phase");
                }
            }
        }
    }

    /** A rule whose positive pattern needs a conclusion no earlier phase produces can never fire. */
    private void reachable(Source rule, Map<String, Set<String>> concludedIn) {
        String phase = phase(rule);
        if (phase == null || !RuleBase.PHASES.contains(phase) || rule.descr().getLhs() == null) {
            return;
        }
        for (BaseDescr element : rule.descr().getLhs().getDescrs()) {
            if (!(element instanceof PatternDescr pattern) || pattern.getSource() != null) {
                continue;
            }
            String type = pattern.getObjectType();
            type = type.substring(type.lastIndexOf('.') + 1);
            if (INPUT_TYPES.contains(type) || !isModelType(type)) {
                continue;
            }
            Set<String> phases = concludedIn.getOrDefault(type, Set.of());
            int mine = RuleBase.PHASES.indexOf(phase);
            boolean available = phases.stream().anyMatch(p -> RuleBase.PHASES.contains(p) && RuleBase.PHASES.indexOf(p) <= mine);
            if (!available) {
                find(rule, rule.line(), "rule \"" + rule.descr().getName() + "\" can never fire: it needs a " + type
                        + (phases.isEmpty() ? ", which no rule concludes"
                        : ", which rules conclude only in the later phase(s) " + String.join(", ", phases)));
            }
        }
    }

    /** Comparisons of scenario fields that no valid scenario can satisfy. */
    private void ranges(Source rule, Map<String, String> paramVars) {
        if (rule.descr().getLhs() == null) {
            return;
        }
        for (BaseDescr element : rule.descr().getLhs().getDescrs()) {
            if (!(element instanceof PatternDescr pattern)) {
                continue;
            }
            String type = pattern.getObjectType().substring(pattern.getObjectType().lastIndexOf('.') + 1);
            Class<?> group = groupClass(type);
            if (group == null) {
                continue;
            }
            for (BaseDescr constraint : pattern.getDescrs()) {
                for (String part : constraint.getText() == null ? new String[0] : constraint.getText().split("&&")) {
                    unsatisfiable(rule, group, part, paramVars);
                }
            }
        }
    }

    private void unsatisfiable(Source rule, Class<?> group, String expression, Map<String, String> paramVars) {
        Matcher m = COMPARISON.matcher(expression);
        if (!m.matches()) {
            return;
        }
        Field field = fieldOf(group, m.group(1));
        Range range = field == null ? null : field.getAnnotation(Range.class);
        if (range == null) {
            return;
        }
        Double value;
        String shown;
        if (m.group(3).startsWith("$")) {
            String param = paramVars.get(m.group(3));
            Param p = param == null ? null : ruleBase.parameters().get(param);
            if (p == null) {
                return;
            }
            value = p.getValue();
            shown = param + " = " + dev.ladder.model.Numbers.format(value);
        } else {
            value = Double.parseDouble(m.group(3));
            shown = m.group(3);
        }
        double min = range.min();
        double max = range.max();
        boolean never = switch (m.group(2)) {
            case "<" -> value <= min || (range.minExclusive() && value <= min + 1);
            case "<=" -> value < min || (range.minExclusive() && value <= min);
            case ">" -> value >= max;
            case ">=" -> value > max;
            default -> value < min || value > max || (range.minExclusive() && value == min);
        };
        if (never) {
            String path = Group.ofTypeNamed(group.getSimpleName()).orElseThrow().key() + "." + m.group(1);
            find(rule, rule.line(), "rule \"" + rule.descr().getName() + "\" can never fire: it needs " + path + " "
                    + m.group(2) + " " + shown + ", but the scenario format allows only "
                    + Allowed.by(field));
        }
    }

    private void unusedParameters(Set<String> used) {
        String display = ruleBase.files().display(Parameters.FILE);
        List<String> lines = new String(ruleBase.files().files().get(Parameters.FILE), StandardCharsets.UTF_8).lines().toList();
        for (Param param : ruleBase.parameters().all()) {
            if (!used.contains(param.getName()) && !param.getName().startsWith(Parameters.ENGINE_PREFIX)) {
                findings.add(new Problem(display, Parameters.lineOf(lines, param.getName()), 1, param.getName(),
                        "no rule uses this parameter"));
            }
        }
    }

    private static Class<?> groupClass(String simpleName) {
        return Group.ofTypeNamed(simpleName).filter(Group::isFact).<Class<?>>map(Group::type).orElse(null);
    }

    private static boolean isModelType(String simpleName) {
        try {
            Class.forName(Scenario.class.getPackageName() + "." + simpleName);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Field fieldOf(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private String phase(Source rule) {
        RuleInfo info = ruleBase.rule(rule.descr().getName());
        var attribute = rule.descr().getAttributes().get("agenda-group");
        return attribute != null ? attribute.getValue() : info == null ? null : info.phase();
    }

    private void find(Source rule, int line, String message) {
        findings.add(new Problem(rule.file(), line, 1, null, message));
    }
}
