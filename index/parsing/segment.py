"""Paragraphs and sentences of a source text, with their offsets, and the one whitespace repair we allow.

The verbatim guarantee: every passage text is `repair_whitespace(source[start:end])`; the repair only touches
whitespace runs that contain a line break (joined where the line goes on, else one `\\n`). The rule in full:
docs/corpus.md, "Verbatim"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from index.records import Paragraph, Span
from index.text import sentence_spans

T = TypeVar("T")

SENTENCE_END = "。！？!?…；;：:”’」』）)】》\"'"
SHORT_LINE = 40
_TERMINATORS = "。！？!?；;…"
_CLOSERS = "”’」』）)】》\"'"
_QUOTE_CLOSERS = "”’」』\"'"
_WS_WITH_BREAK = re.compile(r"[ \t\u3000\xa0]*\n\s*")
_NUMERAL = "一二三四五六七八九十"
# "一是……", "第一，……", "（一）……", "一、……", "（1）……", "1．……" at the start of a paragraph
_ENUMERATOR = re.compile(
    rf"^(?:(?P<shi>[{_NUMERAL}]{{1,3}})是|第(?P<di>[{_NUMERAL}]{{1,3}})(?=[，,、：:]|是)|[（(](?P<paren>[{_NUMERAL}]{{1,3}})[）)]"
    rf"|(?P<dun>[{_NUMERAL}]{{1,3}})、|[（(](?P<paren_digit>\d{{1,2}})[）)]|(?P<digit>\d{{1,2}})[、．.](?!\d))"
)
MAX_CLAUSE_HEADING = 40  # an opening clause longer than this is cut at its first comma, or is no heading


def is_cjk(char: str) -> bool:
    """A Chinese character or full-width punctuation: no space belongs between two of them."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x2018 <= code <= 0x201F  # curly quotes
        or 0x20000 <= code <= 0x2FFFF
    )


def ends_sentence(line: str) -> bool:
    """Whether a line ends a sentence: a terminator, a colon or a closing bracket; a closing quote only right after a
    terminator ("真正“长出牙齿”。" and "“谁来管？”" end one; the heading "既改“面子”，更改“里子”" does not)."""
    line = line.rstrip()
    if not line or line[-1] not in SENTENCE_END:
        return False
    if line[-1] not in _QUOTE_CLOSERS:
        return True
    before = line.rstrip(_CLOSERS)
    return bool(before) and before[-1] in _TERMINATORS


_OPENERS = {"“": "”", "「": "」", "『": "』", "（": "）", "《": "》", "【": "】", "(": ")"}


def has_unclosed_bracket(line: str) -> bool:
    """“用三聚焦三 — a quote or bracket opened and not closed on the line."""
    return any(line.count(opener) > line.count(closer) for opener, closer in _OPENERS.items())


def line_continues(line: str) -> bool:
    """Whether the sentence goes on in the next line: a long line or an open quote, without a sentence end."""
    line = line.strip()
    return bool(line) and not ends_sentence(line) and (len(line) > SHORT_LINE or has_unclosed_bracket(line))


def repair_whitespace(raw: str) -> str:
    """The documented repair of a source span (see the module docstring). Leading/trailing whitespace is dropped."""
    raw = raw.strip()
    out: list[str] = []
    last = 0
    for match in _WS_WITH_BREAK.finditer(raw):
        before = raw[last : match.start()]
        out.append(before)
        line_before = raw[: match.start()].rsplit("\n", 1)[-1]
        prev_char, next_char = raw[match.start() - 1], raw[match.end()] if match.end() < len(raw) else ""
        if not line_continues(line_before):
            out.append("\n")
        elif next_char and is_cjk(prev_char) and is_cjk(next_char):
            out.append("")
        else:
            out.append(" ")
        last = match.end()
    out.append(raw[last:])
    return "".join(out)


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Spans of the non-blank lines of `text[start:end]`, stripped of surrounding whitespace."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        line_end = end if newline == -1 else newline
        line = text[pos:line_end]
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield Span(pos + lead, pos + lead + len(stripped))
        pos = line_end + 1


