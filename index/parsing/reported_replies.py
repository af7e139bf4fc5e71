"""A news feature that puts questions and reports the answers ("记者追问①……？" then "部门回应" and "……科长佟知夏告诉记者，
……"; "### 一问：……？" then "“……”市人社局局长祁望舒告诉记者，……"): each question as the reporter's, each paragraph that
a new speaker's attribution opens labelled with who speaks, the paragraphs after it theirs until another speaks."""

from __future__ import annotations

import re

from index.parsing.orgs import is_unit_name
from index.parsing.people import parse_person

# "记者追问①……？", "### 一问：……？": a question the feature puts
_QUESTION = re.compile(r"^[ \t\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?(?:记者追问[①-⑳\d]{0,2}[：:]?|[一二三四五六七八九十]问[：:])[ \t\u3000]*"
                       r"(?P<words>[^\n]{4,120}?[？?])(?:\*\*|__)?[ \t\u3000]*$")
# "部门回应", "企业回应": a heading over the reply, no one's words
_REPLY_HEADING = re.compile(r"^[ \t\u3000]*(?:\*\*|__)?(?:部门|企业|单位|官方|相关部门)回应(?:\*\*|__)?[ \t\u3000]*$")
# who speaks, where a paragraph opens or after a quotation: "……科长佟知夏告诉记者，", "……在给记者的书面回复中表示，"
_SAID = re.compile(r"(?:^|(?<=[”」]))(?:对于这个问题[，,]|对此[，,])?(?P<who>[^，。；：:“”「」\s]{2,40}?)(?:在[^，。；]{0,14}?中)?"
                   r"(?:告诉记者|对记者说|向记者介绍|介绍|表示|坦言|补充说|回应|说)[，,：:]")
MIN_QUESTIONS = 2
_SAME = ("该", "这位", "此", "他", "她")  # "该负责人说": the one speaking goes on


def _speaker(who: str, seen: set[str]) -> bool:
    """A unit, an official described with unit or role (a 负责人 too), or someone named before."""
    if who in seen or is_unit_name(who):
        return True
    person = parse_person(who)
    return person is not None and bool(person.org or person.role) and bool(person.name or person.role)


def reported_replies_as_text(body: str) -> str | None:
    """The feature with its questions as the reporter's and each reply labelled; None when it is no such feature."""
    lines = body.split("\n")
    if sum(1 for line in lines if _QUESTION.match(line)) < MIN_QUESTIONS:
        return None
    out: list[str] = []
    seen: set[str] = set()
    current: set[str] = set()  # the names the one speaking now goes by
    asked = False
    for line in lines:
        if question := _QUESTION.match(line):
            out.append(f"记者：{question['words']}")
            current, asked = set(), True
            continue
        if _REPLY_HEADING.match(line):
            continue
        said = _SAID.search(line) if asked and line.strip() and not line.lstrip().startswith(">") else None
        if said and not said["who"].startswith(_SAME) and _speaker(said["who"], seen):
            person = parse_person(said["who"])
            names = {said["who"]} | ({person.name} if person and person.name else set())
            seen |= names
            if not names & current:
                current = names
                who = said["who"]  # a unit speaking as itself in brackets, a label the page reads as a speaker's
                out.append(f"【{who}】{line.strip()}" if is_unit_name(who) else f"{who}：{line.strip()}")
                continue
        out.append(line)
    return "\n".join(out)
