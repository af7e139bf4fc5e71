"""The reader in a search: which candidates it reads, whether the second goes first, and the probability it gives
the decision (index.search.decision.ReaderDecision). Pure but for the reader's call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from index.reading.windows import passage_window
from index.search.decision import ReaderDecision
from index.search.features import Scored

Reads = Callable[[str, Sequence[str]], np.ndarray]  # question, windows -> probabilities


class ReaderLike(Protocol):
    """What search needs of a reader (index.reading.reader.Reader, or a stand-in in benchmarks and tests)."""

    digest: str  # the adapter it was built from (a reader decision is used only with its own adapter)

    def probabilities(self, question: str, windows: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class Reading:
    order: np.ndarray  # candidate positions, best first (the first two swapped when the reader said so)
    base: float  # the decision's probability without the reader, for the (new) first candidate
    reader: float  # the reader's probability that the first candidate's window answers
    probability: float  # the decision's probability with the reader
    read: tuple[tuple[int, float], ...]  # (candidate position, reader probability) of what it read
    swapped: bool


def second_to_read(scored: Scored, order: np.ndarray, close: float) -> int | None:
    """The candidate position read beside the first: the second, when it is as close as `close` (a share of the
    weights) by fused score and in the same group of what the question names (a named bureau's passage is never
    put behind another's)."""
    if order.size < 2:
        return None
    first, second = int(order[0]), int(order[1])
    if scored.priority is not None and scored.priority[first] != scored.priority[second]:
        return None
    gap = (float(scored.fused[first]) - float(scored.fused[second])) / (scored.weight_sum or 1.0)
    return second if gap <= close else None


def windows_of(data, sentence_start: np.ndarray, scored: Scored,  # type: ignore[no-untyped-def]
               positions: Sequence[int]) -> list[str]:
    return [passage_window(data, sentence_start, int(scored.rows[p]), scored.context.vector) for p in positions]


def read(decision: ReaderDecision, reads: Reads, data, sentence_start: np.ndarray,  # type: ignore[no-untyped-def]
         scored: Scored, order: np.ndarray, base: float, base_of: Callable[[int], float]) -> Reading | None:
    """The reader's part of one search, or None when the question is settled without it (its probability without
    the reader is below the gate: not found; a high answer is settled before, in the searcher). `base_of(position)` is the decision's probability without the reader
    had that candidate come first."""
    if base < decision.gate:
        return None
    positions = [int(order[0])]
    second = second_to_read(scored, order, decision.close)
    if second is not None:
        positions.append(second)
    probabilities = reads(scored.context.text, windows_of(data, sentence_start, scored, positions))
    swapped = len(positions) == 2 and float(probabilities[1]) - float(probabilities[0]) > decision.swap
    if swapped:
        order = order.copy()
        order[[0, 1]] = order[[1, 0]]
        base = base_of(positions[1])
    reader = float(probabilities[1] if swapped else probabilities[0])
    probability = decision.model.probability(decision.evidence(base, reader))
    return Reading(order, base, reader, probability, tuple(zip(positions, map(float, probabilities))), swapped)