def in_reading_order(items: Sequence[T], top: Callable[[T], float], left: Callable[[T], float],
                     same_row: float) -> list[T]:
    """Things placed on a page or a screen as a reader reads them: row by row from the top (tops closer than
    `same_row` to the row's first make one row), left to right in a row."""
    rows: list[list[T]] = []
    for item in sorted(items, key=lambda i: (top(i), left(i))):
        if rows and top(item) - top(rows[-1][0]) <= same_row:
            rows[-1].append(item)
        else:
            rows.append([item])
    return [item for row in rows for item in sorted(row, key=left)]


def make_paragraph(text: str, start: int, end: int) -> Paragraph:
    return Paragraph(repair_whitespace(text[start:end]), start, end)


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans inside `text[start:end]` (index.text.sentence_spans), as Spans."""
    return [Span(s, e) for s, e in sentence_spans(text, start, end)]


def pack_sentences(sentences: list[Span], max_chars: int) -> list[Span]:
    """Consecutive sentences grouped into as few spans of at most `max_chars` as greedy packing needs, with the
    lengths evened out (no short last piece); a sentence longer than `max_chars` stands alone."""
    fewest = _greedy(sentences, max_chars)
    if len(fewest) <= 1:
        return fewest
    low, high = 1, max_chars
    while low < high:  # the smallest limit that still needs no more spans
        middle = (low + high) // 2
        if len(_greedy(sentences, middle)) <= len(fewest):
            high = middle
        else:
            low = middle + 1
    return _greedy(sentences, low)


def _greedy(sentences: list[Span], max_chars: int) -> list[Span]:
    chunks: list[Span] = []
    current: Span | None = None
    for sentence in sentences:
        if current is not None and sentence.end - current.start <= max_chars:
            current = Span(current.start, sentence.end)
        else:
            if current is not None:
                chunks.append(current)
            current = sentence
    if current is not None:
        chunks.append(current)
    return chunks


def _numeral(word: str) -> int | None:
    """一 .. 九十九 (as list items count) -> 1 .. 99."""
    if word.isdigit():
        return int(word)
    digits = {c: i for i, c in enumerate(_NUMERAL, 1)}
    if len(word) == 1:
        return digits.get(word)
    if word.startswith("十"):
        return 10 + (digits.get(word[1], 99) if len(word) == 2 else 99)
    if len(word) >= 2 and word[1] == "十":
        tens = digits.get(word[0], 99) * 10
        return tens + (digits.get(word[2], 99) if len(word) == 3 else 0)
    return None


def enumerator(line: str) -> tuple[str, int] | None:
    """The list marker a paragraph opens with, as (style, number): "二是……" -> ("shi", 2), "（三）……" -> ("paren", 3)."""
    match = _ENUMERATOR.match(line)
    if not match:
        return None
    style = next(name for name, value in match.groupdict().items() if value is not None)
    number = _numeral(match.group(style))
    return (style, number) if number is not None and number < 100 else None


def enumerator_end(line: str) -> int:
    """Where the words after a paragraph's list marker start ("（一）为什么……" -> 3); 0 without a marker."""
    match = _ENUMERATOR.match(line)
    return match.end() if match and enumerator(line) is not None else 0


def opening_clause(line: str) -> str | None:
    """The heading of a numbered paragraph: its first sentence without the full stop ("一是缓缴保证金，给企业“减负担”"),
    cut at the first comma when longer than MAX_CLAUSE_HEADING characters; None when even that is too long."""
    first = re.split(r"[。！？!?；;：:\n]", line, maxsplit=1)[0].strip()
    if len(first) > MAX_CLAUSE_HEADING:
        first = re.split(r"[，,]", first, maxsplit=1)[0].strip()
    return first if 0 < len(first) <= MAX_CLAUSE_HEADING else None
