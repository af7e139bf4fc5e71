"""Checking a whole text (index/claims/document.py, pure) and `interview-qa verify --file` (the CLI over it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from index.claims.document import MAX_CHECKED, check_document, find_sentences, split_sentences
from tests.telegram_helpers import app_config, fake_searcher
from tests.test_documents import pdf_of
from tests.web_helpers import docx_bytes

TEXT = ("海川市水务局近日介绍了夏季供水情况。据海川市水务局介绍，今年全市新建水厂两座，日供水能力提高到90万吨。\n"
        "“夏季高峰期间不会计划停水。”钱明说。天气越来越热了。老旧小区供水管网改造今年完成120个小区，钱明表示。\n"
        "市民觉得“很方便”。有人说，水费要涨了。该局局长称，明年将新建海底隧道三条。\n"
        "他说：“今年全市新建水厂两座。我们会保障供水。”")


def claims_of(text: str) -> list[tuple[str, str]]:
    return [(text[a.claim_start:a.claim_end], a.how) for s in find_sentences(text) for a in s.attributions]


def test_sentences_end_at_end_marks_and_line_breaks_never_inside_a_quotation() -> None:
    spans = split_sentences(TEXT)
    sentences = [TEXT[s:e] for s, e in spans]
    assert sentences[:4] == ["海川市水务局近日介绍了夏季供水情况。",
                             "据海川市水务局介绍，今年全市新建水厂两座，日供水能力提高到90万吨。",
                             "“夏季高峰期间不会计划停水。”钱明说。", "天气越来越热了。"]
    assert sentences[-1] == "他说：“今年全市新建水厂两座。我们会保障供水。”"
    assert all(not TEXT[s:e].startswith(("\n", " ")) for s, e in spans)
    assert split_sentences("第一句。第二句？！“引语！”\n\n第三句") == [(0, 4), (4, 9), (9, 14), (16, 19)]
    assert split_sentences("“没有合上的引号。下一行\n新的一句。") == [(0, 12), (13, 18)]
    assert split_sentences("") == [] and split_sentences(" \n\t ") == []


def test_attributed_statements_are_found_with_how_they_are_attributed() -> None:
    assert claims_of(TEXT) == [
        ("今年全市新建水厂两座，日供水能力提高到90万吨", "according_to"),
        ("夏季高峰期间不会计划停水", "quotation"),
        ("老旧小区供水管网改造今年完成120个小区", "speaker_last"),
        ("明年将新建海底隧道三条", "speaker_first"),
        ("今年全市新建水厂两座。我们会保障供水", "quotation"),
    ]


@pytest.mark.parametrize("sentence", [
    "天气越来越热了。",  # nobody named
    "市民觉得“很方便”。",  # a short quotation: an impression, not a statement
    "有人说，水费要涨了。",  # hearsay names nobody
    "我们用“三聚焦三攻坚”推动工作。",  # a slogan in quotation marks
    "他说：“好。”",  # too short to check
])
def test_sentences_without_an_attribution_are_left_alone(sentence: str) -> None:
    assert claims_of(sentence) == []


def test_offsets_point_into_the_text_given() -> None:
    text = "\ufeff  标题\r\n\n据海川市水务局介绍，日供水能力提高到80万吨。"
    (sentence,) = [s for s in find_sentences(text) if s.attributions]
    (a,) = sentence.attributions
    assert text[a.sentence_start:a.sentence_end] == "据海川市水务局介绍，日供水能力提高到80万吨。" == sentence.text
    assert text[a.claim_start:a.claim_end] == "日供水能力提高到80万吨"


def test_check_document_gives_each_statement_its_verdict(tmp_path: Path) -> None:
    searcher = fake_searcher(app_config(tmp_path))
    checked = check_document(searcher, TEXT)
    verdicts = [(c.claim, c.verification.verdict if c.verification else None) for c in checked.claims]
    assert verdicts == [("今年全市新建水厂两座，日供水能力提高到90万吨", "differs"), ("夏季高峰期间不会计划停水", "verbatim"),
                        ("老旧小区供水管网改造今年完成120个小区", "verbatim"), ("明年将新建海底隧道三条", "not_found"),
                        ("今年全市新建水厂两座。我们会保障供水", "consistent")]
    first = checked.to_list()[0]
    assert {"claim": "90万吨", "record": "80万吨", "kind": "number", "fact": "number"} in first["differences"]
    assert TEXT[first["sentence"]["start"]:first["sentence"]["end"]].startswith("据海川市水务局介绍")
    assert TEXT[first["claim_start"]:first["claim_end"]] == first["claim"]
    last = checked.to_list()[-1]  # other words around the same fact: consistent, with the fact matched
    assert last["facts"] == [{"claim": "两座", "record": "两座", "kind": "number"}] and last["speaker"] == "钱明"
    assert checked.counts() == {"verbatim": 2, "consistent": 1, "differs": 1, "not_found": 1, "not_checked": 0,
                                "no_attribution": 4}


def test_statements_past_the_cap_are_listed_unchecked(tmp_path: Path) -> None:
    searcher = fake_searcher(app_config(tmp_path))
    calls: list[str] = []

    def check(s: object, claim: str) -> object:
        calls.append(claim)
        from index.claims.verdict import check_claim

        return check_claim(searcher, claim)

    text = "钱明说，日供水能力提高到80万吨。" * (MAX_CHECKED + 2)
    checked = check_document(searcher, text, check)  # type: ignore[arg-type]
    assert len(checked.claims) == MAX_CHECKED + 2 and len(calls) == MAX_CHECKED
    assert checked.to_list()[-1]["verdict"] == "not_checked"


# -- the command line ------------------------------------------------------------------------------------------------
@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config.yaml over the fictional corpus, with the fake embedder standing in for the model."""
    config = app_config(tmp_path)
    (tmp_path / "config.yaml").write_text(f"corpus: {{dir: {config.corpus.dir}}}\nindex: {{dir: {tmp_path / 'index'}}}\n"
                                          "search: {min_confidence: 0.0}\n", encoding="utf-8")
    import index.service

    monkeypatch.setattr(index.service, "open_searcher", lambda core, **_: (fake_searcher(core), _Report()))
    monkeypatch.chdir(tmp_path)
    return tmp_path


