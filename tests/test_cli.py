"""The command line's contracts: JSON shapes, --stdin order, one-line errors and exit codes."""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli
from index.search.decision import Calibration
from tests.conftest import FIXTURE_CORPUS, MODEL_CACHE, ROOT, SEED
from tests.fakes import FakeEmbedder, unreadable_folder

HIT_KEYS = {"passage_id", "text", "score", "bureau", "interviewee", "question", "heading", "kind", "source"}
SOURCE_KEYS = {"file", "start", "end", "title", "outlet", "date", "url"}


@pytest.fixture()
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus, a config that answers everything (the fake embedder is not calibrated) and the fake model."""
    (tmp_path / "corpus").mkdir()
    shutil.copy(SEED, tmp_path / "corpus" / SEED.name)
    shutil.copy(FIXTURE_CORPUS / "fictional-wen-da.txt", tmp_path / "corpus")
    (tmp_path / "config.yaml").write_text("search:\n  min_confidence: 0.0\n", encoding="utf-8")
    monkeypatch.setattr("index.embedding.st_embedder.load_embedder", lambda config: FakeEmbedder())
    monkeypatch.setattr("index.service.load_question_encoder", lambda model: None)  # the fake has no ONNX encoder
    return tmp_path


def stdin_of(data: bytes) -> io.TextIOWrapper:
    """A stdin made of these bytes (with the .buffer the command reads)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_shape(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "海域使用金推迟到疫情结束后缴纳", "--json", "--top-k", "2")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"query", "answered", "confidence", "reason", "suggestions", "hits", "context"}
    assert data["context"] is None  # a question asked on its own
    assert data["answered"] is True and data["confidence"] in ("high", "low") and data["reason"] is None
    assert len(data["hits"]) == 2
    hit = data["hits"][0]
    assert set(hit) == HIT_KEYS and set(hit["source"]) == SOURCE_KEYS
    source = (workspace / "corpus" / hit["source"]["file"]).read_text(encoding="utf-8")
    assert hit["text"] == source[hit["source"]["start"] : hit["source"]["end"]]
    assert isinstance(hit["score"], float) and hit["kind"] in ("answer", "intro", "summary")


