package dev.ladder.govern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.model.Approach;
import dev.ladder.model.Coded;
import dev.ladder.model.Group;
import dev.ladder.model.Outcome;
import dev.ladder.model.Range;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * An interview that builds a scenario one answer at a time. It asks first the question whose
 * answer can lead to the most approaches other than the provisional one, found by re-deciding
 * the scenario with each possible answer ({@link WhatIf} for the groups' fields, each outcome for
 * an attempt); a fact a rule lists as missing goes before one no rule asked for. It stops when no
 * unasked question can change the recommendation. Each answer is checked by the same reader as a
 * scenario file, so an answer is refused exactly when the same value in a file would be.
 * Holds no terminal: the command line asks and reads.
 */
public final class Interview {
    private static final String NAME = "interview.json";
    /** A number as a file may spell it: ASCII digits, an optional fraction and exponent. */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?");
    /** More integer digits than any field's range allows, by far. */
    private static final int MAX_DIGITS = 40;
    private static final Properties WORDING = wording();

    /** What kind of answer a question takes. */
    public enum Kind { TEXT, INTEGER, NUMBER, BOOLEAN, CHOICE }

    /**
     * One question: the scenario field it fills ({@code attempts.rag} for an attempt), its words,
     * the answers it accepts and the approaches other than the provisional one its answer can
     * lead to.
     */
    public record Question(String field, String text, Kind kind, List<String> choices, Set<String> couldLeadTo,
                           boolean missing) {
    }

    /** The recommendation for the answers so far, with the facts the rules still miss. */
    public record Provisional(String approach, String confidence, String summary, List<String> missing) {
    }

    private final Advisor advisor;
    private final ObjectNode tree = JsonNodeFactory.instance.objectNode();
    private final Set<String> asked = new LinkedHashSet<>();
    private Decision latest;

    private Interview(Advisor advisor) {
        this.advisor = advisor;
    }

    /** An interview against the rules of {@code advisor}, with nothing answered yet. */
    public static Interview start(Advisor advisor) {
        return new Interview(advisor);
    }

    /** The next question, or empty when no unasked question can change the recommendation. */
    public Optional<Question> next() throws LadderException {
        if (!tree.has("id")) {
            return Optional.of(new Question("id", words("id"), Kind.TEXT, List.of(), Set.of(), true));
        }
        Scenario scenario = scenario();
        String now = advisor.recommend(scenario, NAME).name();
        Set<String> missing = new LinkedHashSet<>();
        decision().missingFacts().forEach(m -> missing.add(m.fact()));

        Map<String, Question> open = new LinkedHashMap<>();
        for (Group group : Group.values()) {
            if (!group.isFact()) {
                continue;
            }
            for (Field field : fields(group)) {
                String path = group.key() + "." + field.getName();
                if (!asked.contains(path)) {
                    open.put(path, new Question(path, words(path), kind(field), choices(field.getType()), new TreeSet<>(),
                            missing.contains(path)));
                }
            }
        }
        WhatIf.Report reach = WhatIf.reach(advisor, scenario, NAME, open::containsKey);
        reach.changes().forEach(c -> open.get(c.fact()).couldLeadTo().add(c.approach()));
        reach.numbers().forEach(n -> n.segments().forEach(s -> open.get(n.fact()).couldLeadTo().add(s.approach())));
        for (Approach approach : Approach.values()) {
            String path = "attempts." + approach.code();
            if (approach.acceptedInScenarios() && !asked.contains(path)) {
                Question question = new Question(path, words(path), Kind.CHOICE, choices(Outcome.class), new TreeSet<>(),
                        false);
                for (String outcome : question.choices()) {
                    question.couldLeadTo().add(advisor.recommend(read(attempt(tree.deepCopy(), approach.code(), outcome)),
                            NAME).name());
                }
                open.put(path, question);
            }
        }
        open.values().forEach(q -> q.couldLeadTo().remove(now));
        return open.values().stream()
                .filter(q -> !q.couldLeadTo().isEmpty() || q.missing())
                .min(Comparator.comparingInt((Question q) -> -q.couldLeadTo().size())
                        .thenComparing(q -> !q.missing()))
                .map(q -> new Question(q.field(), q.text(), q.kind(), q.choices(),
                        Collections.unmodifiableSortedSet((TreeSet<String>) q.couldLeadTo()), q.missing()));
    }

    /**
     * Answers {@code question} with {@code text} as typed: {@code yes}/{@code no} for a boolean, a
     * choice's spelling or its number in the list. Returns the problems the scenario reader
     * finds with the value, each naming the field and what is allowed; none when it was taken.
     */
    public List<Problem> answer(Question question, String text) throws LadderException {
        String typed = text.strip();
        if ((question.kind() == Kind.INTEGER || question.kind() == Kind.NUMBER) && NUMBER.matcher(typed).matches()) {
            BigDecimal number = new BigDecimal(typed.replace("_", ""));
            if (number.precision() - number.scale() > MAX_DIGITS) {
                // refused here: the exact integer of 1e99999999 would take minutes to write out
                return List.of(new Problem(NAME, 0, 0, question.field(), "'" + typed + "' is too large"));
            }
        }
        ObjectNode tried = tree.deepCopy();
        if (question.field().startsWith("attempts.")) {
            attempt(tried, question.field().substring("attempts.".length()), choice(question, typed));
        } else {
            String[] path = question.field().split("\\.");
            ObjectNode parent = path.length == 1 ? tried : tried.has(path[0]) ? (ObjectNode) tried.get(path[0])
                    : tried.putObject(path[0]);
            parent.set(path[path.length - 1], value(question, typed));
        }
        try {
            read(tried);
        } catch (LadderException.BadInput refused) {
            return refused.problems();
        }
        tree.removeAll();
        tree.setAll(tried);
        asked.add(question.field());
        latest = null;
        return List.of();
    }

