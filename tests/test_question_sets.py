"""The question sets the product is fitted and judged on stay honest: dev apart from tuning, every expected phrase in
its interview, every way of asking covered, and no decisive sign ever refusing an answerable question."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from benchmarks.corpora import FIRST_LATER_BATCH, LATER_LAYOUTS
from index.evaluation import Question, load_questions
from index.parsing.parser import parse_file
from index.search.searcher import Searcher
from index.settings import CoreConfig, CorpusConfig, IndexConfig, SearchConfig
from index.store.builder import refresh_index
from tests.conftest import ROOT, SEED
from tests.fakes import FakeEmbedder

BUREAUS = ROOT / "tests" / "fixtures" / "bureaus"
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
LAYOUTS2 = ROOT / "tests" / "fixtures" / "layouts2"
LAYOUTS3 = ROOT / "tests" / "fixtures" / "layouts3"
DEV = {"shipped": ROOT / "tests" / "data" / "dev" / "seed.jsonl", "bureaus": ROOT / "tests" / "data" / "dev" / "bureaus.jsonl",
       "layouts": ROOT / "tests" / "data" / "dev" / "layouts.jsonl",
       "layouts3": ROOT / "tests" / "data" / "dev" / "layouts3.jsonl",
       **{name: ROOT / "tests" / "data" / "dev" / f"{name}.jsonl" for name in LATER_LAYOUTS}}
PARTIAL = {"layouts3"}  # a small set (48 questions): not every way of asking, each tagged the same way
TUNING = {"shipped": ROOT / "benchmarks" / "data" / "tuning" / "seed.jsonl",
          "bureaus": ROOT / "benchmarks" / "data" / "tuning" / "bureaus.jsonl",
          "layouts2": ROOT / "benchmarks" / "data" / "tuning" / "layouts2.jsonl"}
ANSWERABLE_STYLES = {"official", "colloquial", "indirect", "keyword", "typo", "traditional", "english", "long",
                     "figure", "polite", "bureau_named"}
UNANSWERABLE_STYLES = {"uncovered", "other_bureau", "off_topic", "small_talk"}
NEAR_DUPLICATE = 0.6  # character-bigram Jaccard, punctuation and spaces removed


def bigram_set(text: str) -> set[str]:
    bare = re.sub(r"[\W_]+", "", text.lower())
    return {bare[i : i + 2] for i in range(len(bare) - 1)}


def all_questions(paths: dict[str, Path]) -> list[Question]:
    return [q for path in paths.values() for q in load_questions(path)]


def test_no_dev_question_is_a_near_duplicate_of_a_tuning_question() -> None:
    tuning = [(q.q, bigram_set(q.q)) for q in all_questions(TUNING)]
    duplicates = []
    for question in all_questions(DEV):
        grams = bigram_set(question.q)
        for text, other in tuning:
            if grams and other and len(grams & other) / len(grams | other) >= NEAR_DUPLICATE:
                duplicates.append((question.q, text))
    assert duplicates == []


@pytest.mark.parametrize("paths", [DEV, TUNING], ids=["dev", "tuning"])
def test_every_way_of_asking_is_there_and_tagged(paths: dict[str, Path]) -> None:
    for name, path in paths.items():
        questions = load_questions(path)
        styles = {q.style for q in questions}
        if name in PARTIAL:
            assert styles <= ANSWERABLE_STYLES | UNANSWERABLE_STYLES and styles & UNANSWERABLE_STYLES, (name, styles)
        else:
            assert styles == ANSWERABLE_STYLES | UNANSWERABLE_STYLES, (name, styles)
        for q in questions:
            assert (q.expect is None) == (q.style in UNANSWERABLE_STYLES), q
            # answered by someone who speaks for no bureau (a company's engineer at a bureau's open day): bureau ""
            assert q.expect is None or (q.bureau is not None and q.file), q


def test_every_later_batch_of_layouts_has_exactly_one_dev_set() -> None:
    folders = [folder for folder in (ROOT / "tests" / "fixtures").glob("layouts*")
               if folder.name[len("layouts"):].isdigit() and int(folder.name[len("layouts"):]) >= FIRST_LATER_BATCH]
    asked = [folder for folders in LATER_LAYOUTS.values() for folder in folders]
    assert sorted(asked) == sorted(folders)  # none left out, none asked about by two sets, none that is not there


def test_every_expected_phrase_is_inside_one_passage_of_its_interview() -> None:
    files = {p.name: p for p in [*BUREAUS.iterdir(), *LAYOUTS.iterdir(), *LAYOUTS2.iterdir(), *LAYOUTS3.iterdir(),
                                 *(p for folders in LATER_LAYOUTS.values() for folder in folders for p in folder.iterdir())]
             if "scan" not in p.name or p.parent.name != "layouts"}
    files[SEED.name] = SEED
    parsed = {name: parse_file(path, name).passages for name, path in files.items()}
    missing = [(q.q, phrase) for q in all_questions(DEV) + all_questions(TUNING) if q.expect
               for phrase in q.expect if not any(phrase in p.text for p in parsed[q.file or ""])]
    assert missing == []
    # the bureau a question is tagged with is the bureau of the passages that answer it (a press conference's
    # answers each speak for their own unit)
    wrong_bureau = [q.q for q in all_questions(DEV) + all_questions(TUNING) if q.expect
                    and not any(p.bureau == q.bureau for p in parsed[q.file or ""] if any(e in p.text for e in q.expect))]
    assert wrong_bureau == []


@pytest.fixture(scope="module")
def fake_searchers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Searcher]:
    """The two corpora indexed with the fake embedder: enough for the signs, which read words, not vectors."""
    searchers = {}
    layouts = [p for p in LAYOUTS.iterdir() if "scan" not in p.name]
    for name, files in (("shipped", [SEED]), ("bureaus", [*BUREAUS.iterdir(), SEED]), ("layouts", layouts),
                        ("layouts2", list(LAYOUTS2.iterdir())), ("layouts3", list(LAYOUTS3.iterdir())),
                        *((name, [p for folder in folders for p in folder.iterdir()])
                          for name, folders in LATER_LAYOUTS.items())):
        folder = tmp_path_factory.mktemp(f"corpus-{name}")
        for path in files:
            shutil.copy(path, folder / path.name)
        config = CoreConfig(corpus=CorpusConfig(dir=folder), index=IndexConfig(dir=folder.parent / f"index-{name}"))
        searchers[name] = Searcher(refresh_index(config, FakeEmbedder()).data, FakeEmbedder(), SearchConfig())
    return searchers


def test_no_decisive_sign_refuses_an_answerable_question(fake_searchers: dict[str, Searcher]) -> None:
    refused = []
    for paths in (DEV, TUNING):
        for name, path in paths.items():
            for question in load_questions(path):
                if question.expect is None:
                    continue
                result = fake_searchers[name].search(question.q, explain=True)
                if result.explanation and "veto" in result.explanation:
                    refused.append((question.q, result.reason))
    assert refused == []
