package dev.ladder.rulebase;

import dev.ladder.Problem;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools reports a consequence that does not compile at the line of its rule. This finds the
 * line and column in the rule's {@code then} part where the word the error names appears, so
 * the expert lands on the statement to fix.
 */
final class ConsequenceErrors {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]{2,}");
    private static final Set<String> PROSE = Set.of("Rule", "Compilation", "error", "cannot", "resolved", "not",
            "field", "type", "method", "the", "for", "arguments", "undefined", "applicable", "constructor", "variable",
            "Syntax", "insert", "Type", "mismatch", "convert", "from", "The", "is", "defined", "incompatible", "types");

    private ConsequenceErrors() {
    }

    static Problem pinpoint(Problem problem, RuleFiles files) {
        if (!problem.message().startsWith("Rule Compilation error")) {
            return problem;
        }
        String name = problem.file().substring(problem.file().lastIndexOf('/') + 1);
        byte[] bytes = files.files().get(name);
        if (bytes == null) {
            return problem;
        }
        String[] lines = DrlText.codeOnly(new String(bytes, StandardCharsets.UTF_8)).split("\n", -1);
        int then = -1;
        for (int i = Math.max(problem.line() - 1, 0); i < lines.length; i++) {
            String trimmed = lines[i].trim();
            if (trimmed.equals("then")) {
                then = i;
            } else if (trimmed.equals("end") && then >= 0) {
                return search(problem, lines, then + 1, i);
            }
        }
        return problem;
    }

    private static Problem search(Problem problem, String[] lines, int from, int to) {
        Matcher words = WORD.matcher(problem.message().substring("Rule Compilation error".length()));
        while (words.find()) {
            String word = words.group();
            if (PROSE.contains(word)) {
                continue;
            }
            Pattern exact = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])");
            for (int i = from; i < to; i++) {
                Matcher at = exact.matcher(lines[i]);
                if (at.find()) {
                    return new Problem(problem.file(), i + 1, at.start() + 1, problem.field(), problem.message());
                }
            }
        }
        return problem;
    }
}
