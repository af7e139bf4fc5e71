"""A dialogue driven through every front end over a FICTIONAL corpus (fake embedder, a choice that reads with the
context exactly the questions that point back or open as a continuation): the conversation and its memory, the real
Telegram Application against the fake Bot API, the terminal chat, the web form (pages and API) and the command
line's JSON lines. The browser drives the same dialogue in tests/test_web_browser.py."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot import texts
from bot.config import AppConfig, ConversationConfig
from bot.conversation.context import StateContexts, chat_key
from bot.conversation.conversation import Conversation, ConversationSettings
from bot.conversation.replies import Answer, Hint, NotFound
from bot.state.base import MemoryState, StateStore
from bot.terminal import run_chat
from index.dialogue.choice import Choice
from index.dialogue.turns import Turn
from tests.dialogue_helpers import write_dialogue_corpus
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_helpers import app_config, fake_searcher, running_bot
from tests.test_followups import FISHING, SPRING, pointing_choice
from tests.web_helpers import client, running_web, web_config

FOLLOW = "那补助什么时候发？"
LINE = texts.read_with(FISHING)


@pytest.fixture(autouse=True)
def pointing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Choice, "load", classmethod(lambda cls, fingerprint, path=None: pointing_choice()))


@pytest.fixture
def config(tmp_path: Path) -> AppConfig:
    write_dialogue_corpus(tmp_path / "corpus")
    return app_config(tmp_path)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_conversation_reads_a_follow_up_with_its_chat_and_forgets_it(config: AppConfig) -> None:
    clock = Clock()
    conversation = Conversation(fake_searcher(config), ConversationSettings(questions_per_minute=0), clock=clock,
                                state=MemoryState(clock=clock))  # contexts expire on the state's clock
    me, friend = chat_key(-100, 1), chat_key(-100, 2)
    first = conversation.ask(1, FISHING, key=me)
    assert isinstance(first, Answer) and first.read_with is None
    follow = conversation.ask(1, FOLLOW, key=me)
    assert isinstance(follow, Answer) and follow.read_with == FISHING and "7月底前发放" in follow.hits[0].passage.text
    other = conversation.ask(2, FOLLOW, key=friend)  # another user in the same group has no conversation yet
    assert isinstance(other, (Answer, NotFound)) and other.read_with is None
    more = conversation.ask(1, "还有呢", key=me)
    assert isinstance(more, Answer) and more.read_with == FOLLOW
    assert [t.question for t in conversation.contexts.get(me)] == [FISHING, FOLLOW, FOLLOW]
    cleared = conversation.ask(1, "换个话题", key=me)
    assert isinstance(cleared, Hint) and cleared.text == texts.NEW_TOPIC and conversation.contexts.get(me) == ()
    conversation.ask(1, FISHING, key=me)
    switched = conversation.ask(1, f"换个话题，{FOLLOW}", key=me)  # the rest is asked alone
    assert not isinstance(switched, Hint) and getattr(switched, "read_with", None) is None
    conversation.ask(1, FISHING, key=me)
    clock.now += 10 * 60 + 1  # conversation.context_minutes (10) later: forgotten
    late = conversation.ask(1, FOLLOW, key=me)
    assert getattr(late, "read_with", "?") is None
    conversation.ask(1, FISHING)  # no key: no memory
    alone = conversation.ask(1, FOLLOW)
    assert getattr(alone, "read_with", "?") is None


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_follow_up_sent_to_another_replica_is_read_with_the_conversation(config: AppConfig, tmp_path: Path,
                                                                           request: pytest.FixtureRequest,
                                                                           backend: str) -> None:
    """Two replicas (two conversations, each with its own store on one database): the first question on one, its
    follow-up on the other, read with it; /new on the second forgets it for both."""
    from bot.state.store import PostgresState, SqliteState

    def store() -> StateStore:
        if backend == "postgresql":
            return PostgresState(request.getfixturevalue("postgres_url"), pool_size=2)
        return SqliteState(tmp_path / "state.sqlite3", tmp_path / "sessions.sqlite3")

    searcher, settings = fake_searcher(config), ConversationSettings(questions_per_minute=0)
    one, two = (Conversation(searcher, settings, state=store()) for _ in range(2))  # one database: a fixture's
    # value is the same throughout a test
    me = chat_key(7, 7)
    assert isinstance(one.ask(7, FISHING, key=me), Answer)
    follow = two.ask(7, FOLLOW, key=me)
    assert isinstance(follow, Answer) and follow.read_with == FISHING and "7月底前发放" in follow.hits[0].passage.text
    two.forget(me)
    assert one.contexts.get(me) == ()
    for conversation in (one, two):
        conversation.state.close()


def test_context_minutes_zero_reads_every_question_alone(config: AppConfig) -> None:
    settings = ConversationSettings.from_config(replace(config, conversation=ConversationConfig(context_minutes=0)))
    conversation = Conversation(fake_searcher(config), replace(settings, questions_per_minute=0))
    conversation.ask(1, FISHING, key="1")
    follow = conversation.ask(1, FOLLOW, key="1")
    assert getattr(follow, "read_with", "?") is None and conversation.contexts.get("1") == ()


def test_the_context_expires_and_is_per_key() -> None:
    clock = Clock()
    store = StateContexts(MemoryState(clock=clock).contexts())
    turn = Turn("q", "q", ("p1",), ("p1",), confidence="high")
    store.put("a", [turn], 60)
    store.put("b", [turn], 120)
    assert store.get("a") == (turn,) and store.get("c") == ()
    clock.now += 61
    assert store.get("a") == () and store.get("b") == (turn,)
    store.put("b", [], 60)  # nothing to keep: forgotten
    assert store.get("b") == ()
    store.put("a", [turn], 60)
    store.clear("a")
    assert store.get("a") == ()
    assert chat_key(5, 5) == "5" and chat_key(-100, 5) == "-100:5"


async def test_a_telegram_chat_continues_its_questions_and_new_starts_over(fake_bot_api: FakeBotAPI,
                                                                        config: AppConfig) -> None:
    me, friend, group = fake_bot_api.user(5001), fake_bot_api.user(5002), -5100
    async with running_bot(fake_bot_api, config):
        fake_bot_api.private_text(me, FISHING)
        await fake_bot_api.wait_for("sendMessage", 1)
        fake_bot_api.private_text(me, FOLLOW)
        await fake_bot_api.wait_for("sendMessage", 2)
        fake_bot_api.command(me, me["id"], "new")
        await fake_bot_api.wait_for("sendMessage", 3)
        fake_bot_api.private_text(me, FOLLOW)
        await fake_bot_api.wait_for("sendMessage", 4)
        fake_bot_api.group_text(me, group, FISHING, mention=True)
        await fake_bot_api.wait_for("sendMessage", 5)
        fake_bot_api.group_text(friend, group, FOLLOW, mention=True)  # not the friend's conversation
        await fake_bot_api.wait_for("sendMessage", 6)
        fake_bot_api.group_text(me, group, FOLLOW, mention=True)
        calls = await fake_bot_api.wait_for("sendMessage", 7)
    sent = [c.result["text"] for c in calls]
    assert LINE not in sent[0] and sent[1].startswith(LINE) and "7月底前发放" in sent[1]
    italic = [e for e in calls[1].result["entities"] if e["type"] == "italic"]
    assert italic and italic[0]["offset"] == 0  # the line above the answer, set apart
    assert sent[2] == texts.NEW_TOPIC and LINE not in sent[3]
    assert LINE not in sent[5] and sent[6].startswith(LINE)


def test_the_terminal_chat_continues_its_questions(config: AppConfig) -> None:
    conversation = Conversation(fake_searcher(config), ConversationSettings(questions_per_minute=0))
    out = io.StringIO()
    assert run_chat(conversation, io.StringIO(f"{FISHING}\n{FOLLOW}\n还有呢\nnew\n{FOLLOW}\n"), out) == 0
    welcome, first, follow, more, new, alone = out.getvalue().strip().split("\n\n")[:6]
    assert LINE not in first and follow.startswith(LINE) and "7月底前发放" in follow
    assert more.startswith(texts.read_with(FOLLOW)) and new == texts.NEW_TOPIC and LINE not in alone


async def test_the_web_carries_the_conversation_in_its_ask_box_and_the_api_takes_history(tmp_path: Path) -> None:
    write_dialogue_corpus(tmp_path / "corpus")
    async with running_web(web_config(tmp_path)) as server, client(server) as http:
        first = await http.get("/search", params={"q": FISHING})
        follow = await http.get("/search", params=[("q", FOLLOW), ("prev", FISHING)])
        switched = await http.get("/search", params=[("q", f"换个话题，{FOLLOW}"), ("prev", FISHING)])
        api = await http.get("/api/search", params=[("q", FOLLOW), ("history", FISHING)])
        plain = await http.get("/api/search", params={"q": FOLLOW})
    assert f'<input type="hidden" name="prev" value="{FISHING}">' in first.text and LINE not in first.text
    assert 'class="small read-with"' in follow.text and LINE in follow.text and "7月底前发放" in follow.text
    hidden = [f'<input type="hidden" name="prev" value="{q}">' for q in (FISHING, FOLLOW)]
    assert all(h in follow.text for h in hidden) and follow.text.index(hidden[0]) < follow.text.index(hidden[1])
    assert LINE not in switched.text and 'name="prev" value="休渔' not in switched.text
    assert api.json()["context"] == {"used": True, "with": FISHING} and plain.json()["context"] is None
    assert "7月底前发放" in api.json()["hits"][0]["text"]


def test_the_command_line_reads_json_lines_with_history_beside_plain_lines(
        config: AppConfig, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import bot.cli

    searcher = fake_searcher(config)
    monkeypatch.setattr(bot.cli, "_open", lambda config, **kw: (searcher, None))
    lines = [FISHING, json.dumps({"q": FOLLOW, "history": [FISHING]}, ensure_ascii=False), FOLLOW,
             json.dumps({"q": "还有呢", "history": [FISHING, FOLLOW]}, ensure_ascii=False),
             json.dumps({"history": []}), json.dumps({"q": FOLLOW, "history": "x"})]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode("utf-8"))))
    assert bot.cli.main(["search", "--stdin", "--json"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o.get("query") for o in out[:4]] == [FISHING, FOLLOW, FOLLOW, "还有呢"]
    assert out[0]["context"] is None and out[1]["context"] == {"used": True, "with": FISHING}
    assert out[2]["context"] is None  # a plain line is a question on its own
    assert out[3]["context"] == {"used": True, "with": FOLLOW}
    assert out[4] == {"line": 5, "error": 'line 5: a JSON line needs "q": the question'} and "history" in out[5]["error"]
    assert bot.cli.main(["search", FOLLOW, "--history", FISHING, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["context"] == {"used": True, "with": FISHING}
    assert bot.cli.main(["search", FOLLOW, "--history", FISHING, "--explain"]) == 0
    explained = capsys.readouterr().out
    assert explained.startswith(LINE) and "context: used: searched as" in explained and "continues" in explained
    assert bot.cli.main(["search", "--stdin", "--history", FISHING]) == 1


def test_eval_scores_a_dialogue_file(config: AppConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    import bot.cli

    searcher = fake_searcher(config)
    monkeypatch.setattr(bot.cli, "_open", lambda config, **kw: (searcher, None))
    path = tmp_path / "dialogues.jsonl"
    dialogues = [{"id": "fish", "kind": "ellipsis", "turns": [{"q": FISHING, "expect": ["8000元"]},
                                                              {"q": FOLLOW, "expect": ["7月底前发放"]}]},
                 {"id": "spring", "kind": "more", "turns": [{"q": SPRING, "expect": ["三件事"]},
                                                            {"q": "还有呢", "expect": ["3000人次"]},
                                                            {"q": "那补助是哪家银行发的？", "expect": None,
                                                             "kind": "unanswerable"}]}]
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in dialogues), encoding="utf-8")
    assert bot.cli.main(["eval", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["turns"] == 5 and report["follow_up_R@1"] == 1.0 and report["first_as_alone"] == 1.0
    assert report["by_kind"]["more"] == {"turns": 1, "right": 1.0} and report["searches_per_follow_up"]["max"] <= 2
    assert bot.cli.main(["eval", str(path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("dialogues 2, turns 5") and "follow-up R@1 1.000" in text
    path.write_text('{"id": "x", "turns": []}\n', encoding="utf-8")
    assert bot.cli.main(["eval", str(path)]) == 1
    assert "dialogues.jsonl:1: not a dialogue line" in capsys.readouterr().err