    /** Leaves the fact of {@code question} unknown and does not ask it again. */
    public void skip(Question question) {
        asked.add(question.field());
    }

    /** Whether {@code question} has been answered or skipped. */
    public boolean isAsked(Question question) {
        return asked.contains(question.field());
    }

    /** The recommendation the answers so far lead to. */
    public Provisional provisional() throws LadderException {
        Decision d = decision();
        return new Provisional(d.recommendation().approach(), d.recommendation().confidence(), d.recommendation().summary(),
                d.missingFacts().stream().map(Decision.MissingFact::fact).toList());
    }

    /**
     * The scenario as the bytes of a file named {@code fileName}: YAML, or JSON when the name
     * ends in {@code .json}; read back by the scenario reader before it is returned.
     */
    public byte[] file(String fileName) throws LadderException {
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        for (String key : List.of("id", "task", "needs", "data", "usage", "attempts", "constraints", "evaluation")) {
            if (tree.has(key)) {
                ordered.set(key, tree.get(key));
            }
        }
        byte[] bytes;
        try {
            bytes = fileName.toLowerCase(Locale.ROOT).endsWith(".json")
                    ? (JsonNodeFactory.instance.objectNode().setAll(ordered).toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8)
                    : YAML.writeValueAsBytes(ordered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScenarioReader.parse(fileName, bytes);
        return bytes;
    }

    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    private Decision decision() throws LadderException {
        if (latest == null) {
            latest = advisor.decide(scenario(), NAME);
        }
        return latest;
    }

    private Scenario scenario() throws LadderException.BadInput {
        return read(tree);
    }

    private static Scenario read(ObjectNode tree) throws LadderException.BadInput {
        return ScenarioReader.parse(NAME, tree.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode attempt(ObjectNode tree, String approach, String outcome) {
        ArrayNode attempts = tree.has("attempts") ? (ArrayNode) tree.get("attempts") : tree.putArray("attempts");
        attempts.addObject().put("approach", approach).put("outcome", outcome);
        return tree;
    }

    private static JsonNode value(Question question, String typed) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (question.kind()) {
            case BOOLEAN -> {
                String lower = typed.toLowerCase(Locale.ROOT);
                if (List.of("yes", "y", "true").contains(lower)) {
                    return nodes.booleanNode(true);
                }
                if (List.of("no", "n", "false").contains(lower)) {
                    return nodes.booleanNode(false);
                }
            }
            case INTEGER, NUMBER -> {
                if (!NUMBER.matcher(typed).matches()) {
                    return nodes.textNode(typed);   // the reader names what the field takes
                }
                try {
                    BigDecimal number = new BigDecimal(typed.replace("_", ""));
                    return question.kind() == Kind.INTEGER && number.stripTrailingZeros().scale() <= 0
                            ? nodes.numberNode(number.toBigIntegerExact()) : nodes.numberNode(number);
                } catch (NumberFormatException | ArithmeticException notANumber) {
                    return nodes.textNode(typed);   // the reader names what the field takes
                }
            }
            case CHOICE -> {
                return nodes.textNode(choice(question, typed));
            }
            default -> {
                return nodes.textNode(typed);
            }
        }
        return nodes.textNode(typed);
    }

    private static String choice(Question question, String typed) {
        if (typed.matches("[0-9]{1,3}")) {
            int index = Integer.parseInt(typed) - 1;
            if (index >= 0 && index < question.choices().size()) {
                return question.choices().get(index);
            }
        }
        return typed;
    }

    private static List<Field> fields(Group group) {
        return Arrays.stream(group.type().getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())).toList();
    }

    private static Kind kind(Field field) {
        if (field.getType() == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (Coded.class.isAssignableFrom(field.getType())) {
            return Kind.CHOICE;
        }
        if (field.getAnnotation(Range.class) != null) {
            return field.getType() == Long.class ? Kind.INTEGER : Kind.NUMBER;
        }
        return Kind.TEXT;
    }

    private static List<String> choices(Class<?> type) {
        if (!type.isEnum() || !Coded.class.isAssignableFrom(type)) {
            return List.of();
        }
        return Arrays.stream(type.getEnumConstants()).map(c -> (Coded) c).filter(Coded::acceptedInScenarios)
                .map(Coded::code).toList();
    }

    /** The words of the question for {@code field}; every field has some (a test checks). */
    static String words(String field) {
        return WORDING.getProperty(field, field + "?");
    }

    static Set<String> worded() {
        return WORDING.stringPropertyNames();
    }

    private static Properties wording() {
        Properties wording = new Properties();
        try (InputStream in = Interview.class.getResourceAsStream("/ladder/interview.properties")) {
            wording.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wording;
    }
}
