"""Per-key rate limits on the `limits` library (moving window): at most `limit` events per window for each key (a web
client's address; a Telegram user), and at most one "please wait" notice per NOTICE_INTERVAL. The counters are kept
by a `limits` storage: in memory by default, or the state's (bot.state.ratelimits: SQLite, or PostgreSQL shared by
replicas, so a limit holds whichever replica a request reaches). `name` keeps the limits that share a storage
apart. Keys that fall quiet are forgotten once their events leave the window."""

from __future__ import annotations

import time

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, Storage
from limits.strategies import MovingWindowRateLimiter

NOTICE_INTERVAL = 10  # seconds between two "too many questions" notices to one user
MIN_WAIT_S = 0.1  # the shortest wait a refusal names


class RateLimiter:
    """At most `limit` events in `window` seconds per key, as a moving window (limit 0: no limit)."""

    def __init__(self, limit: int, window: int = 60, storage: Storage | None = None, name: str = "events") -> None:
        self.limit = limit
        self._limiter = MovingWindowRateLimiter(storage if storage is not None else MemoryStorage())
        self._events = RateLimitItemPerSecond(max(1, limit), window, namespace=name)
        self._notices = RateLimitItemPerSecond(1, NOTICE_INTERVAL, namespace=name + "-notices")

    def wait(self, key: object) -> float:
        """0.0 and the event counted, or the seconds until the next event is allowed (not counted)."""
        if self.limit <= 0 or self._limiter.hit(self._events, str(key)):
            return 0.0
        reset = self._limiter.get_window_stats(self._events, str(key)).reset_time
        return max(MIN_WAIT_S, reset - time.time())

    def notify(self, key: object) -> bool:
        """True when a "please wait" notice may be sent to `key` now (one per NOTICE_INTERVAL)."""
        return self._limiter.hit(self._notices, str(key))
