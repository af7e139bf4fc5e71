"""The versioned schemas: a list of steps per backend, step N bringing version N-1 to N (`database.migrate`).
Append a step to change a schema; never edit a step that has shipped."""

from __future__ import annotations

# The SQLite state file (`state.path`): what the query log file and the staff sessions file do not hold already.
SQLITE_STEPS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE state_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE entries (scope TEXT NOT NULL, key TEXT NOT NULL, owner INTEGER, value TEXT NOT NULL, "
        "expires REAL NOT NULL, PRIMARY KEY (scope, key))",
        "CREATE INDEX entries_expires ON entries (expires)",
        "CREATE TABLE rate_events (key TEXT NOT NULL, at REAL NOT NULL, expires REAL NOT NULL)",
        "CREATE INDEX rate_events_key ON rate_events (key, at)",
        "CREATE INDEX rate_events_expires ON rate_events (expires)",
    ),
)

# PostgreSQL: everything in one database. The query log's rows are those of the SQLite query log (ts as fixed-width
# UTC text, so text order is time order); ids come from an identity and are never reused.
RATE_ACQUIRE = """
CREATE FUNCTION iqa_rate_acquire(event_key TEXT, lim INTEGER, expiry DOUBLE PRECISION, amount INTEGER,
                                 at_now DOUBLE PRECISION) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
    held INTEGER;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('rate:' || event_key, 0));
    SELECT count(*) INTO held FROM rate_events WHERE key = event_key AND at >= at_now - expiry;
    IF held + amount > lim THEN
        RETURN FALSE;
    END IF;
    INSERT INTO rate_events (key, at, expires) SELECT event_key, at_now, at_now + expiry FROM generate_series(1, amount);
    RETURN TRUE;
END
$$"""

POSTGRES_STEPS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE state_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE entries (scope TEXT NOT NULL, key TEXT NOT NULL, owner BIGINT, value TEXT NOT NULL, "
        "expires DOUBLE PRECISION NOT NULL, PRIMARY KEY (scope, key))",
        "CREATE INDEX entries_expires ON entries (expires)",
        "CREATE TABLE rate_events (key TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, "
        "expires DOUBLE PRECISION NOT NULL)",
        "CREATE INDEX rate_events_key ON rate_events (key, at)",
        "CREATE INDEX rate_events_expires ON rate_events (expires)",
        RATE_ACQUIRE,
        "CREATE TABLE staff_sessions (id_hash TEXT PRIMARY KEY, expires DOUBLE PRECISION NOT NULL)",
        "CREATE TABLE queries (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ts TEXT NOT NULL, "
        "chat_type TEXT NOT NULL, user_hash TEXT, question TEXT NOT NULL, "
        "answered INTEGER NOT NULL CHECK (answered IN (0, 1)), passage_ids TEXT NOT NULL DEFAULT '[]', "
        "bureau TEXT, feedback INTEGER CHECK (feedback IN (-1, 1)))",
        "CREATE INDEX queries_ts ON queries (ts)",
    ),
)
