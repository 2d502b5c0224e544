package dev.ladder.serve;

import dev.ladder.Decision;
import dev.ladder.govern.DecisionLog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Appends the service's decisions to its log by group commit: one writer thread takes every
 * decision waiting and appends them in one {@link DecisionLog#appendAll} (one lock, one write, one
 * sync), so concurrent requests share the cost of durability. A request is answered only once
 * its decision is in the log; when an append fails, every decision in it fails, and none is
 * answered.
 */
final class LogWriter implements AutoCloseable {
    /** The most decisions one append takes. */
    static final int MAX_GROUP = 256;

    private record Pending(Decision decision, CompletableFuture<DecisionLog.Entry> logged) {
    }

    /** Put last on the queue by {@link #close}: the writer appends what came before it, then stops. */
    private static final Pending STOP = new Pending(null, null);

    private final DecisionLog log;
    private final Consumer<String> out;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    LogWriter(DecisionLog log, Consumer<String> out) {
        this.log = log;
        this.out = out;
        this.writer = new Thread(this::write, "ladder-log-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Appends {@code decision}, waiting until it is in the log. */
    DecisionLog.Entry append(Decision decision) throws IOException {
        CompletableFuture<DecisionLog.Entry> logged = new CompletableFuture<>();
        if (closed) {
            throw new IOException("the service is stopping");
        }
        queue.add(new Pending(decision, logged));
        try {
            return logged.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while logging", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the log did not take the decision within 60 s", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private void write() {
        List<Pending> group = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue;   // only close() stops the writer, and only after what was queued is logged
            }
            queue.drainTo(group, MAX_GROUP - 1);
            stopping = group.remove(STOP);
            if (group.isEmpty()) {
                continue;
            }
            try {
                List<DecisionLog.Entry> entries = log.appendAll(group.stream().map(Pending::decision).toList(), out);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).logged().complete(entries.get(i));
                }
            } catch (IOException | RuntimeException e) {
                group.forEach(pending -> pending.logged().completeExceptionally(e));
            }
            group.clear();
        }
        queue.forEach(pending -> pending.logged().completeExceptionally(new IOException("the service stopped")));
    }

    @Override
    public void close() {
        closed = true;
        queue.add(STOP);   // not an interrupt: that would close the log's file channel in mid-append
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
