package dev.ladder.govern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.Decision;
import dev.ladder.report.DecisionJson;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A decision log kept in a PostgreSQL table, for several service replicas sharing one chain.
 * Each row holds the same signed line a log file would; an append takes the table's lock for its
 * transaction, reads the last entry, checks it, and inserts the next ones, so concurrent appends
 * from any number of processes queue and the chain never forks (and {@code seq} is the primary
 * key besides). The table is created and migrated by Flyway on first use.
 */
final class PostgresStorage implements LogStorage {
    static final String PREFIX = "jdbc:postgresql:";
    private static final int FETCH = 256;

    private final String url;
    private Connection appending;

    private PostgresStorage(String url) {
        this.url = url;
    }

    /** The log at {@code url}, its schema migrated to this version. */
    static PostgresStorage open(String url) throws IOException {
        PostgresStorage storage = new PostgresStorage(url);
        try {
            Flyway.configure().dataSource(url, null, null).locations("classpath:ladder/db/migration")
                    .table("ladder_schema_history").load().migrate();
        } catch (FlywayException e) {
            throw new IOException(storage.name() + ": cannot prepare the decision log table: " + rootMessage(e), e);
        }
        return storage;
    }

    @Override
    public String name() {
        return DecisionLog.nameOf(url);
    }

    @Override
    public Optional<List<String>> newest(DecisionLog.Query query) throws IOException {
        StringBuilder sql = new StringBuilder("SELECT line FROM decision_log WHERE TRUE");
        List<Object> values = new ArrayList<>();
        if (query.scenario() != null) {
            sql.append(" AND scenario = ?");
            values.add(query.scenario());
        }
        if (query.approach() != null) {
            sql.append(" AND approach = ?");
            values.add(query.approach());
        }
        if (query.since() != null) {
            sql.append(" AND decided_at >= ?");
            values.add(Timestamp.from(query.since()));
        }
        if (query.beforeSeq() > 0) {
            sql.append(" AND seq < ?");
            values.add(query.beforeSeq());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        values.add(query.limit());
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return Optional.of(lines);
        } catch (SQLException e) {
            throw failure("cannot read", e);
        }
    }

    @Override
    public Optional<Optional<String>> line(String decisionId) throws IOException {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement select = connection.prepareStatement("SELECT line FROM decision_log WHERE decision_id = ?")) {
            select.setString(1, decisionId);
            try (ResultSet row = select.executeQuery()) {
                return Optional.of(row.next() ? Optional.of(row.getString(1)) : Optional.empty());
            }
        } catch (SQLException e) {
            throw failure("cannot read", e);
        }
    }

    @Override
    public void probe() throws IOException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement query = connection.createStatement()) {
            query.execute("SELECT 1 FROM decision_log LIMIT 1");
        } catch (SQLException e) {
            throw failure("cannot reach", e);
        }
    }

    @Override
    public InputStream read() throws IOException {
        try {
            Connection connection = DriverManager.getConnection(url);
            connection.setAutoCommit(false);   // a cursor: rows stream in batches, not all at once
            PreparedStatement query = connection.prepareStatement("SELECT line FROM decision_log ORDER BY seq");
            query.setFetchSize(FETCH);
            return new Rows(connection, query.executeQuery());
        } catch (SQLException e) {
            throw failure("cannot read", e);
        }
    }

    @Override
    public synchronized List<DecisionLog.Entry> append(List<Decision> decisions, LogKey signer,
                                                      Consumer<String> repaired) throws IOException {
        try {
            return appendOnce(decisions, signer);
        } catch (SQLException first) {
            close();   // a broken connection: one fresh try; the transaction rolled back, so nothing is doubled
            try {
                return appendOnce(decisions, signer);
            } catch (SQLException e) {
                close();
                throw failure("cannot append to", e);
            }
        }
    }

    private List<DecisionLog.Entry> appendOnce(List<Decision> decisions, LogKey signer) throws SQLException, IOException {
        Connection connection = connection();
        try {
            try (Statement lock = connection.createStatement()) {
                lock.execute("LOCK TABLE decision_log IN SHARE ROW EXCLUSIVE MODE");
            }
            long seq = 0;
            String previous = DecisionLog.GENESIS;
            try (Statement last = connection.createStatement();
                 ResultSet row = last.executeQuery("SELECT seq, line FROM decision_log ORDER BY seq DESC LIMIT 1")) {
                if (row.next()) {
                    byte[] line = row.getString(2).getBytes(StandardCharsets.UTF_8);
                    Optional<JsonNode> entry = DecisionLog.parse(line);
                    Optional<String> wrong = entry.isEmpty() ? Optional.of("is not a log entry")
                            : DecisionLog.selfCheck(line, entry.get());
                    if (wrong.isPresent() || entry.get().path("seq").asLong() != row.getLong(1)) {
                        throw new IOException(name() + ": the last entry " + wrong.orElse("has another seq than its row")
                                + "; run 'ladder log verify' (refusing to append)");
                    }
                    seq = row.getLong(1);
                    previous = entry.get().path("sha256").asText();
                }
            }
            List<DecisionLog.Entry> entries = new ArrayList<>();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO decision_log"
                    + " (seq, decision_id, scenario, approach, decided_at, sha256, line) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Decision decision : decisions) {
                    seq++;
                    DecisionLog.SignedLine signed = DecisionLog.SignedLine.of(seq, decision.decisionId(), previous,
                            DecisionJson.mapper().valueToTree(decision), signer);
                    insert.setLong(1, seq);
                    insert.setString(2, decision.decisionId());
                    insert.setString(3, decision.scenario());
                    insert.setString(4, decision.recommendation().approach());
                    insert.setTimestamp(5, Timestamp.from(Instant.parse(decision.decidedAt())));
                    insert.setString(6, signed.sha256());
                    insert.setString(7, signed.text());
                    insert.addBatch();
                    entries.add(new DecisionLog.Entry(seq, decision.decisionId(), previous, signed.sha256()));
                    previous = signed.sha256();
                }
                insert.executeBatch();
            }
            connection.commit();
            return entries;
        } catch (SQLException | IOException | RuntimeException e) {
            rollback(connection);
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (appending == null || appending.isClosed()) {
            appending = DriverManager.getConnection(url);
            appending.setAutoCommit(false);
        }
        return appending;
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is gone; so is its transaction
        }
    }

    private synchronized void close() {
        try {
            if (appending != null) {
                appending.close();
            }
        } catch (SQLException e) {
            // closing is all that was asked
        }
        appending = null;
    }

    private IOException failure(String what, SQLException e) {
        return new IOException(what + " the decision log at " + name() + ": " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The rows' lines as one stream of LF-terminated lines, fetched a batch at a time. */
    private static final class Rows extends InputStream {
        private final Connection connection;
        private final ResultSet rows;
        private byte[] current = new byte[0];
        private int position;

        Rows(Connection connection, ResultSet rows) {
            this.connection = connection;
            this.rows = rows;
        }

        private boolean fill() throws IOException {
            while (position >= current.length) {
                try {
                    if (!rows.next()) {
                        return false;
                    }
                    current = (rows.getString(1) + "\n").getBytes(StandardCharsets.UTF_8);
                    position = 0;
                } catch (SQLException e) {
                    throw new IOException("cannot read the decision log: " + e.getMessage(), e);
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? current[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }
}
