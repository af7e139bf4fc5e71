"""The records of a claim check: the verdict, what differs, where in which passage, and the passages behind it.
Light: the front ends import these without the search behind them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from index.records import Hit

Verdict = Literal["verbatim", "consistent", "differs", "not_found"]
VERDICTS: tuple[str, ...] = ("verbatim", "consistent", "differs", "not_found")


@dataclass(frozen=True, slots=True)
class Difference:
    """One changed span: what the claim says and what the record says there."""

    claim: str
    record: str
    kind: Literal["number", "text"]
    note: str | None = None  # set for joins of two passages
    fact: str | None = None  # the kind of fact that differs (number, date, period, document, programme, person, place)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"claim": self.claim, "record": self.record, "kind": self.kind}
        if self.note:
            data["note"] = self.note
        if self.fact:
            data["fact"] = self.fact
        return data


@dataclass(frozen=True, slots=True)
class MatchedFact:
    """A fact of the claim found, equal, in the passage: as the claim writes it and as the record does."""

    claim: str
    record: str
    kind: str  # number, date, period, document, programme, person, place

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "record": self.record, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Alignment:
    """The verdict on a claim and where in which passage it was found."""

    verdict: Verdict
    passage_index: int | None
    record_span: tuple[int, int] | None
    differences: tuple[Difference, ...]
    similarity: float
    diff_spans: tuple[tuple[int, int], ...]
    claim_span: tuple[int, int] | None = None  # the part of the claim checked (framing left out)
    equivalents: tuple[Difference, ...] = ()  # equal quantities written differently (not differences)
    sources: tuple[tuple[int, int, int], ...] = ()  # (passage_index, start, end) of every piece quoted
    fact_spans: tuple[tuple[int, int], ...] = ()  # where the claim's facts matched stand in the passage

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "passage_index": self.passage_index,
            "record_span": list(self.record_span) if self.record_span else None,
            "differences": [d.to_dict() for d in self.differences],
            "similarity": round(self.similarity, 4),
            "diff_spans": [list(s) for s in self.diff_spans],
            "equivalents": [d.to_dict() for d in self.equivalents],
        }


NOT_FOUND = Alignment("not_found", None, None, (), 0.0, ())


@dataclass(frozen=True, slots=True)
class Verification:
    """The verdict on a claim, the differences, and the passages behind it (the aligned one first)."""

    claim: str
    verdict: str
    differences: tuple[Difference, ...]
    hits: tuple[Hit, ...]
    alignment: Alignment
    facts: tuple[MatchedFact, ...] = ()  # the claim's facts found, equal, in the passage checked (hits[0])

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "verdict": self.verdict,
                "differences": [d.to_dict() for d in self.differences],
                "facts": [f.to_dict() for f in self.facts],
                "passages": [h.to_dict() for h in self.hits]}
