"""Which files of the corpus folder are read: drafts and READMEs named in the warnings, symlinked folders followed
(loops guarded), dangling links warned about; unsupported types, sizes and slow files in `corpus inspect`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from index.parsing.corpus import corpus_files
from index.parsing.parser import parse_file
from tests.conftest import FIXTURE_CORPUS, SEED

HOST = FIXTURE_CORPUS / "fictional-host.txt"


def names(directory: Path) -> tuple[list[str], list[str]]:
    files, warnings = corpus_files(directory)
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
    files, warnings = names(corpus)
    assert files == ["linked/host.txt", "seed.txt"]
    text = "\n".join(warnings)
    assert "gone.txt: skipped: a link to something missing" in text
    assert "gone-folder: skipped: a link to something missing" in text
    assert "linked/back/: skipped: a link to a folder already read (a loop)" in text
