"""Opening the service (index.service) and the index folder around it: a current index is searched without a
write; an index folder that cannot be written, or a hub model that is not here, is one line before any model load;
a lost CURRENT is recovered; what takes time is said; a changed corpus is indexed in the background while the
previous index answers. Issue 12, items 8, 9, 11, 12, 15, 22."""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import cli
from index.settings import CoreConfig, CorpusConfig, IndexConfig, ModelConfig
from index.store.builder import refresh_index
from index.store.folder import CURRENT, current_build, load
from index.store.lock import file_lock
from tests.conftest import FIXTURE_CORPUS, ROOT, SEED
from tests.fakes import FakeEmbedder


def make_workspace(tmp_path: Path, index_dir: str = "index") -> CoreConfig:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    (tmp_path / "config.yaml").write_text(
        f"corpus: {{dir: {corpus}}}\nindex: {{dir: {tmp_path / index_dir}}}\nsearch: {{min_confidence: 0.0}}\n",
        encoding="utf-8")
    return CoreConfig(corpus=CorpusConfig(dir=corpus), index=IndexConfig(dir=tmp_path / index_dir))


class NoModel:
    """Stands for load_embedder where loading the model would be a bug."""

    calls = 0

    def __call__(self, config: ModelConfig) -> FakeEmbedder:
        NoModel.calls += 1
        raise AssertionError("the model was loaded")


# --- item 9: a current index on a read-only mount ----------------------------------------------------------

READ_ONLY = """
import os, sys
index_dir = os.path.realpath(sys.argv[2])
WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

def under(path):
    try:
        return os.path.realpath(os.fsdecode(path)).startswith(index_dir)
    except TypeError:
        return False

def read_only(event, args):  # the index folder behaves like a read-only mount
    if event == "open" and under(args[0]):
        mode, flags = args[1], args[2] or 0
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or flags & WRITES:
            raise PermissionError(30, "Read-only file system", args[0])
    elif event in ("os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "shutil.rmtree") and under(args[0]):
        raise PermissionError(30, "Read-only file system", args[0])

sys.addaudithook(read_only)
import index.service
from tests.fakes import FakeEmbedder
index.service.load_question_encoder = lambda model: FakeEmbedder()  # the index was built with the fake
from bot.cli import main
sys.exit(main(["--config", sys.argv[1], *sys.argv[3:]]))
"""


def run_read_only(tmp_path: Path, config: CoreConfig, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", READ_ONLY, str(tmp_path / "config.yaml"), str(config.index.dir),
                           *argv], capture_output=True, text=True, env=env, timeout=300)


def test_a_current_index_on_a_read_only_mount_is_searched(tmp_path: Path) -> None:
    config = make_workspace(tmp_path)
    refresh_index(config, FakeEmbedder())
    done = run_read_only(tmp_path, config, "search", "疫情期间海域使用金可以缓缴吗", "--json")
    assert done.returncode == 0, done.stderr
    assert "1.35亿元" in done.stdout
    done = run_read_only(tmp_path, config, "verify", "缓缴资金2亿元", "--json")
    assert done.returncode == 0 and '"differs"' in done.stdout, done.stderr


def test_a_stale_index_on_a_read_only_mount_is_one_line(tmp_path: Path) -> None:
    config = make_workspace(tmp_path)
    refresh_index(config, FakeEmbedder())
    shutil.copy(FIXTURE_CORPUS / "fictional-wen-da.txt", config.corpus.dir)
    done = run_read_only(tmp_path, config, "search", "疫情期间海域使用金可以缓缴吗")
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    assert "cannot be written" in done.stderr and str(config.index.dir) in done.stderr


# --- item 8: an index folder that cannot be created: one line, before the model --------------------------------

