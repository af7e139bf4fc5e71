"""The query log and the staff sessions in PostgreSQL, for replicas: the same rows and rules as the SQLite query
log (bot.querylog: the salted user hash, the normalised question, the asker's feedback only, retention, ids never
reused) and the same session records as bot.web.sessions, in tables of the shared state database."""

from __future__ import annotations

import logging
import secrets
import threading
from datetime import datetime, timedelta
from typing import Any

from bot.querylog import (
    INSERT_SQL,
    MIN_SALT_CHARS,
    Clock,
    QueryLogSaltError,
    format_ts,
    hash_user,
    log_row,
    summarize,
    utc_now,
)
from bot.state.database import PostgresDatabase, StateError, Tx
from bot.web.sessions import SessionClock, digest
from index.errors import ConfigError
from index.records import SearchResult

log = logging.getLogger("interview_qa.state")


class PostgresQueryLog:
    """The query log of one process in the shared database; share one instance between threads and tasks."""

    def __init__(self, db: PostgresDatabase, salt: str, retention_days: int = 90, *, clock: Clock = utc_now,
                 purge_every: int = 1000, purge_interval: timedelta = timedelta(hours=1)) -> None:
        if retention_days < 0:
            raise ConfigError(f"query_log.retention_days must be >= 0 (0 keeps rows forever), not {retention_days}")
        if len(salt) < MIN_SALT_CHARS:
            raise QueryLogSaltError(f"the query log salt must be at least {MIN_SALT_CHARS} characters")
        self.db, self.retention_days = db, retention_days
        self.path = db.shown  # where it is, as the report and the log lines name it
        self._salt, self._clock = salt, clock
        self._purge_every, self._purge_interval = max(1, purge_every), purge_interval
        self._lock = threading.Lock()
        self._since_purge = 0
        self._last_purge = clock()
        self._check_salt()
        self.purge()

    def _check_salt(self) -> None:
        check = hash_user(self._salt, "interview-qa/salt-check")

        def work(tx: Tx) -> str | None:
            tx.run("INSERT INTO state_meta (key, value) VALUES ('salt_check', ?) ON CONFLICT (key) DO NOTHING",
                   (check,))
            row = tx.one("SELECT value FROM state_meta WHERE key = 'salt_check'")
            return None if row is None else str(row[0])

        if self.db.transaction(work) != check:
            log.warning("query log %s: the salt differs from the one the log was created with; older rows can no "
                        "longer be rated by their users or counted as the same users", self.path)

    def record(self, chat_type: str, user_id: int | str | None, question: str, result: SearchResult) -> int:
        row = log_row(self._salt, chat_type, user_id, question, result, self._clock())
        row_id = self.db.transaction(lambda tx: tx.one(INSERT_SQL + " RETURNING id", row))
        with self._lock:
            self._since_purge += 1
            due = (self._since_purge >= self._purge_every
                   or self._clock() - self._last_purge >= self._purge_interval)
        if due:
            self.purge()
        return int(row_id[0]) if row_id else 0

    def feedback(self, row_id: int, user_id: int | str, value: int) -> bool:
        if value not in (-1, 0, 1) or isinstance(value, bool):
            raise ValueError(f"feedback must be +1, -1 or 0, not {value!r}")
        stored = None if value == 0 else int(value)
        changed = self.db.transaction(lambda tx: tx.run(
            "UPDATE queries SET feedback = ? WHERE id = ? AND user_hash = ?",
            (stored, int(row_id), hash_user(self._salt, user_id))))
        return changed == 1

    def purge(self, now: datetime | None = None) -> int:
        moment = now or self._clock()
        with self._lock:
            self._since_purge, self._last_purge = 0, self._clock()
        if self.retention_days == 0:
            return 0
        cutoff = format_ts(moment - timedelta(days=self.retention_days))
        return self.db.transaction(lambda tx: tx.run("DELETE FROM queries WHERE ts < ?", (cutoff,)))

    def count(self) -> int:
        row = self.db.transaction(lambda tx: tx.one("SELECT COUNT(*) FROM queries"), write=False)
        return int(row[0]) if row else 0

    def summary(self, since: Any = None) -> dict[str, Any]:
        conn = self.connect_reader()
        try:
            return summarize(conn, since)
        finally:
            conn.close()

    def connect_reader(self) -> Any:
        """A connection of its own for the report (autocommit; `begin_snapshot` opens a read-only snapshot)."""
        return self.db.connect()

    def close(self) -> None:
        """The database is the store's, closed with it."""

    def __enter__(self) -> PostgresQueryLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PostgresSessionStore:
    """Staff sessions in the shared database: signing out on one replica ends the session on all of them."""

    def __init__(self, db: PostgresDatabase, clock: SessionClock) -> None:
        self.db, self.clock = db, clock

    def start(self, lifetime_s: float) -> str:
        session_id = secrets.token_urlsafe(32)
        now = self.clock()

        def work(tx: Tx) -> None:
            tx.run("DELETE FROM staff_sessions WHERE expires <= ?", (now,))
            tx.run("INSERT INTO staff_sessions (id_hash, expires) VALUES (?, ?)", (digest(session_id), now + lifetime_s))

        self.db.transaction(work)
        return session_id

    def active(self, session_id: str) -> bool:
        try:
            row = self.db.transaction(lambda tx: tx.one("SELECT expires FROM staff_sessions WHERE id_hash = ?",
                                                        (digest(session_id),)), write=False)
        except StateError as error:  # fail closed: a store that cannot be read signs no one in
            log.warning("staff sessions: cannot be read (%s)", error)
            return False
        return row is not None and float(row[0]) > self.clock()

    def end(self, session_id: str) -> None:
        self.db.transaction(lambda tx: tx.run("DELETE FROM staff_sessions WHERE id_hash = ?", (digest(session_id),)))

    def close(self) -> None:
        """The database is the store's, closed with it."""
