"""The fictional multi-bureau corpus (tests/fixtures/bureaus): subtitles, press conferences, sub-headings, numbered
paragraphs, speakers, courtesies and metadata lines, each as its file shows it and as a small text of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parsing.parser import parse_file, parse_text
from index.records import Interview
from tests.conftest import ROOT
from tests.test_parser import assert_verbatim

BUREAUS = ROOT / "tests" / "fixtures" / "bureaus"
BUREAU_FILES = sorted(BUREAUS.iterdir())


def bureau_file(name: str) -> Interview:
    return parse_file(BUREAUS / name, name)


def answers(interview: Interview) -> list:
    return [p for p in interview.passages if p.kind == "answer"]


@pytest.mark.parametrize("path", BUREAU_FILES, ids=lambda p: p.name)
def test_every_bureau_passage_is_verbatim(path: Path) -> None:
    interview = parse_file(path, path.name)
    assert interview.passages
    assert_verbatim(interview)


# 1. "——访<city><bureau>局长<name>" subtitles


@pytest.mark.parametrize(
    ("name", "bureau", "role"),
    [
        ("lanzhou-housing.txt", "澜州市住房和城乡建设局", "党组书记、局长"),
        ("lanzhou-culture-tourism.html", "澜州市文化和旅游局", "党组书记、局长"),
        ("lanzhou-market-regulation.md", "澜州市市场监督管理局", "党组书记、局长"),
        ("qichuan-emergency.html", "栖川市应急管理局", "党委书记、局长"),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v else "",
)
def test_a_subtitle_naming_the_interviewee_gives_the_bureau_without_the_dash(name: str, bureau: str, role: str) -> None:
    interview = bureau_file(name)
    assert (interview.metadata.bureau, interview.metadata.role) == (bureau, role)
    assert {p.bureau for p in interview.passages} == {bureau}


def test_subtitle_on_its_own_line_and_at_the_end_of_a_headline() -> None:
    body = ("本文为虚构示例。记者专访了海川市水务局党组书记、局长何清。\n\n"
            "记者：今年会停水吗？\n\n何清：今年不会停水。\n")
    for top in ("水清岸绿惠民生\n——访海川市水务局局长何清\n\n", "水清岸绿惠民生——访海川市水务局局长何清\n\n"):
        meta = parse_text(top + body).metadata
        assert (meta.bureau, meta.interviewee, meta.role) == ("海川市水务局", "何清", "党组书记、局长"), top
    meta = parse_text("水清岸绿惠民生\n——访海川市水务局局长何清\n\n记者：今年会停水吗？\n\n何清：今年不会停水。\n").metadata
    assert (meta.bureau, meta.role) == ("海川市水务局", "局长"), "the headline alone still names the bureau"