def test_an_index_folder_that_cannot_be_created_is_one_line_before_any_model_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    make_workspace(tmp_path, index_dir="a-file/index")
    monkeypatch.setattr("index.embedding.st_embedder.load_embedder", NoModel())
    monkeypatch.setattr("index.service.load_question_encoder", lambda model: None)
    NoModel.calls = 0
    code = cli.main(["--config", str(tmp_path / "config.yaml"), "search", "海域使用金"])
    err = capsys.readouterr().err
    assert code == 1 and NoModel.calls == 0
    assert err.startswith("interview-qa: error: the index folder") and "cannot be written" in err
    assert err.strip().count("\n") == 0


# --- item 12: CURRENT deleted ---------------------------------------------------------------------------------

def test_a_deleted_current_pointer_recovers_the_intact_build_without_reembedding(tmp_path: Path) -> None:
    config = make_workspace(tmp_path)
    first = refresh_index(config, FakeEmbedder())
    build = current_build(config.index.dir)
    (config.index.dir / CURRENT).unlink()
    assert current_build(config.index.dir) == build  # found without the pointer
    assert [p.passage_id for p in load(config.index.dir).passages] == [p.passage_id for p in first.data.passages]
    embedder = FakeEmbedder()
    again = refresh_index(config, embedder)
    assert not again.rebuilt and embedder.embedded == []
    assert (config.index.dir / CURRENT).read_text().strip() == build.name  # written back


def test_without_current_a_damaged_newest_build_is_passed_over(tmp_path: Path) -> None:
    config = make_workspace(tmp_path)
    refresh_index(config, FakeEmbedder())
    good = current_build(config.index.dir)
    newer = config.index.dir / "build-99991231T000000-zzzzzzzz"
    shutil.copytree(good, newer)
    (newer / "passages.jsonl").write_text("damaged\n")
    (config.index.dir / CURRENT).unlink()
    assert current_build(config.index.dir) == good


# --- item 11: what takes time is said; serve answers from the previous index meanwhile -------------------------

