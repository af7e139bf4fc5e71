"""Per-user limits: a sliding window of events, and at most one "please wait" notice per NOTICE_INTERVAL."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

NOTICE_INTERVAL = 10.0  # seconds between two "too many questions" notices to one user
FORGET_AFTER_KEYS = 10_000  # past this many users, idle ones are forgotten


class RateLimiter:
    """Sliding window per key: at most `limit` events in `window` seconds (limit 0: no limit)."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._events: dict[int, deque[float]] = {}
        self._notified: dict[int, float] = {}

    def wait(self, key: int) -> float:
        """0.0 and the event counted, or the seconds until the next event is allowed (not counted)."""
        if self.limit <= 0:
            return 0.0
        now = self.clock()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return max(0.1, events[0] + self.window - now)
        events.append(now)
        if len(self._events) > FORGET_AFTER_KEYS:
            self._events = {k: v for k, v in self._events.items() if v and v[-1] > now - self.window}
        return 0.0

    def notify(self, key: int) -> bool:
        """True when a "please wait" notice may be sent to `key` now (one per NOTICE_INTERVAL)."""
        now = self.clock()
        if now - self._notified.get(key, -1e9) < NOTICE_INTERVAL:
            return False
        self._notified[key] = now
        return True
