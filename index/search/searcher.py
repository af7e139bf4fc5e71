"""Search: a question in, the best answer passages (or an honest "not found") out."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.embedding.protocol import Embedder
from index.records import Hit, Passage, SearchResult
from index.search.abstention import Calibration
from index.search.english import EnglishKeywords, latin_share
from index.search.fusion import weighted_fusion
from index.search.lookups import PassageLookups
from index.search.rules import Signs, read_signs
from index.settings import SearchConfig
from index.store.folder import IndexData
from index.text import normalize_query, query_words, strip_question_words

EXACT_SEARCH_LIMIT = 5000  # up to this many passages every passage is scored; above, a candidate pool is
DUPLICATE_COSINE = 0.985  # two hits closer than this are the same passage said twice: only the first is shown
ENGLISH_QUESTION = 0.5  # share of Latin letters from which a question gets English keywords
_PUNCT_WS = re.compile(r"[\W_]+", re.UNICODE)
_HAS_WORD = re.compile(r"[\w\u3400-\u9fff]")
FEATURES = ("dense_text", "dense_sentence", "dense_heading", "dense_question", "lead_question", "bm25_text", "bm25_meta",
            "lead_keywords", "answer_kind", "bm25_sentence")
EVIDENCE = ("absent_nouns", "dense_max", "dense_latin", "latin", "bm25_top", "coverage_top", "coverage_corpus",
            "proper_missing")


def dedupe_key(text: str) -> str:
    """Text with punctuation and whitespace stripped, hashed: equal keys are the same words."""
    bare = _PUNCT_WS.sub("", unicodedata.normalize("NFKC", text)).lower()
    return hashlib.sha1(bare.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Scored:
    """Every feature for the candidate rows of one query, and the fused score."""

    rows: np.ndarray
    features: dict[str, np.ndarray]
    fused: np.ndarray
    query_vector: np.ndarray
    query: str


class Searcher(PassageLookups):
    """Fuses dense and keyword evidence over an `IndexData`; built once, shared by every front end."""

    def __init__(self, data: IndexData, embedder: Embedder, config: SearchConfig | None = None,
                 calibration: Calibration | None = None) -> None:
        super().__init__(data.passages)
        self.data = data
        self.embedder = embedder
        self.config = config or SearchConfig()
        self.calibration = calibration or Calibration.load(embedder.fingerprint, FEATURES, EVIDENCE)
        self.english = EnglishKeywords(data.terms, data.term_vectors, embedder.embed_queries)
        self._sentence_start = np.searchsorted(data.sentence_owner, np.arange(len(data.passages) + 1)).astype(np.int64)
        self._dedupe = [dedupe_key(p.text) for p in data.passages]
        self._is_lead = _turn_leads(data.passages)
        self._is_answer = np.asarray([p.kind == "answer" for p in data.passages], dtype=np.float32)
        self._known_names = frozenset(
            [n for p in data.passages for n in (p.bureau, p.title, p.series, p.outlet) if n]
            + [w for w in data.vocabulary if len(w) >= 2 and w[-1] in "市省县区镇局厅委办部院署"]
        )

    # -- search ---------------------------------------------------------------------------------------------
    def search(self, query: str, top_k: int | None = None, bureau: str | None = None,
               interview_id: str | None = None, query_vector: np.ndarray | None = None) -> SearchResult:
        normalized = normalize_query(query, self.config.max_query_chars)
        if not _HAS_WORD.search(normalized) or not self.data.passages:
            return SearchResult(query, False, (), normalized)
        scored = self.score(normalized, bureau=bureau, interview_id=interview_id, query_vector=query_vector)
        if scored.rows.size == 0:
            return SearchResult(query, False, (), normalized)
        order = np.argsort(-scored.fused, kind="stable")
        evidence = self.evidence(scored, order)
        model = self.calibration.abstention
        threshold = model.threshold if self.config.min_confidence is None else self.config.min_confidence
        confidence = 0.0 if evidence["decisive"] else model.probability(evidence)
        # a probability is below 1.0 in exact arithmetic: min_confidence 1.0 answers nothing
        if evidence["decisive"] or confidence < threshold or threshold >= 1.0:
            return SearchResult(query, False, (), normalized, confidence)
        hits = self._hits(scored, order, top_k or self.config.top_k)
        return SearchResult(query, True, tuple(hits), normalized, confidence)

    def search_many(self, queries: Sequence[str], top_k: int | None = None,
                    bureau: str | None = None) -> list[SearchResult]:
        """Several questions at once: one batched model call for all of them (for a busy bot), same results."""
        normalized = [normalize_query(q, self.config.max_query_chars) for q in queries]
        wanted = sorted({n for n in normalized if _HAS_WORD.search(n)})
        vectors = dict(zip(wanted, self.embedder.embed_queries(wanted))) if wanted and self.data.passages else {}
        return [self.search(q, top_k, bureau, query_vector=vectors.get(n)) for q, n in zip(queries, normalized)]

    def score(self, query: str, bureau: str | None = None, interview_id: str | None = None,
              query_vector: np.ndarray | None = None) -> Scored:
        """All features of the candidate passages for a normalised query."""
        data = self.data
        qv = self.embedder.embed_queries([query])[0] if query_vector is None else query_vector
        keywords = self.keywords(query)
        allowed = self._allowed(bureau, interview_id)
        bm25_text = data.text_keywords.scores(keywords, allowed)
        bm25_meta = data.meta_keywords.scores(keywords, allowed)
        rows = self._candidates(qv, bm25_text, bm25_meta, allowed)
        if rows.size == 0:
            empty = np.zeros(0, dtype=np.float32)
            return Scored(rows, {name: empty for name in FEATURES}, empty, qv, query)
        dense_text = data.passage_vectors[rows] @ qv
        features = {
            "dense_text": dense_text,
            "dense_sentence": self._sentence_max(rows, qv),
            "dense_heading": _lookup(data.heading_vectors, data.passage_heading[rows], qv, fallback=dense_text),
            "dense_question": _lookup(data.question_vectors, data.passage_question[rows], qv, fallback=dense_text),
            "bm25_text": bm25_text[rows],
            "bm25_meta": bm25_meta[rows],
        }
        # A question that restates the reporter's is best answered by the opening of that answer.
        question_match = features["dense_question"]
        features["lead_question"] = np.where(self._is_lead[rows], question_match, question_match.min())
        features["lead_keywords"] = np.where(self._is_lead[rows], features["bm25_meta"], 0.0).astype(np.float32)
        features["bm25_sentence"] = self._sentence_max(rows, None, data.sentence_keywords.scores(keywords))
        features["answer_kind"] = self._is_answer[rows]  # what the bureau said, over the outlet's intro and summary
        fused = weighted_fusion(features, self.calibration.weights)
        return Scored(rows, features, fused, qv, query)

    def keywords(self, query: str) -> str:
        """What the keyword indexes search for: the question without question words (什么/怎么/吗… say nothing
        about the subject); for a question in English, the corpus words closest to its words as well."""
        stripped = strip_question_words(query)
        if latin_share(query) < ENGLISH_QUESTION:
            return stripped
        return " ".join([*self.english.translate(query), stripped])

    def evidence(self, scored: Scored, order: np.ndarray) -> dict[str, float]:
        """Query-level evidence for the abstention model, read off the best-ranked passage."""
        top = int(order[0])
        passage = self.data.passages[int(scored.rows[top])]
        f = scored.features
        dense_max = float(max(f["dense_text"].max(), f["dense_sentence"].max()))
        latin = latin_share(scored.query)
        covered_top, covered_corpus, proper_missing = self._word_coverage(scored.query, passage)
        signs = self.signs(scored.query, passage)
        return {
            "decisive": float(signs.decisive),
            "absent_nouns": signs.absent_nouns,
            "dense_max": dense_max,
            "dense_latin": dense_max * latin,
            "latin": latin,
            "bm25_top": float(f["bm25_text"][top]),
            "coverage_top": covered_top,
            "coverage_corpus": covered_corpus,
            "proper_missing": float(proper_missing),
        }

    def signs(self, query: str, passage: Passage) -> Signs:
        """Rule-based signs that the corpus does not answer the question (see index.search.rules)."""
        where = f"{passage.heading or ''}{passage.question or ''}{passage.text}"
        return read_signs(query, where, self.data.vocabulary, self._known_names, len(self.data.passages))

    def _word_coverage(self, query: str, passage: Passage) -> tuple[float, float, int]:
        """IDF-weighted share of the question's content words in the passage and in the corpus; names it lacks."""
        words = query_words(query)
        if not words:
            return 0.0, 0.0, 0
        vocabulary = self.data.vocabulary
        n = max(1, len(self.data.passages))
        where = f"{passage.heading or ''}{passage.question or ''}{passage.text}".lower()
        total = top = corpus = 0.0
        proper_missing = 0
        for word, proper in words:
            df = vocabulary.get(word, 0)
            weight = float(np.log(1 + (n - df + 0.5) / (df + 0.5)))
            total += weight
            in_passage = word in where
            top += weight if in_passage else 0.0
            corpus += weight if (in_passage or df > 0) else 0.0
            proper_missing += int(proper and not in_passage and not word.isascii())
        return top / total, corpus / total, proper_missing

    def _allowed(self, bureau: str | None, interview_id: str | None) -> np.ndarray | None:
        """1.0 for the passages a filter keeps, 0.0 for the others; None without a filter."""
        if not bureau and not interview_id:
            return None
        return np.asarray([(not bureau or p.bureau == bureau) and (not interview_id or p.interview_id == interview_id)
                           for p in self.data.passages], dtype=np.float32)

    def _candidates(self, qv: np.ndarray, bm25_text: np.ndarray, bm25_meta: np.ndarray,
                    allowed: np.ndarray | None) -> np.ndarray:
        """Every passage the filter keeps, or above EXACT_SEARCH_LIMIT a pool from FAISS and from each BM25 index
        drawn from those passages only (filtering after pooling would miss a bureau's answers)."""
        rows = np.flatnonzero(allowed) if allowed is not None else np.arange(len(self.data.passages), dtype=np.int64)
        if rows.size <= EXACT_SEARCH_LIMIT:
            return rows.astype(np.int64)
        pool = self.config.candidates
        ids, _ = self.data.vectors.search(qv, pool, rows if allowed is not None else None)
        lexical = []
        for scores in (bm25_text, bm25_meta):
            top = np.argpartition(-scores, min(pool, scores.size - 1))[:pool]
            lexical.append(top[allowed[top] > 0] if allowed is not None else top)
        return np.unique(np.concatenate([ids.astype(np.int64), *[t.astype(np.int64) for t in lexical]]))

    def _sentence_max(self, rows: np.ndarray, qv: np.ndarray | None, scores: np.ndarray | None = None) -> np.ndarray:
        """Per candidate passage, the best of its sentences: by cosine to `qv`, or by the given sentence scores."""
        starts, ends = self._sentence_start[rows], self._sentence_start[rows + 1]
        index = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends)]) if rows.size else np.zeros(0, int)
        if index.size == 0:
            return np.zeros(rows.size, dtype=np.float32)
        sims = scores[index] if scores is not None else self.data.sentence_vectors[index] @ qv
        lengths = ends - starts
        out = np.full(rows.size, -1.0, dtype=np.float32)
        nonempty = lengths > 0
        offsets = np.concatenate([[0], np.cumsum(lengths[nonempty])[:-1]])
        out[nonempty] = np.maximum.reduceat(sims, offsets)
        return out

    def _hits(self, scored: Scored, order: np.ndarray, top_k: int) -> list[Hit]:
        hits: list[Hit] = []
        seen: set[str] = set()
        taken: list[np.ndarray] = []
        for position in order:
            row = int(scored.rows[position])
            key = self._dedupe[row]
            vector = self.data.passage_vectors[row]
            if key in seen or any(float(vector @ other) > DUPLICATE_COSINE for other in taken):
                continue
            seen.add(key)
            taken.append(vector)
            best = self._best_sentence(row, scored.query_vector)
            hits.append(Hit(self.data.passages[row], round(float(scored.fused[position]), 6), best))
            if len(hits) >= top_k:
                break
        return hits

    def _best_sentence(self, row: int, qv: np.ndarray) -> tuple[int, int] | None:
        """Offsets in the passage text of the sentence closest to the query (to highlight it)."""
        start, end = int(self._sentence_start[row]), int(self._sentence_start[row + 1])
        if end <= start:
            return None
        sims = self.data.sentence_vectors[start:end] @ qv
        best = start + int(np.argmax(sims))
        s, e = self.data.sentence_spans[best]
        return int(s), int(e)


def _turn_leads(passages: Sequence[Passage]) -> np.ndarray:
    """True for the first passage of each answer (the part before its first sub-heading)."""
    first: dict[tuple[str, int], int] = {}
    for row, passage in enumerate(passages):
        if passage.kind == "answer" and passage.turn is not None:
            key = (passage.interview_id, passage.turn)
            if key not in first or passage.start < passages[first[key]].start:
                first[key] = row
    leads = np.zeros(len(passages), dtype=bool)
    leads[list(first.values())] = True
    return leads


def _lookup(table: np.ndarray, rows: np.ndarray, qv: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Cosine to the row of `table` each candidate points at; `fallback` where it points nowhere (-1)."""
    out = fallback.astype(np.float32, copy=True)
    has = rows >= 0
    if has.any() and len(table):
        out[has] = table[rows[has]] @ qv
    return out
