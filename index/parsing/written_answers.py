"""A 局长笔谈 (written answers of several officials to one list of questions): the questions printed once ("问一：
……？"), then each official's answers under a line that names them ("◎市商务局党组书记、局长　程望舒", "答一：……").
Read as each question followed by every official's answer to it, in the order they were printed, the officials
listed above as the answerers (答问人) so each answer is credited to its own speaker and unit."""

from __future__ import annotations

import re

from index.parsing.metadata import is_boilerplate
from index.parsing.people import parse_people

_NUMBER = r"(?P<n>[一二三四五六七八九十]{1,2}|\d{1,2})"
_QUESTION = re.compile(rf"^[ \t\u3000]*问{_NUMBER}[ \t\u3000]*[：:][ \t\u3000]*(?P<words>\S.*)$")
_ANSWER = re.compile(rf"^[ \t\u3000]*答{_NUMBER}[ \t\u3000]*[：:][ \t\u3000]*(?P<words>\S.*)$")
_MARK = re.compile(r"^[ \t\u3000]*[◎●■◆▲★☆○□▌|｜]*[ \t\u3000]*")
MAX_HEADING_CHARS = 40
MIN_QUESTIONS = 2


def _official(line: str) -> tuple[str, str] | None:
    """(the line without its mark, the name) when a line names one official with unit or role."""
    words = _MARK.sub("", line).strip()
    if not words or len(words) > MAX_HEADING_CHARS or re.search(r"[。！？：:]", words):
        return None
    people = parse_people(words)
    if len(people) == 1 and people[0].name and (people[0].org or people[0].role):
        return words, people[0].name
    return None


def written_answers_as_text(body: str) -> str | None:
    """The text as question, then each official's answer ("程望舒：……"); None when it is no such page."""
    lines = body.split("\n")
    questions = {m["n"]: (i, m["words"]) for i, line in enumerate(lines) if (m := _QUESTION.match(line))}
    if len(questions) < MIN_QUESTIONS:
        return None
    last_question = max(i for i, _ in questions.values())
    officials: list[tuple[int, str, str]] = []  # line, as printed, name
    answers: dict[str, list[tuple[str, list[str]]]] = {}  # number -> (name, paragraphs)
    current: list[str] | None = None
    first = end = None
    for i in range(last_question + 1, len(lines)):
        line = lines[i]
        if (official := _official(line)) is not None:
            officials.append((i, *official))
            first = i if first is None else first
            current = None
        elif (answer := _ANSWER.match(line)) and officials and answer["n"] in questions:
            current = [answer["words"]]
            answers.setdefault(answer["n"], []).append((officials[-1][2], current))
            end = i
        elif current is not None and line.strip() and not _official(line):
            if is_boilerplate(line):  # "（本报记者　杜若　整理）", "责任编辑：……" after the answers
                current = None
                continue
            current.append(line.strip())
            end = i
    if first is None or end is None or max((len(a) for a in answers.values()), default=0) < 2:
        return None  # one official answering each question in turn is an ordinary 问/答 page
    head = [line for i, line in enumerate(lines[:first]) if not any(i == q for q, _ in questions.values())]
    out = [*head, "", "答问人："] + [printed for _, printed, _ in officials] + [""]
    for number, (_, words) in sorted(questions.items(), key=lambda item: item[1][0]):
        out += [f"问：{words}", ""]
        for name, paragraphs in answers.get(number, []):
            out += [f"{name}：{paragraphs[0]}", *paragraphs[1:], ""]
    out += lines[end + 1:]
    return "\n".join(out)
