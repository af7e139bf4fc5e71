"""Stitching: a claim quoted from several places (half of it verbatim in one passage, half in another, or two
places of one passage that do not follow on) covered with the longest verbatim pieces, one difference per join."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.claims.records import Alignment, Difference
from index.claims.quantities import Tokenised

MIN_PIECE = 6  # claim characters a verbatim piece needs
MAX_GAP = 3  # stray claim characters allowed between two pieces
MAX_PIECES = 16
ADJACENT = 8  # record characters between two pieces of one passage that still count as following on


def _longest_prefix(needle: str, hay: str) -> int:
    lo, hi = 0, min(len(needle), len(hay))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if needle[:mid] in hay:
            lo = mid
        else:
            hi = mid - 1
    return lo


Piece = tuple[int, int, int, int]  # claim norm start, claim norm end, passage index, passage norm start


def _cover(c: Tokenised, passages: Sequence[Tokenised]) -> tuple[list[Piece], int] | None:
    """The claim covered left to right by the longest verbatim pieces, and the stray characters between them;
    None when a stretch longer than MAX_GAP is in no passage or more than MAX_PIECES pieces are needed."""
    text, length = c.norm, len(c.norm)
    pieces: list[Piece] = []
    gaps = position = 0
    while position < length:
        found = None
        for start in range(position, min(length, position + MAX_GAP + 1)):
            previous = pieces[-1][2] if pieces else -1
            candidates = [(_longest_prefix(text[start:], p.norm), k == previous, -k) for k, p in enumerate(passages)]
            best, _, negative_k = max(candidates, default=(0, False, 0))
            if best >= MIN_PIECE:
                found = (start, start + best, -negative_k)
                break
        if found is None:
            if length - position > MAX_GAP:
                return None
            gaps += length - position
            break
        start, end, k = found
        gaps += start - position
        hay = passages[k].norm
        at = hay.find(text[start:end])
        if pieces and pieces[-1][2] == k:  # prefer the place right after the previous piece
            near = hay.find(text[start:end], pieces[-1][3] + pieces[-1][1] - pieces[-1][0])
            at = near if near >= 0 else at
        pieces.append((start, end, k, at))
        if len(pieces) > MAX_PIECES:
            return None
        position = end
    return pieces, gaps


def stitch(c: Tokenised, passages: Sequence[Tokenised]) -> tuple[Alignment, int] | None:
    """Cover the claim with verbatim pieces of the passages; an Alignment (and its stray characters) when that
    needs a real join, None when it does not or the claim repeats itself."""
    covered = _cover(c, passages)
    if covered is None:
        return None
    pieces, gaps = covered
    joins = 0
    differences: list[Difference] = []
    if pieces and pieces[0][0] > 0:
        differences.append(Difference(c.source[c.pos[0] : c.pos[pieces[0][0]]], "", "text"))
    for (u0, v0, k0, at0), (u1, v1, k1, at1) in zip(pieces, pieces[1:]):
        next_passage = passages[k1]
        end0 = at0 + v0 - u0
        next_piece = c.source[c.pos[v0] : c.pos[v1 - 1] + 1]
        claim_gap = c.source[c.pos[v0] : c.pos[u1]] if u1 > v0 else ""
        if k0 == k1 and 0 <= at1 - end0 <= ADJACENT:
            record_gap = next_passage.source[next_passage.pos[end0] : next_passage.pos[at1]] if at1 > end0 else ""
            kind = "number" if re.search(r"\d", claim_gap + record_gap) else "text"
            differences.append(Difference(claim_gap, record_gap, kind))
            continue
        if k0 == k1 and at1 < end0 and at1 + (v1 - u1) > at0:
            return None  # the same words twice: repetition, not a join
        joins += 1
        where = "跳到了同一段原文的另一处" if k0 == k1 else f"接上了另一段原文（第{k1 + 1}段候选）"
        record = next_passage.source[next_passage.pos[at1] : next_passage.pos[at1 + v1 - u1 - 1] + 1]
        differences.append(Difference(claim_gap + next_piece, record, "text", f"说法在此{where}，原文中这两处并不相连"))
    if not joins:
        return None
    if pieces[-1][1] < len(c.norm):
        differences.append(Difference(c.source[c.pos[pieces[-1][1]] : c.pos[-1] + 1], "", "text"))
    sources = tuple((k, passages[k].pos[at], passages[k].pos[at + v - u - 1] + 1) for u, v, k, at in pieces)
    first = sources[0]
    similarity = (len(c.norm) - gaps) / len(c.norm)
    alignment = Alignment("differs", first[0], (first[1], first[2]), tuple(differences), similarity, (), None, (),
                          sources)
    return alignment, gaps
