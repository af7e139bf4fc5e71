"""What every renderer shares: a text cut at the edges of marked spans, and where a passage was published."""

from __future__ import annotations

from collections.abc import Iterable

from bot import texts
from index.records import Passage


def cut_by_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[str, frozenset[str]]]:
    """`text` cut at the edges of the (start, end, mark) spans, each piece with the marks of the spans covering it;
    neighbours with the same marks joined."""
    clipped = [(max(0, s), min(len(text), e), m) for s, e, m in spans]
    clipped = [(s, e, m) for s, e, m in clipped if s < e]
    cuts = sorted({0, len(text), *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    pieces: list[tuple[str, frozenset[str]]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        marks = frozenset(m for s, e, m in clipped if s <= a and b <= e)
        if pieces and pieces[-1][1] == marks:
            pieces[-1] = (pieces[-1][0] + text[a:b], marks)
        else:
            pieces.append((text[a:b], marks))
    return pieces


def source_parts(p: Passage, series: bool = True) -> list[str]:
    """Outlet, series (when asked), 《title》 and date of a passage's interview, where known."""
    title = texts.book_title(p.title) if p.title else None
    return [x for x in (p.outlet, p.series if series else None, title, p.date) if x]
