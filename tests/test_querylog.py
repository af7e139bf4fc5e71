"""The opt-in query log: privacy, feedback, retention, concurrency and crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import QueryLogConfig
from bot.querylog import (
    QueryLog,
    QueryLogError,
    QueryLogSaltError,
    connect_reader,
    hash_user,
    iter_rows,
)
from index.errors import ConfigError
from index.records import Hit, Passage, SearchResult

ROOT = Path(__file__).resolve().parents[1]
SALT = "test-salt-0123456789abcdef"
ENV = {"INTERVIEW_QA_LOG_SALT": SALT}


def passage(pid: str = "weihai.txt#3", bureau: str = "威海市海洋发展局") -> Passage:
    return Passage(pid, "weihai", "answer", "缓缴海域使用金1.35亿元。", 0, 13, "weihai.txt", bureau, "邢海文", "邢海文")


def result(query: str = "海域使用金可以缓缴吗？", answered: bool = True, ids: tuple[str, ...] = ("weihai.txt#3",),
           bureau: str = "威海市海洋发展局", normalized: str = "") -> SearchResult:
    hits = tuple(Hit(passage(pid, bureau), 0.9 - i / 10) for i, pid in enumerate(ids)) if answered else ()
    return SearchResult(query, answered, hits, normalized)


class Clock:
    """A settable UTC clock."""

    def __init__(self, start: datetime = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, ts, chat_type, user_hash, question, answered, passage_ids, bureau, feedback "
                            "FROM queries ORDER BY id").fetchall()
    finally:
        conn.close()


def config(tmp_path: Path, **changes: object) -> QueryLogConfig:
    values: dict[str, object] = {"enabled": True, "path": tmp_path / "logs" / "q.sqlite3"}
    values.update(changes)
    return QueryLogConfig(**values)  # type: ignore[arg-type]


def test_off_by_default_creates_no_file(tmp_path: Path) -> None:
    assert QueryLogConfig().enabled is False
    cfg = QueryLogConfig(path=tmp_path / "logs" / "q.sqlite3")
    assert QueryLog.open(cfg, environ=ENV) is None
    assert not (tmp_path / "logs").exists()


def test_missing_salt_refuses_at_open_and_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = config(tmp_path)
    with pytest.raises(QueryLogSaltError, match="INTERVIEW_QA_LOG_SALT is not set") as caught:
        QueryLog.open(cfg)  # conftest removed the variable from the real environment
    assert isinstance(caught.value, ConfigError)
    with pytest.raises(QueryLogSaltError, match="shorter than 16"):
        QueryLog.open(cfg, environ={"INTERVIEW_QA_LOG_SALT": "short"})
    with pytest.raises(QueryLogSaltError, match="MY_SALT is not set"):
        QueryLog.open(config(tmp_path, salt_env="MY_SALT"), environ=ENV)
    assert not cfg.path.exists() and not cfg.path.parent.exists()
    monkeypatch.setenv("INTERVIEW_QA_LOG_SALT", SALT)
    log = QueryLog.open(cfg)
    assert log is not None
    log.close()
    assert stat.S_IMODE(cfg.path.stat().st_mode) == 0o600


def test_user_id_and_username_never_stored(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    log = QueryLog.open(cfg, environ=ENV)
    assert log is not None
    user_id, username = 5550001234, "alice_the_terminal_user"
    first = log.record("private", user_id, "疫情期间海域使用金可以缓缴吗？", result())
    log.record("terminal", username, "海域使用金？", result())

    def stored_bytes() -> bytes:
        return b"".join(p.read_bytes() for p in cfg.path.parent.iterdir())

    blob = stored_bytes()  # the database and its WAL while open
    assert b"alice" not in blob and str(user_id).encode() not in blob and username.encode() not in blob
    log.close()  # the WAL is checkpointed into the database
    blob = stored_bytes()
    assert str(user_id).encode() not in blob and username.encode() not in blob
    stored = rows(cfg.path)
    assert stored[0][0] == first
    assert stored[0][3] == hash_user(SALT, user_id) and len(stored[0][3]) == 16
    assert stored[1][3] == hash_user(SALT, username) != hash_user("another-salt-0123456789", username)


def test_record_fields(tmp_path: Path) -> None:
    clock = Clock()
    with QueryLog(tmp_path / "q.sqlite3", SALT, clock=clock) as log:
        a = log.record("supergroup", 1, "  ignored  ", result(ids=("a#1", "b#2"), bureau="局A", normalized="问题 一"))
        b = log.record("channel_post", 2, "ｑｕｅｓｔｉｏｎ\n  two ", result(answered=False))
        assert (a, b) == (1, 2) and log.count() == 2
    first, second = rows(tmp_path / "q.sqlite3")
    assert first[1] == "2024-05-01T12:00:00.000000Z"
    assert first[2] == "supergroup"
    assert (first[4], first[5], json.loads(first[6]), first[7], first[8]) == ("问题 一", 1, ["a#1", "b#2"], "局A", None)
    assert (second[2], second[4], second[5], json.loads(second[6]), second[7]) == ("other", "question two", 0, [], None)


def test_feedback_only_from_the_asker(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    with QueryLog(path, SALT) as log:
        row = log.record("private", 42, "问", result())
        assert log.feedback(row, 43, -1) is False  # someone else's question
        assert rows(path)[0][8] is None
        assert log.feedback(row, 42, -1) is True
        assert log.feedback(row, "42", 1) is True  # ids arrive as text from callback data too
        assert rows(path)[0][8] == 1
        assert log.feedback(row, 42, 0) is True and rows(path)[0][8] is None
        assert log.feedback(row + 100, 42, 1) is False  # no such row
        with pytest.raises(ValueError):
            log.feedback(row, 42, 2)
        with pytest.raises(ValueError):
            log.feedback(row, 42, True)


def test_retention_purges_old_rows(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    clock = Clock()
    with QueryLog(path, SALT, retention_days=30, clock=clock, purge_every=1000) as log:
        old = log.record("private", 1, "旧", result())
        clock.now += timedelta(days=20)
        log.record("private", 1, "中", result())
        clock.now += timedelta(days=11)  # the first row is now 31 days old
        assert log.purge() == 1
        assert [r[4] for r in rows(path)] == ["中"]
        assert log.purge(now=clock.now + timedelta(days=100)) == 1
        assert rows(path) == []
        newer = log.record("private", 1, "新", result())
        assert newer > old  # AUTOINCREMENT: ids are never reused, a stale 👎 button cannot hit another question
    clock.now += timedelta(days=31)
    with QueryLog(path, SALT, retention_days=30, clock=clock):  # purged at open
        assert rows(path) == []


def test_retention_runs_every_n_records_and_zero_keeps_forever(tmp_path: Path) -> None:
    clock = Clock()
    with QueryLog(tmp_path / "a.sqlite3", SALT, retention_days=1, clock=clock, purge_every=3,
                  purge_interval=timedelta(days=365)) as log:
        log.record("cli", 1, "q1", result())
        clock.now += timedelta(days=2)
        log.record("cli", 1, "q2", result())
        assert log.count() == 2
        log.record("cli", 1, "q3", result())  # the third record triggers the purge
        assert [r[4] for r in rows(tmp_path / "a.sqlite3")] == ["q2", "q3"]
    with QueryLog(tmp_path / "i.sqlite3", SALT, retention_days=1, clock=clock, purge_every=1000) as log:
        log.record("cli", 1, "q1", result())
        clock.now += timedelta(minutes=59)
        log.record("cli", 1, "q2", result())
        clock.now += timedelta(days=2)  # more than an hour since the last purge: the next record purges
        log.record("cli", 1, "q3", result())
        assert [r[4] for r in rows(tmp_path / "i.sqlite3")] == ["q3"]
    with QueryLog(tmp_path / "b.sqlite3", SALT, retention_days=0, clock=clock, purge_every=1) as log:
        log.record("cli", 1, "q", result())
        clock.now += timedelta(days=10_000)
        log.record("cli", 1, "q", result())
        assert log.purge() == 0 and log.count() == 2
    with pytest.raises(ConfigError):
        QueryLog(tmp_path / "c.sqlite3", SALT, retention_days=-1)


def test_closed_log_and_bad_files(tmp_path: Path) -> None:
    log = QueryLog(tmp_path / "q.sqlite3", SALT)
    log.close()
    log.close()
    with pytest.raises(QueryLogError, match="closed"):
        log.record("cli", 1, "q", result())
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all, just text" * 100)
    with pytest.raises(QueryLogError, match="not a usable query log"):
        QueryLog(junk, SALT)
    with pytest.raises(QueryLogError, match="no query log"):
        connect_reader(tmp_path / "missing.sqlite3")


def test_a_held_write_lock_is_waited_out(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    with QueryLog(path, SALT) as log:
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        releaser = threading.Timer(0.3, lambda: other.execute("COMMIT"))
        releaser.start()
        started = time.monotonic()
        assert log.record("cli", 1, "q", result()) == 1  # waits for the lock instead of raising
        assert time.monotonic() - started >= 0.2
        releaser.join()
        other.close()


def test_threads_sharing_one_log_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    ids: list[int] = []
    errors: list[BaseException] = []
    with QueryLog(path, SALT, purge_every=7) as log:

        def write(n: int) -> None:
            try:
                for i in range(100):
                    row = log.record("group", n, f"t{n} q{i}", result())
                    ids.append(row)
                    if i % 10 == 0:
                        assert log.feedback(row, n, 1)
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors
    assert len(ids) == len(set(ids)) == 800
    assert len(rows(path)) == 800


def test_threads_with_their_own_connections_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    QueryLog(path, SALT).close()
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def write(n: int) -> None:
        try:
            with QueryLog(path, SALT) as log:
                barrier.wait()
                for i in range(60):
                    log.record("inline", n, f"c{n} q{i}", result())
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(rows(path)) == 480


WRITER = """
import sys
from bot.querylog import QueryLog
from index.records import Hit, Passage, SearchResult
path, count, tag, salt = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
hit = Hit(Passage("p#1", "p", "answer", "文本", 0, 2, "p.txt", "局", "人", "人"), 0.9)
log = QueryLog(path, salt, purge_every=50)
print("ready", flush=True)
if count >= 0:
    sys.stdin.readline()
