"""Lookups over the indexed passages: a passage by id, the whole answer it belongs to, the bureaus."""

from __future__ import annotations

from collections.abc import Sequence

from index.records import Passage


class PassageLookups:
    """Read-only views of the passages of one index (shared by the front ends through the Searcher)."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = tuple(passages)
        self._by_id = {p.passage_id: i for i, p in enumerate(self._passages)}

    @property
    def passage_count(self) -> int:
        return len(self._passages)

    def passage(self, passage_id: str) -> Passage | None:
        row = self._by_id.get(passage_id)
        return None if row is None else self._passages[row]

    def turn_passages(self, passage: Passage) -> list[Passage]:
        """All passages of the same turn (or the same intro/summary), in source order: the answer in context."""
        same = [p for p in self._passages if p.interview_id == passage.interview_id and p.kind == passage.kind
                and p.turn == passage.turn]
        return sorted(same, key=lambda p: p.start)

    def bureaus(self) -> list[tuple[str, int]]:
        """Bureaus in the corpus with their number of interviews, most first."""
        interviews: dict[str, set[str]] = {}
        for p in self._passages:
            if p.bureau:
                interviews.setdefault(p.bureau, set()).add(p.interview_id)
        return sorted(((b, len(ids)) for b, ids in interviews.items()), key=lambda pair: (-pair[1], pair[0]))
