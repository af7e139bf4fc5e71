"""The REAL python-telegram-bot Application, over HTTP, against the fake Bot API (fictional corpus, FakeEmbedder)."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any

import pytest

from bot import texts as bot_texts
from bot.conversation.actions import question_payload
from tests.fake_bot_api import Call, FakeBotAPI
from tests.telegram_helpers import ADMIN, FOREST, REFUSING, app_config, fake_searcher, running_bot, texts

QUESTION = "今年夏天用水高峰会不会停水？"


def buttons(call: Call) -> dict[str, str]:
    markup = call.params.get("reply_markup") or {}
    return {b["text"]: b.get("callback_data") or b.get("url") for row in markup.get("inline_keyboard", []) for b in row}


def sent(server: FakeBotAPI) -> list[Call]:
    return [c for c in server.calls_of("sendMessage") if c.status == 200]


async def test_private_question_gets_an_answer_card(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1001, "小明")
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.private_text(user, QUESTION)
        [call] = await fake_bot_api.wait_for("sendMessage")
    assert call.params["parse_mode"] == "HTML"
    text = call.result["text"]
    for part in ("海川市水务局", "钱明（局长）", "记者问：今年夏天用水高峰会不会停水？", "日供水能力提高到80万吨", "海川日报",
                 "《海川市水务局谈夏季供水保障》", "2023-05-01", "https://example.org/fictional/water?a=1&b=2"):
        assert part in text, part
    bold = [e for e in call.result["entities"] if e["type"] == "bold"]
    assert bold, "the best sentence is in bold"
    assert set(buttons(call)) == {"更多结果 ▶", "完整回答", "出处"}
    assert "reply_to_message" not in call.result  # private chats: no quoting
    assert [c["command"] for c in fake_bot_api.commands] == ["ask", "new", "bureaus", "verify", "about", "help"]


async def test_groups_answer_only_mentions_replies_and_ask(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user, group = fake_bot_api.user(1002, "群友"), -4001
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.group_text(user, group, QUESTION)  # not addressed: ignored
        fake_bot_api.sticker(user, group)  # not addressed either
        fake_bot_api.command(user, group, "other", to_bot=False)  # an unknown command for every bot: not ours
        mention = fake_bot_api.group_text(user, group, "水费计算器可靠吗", mention=True)
        [first] = await fake_bot_api.wait_for("sendMessage")
        reply = fake_bot_api.group_text(user, group, "老旧小区水管什么时候改造", reply_to_bot=True)
        await fake_bot_api.wait_for("sendMessage", 2)
        ask = fake_bot_api.command(user, group, "ask", "清明节上山祭扫能用火吗")
        calls = await fake_bot_api.wait_for("sendMessage", 3)
        await asyncio.sleep(0.2)
    assert len(sent(fake_bot_api)) == 3
    replied_to = [c.result["reply_to_message"]["message_id"] for c in calls]
    assert replied_to == [u["message"]["message_id"] for u in (mention, reply, ask)]
    assert "水费" in first.result["text"] and "InterviewQABot" not in first.result["text"]
    assert "120个小区" in calls[1].result["text"]


async def test_inline_query_answers_with_articles(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1003)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.inline_query(user, "水费计算器可靠吗")
        fake_bot_api.inline_query(user, "   ")
        calls = await fake_bot_api.wait_for("answerInlineQuery", 2)
    by_query = {len(c.params.get("results") or []) > 0: c for c in calls}
    results = by_query[True].params["results"]
    assert 1 <= len(results) <= 5 and all(r["type"] == "article" for r in results)
    content = results[0]["input_message_content"]
    assert content["parse_mode"] == "HTML" and "&lt;script&gt;" in content["message_text"]
    assert results[0]["reply_markup"]["inline_keyboard"][0][0]["url"].startswith("https://t.me/InterviewQABot?start=p_")
    assert by_query[False].params["button"]["start_parameter"] == "help"
    assert all(c.status == 200 for c in calls)


async def test_inline_queries_are_rate_limited_per_user(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user, other = fake_bot_api.user(1020), fake_bot_api.user(1021)
    async with running_bot(fake_bot_api, app_config(tmp_path, inline_per_minute=1, concurrent_updates=1)):
        for who in (user, user, other):
            fake_bot_api.inline_query(who, "停水吗")
        calls = await fake_bot_api.wait_for("answerInlineQuery", 3)
    limited = [c for c in calls if not c.params.get("results")]
    assert len(limited) == 1 and limited[0].params["button"]["text"] == "查询太频繁，请稍后再试"
    assert limited[0].params["is_personal"] is True


async def test_every_button_works_and_tampered_data_is_refused(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1004)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.private_text(user, QUESTION)
        [card] = await fake_bot_api.wait_for("sendMessage")
        data = buttons(card)
        fake_bot_api.callback_query(user, card, data["更多结果 ▶"])
        [_, second] = await fake_bot_api.wait_for("sendMessage", 2)
        assert "第 2/3 条" in second.result["text"] and "更多结果 ▶" in buttons(second)
        fake_bot_api.callback_query(user, card, data["完整回答"])
        [*_, context] = await fake_bot_api.wait_for("sendMessage", 3)
        fake_bot_api.callback_query(user, card, data["出处"])
        [*_, source] = await fake_bot_api.wait_for("sendMessage", 4)
        for bad in ("m:zzzz:1", "x:hack", "c:../../etc/passwd", "m:zzzz:1:" + "9" * 60, data["更多结果 ▶"][:-1] + "9"):
            fake_bot_api.callback_query(user, card, bad)
        answers = await fake_bot_api.wait_for("answerCallbackQuery", 8)
        await asyncio.sleep(0.2)
    assert "完整回答" in context.result["text"] and "日供水能力提高到80万吨" in context.result["text"]
    assert "出处" in source.result["text"] and "fictional-water.txt，第" in source.result["text"]
    assert "段落编号" in source.result["text"]
    notices = sorted(c.params.get("text") or "" for c in answers[3:])  # updates are handled concurrently
    assert notices == sorted(["这条结果已过期，请重新提问。"] + ["这个按钮无法识别，请重新提问。"] * 3 + ["没有更多结果了。"])
    assert all(c.status == 200 for c in answers) and len(sent(fake_bot_api)) == 4


async def test_start_with_and_without_payload(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1005)
    config = app_config(tmp_path)
    searcher = fake_searcher(config)
    pid = next(p.passage_id for p in searcher.data.passages if "120个小区" in p.text)
    async with running_bot(fake_bot_api, config, lambda: searcher):
        for payload in (None, f"p_{pid}", "p_ffffffff-ffffff", "garbage<>", question_payload("停水吗？")):
            fake_bot_api.command(user, None, "start", payload)
            await fake_bot_api.wait_for("sendMessage", len(texts(fake_bot_api)) + 1)
    welcome, opened, missing, bad, asked = texts(fake_bot_api)
    assert "你好" in welcome and "/verify" in welcome and "@InterviewQABot" in welcome
    assert "120个小区" in opened
    assert "已不在访谈库中" in missing and "无法识别" in bad
    assert "80万吨" in asked


async def test_two_different_bad_deep_links_in_a_row_both_get_a_reply(fake_bot_api: FakeBotAPI,
                                                                       tmp_path: Path) -> None:
    user = fake_bot_api.user(1015)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        for payload in ("garbage<>", "other!!"):
            fake_bot_api.command(user, None, "start", payload)
            await fake_bot_api.wait_for("sendMessage", len(texts(fake_bot_api)) + 1)
    first, second = texts(fake_bot_api)
    assert "无法识别" in first and "无法识别" in second


async def test_reload_refused_for_users_and_picks_up_new_files_for_admins(fake_bot_api: FakeBotAPI,
                                                                           tmp_path: Path) -> None:
    user, admin = fake_bot_api.user(1006), fake_bot_api.user(ADMIN, "管理员")
    config = app_config(tmp_path)
    async with running_bot(fake_bot_api, config) as app:
        old = app.bot_data.searcher
        fake_bot_api.command(user, None, "reload")
        await fake_bot_api.wait_for("sendMessage", 1)
        fake_bot_api.command(user, None, "stats")
        await fake_bot_api.wait_for("sendMessage", 2)
        (config.corpus.dir / "fictional-forest.txt").write_text(FOREST, encoding="utf-8")
        fake_bot_api.command(admin, None, "reload")
        await fake_bot_api.wait_for("sendMessage", 4, timeout=20)
        fake_bot_api.private_text(admin, "清明节上山祭扫有什么防火规定")
        await fake_bot_api.wait_for("sendMessage", 5)
        fake_bot_api.command(admin, None, "stats")
        await fake_bot_api.wait_for("sendMessage", 6)
        assert app.bot_data.searcher is not old
    refused, refused_stats, working, done, answer, stats = texts(fake_bot_api)
    assert "仅限管理员" in refused and "仅限管理员" in refused_stats
    assert "正在重新加载" in working
    assert "fictional-forest.txt" in done and "3 篇访谈" in done
    assert "85个" in answer
    assert "回答 1 个问题" in stats and "访谈 3 篇" in stats


@pytest.mark.parametrize("send, expect", [
    (lambda s, u: s.sticker(u), "只能读懂文字"),
    (lambda s, u: s.photo(u, caption="这是什么"), "只能读懂文字"),
    (lambda s, u: s.voice(u), "只能读懂文字"),
    (lambda s, u: s.queue_update({"message": s.make_message(u, None, document={
        "file_id": "doc-1", "file_unique_id": "doc-u1", "file_name": "a.pdf"})}), "只能读懂文字"),
    (lambda s, u: s.private_text(u, "   "), "请用文字输入一个问题"),
    (lambda s, u: s.private_text(u, "问" * 201), "问题太长了（201字）"),
    (lambda s, u: s.command(u, None, "frobnicate"), "没有 /frobnicate 这个命令"),
    (lambda s, u: s.command(u, None, "ask"), "用法：/ask 问题"),
    (lambda s, u: s.command(u, None, "verify"), "用法：/verify 说法"),
    (lambda s, u: s.edited_message(s.private_text(u, "/about"), "/help"), "编辑过的命令不会重新执行"),
])
async def test_hints_never_silence(fake_bot_api: FakeBotAPI, tmp_path: Path, send: Any, expect: str) -> None:
    user = fake_bot_api.user(1007)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        send(fake_bot_api, user)
        calls = await fake_bot_api.wait_for("sendMessage", predicate=lambda c: expect in c.result["text"])
    assert calls[0].status == 200


async def test_an_edited_question_is_answered_again(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1008)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        original = fake_bot_api.private_text(user, "水费计算器可靠吗")
        await fake_bot_api.wait_for("sendMessage")
        fake_bot_api.edited_message(original, "老旧小区的水管什么时候改造")
        [_, edited] = await fake_bot_api.wait_for("sendMessage", 2)
    assert "120个小区" in edited.result["text"]


async def test_html_in_the_corpus_is_escaped(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1009)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.private_text(user, "网上流传的水费计算器可靠吗")
        [call] = await fake_bot_api.wait_for("sendMessage")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in call.params["text"] and "水费 &amp; 污水处理费" in call.params["text"]
    assert "<script>alert(1)</script>" in call.result["text"] and "水费 & 污水处理费" in call.result["text"]


async def test_verify_a_paraphrase_is_consistent_and_names_the_facts_matched(fake_bot_api: FakeBotAPI,
                                                                              tmp_path: Path) -> None:
    user = fake_bot_api.user(1011)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.command(user, None, "verify", "海川今年新建的两座水厂投产后，日供水能力达到80万吨")
        [call] = await fake_bot_api.wait_for("sendMessage")
    sent, shown = call.params["text"], call.result["text"]
    assert bot_texts.VERDICTS["consistent"] in shown and "与原文有出入" not in shown
    assert bot_texts.FACTS_MATCHED + bot_texts.fact_matched("place", "海川", "海川市水务局") in shown
    assert bot_texts.fact_matched("number", "80万吨", "80万吨") in shown
    assert "<i>两座</i>" in sent and "<i>80万吨</i>" in sent  # the facts marked in the passage quoted


async def test_verify_about_and_bureaus(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1010)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.command(user, None, "verify", "日供水能力提高到90万吨")
        await fake_bot_api.wait_for("sendMessage", 1)
        fake_bot_api.command(user, None, "about")
        await fake_bot_api.wait_for("sendMessage", 2)
        fake_bot_api.command(user, None, "bureaus")
        [*_, choice] = await fake_bot_api.wait_for("sendMessage", 3)
        data = buttons(choice)
        fake_bot_api.callback_query(user, choice, data["海川市水务局（1篇）"])
        await fake_bot_api.wait_for("sendMessage", 4)
        [row] = [r for r in choice.params["reply_markup"]["inline_keyboard"] if r[0]["text"].startswith("海川市水务局")]
        fake_bot_api.callback_query(user, choice, row[1]["callback_data"])
        await fake_bot_api.wait_for("sendMessage", 5)
        fake_bot_api.private_text(user, "创新券怎么申请")
        await fake_bot_api.wait_for("sendMessage", 6)
    verify, about, _, listing, selected, filtered = texts(fake_bot_api)
    assert "与原文有出入" in verify and "说法「90万吨」，原文「80万吨」" in verify
    assert "逐字引用" in about and "2 篇访谈" in about
    assert "《海川市水务局谈夏季供水保障》" in listing
    assert "下一个问题只在「海川市水务局」" in selected
    # the answer is in the 科技局 interview: with the filter on, only the water bureau's is searched, and the bot says
    # it does not answer this (not found, or the closest passage said to be only close)
    assert filtered.startswith(bot_texts.only_in_bureau("海川市水务局") + "\n" + bot_texts.LOW_CONFIDENCE + "\n"
                               + bot_texts.LOW_CONFIDENCE_CHECK)
    assert "创新券" not in filtered.split("可以试着")[0].split("您可能想问")[0]


async def test_not_found_reply_is_plain_and_helpful(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1011)
    async with running_bot(fake_bot_api, app_config(tmp_path, search=REFUSING)):
        fake_bot_api.private_text(user, "火星移民政策是什么")
        [call] = await fake_bot_api.wait_for("sendMessage")
    text = call.result["text"]
    assert "没有找到" in text and "海川市水务局（1篇）" in text and "可以试着这样问" in text


async def test_per_user_rate_limit_replies_politely(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user, other = fake_bot_api.user(1012), fake_bot_api.user(1013)
    async with running_bot(fake_bot_api, app_config(tmp_path, questions_per_minute=2, concurrent_updates=1)):
        for _ in range(3):
            fake_bot_api.private_text(user, QUESTION)
        fake_bot_api.private_text(other, QUESTION)
        await fake_bot_api.wait_for("sendMessage", 4)
    limited = [t for t in texts(fake_bot_api) if "提问太频繁" in t]
    assert len(limited) == 1


async def test_flood_control_429_is_retried(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1014)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.inject("sendMessage", 429, retry_after=1)
        began = time.monotonic()
        fake_bot_api.private_text(user, QUESTION)
        [ok] = await fake_bot_api.wait_for("sendMessage", predicate=lambda c: c.status == 200)
    assert [c.status for c in fake_bot_api.calls_of("sendMessage")] == [429, 200]
    assert "80万吨" in ok.result["text"] and time.monotonic() - began >= 1.0


async def test_polling_recovers_from_a_502(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1015)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.inject("getUpdates", 502, times=1)
        fake_bot_api.private_text(user, QUESTION)
        await fake_bot_api.wait_for("sendMessage", timeout=10)
    assert 502 in [c.status for c in fake_bot_api.calls_of("getUpdates")]


async def test_a_failing_handler_is_reported_politely(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(1016)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    async with running_bot(fake_bot_api, app_config(tmp_path), allow_errors=True) as app:
        app.bot_data.conversation.searcher.search = broken
        fake_bot_api.private_text(user, QUESTION)
        [call] = await fake_bot_api.wait_for("sendMessage")
    assert "出了问题" in call.result["text"]


async def test_the_token_never_reaches_the_logs(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    user = fake_bot_api.user(1017)
    async with running_bot(fake_bot_api, app_config(tmp_path), allow_errors=True) as app:
        fake_bot_api.inject("getUpdates", 502, times=1)
        fake_bot_api.private_text(user, QUESTION)
        fake_bot_api.callback_query(user, fake_bot_api.make_message(user, None, "x"), "tampered")
        fake_bot_api.inline_query(user, "停水")
        await fake_bot_api.wait_for("sendMessage")
        await fake_bot_api.wait_for("answerInlineQuery")
        await fake_bot_api.wait_for("answerCallbackQuery")
        logging.getLogger("some.library").debug("GET %s/getMe", fake_bot_api.base_url + fake_bot_api.token)
        try:
            raise ValueError(f"bad url {fake_bot_api.base_url}{fake_bot_api.token}/getMe")
        except ValueError:
            logging.getLogger("another").exception("request failed")
        assert app.bot.token == fake_bot_api.token
    assert len(caplog.records) > 20, "DEBUG logging was on"
    captured = caplog.text + "".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert fake_bot_api.token not in captured
    assert fake_bot_api.token.split(":")[1] not in captured
    assert "<redacted>" in captured and logging.getLogger("httpx").level == logging.WARNING


async def test_webhook_mode_checks_the_secret(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    user = fake_bot_api.user(1018)
    config = app_config(tmp_path, base_url=fake_bot_api.base_url)
    from bot.telegram.app import build_application

    app = build_application(config, fake_bot_api.token, lambda: fake_searcher(config))
    await app.initialize()
    await app.post_init(app)  # type: ignore[misc]
    await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="telegram",
                                    webhook_url=f"http://127.0.0.1:{port}/telegram", secret_token="s3cret-Token")
    await app.start()
    try:
        update = fake_bot_api.private_text(user, QUESTION)
        fake_bot_api._pending.clear()  # delivered by webhook, not getUpdates
        status, _ = await fake_bot_api.post_webhook(update, secret_token=None)
        assert status == 403
        status, _ = await fake_bot_api.post_webhook(update)
        assert status == 200
        [call] = await fake_bot_api.wait_for("sendMessage")
        assert "80万吨" in call.result["text"]
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)  # type: ignore[misc]
    assert fake_bot_api.calls_of("setWebhook")[0].params["secret_token"] == "s3cret-Token"


async def test_a_burst_from_many_users_is_answered_in_full(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    users = [fake_bot_api.user(2000 + i) for i in range(20)]
    questions = [QUESTION, "水费计算器可靠吗", "老旧小区的水管什么时候改造", "创新券怎么申请"]
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        for n in range(200):
            fake_bot_api.private_text(users[n % len(users)], questions[n % len(questions)])
        calls = await fake_bot_api.wait_for("sendMessage", 200, timeout=60)
    assert all(c.status == 200 for c in calls)
    per_chat: dict[int, int] = {}
    for c in calls:
        per_chat[c.result["chat"]["id"]] = per_chat.get(c.result["chat"]["id"], 0) + 1
    assert per_chat == {u["id"]: 10 for u in users}


def test_webhook_without_url_is_a_config_error(tmp_path: Path) -> None:
    from dataclasses import replace

    from bot.telegram.app import check_embedded_webhook
    from index.errors import ConfigError

    config = app_config(tmp_path)
    config = replace(config, telegram=replace(config.telegram, mode="webhook"))
    with pytest.raises(ConfigError, match="webhook.url"):
        check_embedded_webhook(config)


SERVE_SCRIPT = """
import asyncio
import sys
from dataclasses import replace
from pathlib import Path
from tests.telegram_helpers import app_config, fake_searcher
from bot.cli import main
from bot.config import WebConfig, WebhookConfig
import bot.web.server as w

