"""The bot inside the web server's process (`interview-qa serve`): polling alongside the pages, or Telegram posting
to a webhook route of the same app (python-telegram-bot's custom-webhook pattern), against the fake Bot API."""

from __future__ import annotations

import json
import re
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import WebhookConfig
from index.errors import ConfigError
from tests.fake_bot_api import FakeBotAPI
from tests.telegram_helpers import FOREST, texts
from tests.web_helpers import client, running_web, sign_in, staff_csrf, web_config

SECRET = "webhook-secret-for-tests-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_polling_runs_alongside_the_pages(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    config = web_config(tmp_path)
    config = replace(config, telegram=replace(config.telegram, base_url=fake_bot_api.base_url))
    async with running_web(config, token=fake_bot_api.token) as server, client(server) as http:
        user = fake_bot_api.user(7001, "用户")
        fake_bot_api.private_text(user, "今年夏天用水高峰会不会停水？")
        page = await http.get("/search", params={"q": "今年夏天用水高峰会不会停水？"})
        await fake_bot_api.wait_for("sendMessage", 1)
        health = (await http.get("/healthz")).json()
        metrics = (await http.get("/metrics")).text
    assert page.status_code == 200 and "钱明" in page.text
    assert "夏季高峰期间不会计划停水" in texts(fake_bot_api)[0]
    assert health["telegram"] == "polling"
    telegram = sum(float(v) for v in re.findall(
        r'interview_qa_questions_total\{frontend="telegram",outcome="\w+"\} (\S+)', metrics))
    assert telegram == 1.0  # the bot's own example questions at start are not counted
    assert fake_bot_api.calls_of("getUpdates") and not fake_bot_api.calls_of("setWebhook")


async def test_a_staff_reload_reaches_the_bot(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    config = web_config(tmp_path)
    config = replace(config, telegram=replace(config.telegram, base_url=fake_bot_api.base_url))
    async with running_web(config, token=fake_bot_api.token) as server, client(server) as http:
        (config.corpus.dir / "fictional-forest.txt").write_text(FOREST, encoding="utf-8")
        await sign_in(http)
        await http.post("/staff/reload", data={"csrf": await staff_csrf(http)})
        fake_bot_api.private_text(fake_bot_api.user(7002, "用户"), "清明节上山祭扫有什么防火规定？")
        await fake_bot_api.wait_for("sendMessage", 1)
    assert "防火检查站85个" in texts(fake_bot_api)[0]


async def test_webhook_updates_come_through_a_route_of_the_app(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    port = free_port()
    config = web_config(tmp_path, port=port)
    webhook = WebhookConfig(url=f"http://127.0.0.1:{port}/telegram", path="telegram")
    config = replace(config, telegram=replace(config.telegram, base_url=fake_bot_api.base_url, mode="webhook",
                                              webhook=webhook))
    async with running_web(config, token=fake_bot_api.token) as server, client(server) as http:
        assert fake_bot_api.webhook is not None and fake_bot_api.webhook["url"] == webhook.url
        assert fake_bot_api.webhook["secret_token"] == SECRET
        user = fake_bot_api.user(7003, "用户")
        update = fake_bot_api.private_text(user, "今年夏天用水高峰会不会停水？")
        fake_bot_api._pending.clear()  # delivered by the webhook only
        refused = [await fake_bot_api.post_webhook(update, secret_token=wrong) for wrong in (None, "wrong-secret")]
        status, _ = await fake_bot_api.post_webhook(update)
        await fake_bot_api.wait_for("sendMessage", 1)
        broken = await http.post("/telegram", content=b"{not json",
                                 headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        health = (await http.get("/healthz")).json()
    assert [r[0] for r in refused] == [403, 403] and status == 200
    assert "夏季高峰期间不会计划停水" in texts(fake_bot_api)[0] and len(texts(fake_bot_api)) == 1
    assert broken.status_code == 400 and health["telegram"] == "webhook"
    assert not fake_bot_api.calls_of("getUpdates")


async def test_a_webhook_without_a_secret_does_not_start(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    config = web_config(tmp_path)
    webhook = WebhookConfig(url="https://bot.example.org/telegram")
    config = replace(config, telegram=replace(config.telegram, base_url=fake_bot_api.base_url, mode="webhook",
                                              webhook=webhook))
    with pytest.raises(ConfigError, match="no secret token"):
        async with running_web(config, token=fake_bot_api.token):
            pass
    assert not fake_bot_api.calls  # refused before anything was sent


async def test_a_rejected_token_is_one_clear_error(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    config = web_config(tmp_path)
    config = replace(config, telegram=replace(config.telegram, base_url=fake_bot_api.base_url))
    fake_bot_api.inject("getMe", 401)
    with pytest.raises(ConfigError, match="rejected TELEGRAM_BOT_TOKEN"):
        async with running_web(config, token=fake_bot_api.token):
            pass


async def test_a_busy_port_is_one_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        config = web_config(tmp_path, port=taken.getsockname()[1])
        with pytest.raises(ConfigError, match="cannot listen on 127.0.0.1"):
            async with running_web(config):
                pass


def _buttons(server: FakeBotAPI) -> list[dict]:
    call = server.calls_of("sendMessage")[-1]
    markup = call.params.get("reply_markup")
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return [b for row in markup["inline_keyboard"] for b in row]


@pytest.mark.parametrize("public_url, private, mini_app", [
    ("https://qa.example.org", True, True), ("https://qa.example.org/", False, False),
    ("http://127.0.0.1:8080", True, False)])
async def test_with_a_public_url_the_source_buttons_open_the_web_pages(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                                        public_url: str, private: bool,
                                                                        mini_app: bool) -> None:
    from bot.config import WebConfig
    from tests.telegram_helpers import app_config, running_bot

    config = app_config(tmp_path)
    config = replace(config, web=WebConfig(public_url=public_url))
    async with running_bot(fake_bot_api, config):
        user = fake_bot_api.user(7100, "用户")
        if private:
            fake_bot_api.private_text(user, "今年夏天用水高峰会不会停水？")
        else:
            fake_bot_api.group_text(user, -7100, "今年夏天用水高峰会不会停水？", mention=True)
        await fake_bot_api.wait_for("sendMessage", 1)
    buttons = {b["text"]: b for b in _buttons(fake_bot_api)}
    base = public_url.rstrip("/")
    source, read = buttons["出处"], buttons["阅读全文"]
    assert re.fullmatch(re.escape(base) + r"/p/[0-9a-f]+-[0-9a-f]+", source["url"])
    passage_id = source["url"].rsplit("/", 1)[1]
    link = read["web_app"]["url"] if mini_app else read["url"]
    assert re.fullmatch(re.escape(base) + r"/i/[0-9a-f]+#p-" + passage_id, link)
    assert ("web_app" in read) == mini_app and "callback_data" in buttons["完整回答"]


async def test_without_a_public_url_the_buttons_stay_in_the_chat(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    from tests.telegram_helpers import app_config, running_bot

    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.private_text(fake_bot_api.user(7200, "用户"), "今年夏天用水高峰会不会停水？")
        await fake_bot_api.wait_for("sendMessage", 1)
    buttons = {b["text"]: b for b in _buttons(fake_bot_api)}
    assert "阅读全文" not in buttons and buttons["出处"]["callback_data"].startswith("s:")
