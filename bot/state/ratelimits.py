"""A `limits` storage over a state database, for the moving window (`limits.strategies.MovingWindowRateLimiter`):
one row per event (key, time, expiry) in `rate_events`. Taking an entry counts the key's events inside the window
and adds the new ones only if they fit, serialised per key (PostgreSQL: the `iqa_rate_acquire` function, one round
trip under an advisory lock for the key; SQLite: one BEGIN IMMEDIATE transaction), so replicas that share the
database share each limit exactly. Expired events are deleted now and then."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from limits.storage import MovingWindowSupport, Storage

from bot.state.database import Database, StateError, Tx

Clock = Callable[[], float]
PURGE_EVERY = 1000  # entries taken between two deletions of expired events
PURGE_INTERVAL_S = 60.0


class SqlRateStorage(Storage, MovingWindowSupport):
    """Moving-window counters in the `rate_events` table. Only the moving window is supported."""

    STORAGE_SCHEME = ["interview-qa-sql"]

    def __init__(self, db: Database, clock: Clock = time.time) -> None:
        super().__init__()
        self.db, self.clock = db, clock
        self._taken = 0
        self._last_purge = clock()
        self._lock = threading.Lock()

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return StateError

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False
        now = self.clock()
        if self.db.kind == "postgresql":
            row = self.db.transaction(lambda tx: tx.one("SELECT iqa_rate_acquire(?, ?, ?, ?, ?)",
                                                        (key, limit, float(expiry), amount, now)))
            taken = bool(row and row[0])
        else:
            taken = self.db.transaction(lambda tx: _acquire(tx, key, limit, float(expiry), amount, now))
        self._maybe_purge()
        return taken

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = self.clock()
        row = self.db.transaction(lambda tx: tx.one(
            "SELECT MIN(at), COUNT(*) FROM rate_events WHERE key = ? AND at >= ?", (key, now - expiry)), write=False)
        if row is None or not row[1]:
            return now, 0
        return float(row[0]), int(row[1])

    # the fixed-window methods of the Storage interface: not used by the moving window
    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        raise NotImplementedError("only the moving window is supported")

    def get(self, key: str) -> int:
        now = self.clock()
        row = self.db.transaction(lambda tx: tx.one(
            "SELECT COUNT(*) FROM rate_events WHERE key = ? AND expires > ?", (key, now)), write=False)
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        now = self.clock()
        row = self.db.transaction(lambda tx: tx.one(
            "SELECT MAX(expires) FROM rate_events WHERE key = ?", (key,)), write=False)
        return float(row[0]) if row and row[0] is not None else now

    def check(self) -> bool:
        try:
            self.db.transaction(lambda tx: tx.one("SELECT 1"), write=False)
        except StateError:
            return False
        return True

    def reset(self) -> int | None:
        return self.db.transaction(lambda tx: tx.run("DELETE FROM rate_events"))

    def clear(self, key: str) -> None:
        self.db.transaction(lambda tx: tx.run("DELETE FROM rate_events WHERE key = ?", (key,)))

    def purge(self) -> int:
        """Deletes the events that left every window."""
        return self.db.transaction(lambda tx: tx.run("DELETE FROM rate_events WHERE expires < ?", (self.clock(),)))

    def _maybe_purge(self) -> None:
        with self._lock:
            self._taken += 1
            due = self._taken >= PURGE_EVERY or self.clock() - self._last_purge >= PURGE_INTERVAL_S
            if due:
                self._taken, self._last_purge = 0, self.clock()
        if due:
            self.purge()


def _acquire(tx: Tx, key: str, limit: int, expiry: float, amount: int, now: float) -> bool:
    tx.lock("rate:" + key)
    row: Any = tx.one("SELECT COUNT(*) FROM rate_events WHERE key = ? AND at >= ?", (key, now - expiry))
    if int(row[0]) + amount > limit:
        return False
    for _ in range(amount):
        tx.run("INSERT INTO rate_events (key, at, expires) VALUES (?, ?, ?)", (key, now, now + expiry))
    return True
