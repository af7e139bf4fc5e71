"""Small helpers for the parser's tests: a text written to a temp file and parsed as the corpus reads it (the
sources' rewriters apply to files, not to `parse_text`), and its turns in short."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file
from index.records import Interview


def parse_written(tmp_path: Path, text: str, name: str = "page.md") -> Interview:
    """`text` written as `tmp_path/name` (UTF-8) and parsed from there."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path, name)


def answered(interview: Interview) -> list[tuple[str, str]]:
    """(the question's first six characters, who answered) for each turn with both."""
    return [(t.question[:6], t.answerer) for t in interview.turns if t.question and t.answer]


def answered_with_asker(interview: Interview) -> list[tuple[str, str, str]]:
    """(who asked, the question's first six characters, who answered) for each turn with both."""
    return [(t.asker, t.question[:6], t.answerer) for t in interview.turns if t.question and t.answer]
