package dev.ladder.govern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.Decision;
import dev.ladder.report.DecisionJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * A decision log kept in a JSON Lines file. Appends take an exclusive lock on the file, so
 * processes appending at once never interleave, and write all their lines in one write. A line
 * cut short by a crash is moved aside by the next append, which says where; a whole last entry
 * without its newline is kept; a last entry that no longer matches its hash refuses appends.
 */
final class FileStorage implements LogStorage {
    private static final ConcurrentMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;

    FileStorage(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public void probe() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.exists(file) ? !Files.isReadable(file) || !Files.isWritable(file) : !Files.isWritable(dir)) {
            throw new IOException(file + " cannot be read and appended to");
        }
    }

    @Override
    public InputStream read() throws IOException {
        return Files.newInputStream(file);
    }

    /** Appends under an exclusive lock on the file, in one write. */
    @Override
    public List<DecisionLog.Entry> append(List<Decision> decisions, LogKey signer, Consumer<String> repaired)
            throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        // A file lock guards against other processes; within this one, threads queue on the path.
        Path lockKey = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
        synchronized (IN_PROCESS.computeIfAbsent(lockKey, k -> new Object())) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return appendLocked(channel, decisions, signer, repaired);
            }
        }
    }

    private List<DecisionLog.Entry> appendLocked(FileChannel channel, List<Decision> decisions, LogKey signer,
                                     Consumer<String> repaired) throws IOException {
        long size = channel.size();
        long end = previousNewline(channel, size) + 1;
        Last last;
        boolean newlineMissing = false;
        if (end < size) {
            Optional<JsonNode> tail = size - end <= DecisionLog.MAX_LINE_BYTES ? DecisionLog.parse(read(channel, end, size)) : Optional.empty();
            if (tail.isPresent() && tail.get().has("sha256")) {
                // a whole entry without its newline: keep it, after checking it is what it says
                last = checkedLast(read(channel, end, size));
                newlineMissing = true;
            } else if (size - end > DecisionLog.MAX_LINE_BYTES) {
                throw new IOException(file + ": the last line is longer than any entry and has no newline; it is not"
                        + " an interrupted write. Run 'ladder log verify' (refusing to append)");
            } else {
                last = lastEntry(channel, end);
                Path aside = setAside(read(channel, end, size));
                channel.truncate(end);
                repaired.accept(file + ": moved an incomplete last line (" + (size - end)
                        + " bytes from an interrupted write) to " + aside + " before appending");
                size = end;
            }
        } else {
            last = lastEntry(channel, end);
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        if (newlineMissing) {
            lines.write('\n');
        }
        List<DecisionLog.Entry> entries = new ArrayList<>();
        for (Decision decision : decisions) {
            DecisionLog.SignedLine signed = DecisionLog.SignedLine.of(last.seq + 1, decision.decisionId(), last.sha256,
                    DecisionJson.mapper().valueToTree(decision), signer);
            byte[] line = (signed.text() + "\n").getBytes(StandardCharsets.UTF_8);
            if (line.length > DecisionLog.MAX_LINE_BYTES) {
                throw new IOException("the record of " + decision.scenario() + " is over " + (DecisionLog.MAX_LINE_BYTES >> 20)
                        + " MiB: too long for one log entry");
            }
            lines.write(line);
            entries.add(new DecisionLog.Entry(last.seq + 1, decision.decisionId(), last.sha256, signed.sha256()));
            last = new Last(last.seq + 1, signed.sha256());
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
        long position = size;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(true);
        return entries;
    }

    /** Keeps the bytes of an interrupted write beside the log rather than deleting them. */
    private Path setAside(byte[] bytes) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".incomplete-" + System.currentTimeMillis());
        Files.write(aside, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return aside;
    }

    private static byte[] read(FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
        while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
            // keep reading
        }
        return buffer.array();
    }

    private record Last(long seq, String sha256) {
    }

    /** The last complete entry before {@code end}, read from the end of the file only. */
    private Last lastEntry(FileChannel channel, long end) throws IOException {
        if (end == 0) {
            return new Last(0, DecisionLog.GENESIS);
        }
        long start = previousNewline(channel, end - 1) + 1;
        if (end - 1 - start > DecisionLog.MAX_LINE_BYTES) {
            throw new IOException(file + ": the last line is not a log entry (too long); run 'ladder log verify' (refusing to append)");
        }
        return checkedLast(read(channel, start, end - 1));
    }

    /** The entry on {@code line}, when it still matches its own hash and signature. */
    private Last checkedLast(byte[] line) throws IOException {
        Optional<JsonNode> parsed = DecisionLog.parse(line);
        if (parsed.isEmpty() || !parsed.get().hasNonNull("sha256") || !parsed.get().hasNonNull("seq")) {
            throw new IOException(file + ": the last line is not a log entry; run 'ladder log verify' (refusing to append)");
        }
        Optional<String> wrong = DecisionLog.selfCheck(line, parsed.get());
        if (wrong.isPresent()) {
            throw new IOException(file + ": the last entry " + wrong.get() + "; run 'ladder log verify' (refusing to append)");
        }
        return new Last(parsed.get().get("seq").asLong(), parsed.get().get("sha256").asText());
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

}