def test_search_stdin_writes_one_line_per_question_in_order(workspace: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    questions = ["伏季休渔从什么时候开始", "", "你好", "海域使用金推迟缴纳", "？" * 5000]
    monkeypatch.setattr("sys.stdin", stdin_of(("\n".join(questions) + "\n").encode("utf-8")))
    code, out, _ = run(capsys, "search", "--stdin", "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["query"] for line in lines] == questions
    assert [line["answered"] for line in lines] == [True, False, False, True, False]
    assert all(line["hits"] == [] for line in lines if not line["answered"])


def test_bureau_filter_on_the_command_line(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "search", "补助", "--bureau", "海川市海洋渔业局", "--json")
    assert {h["bureau"] for h in json.loads(out)["hits"]} == {"海川市海洋渔业局"}


def test_verify_json(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "verify", "将海域使用金推迟到疫情结束后缴纳，缓缴资金2亿元", "--json")
    data = json.loads(out)
    assert set(data) == {"claim", "verdict", "differences", "facts", "passages"}
    assert data["verdict"] == "differs"
    assert {"claim": "2亿元", "record": "1.35亿元", "kind": "number", "fact": "number"} in data["differences"]
    assert set(data["passages"][0]) == HIT_KEYS and "1.35亿元" in data["passages"][0]["text"]
    _, out, _ = run(capsys, "verify", "将海域使用金推迟到疫情结束后缴纳，缓缴资金13500万元", "--json")
    assert json.loads(out)["verdict"] == "verbatim"
    _, out, _ = run(capsys, "verify", "青岛市旅游收入增长了20%", "--json")
    assert json.loads(out) == {"claim": "青岛市旅游收入增长了20%", "verdict": "not_found", "differences": [],
                               "facts": [], "passages": []}



def test_verify_text_says_consistent_and_lists_the_facts_matched(workspace: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "verify", "疫情期间威海让企业晚点交海域使用金，等疫情结束后再缴纳，缓缴资金一共1.35亿元")
    assert code == 0 and "（consistent）" in out
    assert "一致的内容：地名「威海」（原文「威海市海洋发展局」）；数字「1.35亿元」" in out


def test_verify_text_names_an_equal_quantity_written_differently(workspace: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """As the bot's card does: verbatim in value, but the exact quote writes the number as the record does."""
    code, out, _ = run(capsys, "verify", "将海域使用金推迟到疫情结束后缴纳，缓缴资金13500万元")
    assert code == 0 and "（verbatim）" in out
    assert "写法不同、数值相同：「13500万元」=「1.35亿元」" in out

def test_eval_json(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    questions = workspace / "q.jsonl"
    questions.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in [
        {"q": "海域使用金推迟到疫情结束后缴纳", "expect": ["1.35亿元"]},
        {"q": "伏季休渔从什么时候开始", "expect": ["9月1日12时"]},
        {"q": "青岛市海洋发展局出台了哪些政策", "expect": None, "style": "other_bureau"},
    ]), encoding="utf-8")
    code, out, _ = run(capsys, "eval", str(questions), "--json")
    data = json.loads(out)
    assert code == 0 and data["R@1"] == 1.0 and data["MRR"] == 1.0
    assert data["abstain_recall"] == 1.0 and data["abstain_precision"] == 1.0 and data["false_refusal"] == 0.0
    assert data["answered"] == 1.0 and data["not_found"] == 1.0 and data["not_found_or_low"] == 1.0
    assert data["answered_high"] + 0 <= 1.0 and data["by_style"]["other_bureau"]["not_found"] == 1.0
    questions.write_text('{"q": "x", "expect": "not a list"}\n', encoding="utf-8")
    code, _, err = run(capsys, "eval", str(questions))
    assert code == 1 and "q.jsonl:1: not a question line" in err


def test_corpus_inspect_json(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "corpus", "inspect", str(workspace / "corpus" / SEED.name), "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"file", "metadata", "turns", "passages", "warnings"}
    assert set(data["metadata"]) == {"title", "series", "episode", "bureau", "interviewee", "role", "outlet",
                                     "reporters", "date", "url"}
    assert data["metadata"]["reporters"] == ["刘宁", "李英豪"] and len(data["turns"]) == 3
    assert set(data["turns"][0]) == {"asker", "question", "answerer", "answer"}
    assert all(set(p) == HIT_KEYS - {"score"} for p in data["passages"])


@pytest.mark.parametrize(("content", "reason"), [(b"", "the file is empty"), (b"\x00\x01\x02" * 50, "binary data")])
def test_unreadable_file_is_one_line_and_non_zero(workspace: Path, capsys: pytest.CaptureFixture[str],
                                                  content: bytes, reason: str) -> None:
    bad = workspace / "bad.txt"
    bad.write_bytes(content)
    code, out, err = run(capsys, "corpus", "inspect", str(bad))
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and str(bad) in err and reason in err and "Traceback" not in err


def test_missing_file_and_bad_config_are_one_line(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "corpus", "inspect", "nowhere.txt")
    assert code == 1 and "nowhere.txt: no such file" in err
    (workspace / "config.yaml").write_text("search: {top_k: many}\n", encoding="utf-8")
    code, _, err = run(capsys, "search", "海洋")
    assert code == 1 and "top_k" in err and err.count("\n") == 1
    (workspace / "config.yaml").write_text("serach: {}\n", encoding="utf-8")
    code, _, err = run(capsys, "search", "海洋")
    assert code == 1 and "unknown key `serach`" in err


@pytest.mark.model
def test_the_real_command_answers_from_stdin_with_the_real_model(tmp_path: Path) -> None:
    """End to end as an operator runs it: the console script, the converted model, a fresh index."""
    (tmp_path / "config.yaml").write_text(
        f"corpus: {{dir: {ROOT / 'corpus'}}}\nindex: {{dir: {tmp_path / 'index'}}}\n", encoding="utf-8")
    env = {**os.environ, "INTERVIEW_QA_CACHE": str(MODEL_CACHE)}
    questions = "疫情期间海域使用金可以缓缴吗？\n海洋发展局的电话是多少？\n"
    result = subprocess.run([sys.executable, "-m", "bot.cli", "search", "--stdin", "--json"], input=questions,
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["answered"] and "1.35亿元" in first["hits"][0]["text"]
    assert not second["answered"] and second["hits"] == []


def test_stdin_in_gbk_or_with_a_bad_line_loses_no_other_line(workspace: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    data = "伏季休渔从什么时候开始\n".encode("gbk") + b"\x80\x80\xff\n" + "海域使用金推迟缴纳\n".encode("utf-8")
    monkeypatch.setattr("sys.stdin", stdin_of(data))
    code, out, _ = run(capsys, "search", "--stdin", "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 3
    assert lines[0]["query"] == "伏季休渔从什么时候开始" and lines[0]["answered"]
    assert lines[1] == {"line": 2, "error": "line 2 is not text in UTF-8 or GB18030/GBK"}
    assert lines[2]["query"] == "海域使用金推迟缴纳"


@pytest.mark.parametrize("top_k", ["0", "-1", "1000", "many"])
def test_top_k_out_of_range_is_one_line(workspace: Path, capsys: pytest.CaptureFixture[str], top_k: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(capsys, "search", "海洋", "--top-k", top_k)
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and "--top-k" in err and "Traceback" not in err


def test_bureau_by_a_short_name_or_an_unknown_one(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "补贴", "--bureau", "渔业局", "--json")
    assert code == 0 and {h["bureau"] for h in json.loads(out)["hits"]} == {"海川市海洋渔业局"}
    code, _, err = run(capsys, "search", "补贴", "--bureau", "公安局")
    assert code == 1 and err.count("\n") == 1 and "not a bureau of the corpus" in err and "威海市海洋发展局" in err


def test_explain_says_why(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "你好", "--explain")
    assert code == 0 and "settled by a sign alone: small_talk" in out
    code, out, _ = run(capsys, "search", "海域使用金推迟到疫情结束后缴纳", "--explain", "--json")
    data = json.loads(out)
    decision = data["explanation"]["decision"]
    assert code == 0 and data["explanation"]["candidates"]
    assert data["explanation"]["candidates"][0]["passage_id"] == data["hits"][0]["passage_id"]
    # the contributions explain the probability: the intercept plus their sum is its log-odds
    intercept = Calibration.read().decision.intercept
    log_odds = intercept + sum(decision["contributions"].values())
    assert decision["probability"] == pytest.approx(1 / (1 + math.exp(-log_odds)), abs=2e-3)
    assert (decision["probability"] >= decision["thresholds"]["high"]) == (data["confidence"] == "high")


def test_the_build_summary_counts_only_the_files_it_indexed(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "corpus" / "picture.txt").write_bytes(b"\x00\x01\x02\x03" * 100)  # binary: skipped
    code, out, err = run(capsys, "build", "--quiet")
    assert code == 0 and "passages from 2 files (1 file skipped: see the warnings)" in out
    assert "picture.txt: skipped: binary data" in err
    assert "unknown bureau or city" not in out
    (workspace / "corpus" / "nobody.txt").write_text("记者：明年停水吗？\n\n答：明年不停水。\n", encoding="utf-8")
    code, out, err = run(capsys, "build", "--quiet")
    assert code == 0 and "passages from 3 files" in out
    assert "1 file with an unknown bureau or city (`interview-qa corpus check` shows which)" in out
    assert "nobody.txt: no bureau found in the text; add `bureau:` to its front matter" in err


def test_verify_prints_no_terminal_escape_sequences(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "verify", "\x1b[31m缓缴资金2亿元\x1b[0m\x07")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "缓缴资金2亿元" in out


@pytest.mark.parametrize("how", ["unreadable", "emptied", "a file"])
def test_build_over_a_corpus_folder_that_cannot_be_read_is_one_line_and_non_zero(
        workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """Issue 25, item 1: `build` warned and exited 0 with an empty index."""
    assert run(capsys, "build", "--quiet")[0] == 0
    corpus = workspace / "corpus"
    if how == "unreadable":
        unreadable_folder(monkeypatch, corpus)
    else:
        shutil.rmtree(corpus)
        corpus.mkdir() if how == "emptied" else corpus.write_text("x")
    code, out, err = run(capsys, "build", "--quiet")
    assert code == 1 and out == "" and err.count("\n") == 1 and err.startswith("interview-qa: error: ")
    assert str(corpus) in err and {"unreadable": "cannot be read (Permission denied)",
                                   "emptied": "has no interview files now, where the index has 2",
                                   "a file": "is not a folder"}[how] in err
