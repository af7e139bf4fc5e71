"""Speaker labels a page gives its lines by its own conventions, beyond "name：" (index.parsing.speakers): a headline
shaped like a label, ◆/◇ marks, 微访谈 accounts, bare speaker lines, officials under headings that name them."""

from __future__ import annotations

import re
from dataclasses import replace

from index.parsing.line_cuts import QUESTION_END
from index.parsing.metadata import TitleBlock, classify_title_line, is_boilerplate
from index.parsing.people import ACCOUNT, parse_people
from index.parsing.speakers import Label, bare_label, read_label

FULL_STOP = re.compile(r"[。！？!?；;…][”’」』）)]*$")


def label_lines(lines: list[str], labels: list[Label | None], header: set[int], marked: set[int]) -> set[int]:
    """Labels what the page's conventions label (in place), after the header was read; returns the lines that are
    no one's words (between an official's heading and its first question)."""
    _symbol_marked_turns(lines, labels)
    _accounts_as_people(lines, labels)
    _bare_speaker_lines(lines, labels, header)
    return _speaker_headings(lines, labels, marked)


_HOST_ACCOUNT = re.compile(r"^主持(?:人)?[：:][ \t\u3000]*@(?P<account>\S{1,30})$")


def _accounts_as_people(lines: list[str], labels: list[Label | None]) -> None:
    """On a 微访谈, "@茗川卫健唐韵：" is 唐韵 when the guest list gives "唐韵（@茗川卫健唐韵）", and "@茗川发布：" is the host
    when "主持人：@茗川发布"; other accounts are 网友."""
    named: dict[str, str] = {}
    for line in lines:
        for match in ACCOUNT.finditer(line):
            people = parse_people(line[: match.start()].rsplit("，", 1)[-1])
            if people and people[-1].name:
                named[match["account"]] = people[-1].name
        if host := _HOST_ACCOUNT.match(line.strip()):
            named[host["account"]] = "主持人"
    for i, label in enumerate(labels):
        if label is not None and label.name.startswith("@") and label.name[1:] in named:
            labels[i] = replace(label, name=named[label.name[1:]])


HEADLINE_LINES = 3
_NOT_HEADLINES = frozenset({"boilerplate", "source", "date", "meta", "byline", "series", "note", "section"})


def _names_nobody(label: Label) -> bool:
    """A bracketed column's name ("【代表问政】"), not a speaker's ("[主持人]", "【嘉宾 周启航】")."""
    reading = read_label(label.name)
    return reading.word is None and reading.person is None and reading.title is None and not reading.outlet


def headline_is_no_label(lines: list[str], labels: list[Label | None]) -> None:
    """A first line shaped like a label is a headline ("栖川市教育局局长沈望舒：让每个孩子在家门口上好学",
    "专访市交通运输局局长邵振华：织密“一张网”") when its words end no sentence and no other line has that label."""
    # the first line of words, after a breadcrumb, a paper's page line, a source or a date
    first = next((i for i, line in enumerate(lines[:HEADLINE_LINES]) if not is_boilerplate(line) and (
        labels[i] is not None or classify_title_line(line, TitleBlock()) not in _NOT_HEADLINES)), None)
    if first is None or labels[first] is None:
        return
    label, words = labels[first], lines[first][labels[first].content_offset:].strip()
    # a column's name in brackets before a headline that asks: "【代表问政】老旧小区改造，怎样改到居民心坎上？"
    headline = not FULL_STOP.search(words) or (label.bracketed and QUESTION_END.search(words) is not None
                                                 and _names_nobody(label))
    if words and headline and sum(1 for l in labels if l and l.name == label.name) == 1:
        labels[first] = None


MIN_SPEAKER_HEADINGS = 2
_TURN_SYMBOLS = "◆◇■□●○▲△★☆"
MIN_SYMBOL_TURNS = 2


