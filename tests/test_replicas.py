"""Replicas: `serve` processes sharing one PostgreSQL (a real one) and one corpus folder act as one. Two servers in
this process stand for two replicas behind a proxy; the fake Bot API posts Telegram's updates to whichever one.
(The benchmark runs three real `serve` processes behind a proxy: benchmarks/replicas.py.)"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import AppConfig, QueryLogConfig, StateConfig, WebhookConfig
from bot.state.base import PollerBusyError
from tests.fake_bot_api import Call, FakeBotAPI
from tests.telegram_helpers import FOREST
from tests.postgres_server import free_port
from tests.web_helpers import client, running_web, sign_in, staff_csrf, web_config

SECRET = "webhook-secret-for-tests-0123456789"
SALT = "a-salt-of-sixteen-or-more-characters"
QUESTION = "今年夏天用水高峰会不会停水？"


def replica_config(tmp: Path, url: str, api: FakeBotAPI | None = None, **web: object) -> AppConfig:
    """The shared corpus and index of `tmp`, the shared state at `url`, the web on a port of its own; with `api`,
    the bot in webhook mode (its URL is this replica's)."""
    port = free_port()
    config = web_config(tmp, port=port, **web)
    config = replace(config, state=StateConfig(url=url, reload_check_seconds=0.1),
                     query_log=QueryLogConfig(enabled=True))
    if api is not None:
        webhook = WebhookConfig(url=f"http://127.0.0.1:{port}/telegram", path="telegram")
        config = replace(config, telegram=replace(config.telegram, base_url=api.base_url, mode="webhook",
                                                  webhook=webhook))
    return config


@contextlib.asynccontextmanager
async def replicas(tmp: Path, url: str, api: FakeBotAPI | None = None, count: int = 2,
                   **web: object) -> AsyncIterator[list]:
    async with contextlib.AsyncExitStack() as stack:
        servers = [await stack.enter_async_context(running_web(replica_config(tmp, url, api, **web),
                                                                token=api.token if api else None))
                   for _ in range(count)]
        yield servers


def keyboard(call: Call) -> dict[str, str]:
    markup = call.params.get("reply_markup") or {}
    return {b["text"]: b.get("callback_data") or b.get("url") for row in markup.get("inline_keyboard", []) for b in row}


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("INTERVIEW_QA_LOG_SALT", SALT)


async def test_a_button_pressed_on_another_replica_is_answered_and_logged_once(
        fake_bot_api: FakeBotAPI, tmp_path: Path, postgres_url: str, shared: None) -> None:
    async with replicas(tmp_path, postgres_url, fake_bot_api) as (one, two):
        user = fake_bot_api.user(7101, "用户")
        status, _ = await fake_bot_api.post_webhook(fake_bot_api.private_text(user, QUESTION), url=one.url + "telegram")
        [card] = await fake_bot_api.wait_for("sendMessage", 1)
        more = keyboard(card)["更多结果 ▶"]
        await fake_bot_api.post_webhook(fake_bot_api.callback_query(user, card, more), url=two.url + "telegram")
        [_, second] = await fake_bot_api.wait_for("sendMessage", 2)
        rate = next(data for text, data in keyboard(card).items() if data and data.startswith("f:"))
        await fake_bot_api.post_webhook(fake_bot_api.callback_query(user, card, rate), url=two.url + "telegram")
        [*_, thanks] = await fake_bot_api.wait_for("answerCallbackQuery", 2)
        health = [(await http.get("/healthz")).json() for http in (client(one), client(two))]
        summary = await asyncio.to_thread(two.state.query_log.summary)
    assert status == 200 and "第 2/3 条" in second.result["text"]
    assert thanks.params.get("text") and "过期" not in thanks.params["text"]
    assert [h["state"] for h in health] == ["postgresql", "postgresql"]
    assert summary["total"] == 1 and summary["thumbs_up"] + summary["thumbs_down"] == 1


async def test_the_web_limit_holds_across_replicas(tmp_path: Path, postgres_url: str, shared: None) -> None:
    async with replicas(tmp_path, postgres_url, searches_per_minute=3) as (one, two):
        async with client(one) as a, client(two) as b:
            codes = [(await http.get("/api/search", params={"q": "停水吗"})).status_code for http in (a, b, a, b, a)]
    assert codes == [200, 200, 200, 429, 429]


async def test_a_staff_reload_on_one_replica_reloads_the_others(tmp_path: Path, postgres_url: str,
                                                                shared: None) -> None:
    async with replicas(tmp_path, postgres_url) as (one, two):
        before = two.state.searcher.passage_count
        (tmp_path / "corpus" / "fictional-forest.txt").write_text(FOREST, encoding="utf-8")
        async with client(one) as http:
            await sign_in(http)
            reloaded = await http.post("/staff/reload", data={"csrf": await staff_csrf(http)})
        for _ in range(100):  # the other replica follows within a few of its checks (0.1 s apart here)
            if two.state.searcher.passage_count > before:
                break
            await asyncio.sleep(0.1)
        async with client(two) as http:
            page = await http.get("/search", params={"q": "清明节上山祭扫有什么防火规定？"})
    assert reloaded.status_code == 200 and one.state.searcher.passage_count > before
    assert two.state.searcher.passage_count == one.state.searcher.passage_count
    assert "防火检查站85个" in page.text


async def test_a_staff_session_signs_in_and_out_on_every_replica(tmp_path: Path, postgres_url: str,
                                                                 shared: None) -> None:
    async with replicas(tmp_path, postgres_url) as (one, two):
        async with client(one) as a:
            await sign_in(a)
            cookies = a.cookies
            async with client(two) as b:
                b.cookies = cookies
                inside = (await b.get("/staff")).status_code
                await b.post("/staff/logout", data={"csrf": await staff_csrf(b)})
            outside = (await a.get("/staff")).status_code
    assert inside == 200 and outside == 303


async def test_a_second_poller_is_refused_with_a_clear_message(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                               postgres_url: str, shared: None) -> None:
    config = replica_config(tmp_path, postgres_url)
    polling = replace(config, telegram=replace(config.telegram, base_url=fake_bot_api.base_url))
    async with running_web(polling, token=fake_bot_api.token):
        second = replace(polling, web=replace(polling.web, port=0))
        with pytest.raises(PollerBusyError, match="already polling Telegram.*telegram.mode: webhook"):
            async with running_web(second, token=fake_bot_api.token):
                pass
    async with running_web(second, token=fake_bot_api.token) as server:  # the first one stopped: it may poll
        assert server.bot is not None


def test_the_compose_deployment_is_postgres_two_webhook_replicas_and_nginx() -> None:
    import ipaddress

    import yaml

    from bot.config import load_config
    from tests.conftest import ROOT

    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    replicas_ = [name for name, s in services.items() if s.get("command") == ["serve"]]
    assert sorted(services) == ["nginx", "postgres", "replica-1", "replica-2"] and len(replicas_) == 2
    for name in replicas_:
        assert "postgresql://" in services[name]["environment"]["INTERVIEW_QA_DATABASE_URL"]
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    config = load_config(ROOT / "deploy" / "compose-config.yaml")
    assert config.telegram.mode == "webhook" and config.web.trust_proxy and config.query_log.enabled
    nginx_address = ipaddress.ip_address(services["nginx"]["networks"]["backend"]["ipv4_address"])
    assert any(nginx_address in ipaddress.ip_network(n) for n in config.web.trusted_proxies)
    upstream = (ROOT / "deploy" / "nginx-replicas.conf").read_text(encoding="utf-8")
    assert all(f"server {name}:{config.web.port}" in upstream for name in replicas_)


async def test_a_state_that_cannot_be_reached_answers_searches_and_logs_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from bot.state.database import StateError

    async with running_web(web_config(tmp_path, searches_per_minute=1)) as server, client(server) as http:
        def down(key: object) -> float:
            raise StateError("state database postgresql://iqa:***@db/iqa: connection refused")

        monkeypatch.setattr(server.state.limiter, "wait", down)
        codes = [(await http.get("/api/search", params={"q": "停水吗"})).status_code for _ in range(3)]
        health = (await http.get("/healthz")).json()
    assert codes == [200, 200, 200] and health["state"] == "sqlite"  # no database URL: the SQLite files
    warnings = [r for r in caplog.records if "rate limit not checked" in r.getMessage()]
    assert len(warnings) == 3 and all("\n" not in r.getMessage() and not r.exc_info for r in warnings)


def test_report_reads_the_log_every_replica_writes(postgres_url: str, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main
    from bot.state.store import PostgresState
    from index.records import SearchResult

    monkeypatch.setenv("INTERVIEW_QA_LOG_SALT", SALT)
    assert main(["report"]) == 1  # no database URL, no SQLite log: one line
    assert "no query log at" in capsys.readouterr().err
    monkeypatch.setenv("INTERVIEW_QA_DATABASE_URL", postgres_url)
    assert main(["report"]) == 1  # the database is empty and logging is off
    assert "no query log in postgresql" in capsys.readouterr().err
    stores = [PostgresState(postgres_url, pool_size=2) for _ in range(2)]
    try:
        for n, store in enumerate(stores):
            query_log = store.open_query_log(QueryLogConfig(enabled=True))
            assert query_log is not None
            query_log.record("private", n, f"第{n}个副本收到的问题", SearchResult(query="q", answered=False))
    finally:
        for store in stores:
            store.close()
    assert main(["report", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "第0个副本收到的问题" in out and "第1个副本收到的问题" in out and "summary,,total,,2" in out
