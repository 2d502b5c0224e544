package dev.ladder.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ladder.Problem;
import dev.ladder.model.Allowed;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns Jackson's exceptions into located problems a person can act on. */
public final class Problems {
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

    private Problems() {
    }

    /**
     * The problem behind a failed read of {@code file} into {@code root}.
     *
     * @param file the file as the user named it
     * @param root the class the file was read into, to describe what a field accepts
     */
    public static Problem of(String file, JsonProcessingException e, Class<?> root) {
        return of(file, e, root, null);
    }

    /**
     * As {@link #of(String, JsonProcessingException, Class)} for a file that is a map of named
     * entries, each read into {@code entries}.
     */
    public static Problem ofEntries(String file, JsonProcessingException e, Class<?> entries) {
        return of(file, e, Map.class, entries);
    }

    private static Problem of(String file, JsonProcessingException e, Class<?> root, Class<?> entries) {
        JsonLocation where = e.getLocation();
        int line = where == null ? 0 : where.getLineNr();
        int column = where == null ? 0 : where.getColumnNr();
        if (e instanceof JsonMappingException wrapper && wrapper.getCause() instanceof StreamReadException cause
                && !(cause.getOriginalMessage() != null && cause.getOriginalMessage().startsWith("Duplicate field"))
                ) {
            return of(file, cause, root, entries);
        }
        if (e instanceof CodedModule.FieldProblem problem) {
            String parent = path(problem.getPath());
            String path = parent.isEmpty() ? problem.field : parent + "." + problem.field;
            return new Problem(file, line, column, path, problem.problem != null ? problem.problem
                    : "missing (required: " + expected(root, entries, path) + ")");
        }
        if (e instanceof JsonMappingException mapping) {
            String path = path(mapping.getPath());
            if (mapping.getCause() instanceof JsonProcessingException cause && cause.getOriginalMessage() != null
                    && cause.getOriginalMessage().startsWith("Duplicate field '")) {
                String key = cause.getOriginalMessage().substring("Duplicate field '".length()).replaceAll("'.*", "");
                path = path.isEmpty() ? key : path + "." + key;
            }
            return new Problem(file, line, column, path, mappingMessage(mapping, path, root, entries));
        }
        return new Problem(file, line, column, null, syntaxMessage(file, e));
    }

