package dev.ladder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.govern.DecisionLog;
import dev.ladder.govern.LogKey;
import dev.ladder.report.DecisionJson;
import dev.ladder.support.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ladder log verify|head|list|show}: the signed, hash-chained decision log. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Verify, checkpoint or read the signed, hash-chained decision log.",
        subcommands = {LogCommand.Verify.class, LogCommand.Head.class, LogCommand.ListEntries.class, LogCommand.Show.class})
final class LogCommand implements Runnable {
    static final String DEFAULT_LOG = "ladder-log.jsonl";
    private static final int MAX_CHECKPOINT_BYTES = 64 * 1024;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a log command: verify, head, list or show");
    }

    /** The log a subcommand reads, and {@code --debug}. */
    static final class LogFile {
        @Parameters(paramLabel = "LOG", arity = "0..1", defaultValue = DEFAULT_LOG,
                description = "The log file, or a jdbc:postgresql: URL (default: ${DEFAULT-VALUE}).")
        String file;

        @Option(names = "--debug", description = "Show the Java stack trace behind an error.")
        boolean debug;
    }

    static DecisionLog open(String where) throws LadderException.BadInput {
        if (!DecisionLog.isDatabase(where) && !Files.isRegularFile(Path.of(where))) {
            throw new LadderException.BadInput(Problem.ofFile(where, "no such decision log"));
        }
        try {
            return DecisionLog.at(where);
        } catch (IOException e) {
            throw unreadable(where, e);
        }
    }

    static LadderException.BadInput unreadable(String where, IOException e) {
        return new LadderException.BadInput(Problem.ofFile(DecisionLog.nameOf(where), "cannot read the decision log: "
                + e.getMessage()));
    }

    /** Who signed the entries, as a reader can take it in: fingerprints, counts, and which key is the reader's. */
    static String signers(DecisionLog.Verification result) {
        String mine = myFingerprint();
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Long> signer : result.signers().entrySet()) {
            text.append(text.length() == 0 ? "" : ", ").append(signer.getValue()).append(" signed by key ")
                    .append(signer.getKey()).append(signer.getKey().equals(mine) ? " (yours)" : " (not yours)");
        }
        if (result.unsigned() > 0) {
            text.append(text.length() == 0 ? "" : ", ").append(result.unsigned()).append(" unsigned (written before entries were signed)");
        }
        return text.toString();
    }

    private static String myFingerprint() {
        try {
            return LogKey.standardIfMade().map(key -> LogKey.fingerprint(key.publicKey())).orElse("");
        } catch (IOException noKey) {
            return "";
        }
    }

    /** Checks every entry; exit 0 intact, 1 tampered. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check that no entry was edited, removed or reordered and that every signature holds:"
                    + " exit 0 intact, 1 not.",
                    "With --checkpoint, also that the log still extends a checkpoint taken by 'ladder log head'"
                            + " and that every entry is signed by its key."})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogFile log;

        @Option(names = "--checkpoint", paramLabel = "FILE",
                description = "A checkpoint printed by 'ladder log head', kept where the log's writers cannot change it.")
        Path checkpointFile;

        @Override
        public Integer call() throws LadderException {
            DecisionLog decisionLog = open(log.file);
            DecisionLog.Checkpoint checkpoint = checkpointFile == null ? null : readCheckpoint(checkpointFile);
            DecisionLog.Verification result;
            try {
                result = decisionLog.verify(checkpoint);
            } catch (IOException e) {
                throw unreadable(log.file, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            String name = Printable.line(DecisionLog.nameOf(log.file));
            if (result.intact()) {
                out.println(name + ": intact, " + result.verifiedEntries() + " entries verified"
                        + (result.verifiedEntries() == 0 ? "" : ": " + signers(result)));
                if (checkpoint != null) {
                    out.println(name + ": extends the checkpoint (" + checkpoint.entries() + " entries, head "
                            + checkpoint.headSha256().substring(0, 16) + "), " + (result.verifiedEntries() - checkpoint.entries())
                            + " appended since, every entry signed by the checkpoint's key "
                            + LogKey.fingerprint(checkpoint.publicKey()));
                } else if (result.verifiedEntries() > 0) {
                    out.println(name + ": without a checkpoint, a log rewritten from scratch would also verify;"
                            + " take one with 'ladder log head' and keep it elsewhere");
                }
            } else {
                out.println(name + ": " + Printable.line(result.problem().get()));
                out.println(name + ": the first " + result.verifiedEntries() + " entries verify");
            }
            result.tail().ifPresent(tail -> out.println(name + ": " + tail));
            out.flush();
            return result.intact() ? 0 : 1;
        }

        private static DecisionLog.Checkpoint readCheckpoint(Path path) throws LadderException.BadInput {
            if (!Files.isRegularFile(path)) {
                throw new LadderException.BadInput(Problem.ofFile(path.toString(), "no such checkpoint file"));
            }
            byte[] text;
            try (InputStream in = Files.newInputStream(path)) {
                text = in.readNBytes(MAX_CHECKPOINT_BYTES + 1);
            } catch (IOException e) {
                throw new LadderException.BadInput(Problem.ofFile(path.toString(), "cannot read the checkpoint: " + e.getMessage()));
            }
            Optional<DecisionLog.Checkpoint> checkpoint = text.length > MAX_CHECKPOINT_BYTES ? Optional.empty()
                    : DecisionLog.Checkpoint.parse(text);
            return checkpoint.orElseThrow(() -> new LadderException.BadInput(Problem.ofFile(path.toString(),
                    "not a Ladder log checkpoint (expected the JSON 'ladder log head' prints: checkpoint, entries,"
                            + " headSha256, publicKey, signature)")));
        }
    }

    /** Prints a signed checkpoint of the log as it stands. */
    @Command(name = "head", mixinStandardHelpOptions = true,
            description = {"Print a checkpoint of the log: its entry count and head hash, signed with your key.",
                    "Keep it where the log's writers cannot change it; 'ladder log verify LOG --checkpoint FILE'"
                            + " then fails if the log was rewritten, truncated or emptied since.",
                    "Exit 0, 1 when the log does not verify or has entries not signed by your key."})
    static final class Head implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogFile log;

        @Override
        public Integer call() throws LadderException {
            StringBuilder why = new StringBuilder();
            Optional<DecisionLog.Checkpoint> checkpoint;
            try {
                checkpoint = open(log.file).head(why::append);
            } catch (IOException e) {
                throw unreadable(log.file, e);
            }
            if (checkpoint.isEmpty()) {
                spec.commandLine().getErr().println(Printable.line(DecisionLog.nameOf(log.file)) + ": no checkpoint: "
                        + Printable.line(why.toString()));
                spec.commandLine().getErr().flush();
                return 1;
            }
            spec.commandLine().getOut().println(checkpoint.get().toJson());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** A date (the start of that day, UTC) or an instant. */
    static java.time.Instant instant(String text) throws LadderException.BadInput {
        return DecisionLog.since(text).orElseThrow(() -> new LadderException.BadInput(Problem.ofFile("--since", "'"
                + Printable.line(text) + "' is not a date or an instant (expected 2026-11-29 or 2026-11-29T10:00:00Z)")));
    }

    /** One line per entry. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the logged decisions, one line each: seq, decision id, decided at, scenario, approach.")
    static final class ListEntries implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        LogFile log;

        @Option(names = "--scenario", paramLabel = "ID", description = "Only the decisions of this scenario.")
        String scenario;

        @Option(names = "--approach", paramLabel = "APPROACH",
                description = "Only decisions recommending this: PROMPTING, RAG, FINE_TUNING or RAG_AND_FINE_TUNING.")
        dev.ladder.model.Approach approach;

        @Option(names = "--since", paramLabel = "DATE",
                description = "Only decisions made on or after this date (2026-11-29) or instant (2026-11-29T10:00:00Z).")
        String since;

        @Override
        public Integer call() throws LadderException {
            PrintWriter out = spec.commandLine().getOut();
            DecisionLog.Query query = new DecisionLog.Query(scenario, approach == null ? null : approach.name(),
                    since == null ? null : instant(since), 0, Integer.MAX_VALUE);
            try {
                open(log.file).each(entry -> {
                    if (query.accepts(entry)) {
                        out.println(entry.path("seq").asLong() + "  "
                        + Printable.line(entry.path("decisionId").asText()) + "  "
                        + Printable.line(entry.path("record").path("decidedAt").asText("-")) + "  "
                        + Printable.line(entry.path("record").path("scenario").asText("-")) + "  "
                        + Printable.line(entry.path("record").path("recommendation").path("approach").asText("-")));
                    }
                });
            } catch (IOException e) {
                throw unreadable(log.file, e);
            }
            out.flush();
            return 0;
        }
    }

    /** Prints one entry. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the log entry of one decision, named by its id, a unique prefix of it, or its seq.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The decision id, a unique prefix of it, or the entry's seq number.")
        String id;

        @Option(names = "--log", paramLabel = "LOG", defaultValue = DEFAULT_LOG,
                description = "The log file, or a jdbc:postgresql: URL (default: ${DEFAULT-VALUE}).")
        String file;

        @Option(names = "--debug", description = "Show the Java stack trace behind an error.")
        boolean debug;

        @Override
        public Integer call() throws LadderException, IOException {
            DecisionLog log = open(file);
            java.util.List<JsonNode> matches = new java.util.ArrayList<>();
            try {
                log.each(entry -> {
                    String decisionId = entry.path("decisionId").asText();
                    boolean bySeq = id.matches("[0-9]{1,18}") && entry.path("seq").asLong() == Long.parseLong(id);
                    if (decisionId.equals(id) || bySeq || id.length() >= 4 && decisionId.startsWith(id)) {
                        matches.add(entry);
                    }
                });
            } catch (IOException e) {
                throw unreadable(file, e);
            }
            JsonNode exact = matches.stream().filter(e -> e.path("decisionId").asText().equals(id)).findFirst()
                    .orElse(matches.size() == 1 ? matches.get(0) : null);
            if (exact == null) {
                throw new LadderException.BadInput(Problem.ofFile(file.toString(), matches.isEmpty()
                        ? "no decision " + Printable.line(id) + " in the log (give a decision id, a prefix of at least"
                        + " 4 characters, or a seq number; 'ladder log list' shows them)"
                        : "'" + Printable.line(id) + "' names " + matches.size() + " decisions; give more of the id"));
            }
            spec.commandLine().getOut().println(DecisionJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(exact));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
