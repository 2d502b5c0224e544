package dev.ladder.cli;

import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.govern.Interview;
import dev.ladder.support.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ladder interview [--out FILE]}: builds a scenario by asking, first, the unknown facts
 * that can change the recommendation, most decisive first, then optional questions, and shows
 * the provisional recommendation after each answer. At a
 * terminal a refused answer is asked again; with piped answers (one per line) it ends the run
 * with exit code 2, naming the line, the field and what is allowed, and nothing is written, since
 * every later line would answer the wrong question.
 */
@Command(name = "interview", mixinStandardHelpOptions = true,
        description = {"Build a scenario by answering questions: first the unknown facts that can change the recommendation,"
                + " most decisive first, then optional ones (what was tried, the facts the figures rest on); shows the"
                + " provisional recommendation as it goes and writes a valid scenario file.",
                "An empty answer leaves a fact unknown; 'end' (after the id) stops asking. Choices may be typed or"
                        + " numbered.",
                "Piped answers, one per line, are taken in the same order a terminal user would be asked."})
final class InterviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the scenario to FILE (YAML, or JSON for a .json name) instead of standard output.")
    Path out;

    @Option(names = "--force", description = "Replace FILE when it exists.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            refuseUnwritable(out);
        }
        Console console = System.console();
        boolean terminal = console != null;
        // the scenario alone goes to standard output when there is no FILE: the conversation then goes to stderr
        PrintWriter talk = out == null ? spec.commandLine().getErr() : spec.commandLine().getOut();
        BufferedReader in = new BufferedReader(terminal ? console.reader()
                : new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Interview interview = Interview.start(rules.load());
        talk.println("Ladder interview. An empty answer leaves a fact unknown; 'end' stops asking.");
        int line = 0;
        boolean optional = false;
        while (true) {
            Optional<Interview.Question> next = interview.next();
            if (next.isEmpty()) {
                talk.println();
                talk.println(optional ? "Nothing else to ask." : "Every fact listed as missing has been asked.");
                break;
            }
            Interview.Question question = next.get();
            if (question.optional() && !optional) {
                optional = true;
                talk.println();
                talk.println("Every fact listed as missing has been asked" + (interview.provisional().missing().isEmpty() ? ""
                        : " (those skipped stay unknown)") + ". Optional: what was tried, and the facts the figures rest on"
                        + " (an empty answer skips, 'end' stops).");
            }
            ask(talk, question);
            String answer = in.readLine();
            line++;
            if (answer == null || (answer.strip().equals("end") && !question.field().equals("id"))) {
                talk.println();
                break;
            }
            if (answer.isBlank()) {
                if (question.field().equals("id")) {
                    answer = "interview";
                } else {
                    interview.skip(question);
                    continue;
                }
            }
            List<Problem> problems = interview.answer(question, answer);
            if (!problems.isEmpty()) {
                String why = problems.get(0).message();
                if (!terminal) {
                    talk.println();
                    talk.flush();
                    throw new LadderException.BadInput(new Problem("standard input", line, 1, question.field(), why));
                }
                talk.println("  not taken: " + Printable.line(why));
                continue;
            }
            Interview.Provisional now = interview.provisional();
            talk.println("  -> so far: " + now.approach() + " (" + now.confidence() + " confidence)"
                    + (now.missing().isEmpty() ? "" : "; still unknown and could change it: " + String.join(", ", now.missing())));
            talk.flush();
        }
        Interview.Provisional result = interview.provisional();
        talk.println("Recommendation: " + result.approach() + " (" + result.confidence() + " confidence). "
                + Printable.line(result.summary()));
        write(interview, talk);
        return 0;
    }

    /** Refuses FILE before the first question rather than after the last. */
    private void refuseUnwritable(Path file) throws LadderException.BadInput {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        Path dir = file.toAbsolutePath().getParent();
        String why = null;
        if (!name.endsWith(".yaml") && !name.endsWith(".yml") && !name.endsWith(".json")) {
            why = "is not a scenario file name (expected a name ending in .yaml, .yml or .json)";
        } else if (Files.isDirectory(file)) {
            why = "is a directory (expected a file name)";
        } else if (Files.exists(file) && !force) {
            why = "exists (expected a new file; add --force to replace it)";
        } else if (dir == null || !Files.isDirectory(dir)) {
            why = "cannot be written: the directory " + dir + " does not exist";
        } else if (!Files.isWritable(dir)) {
            why = "cannot be written: the directory " + dir + " is not writable";
        }
        if (why != null) {
            throw new LadderException.BadInput(Problem.ofFile(file.toString(), why));
        }
    }

    private static void ask(PrintWriter talk, Interview.Question question) {
        talk.println();
        StringBuilder text = new StringBuilder(question.text()).append("  [").append(question.field()).append(']');
        if (!question.couldLeadTo().isEmpty()) {
            text.append(" (could make it ").append(String.join(" or ", question.couldLeadTo())).append(')');
        } else if (question.optional()) {
            text.append(" (optional: sharpens the figures)");
        }
        talk.println(text);
        switch (question.kind()) {
            case BOOLEAN -> talk.println("  yes or no");
            case CHOICE -> {
                StringBuilder choices = new StringBuilder();
                for (int i = 0; i < question.choices().size(); i++) {
                    choices.append(i == 0 ? "  " : "   ").append(i + 1).append(") ").append(question.choices().get(i));
                }
                talk.println(choices);
            }
            case INTEGER -> talk.println("  a whole number");
            case NUMBER -> talk.println("  a number");
            default -> {
            }
        }
        talk.print("> ");
        talk.flush();
    }

    private void write(Interview interview, PrintWriter talk) throws LadderException {
        if (out == null) {
            byte[] bytes = interview.file("scenario.yaml");
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(new String(bytes, StandardCharsets.UTF_8));
            stdout.flush();
            return;
        }
        byte[] bytes = interview.file(out.getFileName().toString());
        Path dir = out.toAbsolutePath().getParent();
        try {
            Path draft = Files.createTempFile(dir, ".interview", ".tmp");
            try {
                Files.write(draft, bytes);
                Files.move(draft, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new LadderException.Unwritable(Problem.ofFile(out.toString(), "cannot be written ("
                    + e.getClass().getSimpleName() + ")"), e);
        }
        talk.println("Wrote " + out + "; run: ladder decide " + out);
    }
}
