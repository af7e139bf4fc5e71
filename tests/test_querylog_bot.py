"""The opt-in query log through the real bot: one row per question, 👍/👎 buttons, /stats, nothing identifying."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import QueryLogConfig
from bot.report import build_report, render_markdown
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_helpers import ADMIN, app_config, running_bot

SALT = "a-test-salt-of-more-than-16-characters"


def buttons(call) -> dict[str, str]:  # type: ignore[no-untyped-def]
    markup = call.params.get("reply_markup") or {}
    return {b["text"]: b.get("callback_data", "") for row in markup.get("inline_keyboard", []) for b in row}


async def test_questions_are_logged_rated_and_summarised_without_user_ids(
        fake_bot_api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_QA_LOG_SALT", SALT)
    database = tmp_path / "log.sqlite3"
    config = replace(app_config(tmp_path), query_log=QueryLogConfig(enabled=True, path=database))
    asker = fake_bot_api.user(424242, first_name="Wang", username="secret_username")
    stranger = fake_bot_api.user(515151)
    admin = fake_bot_api.user(ADMIN)
    async with running_bot(fake_bot_api, config):
        fake_bot_api.private_text(asker, "今年夏天用水高峰会不会停水？")
        [answer] = await fake_bot_api.wait_for("sendMessage", 1)
        feedback = {text: data for text, data in buttons(answer).items() if data.startswith("f:")}
        assert set(feedback) == {"👍 有帮助", "👎 没帮助"}
        fake_bot_api.callback_query(stranger, answer, feedback["👍 有帮助"])
        fake_bot_api.callback_query(asker, answer, feedback["👎 没帮助"])
        fake_bot_api.callback_query(asker, answer, "f:-999999")  # a row that does not exist
        notices = await fake_bot_api.wait_for("answerCallbackQuery", 3)
        fake_bot_api.command(admin, None, "stats")
        [*_, stats] = await fake_bot_api.wait_for("sendMessage", 2)
    assert sorted(n.params["text"] for n in notices) == sorted(  # updates are handled concurrently: any order
        ["只能评价自己提出的问题。", "谢谢反馈，我们会据此改进访谈库。", "只能评价自己提出的问题。"])
    assert "提问记录：共 1 个问题" in stats.params["text"] and "👎 1" in stats.params["text"]
    rows = sqlite3.connect(database).execute("SELECT chat_type, question, answered, feedback FROM queries").fetchall()
    assert rows == [("private", "今年夏天用水高峰会不会停水?", 1, -1)]
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("log.sqlite3*"))
    for secret in (b"424242", b"secret_username", b"Wang"):
        assert secret not in raw
    report = render_markdown(build_report(database))
    assert "今年夏天用水高峰会不会停水" in report


async def test_logging_is_off_by_default_and_the_answer_has_no_rating_buttons(
        fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.private_text(fake_bot_api.user(77), "今年夏天用水高峰会不会停水？")
        [answer] = await fake_bot_api.wait_for("sendMessage", 1)
    assert not any(data.startswith("f:") for data in buttons(answer).values())
    assert not list(tmp_path.rglob("*.sqlite3"))


def test_the_terminal_chat_logs_its_questions_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from bot.conversation.conversation import Conversation, ConversationSettings
    from bot.querylog import QueryLog
    from bot.terminal import run_chat
    from tests.telegram_helpers import fake_searcher

    monkeypatch.setenv("INTERVIEW_QA_LOG_SALT", SALT)
    config = app_config(tmp_path)
    conversation = Conversation(fake_searcher(config), ConversationSettings(questions_per_minute=0))
    conversation.query_log = QueryLog.open(QueryLogConfig(enabled=True, path=tmp_path / "t.sqlite3"))
    run_chat(conversation, io.StringIO("今年夏天用水高峰会不会停水？\n\n"), io.StringIO())
    conversation.query_log.close()
    rows = sqlite3.connect(tmp_path / "t.sqlite3").execute("SELECT chat_type, answered FROM queries").fetchall()
    assert rows == [("terminal", 1)]  # the empty line is a hint, not a question
