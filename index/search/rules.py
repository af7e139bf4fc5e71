"""The few signs that settle a question alone, before any passage is scored (small_talk, unknown_place,
unknown_bureau, unknown_year); everything else is weighed by the decision model (index.search.decision).

Each is high-precision by construction; in a long message only the clause that asks counts. A reason is a code,
optionally with what was found after a colon; front ends turn it into words. Details: docs/search.md."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from index.search.query import QueryParts

SMALL_TALK = "small_talk"
UNKNOWN_PLACE = "unknown_place"
UNKNOWN_YEAR = "unknown_year"
UNKNOWN_BUREAU = "unknown_bureau"
NOT_COVERED = "not_covered"
EMPTY = "empty"


def reason(code: str, detail: str | None = None) -> str:
    return f"{code}:{detail}" if detail else code


def veto(parts: QueryParts, places: Sequence[str], foreign_places: Collection[str], corpus_text: str,
         unknown_city: str | None = None, unknown_bureau: str | None = None) -> str | None:
    """The reason the interviews cannot answer this question, when one sign settles it; else None.

    `places` are the place names found in the question's asking clause, `foreign_places` those no passage mentions,
    `corpus_text` all passage text (for years); `unknown_city` and `unknown_bureau` what the asking clause names
    that the corpus does not have (see index.search.searcher)."""
    if parts.small_talk:
        return reason(SMALL_TALK)
    unknown = [p for p in places if p in foreign_places]
    if unknown_city and not any(unknown_city in u or u in unknown_city for u in unknown):
        unknown.append(unknown_city)
    if unknown:
        return reason(UNKNOWN_PLACE, "、".join(unknown))
    if unknown_bureau:
        return reason(UNKNOWN_BUREAU, unknown_bureau)
    years = [y for y in parts.years if y not in corpus_text]
    if years:
        return reason(UNKNOWN_YEAR, "、".join(years))
    return None
