"""The reader (index/reading): its windows, its training data made by rules (never from the dev sets), the committed
adapter checked against its manifest (a missing or changed one: one warning, the decision without it stands), the
reader's part in a search, and the real reader: the minimal pair and the torch-free path with the reader on."""

from __future__ import annotations

import json
import math
import logging
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.reading.reader import ADAPTER_DIR, ADAPTER_FILES, MANIFEST, adapter_problem, load_reader
from index.reading.windows import WINDOW_CHARS, best_window, grow, window_text
from index.search.decision import Calibration, DecisionModel, ReaderDecision
from index.search.searcher import Searcher
from index.settings import CoreConfig, CorpusConfig, IndexConfig, SearchConfig
from index.store.builder import refresh_index
from tests.conftest import FIXTURE_CORPUS, MODEL_CACHE, ROOT, SEED
from tests.fakes import FakeEmbedder

TEXT = "今年以来，我们做了三方面工作。一是缓缴海域使用金。缓缴资金1.35亿元。二是帮扶渔民转产。三是加强执法。"


def spans_of(text: str) -> list[tuple[int, int]]:
    from index.text import sentence_spans

    return sentence_spans(text)


def test_a_window_grows_from_its_core_sentence_next_then_previous_within_the_budget() -> None:
    spans = spans_of(TEXT)
    assert [TEXT[s:e] for s, e in spans][2] == "缓缴资金1.35亿元。"
    chosen = grow(spans, [2], budget=30)
    assert chosen == [1, 2, 3]  # the next sentence first, then the previous one, then nothing more fits
    assert window_text(TEXT, spans, chosen) == "一是缓缴海域使用金。缓缴资金1.35亿元。二是帮扶渔民转产。"
    # the minimal pair: the same place without its answer sentence, refilled from around it
    without = window_text(TEXT, spans, grow(spans, [1], budget=30, skip=frozenset({2})))
    assert "1.35亿元" not in without and "缓缴海域使用金" in without
    scores = np.asarray([0.1, 0.2, 0.9, 0.3, 0.1])  # the question's cosine to each sentence
    assert best_window(TEXT, spans, scores, budget=20) == "缓缴资金1.35亿元。二是帮扶渔民转产。"
    assert best_window(TEXT, spans, scores) == TEXT  # a short passage is read whole


def test_training_examples_come_from_the_tuning_sets_and_fixture_interviews_only() -> None:
    from benchmarks import reader_data
    from index.dialogue.evaluation import is_dialogue_file, load_dialogues
    from index.evaluation import load_questions

    sets = reader_data.tuning_questions()
    files = reader_data.training_files(sets)
    paths = sorted((ROOT / "tests" / "data" / "dev").glob("*.jsonl"))
    dev = [q for path in paths if not is_dialogue_file(path) for q in load_questions(path)]
    dev += [t for path in paths if is_dialogue_file(path) for d in load_dialogues(path) for t in d.turns]  # type: ignore[misc]
    dev_only = {q.file for q in dev} - {q.file for qs in sets.values() for q in qs}
    assert dev_only and not dev_only & files  # the interviews only the dev sets ask about are never learnt from
    assert {p.name for p in FIXTURE_CORPUS.iterdir() if p.is_file()} <= files
    manifest = json.loads((ADAPTER_DIR / MANIFEST).read_text("utf-8"))
    assert set(manifest["data"]["interviews"]) <= files and not set(manifest["data"]["interviews"]) & dev_only
    dev_questions = {q.q for q in dev}
    tuning = {q.q for qs in sets.values() for q in qs}
    assert not dev_questions & tuning


def test_the_minimal_pair_rule_removes_the_answer_sentences() -> None:
    from benchmarks.reader_data import answer_sentences

    spans = spans_of(TEXT)
    assert answer_sentences(TEXT, spans, ["1.35亿元"]) == [2]
    assert answer_sentences(TEXT, spans, ["使用金。缓缴资金"]) == [1, 2]  # a phrase across two sentences
    assert answer_sentences(TEXT, spans, ["不在文中"]) == []


# --- the committed adapter, checked against its manifest -------------------------------------------------------

def test_the_committed_adapter_matches_its_manifest_and_is_small() -> None:
    assert adapter_problem(ADAPTER_DIR) is None
    manifest = json.loads((ADAPTER_DIR / MANIFEST).read_text("utf-8"))
    assert manifest["base"]["fingerprint"] and manifest["data"]["hash"] and isinstance(manifest["training"]["seed"], int)
    folds = manifest["held_out"]["folds"]
    assert len(folds) >= 4 and all(f["auc"] > 0.5 for f in folds)
    assert sum((ADAPTER_DIR / name).stat().st_size for name in ADAPTER_FILES) < 8_000_000


