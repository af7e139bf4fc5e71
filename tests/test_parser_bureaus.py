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


# 2. A press conference whose host opens with a salutation that has a colon in it

PRESS_CONFERENCE = """栖川市农业农村工作新闻发布会

本文为虚构示例，仅供测试。

10:00:06 主持人
新闻界的各位朋友：大家上午好！今天我们邀请市农业农村局局长赵刚，向大家介绍今年春耕生产情况。

10:01:20 赵刚
今年全市春播粮食面积稳定在92万亩，农资供应充足。

10:05:10 栖川日报记者
请问今年种粮补贴标准是多少？

10:05:40 赵刚
今年种粮补贴标准为每亩120元，五月底前发放到户。
"""


def test_ecology_press_conference_host_salutation_is_not_a_speaker() -> None:
    interview = bureau_file("qichuan-ecology.txt")
    assert interview.metadata.outlet is None, "reporters of many outlets ask: no single outlet"
    assert not any("各位朋友" in t.asker or "各位朋友" in t.answerer for t in interview.turns)
    assert interview.metadata.bureau == "栖川市生态环境局"
    opening = answers(interview)[0]
    assert opening.asker == "主持人" and (opening.question or "").startswith("新闻界的各位朋友：大家上午好！")
    assert not any(p.speaker == "新闻界的各位朋友" for p in interview.passages)


def test_a_host_salutation_after_a_timed_speaker_line_is_the_host_speaking() -> None:
    interview = parse_text(PRESS_CONFERENCE, "press.txt")
    meta = interview.metadata
    assert (meta.bureau, meta.interviewee, meta.role, meta.outlet) == ("栖川市农业农村局", "赵刚", "局长", None)
    assert [t.asker for t in interview.turns] == ["主持人", "栖川日报记者"]
    assert interview.turns[0].question.startswith("新闻界的各位朋友：大家上午好！")
    assert {p.bureau for p in interview.passages} == {"栖川市农业农村局"}
    assert_verbatim(interview)


def test_the_city_of_a_bureau_named_without_it_must_be_clear() -> None:
    untitled = PRESS_CONFERENCE.replace("栖川市农业农村工作新闻发布会", "农业农村工作新闻发布会")
    from_text = untitled.replace("本文为虚构示例，仅供测试。", "本文为虚构示例。栖川市人民政府新闻办公室举行发布会。")
    assert parse_text(from_text, "press.txt").metadata.bureau == "栖川市农业农村局"
    two_cities = untitled.replace("本文为虚构示例，仅供测试。", "本文为虚构示例。澜州市、栖川市两地记者参加。")
    assert parse_text(two_cities, "press.txt").metadata.bureau == "市农业农村局"
    assert parse_text(untitled, "press.txt").metadata.bureau == "市农业农村局"


@pytest.mark.parametrize("line", ["新闻界的各位朋友：大家上午好！", "女士们、先生们：大家好！", "尊敬的各位来宾：",
                                  "各位听众朋友：感谢收听。", "同志们：现在开会。"], ids=range(5))
def test_a_salutation_with_a_colon_is_not_a_speaker_label(line: str) -> None:
    from index.parsing.speakers import find_label

    assert find_label(line) is None
