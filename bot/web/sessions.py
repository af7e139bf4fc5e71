"""Staff sessions held on the server, so that signing out ends a session: the signed cookie names a session, and a
session is valid only while its record is here (checked on every request). Signing out deletes the record, so a
copy of the cookie made before is worth nothing; records expire with the cookie (`web.staff_session_hours`).

`SessionStore` is the small interface the web uses; `SqliteSessionStore` keeps the records in a SQLite file
(`web.staff_sessions`, beside the query log), so that they outlive a restart; with a state database the shared
store takes its place (bot.state.postgres_log.PostgresSessionStore, for replicas). Only a hash of each session id is stored: the file alone opens no session.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

log = logging.getLogger("interview_qa.web")
Clock = Callable[[], float]
SessionClock = Clock
_SCHEMA = "CREATE TABLE IF NOT EXISTS staff_sessions (id_hash TEXT PRIMARY KEY, expires REAL NOT NULL)"


class SessionStore(Protocol):
    def start(self, lifetime_s: float) -> str:
        """A new session, valid for `lifetime_s` seconds: its id, for the signed cookie."""

    def active(self, session_id: str) -> bool:
        """Whether the session was started here, has not expired and was not ended."""

    def end(self, session_id: str) -> None:
        """Ends the session (signing out): `active` is False from now on, in every process sharing the store."""

    def close(self) -> None: ...


def digest(session_id: str) -> str:
    """What is stored of a session id."""
    return hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()


class MemorySessionStore:
    """Sessions in this process only (when no file can be written): a restart signs everyone out."""

    def __init__(self, clock: Clock = time.time) -> None:
        self.clock = clock
        self._expires: dict[str, float] = {}
        self._lock = threading.Lock()

    def start(self, lifetime_s: float) -> str:
        session_id = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._expires = {k: v for k, v in self._expires.items() if v > now}
            self._expires[digest(session_id)] = now + lifetime_s
        return session_id

    def active(self, session_id: str) -> bool:
        with self._lock:
            return self._expires.get(digest(session_id), 0.0) > self.clock()

    def end(self, session_id: str) -> None:
        with self._lock:
            self._expires.pop(digest(session_id), None)

    def close(self) -> None:
        pass


class SqliteSessionStore:
    """Sessions in a SQLite file (WAL): every process that opens the same file sees the same sessions."""

    def __init__(self, path: Path, clock: Clock = time.time) -> None:
        self.clock = clock
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(_SCHEMA)

    def start(self, lifetime_s: float) -> str:
        session_id = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._conn.execute("DELETE FROM staff_sessions WHERE expires <= ?", (now,))
            self._conn.execute("INSERT INTO staff_sessions VALUES (?, ?)", (digest(session_id), now + lifetime_s))
        return session_id

    def active(self, session_id: str) -> bool:
        try:
            with self._lock:
                row = self._conn.execute("SELECT expires FROM staff_sessions WHERE id_hash = ?",
                                         (digest(session_id),)).fetchone()
        except sqlite3.Error as error:  # fail closed: a store that cannot be read signs no one in
            log.warning("staff sessions: cannot be read (%s)", error)
            return False
        return row is not None and row[0] > self.clock()

    def end(self, session_id: str) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM staff_sessions WHERE id_hash = ?", (digest(session_id),))

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def open_session_store(path: Path, clock: Clock = time.time) -> SessionStore:
    """The SQLite store at `path`; the in-memory one (and a warning) when that file cannot be opened."""
    try:
        return SqliteSessionStore(path, clock)
    except (OSError, sqlite3.Error) as error:
        log.warning("staff sessions: %s cannot be opened (%s); sessions are kept in memory and end with a restart",
                    path, error)
        return MemorySessionStore(clock)
