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
import dev.ladder.read.FactSpace;
import dev.ladder.read.ScenarioReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An interview that builds a scenario one answer at a time. It asks only what the record of the
 * answers so far lists as missing (an unknown fact that can change the recommendation), the most
 * pivotal first: the one whose values, re-decided, split the recommendation into the most
 * approaches (then the one that leaves the fewest of its values with the majority). When none is
 * left, it offers optional questions: what was tried, where an outcome could change the approach,
 * and then the facts the record's figures rest on. Each answer is checked by the same reader as a
 * scenario file, so an answer is refused exactly when the same value in a file would be. Holds no
 * terminal: the command line asks and reads.
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
     * the answers it accepts, the recommendations other than the provisional one its answers can
     * lead to, how many recommendations its values split into ({@code split}: the approaches they
     * reach, at least the two its record entry shows; 0 for an optional question), and whether
     * it is optional: not a fact the record lists as missing (an attempt, or a fact the figures
     * rest on).
     */
    public record Question(String field, String text, Kind kind, List<String> choices, Set<String> couldLeadTo,
                           int split, boolean optional) {
    }

    /** The recommendation for the answers so far, with the facts the rules still miss. */
    public record Provisional(String approach, String confidence, String summary, List<String> missing,
                              List<String> unknownFigures) {
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

    /** The next question, or empty when nothing is left to ask. */
    public Optional<Question> next() throws LadderException {
        List<Question> open = open();
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(0));
    }

    /**
     * The questions still open, in the order they would be asked: the missing facts, most
     * pivotal first; then the optional ones.
     */
    public List<Question> open() throws LadderException {
        if (!tree.has("id")) {
            return List.of(new Question("id", words("id"), Kind.TEXT, List.of(), Set.of(), 0, false));
        }
        Decision decision = decision();
        String now = decision.recommendation().approach();
        List<Ranked> pivotal = new java.util.ArrayList<>();
        for (Decision.MissingFact missing : decision.missingFacts()) {
            if (!asked.contains(missing.fact())) {
                pivotal.add(pivotal(missing, now));
            }
        }
        // a stable sort: among equals, the record's order
        pivotal.sort(Comparator.comparingInt((Ranked r) -> -r.question().split()).thenComparingInt(r -> -r.approaches())
                .thenComparingInt(r -> -r.minority()));
        List<Question> open = new java.util.ArrayList<>(pivotal.stream().map(Ranked::question).toList());
        if (!open.isEmpty()) {
            return open;
        }
        List<Question> attempts = new java.util.ArrayList<>();
        for (Approach approach : Approach.values()) {
            String path = "attempts." + approach.code();
            if (approach.acceptedInScenarios() && !asked.contains(path)) {
                Set<String> leads = new TreeSet<>();
                for (String outcome : choices(Outcome.class)) {
                    leads.add(advisor.recommend(read(attempt(tree.deepCopy(), approach.code(), outcome)), NAME).name());
                }
                leads.remove(now);
                if (!leads.isEmpty()) {
                    attempts.add(new Question(path, words(path), Kind.CHOICE, choices(Outcome.class),
                            Collections.unmodifiableSet(leads), 0, true));
                }
            }
        }
        attempts.sort(Comparator.comparingInt((Question q) -> -q.couldLeadTo().size()));
        open.addAll(attempts);
        for (Decision.UnknownFigure figure : decision.unknownFigures()) {
            if (!asked.contains(figure.fact())) {
                Field field = field(figure.fact());
                open.add(new Question(figure.fact(), words(figure.fact()), kind(field), choices(field.getType()), Set.of(),
                        0, true));
            }
        }
        return open;
    }

    /**
     * A missing fact as a question: its values (those re-deciding tries, and the two its record
     * entry names), each decided with the entry's {@code given}; the approaches they reach are
     * its split, and those other than the provisional one, or the entry's own re-decision where
     * only the techniques change, are where it could lead.
     */
    private Ranked pivotal(Decision.MissingFact missing, String now) throws LadderException {
        Field field = field(missing.fact());
        Decision.LeadsTo leads = missing.leadsTo();
        ObjectNode given = tree.deepCopy();
        leads.given().forEach((path, value) -> FactSpace.set(given, path, MAPPER.valueToTree(value)));
        List<JsonNode> values = new java.util.ArrayList<>();
        FactSpace.facts().stream().filter(f -> f.path().equals(missing.fact())).findFirst()
                .ifPresent(f -> values.addAll(f.values()));
        values.add(MAPPER.valueToTree(leads.value()));
        if (leads.otherwise() != null) {
            values.add(MAPPER.valueToTree(leads.otherwise().value()));
        }
        Map<String, Integer> reached = new TreeMap<>();
        for (JsonNode value : new LinkedHashSet<>(values)) {
            Scenario varied;
            try {
                varied = read(FactSpace.with(given, missing.fact(), value));
            } catch (LadderException.BadInput outOfRange) {
                continue;   // a probe the field does not accept here
            }
            reached.merge(advisor.recommend(varied, NAME).name(), 1, Integer::sum);
        }
        Set<String> leadsTo = new TreeSet<>(reached.keySet());
        leadsTo.remove(now);
        if (leadsTo.isEmpty()) {
            leadsTo.add(leads.approach() + (leads.techniques().isEmpty() ? "" : " [" + String.join(", ", leads.techniques()) + "]"));
        }
        int majority = reached.values().stream().max(Integer::compare).orElse(0);
        int minority = reached.values().stream().mapToInt(Integer::intValue).sum() - majority;
        return new Ranked(new Question(missing.fact(), words(missing.fact()), kind(field), choices(field.getType()),
                Collections.unmodifiableSet(leadsTo), Math.max(reached.size(), 2), false), reached.size(), minority);
    }

    /** A missing fact's question, with the approaches its values reach and how many values leave the majority. */
    private record Ranked(Question question, int approaches, int minority) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The declaration of a scenario field, {@code group.field}. */
    private static Field field(String path) {
        int dot = path.indexOf('.');
        for (Group group : Group.values()) {
            if (group.key().equals(path.substring(0, dot))) {
                try {
                    return group.type().getDeclaredField(path.substring(dot + 1));
                } catch (NoSuchFieldException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("no scenario field " + path);
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
                d.missingFacts().stream().map(Decision.MissingFact::fact).toList(),
                d.unknownFigures().stream().map(Decision.UnknownFigure::fact).toList());
    }

    /**
     * The scenario as the bytes of a file named {@code fileName}: YAML, or JSON when the name
     * ends in {@code .json}; read back by the scenario reader before it is returned.
     */
    public byte[] file(String fileName) throws LadderException {
        ObjectNode ordered = JsonNodeFactory.instance.objectNode();
        for (String key : List.of("id", "task", "needs", "data", "usage", "attempts", "constraints", "pricing", "evaluation")) {
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