    private static String mappingMessage(JsonMappingException e, String path, Class<?> root, Class<?> entries) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.') + 1) : "";
            return "unknown field (" + suggestion(unknown.getPropertyName(), unknown.getKnownPropertyIds(), parent) + ")";
        }
        if (e instanceof InvalidNullException) {
            return "null is not allowed (omit the field when it is unknown; expected " + expected(root, entries, path) + ")";
        }
        Matcher coercion = COERCION.matcher(firstLine(e.getOriginalMessage()));
        if (coercion.find()) {
            return describeScalar(coercion.group(1), coercion.group(2)) + " (expected " + expected(root, entries, path) + ")";
        }
        if (e instanceof InvalidFormatException) {
            return e.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith(TokenDescriber.PREFIX)) {
            String got = e.getOriginalMessage().substring(TokenDescriber.PREFIX.length());
            String lead = got.contains(" is ") ? got : "got " + got;
            String expected = expected(root, entries, path);
            String hint = got.endsWith("is a boolean") && expected.contains("yes") ? "; in YAML quote it: \"yes\"" : "";
            return lead + " (expected " + expected + hint + ")";
        }
        if (e.getCause() instanceof StreamConstraintsException limit) {
            return limitMessage(limit);
        }
        String message = firstLine(e.getOriginalMessage());
        if (e.getCause() instanceof JsonProcessingException cause && firstLine(cause.getOriginalMessage()).startsWith("Duplicate field")) {
            return "duplicate key (each key may appear once)";
        }
        if (message.startsWith("Trailing token")) {
            return "more content after the scenario (one scenario per file)";
        }
        return message;
    }

    private static final Pattern COERCION = Pattern.compile("^Cannot coerce (?:empty )?([\\w-]+)(?: value)? \\((.*)\\) to");

    private static String describeScalar(String kind, String value) {
        return switch (kind) {
            case "String" -> "'" + value.replaceAll("^\"|\"$", "") + "' is a string";
            case "Integer" -> value + " is an integer";
            case "Floating-point" -> value + " is a decimal number";
            case "Boolean" -> value + " is a boolean";
            default -> value + " is of the wrong type";
        };
    }

    private static String syntaxMessage(String file, JsonProcessingException e) {
        if (e instanceof StreamConstraintsException limit) {
            return limitMessage(limit);
        }
        String message = firstLine(e.getOriginalMessage());
        Matcher unclosed = UNCLOSED.matcher(message);
        if (unclosed.find()) {
            return "malformed JSON: the " + ("Object".equals(unclosed.group(1)) ? "object" : "list")
                    + " opened at line " + unclosed.group(2) + ", column " + unclosed.group(3) + " is never closed";
        }
        if (message.startsWith("Duplicate field")) {
            return "duplicate key " + message.substring("Duplicate field ".length()) + " (each key may appear once)";
        }
        if (StrictMapper.isYaml(file) && e.getOriginalMessage() != null) {
            return "malformed YAML: " + yamlMessage(e.getOriginalMessage());
        }
        message = message.replaceAll("\\s*\\(not recognized as one since Feature '\\w+' not enabled for parser\\)", "")
                .replaceAll(": enable `[\\w.]+` to allow$", ": not allowed in JSON");
        message = message.replace("maybe a (non-standard) comment?", "comments are not allowed in JSON");
        if (e instanceof InputCoercionException) {
            return "number out of range (" + message + ")";
        }
        String language = StrictMapper.isYaml(file) ? "YAML" : "JSON";
        return "malformed " + language + ": " + message;
    }

    private static final Pattern UNCLOSED = Pattern.compile(
            "Unexpected end-of-input: expected close marker for (Object|Array) \\(start marker.*?line: (\\d+), column: (\\d+)");

    /** SnakeYAML's message without its source excerpts and caret lines. */
    private static String yamlMessage(String message) {
        List<String> kept = new java.util.ArrayList<>();
        boolean excerpt = false;
        for (String line : message.lines().map(String::strip).toList()) {
            if (line.startsWith("in 'reader'") || line.startsWith("at [Source")) {
                excerpt = true;
            } else if (excerpt && (line.startsWith("^") || line.isEmpty())) {
                excerpt = !line.startsWith("^");
            } else if (!excerpt && !line.isEmpty()) {
                kept.add(line);
            }
        }
        return kept.isEmpty() ? "unreadable" : String.join("; ", kept);
    }

    private static String limitMessage(StreamConstraintsException limit) {
        String message = firstLine(limit.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "nested more than " + StrictMapper.MAX_NESTING_DEPTH + " levels deep (a scenario needs 3)";
        }
        if (message.startsWith("String value length")) {
            return "a string longer than " + StrictMapper.MAX_STRING_LENGTH + " characters (expected at most "
                    + StrictMapper.MAX_STRING_LENGTH + ")";
        }
        if (message.startsWith("Number value length")) {
            return "a number longer than " + StrictMapper.MAX_NUMBER_LENGTH + " characters (expected at most "
                    + StrictMapper.MAX_NUMBER_LENGTH + " digits)";
        }
        return "too large a value (" + message + ")";
    }

    /**
     * {@code problem} located where the value that broke a size limit starts: Jackson reports
     * these limits without a location or the field's own name, but {@code parser} still stands
     * on the value. Any other problem is returned as it is.
     */
    public static Problem locateLimit(Problem problem, JsonProcessingException e, com.fasterxml.jackson.core.JsonParser parser,
                                      String text) {
        boolean limit = false;
        for (Throwable t = e; t != null && !limit; t = t.getCause()) {
            limit = t instanceof StreamConstraintsException;
        }
        if (!limit || problem.line() > 0) {
            return problem;
        }
        JsonLocation start = parser.currentTokenLocation();
        int[] number = parser.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                ? numberStart(text, parser.currentLocation().getCharOffset()) : null;
        String name;
        try {
            name = parser.currentName();
        } catch (java.io.IOException unknown) {
            name = null;
        }
        String field = problem.field() == null ? "" : problem.field();
        if (name != null && !field.equals(name) && !field.endsWith("." + name)) {
            field = field.isEmpty() ? name : field + "." + name;
        }
        if (number != null) {
            return new Problem(problem.file(), number[0], number[1], field.isEmpty() ? null : field, problem.message());
        }
        return new Problem(problem.file(), start == null ? 0 : Math.max(start.getLineNr(), 0),
                start == null ? 0 : Math.max(start.getColumnNr(), 0), field.isEmpty() ? null : field, problem.message());
    }

    /**
     * Line and column where the number the parser stopped inside begins: it stopped before the
     * number became a token, so only the text says where it started. Null when unknown.
     */
    private static int[] numberStart(String text, long offset) {
        if (text == null || offset <= 0 || offset > text.length()) {
            return null;
        }
        int start = (int) Math.min(offset, text.length());
        while (start > 0 && "0123456789+-.eE".indexOf(text.charAt(start - 1)) >= 0) {
            start--;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < start; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, start - lineStart + 1};
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String first = message.strip().lines().findFirst().orElse("unreadable");
        return first.replaceAll("\\s*\\(for .*\\)$", "").replace(" at [Source: REDACTED", "");
    }

    /** {@code attempts[0].approach} from Jackson's reference chain. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String suggestion(String name, Collection<Object> known, String parent) {
        List<String> names = known.stream().map(Object::toString).sorted().toList();
        return names.stream()
                .map(candidate -> Map.entry(candidate, DISTANCE.apply(name.toLowerCase(), candidate.toLowerCase())))
                .filter(entry -> entry.getValue() >= 0)
                .min(Comparator.comparingInt((Map.Entry<String, Integer> entry) -> entry.getValue())
                        .thenComparing(Map.Entry::getKey))
                .map(entry -> "did you mean " + parent + entry.getKey() + "?")
                .orElse("allowed: " + String.join(", ", names));
    }

    private static String expected(Class<?> root, Class<?> entries, String path) {
        if (entries != null) {
            int dot = path.indexOf('.');
            String key = path;
            // entry names contain dots too: the field is the last segment when it names one
            int last = path.lastIndexOf('.');
            if (last > 0 && CodedModule.field(entries, path.substring(last + 1)) != null) {
                return expected(entries, path.substring(last + 1));
            }
            return dot < 0 ? "an entry of " + key : "an object";
        }
        return expected(root, path);
    }

    /** What the field at {@code path} under {@code root} accepts, in words. */
    static String expected(Class<?> root, String path) {
        Type type = root;
        Field field = null;
        for (String step : path.replaceAll("\\[\\d+]", "[]").split("\\.")) {
            if (step.isEmpty()) {
                continue;
            }
            boolean element = step.endsWith("[]");
            String name = element ? step.substring(0, step.length() - 2) : step;
            field = CodedModule.field(Allowed.raw(type), name);
            if (field == null) {
                return "a value of the documented type";
            }
            type = field.getGenericType();
            if (element && type instanceof ParameterizedType list) {
                type = list.getActualTypeArguments()[0];
                field = null;
            }
        }
        return Allowed.by(Allowed.raw(type), field);
    }

    /**
     * Jackson locates an unknown field after its name; this moves the column back to the name
     * itself on the same line, quoted (JSON) or bare (YAML), when it can be found there.
     */
    public static Problem atKey(Problem problem, String text, String key) {
        List<String> lines = text.lines().toList();
        if (problem.line() < 1 || problem.line() > lines.size()) {
            return problem;
        }
        String line = lines.get(problem.line() - 1);
        int before = Math.min(Math.max(problem.column() - 1, 0), line.length());
        int quoted = line.lastIndexOf("\"" + key + "\"", before);
        int at = quoted >= 0 ? quoted : line.lastIndexOf(key, before);
        return at < 0 ? problem : new Problem(problem.file(), problem.line(), at + 1, problem.field(), problem.message());
    }

    /** Joins problems one per line, as the command line prints them. */
    public static String lines(Collection<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator()));
    }
}