def test_a_search_that_must_reembed_says_so_with_an_estimate(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    config = make_workspace(tmp_path)
    refresh_index(config, FakeEmbedder())
    shutil.copy(FIXTURE_CORPUS / "fictional-wen-da.txt", config.corpus.dir)
    monkeypatch.setattr("index.embedding.st_embedder.load_embedder", lambda model: FakeEmbedder())
    monkeypatch.setattr("index.service.load_question_encoder", lambda model: None)
    assert cli.main(["--config", str(tmp_path / "config.yaml"), "search", "海域使用金", "--json"]) == 0
    captured = capsys.readouterr()
    assert "index: the corpus changed: reading 1 file of 2" in captured.err
    assert "index: embedding" in captured.err and "new texts (about" in captured.err
    assert captured.out.startswith("{")  # stdout stays JSON


def test_a_build_waiting_for_another_says_so(tmp_path: Path) -> None:
    config = make_workspace(tmp_path)
    heard: list[str] = []
    config.index.dir.mkdir()
    with file_lock(config.index.dir / ".lock"):
        worker = threading.Thread(target=refresh_index, args=(config, FakeEmbedder()), kwargs={"notify": heard.append})
        worker.start()
        deadline = time.monotonic() + 30
        while not heard and time.monotonic() < deadline:
            time.sleep(0.05)
        assert heard and "another build" in heard[0] and "waiting" in heard[0]
        assert worker.is_alive()  # still waiting
    worker.join(60)
    assert not worker.is_alive() and load(config.index.dir).passages


class GatedEmbedder(FakeEmbedder):
    """A fake model whose passage embedding waits for a gate: a slow build."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def embed_passages(self, texts, progress=False):  # type: ignore[no-untyped-def]
        assert self.gate.wait(60)
        return super().embed_passages(texts, progress)


def test_serving_answers_from_the_previous_index_while_the_changed_corpus_is_indexed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.service import open_searcher

    config = make_workspace(tmp_path)
    before = refresh_index(config, FakeEmbedder()).data
    shutil.copy(FIXTURE_CORPUS / "fictional-wen-da.txt", config.corpus.dir)
    embedder = GatedEmbedder()
    monkeypatch.setattr("index.service.load_question_encoder", lambda model: embedder)
    switched: list[object] = []
    done = threading.Event()

    def on_refreshed(searcher, report):  # type: ignore[no-untyped-def]
        switched.append((searcher, report))
        done.set()

    searcher, report = open_searcher(config, on_refreshed=on_refreshed)
    assert len(searcher.data.passages) == len(before.passages) and not switched  # served at once, old index
    assert searcher.search("海域使用金可以缓缴吗").answered
    embedder.gate.set()
    assert done.wait(60)
    new_searcher, new_report = switched[0]
    assert new_report.rebuilt and "fictional-wen-da.txt" in new_report.parsed
    assert len(new_searcher.data.passages) > len(before.passages)
    assert len(load(config.index.dir).passages) == len(new_searcher.data.passages)


# --- item 15: a hub model that is not on this machine, offline --------------------------------------------------

@contextlib.contextmanager
def hub(kind: str) -> Iterator[str]:
    """An HF_ENDPOINT: "refused" (nothing listens), "silent" (accepts, never answers: a proxy that hangs) or
    "missing" (answers 404 for every model)."""
    if kind == "refused":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        yield f"http://127.0.0.1:{port}"
        return
    if kind == "silent":
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen(16)
            yield f"http://127.0.0.1:{server.getsockname()[1]}"
        return

    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("hub_kind, says", [("offline", "switched off"), ("refused", "cannot be reached"),
                                            ("silent", "cannot be reached"), ("missing", "has no model")])
def test_a_model_that_is_not_here_fails_fast_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], hub_kind: str,
        says: str) -> None:
    make_workspace(tmp_path)
    with (tmp_path / "config.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"model: {{name: no-such-org/no-such-model, cache_dir: {tmp_path / 'cache'}}}\n")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))  # an empty hub cache
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    if hub_kind == "offline":
        monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    else:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with hub("refused" if hub_kind == "offline" else hub_kind) as endpoint:
        monkeypatch.setenv("HF_ENDPOINT", endpoint)
        began = time.monotonic()
        code = cli.main(["--config", str(tmp_path / "config.yaml"), "search", "海域使用金"])
        spent = time.monotonic() - began
    err = capsys.readouterr().err
    assert code == 1 and err.strip().count("\n") == 0, err
    assert "'no-such-org/no-such-model' is not on this machine" in err and says in err
    assert spent < 30  # a hang guard: the hub libraries' retries took 77 s


# --- item 22: the systemd unit serves the previous index while a large corpus is indexed -----------------------

def test_the_systemd_unit_does_not_build_the_index_before_serving() -> None:
    unit = (ROOT / "deploy" / "interview-qa.service").read_text(encoding="utf-8")
    pre = [line for line in unit.splitlines() if line.startswith("ExecStartPre=")]
    assert not [line for line in pre if re.search(r"interview-qa build\b", line)], pre
    assert any(line.startswith("ExecStart=") and line.rstrip().endswith(" serve") for line in unit.splitlines())


def test_an_unwritable_index_folder_is_a_typed_error(tmp_path: Path) -> None:
    from index.errors import IndexWriteError
    from index.store.folder import check_writable

    (tmp_path / "file").write_text("x")
    with pytest.raises(IndexWriteError, match="cannot be written"):
        check_writable(tmp_path / "file" / "index")


def test_serve_switches_every_front_end_to_the_index_refreshed_in_the_background(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` (bot/web): WebState answers from the previous index at once, then from the new one."""
    from bot.web.server import WebServer
    from tests.telegram_helpers import app_config

    config = app_config(tmp_path)
    before = refresh_index(config.core, FakeEmbedder()).data
    shutil.copy(FIXTURE_CORPUS / "fictional-wen-da.txt", config.corpus.dir)
    embedder = GatedEmbedder()
    monkeypatch.setattr("index.service.load_question_encoder", lambda model: embedder)
    server = WebServer(config)
    try:
        server.state.open()
        assert server.state.searcher.passage_count == len(before.passages)
        embedder.gate.set()
        deadline = time.monotonic() + 60
        while server.state.searcher.passage_count == len(before.passages) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.state.searcher.passage_count > len(before.passages)
        assert server.state.front("telegram").passage_count == server.state.searcher.passage_count
    finally:
        server.state.close()


# --- issue 25, item 3: serve's refresh embeds in a child process: PyTorch never loads in the serving process --------

@pytest.mark.model
def test_serve_embeds_a_refresh_in_a_child_process_that_ends_when_it_is_done(
        real_embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        caplog: pytest.LogCaptureFixture) -> None:
    """`serve` at 531 MB grew to 1.5 GB after a background refresh that embedded, and stayed there: PyTorch was
    loaded in the serving process. Here the serving process cannot load a model at all (NoModel), and the
    refresh still embeds: in a child process (whose loader, a fake, stands for PyTorch), gone afterwards."""
    import logging
    import multiprocessing

    from index.embedding.question_encoder import QuestionEncoder
    from index.errors import CorpusUnavailableError, RefreshProcessError
    from index.service import open_searcher, reload_searcher
    from tests.fakes import E5_SMALL_DIM

    encoder = real_embedder.query_encoder
    assert isinstance(encoder, QuestionEncoder) and encoder.dim == E5_SMALL_DIM
    config = make_workspace(tmp_path)
    stand_in = FakeEmbedder(dim=encoder.dim, fingerprint=encoder.fingerprint)
    stand_in.name = encoder.name  # the index as the real model would have built it (its identity)
    before = refresh_index(config, stand_in).data
    shutil.copy(FIXTURE_CORPUS / "fictional-wen-da.txt", config.corpus.dir)
    monkeypatch.setattr("index.service.load_question_encoder", lambda model: encoder)
    monkeypatch.setattr("index.embedding.st_embedder.load_embedder", NoModel())
    monkeypatch.setattr("index.store.child.LOADER", "tests.fakes:load_fake_embedder")
    NoModel.calls = 0
    caplog.set_level(logging.INFO)
    done, switched = threading.Event(), []

    def on_refreshed(searcher, report):  # type: ignore[no-untyped-def]
        switched.append((searcher, report))
        done.set()

    heard: list[str] = []
    searcher, _ = open_searcher(config, on_refreshed=on_refreshed, notify=heard.append)
    assert searcher.passage_count == len(before.passages)
    assert done.wait(120)
    assert any(line.startswith("index: embedding") for line in heard), heard  # the child's notices, heard here
    new_searcher, report = switched[0]
    assert report.rebuilt and "fictional-wen-da.txt" in report.parsed and report.embedded > 0
    assert new_searcher.passage_count > len(before.passages) and NoModel.calls == 0
    children = [r.getMessage() for r in caplog.records if "refreshing in a child process (pid" in r.getMessage()]
    assert len(children) == 1 and f"(pid {os.getpid()})" not in children[0]
    assert not multiprocessing.active_children()  # ended: its memory is the system's again
    (config.corpus.dir / "fictional-wen-da.txt").unlink()
    shutil.copy(FIXTURE_CORPUS / "fictional-host.txt", config.corpus.dir)
    reloaded, report = reload_searcher(new_searcher, config)  # /reload and the staff console: the same
    assert report.rebuilt and "fictional-host.txt" in report.parsed and NoModel.calls == 0
    assert not multiprocessing.active_children()
    build = current_build(config.index.dir)
    for path in config.corpus.dir.iterdir():
        path.unlink()
    with pytest.raises(CorpusUnavailableError) as caught:  # raised in the child, typed here
        reload_searcher(reloaded, config)
    assert caught.value.kind == "emptied" and caught.value.indexed == 2
    shutil.copy(FIXTURE_CORPUS / "fictional-wen-da.txt", config.corpus.dir)
    monkeypatch.setattr("index.store.child.LOADER", "tests.fakes:load_dying_embedder")
    with pytest.raises(RefreshProcessError, match="stopped before it finished"):
        reload_searcher(reloaded, config)
    assert current_build(config.index.dir) == build and not multiprocessing.active_children()
