"""Metadata the parser could not read is unknown, never wrong, and never decides an answer: the same corpus with
one file's bureau (or its city) unknown answers that file's questions the same, and no sign refuses them."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from index.evaluation import load_questions
from index.records import SearchResult
from index.search.bureaus import BureauIndex
from index.search.decision import Calibration
from index.search.searcher import Searcher
from index.settings import CoreConfig, CorpusConfig, IndexConfig, SearchConfig
from index.store.builder import refresh_index
from tests.conftest import ROOT
from tests.fakes import FakeEmbedder

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
QUESTIONS = load_questions(ROOT / "tests" / "data" / "dev" / "layouts.jsonl")
FILES = ("xining-hrss-online.txt", "fengjiang-employment-press.txt", "xining-healthcare-qa.txt")


def searcher_over(folder: Path, index: Path) -> Searcher:
    """The shipped calibration stands in for the fake embedder's (as in every fake-embedder test), given here
    because a module fixture is built before the per-test one that would give it."""
    config = CoreConfig(corpus=CorpusConfig(dir=folder), index=IndexConfig(dir=index))
    embedder = FakeEmbedder()
    calibration = replace(Calibration.read(), fingerprint=embedder.fingerprint)
    return Searcher(refresh_index(config, embedder).data, embedder, SearchConfig(), calibration)


def corpus_with(tmp_path: Path, name: str, front_matter: str | None) -> Path:
    """The layouts corpus; with `front_matter`, file `name` gets it on top (a .txt file)."""
    folder = tmp_path / name
    folder.mkdir()
    for path in LAYOUTS.iterdir():
        if "scan" not in path.name:
            shutil.copy(path, folder / path.name)
    if front_matter is not None:
        target = folder / (name if name.endswith(".txt") else "")
        target.write_text(f"---\n{front_matter}\n---\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def outcome(result: SearchResult) -> tuple[bool, str | None, str | None]:
    return result.answered, result.confidence, result.hits[0].passage.passage_id if result.hits else None


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    tmp = tmp_path_factory.mktemp("known")
    return searcher_over(corpus_with(tmp, "known", None), tmp / "index")


@pytest.mark.parametrize("name", FILES)
def test_a_file_whose_bureau_is_unknown_answers_its_questions_the_same(known: Searcher, tmp_path: Path,
                                                                       name: str) -> None:
    unknown = searcher_over(corpus_with(tmp_path, name, 'bureau: ""'), tmp_path / "index")
    main = next(p.bureau for p in known.data.passages if p.file == name and p.kind == "intro")
    own = {p.bureau for p in unknown.data.passages if p.file == name}
    assert "" in own and main not in own, "the front matter made the file's bureau unknown"
    asked = [q for q in QUESTIONS if q.file == name]
    assert len(asked) >= 10
    changed = [(q.q, outcome(known.search(q.q)), outcome(unknown.search(q.q))) for q in asked
               if q.expect is not None and outcome(known.search(q.q)) != outcome(unknown.search(q.q))]
    assert changed == []
    refused = [q.q for q in asked if q.expect is not None and unknown.search(q.q, explain=True).explanation
               and "veto" in (unknown.search(q.q, explain=True).explanation or {})]
    assert refused == []


def test_a_bureau_whose_city_is_unknown_fits_a_question_about_any_city() -> None:
    index = BureauIndex(["市交通运输局", "枫江市医疗保障局", "溪宁市医疗保障局"])
    assert index.placeless and not index.unknown
    (mention,) = index.mentions("溪宁市交通局的公交线路有哪些")
    assert mention.matches == ("市交通运输局",)
    (mention,) = index.mentions("溪宁医保局门诊报销多少")
    assert mention.matches == ("溪宁市医疗保障局",), "a known city still tells the two 医保局 apart"


def test_when_some_bureaus_are_unknown_a_bureau_no_passage_has_may_be_theirs() -> None:
    index = BureauIndex(["枫江市医疗保障局", ""])
    (mention,) = index.mentions("溪宁市公安局怎么办身份证")
    assert mention.matches == ("",)
    assert BureauIndex(["枫江市医疗保障局"]).mentions("溪宁市公安局怎么办身份证")[0].matches == ()


def test_a_bureau_the_page_printed_short_fits_a_question_that_names_it_in_full() -> None:
    """汀澜市医保局 as a 公众号 prints it: a question about 汀澜市医疗保障局 names that bureau, not one the corpus lacks."""
    index = BureauIndex(["汀澜市医保局", "枫江市医疗保障局"])
    (mention,) = index.mentions("汀澜市医疗保障局异地就医怎么备案")
    assert mention.matches == ("汀澜市医保局",)
    (mention,) = index.mentions("汀澜医保局异地就医怎么备案")
    assert mention.matches == ("汀澜市医保局",)


def test_a_bureau_named_then_its_head_is_one_mention_of_the_bureau() -> None:
    """"应急管理局的局长", "农业农村局谭永年局长": the unit's name ends at its first 局, the words after it are no unit."""
    index = BureauIndex(["栖川市应急管理局", "栖川市农业农村局"])
    (mention,) = index.mentions("请问栖川市应急管理局的局长叫什么名字")
    assert mention.text == "栖川市应急管理局"
    (mention,) = index.mentions("栖川农业农村局谭永年局长上节目那期聊了什么")
    assert mention.text == "栖川农业农村局"


def test_a_bureau_named_after_its_city_is_read_the_usual_way_first() -> None:
    """威海海洋发展局 is 威海 + 海洋发展局, not a longer unit "海海洋发展局" that the corpus's name would be short for."""
    (mention,) = BureauIndex(["威海市海洋发展局"]).mentions("你好，威海海洋发展局现在群众办事的满意度怎么样？")
    assert (mention.text, mention.place) == ("威海海洋发展局", "威海市")
