package dev.ladder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.io.DecisionJson;
import dev.ladder.io.StrictMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An append-only JSON Lines log of decision records, chained by SHA-256 so that an edited,
 * removed or reordered entry is detected.
 *
 * <p>Each line is one entry, canonical JSON: {@code seq} (1, 2, ...), {@code decisionId},
 * {@code prevSha256} (the previous entry's {@code sha256}; 64 zeros for the first),
 * {@code record} (the decision record) and {@code sha256} (over the entry without it).
 * Appends take an exclusive lock on the file, so processes appending at once never
 * interleave, and write one whole line at a time. A line cut short by a crash is removed by the
 * next append, which says so; {@link #verify} reports it and verifies everything before it.
 */
public final class DecisionLog {
    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = StrictMapper.canonical();

    /** One appended entry. */
    public record Entry(long seq, String decisionId, String prevSha256, String sha256) {
    }

    /** What {@link #verify} found: the entries that hold, and the first problem, if any. */
    public record Verification(long verifiedEntries, Optional<String> problem, Optional<String> incompleteTail) {
        public boolean intact() {
            return problem.isEmpty();
        }
    }

    private final Path file;

    public DecisionLog(Path file) {
        this.file = file;
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /**
     * Appends a decision under an exclusive lock. Returns the new entry; {@code repaired} is told
     * of an incomplete last line that was removed first.
     */
    public Entry append(Decision decision, java.util.function.Consumer<String> repaired) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        // A file lock guards against other processes; within this one, threads queue on the path.
        Path key = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
        synchronized (IN_PROCESS.computeIfAbsent(key, k -> new Object())) {
            return appendLocked(decision, repaired);
        }
    }

    private static final java.util.concurrent.ConcurrentMap<Path, Object> IN_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Entry appendLocked(Decision decision, java.util.function.Consumer<String> repaired) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            long size = channel.size();
            long end = completeEnd(channel, size);
            if (end < size) {
                channel.truncate(end);
                repaired.accept(file + ": removed an incomplete last entry (" + (size - end)
                        + " bytes from an interrupted write) before appending");
            }
            Last last = lastEntry(channel, end);
            ObjectNode entry = JSON.createObjectNode();
            entry.put("seq", last.seq + 1);
            entry.put("decisionId", decision.decisionId());
            entry.put("prevSha256", last.sha256);
            entry.set("record", DecisionJson.mapper().valueToTree(decision));
            String body = JSON.writeValueAsString(entry);
            String sha = sha256(body.getBytes(StandardCharsets.UTF_8));
            byte[] line = (withHash(body, sha) + "\n").getBytes(StandardCharsets.UTF_8);
            channel.position(end);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
            return new Entry(last.seq + 1, entry.get("decisionId").asText(), last.sha256, sha);
        }
    }

    /** Checks every entry's hash, its link to the one before, and the sequence. */
    public Verification verify() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = lastCompleteLineEnd(bytes);
        Optional<String> tail = end < bytes.length
                ? Optional.of("the last line (" + (bytes.length - end) + " bytes) is an incomplete write; it is ignored and the next append removes it")
                : Optional.empty();
        String previous = GENESIS;
        long verified = 0;
        int lineNo = 0;
        String[] lines = lines(bytes, end);
        for (String line : lines) {
            lineNo++;
            JsonNode entry;
            try {
                entry = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                return new Verification(verified, Optional.of(where(lineNo, null) + "is not a log entry (not valid JSON)"), tail);
            }
            if (entry == null || !entry.isObject() || !entry.hasNonNull("sha256") || !entry.hasNonNull("seq")) {
                return new Verification(verified, Optional.of(where(lineNo, null) + "is not a log entry"), tail);
            }
            String id = entry.path("decisionId").asText();
            String claimed = entry.path("sha256").asText();
            String suffix = ",\"sha256\":\"" + claimed + "\"}";
            String body = line.endsWith(suffix) ? line.substring(0, line.length() - suffix.length()) + "}" : "";
            if (!sha256(body.getBytes(StandardCharsets.UTF_8)).equals(claimed)) {
                return new Verification(verified, Optional.of(where(lineNo, id)
                        + "was edited: its content no longer matches its sha256"), tail);
            }
            long seq = entry.path("seq").asLong();
            if (seq != verified + 1) {
                int at = lineOfSeq(lines, verified + 1);
                String what = at > 0 ? "out of order: seq " + (verified + 1) + " stands later, at line " + at
                        + " (entries were reordered)"
                        : seq > verified + 1 ? (seq - verified - 1) + " entr" + (seq - verified - 1 == 1 ? "y" : "ies")
                        + " before it (seq " + (verified + 1) + (seq - verified > 2 ? "-" + (seq - 1) : "") + ") removed"
                        : "out of order (seq " + seq + " after " + verified + ")";
                return new Verification(verified, Optional.of(where(lineNo, id) + "has seq " + seq + ": " + what), tail);
            }
            if (!entry.path("prevSha256").asText().equals(previous)) {
                return new Verification(verified, Optional.of(where(lineNo, id)
                        + "does not chain to the entry before it (prevSha256 differs): entries were removed or reordered"), tail);
            }
            previous = claimed;
            verified++;
        }
        return new Verification(verified, Optional.empty(), tail);
    }

    /** The complete lines: a blank line is kept, so verify and append judge it alike. */
    private static String[] lines(byte[] bytes, int end) {
        if (end == 0) {
            return new String[0];
        }
        return new String(bytes, 0, end - 1, StandardCharsets.UTF_8).split("\n", -1);
    }

    /** The entry with that decision id, as stored. */
    public Optional<JsonNode> find(String decisionId) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = lastCompleteLineEnd(bytes);
        for (String line : lines(bytes, end)) {
            try {
                JsonNode entry = JSON.readTree(line);
                if (entry != null && decisionId.equals(entry.path("decisionId").asText())) {
                    return Optional.of(entry);
                }
            } catch (JsonProcessingException e) {
                // a damaged line is verify's business; keep looking
            }
        }
        return Optional.empty();
    }

    private static int lineOfSeq(String[] lines, long seq) {
        for (int i = 0; i < lines.length; i++) {
            try {
                JsonNode entry = JSON.readTree(lines[i]);
                if (entry != null && entry.path("seq").asLong(-1) == seq) {
                    return i + 1;
                }
            } catch (JsonProcessingException e) {
                // not an entry: cannot be the one sought
            }
        }
        return -1;
    }

    /** The entry line: its body with the hash of that body as the last member. */
    private static String withHash(String body, String sha) {
        return body.substring(0, body.length() - 1) + ",\"sha256\":\"" + sha + "\"}";
    }

    private static String where(int line, String id) {
        return "line " + line + (id == null || id.isEmpty() ? "" : " (decision " + id + ")") + " ";
    }

    private record Last(long seq, String sha256) {
    }

    /** The last complete entry before {@code end}, read from the end of the file only. */
    private static Last lastEntry(FileChannel channel, long end) throws IOException {
        if (end == 0) {
            return new Last(0, GENESIS);
        }
        long start = previousNewline(channel, end - 1) + 1;
        ByteBuffer line = ByteBuffer.allocate((int) (end - 1 - start));
        channel.read(line, start);
        JsonNode last;
        try {
            last = JSON.readTree(new String(line.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException("the log's last entry is not valid JSON; run 'ladder log verify' (refusing to append)");
        }
        if (last == null || !last.hasNonNull("sha256") || !last.hasNonNull("seq")) {
            throw new IOException("the log's last line is not a log entry; run 'ladder log verify' (refusing to append)");
        }
        return new Last(last.get("seq").asLong(), last.get("sha256").asText());
    }

    /** The end of the last complete line: everything after it is an interrupted write. */
    private static long completeEnd(FileChannel channel, long size) throws IOException {
        return previousNewline(channel, size) + 1;
    }

    /** Position of the last newline before {@code before}, or -1; reads backwards in blocks. */
    private static long previousNewline(FileChannel channel, long before) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        long position = before;
        while (position > 0) {
            int length = (int) Math.min(block.capacity(), position);
            block.clear().limit(length);
            channel.read(block, position - length);
            for (int i = length - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return position - length + i;
                }
            }
            position -= length;
        }
        return -1;
    }

    /** Length of the prefix that ends with a newline: everything after it is an interrupted write. */
    private static int lastCompleteLineEnd(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Every entry id in order, for listings. */
    public List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(file);
        for (String line : lines(bytes, lastCompleteLineEnd(bytes))) {
            try {
                JsonNode entry = JSON.readTree(line);
                if (entry != null) {
                    ids.add(entry.path("decisionId").asText());
                }
            } catch (JsonProcessingException e) {
                ids.add("?");
            }
        }
        return ids;
    }
}
