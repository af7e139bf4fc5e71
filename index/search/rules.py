"""The few signs that settle a question alone, before any passage is scored; everything else is weighed by the
decision model (index.search.decision).

Each is high-precision by construction:
- `small_talk`: once greetings, thanks and polite openings are taken off, nothing is asked (你好; 谢谢; 你是机器人吗).
  A greeting or thanks before a question never makes it small talk.
- `unknown_place`: it names a place of China's administrative divisions (from a packaged list, see
  index.search.places) that no passage mentions: 青岛市海洋发展局 when the corpus is about 威海.
- `unknown_year`: it names a year (2023) that no passage mentions.

A reason is a code, optionally with what was found after a colon; front ends turn it into words.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from index.search.query import QueryParts

SMALL_TALK = "small_talk"
UNKNOWN_PLACE = "unknown_place"
UNKNOWN_YEAR = "unknown_year"
UNKNOWN_BUREAU = "unknown_bureau"  # decided by the model, reported with the bureau named
NOT_COVERED = "not_covered"
EMPTY = "empty"


def reason(code: str, detail: str | None = None) -> str:
    return f"{code}:{detail}" if detail else code


def veto(parts: QueryParts, places: Sequence[str], foreign_places: Collection[str], corpus_text: str) -> str | None:
    """The reason the interviews cannot answer this question, when one sign settles it; else None.

    `places` are the place names found in the question, `foreign_places` those no passage mentions, `corpus_text`
    all passage text (for years)."""
    if parts.small_talk:
        return reason(SMALL_TALK)
    unknown = [p for p in places if p in foreign_places]
    if unknown:
        return reason(UNKNOWN_PLACE, "、".join(unknown))
    years = [y for y in parts.years if y not in corpus_text]
    if years:
        return reason(UNKNOWN_YEAR, "、".join(years))
    return None