@pytest.mark.parametrize("damage", ["changed", "missing"])
def test_a_missing_or_tampered_adapter_gives_one_warning_and_no_reader(tmp_path: Path, damage: str,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    adapter = tmp_path / "adapter"
    shutil.copytree(ADAPTER_DIR, adapter)
    if damage == "changed":
        head = adapter / "head.safetensors"
        data = bytearray(head.read_bytes())
        data[-1] ^= 0x01
        head.write_bytes(bytes(data))
    else:
        (adapter / "adapter_model.safetensors").unlink()
    assert adapter_problem(adapter) is not None and adapter_problem(ADAPTER_DIR) is None
    fingerprint = json.loads((ADAPTER_DIR / MANIFEST).read_text("utf-8"))["base"]["fingerprint"]
    with caplog.at_level(logging.WARNING, logger="interview_qa.reader"):
        assert load_reader(MODEL_CACHE, fingerprint, adapter=adapter) is None
    warnings = [r for r in caplog.records if r.name == "interview_qa.reader"]
    assert len(warnings) == 1 and ("differs" in warnings[0].getMessage() if damage == "changed"
                                   else "missing" in warnings[0].getMessage())
    from index.reading.build import ensure_reader

    assert ensure_reader(tmp_path / "cache", fingerprint, "m", tmp_path, tmp_path, adapter=adapter)[0] is None


def test_a_decision_fitted_for_another_adapter_leaves_the_reader_off(caplog: pytest.LogCaptureFixture) -> None:
    fingerprint = json.loads((ADAPTER_DIR / MANIFEST).read_text("utf-8"))["base"]["fingerprint"]
    with caplog.at_level(logging.WARNING, logger="interview_qa.reader"):
        assert load_reader(MODEL_CACHE, fingerprint, fitted_for="0" * 64) is None
    assert "another adapter" in caplog.text


# --- the reader's part in a search (a stand-in reader over the fake embedder) ------------------------------------

class StubReader:
    """Reads every window as `value`; counts its calls (ReaderLike)."""

    def __init__(self, value: float, digest: str = "stub") -> None:
        self.value, self.digest, self.calls = value, digest, []

    def probabilities(self, question: str, windows) -> np.ndarray:  # type: ignore[no-untyped-def]
        self.calls.append((question, list(windows)))
        return np.full(len(windows), self.value, dtype=np.float32)


def reader_decision(adopted: bool = True, swap: float = 0.5, close: float = 1.0) -> ReaderDecision:
    """A decision that follows the reader alone: high when it says yes, not found when it says no."""
    model = DecisionModel(("base_logit", "reader_logit"), (0.0, 4.0), 0.0, (0.0, 0.0), (1.0, 1.0), 0.2, 0.8)
    return ReaderDecision(model, gate=0.0, close=close, swap=swap, adapter="stub", adopted=adopted)


@pytest.fixture()
def fake_searcher(tmp_path: Path) -> Searcher:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    config = CoreConfig(corpus=CorpusConfig(dir=folder), index=IndexConfig(dir=tmp_path / "index"))
    embedder = FakeEmbedder()
    return Searcher(refresh_index(config, embedder).data, embedder, SearchConfig())


QUESTION = "疫情期间海域使用金可以缓缴吗"


def test_without_a_reader_the_decision_without_it_stands(fake_searcher: Searcher) -> None:
    today = fake_searcher.search(QUESTION)
    with_decision = replace(fake_searcher.calibration, reader=reader_decision())
    alone = Searcher(fake_searcher.data, fake_searcher.embedder, fake_searcher.config, with_decision, reader=None)
    result = alone.search(QUESTION)
    assert (result.answered, result.confidence, result.probability) == (today.answered, today.confidence,
                                                                         today.probability)
    assert [h.passage.passage_id for h in result.hits] == [h.passage.passage_id for h in today.hits]
    # a reader built from another adapter than the decision was fitted for is not used either
    other = Searcher(fake_searcher.data, fake_searcher.embedder, fake_searcher.config, with_decision,
                     reader=StubReader(0.0, digest="another"))
    assert other.search(QUESTION).probability == today.probability and not other.reader.calls  # type: ignore[union-attr]


def test_the_reader_decides_when_it_is_on_and_reads_at_most_two_windows(fake_searcher: Searcher) -> None:
    calibration = replace(fake_searcher.calibration, reader=reader_decision())
    no = StubReader(0.01)
    refused = Searcher(fake_searcher.data, fake_searcher.embedder, fake_searcher.config, calibration, no).search(QUESTION)
    yes = StubReader(0.99)
    answered = Searcher(fake_searcher.data, fake_searcher.embedder, fake_searcher.config, calibration,
                        yes).search(QUESTION, explain=True)
    assert not refused.answered and answered.answered and answered.confidence == "high"
    assert len(no.calls) == 1 and 1 <= len(no.calls[0][1]) <= 2
    question, windows = yes.calls[0]
    assert question == QUESTION and all(0 < len(w) <= 2 * WINDOW_CHARS for w in windows)
    assert answered.explanation["reader"]["read"]  # type: ignore[index]
    from bot.render.plain import render_explanation

    assert "  reader: read " in render_explanation(answered)
    # search.reader: off, or auto with a decision that was not adopted: the reader is not asked
    for setting, adopted in (("off", True), ("auto", False)):
        stub = StubReader(0.01)
        searcher = Searcher(fake_searcher.data, fake_searcher.embedder, replace(fake_searcher.config, reader=setting),
                            replace(calibration, reader=reader_decision(adopted=adopted)), stub)
        assert searcher.search(QUESTION).probability == fake_searcher.search(QUESTION).probability and not stub.calls


def test_the_reader_puts_the_second_candidate_first_when_it_prefers_it(fake_searcher: Searcher) -> None:
    calibration = replace(fake_searcher.calibration, reader=reader_decision(swap=0.1, close=1.0))
    plain = fake_searcher.search(QUESTION, top_k=3)

    class PrefersSecond(StubReader):
        def probabilities(self, question: str, windows) -> np.ndarray:  # type: ignore[no-untyped-def]
            self.calls.append((question, list(windows)))
            return np.asarray([0.1, 0.9][: len(windows)], dtype=np.float32)

    reader = PrefersSecond(0.0)
    result = Searcher(fake_searcher.data, fake_searcher.embedder, fake_searcher.config, calibration,
                      reader).search(QUESTION, top_k=3)
    assert len(reader.calls[0][1]) == 2
    assert result.hits[0].passage.passage_id == plain.hits[1].passage.passage_id
    assert result.hits[1].passage.passage_id == plain.hits[0].passage.passage_id


def test_a_high_answer_of_the_decision_stands_without_the_reader(fake_searcher: Searcher) -> None:
    plain = fake_searcher.search(QUESTION)
    no = StubReader(0.01)
    for ceiling, read in ((plain.probability, False), (plain.probability + 1e-6, True)):
        no.calls.clear()
        decision = replace(reader_decision(), ceiling=ceiling)
        result = Searcher(fake_searcher.data, fake_searcher.embedder, fake_searcher.config,
                          replace(fake_searcher.calibration, reader=decision), no).search(QUESTION)
        assert bool(no.calls) is read
        # unread, the decision's own outcome stands; read, the reader's "no" refuses
        assert (result.answered, result.probability) == ((False, result.probability) if read
                                                          else (plain.answered, plain.probability))


def test_a_reader_decision_survives_the_calibration_file(tmp_path: Path) -> None:
    raw = json.loads((ROOT / "index" / "search" / "calibration.json").read_text("utf-8"))
    raw["reader"] = replace(reader_decision(), ceiling=0.9).to_dict()
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    back = Calibration.read(path).reader
    assert back is not None and back.adopted and back.model.coefficients == (0.0, 4.0) and back.variant == "float"
    assert back.ceiling == 0.9
    del raw["reader"]["ceiling"]  # a file written before the ceiling: every question past the gate is read
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert Calibration.read(path).reader.ceiling == math.inf  # type: ignore[union-attr]
    raw["reader"]["decision"]["features"] = ["base_logit", "something_else"]
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError):
        Calibration.read(path)



