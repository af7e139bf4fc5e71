"""View models of the pages: plain data the templates draw (Jinja2 escapes every text). Pure except
`read_interview_source`, which reads a corpus file.

A marked text is a list of `Piece`s: a stretch of the text and the marks on it (`best`: the sentence that answers
best; `diff`: a span that differs from a claim; `claim`: the checked part of a sentence). Overlapping spans split
into pieces carrying both marks.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bot import texts
from bot.render.common import cut_by_spans, source_parts
from index.errors import InterviewQAError
from index.records import Hit, Passage, SearchResult
from index.search.bureaus import same_kind_elsewhere

_LABEL_LINE = re.compile(r"^[^：:\n]{1,40}[：:]$")  # 邢海文：  alone on its line
_QUESTION_LINE = re.compile(r"^[^：:\n]{1,40}[：:]\s*\S")  # 记者：…  齐鲁晚报·齐鲁壹点：…


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    marks: tuple[str, ...] = ()

    @property
    def css(self) -> str:
        return " ".join(self.marks)


def marked(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Piece]:
    """`text` cut at the span edges; each piece carries the marks of the spans that cover it."""
    return [Piece(piece, tuple(sorted(marks))) for piece, marks in cut_by_spans(text, spans)]


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of `needle` in `text` (none for an empty needle)."""
    spans, start = [], 0
    while needle and (i := text.find(needle, start)) != -1:
        spans.append((i, i + len(needle)))
        start = i + len(needle)
    return spans


def permalink(passage: Passage) -> str:
    return f"/i/{quote(passage.interview_id)}#p-{quote(passage.passage_id)}"


@dataclass(frozen=True, slots=True)
class HitView:
    """One quoted passage as a card: who said it, the question it answers, the text (best sentence marked), where."""

    passage: Passage
    pieces: list[Piece]
    kind_label: str | None
    speaker: str
    source_line: str
    link: str
    show_heading: bool

    @classmethod
    def of(cls, hit: Hit, extra: Sequence[tuple[int, int, str]] = ()) -> HitView:
        p = hit.passage
        spans = [(hit.best_sentence[0], hit.best_sentence[1], "best")] if hit.best_sentence else []
        return cls(p, marked(p.text, [*spans, *extra]), texts.PASSAGE_KINDS.get(p.kind),
                   texts.with_role(p.speaker or p.interviewee, p.role), source_line(p), permalink(p),
                   bool(p.heading) and p.kind == "answer" and not p.text.startswith(p.heading or ""))


def source_line(p: Passage) -> str:
    """Outlet · series · 《title》 · date, where known."""
    parts = source_parts(p)
    return " · ".join(parts) if parts else p.file


@dataclass(frozen=True, slots=True)
class ResultView:
    """A search result as the page shows it: the three outcomes."""

    query: str
    outcome: str  # high | low | not_found | empty
    hits: list[HitView]
    suggestions: tuple[str, ...]
    reason_text: str | None
    bureau: str | None
    read_with: str | None = None  # the earlier question a follow-up was read with
    # (position, bureau) of later hits that are the first one's kind of bureau in another city
    elsewhere: tuple[tuple[int, str], ...] = ()

    @classmethod
    def of(cls, result: SearchResult, bureau: str | None) -> ResultView:
        read_with = result.context.with_question if result.context else None
        if not result.answered or not result.hits:
            code = result.reason or "not_covered"
            return cls(result.query, "empty" if code == "empty" else "not_found", [], (),
                       texts.web_reason(code), bureau, read_with)
        return cls(result.query, result.confidence or "high", [HitView.of(h) for h in result.hits],
                   result.suggestions, None, bureau, read_with,
                   same_kind_elsewhere([h.passage.bureau for h in result.hits]))


# -- an interview, whole ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Block:
    """A stretch of an interview page: a passage (with its id) or the text between passages."""

    kind: str  # passage | label | question | text
    text: str
    passage: Passage | None = None


@dataclass(frozen=True, slots=True)
class InterviewView:
    interview_id: str
    title: str
    bureau: str
    interviewee: str
    role: str | None
    outlet: str | None
    series: str | None
    date: str | None
    url: str | None
    file: str
    blocks: list[Block] = field(default_factory=list)
    from_source: bool = True  # False: the source file could not be read; the passages alone are shown


