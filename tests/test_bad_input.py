"""Bad input, table-driven: odd messages, commands, updates, inline queries and button data sent to the REAL
Application (over HTTP, fake Bot API, FakeEmbedder), and odd files in the corpus.

Every message meant for the bot gets a clear reply (an answer card, a "not found" card or a polite hint) that
Telegram accepts (the fake parses the HTML like Telegram and refuses bad markup or more than 4,096 characters);
what is not meant for the bot (other bots' commands, group chatter, channel posts, reactions) gets deliberate
silence; no handler raises. Every bad corpus file gets a warning naming it and the reason, and the rest of the
corpus is still indexed.
"""

from __future__ import annotations

import asyncio
import codecs
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.conversation.actions import question_payload
from index.store.builder import refresh_index
from index.parsing.parser import parse_file
from index.parsing.sources import MAX_FILE_BYTES
from tests.fake_bot_api import JSON, Call, FakeBotAPI, _TelegramHTML
from tests.fakes import FakeEmbedder
from tests.telegram_helpers import ADMIN, WATER, app_config, running_bot

QUESTION = "今年夏天用水高峰会不会停水？"
CARD = "<a card>"  # an answer card or a "not found" card: which one depends on the retrieval, not on the input
NON_TEXT = "只能读懂文字"
EMPTY = "请用文字输入一个问题"
SILENT = None
BOT = "InterviewQABot"


@dataclass(frozen=True)
class Case:
    name: str
    send: Callable[[FakeBotAPI, JSON, int], Any]  # (server, a fresh user, a fresh group id)
    expect: str | None  # text expected in the reply, CARD, or SILENT
    replies: int = 1
    group: bool = False


def message(server: FakeBotAPI, user: JSON, chat: Any = None, **fields: Any) -> JSON:
    return server.queue_update({"message": server.make_message(user, chat, **fields)})


def media(kind: str, **fields: Any) -> Callable[[FakeBotAPI, JSON, int], Any]:
    def send(server: FakeBotAPI, user: JSON, group: int) -> Any:
        return message(server, user, None, **{kind: fields})
    return send


FILE = {"file_id": "f-1", "file_unique_id": "u-1"}
POLL = {"id": "77", "question": "停水吗？",
        "options": [{"persistent_id": "o1", "text": "会", "voter_count": 0},
                    {"persistent_id": "o2", "text": "不会", "voter_count": 0}],
        "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular",
        "allows_multiple_answers": False, "allows_revoting": False, "members_only": False}


def edited_twice(server: FakeBotAPI, user: JSON, group: int) -> None:
    original = server.private_text(user, "水费计算器可靠吗")
    server.edited_message(original, QUESTION)


def group_reply_to_someone(mention: bool) -> Callable[[FakeBotAPI, JSON, int], Any]:
    def send(server: FakeBotAPI, user: JSON, group: int) -> Any:
        chat = server.group_chat(group)
        other = server.make_message(server.user(user["id"] + 1, "别人"), chat, "我觉得会停水")
        return server.group_text(user, group, "你说得不对" + (f" @{BOT} 停水吗" if mention else ""), reply_to=other)
    return send


def status_update(**fields: Any) -> Callable[[FakeBotAPI, JSON, int], Any]:
    def send(server: FakeBotAPI, user: JSON, group: int) -> Any:
        return message(server, user, server.group_chat(group), **fields)
    return send


def raw_update(kind: str, build: Callable[[FakeBotAPI, JSON], JSON]) -> Callable[[FakeBotAPI, JSON, int], Any]:
    def send(server: FakeBotAPI, user: JSON, group: int) -> Any:
        return server.queue_update({kind: build(server, user)})
    return send


def my_chat_member(server: FakeBotAPI, user: JSON) -> JSON:
    return {"chat": server.private_chat(user), "from": user, "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": server.bot_user},
            "new_chat_member": {"status": "kicked", "user": server.bot_user, "until_date": 0}}


