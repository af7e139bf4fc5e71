"""Keywords for questions in English: each content word replaced by the corpus word whose vector is nearest to it.

The mapping is word by word and rough ("ocean economy" -> 海洋 经济, "corruption" -> 腐败; "fee" finds nothing),
but it gives BM25 something to match where an English question would otherwise have no keyword evidence at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

MAX_TRANSLATED_WORDS = 10  # English content words embedded per question (each is one model call in a batch)
CROSS_LINGUAL_MATCH = 0.87  # cosine at which an English word's nearest corpus word is taken as its translation
WORD_CACHE_SIZE = 4096  # English word vectors remembered (the same words come back in many questions)
_LATIN_WORD = re.compile(r"[a-z][a-z'\-]+")
_ENGLISH_STOPWORDS = frozenset(
    "the a an of is are was were to in on for and or what which who how why when where do does did can could would "
    "should please tell me about has have had its it this that these those by with from at as be been being any there "
    "their they them he she his her i you we our us your after during doing done so than then into over under up out "
    "more most many much some such only also just very".split()
)


def latin_share(text: str) -> float:
    """The share of a text's characters that are Latin letters."""
    return sum(c.isascii() and c.isalpha() for c in text) / max(1, len(text))


class EnglishKeywords:
    """Maps English words onto the corpus's most used words (embedded as queries when the index was built)."""

    def __init__(self, terms: Sequence[str], term_vectors: np.ndarray,
                 embed_queries: Callable[[Sequence[str]], np.ndarray]) -> None:
        self.terms = tuple(terms)
        self.term_vectors = term_vectors
        self.embed_queries = embed_queries
        self._cache: dict[str, np.ndarray] = {}  # dict operations are atomic under the GIL: threads may share it

    def translate(self, query: str) -> list[str]:
        """Corpus words for the English content words of the query (at most MAX_TRANSLATED_WORDS), in order."""
        return self.translate_with_share(query)[0]

    def translate_with_share(self, query: str) -> tuple[list[str], float]:
        """The corpus words found, and the share of the query's English content words that found one."""
        if not self.terms:
            return [], 0.0
        words = list(dict.fromkeys(w for w in _LATIN_WORD.findall(query.lower()) if w not in _ENGLISH_STOPWORDS))
        words = words[:MAX_TRANSLATED_WORDS]
        if not words:
            return [], 0.0
        similarities = self._vectors(tuple(words)) @ self.term_vectors.T
        best = similarities.argmax(axis=1)
        found = [self.terms[int(j)] for i, j in enumerate(best) if similarities[i, j] >= CROSS_LINGUAL_MATCH]
        return list(dict.fromkeys(found)), len(found) / len(words)

    def _vectors(self, words: tuple[str, ...]) -> np.ndarray:
        found = {w: self._cache.get(w) for w in words}
        missing = [w for w, v in found.items() if v is None]
        if missing:
            for word, vector in zip(missing, self.embed_queries(missing)):
                found[word] = vector
                if len(self._cache) >= WORD_CACHE_SIZE:
                    self._cache.pop(next(iter(self._cache)), None)
                self._cache[word] = vector
        return np.stack([found[w] for w in words])
