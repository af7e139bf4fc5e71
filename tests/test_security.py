"""Security: the token never in a log line or a message, admin commands only for admins (by id, not by name),
callback data and deep links validated, per-user limits, the webhook secret enforced. The REAL Application over
HTTP against the fake Bot API, FakeEmbedder searchers."""

from __future__ import annotations

import asyncio
import base64
import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from telegram.error import NetworkError

from bot.conversation.actions import question_payload
from bot.telegram.app import build_application, check_embedded_webhook
from bot.telegram.redaction import redact
from index.records import RefreshReport
from index.errors import ConfigError
from index.search.searcher import Searcher
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_helpers import ADMIN, app_config, fake_searcher, running_bot, texts

QUESTION = "今年夏天用水高峰会不会停水？"
ANONYMOUS_ADMIN = 1087968824  # GroupAnonymousBot: the sender of messages posted "as the group"


def secret_of(token: str) -> str:
    return token.partition(":")[2]


# -- the token ------------------------------------------------------------------------------------------------------
async def test_the_token_is_in_no_log_line_at_any_level_and_in_no_message(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token = fake_bot_api.token
    url = f"{fake_bot_api.base_url}{token}/sendMessage"

    def leaky(*args: Any, **kwargs: Any) -> Any:
        try:
            raise httpx.ConnectError(f"All connection attempts failed: {url}")
        except httpx.ConnectError as cause:
            raise NetworkError(f"httpx.ConnectError for {url} (token {token})") from cause

    async with running_bot(fake_bot_api, app_config(tmp_path), allow_errors=True) as app:
        searcher = app.bot_data.conversation.searcher
        searcher.search = searcher.search_many = leaky
        fake_bot_api.private_text(fake_bot_api.user(4001), QUESTION)
        [apology] = await fake_bot_api.wait_for("sendMessage")
        del searcher.search, searcher.search_many
        fake_bot_api.inject("getUpdates", 502, times=1)  # the library logs the failed poll
        fake_bot_api.private_text(fake_bot_api.user(4002), QUESTION)
        await fake_bot_api.wait_for("sendMessage", 2, timeout=10)
        for level in (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL):
            logging.getLogger("telegram.ext").log(level, "POST %s", url)
            logging.getLogger("some.library").log(level, "quoted %s", quote(url, safe="/"))
            logging.getLogger("httpx").log(level, "HTTP Request: POST %s", url)
        try:
            raise ValueError(f"bad url {url}")
        except ValueError:
            logging.getLogger("another").exception("request failed, token=%s", token)
    records = caplog.records
    assert {logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL} <= {r.levelno for r in records}
    captured = caplog.text + "".join(r.getMessage() + (r.exc_text or "") + (r.stack_info or "") for r in records)
    assert token not in captured and secret_of(token) not in captured
    assert "<redacted>" in captured and "%3A<redacted>" in captured
    shown = "".join(texts(fake_bot_api))
    assert "出了问题" in apology.result["text"] and secret_of(token) not in shown and "ConnectError" not in shown


def test_redaction_covers_the_secret_part_and_other_secrets() -> None:
    from bot.telegram.redaction import install_redaction

    install_redaction("987654:ANOTHER-secret-token-xyz", "webhook-secret-0123456789", "short")
    assert redact("https://api.telegram.org/bot987654:ANOTHER-secret-token-xyz/getMe") == \
        "https://api.telegram.org/bot<redacted>/getMe"
    assert "ANOTHER" not in redact("bot987654%3AANOTHER-secret-token-xyz") and "webhook-secret" not in redact(
        "X-Telegram-Bot-Api-Secret-Token: webhook-secret-0123456789")
    assert redact("short and sweet") == "short and sweet"  # under 8 characters: too short to redact safely


# -- admin commands -------------------------------------------------------------------------------------------------
class CountingReloader:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, searcher: Searcher) -> tuple[Searcher, RefreshReport]:
        self.calls += 1
        return searcher, RefreshReport(searcher.data, False, reason="up to date")