CASES = [
    # text that is no question
    Case("empty text", lambda s, u, g: message(s, u, None, text=""), NON_TEXT),
    Case("whitespace", lambda s, u, g: s.private_text(u, "   \n\t  "), EMPTY),
    Case("emoji only", lambda s, u, g: s.private_text(u, "😀🙏🎉👍🏽"), EMPTY),
    Case("punctuation only", lambda s, u, g: s.private_text(u, "？？？！！。。。……"), EMPTY),
    Case("zero-width only", lambda s, u, g: s.private_text(u, "\u200b\u200c\u200d\ufeff\u2060"), EMPTY),
    Case("a bare slash", lambda s, u, g: s.private_text(u, "/"), EMPTY),
    Case("10,000 characters", lambda s, u, g: s.private_text(u, "停水" * 5000), "问题太长了（10000字）"),
    Case("4,096 characters, one word", lambda s, u, g: s.private_text(u, "水" * 4096), "问题太长了（4096字）"),
    # odd but real questions: an answer or "not found", never an error
    Case("control characters", lambda s, u, g: s.private_text(u, "停水\x00\x07吗\x1b[31m？\x7f"), CARD),
    Case("right-to-left text", lambda s, u, g: s.private_text(u, "هل سيتم قطع المياه هذا الصيف؟ \u202e停水吗"), CARD),
    Case("zero-width inside", lambda s, u, g: s.private_text(u, "今年\u200b夏天\u200d会\ufeff停水吗"), CARD),
    Case("HTML injection", lambda s, u, g: s.private_text(u, "<b>停水</b> 吗 <script>alert(1)</script>"), CARD),
    Case("closing tags", lambda s, u, g: s.private_text(u, "</pre></b></blockquote></a> 停水吗 <pre>"), CARD),
    Case("HTML entities", lambda s, u, g: s.private_text(u, "水费 &amp; 污水费 &lt;b&gt; &#x41; &bogus; &"), CARD),
    Case("Markdown", lambda s, u, g: s.private_text(u, "*停水* _吗_ [链接](http://x.y) `code` ~~s~~ ||x|| \\*"), CARD),
    Case("SQL-looking", lambda s, u, g: s.private_text(u, "'; DROP TABLE passages; -- 停水吗 OR 1=1"), CARD),
    Case("mixed scripts", lambda s, u, g: s.private_text(u, "停水 water 停電 ВОДА 1️⃣ ㊙️ 𠀋"), CARD),
    Case("traditional Chinese", lambda s, u, g: s.private_text(u, "今年夏天用水高峰會不會停水？"), CARD),
    Case("forwarded question", lambda s, u, g: s.forwarded(u, QUESTION), CARD),
    Case("edited question", edited_twice, CARD, replies=2),
    # commands
    Case("bare /ask", lambda s, u, g: s.command(u, None, "ask"), "用法：/ask 问题"),
    Case("/ask with emoji only", lambda s, u, g: s.command(u, None, "ask", "😀"), EMPTY),
    Case("bare /verify", lambda s, u, g: s.command(u, None, "verify"), "用法：/verify 说法"),
    Case("/verify of 10,000 characters", lambda s, u, g: s.command(u, None, "verify", "水" * 10000), "说法太长了"),
    Case("unknown command", lambda s, u, g: s.command(u, None, "frobnicate"), "没有 /frobnicate 这个命令"),
    Case("command for another bot, private", lambda s, u, g: s.private_text(u, "/help@OtherBot"),
         "这条命令是发给 @OtherBot 的"),
    Case("/start with a garbage payload", lambda s, u, g: s.command(u, None, "start", "x" * 64), "无法识别"),
    Case("/start with an HTML question payload", lambda s, u, g: s.command(u, None, "start",
                                                                           question_payload("<b>停水</b>吗")), CARD),
    # not text
    Case("sticker", lambda s, u, g: s.sticker(u), NON_TEXT),
    Case("photo with a caption", lambda s, u, g: s.photo(u, caption="这是什么？"), NON_TEXT),
    Case("voice", lambda s, u, g: s.voice(u), NON_TEXT),
    Case("document", media("document", **FILE, file_name="访谈.pdf", mime_type="application/pdf"), NON_TEXT),
    Case("location", media("location", latitude=37.5, longitude=122.1), NON_TEXT),
    Case("contact", media("contact", phone_number="+8610000000", first_name="钱明"), NON_TEXT),
    Case("poll", media("poll", **POLL), NON_TEXT),
    Case("dice", media("dice", emoji="🎲", value=3), NON_TEXT),
    Case("video", media("video", **FILE, width=64, height=64, duration=1), NON_TEXT),
    Case("audio", media("audio", **FILE, duration=1), NON_TEXT),
    Case("video note", media("video_note", **FILE, length=64, duration=1), NON_TEXT),
    Case("venue", media("venue", location={"latitude": 1.0, "longitude": 2.0}, title="水厂", address="海川"), NON_TEXT),
    # groups: only what is addressed to the bot
    Case("group command for another bot", lambda s, u, g: s.command(u, g, "ask@OtherBot", "停水吗"), SILENT, group=True),
    Case("group command for every bot", lambda s, u, g: s.command(u, g, "help"), "你好", group=True),
    Case("group command for this bot", lambda s, u, g: s.command(u, g, "help", to_bot=True), "你好", group=True),
    Case("group chatter", lambda s, u, g: s.group_text(u, g, QUESTION), SILENT, group=True),
    Case("group reply to another user", group_reply_to_someone(mention=False), SILENT, group=True),
    Case("group reply to another user, mentioning the bot", group_reply_to_someone(mention=True), CARD, group=True),
    Case("group mention alone", lambda s, u, g: s.group_text(u, g, f"@{BOT}"), EMPTY, group=True),
    Case("group mention after emoji", lambda s, u, g: s.group_text(u, g, f"😀😀 @{BOT} 停水吗"), CARD, group=True),
    Case("group sticker", lambda s, u, g: s.sticker(u, s.group_chat(g)), SILENT, group=True),
    Case("group photo mentioning the bot", lambda s, u, g: s.photo(u, s.group_chat(g), caption=f"@{BOT} 这是什么"),
         NON_TEXT, group=True),
    Case("bot added to a group", status_update(new_chat_members=[{**{"is_bot": True}, "id": 123456,
                                                                   "first_name": "Interview QA"}]), SILENT, group=True),
    Case("member left a group", status_update(left_chat_member={"id": 9, "is_bot": False, "first_name": "X"}),
         SILENT, group=True),
    # updates that need no reply
    Case("channel post", lambda s, u, g: s.channel_post(g - 1_000_000_000_000, QUESTION), SILENT, group=True),
    Case("edited channel post", lambda s, u, g: s.edited_message(s.channel_post(g - 1_000_000_000_000, "x"),
                                                                   QUESTION), SILENT, group=True),
    Case("the user blocked the bot", raw_update("my_chat_member", my_chat_member), SILENT),
    Case("a reaction", raw_update("message_reaction", lambda s, u: {
        "chat": s.private_chat(u), "message_id": 1, "date": int(time.time()), "user": u, "old_reaction": [],
        "new_reaction": [{"type": "emoji", "emoji": "👍"}]}), SILENT),
    Case("a poll answer", raw_update("poll_answer", lambda s, u: {"poll_id": "77", "user": u, "option_ids": [0],
                                                                  "option_persistent_ids": ["o1"]}),
         SILENT),
    Case("a chosen inline result", raw_update("chosen_inline_result", lambda s, u: {
        "result_id": "x", "from": u, "query": "停水"}), SILENT),
    Case("an update type from the future", raw_update("quantum_entanglement", lambda s, u: {"spin": "up"}), SILENT),
]


