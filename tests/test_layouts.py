"""The fictional fixtures of the layouts government sites publish (tests/fixtures/layouts: 在线访谈, 新闻发布会,
答记者问, 政策解读, news pages; .txt, .md, .html, .docx, .pdf; UTF-8, GB18030, Big5), each parsed against the
ground truth written with it (tests/data/layouts_expected_*.yaml): bureau, city, who answers for which unit, and
every question with who answers it."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import yaml

from index.errors import CorpusParseError
from index.parsing.orgs import local_name, split_place
from index.parsing.parser import parse_file
from index.parsing.people import LABEL_WORDS
from index.records import Interview
from tests.conftest import ROOT
from tests.test_parser import assert_verbatim

FIXTURES = ROOT / "tests" / "fixtures"
DATA = ROOT / "tests" / "data"
# each batch of layouts (tests/fixtures/layoutsN/, written apart, each parsed held out when it came: measurements.md)
# and its ground truth: tests/data/layoutsN_expected.yaml (the first batch's in two files, layouts_expected_*.yaml)
BATCHES = {folder.name: sorted(DATA.glob(f"{folder.name}_expected*.yaml"))
           for folder in sorted(FIXTURES.glob("layouts*")) if folder.is_dir()}
EXPECTED: dict[str, dict[str, Any]] = {}
for _batch, _paths in BATCHES.items():
    for _path in _paths:
        EXPECTED.update({f"{_batch}/{name}": truth for name, truth in yaml.safe_load(_path.read_text("utf-8")).items()})
READABLE = sorted(name for name, truth in EXPECTED.items() if truth["layout"] != "scanned_pdf")


@cache
def parsed(name: str) -> Interview:
    """One parse a fixture for the whole session (an Interview is frozen all the way down)."""
    return parse_file(FIXTURES / name, name.split("/", 1)[1])


def test_every_fixture_has_its_ground_truth() -> None:
    assert [batch for batch, keys in BATCHES.items() if not keys] == []  # a batch whose key is missing
    on_disk = sorted(f"{batch}/{p.name}" for batch in BATCHES for p in (FIXTURES / batch).iterdir())
    assert on_disk == sorted(EXPECTED)


@pytest.mark.parametrize("name", READABLE)
def test_bureau_and_city(name: str) -> None:
    interview, truth = parsed(name), EXPECTED[name]
    assert interview.metadata.bureau == truth["bureau"]
    assert split_place(local_name(interview.metadata.bureau or ""))[0] == truth["city"]  # 国家税务总局……市税务局 too
    assert not any("bureau" in w for w in interview.warnings), interview.warnings


@pytest.mark.parametrize("name", READABLE)
def test_each_answerer_speaks_for_their_own_unit(name: str) -> None:
    interview, truth = parsed(name), EXPECTED[name]
    answers = [p for p in interview.passages if p.kind == "answer"]
    spoken = {(p.speaker, p.bureau) for p in answers}
    for person in truth["answerers"]:
        # bureau null: an expert from outside government, who speaks for no bureau ("")
        assert any(_speaks_as(speaker, person) and bureau == (person["bureau"] or "") for speaker, bureau in spoken), \
            (person, spoken)
    for passage in answers:
        assert passage.speaker and passage.speaker not in LABEL_WORDS and not any(c.isdigit() for c in passage.speaker)
    roles = {p.speaker: p.role for p in answers}
    for person in truth["answerers"]:
        if person["name"] and person.get("role"):
            assert roles[person["name"]] == person["role"]


@pytest.mark.parametrize("name", READABLE)
def test_every_question_and_who_answers_it(name: str) -> None:
    interview, truth = parsed(name), EXPECTED[name]
    asked: dict[str, list[str]] = {}
    for turn in interview.turns:
        if turn.question and turn.answer:
            asked.setdefault(turn.question, []).append(turn.answerer)
    expected = truth["turns"]
    found = []
    for want in expected:
        question = next((q for q in asked if q.startswith(want["question_starts"])), None)
        assert question is not None, (want, list(asked))
        people = [_person(truth, n) for n in want["answerers"]]
        assert len(asked[question]) == len(people) and all(
            _speaks_as(speaker, person) for speaker, person in zip(asked[question], people)), (want, asked[question])
        found.append(question)
    assert len(asked) == len(expected), sorted(set(asked) - set(found))


def _person(truth: dict[str, Any], name: str | None) -> dict[str, Any]:
    """The answerer a turn names: by name, or by role for one known by role only (负责人), or by bureau for a unit that
    answers as itself (a 留言板's replies), or the unnamed one."""
    return next(p for p in truth["answerers"] if p["name"] == name or (p["name"] is None and p["role"] == name)
                or (p["name"] is None and p["role"] is None and p["bureau"] == name))


def _speaks_as(speaker: str, person: dict[str, Any]) -> bool:
    """A person by name; a role by its words (有关负责人 is a 负责人); nobody named: the bureau itself."""
    if person["name"]:
        return speaker == person["name"]
    if person["role"]:
        return person["role"] in speaker
    return speaker == person["bureau"]


@pytest.mark.parametrize("name", READABLE)
def test_layout_passages_are_verbatim(name: str) -> None:
    assert_verbatim(parsed(name))


def test_a_scanned_pdf_is_refused_with_a_reason() -> None:
    scans = [name for name, truth in EXPECTED.items() if truth["layout"] == "scanned_pdf"]
    assert scans
    for name in scans:
        with pytest.raises(CorpusParseError, match="OCR"):
            parsed(name)


def test_host_lines_are_never_answers() -> None:
    for name in READABLE:
        interview = parsed(name)
        hosts = {t.asker for t in interview.turns if "主持" in t.asker}
        for passage in interview.passages:
            assert passage.speaker not in hosts and "主持" not in (passage.speaker or ""), (name, passage.text[:30])


def test_the_fixtures_are_marked_fictional() -> None:
    for name in READABLE:
        assert any(mark in text for mark in ("虚构", "虛構") for text in (parsed(name).text, _pdf_layer(name))), name


def _pdf_layer(name: str) -> str:
    """All of a PDF's text layer, a notice stamped on every page included (the parser leaves it out as furniture)."""
    if not name.endswith(".pdf"):
        return ""
    import pdfplumber

    with pdfplumber.open(FIXTURES / name) as pdf:
        return "".join((page.extract_text() or "").replace(" ", "") for page in pdf.pages)