def interview_passages(passages: Iterable[Passage], interview_id: str) -> list[Passage]:
    return sorted((p for p in passages if p.interview_id == interview_id), key=lambda p: p.start)


def interview_view(passages: Sequence[Passage], source: tuple[str, int] | None) -> InterviewView:
    """The interview of `passages` (one interview, in source order). With its source text (and where the body
    starts) the page shows everything between the passages too (titles, bylines, the reporters' questions,
    headings), as published; the text between is checked to fit the passages, else the passages alone are shown."""
    first = passages[0]
    blocks: list[Block] = []
    fits = source is not None and _fits(passages, source[0])
    if source is not None and fits:
        text, position = source[0], source[1]
        for p in passages:
            blocks += _between(text[position:p.start])
            blocks.append(Block("passage", p.text, p))
            position = max(position, p.end)
        blocks += _between(text[position:])
    else:
        turn: object = object()
        for p in passages:
            if p.question and (p.turn, p.question) != turn:
                turn = (p.turn, p.question)
                blocks.append(Block("question", texts.asked(p.asker or texts.DEFAULT_ASKER, p.question)))
            if p.heading and not p.text.startswith(p.heading):
                blocks.append(Block("text", p.heading))
            blocks.append(Block("passage", p.text, p))
    role = next((p.role for p in passages if p.role), None)
    return InterviewView(first.interview_id, first.title or texts.UNTITLED, first.bureau or texts.NO_VALUE,
                         first.interviewee, role, first.outlet, first.series, first.date, first.url, first.file,
                         blocks, bool(fits))


def _fits(passages: Sequence[Passage], text: str) -> bool:
    from index.parsing.segment import repair_whitespace

    return all(p.end <= len(text) and repair_whitespace(text[p.start:p.end]) == p.text for p in passages)


def _between(text: str) -> list[Block]:
    """The lines between two passages: speaker labels, the reporters' questions, titles and headings."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if _LABEL_LINE.match(line):
            out.append(Block("label", line))
        elif _QUESTION_LINE.match(line):
            out.append(Block("question", line))
        else:
            out.append(Block("text", line))
    return out


def read_interview_source(corpus_dir: Path, file: str) -> tuple[str, int] | None:
    """The text a passage's offsets point into (and where its body starts), or None when it cannot be read."""
    from index.parsing.sources import read_source

    path = (corpus_dir / file).resolve()
    try:
        path.relative_to(corpus_dir.resolve())
    except ValueError:
        return None
    try:
        source = read_source(path, file)
    except (InterviewQAError, OSError):
        return None
    return source.text, source.body_start


# -- interviews by bureau -----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InterviewEntry:
    interview_id: str
    title: str
    interviewee: str
    role: str | None
    outlet: str | None
    date: str | None
    passages: int


def interviews_by_bureau(passages: Iterable[Passage]) -> list[tuple[str, list[InterviewEntry]]]:
    """Bureaus (most interviews first, then by name), each with its interviews (newest first)."""
    passages = list(passages)
    own: dict[str, Counter[str]] = {}  # each interview's bureaus, for a passage that speaks for none (an expert's)
    for p in passages:
        if p.bureau:
            own.setdefault(p.interview_id, Counter())[p.bureau] += 1
    grouped: dict[str, dict[str, list[Passage]]] = {}
    for p in passages:
        counts = own.get(p.interview_id)
        bureau = p.bureau or (counts.most_common(1)[0][0] if counts else texts.NO_VALUE)
        grouped.setdefault(bureau, {}).setdefault(p.interview_id, []).append(p)
    out = []
    for bureau, interviews in grouped.items():
        entries = []
        for interview_id, ps in interviews.items():
            first = min(ps, key=lambda p: p.start)
            role = next((p.role for p in ps if p.role), None)
            entries.append(InterviewEntry(interview_id, first.title or texts.UNTITLED, first.interviewee, role,
                                          first.outlet, first.date, len(ps)))
        entries.sort(key=lambda e: (e.date or "", e.title), reverse=True)
        out.append((bureau, entries))
    out.sort(key=lambda pair: (-len(pair[1]), pair[0]))
    return out