def chat_of(case: Case, n: int) -> int:
    return -7000 - n if case.group else 5000 + n


def is_card(text: str) -> bool:
    return "🏛" in text or "没有找到" in text


def check_telegram_accepts(call: Call) -> str | None:
    """Why Telegram would refuse this reply, or None."""
    if call.status != 200:
        return f"HTTP {call.status}: {call.response}"
    if len(call.result["text"]) > 4096:
        return f"{len(call.result['text'])} characters"
    return None


async def test_every_odd_message_gets_a_clear_reply_or_deliberate_silence(fake_bot_api: FakeBotAPI,
                                                                         tmp_path: Path) -> None:
    assert len(CASES) >= 30
    server = fake_bot_api
    async with running_bot(server, app_config(tmp_path)):
        for n, case in enumerate(CASES):
            case.send(server, server.user(5000 + n, f"用户{n}"), -7000 - n)
        expected = sum(c.replies for c in CASES if c.expect is not SILENT)
        try:
            await server.wait_for("sendMessage", expected, timeout=20)
            all_replied = True
        except AssertionError:
            all_replied = False  # the cases below say which reply is missing; the test fails either way
        await asyncio.sleep(0.5)  # anything more would be a reply to what must stay silent
    problems = []
    sent = server.calls_of("sendMessage")
    for n, case in enumerate(CASES):
        mine = [c for c in sent if int(c.params["chat_id"]) == chat_of(case, n)]
        for call in mine:
            if (why := check_telegram_accepts(call)) is not None:
                problems.append(f"{case.name}: Telegram would refuse the reply ({why})")
        got = [c.result["text"] for c in mine if c.status == 200]
        if case.expect is SILENT:
            if got:
                problems.append(f"{case.name}: should stay silent, replied {got!r}")
        elif len(got) != case.replies:
            problems.append(f"{case.name}: {len(got)} replies, expected {case.replies}: {got!r}")
        elif case.expect is CARD and not all(is_card(t) for t in got):
            problems.append(f"{case.name}: expected an answer or a 'not found' card, got {got!r}")
        elif case.expect is not CARD and case.expect not in got[-1]:
            problems.append(f"{case.name}: expected {case.expect!r} in {got[-1]!r}")
        if case.group and got and any("reply_to_message" not in c.result for c in mine):
            problems.append(f"{case.name}: a group reply must quote the message it answers")
    assert not problems, "\n".join(problems)
    assert all_replied, f"fewer than the {expected} replies expected arrived within 20 s"