async def test_admin_commands_are_refused_to_everyone_but_the_admins_by_id(fake_bot_api: FakeBotAPI,
                                                                         tmp_path: Path) -> None:
    server = fake_bot_api
    reloader = CountingReloader()
    admin = server.user(ADMIN, "管理员", username="the_admin")
    impostor = server.user(4101, "管理员", username="the_admin")  # same display name and username, another id
    stranger, another = server.user(4102, "路人"), server.user(4103, "路人乙")
    group = -4100
    async with running_bot(server, app_config(tmp_path), reloader=reloader):
        attempts = [
            lambda: server.command(stranger, None, "reload"),
            lambda: server.command(stranger, None, "stats"),
            lambda: server.command(impostor, None, "reload"),
            lambda: server.command(impostor, group, "reload", to_bot=True),
            lambda: server.command(impostor, group, "stats", to_bot=True),
            # posted "as the group" by an anonymous admin: no user id to check, so no admin rights
            lambda: server.queue_update({"message": {**server.make_message(
                server.user(ANONYMOUS_ADMIN, "Group", username="GroupAnonymousBot"), server.group_chat(group),
                "/reload@InterviewQABot", entities=[{"type": "bot_command", "offset": 0, "length": 22}]),
                "sender_chat": server.group_chat(group)}}),
            # the admin's /reload forwarded by someone else
            lambda: server.queue_update({"message": {**server.make_message(
                another, None, "/reload", entities=[{"type": "bot_command", "offset": 0, "length": 7}]),
                "forward_origin": {"type": "user", "sender_user": admin, "date": 0}}}),
        ]
        for attempt in attempts:
            attempt()
        refused = await server.wait_for("sendMessage", len(attempts), timeout=10)
        assert reloader.calls == 0
        edited = server.command(admin, None, "about")
        server.edited_message(edited, "/reload")  # an edited command is never run
        await server.wait_for("sendMessage", len(attempts) + 2, timeout=10)
        assert reloader.calls == 0
        server.command(admin, group, "reload", to_bot=True)  # the admin, by id, in a group
        await server.wait_for("sendMessage", predicate=lambda c: "访谈库没有变化" in c.result["text"], timeout=10)
    assert all("仅限管理员" in c.result["text"] for c in refused)
    assert reloader.calls == 1


# -- button data and deep links -------------------------------------------------------------------------------------
TAMPERED_LINKS = ["p_../../etc/passwd", "p_" + "a" * 41, "q_!!!", "q_" + base64.urlsafe_b64encode(b"\xff\xfe\xfd").decode(),
                  "q_", "p_", "x" * 64, "p_\u202e", "%00", "q_" + "A" * 62, "help" + "\u200b"]


