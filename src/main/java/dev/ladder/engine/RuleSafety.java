package dev.ladder.engine;

import dev.ladder.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses rule files that reach outside the decision: rules run inside governance workflows,
 * so they may use the model's facts and plain {@code java.lang}/{@code java.util} values, and
 * nothing that touches the process, the file system, the network, threads or reflection.
 */
final class RuleSafety {
    private record Refusal(Pattern pattern, String why) {
    }

    private static final List<Refusal> REFUSALS = List.of(
            refuse("\\bSystem\\b", "reaches the process (output, environment, exit)"),
            refuse("\\bRuntime\\b|\\bProcess(Builder|Handle)?\\b", "can start or stop processes"),
            refuse("\\bClass\\s*\\.\\s*forName\\b|\\.getClass\\s*\\(|\\bjava\\s*\\.\\s*lang\\s*\\.\\s*(reflect|invoke)\\b"
                    + "|\\.getDeclared\\w*\\s*\\(|\\.getMethods?\\s*\\(|\\bsetAccessible\\b|\\bMethodHandles?\\b"
                    + "|\\bClassLoader\\b|\\bUnsafe\\b", "uses reflection"),
            refuse("\\bjava\\s*\\.\\s*(io|nio|net)\\b|\\bFiles\\b|\\bPaths?\\b|\\bFile(InputStream|OutputStream|Reader|Writer)?\\b"
                    + "|\\bRandomAccessFile\\b|\\b(Server)?Socket\\b|\\bURL\\b|\\bURI\\b|\\bHttpClient\\b",
                    "does file or network I/O"),
            refuse("\\bThread(Local|Group)?\\b|\\bExecutors?\\b|\\bExecutorService\\b|\\bjava\\s*\\.\\s*util\\s*\\.\\s*concurrent\\b"
                    + "|\\bCompletableFuture\\b|\\bForkJoinPool\\b|\\bTimer\\b", "starts or manages threads"),
            refuse("\\bget(Kie|Knowledge)Runtime\\b|\\bkcontext\\b", "reaches into the rule session itself"));

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(function\\s+|accumulate\\s+)?([\\w.*]+)");
    private static final Pattern ALLOWED_IMPORT = Pattern.compile(
            "dev\\.ladder\\.model\\.(\\*|\\w+)|java\\.lang\\.(\\*|Math|String|Integer|Long|Double|Boolean|Number|StringBuilder)"
                    + "|java\\.util\\.(\\*|List|Map|Set|Collection|ArrayList|HashMap|HashSet|LinkedHashMap|Collections|Objects|Arrays|Locale)");

    /** A package-qualified type name, e.g. {@code java.util.logging.FileHandler}. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w$.])([a-z]\\w*(?:\\s*\\.\\s*[a-z]\\w*)*\\s*\\.\\s*[A-Z]\\w*)");

    private RuleSafety() {
    }

    private static Refusal refuse(String regex, String why) {
        return new Refusal(Pattern.compile(regex), why);
    }

    /** Every refused construct in one rule file, located. */
    static List<Problem> scan(String display, String drl) {
        List<Problem> problems = new ArrayList<>();
        String[] lines = DrlText.codeOnly(drl).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher imp = IMPORT.matcher(lines[i]);
            if (imp.find()) {
                String target = imp.group(2);
                if (imp.group(1) != null || !ALLOWED_IMPORT.matcher(target).matches()) {
                    problems.add(new Problem(display, i + 1, imp.start(2) + 1, null, "refused: import " + target
                            + " (rule files may import only dev.ladder.model and basic java.lang and java.util types)"));
                }
                continue;
            }
            boolean refused = false;
            for (Refusal refusal : REFUSALS) {
                Matcher m = refusal.pattern().matcher(lines[i]);
                while (m.find()) {
                    refused = true;
                    problems.add(new Problem(display, i + 1, m.start() + 1, null, "refused: '" + m.group().trim()
                            + "' " + refusal.why() + "; rules may only read facts and insert conclusions"));
                }
            }
            Matcher qualified = QUALIFIED.matcher(lines[i]);
            while (!refused && qualified.find()) {
                String name = qualified.group(1).replaceAll("\\s+", "");
                if (!ALLOWED_IMPORT.matcher(name).matches()) {
                    problems.add(new Problem(display, i + 1, qualified.start(1) + 1, null, "refused: '" + name
                            + "' is outside what rules may use (dev.ladder.model and basic java.lang and java.util types)"));
                }
            }
        }
        return problems;
    }
}