INLINE = [  # (query, offset, what the answer must be)
    ("", "", "button"), ("   ", "", "button"), ("问" * 300, "", "button"), ("😀", "", "button"),
    ("\u200b", "", "button"), ("<b>停水</b> </pre> &amp;", "", "any"), ("停水吗", "garbage", "any"),
    ("停水吗", "-1", "any"), ("停水吗", "9" * 40, "any"), ("هل سيتم قطع المياه", "", "any"),
    ("'; DROP TABLE passages; --", "", "any"), ("*停水* _吗_ [x](y)", "", "any"), ("今年\x00夏天\x1b停水", "", "any"),
]


async def test_odd_inline_queries_get_valid_answers(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    server = fake_bot_api
    ids = {}
    async with running_bot(server, app_config(tmp_path, inline_per_minute=100)):
        for n, (query, offset, _) in enumerate(INLINE):
            update = server.inline_query(server.user(5500 + n), query, offset, chat_type=("group", "sender")[n % 2])
            ids[update["inline_query"]["id"]] = n
        calls = await server.wait_for("answerInlineQuery", len(INLINE), timeout=20)
    problems = []
    for call in calls:
        n = ids[str(call.params["inline_query_id"])]
        query, _, kind = INLINE[n]
        results = call.params.get("results") or []
        if call.status != 200:
            problems.append(f"{query[:20]!r}: HTTP {call.status}")
        if kind == "button" and (results or not call.params.get("button", {}).get("text")):
            problems.append(f"{query[:20]!r}: expected no results and a button")
        if not results and not call.params.get("button"):
            problems.append(f"{query[:20]!r}: neither results nor a button")
        if len(results) > 50 or len({r["id"] for r in results}) != len(results):
            problems.append(f"{query[:20]!r}: too many or repeated result ids")
        for result in results:
            content = result["input_message_content"]
            text, _ = _TelegramHTML().parse(content["message_text"])  # raises on markup Telegram refuses
            if not result["title"] or len(result["id"].encode()) > 64 or len(text) > 4096:
                problems.append(f"{query[:20]!r}: an invalid article {result['id']!r}")
    assert not problems, "\n".join(problems)


def garbage_buttons(key: str) -> list[str]:
    return ["", "m:", "m:abc:0", "m:abc:-1", "m:abc:1e3", "m:ＡＢＣ:1", "m:" + key + ":99", "m:" + key + ":100",
            "c:" + "a" * 41, "s:<script>alert(1)</script>", "b:zzzzzzzzzz", "i:0123456789", "x" * 65,
            "c:../../etc/passwd", "c:\u202e\u200b", "s:", "🙂:🙂", "m:" + key + ":1:extra", "c:p_" + "f" * 30]


async def test_garbage_button_data_gets_a_short_notice(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    server = fake_bot_api
    user = server.user(5800)
    async with running_bot(server, app_config(tmp_path)):
        server.private_text(user, QUESTION)
        [card] = await server.wait_for("sendMessage")
        key = next(b["callback_data"] for row in card.params["reply_markup"]["inline_keyboard"] for b in row
                   if b["callback_data"].startswith("m:")).split(":")[1]
        datas = garbage_buttons(key)
        for data in datas:
            server.callback_query(user, card, data)
        # a button under a message sent through inline mode (no message), and a game button (no data)
        server.queue_update({"callback_query": {"id": server._new_query_id(), "from": user, "chat_instance": "1",
                                                "inline_message_id": "AAAA", "data": "c:abc"}})
        server.queue_update({"callback_query": {"id": server._new_query_id(), "from": user, "chat_instance": "1",
                                                "message": card.result, "game_short_name": "quiz"}})
        answers = await server.wait_for("answerCallbackQuery", len(datas) + 2, timeout=20)
        await asyncio.sleep(0.3)
    assert all(c.status == 200 and c.params.get("text") for c in answers)
    assert {c.params["text"] for c in answers} <= {"这个按钮无法识别，请重新提问。", "这条结果已过期，请重新提问。",
                                                    "没有更多结果了。", "找不到这段原文（访谈库可能已更新），请重新提问。",
                                                    "这个单位已不在访谈库中，请重新发送 /bureaus。"}
    assert len(server.calls_of("sendMessage")) == 1  # garbage never produces a message


# -- the corpus -----------------------------------------------------------------------------------------------------
TRAD = "記者：今年夏天用水高峰會不會停水？\n\n錢明：今年全市新建水廠兩座。\n"
BAD_FILES: dict[str, tuple[bytes, str]] = {  # name: (bytes, the reason the warning must give)
    "binary.txt": (bytes(range(256)) * 40, "binary data"),
    "empty.txt": (b"", "the file is empty"),
    "whitespace.md": (b"  \n\t\n   \r\n", "the file is empty"),
    "latin1.md": ("Q: café?\n\nA: Prices at the café rose.\n".encode("latin-1"), "cannot decode"),
    "no-article.html": (b"<html><head><title>x</title><script>var a;</script></head><body><nav>home</nav></body></html>",
                        "no article text"),
    "bad-front-matter.md": (("---\ntitle: [unclosed\n---\n" + WATER.split("---\n", 2)[2]).encode(), "not valid YAML"),
    "list-front-matter.md": (("---\n- a\n- b\n---\n" + WATER.split("---\n", 2)[2]).encode(), "not a mapping"),
    "no-turns.txt": ("海川市今年修了很多路。\n\n第二段说的是公园建设，公园今年新增二十个。".encode(), "no question-and-answer turns"),
    "app-shell.html": (b'<html><body><div id="app"></div><script>window.__STATE__=' + b"[" * 100_000 + b"]" * 100_000
                       + b';var b = {"list": [1, 2,</script></body></html>', "no article text"),  # state too deep, cut
    "slides.pdf": (b"%PDF-1.4 not really", "not a readable PDF"),
    "slides.pptx": (b"PK\x03\x04 not really", "not a corpus file type"),
    "old-word.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "save it as .docx"),
    "wps-draft.wps": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "save it as .docx"),
    "a<b>&amp.txt": (b"\x00\x01\x02" * 100, "binary data"),
}
GOOD_FILES: dict[str, bytes] = {
    "utf16-bom.txt": WATER.encode("utf-16"),
    "gbk.txt": ("---\nbureau: 海川市林业局\n---\n记者：防火期间能进山吗？\n\n孙林：防火期间进山需要登记，严禁带火种。\n").encode("gbk"),
    "bom-utf8.md": codecs.BOM_UTF8 + "---\nbureau: 海川市交通局\n---\n问：公交票价会涨吗？\n答：今年公交票价不涨。\n".encode(),
    "tiny-turns.txt": "\n\n".join(f"记者：第{i}问？\n\n钱明：第{i}答。" for i in range(1000)).encode(),
    "controls.txt": "海川市教育局谈开学\x07\n\n记者：几号开学？\n\n局长：9月1日开学\x1b。\n".encode(),
    "utf16-no-bom.txt": WATER.encode("utf-16-le"),
    "big5.txt": TRAD.encode("big5"),
    "truncated-utf8.txt": WATER.encode("utf-8")[:-2],  # warned about, and indexed without its cut last character
}


def test_bad_corpus_files_are_named_with_a_reason_and_the_rest_is_indexed(tmp_path: Path) -> None:
    config = app_config(tmp_path)  # the fictional water and Q/A interviews
    for name, (data, _) in BAD_FILES.items():
        (config.corpus.dir / name).write_bytes(data)
    for name, data in GOOD_FILES.items():
        (config.corpus.dir / name).write_bytes(data)
    (config.corpus.dir / "folder.txt").mkdir()  # a folder with a corpus-like name is not a file
    report = refresh_index(config.core, FakeEmbedder())
    missing = [f"{name}: no warning with {reason!r}" for name, (_, reason) in BAD_FILES.items()
               if not any(w.startswith(name) and reason in w for w in report.warnings)]
    assert not missing, "\n".join(missing) + "\nwarnings:\n" + "\n".join(report.warnings)
    files = {p.file for p in report.data.passages}
    assert {"fictional-water.txt", "fictional-q-a.txt", *GOOD_FILES, "no-turns.txt", "bad-front-matter.md",
            "list-front-matter.md"} <= files
    assert not files & {"binary.txt", "empty.txt", "whitespace.md", "latin1.md", "slides.pdf", "slides.pptx"}
    assert any(w.startswith("truncated-utf8.txt") and "middle of a character" in w for w in report.warnings)
    assert any("錢明" == p.speaker for p in report.data.passages if p.file == "big5.txt")
    assert sum(p.file == "tiny-turns.txt" for p in report.data.passages) >= 1000
    gbk = next(p for p in report.data.passages if p.file == "gbk.txt")
    assert "严禁带火种" in gbk.text and gbk.bureau == "海川市林业局"
    assert any("80万吨" in p.text for p in report.data.passages if p.file == "utf16-bom.txt")


async def test_reload_lists_bad_files_in_a_valid_message(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    config = app_config(tmp_path)
    admin = fake_bot_api.user(ADMIN)
    async with running_bot(fake_bot_api, config):
        for name, (data, _) in BAD_FILES.items():
            (config.corpus.dir / name).write_bytes(data)
        fake_bot_api.command(admin, None, "reload")
        calls = await fake_bot_api.wait_for("sendMessage", 2, timeout=20)
    done = calls[-1]
    assert done.status == 200 and "警告" in done.result["text"]
    assert "a<b>&amp.txt: skipped: binary data" in done.result["text"]  # shown as written, not as markup


def test_a_5_mb_interview_parses_in_bounded_time(tmp_path: Path) -> None:
    """Linear, not quadratic: ~30 s here (parser 94, 2026-12-07; ~6 s a megabyte); the bound only catches a parser
    that blows up on big files (a quadratic one would take hours), with room for a loaded machine."""
    turns = [WATER]
    size, i = len(WATER.encode()), 0
    while size < 5 * 1024 * 1024:
        i += 1
        turn = (f"\n记者：第{i}批水厂什么时候建成？\n\n钱明：第{i}批水厂预计{i % 12 + 1}月建成，"
                f"日供水能力提高{i}万吨。我们会按期完成。\n")
        turns.append(turn)
        size += len(turn.encode())
    path = tmp_path / "huge.txt"
    path.write_text("".join(turns), encoding="utf-8")
    began = time.monotonic()
    interview = parse_file(path, "huge.txt")
    assert time.monotonic() - began < 120
    assert len(interview.passages) > 10_000 and "第4320批水厂预计1月建成" in "".join(p.text for p in interview.passages)


def test_a_file_over_the_size_limit_is_skipped_with_its_size(tmp_path: Path) -> None:
    config = app_config(tmp_path)
    with (config.corpus.dir / "giant.txt").open("wb") as handle:  # sparse: no 20 MB written
        handle.truncate(MAX_FILE_BYTES + 1024 * 1024)
    report = refresh_index(config.core, FakeEmbedder())
    assert any(w.startswith("giant.txt: skipped: the file is 21 MB; the limit is 20 MB") for w in report.warnings)
    assert {p.file for p in report.data.passages} == {"fictional-water.txt", "fictional-q-a.txt"}


@pytest.mark.parametrize("text", ["", "   ", "😀", "？？", "\u200b", "/"])
def test_no_words_no_search(text: str, tmp_path: Path) -> None:
    from bot.conversation.conversation import Conversation, ConversationSettings
    from bot.conversation.replies import Hint
    from tests.telegram_helpers import fake_searcher

    conversation = Conversation(fake_searcher(app_config(tmp_path)), ConversationSettings())
    reply = conversation.prepare(1, text)
    assert isinstance(reply, Hint) and reply.code == "empty"
