package dev.ladder.rulebase;

import dev.ladder.model.Approach;
import dev.ladder.model.Coded;
import dev.ladder.model.Numbers;
import dev.ladder.model.Param;
import dev.ladder.model.Scenario;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rule's {@code @reason}, with placeholders the trail fills with the values the rule used:
 * <ul>
 *   <li>{@code {$n}}: a variable the rule binds;</li>
 *   <li>{@code {examples.rarelyHelpBelow}}: a parameter, by name (a scenario price override
 *       included);</li>
 *   <li>{@code {usage.requestsPerDay}}: a scenario fact, by path; {@code unknown} when absent;</li>
 *   <li>{@code {$b.reason}}: the reason of the rule that concluded what {@code $b} is bound to
 *       (of each, in trail order and each once, when it is a list of conclusions), as a clause:
 *       the words of the finding a rule rests on.</li>
 * </ul>
 */
public final class ReasonTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]+)}");

    /** The suffix of a placeholder that asks for the reason of the rule that concluded the bound value. */
    public static final String REASON = ".reason";

    private ReasonTemplate() {
    }

    /** The placeholders of a template, in order. */
    public static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template == null ? "" : template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Whether a placeholder can be filled in a rule that binds {@code declarations}. */
    public static boolean resolvable(String placeholder, Collection<String> declarations, Parameters parameters) {
        if (placeholder.startsWith("$")) {
            return declarations.contains(placeholder.endsWith(REASON)
                    ? placeholder.substring(0, placeholder.length() - REASON.length()) : placeholder);
        }
        return parameters.get(placeholder) != null || Beans.isScenarioPath(placeholder);
    }

    /** A template split once into literal text and placeholders, so filling it needs no regex. */
    private record Compiled(String[] literals, String[] names, boolean[] scenarioPaths) {
    }

    private static final Map<String, Compiled> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Compiled compile(String template) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        int last = 0;
        while (matcher.find()) {
            literals.add(template.substring(last, matcher.start()));
            names.add(matcher.group(1));
            last = matcher.end();
        }
        literals.add(template.substring(last));
        boolean[] scenarioPaths = new boolean[names.size()];
        for (int i = 0; i < scenarioPaths.length; i++) {
            scenarioPaths[i] = !names.get(i).startsWith("$") && Beans.isScenarioPath(names.get(i));
        }
        return new Compiled(literals.toArray(String[]::new), names.toArray(String[]::new), scenarioPaths);
    }

    /** Fills every placeholder; one that resolves to nothing reads {@code unknown}. */
    public static String fill(String template, Function<String, Object> declarations, Map<String, Param> params,
                       Scenario scenario) {
        if (template == null) {
            return "";
        }
        Compiled compiled = COMPILED.computeIfAbsent(template, ReasonTemplate::compile);
        StringBuilder filled = new StringBuilder(template.length() + 32);
        for (int i = 0; i < compiled.names().length; i++) {
            filled.append(compiled.literals()[i]);
            String name = compiled.names()[i];
            Object value;
            if (name.startsWith("$")) {
                value = declarations.apply(name);
            } else if (params.containsKey(name)) {
                value = params.get(name).getValue();
            } else if (compiled.scenarioPaths()[i]) {
                value = Beans.scenarioValue(scenario, name);
            } else {
                value = null;
            }
            filled.append(show(value));
        }
        return filled.append(compiled.literals()[compiled.names().length]).toString();
    }

    /**
     * A rule's reason as a clause inside another: its final full stop dropped and, where it opens
     * with an ordinary capitalised word ("The", "A"), that letter lowered; a code or a name
     * ("RAG", "OpenAI") stays as written.
     */
    public static String clause(String reason) {
        String clause = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
        int end = 0;
        while (end < clause.length() && Character.isLetter(clause.charAt(end))) {
            end++;
        }
        if (end == 0 || !Character.isUpperCase(clause.charAt(0))) {
            return clause;
        }
        for (int i = 1; i < end; i++) {
            if (!Character.isLowerCase(clause.charAt(i))) {
                return clause;
            }
        }
        return Character.toLowerCase(clause.charAt(0)) + clause.substring(1);
    }

    private static final ThreadLocal<DecimalFormat> GROUPED = ThreadLocal.withInitial(
            () -> new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)));

    private static String grouped(BigDecimal value) {
        return value.abs().compareTo(THOUSAND) < 0 ? value.toPlainString() : GROUPED.get().format(value);
    }

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /** A value as a reason shows it: codes for enums, no float noise, "unknown" for null. */
    static String show(Object value) {
        if (value == null) {
            return "unknown";
        }
        if (value instanceof Param param) {
            return param.shown();
        }
        if (value instanceof Approach approach) {
            return approach.name();
        }
        if (value instanceof Coded coded) {
            return coded.code();
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(ReasonTemplate::show).collect(Collectors.joining(", "));
        }
        if (value instanceof Number number) {
            return Double.isFinite(number.doubleValue()) ? grouped(Numbers.round(number.doubleValue()))
                    : Numbers.format(number.doubleValue());
        }
        return String.valueOf(value);
    }
}
