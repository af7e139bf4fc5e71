"""Helpers for the bot tests: small fictional corpora, FakeEmbedder searchers, and the REAL Application polling
the fake Bot API with the same start-up path as `run_polling` (initialize, post_init, start, polling)."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.config import AppConfig, TelegramConfig
from bot.telegram.app import build_application
from index.store.builder import refresh_index
from index.settings import CoreConfig, CorpusConfig, IndexConfig, SearchConfig
from index.search.searcher import Searcher
from tests.fake_bot_api import FakeBotAPI
from tests.fakes import FakeEmbedder

ROOT = Path(__file__).resolve().parents[1]
ADMIN = 42
ANSWERING = SearchConfig(min_confidence=0.0)  # the fake embedder's scores mean nothing to the calibration
REFUSING = SearchConfig(min_confidence=1.0)

# FICTIONAL interviews, written for these tests (海川市 is invented); one answer holds HTML-looking text and "&".
WATER = """---
title: 海川市水务局谈夏季供水保障
series: 民生访谈（虚构）
bureau: 海川市水务局
interviewee: 钱明
role: 局长
outlet: 海川日报
date: 2023-05-01
url: https://example.org/fictional/water?a=1&b=2
---
海川市水务局谈夏季供水保障

本文为虚构示例，仅供测试。海川日报记者专访了海川市水务局局长钱明。

记者：今年夏天用水高峰会不会停水？

钱明：今年全市新建水厂两座，日供水能力提高到80万吨。夏季高峰期间不会计划停水。

记者：网上流传的水费计算器可靠吗？

钱明：有的网页里藏着 <script>alert(1)</script> 这样的代码，请不要在来路不明的网页输入户号。水费 & 污水处理费合并收取，以缴费通知单为准。

记者：老旧小区的水管什么时候改造？

钱明：老旧小区供水管网改造今年完成120个小区，明年全部完成。
"""

FOREST = """---
title: 海川市林业局谈森林防火
bureau: 海川市林业局
interviewee: 孙林
role: 局长
outlet: 海川晚报
date: 2023-03-01
---
本文为虚构示例，仅供测试。海川晚报记者专访了海川市林业局局长孙林。

记者：清明节期间上山祭扫有什么防火规定？

孙林：清明节期间林区严禁野外用火，全市设立防火检查站85个，进山人员一律登记。
"""


def write_corpus(folder: Path, files: dict[str, str] | None = None) -> Path:
    """A corpus folder: the fictional water interview and the fixtures' fictional Q/A interview."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fictional-water.txt").write_text(WATER, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "corpus" / "fictional-q-a.txt", folder / "fictional-q-a.txt")
    for name, text in (files or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def app_config(tmp: Path, *, search: SearchConfig = ANSWERING, base_url: str | None = None,
               **telegram: Any) -> AppConfig:
    """Settings over `tmp/corpus` (written if missing) with the index in `tmp/index`."""
    corpus = tmp / "corpus"
    if not corpus.exists():
        write_corpus(corpus)
    defaults: dict[str, Any] = {"admins": (ADMIN,), "base_url": base_url, "concurrent_updates": 4, "max_retries": 3}
    return AppConfig(corpus=CorpusConfig(dir=corpus), index=IndexConfig(dir=tmp / "index"), search=search,
                     telegram=replace(TelegramConfig(), **{**defaults, **telegram}))


def fake_searcher(config: AppConfig | CoreConfig, embedder: FakeEmbedder | None = None) -> Searcher:
    core = config.core if isinstance(config, AppConfig) else config
    embedder = embedder or FakeEmbedder()
    report = refresh_index(core, embedder)
    return Searcher(report.data, embedder, core.search)


@contextlib.asynccontextmanager
async def running_bot(server: FakeBotAPI, config: AppConfig, factory: Callable[[], Searcher] | None = None,
                      *, allow_errors: bool = False, **build: Any) -> AsyncIterator[Application]:
    """The bot's Application polling `server`, started and stopped the way `run_polling` does it.
    Fails the test if a handler raised (unless `allow_errors`)."""
    config = replace(config, telegram=replace(config.telegram, base_url=server.base_url))
    app = build_application(config, server.token, factory or (lambda: fake_searcher(config)), **build)
    errors: list[BaseException] = []

    async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error or RuntimeError("unknown error"))

    app.add_error_handler(record)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=Update.ALL_TYPES)
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
    if not allow_errors:
        assert not errors, f"handler errors: {errors!r}"


def texts(server: FakeBotAPI, method: str = "sendMessage") -> list[str]:
    """The texts the bot sent (as Telegram shows them: HTML already turned into entities)."""
    return [c.result["text"] for c in server.calls_of(method) if c.status == 200 and isinstance(c.result, dict)]
