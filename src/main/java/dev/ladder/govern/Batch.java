package dev.ladder.govern;

import dev.ladder.Advisor;
import dev.ladder.Decision;
import dev.ladder.LadderException;
import dev.ladder.Problem;
import dev.ladder.model.Scenario;
import dev.ladder.read.ScenarioReader;
import dev.ladder.report.DecisionJson;
import dev.ladder.support.BoundedLines;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Decides a JSON Lines file of scenarios, one per line, and streams the records as JSON Lines
 * (UTF-8) in input order; each record is written out to bytes on the core that decided it. Chunks of lines are decided on every core; only a few chunks are in flight at a
 * time, so memory stays flat however long the file.
 */
public final class Batch {
    /** What to do with a line that is not a valid scenario. */
    public enum OnError {
        /** Check every line first; any bad line fails the run before a record is written. */
        FAIL,
        /** Report each bad line, decide the rest, and fail the run at the end. */
        SKIP
    }

    /** Counts of a finished run; {@code problems} lists the bad lines. */
    public record Summary(long decided, long skipped, List<Problem> problems) {
    }

    private static final int CHUNK = 32;
    private static final int MAX_REPORTED = 1000;

    private final Advisor advisor;
    private final int workers;
    private final DecisionLog log;

    public Batch(Advisor advisor, int workers) {
        this(advisor, workers, null);
    }

    private Batch(Advisor advisor, int workers, DecisionLog log) {
        this.advisor = advisor;
        this.workers = Math.max(1, workers);
        this.log = log;
    }

    /**
     * This batch, appending its decisions to {@code log}: each chunk of records is logged in one
     * append before it is printed, so every record printed is in the log; a log that cannot take
     * a chunk ends the run ({@link LadderException.Unwritable}) with what was printed logged.
     */
    public Batch loggingTo(DecisionLog log) {
        return new Batch(advisor, workers, log);
    }