# --- the real reader ------------------------------------------------------------------------------------------

ANSWER = "出台《关于应对新型冠状病毒肺炎疫情支持海洋企业平稳健康发展的措施》，将海域使用金推迟到疫情结束后缴纳，缓缴资金1.35亿元。"


def seed_window(with_answer: bool) -> str:
    """A window of the seed interview's answer on the epidemic, with or without the sentence that answers."""
    text = SEED.read_text("utf-8")
    at = text.index(ANSWER)
    before = text[:at].rstrip().rsplit("。", 2)[-2].strip() + "。"
    after = text[at + len(ANSWER):].lstrip().split("。", 1)[0] + "。"
    return before + (ANSWER if with_answer else "") + after


@pytest.mark.model
def test_the_minimal_pair_the_reader_probability_drops_without_the_answer_sentence(real_reader) -> None:
    for question in ("疫情期间海域使用金可以缓缴吗？", "海域使用金缓缴了多少钱"):
        with_answer, without = real_reader.probabilities(question, [seed_window(True), seed_window(False)])
        assert with_answer > without + 0.1, (question, with_answer, without)
    # and the real reader in ONNX gives what the manifest's tokenization gives: a batch equals one at a time
    batch = real_reader.probabilities("缓缴资金多少", [seed_window(True), "三是加强执法。"])
    alone = [real_reader.probabilities("缓缴资金多少", [w])[0] for w in (seed_window(True), "三是加强执法。")]
    assert np.allclose(batch, alone, atol=1e-4)
