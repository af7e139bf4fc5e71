"""`interview-qa chat`: the conversation in a terminal, driven through stdin like a pipe."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.conversation.conversation import Conversation, ConversationSettings
from bot.terminal import run_chat
from bot.texts import EXAMPLE_QUESTIONS, NO_RESULT_YET
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_helpers import FOREST, app_config, fake_searcher, running_bot, write_corpus


def chat(conversation: Conversation, lines: str) -> str:
    out = io.StringIO()
    assert run_chat(conversation, io.StringIO(lines), out) == 0
    return out.getvalue()


@pytest.fixture
def conversation(tmp_path: Path) -> Conversation:
    write_corpus(tmp_path / "corpus", {"fictional-forest.txt": FOREST})
    return Conversation(fake_searcher(app_config(tmp_path)), ConversationSettings(questions_per_minute=0))


def test_chat_answers_and_handles_more_context_source_and_quit(conversation: Conversation) -> None:
    out = chat(conversation, "今年夏天用水高峰会不会停水？\nmore\ncontext\nsource\n\nquit\n老旧小区水管什么时候改造\n")
    welcome, answer, more, context, source = out.strip().split("\n\n")[:5]
    assert "你好" in welcome and "more 更多结果" in welcome and "quit 退出" in welcome
    assert "[1] 海川市水务局 · 钱明（局长）" in answer and "80万吨" in answer and "（第 1/3 条。more 更多结果" in answer
    assert more.startswith("[2] ")
    assert context.startswith("完整回答：")
    assert source.startswith("出处：") and "段落编号" in source
    assert out.rstrip().split("\n\n")[-1] == source.rstrip()  # nothing is read after quit
    assert "\x1b[1m" not in out  # no terminal colours into a pipe


def test_chat_commands_before_any_question_and_at_eof(conversation: Conversation) -> None:
    out = chat(conversation, "more\ncontext\nverify 日供水能力提高到90万吨\nbureaus\n/about\n帮助\n" + "问" * 201 + "\n")
    assert out.count("请先提问") == 2
    assert "与原文有出入" in out and "90万吨" in out
    assert "「海川市林业局」的访谈（1篇）" in out and "逐字引用" in out
    assert "问题太长了（201字）" in out


@pytest.mark.model
def test_cli_chat_with_the_real_model(real_searcher, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                      capsys: pytest.CaptureFixture[str]) -> None:
    import bot.cli

    monkeypatch.setattr(bot.cli, "_open", lambda config, **kw: (real_searcher, None))
    monkeypatch.setattr("sys.stdin", io.StringIO("疫情期间海域使用金可以缓缴吗\nmore\ncontext\nquit\n"))
    assert bot.cli.main(["chat"]) == 0
    out = capsys.readouterr().out
    answer = out.split("\n\n")[1]
    assert "缓缴资金1.35亿元" in answer and "邢海文（党组书记、局长）" in answer
    assert "[2] " in out and "完整回答：" in out


@pytest.mark.model
async def test_telegram_round_trip_with_the_real_model(real_searcher,  # type: ignore[no-untyped-def]
                                                       fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(3001)
    async with running_bot(fake_bot_api, app_config(tmp_path), lambda: real_searcher) as app:
        assert app.bot_data.conversation.examples == EXAMPLE_QUESTIONS  # each works on the shipped corpus
        fake_bot_api.private_text(user, "疫情期间海域使用金可以缓缴吗？")
        [call] = await fake_bot_api.wait_for("sendMessage", timeout=20)
        fake_bot_api.private_text(user, "那一共缓了多少钱？")  # a follow-up, read with the question before
        [_, follow] = await fake_bot_api.wait_for("sendMessage", 2, timeout=20)
        fake_bot_api.private_text(user, "青岛市的旅游收入增长了多少？")
        [_, _, refused] = await fake_bot_api.wait_for("sendMessage", 3, timeout=20)
    text = call.result["text"]
    assert "缓缴资金1.35亿元" in text and "威海市海洋发展局" in text and "齐鲁晚报·齐鲁壹点" in text
    units = text.encode("utf-16-le")
    bold = [units[2 * e["offset"]: 2 * (e["offset"] + e["length"])].decode("utf-16-le")
            for e in call.result["entities"] if e["type"] == "bold"]
    assert any("1.35亿元" in b for b in bold)
    assert "没有找到" in refused.result["text"] and "疫情期间海域使用金可以缓缴吗" in refused.result["text"]
    assert "接着上一个问题" not in refused.result["text"]  # a complete question: read alone
    assert follow.result["text"].startswith("（接着上一个问题：疫情期间海域使用金可以缓缴吗？）")
    assert "缓缴资金1.35亿元" in follow.result["text"]


def test_a_command_is_the_whole_line_and_context_after_a_not_found_refers_to_nothing(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", {"fictional-forest.txt": FOREST})
    asked: list[str] = []
    conversation = Conversation(fake_searcher(app_config(tmp_path)), ConversationSettings(questions_per_minute=0))
    real_ask = conversation.ask
    conversation.ask = lambda user, text, chat_type="terminal", key=None: (  # type: ignore[method-assign]
        asked.append(text), real_ask(user, text, chat_type, key))[1]
    out = chat(conversation, "about the water supply in summer\nhelp me find the water bureau\n")
    assert asked == ["about the water supply in summer", "help me find the water bureau"]  # questions, not commands
    assert out  # the welcome and the two answers were printed
    after = chat(conversation, "今年夏天用水高峰会不会停水？\n你好\ncontext\n").strip().split("\n\n")
    assert "80万吨" in after[1] and "没有找到" in after[2]  # an answer, then small talk: not found
    assert after[-1] == NO_RESULT_YET  # context refers to nothing, not to the older answer
