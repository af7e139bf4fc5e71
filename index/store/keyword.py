"""The keyword side: BM25 (bm25s) over Chinese character bigrams. The only module that imports bm25s."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from index.text import bigrams


class KeywordIndex:
    """BM25 scores of a query against every document, with the tokenizer of `index.text`."""

    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> KeywordIndex:
        retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
        # An empty document list still needs one token so that bm25s can build its matrix.
        retriever.index([bigrams(t) or [""] for t in texts] or [[""]], show_progress=False)
        return cls(retriever, len(texts))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document (float32, 0 where nothing matches)."""
        tokens = bigrams(query)
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)[: self.size]

    def idf(self, tokens: Sequence[str]) -> np.ndarray:
        """Inverse document frequency of each token (0 for tokens the corpus does not have)."""
        vocab = self._retriever.vocab_dict
        n = max(self.size, 1)
        nonzero = np.diff(self._retriever.scores["indptr"]) if self.size else np.zeros(0)
        out = np.zeros(len(tokens), dtype=np.float32)
        for i, token in enumerate(tokens):
            token_id = vocab.get(token)
            if token_id is not None and token_id < len(nonzero):
                df = float(nonzero[token_id])
                out[i] = np.log(1 + (n - df + 0.5) / (df + 0.5))
        return out

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> KeywordIndex:
        retriever = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
        return cls(retriever, size)
