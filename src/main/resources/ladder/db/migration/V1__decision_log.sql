-- The decision log: one row per entry, each holding the very line a log file would hold, so the
-- same verifier checks both. seq is the primary key: two appends can never fork the chain.
CREATE TABLE decision_log (
    seq         BIGINT      PRIMARY KEY CHECK (seq > 0),
    decision_id TEXT        NOT NULL UNIQUE,
    scenario    TEXT        NOT NULL,
    approach    TEXT        NOT NULL,
    decided_at  TIMESTAMPTZ NOT NULL,
    sha256      CHAR(64)    NOT NULL,
    line        TEXT        NOT NULL
);
CREATE INDEX decision_log_by_scenario ON decision_log (scenario, seq DESC);
CREATE INDEX decision_log_by_approach ON decision_log (approach, seq DESC);
CREATE INDEX decision_log_by_time ON decision_log (decided_at, seq DESC);
