package dev.ladder.govern;

import dev.ladder.Decision;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a {@link DecisionLog} keeps its entries: a file ({@link FileStorage}) or a PostgreSQL
 * table ({@link PostgresStorage}). Both hold the same signed lines, so one verifier checks both.
 */
interface LogStorage {
    /** What to call it in messages: a path, or a URL without its password. */
    String name();

    /** Every entry line in order, each ending in LF: the log as a JSON Lines file would hold it. */
    InputStream read() throws IOException;

    /**
     * The entry lines {@code query} selects, newest first, when this storage can find them
     * without reading every entry (a database's indexes); empty when it cannot, and the log is
     * read through instead.
     */
    default java.util.Optional<List<String>> newest(DecisionLog.Query query) throws IOException {
        return java.util.Optional.empty();
    }

    /** The entry line of a decision, when this storage can find it directly; empty when it cannot. */
    default java.util.Optional<java.util.Optional<String>> line(String decisionId) throws IOException {
        return java.util.Optional.empty();
    }

    /** Fails unless the log can be reached now: a file's directory, a database's connection. */
    void probe() throws IOException;

    /**
     * Appends the decisions as signed entries chained to the last one, all or none, serialised
     * against every other writer; {@code repaired} hears of a damaged tail set aside first.
     */
    List<DecisionLog.Entry> append(List<Decision> decisions, LogKey signer, Consumer<String> repaired) throws IOException;
}
