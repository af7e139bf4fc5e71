"""The keyword side: BM25 (bm25s) over Chinese character bigrams. The only module that imports bm25s."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

# bm25s sets its own logger to DEBUG when imported, so "Building index from tokens" reached every log at INFO
logging.getLogger("bm25s").setLevel(logging.WARNING)

from index.text import bigrams


class KeywordIndex:
    """BM25 scores of a query against every document, with the tokenizer of `index.text`."""

    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size
        self._matrix_size = max(size, 1)  # bm25s always holds at least one document

    @classmethod
    def build(cls, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> KeywordIndex:
        retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
        # An empty document list still needs one token so that bm25s can build its matrix.
        retriever.index([bigrams(t) or [""] for t in texts] or [[""]], show_progress=False)
        return cls(retriever, len(texts))

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every document (float32, 0 where nothing matches; 0 where `mask` is 0)."""
        tokens = bigrams(query)
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        if mask is not None and len(mask) < self._matrix_size:  # the one-token filler of an empty index
            mask = np.pad(mask, (0, self._matrix_size - len(mask)))
        scores = self._retriever.get_scores(tokens, weight_mask=mask)
        return np.asarray(scores, dtype=np.float32)[: self.size]

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> KeywordIndex:
        retriever = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
        return cls(retriever, size)
