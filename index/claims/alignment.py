"""Claim checking: is a claim's wording in the record, and if not, what differs? Pure: no I/O, no model.

`align_claim` aligns a claim with one passage character by character (quantities as single tokens, framing at its
ends ignored) and returns an `Alignment`: verbatim / differs / not_found, the differences, and offsets into the
ORIGINAL passage text. The normalisation, the thresholds and the examples: docs/claims.md."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Literal

from index.claims.framing import claim_forms
from index.claims.records import NOT_FOUND, Alignment, Difference, Verdict  # noqa: F401 (the records, here before)
from index.claims.quantities import Quantity, Tokenised, normalise, parse_quantity, tokenise

__all__ = [
    "Alignment", "Difference", "Quantity", "Verdict", "align_claim", "parse_quantity", "normalise",
    "DIFFERS_MIN_SIMILARITY", "MAX_ALIGN_CHARS",
]

DIFFERS_MIN_SIMILARITY = 0.6
MAX_ALIGN_CHARS = 1000
_MAX_OCCURRENCES = 64  # a bigram more frequent in a passage than this votes for nothing
PASSAGES_CACHED = 512  # tokenised passages remembered (claims are checked against the same few)
_CANDIDATES = 3  # windows of a passage aligned in full before choosing
_ANCHOR = 4  # matched characters next to a changed number that make it the same statement
_EDGE = 4  # a changed edge of the claim this long or shorter is paired with the record however different



@lru_cache(maxsize=PASSAGES_CACHED)
def tokenised_passage(text: str) -> Tokenised:
    return tokenise(text, 0, len(text))


@lru_cache(maxsize=PASSAGES_CACHED)
def _grams(text: str) -> dict[Any, list[int]]:
    """Positions of every token and token bigram of a passage."""
    toks = tokenised_passage(text).tokens
    index: dict[Any, list[int]] = defaultdict(list)
    for j, t in enumerate(toks):
        index[t].append(j)
        if j + 1 < len(toks):
            index[(t, toks[j + 1])].append(j)
    return dict(index)


@dataclass(frozen=True, slots=True)
class AlignmentResult:
    alignment: Alignment
    unmatched: int  # claim characters not found in the record


def _verbatim_at(c: Tokenised, p: Tokenised) -> tuple[int, int] | None:
    """Where the claim's words stand in the passage, as whole quantities: "20" or "从业人20" is not in "20万人"."""
    at = p.norm.find(c.norm)
    while at >= 0:
        if _whole_quantities(c, p, at):
            return p.pos[at], p.pos[at + len(c.norm) - 1] + 1
        at = p.norm.find(c.norm, at + 1)
    return None


def _whole_quantities(c: Tokenised, p: Tokenised, at: int) -> bool:
    """The claim placed at `at` neither cuts a quantity of the passage nor is a quantity that is only part of one."""
    end = at + len(c.norm)
    passage_quantities = {span for token, span in zip(p.tokens, p.spans) if isinstance(token, Quantity)}
    for start, stop in passage_quantities:
        if start < end and stop > at and not (at <= start and stop <= end):
            return False
    claim_quantities = [span for token, span in zip(c.tokens, c.spans) if isinstance(token, Quantity)]
    return all((at + start, at + stop) in passage_quantities for start, stop in claim_quantities)


