"""Reading corpus files: encodings, bad files, front matter, whole-corpus loading that skips what it cannot read."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from index.settings import CoreConfig, CorpusConfig, IndexConfig
from index.store.builder import refresh_index
from tests.fakes import FakeEmbedder
from index.errors import CorpusParseError
from index.parsing.parser import parse_file
from index.parsing.sources import decode_bytes, read_source
from tests.conftest import FIXTURE_CORPUS, SEED


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def seed_passages() -> list[str]:
    return [p.text for p in parse_file(SEED).passages]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_other_encodings_parse_to_the_same_passages(tmp_path: Path, encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = write(tmp_path / f"seed-{encoding}.txt", text.encode(encoding))
    interview = parse_file(path, SEED.name)
    assert [p.text for p in interview.passages] == seed_passages()
    assert interview.metadata.bureau == "威海市海洋发展局"


def test_crlf_line_endings_parse_like_lf(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    interview = parse_file(write(tmp_path / "crlf.txt", text.encode("utf-8")), SEED.name)
    assert [p.text for p in interview.passages] == seed_passages()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n\t  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
        (bytes(range(128, 256)) * 40, "decode"),
    ],
    ids=["empty", "whitespace", "binary", "undecodable"],
)
def test_unreadable_files_raise_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(CorpusParseError) as caught:
        read_source(path, "bad.txt")
    assert caught.value.file == "bad.txt"
    assert reason in str(caught.value).lower() or (reason == "decode" and "binary" in str(caught.value))


def test_decode_prefers_utf8_then_gb18030() -> None:
    assert decode_bytes("记者：你好".encode("utf-8"), "x")[1] == "utf-8"
    assert decode_bytes("记者：你好".encode("gbk"), "x")[1] == "gb18030"
    assert decode_bytes(codecs.BOM_UTF8 + "答：好".encode("utf-8"), "x") == ("答：好", "utf-8")


def test_malformed_front_matter_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    body = (FIXTURE_CORPUS / "fictional-wen-da.txt").read_text(encoding="utf-8")
    path = write(tmp_path / "fm.txt", ("---\ntitle: [unclosed\nbureau: x\n---\n" + body).encode("utf-8"))
    interview = parse_file(path, "fm.txt")
    assert any("front matter is not valid YAML" in w for w in interview.warnings)
    assert len(interview.turns) == 3
    assert not any("unclosed" in p.text for p in interview.passages)


def test_front_matter_unknown_keys_warn_and_known_keys_override(tmp_path: Path) -> None:
    body = (FIXTURE_CORPUS / "fictional-wen-da.txt").read_text(encoding="utf-8")
    front = "---\nbureau: 海川市农业农村局\nreporters: [甲, 乙]\ncolour: blue\n---\n"
    interview = parse_file(write(tmp_path / "fm.txt", (front + body).encode("utf-8")), "fm.txt")
    assert interview.metadata.bureau == "海川市农业农村局"
    assert interview.metadata.reporters == ("甲", "乙")
    assert {p.bureau for p in interview.passages if p.kind == "answer"} == {"海川市农业农村局"}
    assert any("colour" in w for w in interview.warnings)


def build(tmp_path: Path, corpus: Path):  # -> index.store.builder.RefreshReport
    config = CoreConfig(corpus=CorpusConfig(dir=corpus), index=IndexConfig(dir=tmp_path / "index"))
    return refresh_index(config, FakeEmbedder())


def test_a_build_skips_bad_files_with_warnings_and_keeps_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    write(corpus / "empty.txt", b"")
    write(corpus / "picture.txt", b"\x00\x01\x02\x03" * 100)
    write(corpus / "notes.docx", b"PK\x03\x04")
    write(corpus / "slides.pptx", b"PK\x03\x04")
    write(corpus / "sub" / "gbk.txt", (FIXTURE_CORPUS / "fictional-host.txt").read_text("utf-8").encode("gbk"))
    write(corpus / "README.md", "这个文件夹放访谈。".encode("utf-8"))
    report = build(tmp_path, corpus)
    assert sorted({p.file for p in report.data.passages}) == sorted(["sub/gbk.txt", SEED.name])
    text = "\n".join(report.warnings)
    assert "empty.txt: skipped: the file is empty" in text
    assert "picture.txt: skipped: binary data" in text
    assert "notes.docx: skipped: not a .docx document (not a zip archive)" in text
    assert "slides.pptx: skipped: not a corpus file type" in text
    assert "README.md: skipped: a README describes the folder, it is not an interview" in text


def test_missing_corpus_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusParseError, match="corpus folder does not exist"):
        build(tmp_path, tmp_path / "nowhere")


def test_a_utf8_file_cut_mid_character_keeps_the_rest_with_a_warning(tmp_path: Path) -> None:
    data = SEED.read_text(encoding="utf-8").rstrip().encode("utf-8")
    path = write(tmp_path / "cut.txt", data[:-1])
    interview = parse_file(path, "cut.txt")
    assert any("ends in the middle of a character" in w for w in interview.warnings)
    assert len(interview.passages) == len(seed_passages())
    assert interview.passages[-1].text == seed_passages()[-1][:-1]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / "u16.txt", SEED.read_text(encoding="utf-8").encode(encoding))
    assert [p.text for p in parse_file(path, SEED.name).passages] == seed_passages()


def test_big5_traditional_chinese(tmp_path: Path) -> None:
    text = "記者：今年伏季休漁從什麼時候開始？\n\n孫立平：今年伏季休漁從5月1日12時開始，到9月1日12時結束。\n\n" \
           "記者：違規出海怎麼處罰？\n\n孫立平：依法沒收漁獲物和漁具，並處以罰款。\n"
    interview = parse_file(write(tmp_path / "big5.txt", text.encode("big5")), "big5.txt")
    assert [t.answerer for t in interview.turns] == ["孫立平", "孫立平"]
    assert interview.passages[0].text.startswith("今年伏季休漁從5月1日")


def test_a_one_question_interview_without_intro(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", "记者：加装电梯有补贴吗？\n\n吴建国：每部电梯政府补贴20万元。\n".encode("utf-8"))
    interview = parse_file(path, "one.txt")
    assert [(t.asker, t.answerer) for t in interview.turns] == [("记者", "吴建国")]
    assert interview.passages[0].text == "每部电梯政府补贴20万元。" and not interview.warnings[:1] == [
        "one.txt: no question-and-answer turns recognised; indexed as paragraphs"]