def _symbol_marked_turns(lines: list[str], labels: list[Label | None]) -> None:
    """A 专访 whose questions open with one symbol and answers with another, no names ("◆……？" / "◇……"): the
    symbol whose lines mostly ask is 问, the other 答."""
    marked: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if labels[i] is None and len(line) > 1 and line[0] in _TURN_SYMBOLS:
            marked.setdefault(line[0], []).append(i)
    used = sorted((m for m in marked if len(marked[m]) >= MIN_SYMBOL_TURNS), key=lambda m: -len(marked[m]))[:2]
    if len(used) != 2:
        return
    asks = {m: sum(1 for i in marked[m] if QUESTION_END.search(lines[i])) / len(marked[m]) for m in used}
    question, answer = sorted(used, key=lambda m: -asks[m])
    if asks[question] <= 0.5 or asks[answer] >= 0.5:
        return
    for mark, word in ((question, "问"), (answer, "答")):
        for i in marked[mark]:
            offset = len(lines[i]) - len(lines[i][1:].lstrip(" \t\u3000"))
            labels[i] = Label(word, offset, synthetic=True)


def _speaker_headings(lines: list[str], labels: list[Label | None], marked: set[int]) -> set[int]:
    """A report of several officials answering in turn (a 两会 部门通道), each under a heading that names them and sums
    up what they said ("市教育局党委书记、局长 邵怀瑾：今年新增公办学位1.2万个"), the reporters' questions labelled and
    the answers not: each heading is no turn, the first paragraph after each question is its official's answer, a
    heading-styled paragraph that asks is a reporter's question, and what stands between a heading and its first
    question (第二位走上通道的是……) is no one's words. Returns the lines left out."""
    headings = {i: label for i, label in enumerate(labels) if label is not None and _is_speaker_heading(lines, labels, i)}
    if len({label.name for label in headings.values()}) < MIN_SPEAKER_HEADINGS:
        return set()
    skipped: set[int] = set()
    speaker: Label | None = None
    asked = False
    for i, label in enumerate(labels):
        if i in headings:
            speaker, asked, labels[i] = headings[i], False, None
            skipped.add(i)
        elif speaker is None:
            continue
        elif label is not None:
            asked = read_label(label.name).side == "ask"
        elif i in marked and QUESTION_END.search(lines[i]):
            labels[i], asked = Label("记者", 0, synthetic=True), True
        elif asked:
            labels[i], asked = Label(speaker.name, 0, synthetic=True), False
        elif not any(labels[j] is not None for j in range(_last_heading(headings, i), i)):
            skipped.add(i)  # between a heading and its first question
    return skipped


def _is_speaker_heading(lines: list[str], labels: list[Label | None], i: int) -> bool:
    label = labels[i]
    assert label is not None
    words = lines[i][label.content_offset:].strip()
    reading = read_label(label.name)
    return (reading.side == "answer" and reading.person is not None and bool(reading.person.name) and bool(words)
            and not FULL_STOP.search(words) and sum(1 for l in labels if l and l.name == label.name) == 1
            and (following := next((l for l in labels[i + 1:] if l is not None), None)) is not None
            and read_label(following.name).side == "ask")


def _last_heading(headings: dict[int, Label], i: int) -> int:
    return max(j for j in headings if j < i) + 1


MIN_BARE_LABELS = 2


def _bare_speaker_lines(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """Speaker lines without a colon ("主持人", "临渚日报记者", "卢海平", the words on the next lines), when the document
    writes its turns that way: at least two such lines after the header, and both sides speaking (with these or with
    labels of their own)."""
    found = {i: bare for i, line in enumerate(lines)
             if labels[i] is None and i not in header and i + 1 < len(lines) and (bare := bare_label(line))}
    # the other side may stand alone on its lines with labels of its own ("主持人" bare, "[嘉宾]陈文涛" in brackets)
    alone = [label for line, label in zip(lines, labels) if label and label.content_offset >= len(line.rstrip())]
    sides = {read_label(label.name).side for label in [*found.values(), *alone]}
    if len(found) >= MIN_BARE_LABELS and {"ask", "answer"} <= sides:
        for i, label in found.items():
            labels[i] = label