def _windows(c: Tokenised, p: Tokenised) -> list[tuple[int, int]]:
    """Up to ``_CANDIDATES`` stretches of passage tokens where the claim's bigrams vote most consistently."""
    grams = _grams(p.source)
    ct, m = c.tokens, len(c.tokens)
    votes: dict[int, int] = defaultdict(int)
    keys = [ct[0]] if m == 1 else [(ct[i], ct[i + 1]) for i in range(m - 1)]
    for i, key in enumerate(keys):
        occ = grams.get(key)
        if occ and len(occ) <= _MAX_OCCURRENCES:
            for j in occ:
                votes[j - i] += 1
    # votes a fifth of the claim's length apart are one place; a window reaches that far past it on each side
    drift, pad = max(2, m // 5), max(4, m // 5)
    offsets = sorted(votes)
    clusters: list[tuple[int, int, int]] = []  # votes, first offset, last offset
    total, lo_i = 0, 0
    for d in offsets:
        total += votes[d]
        while d - offsets[lo_i] > drift:
            total -= votes[offsets[lo_i]]
            lo_i += 1
        clusters.append((total, offsets[lo_i], d))
    chosen: list[tuple[int, int]] = []
    for _, first, last in sorted(clusters, key=lambda x: (-x[0], x[1])):
        if all(last < a or first > b for a, b in chosen):
            chosen.append((first, last))
            if len(chosen) == _CANDIDATES:
                break
    return [(max(0, a - pad), min(len(p.tokens), b + m + pad)) for a, b in chosen]


def _has_quantity(tokens: Sequence[str | Quantity]) -> bool:
    return any(isinstance(t, Quantity) for t in tokens)


def _kind(c: Tokenised, a: int, b: int, p: Tokenised, x: int, y: int) -> Literal["number", "text"]:
    return "number" if _has_quantity(c.tokens[a:b]) or _has_quantity(p.tokens[x:y]) else "text"


_CLAUSE_END = frozenset("，。；：！？,;:!?\n")


def _clause_end(x: Tokenised, a: int) -> bool:
    """Whether a clause ends between tokens ``a`` and ``a + 1`` in the original text."""
    if a < 0 or a + 1 >= len(x.spans):
        return False
    return any(ch in _CLAUSE_END for ch in x.source[x.pos[x.spans[a][1] - 1] + 1 : x.pos[x.spans[a + 1][0]]])


def _paired(claim: Sequence[str | Quantity], record: Sequence[str | Quantity]) -> int:
    """How many record tokens a changed edge of the claim is paired with: none when it is long and shares nothing."""
    return len(record) if len(claim) <= _EDGE or set(claim) & set(record) else 0


def _align(c: Tokenised, p: Tokenised, index: int, claim_span: tuple[int, int]) -> AlignmentResult:
    m = len(c.norm)
    if not m:
        return AlignmentResult(NOT_FOUND, 0)
    span = _verbatim_at(c, p)
    if span is not None:
        return AlignmentResult(Alignment("verbatim", index, span, (), 1.0, (), claim_span, (), ((index, *span),)), 0)
    windows = _windows(c, p) if m <= MAX_ALIGN_CHARS else []
    results = [_align_window(c, p, index, claim_span, lo, hi) for lo, hi in windows]
    if not results:
        return AlignmentResult(Alignment("not_found", None, None, (), 0.0, (), claim_span), m)
    return max(results, key=rank)


def rank(r: AlignmentResult) -> tuple[int, int, float, int, int]:
    """Verbatim first (more of the claim verbatim first), then similarity, fewer unmatched, fewer differences."""
    a = r.alignment
    checked = a.claim_span[1] - a.claim_span[0] if a.verdict == "verbatim" and a.claim_span else 0
    verdict = {"verbatim": 2, "differs": 1, "not_found": 0}[a.verdict]
    return verdict, checked, a.similarity, -r.unmatched, -len(a.differences)


Change = tuple[int, int, int, int]  # claim tokens [a, b) against record tokens [x, y)
Opcode = tuple[str, int, int, int, int]


def _edge_changes(c: Tokenised, p: Tokenised, first: Opcode, last: Opcode) -> tuple[list[Change], list[Change]]:
    """A changed start or end of the claim, paired with as many record tokens there, up to a clause end that the
    claim does not share (疫情期间|缓缴资金 against 缴纳，|缓缴资金 pairs 疫情期间 with nothing); a long edge sharing
    no character with the record there is paired with nothing."""
    claim_tokens, n = c.tokens, len(c.tokens)
    head: list[Change] = []
    tail: list[Change] = []
    if first[1] > 0:
        k, j, t = first[1], first[3], 0
        while t < k and j - t > 0 and (not _clause_end(p, j - t - 1) or _clause_end(c, k - t - 1)):
            t += 1
        head.append((0, k, j - _paired(claim_tokens[:k], p.tokens[j - t : j]), j))
    if last[2] < n:
        i, j, t = last[2], last[4], 0
        while t < n - i and j + t < len(p.tokens) and (not _clause_end(p, j + t - 1) or _clause_end(c, i + t - 1)):
            t += 1
        tail.append((i, n, j, j + _paired(claim_tokens[i:], p.tokens[j : j + t])))
    return head, tail


def _merge_close_text_changes(c: Tokenised, p: Tokenised, changes: list[Change]) -> list[Change]:
    """One shared character between two text changes is chance: report them as one change."""
    merged: list[Change] = []
    for change in changes:
        if merged:
            a, b, x, y = merged[-1]
            if change[0] - b == 1 and change[2] - y == 1 and _kind(c, a, change[1], p, x, change[3]) == "text":
                merged[-1] = (a, change[1], x, change[3])
                continue
        merged.append(change)
    return merged


def _equivalents(c: Tokenised, p: Tokenised, equal: list[Opcode]) -> tuple[Difference, ...]:
    """Equal quantities written differently (13500万元 against 1.35亿元) inside the matching runs."""
    return tuple(
        Difference(c.text(i1 + k, i1 + k + 1), p.text(j1 + k, j1 + k + 1), "number")
        for _, i1, i2, j1, _ in equal
        for k in range(i2 - i1)
        if isinstance(c.tokens[i1 + k], Quantity)
        and c.norm[slice(*c.spans[i1 + k])] != p.norm[slice(*p.spans[j1 + k])]
    )


def _anchored(c: Tokenised, p: Tokenised, equal: list[Opcode], changes: list[Change]) -> bool:
    """A changed quantity next to at least _ANCHOR matching characters: the same statement with another figure."""
    run_ending = {i2: c.chars(i1, i2) for _, i1, i2, _, _ in equal}
    run_starting = {i1: c.chars(i1, i2) for _, i1, i2, _, _ in equal}
    return any(
        _has_quantity(c.tokens[a:b]) and _has_quantity(p.tokens[x:y])
        and max(run_ending.get(a, 0), run_starting.get(b, 0)) >= _ANCHOR
        for a, b, x, y in changes
    )


def _align_window(c: Tokenised, p: Tokenised, index: int, claim_span: tuple[int, int], lo: int,
                  hi: int) -> AlignmentResult:
    """The claim aligned with passage tokens [lo, hi): verbatim, differs (with its changes) or not found."""
    length = len(c.norm)
    ops = SequenceMatcher(None, c.tokens, p.tokens[lo:hi], autojunk=False).get_opcodes()
    ops = [(tag, i1, i2, j1 + lo, j2 + lo) for tag, i1, i2, j1, j2 in ops]
    equal = [op for op in ops if op[0] == "equal"]
    if not equal:
        return AlignmentResult(Alignment("not_found", None, None, (), 0.0, (), claim_span), length)
    first, last = equal[0], equal[-1]
    head, tail = _edge_changes(c, p, first, last)
    inner = [op[1:] for op in ops[ops.index(first) : ops.index(last)] if op[0] != "equal"]
    changes = _merge_close_text_changes(c, p, head + inner + tail)
    matched = sum(c.chars(i1, i2) for _, i1, i2, _, _ in equal if c.chars(i1, i2) >= 2)
    unmatched = sum(c.chars(a, b) for a, b, _, _ in changes)
    equivalents = _equivalents(c, p, equal)
    record_lo = min([first[3]] + [x for _, _, x, _ in changes])
    record_hi = max([last[4]] + [y for _, _, _, y in changes])
    record_span = p.original(record_lo, record_hi)
    if not changes:
        alignment = Alignment("verbatim", index, record_span, (), 1.0, (), claim_span, equivalents,
                              ((index, *record_span),))
        return AlignmentResult(alignment, 0)
    similarity = matched / length
    if similarity < DIFFERS_MIN_SIMILARITY and not _anchored(c, p, equal, changes):
        return AlignmentResult(Alignment("not_found", None, None, (), similarity, (), claim_span), unmatched)
    differences = tuple(Difference(c.text(a, b), p.text(x, y), _kind(c, a, b, p, x, y)) for a, b, x, y in changes)
    diff_spans = tuple(p.original(x, y) for _, _, x, y in changes if x < y)
    alignment = Alignment("differs", index, record_span, differences, similarity, diff_spans, claim_span,
                          equivalents, ((index, *record_span),))
    return AlignmentResult(alignment, unmatched)


def align_forms(full: Tokenised, body: Tokenised | None, span: tuple[int, int], p: Tokenised, index: int) -> AlignmentResult:
    """The claim aligned with one passage, with its framing left out where that lines up better."""
    whole = (0, len(full.source))
    if body is None or _verbatim_at(full, p) is not None:
        return _align(full, p, index, whole)
    framed = _align(body, p, index, span)
    if framed.alignment.verdict == "verbatim":
        return framed
    unframed = _align(full, p, index, whole)
    framing_chars = len(full.norm) - len(body.norm)
    # the "framing" is itself in the record: check the whole claim
    if framed.unmatched + framing_chars - unframed.unmatched >= max(1, framing_chars // 2):
        return unframed
    return framed


def align_claim(claim: str, passage_text: str) -> Alignment:
    """Align one claim with one passage text (see the module docstring for the rules)."""
    full, body, span = claim_forms(claim)
    if not full.norm:
        return NOT_FOUND
    return align_forms(full, body, span, tokenised_passage(passage_text), 0).alignment
