"""The window of a passage the reader reads: its best sentence and the sentences around it, about WINDOW_CHARS
characters (~60 tokens; with the question ~80). Pure: spans and scores in, spans out. The same code picks the
window at training time (benchmarks/reader_data.py) and when answering (index.search.searcher)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

WINDOW_CHARS = 90  # ~1.5 characters a token on this corpus: ~60 tokens of passage


def grow(spans: Sequence[tuple[int, int]], core: Sequence[int], budget: int = WINDOW_CHARS,
         skip: frozenset[int] = frozenset()) -> list[int]:
    """Sentence indices: the `core` ones, then the next and the previous sentence in turn (the next first: an answer
    goes on after the sentence that names its subject) while the window stays within `budget` characters;
    sentences in `skip` are never taken (a minimal pair: the window without its answer sentences)."""
    chosen = sorted(set(core) - skip)
    if not chosen:
        return []
    size = sum(spans[i][1] - spans[i][0] for i in chosen)
    low, high = chosen[0] - 1, chosen[-1] + 1
    while True:
        grew = False
        for side in ("next", "previous"):
            i = high if side == "next" else low
            while 0 <= i < len(spans) and i in skip:
                i = i + 1 if side == "next" else i - 1
            if not 0 <= i < len(spans):
                continue
            length = spans[i][1] - spans[i][0]
            if size + length > budget:
                continue
            chosen.append(i)
            size += length
            grew = True
            if side == "next":
                high = i + 1
            else:
                low = i - 1
        if not grew:
            return sorted(chosen)


def window_text(text: str, spans: Sequence[tuple[int, int]], chosen: Sequence[int]) -> str:
    """The chosen sentences of `text`, in order, joined (adjacent ones keep what lay between them)."""
    parts: list[str] = []
    previous = None
    for i in sorted(chosen):
        start, end = spans[i]
        if previous is not None and i == previous + 1:
            gap = text[spans[previous][1]:start]
            parts.append(gap if gap.strip() == "" and len(gap) <= 1 else "")
        elif previous is not None:
            parts.append("……")
        parts.append(text[start:end])
        previous = i
    return "".join(parts).strip()


def best_window(text: str, spans: Sequence[tuple[int, int]], scores: np.ndarray, budget: int = WINDOW_CHARS) -> str:
    """The window around the sentence with the best score (the question's cosine to each sentence, when answering)."""
    if not len(spans):
        return text[:budget]
    return window_text(text, spans, grow(spans, [int(np.argmax(scores))], budget))


def passage_window(data, sentence_start: np.ndarray, row: int, vector: np.ndarray,  # type: ignore[no-untyped-def]
                   budget: int = WINDOW_CHARS) -> str:
    """What the reader reads of passage `row` of an index (`data`: IndexData; `sentence_start`: the first sentence
    row of each passage, index.search.features.Evidence.sentence_start): the window around the sentence closest to
    the question's vector."""
    start, end = int(sentence_start[row]), int(sentence_start[row + 1])
    text = data.passages[row].text
    if end <= start:
        return text[:budget]
    spans = [(int(s), int(e)) for s, e in data.sentence_spans[start:end]]
    return best_window(text, spans, data.sentence_vectors[start:end] @ vector, budget)