tmp, base_url, mode, port = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]) or 8443  # unused when polling
webhook = WebhookConfig(url=f"http://127.0.0.1:{port}/hook", path="hook", secret_token="s3cret-webhook-token")
config = app_config(tmp, base_url=base_url, mode=mode, webhook=webhook)
# the webhook is a route of the web server (serve runs both): on the webhook's port here, any free port when polling
config = replace(config, web=WebConfig(port=port if mode == "webhook" else 0))
w.run = lambda c, token: asyncio.run(w.serve_forever(config, token, lambda: fake_searcher(config)))
sys.exit(main(["serve", "--log-level", "DEBUG"]))
"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def serve_process(server: FakeBotAPI, tmp_path: Path, token: str, mode: str = "polling",
                        port: int = 0) -> asyncio.subprocess.Process:
    """`interview-qa serve` in its own process, over the fictional corpus and the fake embedder."""
    import os
    import sys

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token, "PYTHONPATH": str(root)}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-c", SERVE_SCRIPT, str(tmp_path), server.base_url, mode, str(port), env=env,
        cwd=str(tmp_path), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_serve_answers_and_stops_cleanly_on_sigterm(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                          mode: str) -> None:
    """`interview-qa serve`: answers a question, then SIGTERM ends it with exit code 0 and nothing hangs."""
    import signal

    port = free_port()
    process = await serve_process(fake_bot_api, tmp_path, fake_bot_api.token, mode, port)
    try:
        update = fake_bot_api.private_text(fake_bot_api.user(1019), QUESTION)
        if mode == "webhook":
            await fake_bot_api.wait_for("setWebhook", timeout=60)
            fake_bot_api._pending.clear()  # delivered by the webhook, not getUpdates
            status = 0
            deadline = time.monotonic() + 60  # the server listens right after setWebhook (slower on a busy machine)
            while not status and time.monotonic() < deadline:
                try:
                    status, _ = await fake_bot_api.post_webhook(update)
                except OSError:
                    await asyncio.sleep(0.1)
            assert status == 200
            assert (await fake_bot_api.post_webhook(update, secret_token="wrong"))[0] == 403
            assert fake_bot_api.webhook and fake_bot_api.webhook["url"] == f"http://127.0.0.1:{port}/hook"
        await fake_bot_api.wait_for("sendMessage", timeout=60)
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 20)
    finally:
        if process.returncode is None:
            process.kill()
    log = err.decode()
    assert process.returncode == 0, log[-2000:]
    assert fake_bot_api.token not in log and "stopping the web and the bot" in log
    assert "s3cret-webhook-token" not in log


async def test_sigterm_while_serve_is_starting_still_stops_it_cleanly(fake_bot_api: FakeBotAPI,
                                                                      tmp_path: Path) -> None:
    """A SIGTERM that arrives before the server has started (here: as soon as the bot checks its token) is not
    the default kill: serve finishes starting, then stops the web and the bot and exits 0."""
    import signal

    process = await serve_process(fake_bot_api, tmp_path, fake_bot_api.token)
    try:
        await fake_bot_api.wait_for("getMe", timeout=60)
        process.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        if process.returncode is None:
            process.kill()
    log = err.decode()
    assert process.returncode == 0, log[-2000:]
    assert "stopping the web and the bot" in log


async def test_serve_with_a_wrong_token_is_one_clear_line(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    wrong = "999:WRONG-token-abcdef"
    process = await serve_process(fake_bot_api, tmp_path, wrong)
    _, err = await asyncio.wait_for(process.communicate(), 60)
    log = err.decode()
    assert process.returncode == 1
    assert log.strip().splitlines()[-1] == ("interview-qa: error: the Bot API rejected TELEGRAM_BOT_TOKEN "
                                            "(check the token BotFather gave you)")
    assert wrong not in log and "WRONG-token" not in log
