"""The index folder: manifest, incremental refresh, atomic switch, damaged files refused and rebuilt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.store.builder import refresh_index
from index.settings import CoreConfig, CorpusConfig, IndexConfig
from index.errors import IndexCorruptError, IndexNotBuiltError
from index.text import to_simplified
from index.store.folder import CURRENT, MANIFEST, current_build, load
from tests.conftest import FIXTURE_CORPUS, SEED
from tests.fakes import FakeEmbedder, unreadable_folder


def make_corpus(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = SEED if name == SEED.name else FIXTURE_CORPUS / name
        shutil.copy(source, folder / name)
    return folder


def config_for(tmp_path: Path, corpus: Path, **index: object) -> CoreConfig:
    return CoreConfig(corpus=CorpusConfig(dir=corpus), index=IndexConfig(dir=tmp_path / "index", **index))


def test_first_build_writes_a_manifest_that_describes_the_index(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name, "fictional-wen-da.txt")
    embedder = FakeEmbedder()
    report = refresh_index(config_for(tmp_path, corpus), embedder)
    assert report.rebuilt and report.reason == "no index yet"
    manifest = json.loads((current_build(tmp_path / "index") / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["model"]["name"] == embedder.name and manifest["model"]["dim"] == embedder.dim
    assert manifest["model"]["fingerprint"] == embedder.fingerprint
    assert set(manifest["files"]) == {SEED.name, "fictional-wen-da.txt"}
    assert manifest["passage_count"] == len(report.data.passages) == 18 + 4
    assert {"numpy", "faiss-cpu", "bm25s"} <= set(manifest["versions"])
    assert all(len(digest) == 64 for digest in manifest["checksums"].values())
    assert report.data.passage_vectors.shape == (22, embedder.dim)


def test_unchanged_corpus_is_not_embedded_again(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name)
    config = config_for(tmp_path, corpus)
    refresh_index(config, FakeEmbedder())
    embedder = FakeEmbedder()
    again = refresh_index(config, embedder)
    assert not again.rebuilt and again.reason == "up to date"
    assert embedder.embedded == []


def test_only_a_changed_file_is_embedded_again(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name, "fictional-wen-da.txt")
    config = config_for(tmp_path, corpus)
    first = refresh_index(config, FakeEmbedder())
    changed = corpus / "fictional-wen-da.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("1500元", "1800元"), encoding="utf-8")
    embedder = FakeEmbedder()
    report = refresh_index(config, embedder)
    assert report.rebuilt and report.parsed == ("fictional-wen-da.txt",) and report.reused == (SEED.name,)
    assert embedder.embedded and all("1800元" in text for text in embedder.embedded if "元" in text)
    assert not any("聚焦" in text for text in embedder.embedded), "the seed's passages were reused"
    assert len(report.data.passages) == len(first.data.passages)
    assert any("1800元" in p.text for p in report.data.passages)


def test_removed_and_added_files_are_followed(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name, "fictional-wen-da.txt")
    config = config_for(tmp_path, corpus)
    refresh_index(config, FakeEmbedder())
    (corpus / "fictional-wen-da.txt").unlink()
    shutil.copy(FIXTURE_CORPUS / "fictional-host.txt", corpus / "fictional-host.txt")
    report = refresh_index(config, FakeEmbedder())
    assert report.removed == ("fictional-wen-da.txt",)
    assert {p.file for p in report.data.passages} == {SEED.name, "fictional-host.txt"}


def test_a_changed_model_rebuilds_everything(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name)
    config = config_for(tmp_path, corpus)
    refresh_index(config, FakeEmbedder(fingerprint="weights-1"))
    embedder = FakeEmbedder(fingerprint="weights-2")
    report = refresh_index(config, embedder)
    assert report.rebuilt and "model" in report.reason
    assert len(embedder.embedded) >= len(report.data.passages)


@pytest.mark.parametrize("damage", ["truncate", "edit", "delete", "pointer"])
def test_damaged_index_is_refused_and_rebuilt_never_served(tmp_path: Path, damage: str) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name)
    config = config_for(tmp_path, corpus)
    good = refresh_index(config, FakeEmbedder())
    build = current_build(tmp_path / "index")
    target = build / "passage_vectors.npy"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:100])
    elif damage == "edit":
        raw = bytearray(target.read_bytes())
        raw[-10] ^= 0xFF
        target.write_bytes(bytes(raw))
    elif damage == "delete":
        (build / "passages.jsonl").unlink()
    else:
        (tmp_path / "index" / CURRENT).write_text("build-that-does-not-exist\n")
    with pytest.raises(IndexCorruptError):
        load(tmp_path / "index")
    report = refresh_index(config, FakeEmbedder())
    assert report.rebuilt and "damaged" in report.reason
    np.testing.assert_allclose(report.data.passage_vectors, good.data.passage_vectors)
    assert [p.passage_id for p in report.data.passages] == [p.passage_id for p in good.data.passages]


def test_no_index_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexNotBuiltError, match="interview-qa build"):
        load(tmp_path / "nothing")


def test_a_failed_build_leaves_the_previous_index_live(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name)
    config = config_for(tmp_path, corpus)
    good = refresh_index(config, FakeEmbedder())
    shutil.copy(FIXTURE_CORPUS / "fictional-host.txt", corpus / "fictional-host.txt")

    class Exploding(FakeEmbedder):
        def embed_passages(self, texts, progress=False):  # type: ignore[no-untyped-def]
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        refresh_index(config, Exploding())
    survivor = load(tmp_path / "index")
    assert [p.passage_id for p in survivor.passages] == [p.passage_id for p in good.data.passages]
    assert not [p for p in (tmp_path / "index").iterdir() if p.name.startswith(".tmp-build-")]
    assert len([p for p in (tmp_path / "index").iterdir() if p.name.startswith("build-")]) == 1


def test_bad_files_are_recorded_with_their_reason_and_the_rest_indexed(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    report = refresh_index(config_for(tmp_path, corpus), FakeEmbedder())
    assert {p.file for p in report.data.passages} == {SEED.name}
    assert "empty.txt: skipped: the file is empty" in report.warnings
    assert any(w.startswith("photo.jpg: skipped: not a corpus file type") for w in report.warnings)


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_approximate_index_types_find_the_same_best_passage(tmp_path: Path, kind: str) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name)
    exact = refresh_index(config_for(tmp_path / "a", corpus), FakeEmbedder()).data
    approx = refresh_index(config_for(tmp_path / "b", corpus, faiss_type=kind), FakeEmbedder()).data
    assert approx.manifest["settings"]["faiss_type"] == kind
    query = FakeEmbedder().embed_queries(["海域使用金缓缴"])[0]
    assert exact.vectors.search(query, 1)[0][0] == approx.vectors.search(query, 1)[0][0]


def test_building_a_keyword_index_logs_nothing_below_warning() -> None:
    import logging

    from index.store.keyword import KeywordIndex

    seen: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record)

    root = logging.getLogger()
    handler, level = Keep(), root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)  # as `interview-qa serve` runs
    try:
        KeywordIndex.build(["海域使用金推迟缴纳", "伏季休渔"]).scores("海域")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert [r.getMessage() for r in seen if r.name.startswith("bm25s") and r.levelno < logging.WARNING] == []


# -- issue 25, item 1: a corpus folder that cannot be read never empties the live index -----------------------------
def emptied(corpus: Path) -> None:
    for path in corpus.iterdir():
        path.unlink()


@pytest.mark.parametrize("how", ["unreadable", "a file instead of a folder", "suddenly empty", "missing"])
def test_a_corpus_folder_that_cannot_be_read_fails_the_refresh_and_keeps_the_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    from index.errors import CorpusUnavailableError

    corpus = make_corpus(tmp_path / "corpus", SEED.name, "fictional-wen-da.txt")
    config = config_for(tmp_path, corpus)
    good = refresh_index(config, FakeEmbedder())
    build = current_build(tmp_path / "index")
    if how == "unreadable":
        unreadable_folder(monkeypatch, corpus)
    elif how == "a file instead of a folder":
        shutil.rmtree(corpus)
        corpus.write_text("not a folder")
    elif how == "missing":
        shutil.rmtree(corpus)
    else:
        emptied(corpus)
    embedder = FakeEmbedder()
    with pytest.raises(CorpusUnavailableError) as caught:
        refresh_index(config, embedder)
    assert str(corpus) in str(caught.value)
    kinds = {"unreadable": "unreadable", "a file instead of a folder": "not_a_folder", "suddenly empty": "emptied",
             "missing": "missing"}
    assert caught.value.kind == kinds[how]
    if how == "unreadable":
        assert "cannot be read (Permission denied)" in str(caught.value)
    if how == "suddenly empty":
        assert caught.value.indexed == 2 and "where the index has 2" in str(caught.value)
    assert current_build(tmp_path / "index") == build and embedder.embedded == []
    assert [p.passage_id for p in load(tmp_path / "index").passages] == [p.passage_id for p in good.data.passages]


def test_an_unreadable_sub_folder_is_a_warning_and_the_rest_is_indexed(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path / "corpus", SEED.name)
    make_corpus(corpus / "2023", "fictional-wen-da.txt")
    unreadable_folder(monkeypatch, corpus / "2023")
    report = refresh_index(config_for(tmp_path, corpus), FakeEmbedder())
    assert {p.file for p in report.data.passages} == {SEED.name}
    assert "2023/: skipped: cannot read the folder: Permission denied" in report.warnings


def test_a_corpus_that_never_had_files_builds_an_empty_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    report = refresh_index(config_for(tmp_path, corpus), FakeEmbedder())
    assert report.rebuilt and report.data.passages == ()


def test_a_reporters_question_in_english_gets_no_question_vector(tmp_path: Path) -> None:
    """A foreign reporter asking in English in a Chinese transcript: every English question a user asks is close to any
    English text, so that question would look like every English user's; its answer is read by its own words."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "press.txt").write_text(
        "沄州市入境旅游新闻发布会\n\n记者：外国游客在语言方面还有哪些不方便？\n\n周岚清：我们新增了多语种导览服务。\n\n"
        "记者：Many foreign travelers say it is hard to pay with their own bank cards. What will the city do?\n\n"
        "贺子谦：全市2.1万家商户已经可以刷外卡。\n", "utf-8")
    data = refresh_index(config_for(tmp_path, corpus), FakeEmbedder()).data
    asked = {p.text: int(row) for p, row in zip(data.passages, data.passage_question)}
    assert asked["我们新增了多语种导览服务。"] >= 0 and asked["全市2.1万家商户已经可以刷外卡。"] == -1
    assert [p.question for p in data.passages if "外卡" in p.text][0].startswith("Many foreign travelers")


