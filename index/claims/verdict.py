"""The verdict on a claim: retrieval finds candidate passages, `index.claims.alignment` aligns the wording with each,
`index.claims.stitching` covers claims quoted from several places."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from index.claims.alignment import align_forms, rank, tokenised_passage
from index.claims.records import NOT_FOUND, Alignment, Verification
from index.claims.framing import claim_forms
from index.claims.stitching import stitch
from index.records import Hit
from index.search.features import ranking_order
from index.text import normalize_query
from index.limits import MAX_CLAIM_CHARS

if TYPE_CHECKING:
    from index.search.service import SearchService

CANDIDATES = 8


def verify_claim(claim: str, passage_texts: Sequence[str]) -> Alignment:
    """The best alignment of the claim over the passages, joins of several passages included (pure)."""
    full, body, span = claim_forms(claim)
    if not full.norm or not passage_texts:
        return NOT_FOUND if not full.norm else Alignment("not_found", None, None, (), 0.0, (), span)
    passages = [tokenised_passage(t) for t in passage_texts]
    results = [align_forms(full, body, span, p, k) for k, p in enumerate(passages)]
    best = max(results, key=rank)
    if best.alignment.verdict == "verbatim":
        return best.alignment
    checked = body if body is not None and best.alignment.claim_span == span else full
    stitched = stitch(checked, passages)
    if stitched is not None:
        alignment, gaps = stitched
        unmatched = best.unmatched if best.alignment.verdict == "differs" else len(checked.norm)
        if gaps < unmatched:
            return replace(alignment, claim_span=span if checked is body else (0, len(claim)))
    return best.alignment


def check_claim(searcher: SearchService, claim: str, show: int = 3) -> Verification:
    """Ranks passages for the claim (no abstention: the alignment decides), then aligns it with the best ones."""
    normalized = normalize_query(claim, MAX_CLAIM_CHARS)
    if not normalized or searcher.passage_count == 0:
        alignment = verify_claim(normalized, [])
        return Verification(claim, alignment.verdict, alignment.differences, (), alignment)
    scored = searcher.score(normalized[: searcher.config.max_query_chars * 2])
    order = ranking_order(scored)[:CANDIDATES]  # the order search shows: a bureau or city named first
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
