"""`StateStore`: the one interface to the state front ends keep between requests, and its backends.

- `SqliteState` (the default, embedded): the query log and the staff sessions in their files as before
  (`query_log.path`, `web.staff_sessions`), the rest in `state.path` (answer keys, a chosen bureau, conversation
  contexts, rate-limit events, the index generation); the one poller held by a file lock.
- `PostgresState` (`INTERVIEW_QA_DATABASE_URL` or `state.url`): everything in one database that any number of
  `serve` replicas share; the one poller held by a session advisory lock (released when its process ends).
- `MemoryState` (bot.state.base): this process only (the conversation's default in tests).

What each part promises is checked on both databases by the same tests (tests/test_state_contract.py)."""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.state.base import MemoryState, PollerBusyError, StateStore, bot_id_of, poller_refusal
from bot.state.database import Database, PostgresDatabase, SqliteDatabase, StateError, Tx, migrate
from bot.state.entries import SqlEntries
from bot.state.ratelimits import SqlRateStorage
from bot.state.schema import POSTGRES_STEPS, SQLITE_STEPS
from bot.web.sessions import open_session_store

if TYPE_CHECKING:
    from bot.config import AppConfig, QueryLogConfig, StateConfig
    from bot.conversation.conversation import QueryRecorder
    from bot.report import Source

__all__ = ["MemoryState", "PollerBusyError", "PostgresState", "SqliteState", "StateStore", "bot_id_of",
           "open_state"]

log = logging.getLogger("interview_qa.state")
Clock = Callable[[], float]
POLLER_LOCK = "interview-qa telegram poller "


class _SqlState(StateStore):
    """What the two databases share: the entries, the rate-limit events and the generation in their tables."""

    db: Database

    def _use(self, db: Database, steps: Any, name: str, clock: Clock) -> None:
        self.db = db
        try:
            migrate(db, steps, name)
        except BaseException:
            db.close()
            raise
        self.entries = SqlEntries(db, clock)
        self.rate_storage = SqlRateStorage(db, clock)

    def generation(self) -> int:
        row = self.db.transaction(lambda tx: tx.one("SELECT value FROM state_meta WHERE key = 'generation'"),
                                  write=False)
        return int(row[0]) if row else 0

    def bump_generation(self) -> int:
        def work(tx: Tx) -> int:
            row = tx.one("INSERT INTO state_meta (key, value) VALUES ('generation', '1') ON CONFLICT (key) DO UPDATE "
                         "SET value = CAST(CAST(state_meta.value AS INTEGER) + 1 AS TEXT) RETURNING value")
            return int(row[0]) if row else 0

        return self.db.transaction(work)


class SqliteState(_SqlState):
    """The default: SQLite files on this machine (processes that open the same files share them)."""

    kind = "sqlite"

    def __init__(self, path: Path, sessions_path: Path, answer_ttl_s: float = 48 * 3600.0,
                 context_ttl_s: float = 1800.0, clock: Clock = time.time) -> None:
        super().__init__(answer_ttl_s, context_ttl_s)
        self.path = path
        self._use(SqliteDatabase(path), SQLITE_STEPS, str(path), clock)
        self.sessions = open_session_store(sessions_path, clock)
        self._poller: Any = None

    def open_query_log(self, config: QueryLogConfig, environ: Mapping[str, str] | None = None
                       ) -> QueryRecorder | None:
        from bot.querylog import QueryLog

        return QueryLog.open(config, environ=environ)

    def log_source(self, config: QueryLogConfig) -> Source | None:
        return config.path if config.path.exists() else None

    def hold_poller(self, bot_id: str) -> None:
        from filelock import FileLock, Timeout

        if self._poller is not None:
            return
        lock = FileLock(str(self.path) + f".poller-{bot_id}.lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise poller_refusal(bot_id, str(self.path)) from None
        self._poller = lock

    def describe(self) -> str:
        return f"sqlite ({self.path})"

    def close(self) -> None:
        if self._poller is not None:
            self._poller.release()
            self._poller = None
        self.sessions.close()
        self.db.close()


class PostgresState(_SqlState):
    """Everything in one PostgreSQL database, shared by replicas."""

    kind = "postgresql"
    db: PostgresDatabase

    def __init__(self, url: str, pool_size: int = 10, answer_ttl_s: float = 48 * 3600.0,
                 context_ttl_s: float = 1800.0, clock: Clock = time.time) -> None:
        from bot.state.postgres_log import PostgresSessionStore

        super().__init__(answer_ttl_s, context_ttl_s)
        database = PostgresDatabase(url, pool_size)
        self._use(database, POSTGRES_STEPS, database.shown, clock)
        self.sessions = PostgresSessionStore(database, clock)
        self._poller: Any = None

    def open_query_log(self, config: QueryLogConfig, environ: Mapping[str, str] | None = None
                       ) -> QueryRecorder | None:
        from bot.querylog import read_salt
        from bot.state.postgres_log import PostgresQueryLog

        if not config.enabled:
            return None
        return PostgresQueryLog(self.db, read_salt(config.salt_env, environ), config.retention_days)

    def log_source(self, config: QueryLogConfig) -> Source | None:
        row = self.db.transaction(lambda tx: tx.one("SELECT EXISTS (SELECT 1 FROM queries)"), write=False)
        return _SharedLog(self.db) if config.enabled or (row and row[0]) else None

    def hold_poller(self, bot_id: str) -> None:
        if self._poller is not None:
            return
        import psycopg

        conn = self.db.connect()
        key = zlib.crc32((POLLER_LOCK + bot_id).encode())
        try:
            held = conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (0x1C0A, key - (1 << 31))).fetchone()
        except psycopg.Error as error:
            conn.close()
            raise StateError(f"state database {self.db.shown}: {str(error).strip().splitlines()[0]}") from None
        if not held or not held[0]:
            conn.close()
            raise poller_refusal(bot_id, self.db.shown)
        self._poller = conn  # the lock lives as long as this connection

    def describe(self) -> str:
        return f"postgresql ({self.db.shown})"

    def close(self) -> None:
        if self._poller is not None:
            self._poller.close()
            self._poller = None
        self.db.close()


class _SharedLog:
    """The query log of every replica, as the report reads it."""

    def __init__(self, db: PostgresDatabase) -> None:
        self.db = db
        self.path = db.shown

    def connect_reader(self) -> Any:
        return self.db.connect()


def open_state(config: AppConfig) -> StateStore:
    """PostgreSQL when a database URL is set (INTERVIEW_QA_DATABASE_URL or state.url), else the SQLite files."""
    return open_state_for(config.state, config.web.staff_sessions, config.database_url)


def open_state_for(state: StateConfig, sessions_path: Path, url: str | None) -> StateStore:
    answer_ttl = state.answer_hours * 3600  # contexts: each put says how long (conversation.context_minutes)
    if url:
        store: StateStore = PostgresState(url, state.pool_size, answer_ttl)
    else:
        store = SqliteState(state.path, sessions_path, answer_ttl)
    log.info("state: %s", store.describe())
    return store