class _Report:
    warnings: tuple[str, ...] = ()


def test_verify_file_json_lists_the_single_claim_objects_with_offsets(workspace: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = workspace / "release.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    assert main(["verify", "--file", str(path), "--json"]) == 0
    objects = json.loads(capsys.readouterr().out)
    assert [o["verdict"] for o in objects] == ["differs", "verbatim", "verbatim", "not_found", "consistent"]
    for o in objects:
        assert set(o) >= {"claim", "verdict", "differences", "facts", "passages", "sentence", "claim_start",
                          "claim_end", "speaker", "mention", "organisation", "attribution"}
        assert TEXT[o["claim_start"]:o["claim_end"]] == o["claim"]
        assert o["sentence"]["start"] <= o["claim_start"] < o["claim_end"] <= o["sentence"]["end"]


def test_verify_file_reads_docx_html_and_pdf_and_prints_a_summary(workspace: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    claim = "据海川市水务局介绍，日供水能力提高到90万吨。"
    (workspace / "a.docx").write_bytes(docx_bytes(["新闻稿", claim]))
    (workspace / "b.html").write_text(f"<html><body><article><h1>新闻</h1><p>{claim}</p></article></body></html>",
                                      encoding="utf-8")
    (workspace / "c.pdf").write_bytes(pdf_of([[(72, 760, "新闻稿"), (72, 730, claim)]]))
    for name in ("a.docx", "b.html", "c.pdf"):
        assert main(["verify", "--file", str(workspace / name)]) == 0
        out = capsys.readouterr().out
        assert "日供水能力提高到90万吨" in out and "「90万吨」，原文「80万吨」" in out
        assert "与原文有出入 1" in out


@pytest.mark.parametrize("name, data, why", [
    ("missing.txt", None, "no such file"),
    ("x.pdf", b"%PDF-1.4", "not a readable PDF"),
    ("x.pptx", b"PK\x03\x04", "only .txt, .md, .html, .docx and .pdf"),
    ("empty.txt", b"  \n", "the file is empty"),
    ("fake.docx", b"not a zip", "not a .docx document"),
])
def test_verify_file_refuses_what_it_cannot_read_in_one_line(workspace: Path, capsys: pytest.CaptureFixture[str],
                                                             name: str, data: bytes | None, why: str) -> None:
    if data is not None:
        (workspace / name).write_bytes(data)
    assert main(["verify", "--file", str(workspace / name)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and why in err and name in err


def test_verify_wants_a_claim_or_a_file(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify"]) == 1
    assert "give one claim, or --file FILE" in capsys.readouterr().err


# Issue 25, item 7: `verify --file` read anything whole (/dev/zero grew to 6 GB, a FIFO hung, 1 GB was read before
# being called binary). A child process with a memory limit and a timeout, so that the defect fails the test
# instead of taking the machine down.
GUARDED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from bot.cli import main
sys.exit(main(["verify", "--file", sys.argv[1]]))
"""


def _not_regular_files(folder: Path) -> dict[str, str]:
    import os

    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "fifo.txt")
    (folder / "folder.txt").mkdir()
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(1 << 30)  # sparse: 1 GB that takes no disk
    return {"zero.txt": "not a regular file (a device)", "fifo.txt": "not a regular file (a pipe)",
            "folder.txt": "is a directory, not a file", "huge.txt": "is 1024.0 MB, more than the 2.0 MB"}


def test_verify_file_reads_only_regular_files_of_a_bounded_size(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    cases = _not_regular_files(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for name, why in cases.items():
        done = subprocess.run([sys.executable, "-c", GUARDED, str(tmp_path / name)], capture_output=True,
                              text=True, env=env, cwd=tmp_path, timeout=60)
        assert done.returncode == 1 and done.stdout == "", (name, done.stderr[-500:])
        assert done.stderr.count("\n") == 1 and why in done.stderr and name in done.stderr, done.stderr[-500:]