async def test_tampered_deep_links_and_buttons_are_refused_without_a_traceback(
        fake_bot_api: FakeBotAPI, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    server = fake_bot_api
    user = server.user(4200)
    async with running_bot(server, app_config(tmp_path)):  # fails on any handler error
        for n, payload in enumerate(TAMPERED_LINKS):
            server.command(server.user(4201 + n), None, "start", payload)
        server.command(user, None, "start", question_payload("<b>停水</b>吗"))
        replies = await server.wait_for("sendMessage", len(TAMPERED_LINKS) + 1, timeout=15)
        card = next(c for c in replies if c.result["chat"]["id"] == user["id"])
        buttons = [b["callback_data"] for row in card.params["reply_markup"]["inline_keyboard"] for b in row]
        more = next(b for b in buttons if b.startswith("m:"))
        forged = [more[:-1] + "7", "m:" + "z" * 12 + ":1", more.replace("m:", "c:"), "c:" + "0" * 8 + "-" + "0" * 6,
                  "s:" + "x" * 40, "b:" + "0" * 10, "i:" + "f" * 10, more + "'; DROP TABLE", "m:" + more[2:] * 3]
        for data in forged:
            server.callback_query(user, card, data)
        answers = await server.wait_for("answerCallbackQuery", len(forged), timeout=15)
    assert all(c.status == 200 for c in replies + answers)
    link_replies = [c.result["text"] for c in replies if c.result["chat"]["id"] != user["id"]]
    odd = [t for t in link_replies if not any(w in t for w in ("无法识别", "已不在访谈库中", "你好", "请用文字输入"))]
    assert not odd, odd
    assert all(c.params.get("text") for c in answers)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


# -- per-user limits ------------------------------------------------------------------------------------------------
async def test_inline_queries_are_limited_per_user(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    server = fake_bot_api
    config = app_config(tmp_path, inline_per_minute=5)
    searcher = fake_searcher(config)
    searched: list[str] = []
    real = searcher.search

    def counting(query: str, *args: Any, **kwargs: Any) -> Any:
        searched.append(query)
        return real(query, *args, **kwargs)

    searcher.search = counting  # type: ignore[method-assign]  # batched or not, every question goes through it
    flooder, other = server.user(4300), server.user(4301)
    async with running_bot(server, config, lambda: searcher):
        for n in range(40):
            server.inline_query(flooder, f"停水吗 {n}")
        server.inline_query(other, "水费计算器可靠吗")
        calls = await server.wait_for("answerInlineQuery", 41, timeout=15)
    limited = [c for c in calls if (c.params.get("button") or {}).get("text") == "查询太频繁，请稍后再试"]
    assert len(limited) == 35 and all(c.params["is_personal"] and c.params["cache_time"] == 0 for c in limited)
    assert len([q for q in searched if q.startswith("停水吗")]) == 5  # the flood never reaches the model
    assert "水费计算器可靠吗" in searched and sum(bool(c.params.get("results")) for c in calls) == 6


async def test_a_flood_of_stickers_gets_one_notice_and_questions_are_limited(fake_bot_api: FakeBotAPI,
                                                                            tmp_path: Path) -> None:
    server = fake_bot_api
    user = server.user(4400)
    async with running_bot(server, app_config(tmp_path, questions_per_minute=3, concurrent_updates=1)):
        for _ in range(20):
            server.sticker(user)
        for n in range(10):
            server.private_text(user, f"停水吗？{n}")
        server.private_text(server.user(4401), QUESTION)  # someone else is not slowed down
        await server.wait_for("sendMessage", 6, timeout=10)
        await asyncio.sleep(0.5)
    sent = texts(server)
    assert sum("只能读懂文字" in t for t in sent) == 1  # not 20
    assert sum("提问太频繁" in t for t in sent) == 1  # one notice, the other 6 questions get none
    assert len(sent) == 1 + 3 + 1 + 1


# -- webhook --------------------------------------------------------------------------------------------------------
async def test_the_webhook_secret_is_enforced(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = fake_bot_api
    secret = "Webhook_Secret-0123456789abcdefXYZ"
    config = app_config(tmp_path, base_url=server.base_url)
    app = build_application(config, server.token, lambda: fake_searcher(config))
    await app.initialize()
    await app.post_init(app)  # type: ignore[misc]
    await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="telegram",
                                    webhook_url=f"http://127.0.0.1:{port}/telegram", secret_token=secret)
    await app.start()
    try:
        update = server.private_text(server.user(4500), QUESTION)
        server._pending.clear()  # delivered by the webhook only
        for wrong in (None, "", "wrong", secret.lower(), secret + "x", secret[:-1], secret.replace("_", "-")):
            status, _ = await server.post_webhook(update, secret_token=wrong)
            assert status == 403, wrong
        async with httpx.AsyncClient() as client:
            garbage = await client.post(f"http://127.0.0.1:{port}/telegram", content=b"{not json",
                                        headers={"X-Telegram-Bot-Api-Secret-Token": secret,
                                                 "Content-Type": "application/json"})
        assert garbage.status_code >= 400  # refused (500: the library's JSON error), and the bot carries on
        assert not server.calls_of("sendMessage")
        status, _ = await server.post_webhook(update)
        assert status == 200
        [call] = await server.wait_for("sendMessage")
        assert "80万吨" in call.result["text"]
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)  # type: ignore[misc]


@pytest.mark.parametrize("secret", ["with space in it", "ünïcode-secret", "x" * 257, "semi;colon:secret"])
def test_a_webhook_secret_telegram_would_refuse_is_a_config_error(tmp_path: Path, secret: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from bot.config import WebhookConfig

    config = app_config(tmp_path)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", secret)
    webhook = WebhookConfig(url="https://bot.example.org/telegram")
    with pytest.raises(ConfigError, match="secret token may hold only"):
        check_embedded_webhook(replace(config, telegram=replace(config.telegram, mode="webhook", webhook=webhook)))