    /**
     * Runs the batch. With {@link OnError#FAIL} a bad line throws before anything is written; with
     * {@link OnError#SKIP} each bad line goes to {@code reportSkipped} and is counted.
     */
    public Summary run(Path file, OutputStream out, OnError onError, Consumer<Problem> reportSkipped)
            throws LadderException, IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "ladder-batch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            if (onError == OnError.FAIL) {
                List<Problem> problems = new ArrayList<>();
                pipeline(file, pool, chunk -> check(file, chunk), result -> problems.addAll(result.problems));
                if (!problems.isEmpty()) {
                    throw new LadderException.BadInput(problems);
                }
            }
            long[] counts = new long[2];
            List<Problem> skipped = new ArrayList<>();
            pipeline(file, pool, chunk -> decide(file, chunk), result -> {
                if (log != null && !result.decisions.isEmpty()) {
                    try {
                        log.appendAll(result.decisions, repaired -> { });
                    } catch (IOException e) {
                        throw new Unlogged(log.unwritable(e));
                    }
                }
                for (byte[] line : result.lines) {
                    out.write(line);
                }
                counts[0] += result.lines.size();
                counts[1] += result.problems.size();
                for (Problem p : result.problems) {
                    reportSkipped.accept(p);
                    if (skipped.size() < MAX_REPORTED) {
                        skipped.add(p);
                    }
                }
            });
            out.flush();
            return new Summary(counts[0], counts[1], skipped);
        } catch (Unlogged e) {
            out.flush();
            throw e.cause;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Line(long number, byte[] bytes, boolean tooLong) {
    }

    /** A chunk the log would not take: the run stops with it. */
    private static final class Unlogged extends IOException {
        final LadderException.Unwritable cause;

        Unlogged(LadderException.Unwritable cause) {
            super(cause.getMessage(), cause);
            this.cause = cause;
        }
    }

    private record Result(List<byte[]> lines, List<Decision> decisions, List<Problem> problems) {
    }

    private interface Work {
        Result apply(List<Line> chunk) throws LadderException;
    }

    private interface Sink {
        void accept(Result result) throws IOException;
    }

    /** Reads chunks, works on them in parallel and hands results to the sink in input order. */
    private void pipeline(Path file, ExecutorService pool, Work work, Sink sink) throws LadderException, IOException {
        Deque<Future<Result>> inFlight = new ArrayDeque<>();
        try (BoundedLines lines = open(file)) {
            List<Line> chunk = new ArrayList<>(CHUNK);
            for (BoundedLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.tooLong() || !blank(line.bytes())) {
                    chunk.add(new Line(line.number(), line.bytes(), line.tooLong()));
                }
                if (chunk.size() == CHUNK) {
                    submit(pool, work, chunk, inFlight, sink);
                    chunk = new ArrayList<>(CHUNK);
                }
            }
            if (!chunk.isEmpty()) {
                submit(pool, work, chunk, inFlight, sink);
            }
            while (!inFlight.isEmpty()) {
                sink.accept(await(inFlight.poll()));
            }
        }
    }

    private void submit(ExecutorService pool, Work work, List<Line> chunk, Deque<Future<Result>> inFlight, Sink sink)
            throws LadderException, IOException {
        List<Line> lines = chunk;
        inFlight.add(pool.submit(() -> work.apply(lines)));
        while (inFlight.size() > 2 * workers) {
            sink.accept(await(inFlight.poll()));
        }
    }

    private static Result await(Future<Result> future) throws LadderException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deciding a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LadderException ladder) {
                throw ladder;
            }
            throw new IllegalStateException("deciding a batch failed", e.getCause());
        }
    }

    private Result check(Path file, List<Line> chunk) {
        List<Problem> problems = new ArrayList<>();
        for (Line line : chunk) {
            try {
                parse(file, line);
            } catch (LadderException.BadInput bad) {
                problems.addAll(bad.problems());
            }
        }
        return new Result(List.of(), List.of(), problems);
    }

    private Result decide(Path file, List<Line> chunk) throws LadderException {
        List<byte[]> lines = new ArrayList<>(chunk.size());
        List<Decision> decisions = new ArrayList<>(log == null ? 0 : chunk.size());
        List<Problem> problems = new ArrayList<>();
        for (Line line : chunk) {
            Scenario scenario;
            try {
                scenario = parse(file, line);
            } catch (LadderException.BadInput bad) {
                problems.addAll(bad.problems());
                continue;
            }
            Decision decision = advisor.decide(scenario, file + ":" + line.number());
            if (log != null) {
                decisions.add(decision);
            }
            lines.add(DecisionJson.lineBytes(decision));
        }
        return new Result(lines, decisions, problems);
    }

    /** A line as a scenario; problems name the batch file and line, and the column within it. */
    private static Scenario parse(Path file, Line line) throws LadderException.BadInput {
        if (line.tooLong()) {
            throw new LadderException.BadInput(new Problem(file.toString(), (int) line.number(), 1, null,
                    "is longer than " + ScenarioReader.MAX_FILE_BYTES + " bytes (expected one scenario per line, at most "
                            + ScenarioReader.MAX_FILE_BYTES + " bytes)"));
        }
        try {
            return ScenarioReader.parse("line.json", line.bytes());
        } catch (LadderException.BadInput bad) {
            List<Problem> located = bad.problems().stream().map(p -> new Problem(file.toString(), (int) line.number(),
                    p.line() <= 1 ? Math.max(p.column(), 1) : 1, p.field(), p.message())).toList();
            throw new LadderException.BadInput(located);
        }
    }

    private static boolean blank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The file's lines as bytes, each bounded: a bad or huge line is that line's problem alone. */
    private static BoundedLines open(Path file) throws LadderException.BadInput, IOException {
        if (Files.isDirectory(file)) {
            throw new LadderException.BadInput(Problem.ofFile(file.toString(), "is a directory (expected a .jsonl file)"));
        }
        try {
            return new BoundedLines(Files.newInputStream(file), (int) ScenarioReader.MAX_FILE_BYTES);
        } catch (NoSuchFileException e) {
            throw new LadderException.BadInput(Problem.ofFile(file.toString(), "no such file"));
        }
    }
}
