"""bot.ratelimit (the `limits` library, moving window): per key, the wait it names, one notice per interval."""

from __future__ import annotations

import time

from bot.ratelimit import NOTICE_INTERVAL, RateLimiter


def test_the_limit_is_per_key_and_a_refusal_names_the_wait() -> None:
    limiter = RateLimiter(2)
    assert [limiter.wait("1.2.3.4") for _ in range(2)] == [0.0, 0.0]
    refused = limiter.wait("1.2.3.4")
    assert 59 < refused <= 60  # until the first request leaves the minute
    assert limiter.wait("5.6.7.8") == 0.0  # another address is not limited
    assert limiter.wait(42) == 0.0 and limiter.wait(42) == 0.0 and limiter.wait(42) > 0  # Telegram user ids too


def test_a_refused_event_is_not_counted_and_the_window_moves() -> None:
    limiter = RateLimiter(2, window=1)
    began = time.monotonic()
    assert limiter.wait("k") == 0.0
    time.sleep(0.6)
    assert limiter.wait("k") == 0.0
    assert 0.1 <= limiter.wait("k") <= 0.5  # the first event leaves the window 1 s after it came
    time.sleep(max(0.0, 1.05 - (time.monotonic() - began)))
    assert limiter.wait("k") == 0.0  # the first event left; the second is still in the window (a fixed window
    assert limiter.wait("k") > 0  # starting anew would allow two here)


def test_without_a_limit_everything_passes() -> None:
    limiter = RateLimiter(0)
    assert all(limiter.wait("k") == 0.0 for _ in range(1000))


def test_one_notice_per_interval_per_key() -> None:
    limiter = RateLimiter(1)
    assert NOTICE_INTERVAL == 10
    assert [limiter.notify(7), limiter.notify(7), limiter.notify(8)] == [True, False, True]