i = 0
while count < 0 or i < count:
    print(log.record("cli", tag, f"{tag} question {i}", SearchResult("q", True, (hit,))), flush=True)
    i += 1
log.close()
print("done", flush=True)
"""


def start_writer(path: Path, count: int, tag: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(count), tag, SALT], env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_processes_and_threads_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    procs = [start_writer(path, 300, f"proc{n}") for n in range(3)]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", proc.stderr
    errors: list[BaseException] = []
    with QueryLog(path, SALT, purge_every=25) as log:

        def write(n: int) -> None:
            try:
                for i in range(80):
                    log.record("private", n, f"thread{n} q{i}", result())
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    outputs = [proc.communicate(timeout=60) for proc in procs]
    assert not errors
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert out.split()[-1] == "done" and len(out.split()) == 301
    questions = [r[4] for r in rows(path)]
    assert len(questions) == len(set(questions)) == 3 * 300 + 8 * 80


def test_sigkill_mid_burst_keeps_every_committed_row(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    committed: set[int] = set()
    for round_ in range(3):
        proc = start_writer(path, -1, f"kill{round_}")
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        seen = 0
        while seen < 150 + 97 * round_:  # vary the moment of the kill
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else ""
            committed.add(int(line))
            seen += 1
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read()  # through the reader's buffer (communicate() would skip what it holds)
        committed.update(int(line) for line in rest.split())  # printed after its commit, so committed too
        assert proc.wait(timeout=10) == -signal.SIGKILL
        for pipe in (proc.stdin, proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()
        raw = sqlite3.connect(path)  # before any QueryLog recovers it
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        raw.close()
    with QueryLog(path, SALT) as log:
        reader = connect_reader(log)
        stored = {row.row_id for row in iter_rows(reader)}
        reader.close()
        assert committed <= stored
        assert len(stored - committed) <= 3  # at most the row whose id was not yet printed, per kill
        log.record("cli", 1, "after the crashes", result())
