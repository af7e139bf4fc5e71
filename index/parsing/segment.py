"""Paragraphs and sentences of a source text, with their offsets, and the one whitespace repair we allow.

The verbatim guarantee: every passage text is `repair_whitespace(source[start:end])`, and the repair only touches
whitespace runs that contain a line break:

- where the line before it goes on (it has no sentence end and is long, over 40 characters, or leaves a quote or
  bracket open) it joins the lines (a sentence end is a terminator 。！？!?；;… or a colon, and a closing quote or
  bracket only right after a terminator): removed between two Chinese characters (the seed's "用三聚焦三" / "攻坚"), one
  space otherwise;
- anywhere else (after a sentence end, a title, a heading, a list item) it becomes one `\\n`: a paragraph break.

Spaces and tabs inside a line are left exactly as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.records import Paragraph, Span

SENTENCE_END = "。！？!?…；;：:”’」』）)】》\"'"
SHORT_LINE = 40
_TERMINATORS = "。！？!?；;…"
_CLOSERS = "”’」』）)】》\"'"
_WS_WITH_BREAK = re.compile(r"[ \t\u3000\xa0]*\n\s*")
_SENTENCE = re.compile(rf"[^{_TERMINATORS}]*(?:[{_TERMINATORS}]+[{_CLOSERS}]*|$)")


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
    """Whether a line ends a sentence: a terminator or a colon; a closing quote or bracket only right after a
    terminator ("真正“长出牙齿”。" and "“谁来管？”" end one; the heading "既改“面子”，更改“里子”" does not)."""
    line = line.rstrip()
    if not line or line[-1] not in SENTENCE_END:
        return False
    if line[-1] not in _CLOSERS:
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


def make_paragraph(text: str, start: int, end: int) -> Paragraph:
    return Paragraph(repair_whitespace(text[start:end]), start, end)


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans inside `text[start:end]`, each ending after its terminator and closing quotes."""
    spans: list[Span] = []
    for match in _SENTENCE.finditer(text, start, end):
        piece = match.group()
        if not piece.strip():
            continue
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        spans.append(Span(match.start() + lead, match.end() - trail))
    return spans


def pack_sentences(sentences: list[Span], max_chars: int) -> list[Span]:
    """Greedily groups consecutive sentences into spans of at most `max_chars` (a longer sentence stands alone)."""
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