def test_passage_vectors_of_another_parser_version_are_embedded_again(tmp_path: Path) -> None:
    """What a passage's vector embeds (its text, with its heading or its reporter's question) is the code's at the
    old build: a vector kept under today's text for it would be stale for good (it was, for a half-English question)."""
    import hashlib

    from index.store.folder import PARSER_VERSION

    corpus = make_corpus(tmp_path / "corpus", SEED.name)
    config = config_for(tmp_path, corpus)
    refresh_index(config, FakeEmbedder())
    build = current_build(tmp_path / "index")
    stale = np.zeros_like(np.load(build / "passage_vectors.npy"))  # as if embedded from other texts
    np.save(build / "passage_vectors.npy", stale)
    manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    manifest["checksums"]["passage_vectors.npy"] = hashlib.sha256((build / "passage_vectors.npy").read_bytes()).hexdigest()
    manifest["settings"]["parser_version"] = PARSER_VERSION - 1
    (build / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    report = refresh_index(config, FakeEmbedder())
    assert report.rebuilt
    assert np.all(np.linalg.norm(report.data.passage_vectors, axis=1) > 0.5)  # none of the old build's kept


def test_a_page_in_traditional_characters_is_embedded_as_its_simplified_text(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    answer = "公屋平均輪候時間係五點二年，今年有一萬二千八百個單位落成。"
    (corpus / "isd.txt").write_text(f"主持人：公屋要等幾耐？\n\n房屋局局長何詠晴：{answer}\n", encoding="utf-8")
    embedder = FakeEmbedder()
    report = refresh_index(config_for(tmp_path, corpus), embedder)
    assert any(p.text == answer for p in report.data.passages)  # the quote stays as written
    assert embedder.embedded and all(to_simplified(text) == text for text in embedder.embedded)
    assert any("轮候时间" in text for text in embedder.embedded)
    (corpus / "other.txt").write_text("主持人：公交票价多少？\n\n交通局局长王明：两元。\n", encoding="utf-8")
    again = FakeEmbedder()
    refresh_index(config_for(tmp_path, corpus), again)
    assert again.embedded and not any("轮候" in text for text in again.embedded), "its vectors were reused"
