"""Faults: the REAL Application over HTTP against the fake Bot API (FakeEmbedder searchers), and the index on disk.

Every injected Bot API fault (429 with retry_after, 500, 502, a read timeout, a slow answer) ends with the user's
question answered, or an apology when the handler itself failed; nothing crashes. A corrupted index is detected
and rebuilt, never served; /reload picks up a changed corpus; a build killed midway leaves the previous index live.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index.store import folder as store
from index.store.builder import refresh_index
from index.errors import IndexCorruptError, IndexNotBuiltError
from index.search.searcher import Searcher
from tests.fake_bot_api import Call, FakeBotAPI
from tests.fakes import FakeEmbedder
from tests.telegram_helpers import ADMIN, ROOT, WATER, app_config, running_bot, texts

QUESTION = "今年夏天用水高峰会不会停水？"
ANSWER = "日供水能力提高到80万吨"
APOLOGY = "出了问题"


def quick_retries(app: Any, backoff: float = 0.05) -> None:
    """Retries after 0.05 s instead of 0.5 s: the tests are about whether, not when."""
    app.bot.rate_limiter.backoff = backoff


def ok(server: FakeBotAPI, method: str = "sendMessage") -> list[Call]:
    return [c for c in server.calls_of(method) if c.status == 200]


async def ask_and_wait(server: FakeBotAPI, user_id: int, question: str = QUESTION, timeout: float = 10) -> Call:
    server.private_text(server.user(user_id), question)
    [call] = await server.wait_for("sendMessage", timeout=timeout,
                                   predicate=lambda c: c.status == 200 and c.result["chat"]["id"] == user_id)
    return call


# -- Bot API faults -------------------------------------------------------------------------------------------------
async def test_429_twice_on_send_message_waits_and_answers(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.inject("sendMessage", 429, retry_after=1, times=2)
        began = time.monotonic()
        call = await ask_and_wait(fake_bot_api, 3001, timeout=15)
    assert [c.status for c in fake_bot_api.calls_of("sendMessage")] == [429, 429, 200]
    assert ANSWER in call.result["text"] and time.monotonic() - began >= 2.0


@pytest.mark.parametrize("status", [500, 502])
async def test_5xx_on_send_message_is_retried_not_apologised_for(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                                 status: int) -> None:
    async with running_bot(fake_bot_api, app_config(tmp_path)) as app:
        quick_retries(app)
        fake_bot_api.inject("sendMessage", status, times=2)
        call = await ask_and_wait(fake_bot_api, 3002)
        await asyncio.sleep(0.2)
    assert [c.status for c in fake_bot_api.calls_of("sendMessage")] == [status, status, 200]
    assert ANSWER in call.result["text"] and not any(APOLOGY in t for t in texts(fake_bot_api))


@pytest.mark.parametrize("status, times", [(500, 1), (429, 1)])  # 502: test_telegram_bot
async def test_faults_on_get_updates_lose_nothing(fake_bot_api: FakeBotAPI, tmp_path: Path, status: int,
                                                  times: int) -> None:
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.inject("getUpdates", status, times=times, retry_after=1 if status == 429 else None)
        users = [3010 + n for n in range(3)]
        for user in users:
            fake_bot_api.private_text(fake_bot_api.user(user), QUESTION)
        calls = await fake_bot_api.wait_for("sendMessage", 3, timeout=15)
    assert sorted(c.result["chat"]["id"] for c in calls) == users and all(ANSWER in c.result["text"] for c in calls)
    assert [c.status for c in fake_bot_api.calls_of("getUpdates")].count(status) == times


async def test_a_send_message_slower_than_the_read_timeout_is_sent_again(fake_bot_api: FakeBotAPI,
                                                                        tmp_path: Path) -> None:
    async with running_bot(fake_bot_api, app_config(tmp_path, read_timeout=0.5)) as app:
        quick_retries(app)
        fake_bot_api.inject("sendMessage", None, delay=3.0, times=1)  # answers after the bot gave up waiting
        call = await ask_and_wait(fake_bot_api, 3020)
        await asyncio.sleep(0.2)
    attempts = fake_bot_api.calls_of("sendMessage")
    assert len(attempts) == 2 and attempts[0].status is None  # the bot closed the first request
    assert ANSWER in call.result["text"] and len(ok(fake_bot_api)) == 1


async def test_a_slow_answer_within_the_read_timeout_is_waited_for(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    async with running_bot(fake_bot_api, app_config(tmp_path, read_timeout=3.0)):
        fake_bot_api.inject("sendMessage", None, delay=0.8, times=1)
        began = time.monotonic()
        call = await ask_and_wait(fake_bot_api, 3021)
    assert len(fake_bot_api.calls_of("sendMessage")) == 1 and ANSWER in call.result["text"]
    assert time.monotonic() - began >= 0.8 and not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_faults_on_buttons_and_inline_answers_are_retried(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    user = fake_bot_api.user(3030)
    async with running_bot(fake_bot_api, app_config(tmp_path)) as app:
        quick_retries(app)
        card = await ask_and_wait(fake_bot_api, 3030)
        fake_bot_api.inject("answerCallbackQuery", 502, times=1)
        fake_bot_api.inject("answerInlineQuery", 500, times=1)
        fake_bot_api.callback_query(user, card, "x:tampered")
        fake_bot_api.inline_query(user, "水费计算器可靠吗")
        [button] = await fake_bot_api.wait_for("answerCallbackQuery", predicate=lambda c: c.status == 200)
        [inline] = await fake_bot_api.wait_for("answerInlineQuery", predicate=lambda c: c.status == 200)
    assert button.params["text"] == "这个按钮无法识别，请重新提问。" and inline.params["results"]


async def test_a_bot_api_that_stays_down_costs_replies_but_never_the_bot(fake_bot_api: FakeBotAPI,
                                                                        tmp_path: Path) -> None:
    """sendMessage failing past every retry: the handler fails, the apology fails too (logged); once the API is
    back, the next question is answered as usual."""
    async with running_bot(fake_bot_api, app_config(tmp_path, max_retries=1), allow_errors=True) as app:
        quick_retries(app)
        outage = fake_bot_api.inject("sendMessage", 500, times=None)
        fake_bot_api.private_text(fake_bot_api.user(3040), QUESTION)
        await fake_bot_api.wait_for("sendMessage", 4, timeout=10)  # answer + retry, apology + retry
        await asyncio.sleep(0.3)
        outage.times = outage.fired  # the API is back
        call = await ask_and_wait(fake_bot_api, 3041)
    assert ANSWER in call.result["text"]


async def test_a_search_that_fails_gets_an_apology_and_the_next_one_an_answer(fake_bot_api: FakeBotAPI,
                                                                            tmp_path: Path) -> None:
    async with running_bot(fake_bot_api, app_config(tmp_path), allow_errors=True) as app:
        searcher = app.bot_data.conversation.searcher
        real = searcher.search_many
        searcher.search = searcher.search_many = lambda *a, **k: (_ for _ in ()).throw(MemoryError("out of memory"))
        apology = await ask_and_wait(fake_bot_api, 3050)
        searcher.search_many = real
        del searcher.search
        answer = await ask_and_wait(fake_bot_api, 3051)
    assert APOLOGY in apology.result["text"] and "memory" not in apology.result["text"]
    assert ANSWER in answer.result["text"]


async def test_an_update_the_library_cannot_read_does_not_block_the_others(fake_bot_api: FakeBotAPI,
                                                                         tmp_path: Path,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    """An update the library cannot parse (an entity without offset and length, the kind of thing a Bot API
    change brings) in the middle of a batch: skipped with a warning; the updates around it, and the ones after,
    are answered (without the guard, polling fetches the same batch forever and never answers again)."""
    caplog.set_level(logging.WARNING)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        fake_bot_api.private_text(fake_bot_api.user(3080), QUESTION)
        user = fake_bot_api.user(3083)
        poison = fake_bot_api.queue_update({"message": fake_bot_api.make_message(user, None, QUESTION,
                                                                                 entities=[{"type": "bold"}])})
        fake_bot_api.private_text(fake_bot_api.user(3081), QUESTION)
        await fake_bot_api.wait_for("sendMessage", 2)
        later = await ask_and_wait(fake_bot_api, 3082)
    assert ANSWER in later.result["text"]
    assert f"update {poison['update_id']} cannot be read" in caplog.text


async def test_a_message_without_its_chat_is_skipped_with_one_warning(fake_bot_api: FakeBotAPI, tmp_path: Path,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    async with running_bot(fake_bot_api, app_config(tmp_path)):
        user = fake_bot_api.user(3090)
        message = fake_bot_api.make_message(user, None, QUESTION)
        del message["chat"]
        stray = fake_bot_api.queue_update({"message": message})
        after = await ask_and_wait(fake_bot_api, 3091)
    assert ANSWER in after.result["text"]
    assert f"update {stray['update_id']} cannot be read (ValueError: a message without its chat)" in caplog.text
    assert "Traceback" not in caplog.text and not [r for r in caplog.records if r.levelno >= logging.ERROR]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module", autouse=True)
def serve_against_a_closed_port(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """`interview-qa serve` pointed at a port nobody listens on, started with the module so that its retries
    (several seconds of backoff) overlap the other tests; `test_serve_against_a_closed_port...` reads the result."""
    base_url = f"http://127.0.0.1:{free_port()}/bot"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "INTERVIEW_QA_CONFIG"))}
    env.update(TELEGRAM_BOT_TOKEN="123456:SECRET-token-never-printed", TELEGRAM_API_BASE_URL=base_url,
               PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve"], env=env,
                               cwd=tmp_path_factory.mktemp("closed-port"), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    began = time.monotonic()
    yield process, base_url, began
    if process.poll() is None:
        process.kill()
        process.wait()


def test_serve_against_a_closed_port_gives_up_with_one_clear_line(serve_against_a_closed_port: Any) -> None:
    """Connection refused at start: a few retries with backoff (bounded), then exit 1 with one line; no
    traceback, no token, and the model is never loaded (getMe fails before post_init)."""
    process, base_url, began = serve_against_a_closed_port
    _, err = process.communicate(timeout=60)
    elapsed = time.monotonic() - began
    assert process.returncode == 1 and elapsed < 40, (elapsed, err[-2000:])
    assert err.strip().splitlines()[-1] == (f"interview-qa: error: cannot reach the Bot API at {base_url}: "
                                           "httpx.ConnectError: All connection attempts failed")
    assert "Traceback" not in err and "SECRET-token" not in err
    assert len(err.strip().splitlines()) <= 3, err  # the library's one line about giving up, and ours


# -- the index on disk ----------------------------------------------------------------------------------------------
def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x40  # same size, one float changed: only the checksum can tell
    path.write_bytes(bytes(data))


def _edit_quote(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "80万吨" in text
    path.write_text(text.replace("80万吨", "90万吨"), encoding="utf-8")  # a forged quote, same length


CORRUPTIONS = {
    "truncated passages": lambda folder: _truncate(folder / "passages.jsonl"),
    "edited quote": lambda folder: _edit_quote(folder / "passages.jsonl"),
    "flipped vector byte": lambda folder: _flip_byte(folder / "passage_vectors.npy"),
    "truncated faiss": lambda folder: _truncate(folder / "vectors.faiss"),
    "missing keyword index": lambda folder: next(p for p in (folder / "bm25_text").rglob("*") if p.is_file()).unlink(),
    "truncated manifest": lambda folder: _truncate(folder / "manifest.json"),
    "manifest not json": lambda folder: (folder / "manifest.json").write_text("{nope", encoding="utf-8"),
    "CURRENT points nowhere": lambda folder: (folder.parent / "CURRENT").write_text("build-gone\n", encoding="utf-8"),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_corrupted_index_is_detected_and_rebuilt_never_served(tmp_path: Path, corruption: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    config = app_config(tmp_path).core
    refresh_index(config, FakeEmbedder())
    CORRUPTIONS[corruption](store.current_build(config.index.dir))
    with pytest.raises(IndexCorruptError):
        store.load(config.index.dir)

    import index.embedding.st_embedder
    from index.service import open_searcher

    monkeypatch.setattr(index.embedding.st_embedder, "load_embedder", lambda model: FakeEmbedder())
    monkeypatch.setattr("index.service.load_question_encoder", lambda model: None)
    searcher, report = open_searcher(config)
    assert report.rebuilt and "damaged" in report.reason
    result = searcher.search(QUESTION, top_k=1)
    assert ANSWER in result.hits[0].passage.text
    assert not any("90万吨" in p.text for p in searcher.data.passages)
    store.load(config.index.dir)  # the rebuilt index loads and checks out


async def test_the_bot_started_over_an_edited_index_serves_the_true_quote(fake_bot_api: FakeBotAPI,
                                                                         tmp_path: Path) -> None:
    config = app_config(tmp_path)
    refresh_index(config.core, FakeEmbedder())
    _edit_quote(store.current_build(config.index.dir) / "passages.jsonl")

    def factory() -> Searcher:  # what `serve` does at start, with the fake model
        report = refresh_index(config.core, FakeEmbedder())
        assert report.rebuilt
        return Searcher(report.data, FakeEmbedder(), config.search)

    async with running_bot(fake_bot_api, config, factory):
        call = await ask_and_wait(fake_bot_api, 3060)
    assert ANSWER in call.result["text"] and "90万吨" not in call.result["text"]


NEW_TURN = "\n记者：夏天能去水库游泳吗？\n\n钱明：水库是饮用水水源地，严禁游泳，违者罚款500元。\n"
REMOVED = "\n记者：老旧小区的水管什么时候改造？\n\n钱明：老旧小区供水管网改造今年完成120个小区，明年全部完成。\n"


async def test_reload_after_the_corpus_changed_while_serving(fake_bot_api: FakeBotAPI, tmp_path: Path) -> None:
    """A turn removed and a turn added while the bot runs: after an admin's /reload the new one is answered, the
    removed one is gone (also from the recent results and from the buttons of old cards)."""
    admin, user = fake_bot_api.user(ADMIN, "管理员"), fake_bot_api.user(3070)
    config = app_config(tmp_path)
    old_question = "老旧小区的水管什么时候改造"
    async with running_bot(fake_bot_api, config):
        before = await ask_and_wait(fake_bot_api, 3070, old_question)
        assert "120个小区" in before.result["text"]
        context_button = next(b["callback_data"] for row in before.params["reply_markup"]["inline_keyboard"]
                              for b in row if b["text"] == "完整回答")
        water = config.corpus.dir / "fictional-water.txt"
        assert REMOVED in water.read_text(encoding="utf-8")
        water.write_text(WATER.replace(REMOVED, "") + NEW_TURN, encoding="utf-8")
        fake_bot_api.command(admin, None, "reload")
        await fake_bot_api.wait_for("sendMessage", predicate=lambda c: "重新加载完成" in c.result["text"]
                                    or "fictional-water.txt" in c.result["text"], timeout=20)
        after = await ask_and_wait(fake_bot_api, 3071, old_question)
        new = await ask_and_wait(fake_bot_api, 3072, "夏天能去水库游泳吗")
        fake_bot_api.callback_query(user, before, context_button)
        [notice] = await fake_bot_api.wait_for("answerCallbackQuery")
    assert "120个小区" not in after.result["text"]
    assert "严禁游泳" in new.result["text"]
    assert notice.params["text"] == "找不到这段原文（访谈库可能已更新），请重新提问。"


BUILD_SCRIPT = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
import index.embedding.st_embedder
import index.store.folder
from tests.fakes import FakeEmbedder

stage, marker = sys.argv[2], Path(sys.argv[3])

class SlowEmbedder(FakeEmbedder):
    def embed_passages(self, texts, progress=False):
        if stage == "embedding":
            marker.write_text("embedding")
            time.sleep(60)  # killed here
        return super().embed_passages(texts, progress)

real_fsync = index.store.folder._fsync_tree
def slow_fsync(folder):
    if stage == "writing":
        marker.write_text(str(folder))
        time.sleep(60)  # killed here: the new build folder is half written, CURRENT still names the old one
    real_fsync(folder)

index.embedding.st_embedder.load_embedder = lambda model: SlowEmbedder()
import index.service
index.service.load_question_encoder = lambda model: None  # the fake model has no ONNX question encoder
index.store.folder._fsync_tree = slow_fsync
from bot.cli import main
sys.exit(main(["--config", sys.argv[1], "build", "--quiet"]))
"""


