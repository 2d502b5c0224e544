package dev.ladder.rulebase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.model.Param;
import dev.ladder.model.Pricing;
import dev.ladder.model.Range;
import dev.ladder.model.Text;
import dev.ladder.read.Problems;
import dev.ladder.read.StrictMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named thresholds and prices of {@code rules/parameters.yaml}. Each entry has a value, a
 * unit and a source; rules match them as {@link Param} facts by name.
 */
public final class Parameters {
    /** Parameters of the engine itself, read by the decider rather than by rules. */
    public static final String ENGINE_PREFIX = "engine.";
    /** The parameter that bounds how many rules may fire for one scenario. */
    public static final String FIRING_LIMIT = "engine.maxFirings";
    /** The parameters that bound the time and memory rule code may spend on one scenario. */
    public static final String TIME_LIMIT = "engine.maxMillis";
    public static final String MEMORY_LIMIT = "engine.maxMegabytes";

    /** The file, inside the rules directory, that holds the parameters. */
    public static final String FILE = "parameters.yaml";

    /** How a parameter entry is written in the file. */
    static final class Entry {
        @Range(min = Double.NEGATIVE_INFINITY)
        private Double value;
        @Text(minLength = 1, maxLength = 100)
        private String unit;
        @Text(minLength = 1, maxLength = 1000)
        private String source;
    }

    private final Map<String, Param> byName;
    /** The parameters by name as a scenario without prices of its own sees them: most scenarios. */
    private final Map<String, Param> unpriced;

    private Parameters(Map<String, Param> byName) {
        this.byName = byName;
        this.unpriced = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Reads the parameters file; {@code display} names it in problems. */
    static Parameters parse(String display, byte[] yaml) throws LadderException.BadInput {
        Map<String, Entry> entries;
        java.util.Optional<Problem> tagged = dev.ladder.read.YamlTags.refuse(display, new String(yaml, StandardCharsets.UTF_8));
        if (tagged.isPresent()) {
            throw new LadderException.BadInput(tagged.get());
        }
        try {
            entries = StrictMapper.forFile(FILE).readValue(new String(yaml, StandardCharsets.UTF_8),
                    new TypeReference<LinkedHashMap<String, Entry>>() { });
        } catch (JsonProcessingException e) {
            throw new LadderException.BadInput(Problems.ofEntries(display, e, Entry.class));
        }
        if (entries == null) {
            throw new LadderException.BadInput(Problem.ofFile(display, "is empty (expected named parameters)"));
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Param> params = new LinkedHashMap<>();
        List<String> lines = new String(yaml, StandardCharsets.UTF_8).lines().toList();
        entries.forEach((name, entry) -> {
            int line = lineOf(lines, name);
            if (!name.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+")) {
                problems.add(new Problem(display, line, 1, name,
                        "not a parameter name (expected dotted words such as examples.rarelyHelpBelow)"));
            } else if (entry == null || entry.value == null || entry.unit == null || entry.source == null) {
                problems.add(new Problem(display, line, 1, name, "incomplete (expected value, unit and source)"));
            } else if (outOfRange(name, entry) != null) {
                problems.add(new Problem(display, line, 1, name + ".value", outOfRange(name, entry)));
            } else {
                params.put(name, new Param(name, entry.value, entry.unit, entry.source, display));
            }
        });
        if (!problems.isEmpty()) {
            throw new LadderException.BadInput(problems);
        }
        return new Parameters(params);
    }

    /** The most the per-decision budget may be raised to: a rule file cannot switch it off. */
    static final Map<String, Double> ENGINE_CEILINGS = Map.of(FIRING_LIMIT, 1_000_000.0, TIME_LIMIT, 60_000.0,
            MEMORY_LIMIT, 4_096.0);

    /**
     * What is wrong with an entry's value, or null. Every parameter is a count, a price, a
     * duration or a fraction, so none is negative; a fraction or a 0-1 score is at most 1; the
     * engine's budget is positive and below its ceiling.
     */
    static String outOfRange(String name, Entry entry) {
        double value = entry.value;
        String shown = dev.ladder.model.Numbers.format(value);
        if (name.startsWith(ENGINE_PREFIX)) {
            Double ceiling = ENGINE_CEILINGS.get(name);
            if (value <= 0 || ceiling != null && value > ceiling) {
                return shown + " is outside the engine's budget (expected a number > 0"
                        + (ceiling == null ? "" : " and <= " + dev.ladder.model.Numbers.format(ceiling)) + ")";
            }
            return null;
        }
        if (value < 0) {
            return shown + " is negative (expected a number >= 0: parameters are counts, prices, durations and fractions)";
        }
        boolean fraction = entry.unit.startsWith("fraction") || entry.unit.contains("(0-1)");
        if (fraction && value > 1) {
            return shown + " is above 1 (expected a number in [0, 1] for a unit of '" + entry.unit + "')";
        }
        return null;
    }

    /** The 1-based line on which the entry {@code name} starts, or 0 when it cannot be found. */
    static int lineOf(List<String> lines, String name) {
        java.util.regex.Pattern key = java.util.regex.Pattern.compile(
                "^\\s*[\"']?" + java.util.regex.Pattern.quote(name) + "[\"']?\\s*:");
        for (int i = 0; i < lines.size(); i++) {
            if (key.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Parameters restored from a compiled-rules cache entry. */
    public static Parameters of(List<Param> params) {
        Map<String, Param> byName = new LinkedHashMap<>();
        params.forEach(p -> byName.put(p.getName(), p));
        return new Parameters(byName);
    }

    /** Every parameter, in file order. */
    public Collection<Param> all() {
        return byName.values();
    }

    /** The parameter of that name, or null. */
    public Param get(String name) {
        return byName.get(name);
    }

    /**
     * The parameters one scenario decides with: the file's, with each price the scenario's
     * {@code pricing} gives put in place of the default. A scenario price with no parameter of
     * that name is refused, so a misspelt rule base cannot silently ignore it. By name, in file
     * order, read-only; without scenario prices, the same map for every scenario.
     */
    public Map<String, Param> byNameForScenario(Pricing pricing, String scenarioName) throws LadderException.BadInput {
        Map<String, Double> prices = pricing.asParameters();
        if (prices.isEmpty()) {
            return unpriced;
        }
        Map<String, Param> merged = new LinkedHashMap<>(byName);
        for (Map.Entry<String, Double> price : prices.entrySet()) {
            Param base = merged.get(price.getKey());
            if (base == null) {
                throw new LadderException.BadInput(new Problem(scenarioName, 0, 0, price.getKey(),
                        "the rule base has no parameter " + price.getKey() + " to override"));
            }
            merged.put(price.getKey(), base.overriddenBy(price.getValue()));
        }
        return java.util.Collections.unmodifiableMap(merged);
    }
}
