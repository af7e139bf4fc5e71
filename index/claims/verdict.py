"""Checking a claim against the record: retrieval finds candidate passages, `index.claims.alignment` aligns the wording."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from index.records import Hit
from index.search.searcher import Searcher
from index.text import normalize_query
from index.claims.alignment import Alignment, Difference, verify_claim

MAX_CLAIM_CHARS = 2000
CANDIDATES = 8


@dataclass(frozen=True, slots=True)
class Verification:
    """The verdict on a claim, the differences, and the passages behind it (the aligned one first)."""

    claim: str
    verdict: str
    differences: tuple[Difference, ...]
    hits: tuple[Hit, ...]
    alignment: Alignment

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "verdict": self.verdict,
                "differences": [d.to_dict() for d in self.differences],
                "passages": [h.to_dict() for h in self.hits]}


def check_claim(searcher: Searcher, claim: str, show: int = 3) -> Verification:
    """Ranks passages for the claim (no abstention: the alignment decides), then aligns it with the best ones."""
    normalized = normalize_query(claim, MAX_CLAIM_CHARS)
    if not normalized or searcher.passage_count == 0:
        alignment = verify_claim(normalized, [])
        return Verification(claim, alignment.verdict, alignment.differences, (), alignment)
    scored = searcher.score(normalized[: searcher.config.max_query_chars * 2])
    order = np.argsort(-scored.fused, kind="stable")[:CANDIDATES]
    rows = [int(scored.rows[i]) for i in order]
    passages = [searcher.data.passages[r] for r in rows]
    alignment = verify_claim(normalized, [p.text for p in passages])
    if alignment.verdict == "not_found":
        return Verification(claim, "not_found", (), (), alignment)
    used = [index for index, _, _ in alignment.sources] or [alignment.passage_index]
    first = [i for i in dict.fromkeys(used) if i is not None]
    hits = []
    for index in first + [i for i in range(len(passages)) if i not in first]:
        position = int(order[index])
        span = alignment.record_span if index == alignment.passage_index else None
        hits.append(Hit(passages[index], round(float(scored.fused[position]), 6), span))
        if len(hits) >= max(show, len(first)):
            break
    return Verification(claim, alignment.verdict, alignment.differences, tuple(hits), alignment)
