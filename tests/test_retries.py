"""The retries (tenacity): setWebhook at start-up, a busy query log. (Replies: tests/test_batching.py.)"""

from __future__ import annotations

import logging
import socket
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import AppConfig, WebhookConfig
from bot.querylog import QueryLogBusyError, QueryLogError, _retry
from tests.fake_bot_api import FakeBotAPI
from tests.web_helpers import running_web, web_config

SECRET = "webhook-secret-for-tests-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def webhook_config(tmp_path: Path, base_url: str) -> AppConfig:
    port = free_port()
    config = web_config(tmp_path, port=port)
    webhook = WebhookConfig(url=f"http://127.0.0.1:{port}/telegram", path="telegram")
    return replace(config, telegram=replace(config.telegram, base_url=base_url, mode="webhook", webhook=webhook))


async def test_set_webhook_is_tried_again_after_a_network_error(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setattr("bot.telegram.app.WEBHOOK_BACKOFF_S", 0.01)
    fake_bot_api.inject("setWebhook", 502, times=2)
    async with running_web(webhook_config(tmp_path, fake_bot_api.base_url), token=fake_bot_api.token):
        statuses = [c.status for c in fake_bot_api.calls_of("setWebhook")]
        assert fake_bot_api.webhook is not None and fake_bot_api.webhook["secret_token"] == SECRET
    assert statuses == [502, 502, 200]
    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("setWebhook failed")]
    assert [m.rsplit("; ", 1)[1] for m in retries] == ["retry 1 of 3", "retry 2 of 3"]


async def test_set_webhook_gives_up_after_its_retries(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from index.errors import InterviewQAError

    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setattr("bot.telegram.app.WEBHOOK_BACKOFF_S", 0.01)
    fake_bot_api.inject("setWebhook", 502, times=None)
    with pytest.raises(InterviewQAError, match="cannot reach the Bot API"):
        async with running_web(webhook_config(tmp_path, fake_bot_api.base_url), token=fake_bot_api.token):
            pass
    assert len(fake_bot_api.calls_of("setWebhook")) == 4  # the first try and 3 retries


class Flaky:
    """An SQLite statement that fails `failures` times with `error`, then returns 7."""

    def __init__(self, failures: int, error: sqlite3.Error) -> None:
        self.failures, self.error, self.calls = failures, error, 0

    def __call__(self) -> int:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return 7


def test_a_busy_query_log_is_tried_again_until_it_is_free() -> None:
    flaky = Flaky(3, sqlite3.OperationalError("database is locked"))
    began = time.monotonic()
    assert _retry(flaky) == 7 and flaky.calls == 4
    assert time.monotonic() - began < 1  # 5 ms, 10 ms, 20 ms apart


def test_a_query_log_busy_past_the_deadline_is_a_busy_error() -> None:
    always = Flaky(10_000, sqlite3.OperationalError("database is locked"))
    began = time.monotonic()
    with pytest.raises(QueryLogBusyError, match="stayed locked"):
        _retry(always, deadline_s=0.3)
    assert 0.3 <= time.monotonic() - began < 2 and always.calls > 3


@pytest.mark.parametrize("error", [sqlite3.OperationalError("no such table: queries"),
                                   sqlite3.IntegrityError("UNIQUE constraint failed")])
def test_any_other_query_log_error_is_not_tried_again(error: sqlite3.Error) -> None:
    once = Flaky(1, error)
    with pytest.raises(QueryLogError, match="query log: ") as caught:
        _retry(once)
    assert once.calls == 1 and not isinstance(caught.value, QueryLogBusyError)


def test_retry_logs_name_the_endpoint_and_the_attempt(caplog: pytest.LogCaptureFixture) -> None:
    import asyncio

    from telegram.error import NetworkError

    from bot.telegram.transport import RetryingRateLimiter

    calls = []

    async def flaky(*args: object, **kwargs: object) -> dict[str, bool]:
        calls.append(1)
        if len(calls) < 3:
            raise NetworkError("Bad Gateway")
        return {"ok": True}

    caplog.set_level(logging.WARNING)
    limiter = RetryingRateLimiter(max_retries=3, backoff=0.0)
    assert asyncio.run(limiter.process_request(flaky, (), {}, "sendMessage", {"chat_id": 1}, None)) == {"ok": True}
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["sendMessage failed (NetworkError: Bad Gateway); retry 1 of 3",
                        "sendMessage failed (NetworkError: Bad Gateway); retry 2 of 3"]