@pytest.mark.parametrize("stage", ["embedding", "writing"])
def test_a_build_killed_midway_leaves_the_previous_index_live(tmp_path: Path, stage: str) -> None:
    config = app_config(tmp_path)
    config_file = tmp_path / "config.yaml"
    config_file.write_text(f"corpus: {{dir: {config.corpus.dir}}}\nindex: {{dir: {config.index.dir}}}\n"
                           "search: {min_confidence: 0.0}\n", encoding="utf-8")
    from bot.config import load_config

    core = load_config(config_file).core
    first = refresh_index(core, FakeEmbedder())
    old_ids = [p.passage_id for p in first.data.passages]
    (config.corpus.dir / "fictional-many.txt").write_text(
        "\n\n".join(f"记者：第{i}号水厂什么时候建成？\n\n钱明：第{i}号水厂{i}月建成。" for i in range(200)), encoding="utf-8")

    marker = tmp_path / "marker"
    script = BUILD_SCRIPT.format(root=str(ROOT))
    process = subprocess.Popen([sys.executable, "-c", script, str(config_file), stage, str(marker)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists(), process.communicate(timeout=5)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL

    data = store.load(core.index.dir)  # the previous index, whole
    assert [p.passage_id for p in data.passages] == old_ids
    searcher = Searcher(data, FakeEmbedder(), replace(core.search, min_confidence=0.0))
    assert ANSWER in searcher.search(QUESTION, top_k=1).hits[0].passage.text
    if stage == "writing":
        assert any(p.name.startswith(".tmp-build-") for p in core.index.dir.iterdir())

    report = refresh_index(core, FakeEmbedder())  # the next build
    assert report.rebuilt and report.reason == "the corpus changed"
    data = store.load(core.index.dir)
    assert len(data.passages) > len(old_ids) and any("第7号水厂7月建成" in p.text for p in data.passages)
    assert [p.name for p in core.index.dir.iterdir() if p.name.startswith((".tmp-build-", "build-"))] == \
        [store.current_build(core.index.dir).name]  # leftovers of the killed build are gone


def test_no_index_at_all_is_built_not_an_error(tmp_path: Path) -> None:
    config = app_config(tmp_path).core
    with pytest.raises(IndexNotBuiltError):
        store.load(config.index.dir)
    report = refresh_index(config, FakeEmbedder())
    assert report.rebuilt and report.reason == "no index yet" and report.data.passages


def test_vectors_of_the_wrong_shape_are_refused(tmp_path: Path) -> None:
    """A consistent-looking build whose arrays disagree with the passages (rewritten by hand, checksums
    updated): the shape check refuses it."""
    import hashlib
    import json

    config = app_config(tmp_path).core
    refresh_index(config, FakeEmbedder())
    folder = store.current_build(config.index.dir)
    vectors = np.load(folder / "passage_vectors.npy")
    np.save(folder / "passage_vectors.npy", vectors[:-1])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["checksums"]["passage_vectors.npy"] = hashlib.sha256((folder / "passage_vectors.npy").read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="do not match"):
        store.load(config.index.dir)
