package dev.ladder.govern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.model.Approach;
import dev.ladder.model.Scenario;
import dev.ladder.read.StrictMapper;
import dev.ladder.report.DecisionJson;
import dev.ladder.support.BoundedLines;
import dev.ladder.support.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An append-only JSON Lines log of decision records, chained by SHA-256 and signed with the
 * user's Ed25519 key, so that an edited, removed or reordered entry is detected, and, against a
 * {@link Checkpoint} kept elsewhere, a log rewritten from scratch, truncated or emptied too.
 *
 * <p>Each line is one entry, canonical JSON: {@code seq} (1, 2, ...), {@code decisionId},
 * {@code prevSha256} (the previous entry's {@code sha256}; 64 zeros for the first),
 * {@code publicKey} (the signer's, Base64 X.509), {@code record} (the decision record),
 * {@code sha256} (over the entry up to there) and {@code signature} (Ed25519, Base64, over
 * {@code "ladder-log-entry-1:" + sha256}). Appends take an exclusive lock on the file, so
 * processes appending at once never interleave, and write one whole line at a time. A line cut
 * short by a crash is moved aside by the next append, which says where; {@link #verify} reports
 * it and verifies everything before it. Reading streams the file one bounded line at a time.
 */
public final class DecisionLog {
    static final String GENESIS = "0".repeat(64);
    /** No entry is longer; a longer line is not one of ours. */
    static final int MAX_LINE_BYTES = 16 << 20;
    private static final String ENTRY_SIGNED = "ladder-log-entry-1:";
    private static final ObjectMapper JSON = StrictMapper.canonical();

    /** One appended entry. */
    public record Entry(long seq, String decisionId, String prevSha256, String sha256) {
    }

    /**
     * What {@link #verify} found: how many entries hold, the last of them, who signed them, the
     * first problem if any, and a note on the last line when it is not a complete entry.
     */
    public record Verification(long verifiedEntries, String headSha256, Map<String, Long> signers, long unsigned,
                               Optional<String> problem, Optional<String> tail) {
        public boolean intact() {
            return problem.isEmpty();
        }
    }

    private final LogStorage storage;
    private final KeySource keys;
    private LogKey key;

    /** A log signed with the user's key ({@link LogKey#standard()}), read when first needed. */
    public DecisionLog(Path file) {
        this(new FileStorage(file), LogKey::standard);
    }

    /** A log signed with {@code key}. */
    public DecisionLog(Path file, LogKey key) {
        this(new FileStorage(file), () -> key);
    }

    private DecisionLog(LogStorage storage, KeySource keys) {
        this.storage = storage;
        this.keys = keys;
    }

    private interface KeySource {
        LogKey get() throws IOException;
    }

    /**
     * The log at {@code where}: a PostgreSQL database when it is a {@code jdbc:postgresql:} URL
     * (its schema created or migrated first), else a file; signed with the user's key.
     */
    public static DecisionLog at(String where) throws IOException {
        return isDatabase(where) ? new DecisionLog(PostgresStorage.open(where), LogKey::standard)
                : new DecisionLog(Path.of(where));
    }

    /** Fails unless the log can be reached now. */
    public void probe() throws IOException {
        storage.probe();
    }

    /** Whether {@code where} names a database rather than a file. */
    public static boolean isDatabase(String where) {
        return where.startsWith(PostgresStorage.PREFIX);
    }

    /** What messages call the log at {@code where}: a database URL loses its password. */
    public static String nameOf(String where) {
        return where.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** A file path or a database URL without its password: what messages call this log. */
    public String name() {
        return storage.name();
    }

    private synchronized LogKey key() throws IOException {
        if (key == null) {
            key = keys.get();
        }
        return key;
    }

    // ---------------------------------------------------------------- appending

    /**
     * {@code advisor}, appending every decision it makes to this log. A decision that cannot be
     * logged is not returned: {@link LadderException.Unwritable}. An incomplete last line left by
     * an interrupted write is moved aside silently here; {@link #append} takes a listener for
     * that notice, which the command line prints.
     */
    public Advisor logging(Advisor advisor) {
        DecisionLog log = this;
        return new Advisor() {
            @Override
            public Decision decide(Path scenarioFile) throws LadderException {
                return log.logged(advisor.decide(scenarioFile));
            }

            @Override
            public Decision decide(Scenario scenario, String name) throws LadderException {
                return log.logged(advisor.decide(scenario, name));
            }

            @Override
            public Approach recommend(Scenario scenario, String name) throws LadderException {
                return advisor.recommend(scenario, name);
            }

            @Override
            public List<String> ruleIds() {
                return advisor.ruleIds();
            }

            @Override
            public Map<String, String> ruleFiles() {
                return advisor.ruleFiles();
            }
        };
    }

    /** Appends {@code decision} and hands it back; a log that cannot take it is {@link LadderException.Unwritable}. */
    private Decision logged(Decision decision) throws LadderException.Unwritable {
        try {
            append(decision, repaired -> { });
            return decision;
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    /** Why the log could not be appended to, as the command line reports it. */
    public LadderException.Unwritable unwritable(IOException e) {
        return new LadderException.Unwritable(Problem.ofFile(storage.name(), "cannot append to the decision log: "
                + e.getMessage()), e);
    }

    /**
     * Appends a decision under an exclusive lock and returns the new entry. {@code repaired} is
     * told of an incomplete last line that was moved aside first. Refuses (IOException) to
     * append after a last entry that no longer matches its own hash.
     */
    public Entry append(Decision decision, Consumer<String> repaired) throws IOException {
        return appendAll(List.of(decision), repaired).get(0);
    }

    /**
     * Appends several decisions as one write: all of them or, when anything fails, none.
     * Otherwise as {@link #append}.
     */
    public List<Entry> appendAll(List<Decision> decisions, Consumer<String> repaired) throws IOException {
        return storage.append(decisions, key(), repaired);
    }

    /** One entry line, without its newline: the canonical body, then its {@code sha256} and its signature. */
    record SignedLine(String text, String sha256) {
        static SignedLine of(long seq, String decisionId, String prevSha256, JsonNode record, LogKey signer)
                throws JsonProcessingException {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("seq", seq);
            entry.put("decisionId", decisionId);
            entry.put("prevSha256", prevSha256);
            entry.put("publicKey", signer.publicKey());
            entry.set("record", record);
            String body = JSON.writeValueAsString(entry);
            String sha = DecisionLog.sha256(body.getBytes(StandardCharsets.UTF_8));
            return new SignedLine(body.substring(0, body.length() - 1) + suffix(sha, signer.sign(signedBytes(sha))), sha);
        }
    }

    static Optional<JsonNode> parse(byte[] line) {
        try {
            // decimals stay decimals, so a record read back prints as it was written
            JsonNode node = JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(line);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- verifying

    /** Checks every entry's hash, signature, link to the one before, and the sequence. */
    public Verification verify() throws IOException {
        return verify(null);
    }

    /**
     * As {@link #verify()}, and also that the log still extends {@code checkpoint}: the entry
     * at its position has its head hash, and every entry is signed by its key.
     */
    public Verification verify(Checkpoint checkpoint) throws IOException {
        if (checkpoint != null && !checkpoint.signatureHolds()) {
            return failed(0, GENESIS, Map.of(), 0, "the checkpoint is not signed by the key it names: it was edited", Optional.empty());
        }
        String previous = GENESIS;
        long verified = 0;
        long unsigned = 0;
        Map<String, Long> signers = new LinkedHashMap<>();
        Optional<String> tail = Optional.empty();
        try (BoundedLines lines = new BoundedLines(storage.read(), MAX_LINE_BYTES)) {
            for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.tooLong()) {
                    return failed(verified, previous, signers, unsigned, where(line.number(), null)
                            + "is longer than " + (MAX_LINE_BYTES >> 20) + " MiB: not a log entry", tail);
                }
                Optional<JsonNode> parsed = parse(line.bytes());
                if (!line.terminated()) {
                    if (parsed.isEmpty() || !parsed.get().has("sha256")) {
                        tail = Optional.of("the last line (" + line.bytes().length + " bytes) is an incomplete write; it is"
                                + " not an entry, and the next append moves it aside");
                        break;
                    }
                    tail = Optional.of("the last entry has no final newline; the next append adds it");
                }
                if (parsed.isEmpty()) {
                    return failed(verified, previous, signers, unsigned, where(line.number(), null) + "is not a log entry (not valid JSON)", tail);
                }
                JsonNode entry = parsed.get();
                String id = entry.path("decisionId").asText();
                if (!entry.hasNonNull("sha256") || !entry.hasNonNull("seq")) {
                    return failed(verified, previous, signers, unsigned, where(line.number(), null) + "is not a log entry", tail);
                }
                Optional<String> wrong = selfCheck(line.bytes(), entry);
                if (wrong.isPresent()) {
                    return failed(verified, previous, signers, unsigned, where(line.number(), id) + wrong.get(), tail);
                }
                long seq = entry.path("seq").asLong();
                if (seq != verified + 1) {
                    return failed(verified, previous, signers, unsigned, where(line.number(), id) + "has seq " + seq + ": "
                            + outOfOrder(seq, verified), tail);
                }
                if (!entry.path("prevSha256").asText().equals(previous)) {
                    return failed(verified, previous, signers, unsigned, where(line.number(), id)
                            + "does not chain to the entry before it (prevSha256 differs): entries were removed or reordered", tail);
                }
                String publicKey = entry.path("publicKey").asText(null);
                if (checkpoint != null) {
                    if (publicKey == null) {
                        return failed(verified, previous, signers, unsigned, where(line.number(), id)
                                + "is not signed; the checkpoint requires every entry signed by key "
                                + LogKey.fingerprint(checkpoint.publicKey()), tail);
                    }
                    if (!publicKey.equals(checkpoint.publicKey())) {
                        return failed(verified, previous, signers, unsigned, where(line.number(), id) + "is signed by key "
                                + LogKey.fingerprint(publicKey) + ", not the checkpoint's key "
                                + LogKey.fingerprint(checkpoint.publicKey()) + ": the log was rewritten", tail);
                    }
                    if (seq == checkpoint.entries() && !entry.path("sha256").asText().equals(checkpoint.headSha256())) {
                        return failed(verified, previous, signers, unsigned, where(line.number(), id)
                                + "is not the entry the checkpoint ends on (its sha256 differs from the checkpoint's"
                                + " headSha256): the log was rewritten", tail);
                    }
                }
                if (publicKey == null) {
                    unsigned++;
                } else {
                    signers.merge(LogKey.fingerprint(publicKey), 1L, Long::sum);
                }
                previous = entry.path("sha256").asText();
                verified++;
            }
        }
        if (checkpoint != null && verified < checkpoint.entries()) {
            return failed(verified, previous, signers, unsigned, "the log has " + verified + " entr" + (verified == 1 ? "y" : "ies")
                    + " but the checkpoint covers " + checkpoint.entries() + ": entries were removed", tail);
        }
        return new Verification(verified, previous, Map.copyOf(signers), unsigned, Optional.empty(), tail);
    }

    private static Verification failed(long verified, String head, Map<String, Long> signers, long unsigned,
                                       String problem, Optional<String> tail) {
        return new Verification(verified, head, Map.copyOf(signers), unsigned, Optional.of(problem), tail);
    }

    /** Why a seq is not the next: a second pass finds where the expected one stands, if anywhere. */
    private String outOfOrder(long seq, long verified) throws IOException {
        long expected = verified + 1;
        long at = lineWhere(entry -> entry.path("seq").asLong(-1) == expected);
        if (at > 0) {
            return "out of order: seq " + expected + " stands later, at line " + at + " (entries were reordered)";
        }
        if (seq > expected) {
            long missing = seq - expected;
            return missing + " entr" + (missing == 1 ? "y" : "ies") + " before it (seq " + expected
                    + (missing > 1 ? "-" + (seq - 1) : "") + ") removed";
        }
        return "out of order (seq " + seq + " after " + verified + ")";
    }

    /**
     * Whether an entry's line still matches its own {@code sha256} and, when signed, its
     * signature: empty when it does, else what is wrong.
     */
    static Optional<String> selfCheck(byte[] line, JsonNode entry) {
        String claimed = entry.path("sha256").asText();
        String signature = entry.path("signature").asText(null);
        byte[] suffix = suffix(claimed, signature).getBytes(StandardCharsets.UTF_8);
        int body = line.length - suffix.length;
        if (body < 0 || !Arrays.equals(line, body, line.length, suffix, 0, suffix.length)
                || !sha256(line, body).equals(claimed)) {
            return Optional.of("was edited: its content no longer matches its sha256");
        }
        String publicKey = entry.path("publicKey").asText(null);
        if (publicKey != null && (signature == null
                || !LogKey.verifies(publicKey, signedBytes(claimed), signature))) {
            return Optional.of("has a signature that does not verify with its key: it was re-hashed or forged");
        }
        if (publicKey == null && signature != null) {
            return Optional.of("has a signature but no key to check it with: it was edited");
        }
        return Optional.empty();
    }

    private static String suffix(String sha, String signature) {
        return ",\"sha256\":\"" + sha + "\"" + (signature == null ? "" : ",\"signature\":\"" + signature + "\"") + "}";
    }

    private static byte[] signedBytes(String sha) {
        return (ENTRY_SIGNED + sha).getBytes(StandardCharsets.US_ASCII);
    }

    private static String where(long line, String id) {
        return "line " + line + (id == null || id.isEmpty() ? "" : " (decision " + id + ")") + " ";
    }

    // ---------------------------------------------------------------- checkpoints

    /**
     * What a reviewer keeps apart from the log: how many entries it had, the last one's hash,
     * the key that signed them and that key's signature over all three.
     */
    public record Checkpoint(long entries, String headSha256, String publicKey, String signature) {
        static final String FORMAT = "ladder-log-checkpoint-1";

        static byte[] signed(long entries, String headSha256) {
            return (FORMAT + "\n" + entries + "\n" + headSha256 + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        /** True when its signature is its key's over its entry count and head. */
        public boolean signatureHolds() {
            return LogKey.verifies(publicKey, signed(entries, headSha256), signature);
        }

        /** The checkpoint as the JSON {@code ladder log head} prints. */
        public String toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("checkpoint", FORMAT);
            node.put("entries", entries);
            node.put("headSha256", headSha256);
            node.put("publicKey", publicKey);
            node.put("keyFingerprint", LogKey.fingerprint(publicKey));
            node.put("signature", signature);
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Reads a checkpoint; empty when the text is not one. */
        public static Optional<Checkpoint> parse(byte[] text) {
            Optional<JsonNode> node = DecisionLog.parse(text);
            if (node.isEmpty() || !FORMAT.equals(node.get().path("checkpoint").asText())
                    || !node.get().path("entries").canConvertToLong() || node.get().path("entries").asLong() < 0
                    || !node.get().path("headSha256").isTextual() || !node.get().path("publicKey").isTextual()
                    || !node.get().path("signature").isTextual()) {
                return Optional.empty();
            }
            JsonNode n = node.get();
            return Optional.of(new Checkpoint(n.get("entries").asLong(), n.get("headSha256").asText(),
                    n.get("publicKey").asText(), n.get("signature").asText()));
        }
    }

    /**
     * A checkpoint of the log as it stands, signed with this log's key. Empty, with the reason in
     * {@code why}, when the log does not verify or has entries another key (or none) signed.
     */
    public Optional<Checkpoint> head(Consumer<String> why) throws IOException {
        Verification verification = verify();
        if (!verification.intact()) {
            why.accept(verification.problem().get());
            return Optional.empty();
        }
        LogKey signer = key();
        String mine = LogKey.fingerprint(signer.publicKey());
        long others = verification.signers().entrySet().stream().filter(e -> !e.getKey().equals(mine))
                .mapToLong(Map.Entry::getValue).sum();
        if (verification.unsigned() > 0 || others > 0) {
            why.accept((verification.unsigned() + others) + " of its entries are not signed by your key " + mine
                    + "; a checkpoint over them could never verify");
            return Optional.empty();
        }
        long entries = verification.verifiedEntries();
        String head = verification.headSha256();
        return Optional.of(new Checkpoint(entries, head, signer.publicKey(),
                signer.sign(Checkpoint.signed(entries, head))));
    }

    // ---------------------------------------------------------------- reading

    /** The entry with that decision id, as stored. */
    public Optional<JsonNode> find(String decisionId) throws IOException {
        Optional<Optional<String>> direct = storage.line(decisionId);
        if (direct.isPresent()) {
            return direct.get().flatMap(line -> parse(line.getBytes(StandardCharsets.UTF_8)))
                    .filter(entry -> decisionId.equals(entry.path("decisionId").asText()));
        }
        return first(entry -> decisionId.equals(entry.path("decisionId").asText()));
    }

    /** The first entry that {@code test} accepts. */
    public Optional<JsonNode> first(Predicate<JsonNode> test) throws IOException {
        Optional<JsonNode>[] found = new Optional[]{Optional.empty()};
        each(entry -> {
            if (found[0].isEmpty() && test.test(entry)) {
                found[0] = Optional.of(entry);
            }
        });
        return found[0];
    }

    /**
     * Which logged decisions to list: those of a scenario, with an approach, decided since an
     * instant (each null for any), logged before entry {@code beforeSeq} (0 for the newest), at
     * most {@code limit}.
     */
    public record Query(String scenario, String approach, java.time.Instant since, long beforeSeq, int limit) {
        /** Whether {@code entry} is one this query selects. */
        public boolean accepts(JsonNode entry) {
            JsonNode record = entry.path("record");
            if (beforeSeq > 0 && entry.path("seq").asLong() >= beforeSeq) {
                return false;
            }
            if (scenario != null && !scenario.equals(record.path("scenario").asText())) {
                return false;
            }
            if (approach != null && !approach.equals(record.path("recommendation").path("approach").asText())) {
                return false;
            }
            if (since != null) {
                try {
                    return !java.time.Instant.parse(record.path("decidedAt").asText()).isBefore(since);
                } catch (java.time.format.DateTimeParseException e) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A date ({@code 2026-11-29}, the start of that day in UTC) or an instant
     * ({@code 2026-11-29T10:00:00Z}), as {@code since} filters take it; empty when it is neither.
     */
    public static Optional<java.time.Instant> since(String text) {
        try {
            return Optional.of(text.length() == 10
                    ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : java.time.Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The entries {@code query} selects, newest first; reads the log once, keeping only as many as asked. */
    public List<JsonNode> newest(Query query) throws IOException {
        Optional<List<String>> indexed = storage.newest(query);
        if (indexed.isPresent()) {
            // the database's columns come from the same record; each line is still the signed entry itself
            List<JsonNode> found = new java.util.ArrayList<>();
            for (String line : indexed.get()) {
                parse(line.getBytes(StandardCharsets.UTF_8)).filter(query::accepts).ifPresent(found::add);
            }
            return found;
        }
        java.util.ArrayDeque<JsonNode> kept = new java.util.ArrayDeque<>();
        each(entry -> {
            if (query.accepts(entry)) {
                if (kept.size() == query.limit()) {
                    kept.removeFirst();
                }
                kept.addLast(entry);
            }
        });
        List<JsonNode> newestFirst = new java.util.ArrayList<>(kept);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Every entry that parses, in file order; damaged lines are {@link #verify}'s business. */
    public void each(Consumer<JsonNode> visitor) throws IOException {
        try (BoundedLines lines = new BoundedLines(storage.read(), MAX_LINE_BYTES)) {
            for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (!line.tooLong()) {
                    parse(line.bytes()).filter(e -> e.has("sha256")).ifPresent(visitor);
                }
            }
        }
    }

    private long lineWhere(Predicate<JsonNode> test) throws IOException {
        try (BoundedLines lines = new BoundedLines(storage.read(), MAX_LINE_BYTES)) {
            for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (!line.tooLong() && parse(line.bytes()).filter(test).isPresent()) {
                    return line.number();
                }
            }
        }
        return -1;
    }

    static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }

    /** The SHA-256 of an entry body: the line's first {@code length} bytes and the closing brace. */
    private static String sha256(byte[] line, int length) {
        MessageDigest digest = Sha256.digest();
        digest.update(line, 0, length);
        digest.update((byte) '}');
        return Sha256.hex(digest);
    }
}
