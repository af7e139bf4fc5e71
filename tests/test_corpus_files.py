"""Which files of the corpus folder are read: drafts and READMEs named in the warnings, symlinked folders followed
(loops guarded), dangling links warned about; unsupported types, sizes and slow files in `corpus inspect`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from index.errors import CorpusParseError
from index.parsing.corpus import corpus_files
from index.parsing.parser import parse_file
from tests.conftest import FIXTURE_CORPUS, ROOT, SEED

HOST = FIXTURE_CORPUS / "fictional-host.txt"


def names(directory: Path, follow_external_links: bool = False) -> tuple[list[str], list[str]]:
    files, warnings = corpus_files(directory, follow_external_links)
    return [f.name for f in files], warnings


def test_drafts_and_readmes_are_skipped_and_named_with_the_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "_drafts").mkdir(parents=True)
    shutil.copy(SEED, corpus / "seed.txt")
    shutil.copy(HOST, corpus / "_draft.txt")
    shutil.copy(HOST, corpus / "_drafts" / "a.txt")
    shutil.copy(HOST, corpus / "_drafts" / "b.txt")
    (corpus / "Readme.md").write_text("这个文件夹放访谈。", encoding="utf-8")
    (corpus / "README.txt").write_text("这个文件夹放访谈。", encoding="utf-8")
    (corpus / ".hidden.txt").write_text("记者：你好？\n\n张三：你好。", encoding="utf-8")
    files, warnings = names(corpus)
    assert files == ["seed.txt"]
    text = "\n".join(warnings)
    assert "_draft.txt: skipped: a name starting with _ marks a draft" in text
    assert "_drafts/: skipped folder (2 files): a name starting with _ marks a draft" in text
    assert "Readme.md: skipped: a README describes the folder" in text
    assert "README.txt: skipped: a README describes the folder" in text
    assert ".hidden" not in text, "hidden files (.DS_Store, .gitkeep) stay silent"


def test_inspecting_a_file_that_build_skips_says_so(tmp_path: Path) -> None:
    draft = tmp_path / "_draft.txt"
    shutil.copy(HOST, draft)
    interview = parse_file(draft, "_draft.txt")
    assert interview.passages
    assert any("_draft.txt: build skips this file: a name starting with _ marks a draft" in w
               for w in interview.warnings)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_symlinked_folder_is_followed_and_loops_and_dangling_links_are_warned_about(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SEED, corpus / "seed.txt")
    shutil.copy(HOST, elsewhere / "host.txt")
    (corpus / "linked").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "back").symlink_to(corpus, target_is_directory=True)  # a loop: corpus/linked/back -> corpus
    (corpus / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (corpus / "gone-folder").symlink_to(tmp_path / "missing-folder", target_is_directory=True)
    files, warnings = names(corpus, follow_external_links=True)  # `elsewhere` is outside the corpus folder
    assert files == ["linked/host.txt", "seed.txt"]
    text = "\n".join(warnings)
    assert "gone.txt: skipped: a link to something missing" in text
    assert "gone-folder: skipped: a link to something missing" in text
    assert "linked/back/: skipped: a link to a folder already read (a loop)" in text


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_links_that_lead_outside_the_corpus_are_skipped_with_a_warning_unless_allowed(tmp_path: Path) -> None:
    """Issue 25, item 4: `ln -s /etc/passwd corpus/passwd.txt` published /etc/passwd (and a link to /etc indexed
    whatever text files it held)."""
    corpus, outside = tmp_path / "corpus", tmp_path / "etc"
    (corpus / "sub").mkdir(parents=True)
    outside.mkdir()
    shutil.copy(SEED, corpus / "seed.txt")
    shutil.copy(HOST, corpus / "sub" / "host.txt")
    (outside / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to(outside / "passwd.txt")
    (corpus / "etc").symlink_to(outside, target_is_directory=True)
    (corpus / "relative.txt").symlink_to(Path("..") / "etc" / "passwd.txt")
    (corpus / "same.txt").symlink_to(corpus / "sub" / "host.txt")  # a link inside the corpus is read
    (corpus / "sub" / "up").symlink_to(Path(".."), target_is_directory=True)  # inside too (a loop)
    files, warnings = names(corpus)
    assert files == ["same.txt", "seed.txt", "sub/host.txt"]
    text = "\n".join(warnings)
    assert f"passwd.txt: skipped: a link to a file outside the corpus folder ({outside / 'passwd.txt'}" in text
    assert "relative.txt: skipped: a link to a file outside the corpus folder" in text
    assert f"etc/: skipped: a link to a folder outside the corpus folder ({outside}" in text
    assert "corpus.follow_external_links: true reads it" in text
    allowed, _ = names(corpus, follow_external_links=True)
    assert allowed == ["etc/passwd.txt", "passwd.txt", "relative.txt", "same.txt", "seed.txt", "sub/host.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_link_outside_the_corpus_is_neither_indexed_nor_searchable(tmp_path: Path) -> None:
    from dataclasses import replace

    from index.settings import CoreConfig, CorpusConfig, IndexConfig, SearchConfig
    from index.store.builder import refresh_index
    from tests.fakes import FakeEmbedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.txt")
    shutil.copy(HOST, tmp_path / "elsewhere.txt")  # stands for /etc/passwd: readable text outside the corpus
    (corpus / "passwd.txt").symlink_to(tmp_path / "elsewhere.txt")
    config = CoreConfig(corpus=CorpusConfig(dir=corpus), index=IndexConfig(dir=tmp_path / "index"),
                        search=SearchConfig(min_confidence=0.0))
    report = refresh_index(config, FakeEmbedder())
    assert {p.file for p in report.data.passages} == {"seed.txt"}
    assert any(w.startswith("passwd.txt: skipped: a link to a file outside") for w in report.warnings)
    allowed = replace(config, corpus=CorpusConfig(dir=corpus, follow_external_links=True))
    assert "passwd.txt" in {p.file for p in refresh_index(allowed, FakeEmbedder()).data.passages}


@pytest.mark.parametrize(("name", "data"), [("slides.pptx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200)),
                                            ("notes.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))])
def test_an_unsupported_type_is_refused_by_name(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorpusParseError) as caught:
        parse_file(path, name)
    assert caught.value.reason.startswith(f"unsupported type {Path(name).suffix}: not a corpus file type (.txt, .md")
    assert ".docx" in caught.value.reason and ".pdf" in caught.value.reason
    # an old Word file says how to include it; a slide deck does not pretend it can be converted
    assert ("save it as .docx" in caught.value.reason) == name.endswith(".doc")


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("slides.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
    ("notes.docx", b"PK\x03\x04" + bytes(100), "not a .docx document"),
    ("renamed.docx", "这不是文档".encode("utf-8"), "not a .docx document (not a zip archive)"),
])
def test_corpus_inspect_of_a_damaged_document_exits_non_zero_with_one_line(tmp_path: Path, name: str, data: bytes,
                                                                         reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    run = subprocess.run([sys.executable, "-m", "bot.cli", "corpus", "inspect", str(path)], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert run.returncode != 0
    assert reason in run.stderr and name in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_the_size_message_has_one_decimal(tmp_path: Path) -> None:
    from index.parsing.sources import MAX_FILE_BYTES

    path = tmp_path / "giant.txt"
    with path.open("wb") as handle:  # sparse
        handle.truncate(int(21.5 * 1024 * 1024))
    with pytest.raises(CorpusParseError) as caught:
        parse_file(path, "giant.txt")
    assert caught.value.reason == "the file is 21.5 MB; the limit is 20 MB"
    just_over = tmp_path / "just-over.txt"
    with just_over.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(CorpusParseError) as caught:
        parse_file(just_over, "just-over.txt")
    assert caught.value.reason == "the file is 20.1 MB; the limit is 20 MB", "never reads as the limit itself"


def test_a_file_that_will_take_long_gets_a_warning_with_the_expected_time(tmp_path: Path) -> None:
    from index.parsing.parser import EMBED_SECONDS_PER_1000_CHARS, parse_text

    turns = "".join(f"记者：第{i}批水厂什么时候建成？\n\n钱明：第{i}批水厂预计{i % 12 + 1}月建成，日供水能力提高{i}万吨。\n\n"
                    for i in range(10_000))
    interview = parse_text(turns, "big.txt")
    warning = next(w for w in interview.warnings if "will take" in w)
    chars = sum(len(p.text) for p in interview.passages)
    minutes = round(chars / 1000 * EMBED_SECONDS_PER_1000_CHARS / 60)
    assert warning == (f"big.txt: a large file ({chars:,} characters, {len(interview.passages):,} passages) will take "
                       f"about {minutes} minutes to embed (on 2 cores); `build` is busy that long")
    small = parse_file(SEED, SEED.name)
    assert not any("will take" in w for w in small.warnings)


def test_corpus_check_prints_a_line_per_file_those_that_need_a_look_first(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "layouts" / "xining-hrss-online.txt", corpus)
    shutil.copy(ROOT / "tests" / "fixtures" / "layouts" / "fengjiang-medical-press.docx", corpus)
    (corpus / "nobody.txt").write_text("今年的工作很多。\n\n明年还会更多。\n", encoding="utf-8")
    (corpus / "scan.pdf").write_bytes((ROOT / "tests" / "fixtures" / "layouts" / "xining-civil-affairs-scan.pdf").read_bytes())
    (tmp_path / "config.yaml").write_text("corpus:\n  dir: corpus\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "bot.cli", "corpus", "check"], cwd=tmp_path, capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = [line for line in run.stdout.splitlines() if not line.startswith("    ")]
    assert [line[:1] for line in lines[:4]] == ["!", "!", " ", " "]
    assert lines[0].startswith("! nobody.txt") and "bureau: (unknown)" in lines[0] and "turns: 0" in lines[0]
    assert lines[1].startswith("! scan.pdf") and "OCR" in lines[1]
    docx = next(line for line in lines if "fengjiang-medical-press.docx" in line)
    assert "press_conference" in docx and "bureau: 枫江市卫生健康委员会" in docx and "city: 枫江市" in docx
    assert "许文博" in docx and "钟立群" in docx and "turns: 7" in docx
    assert "online_interview" in next(line for line in lines if "xining-hrss-online.txt" in line)
    assert lines[-1] == "4 files, 2 need a look"
    as_json = subprocess.run([sys.executable, "-m", "bot.cli", "corpus", "check", "--json"], cwd=tmp_path,
                             capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    files = json.loads(as_json.stdout)["files"]
    assert [f["needs_a_look"] for f in files] == [True, True, False, False]
    assert files[1]["error"] and files[0]["bureau"] is None
