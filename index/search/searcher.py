"""Search: a question in, the best answer passages with a confidence (or an honest "not found" and why) out.

In order: normalise; take off courtesies (index.search.query); let the few decisive signs settle it
(index.search.rules); find the bureaus and places it names (index.search.bureaus, index.lexicon.places); score the
candidate passages (index.search.features) and fuse the evidence (index.search.fusion); decide between the three
outcomes (index.search.decision); collapse near-duplicates, highlight the best sentence, suggest what else to ask.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from functools import cached_property
from typing import Any

import numpy as np

from index.embedding.protocol import Embedder
from index.errors import UnknownBureauError
from index.records import Hit, SearchResult
from index.search import rules
from index.search.bureaus import BureauIndex
from index.search.decision import Calibration
from index.lexicon.english_units import units_in_question
from index.lexicon.english import EnglishKeywords, chinese_map, english_keywords, english_map, english_tokens, is_english
from index.search.features import (CANDIDATE_FEATURES, DECISION_FEATURES, SPREAD_FLOORS, Evidence,
                                   QueryContext, Scored, decision_position, named_priority, ranking_order)
from index.search.fusion import informative_weight, weighted_fusion
from index.reading.use import ReaderLike, Reading, read
from index.search.lookups import PassageLookups
from index.lexicon.places import foreign_places, in_pinyin, place_names, places_in, searchable_text
from index.search.query import QueryParts, parse_query
from index.search import typos
from index.settings import SearchConfig
from index.records import IndexData
from index.text import arabic_numerals, normalize_query, pos_tokens, query_words, strip_question_words

EXACT_SEARCH_LIMIT = 5000  # up to this many passages every passage is scored; above, a candidate pool is
DUPLICATE_COSINE = 0.985  # two hits closer than this are the same passage said twice: only the first is shown
ENGLISH_FALLBACK = True  # English words the dictionary lacks: the nearest corpus word by vector (a model call)
MAX_SUGGESTIONS = 3
SUGGESTION_POOL = 12  # distinct passages looked at for suggestions (some have neither a question nor a heading)
_PUNCT_WS = re.compile(r"[\W_]+", re.UNICODE)
_HAS_WORD = re.compile(r"[\w\u3400-\u9fff]")
_CJK_CHARS = re.compile(r"[\u3400-\u9fff]")
NORMALIZED_KEPT = 4096  # questions whose normalised form is kept (cleared when full)
MIN_SUBJECT_CHARS = 4  # fewer Chinese characters left without the bureau's name: search with the name
_LATIN_WORDS = re.compile(r"[a-z]+")
_NAME_TAGS = ("nr", "ns", "nt", "nz")  # jieba's tags of a person's, a place's, an organisation's or another name


def dedupe_key(text: str) -> str:
    """Text with punctuation and whitespace stripped, hashed: equal keys are the same words."""
    bare = _PUNCT_WS.sub("", unicodedata.normalize("NFKC", text)).lower()
    return hashlib.sha1(bare.encode("utf-8")).hexdigest()[:16]


class Searcher(PassageLookups):
    """Fuses dense and keyword evidence over an `IndexData`; built once, shared by every front end."""

    def __init__(self, data: IndexData, embedder: Embedder, config: SearchConfig | None = None,
                 calibration: Calibration | None = None, reader: ReaderLike | None = None) -> None:
        super().__init__(data.passages)
        self.data = data
        self.embedder = embedder
        self.config = config or SearchConfig()
        self.calibration = calibration or Calibration.load(embedder.fingerprint, CANDIDATE_FEATURES, DECISION_FEATURES)
        # the reader (index.reading.reader.Reader, or a stand-in), used as search.reader and the calibration say
        self.reader = reader
        # the English map stored with the index; for an index built before it was, made on the first English question
        self.english = EnglishKeywords(data.terms, data.term_vectors, embedder.embed_queries,
                                       data.english if data.english is not None else lambda: english_map(data.vocabulary),
                                       fallback=ENGLISH_FALLBACK)
        self.bureau_index = BureauIndex(p.bureau for p in data.passages)
        self.evidence = Evidence(data, self.bureau_index)
        # a corpus with pages in English: a Chinese question's words in that English (empty without such pages)
        self.to_english = chinese_map({w for r in self.evidence.english_rows
                                       for w in english_tokens(data.passages[r].text)}) if self.evidence.english_rows else {}
        self._dedupe = [dedupe_key(p.text) for p in data.passages]
        self._normalized: dict[str, str] = {}  # a question as asked -> as searched (a batch reads each twice)

    @cached_property
    def corpus_text(self) -> str:
        """Every passage's text with its heading and question, for "does the corpus mention it" checks."""
        return searchable_text(self.data.passages)

    @cached_property
    def place_names(self) -> frozenset[str]:
        """The packaged place names, as stored with the index when it was built (else read now: ~0.4 s)."""
        return self.data.place_names if self.data.place_names is not None else place_names()

    @cached_property
    def places_in_pinyin(self) -> dict[str, str]:
        """The corpus's cities spelled in pinyin without tones (澜州市 -> lanzhou), for questions in English."""
        return in_pinyin(self.bureau_index.places)

    def _unknown_unit_in_english(self, parts: QueryParts) -> str | None:
        """The unknown-bureau sign for a question in English: a unit it names after a corpus city spelled in pinyin
        ("the Jingfeng public security bureau" -> 璟沣市公安局) that no interview is of and no passage mentions."""
        if not _LATIN_WORDS.search(parts.asked.lower()) or not is_english(parts.asked):
            return None
        units = units_in_question(parts.asked)
        words = set(_LATIN_WORDS.findall(parts.asked.lower()))
        places = [place for place, spelled in self.places_in_pinyin.items() if spelled in words] if units else []
        if len(places) != 1:
            return None
        unknown = rules.unknown_bureau("、".join(places[0] + unit.removeprefix("市") for unit in units), self.signs)
        return rules.reason(rules.UNKNOWN_BUREAU, unknown) if unknown else None

    @cached_property
    def sounds(self) -> typos.Sounds:
        """The corpus's two-character words by how they sound, for questions typed with a wrong candidate."""
        return typos.sounds_of(self.data.vocabulary)

    @cached_property
    def written_pairs(self) -> frozenset[str]:
        """Every two Chinese characters the passages write side by side (what a typo never is)."""
        return typos.written_pairs(self.corpus_text)

    def normalize(self, query: str) -> str:
        """The question normalised, its pinyin-input typos read as the corpus words they were typed for (奖历 ->
        奖励); the names it holds are left as written."""
        if (known := self._normalized.get(query)) is not None:
            return known
        text = normalize_query(query, self.config.max_query_chars)
        repaired = typos.repair_typos(text, self.sounds, self.written_pairs, self.names_in(text))[0]
        if len(self._normalized) >= NORMALIZED_KEPT:
            self._normalized.clear()
        self._normalized[query] = repaired
        return repaired

    def names_in(self, text: str) -> list[str]:
        """The bureaus, places and people a text names: what a typo repair never touches."""
        tokens = pos_tokens(text)
        names = [m.text for m in self.bureau_index.mentions(text)]
        names += [p for p in self.bureau_index.places if p in text] + [p[:-1] for p in self.bureau_index.places if len(p) > 2]
        names += places_in([w for w, _ in tokens], self.place_names)
        return names + [w for w, flag in tokens if flag in _NAME_TAGS]

    @cached_property
    def signs(self) -> rules.CorpusSigns:
        """What the decisive signs read of this corpus."""
        return rules.CorpusSigns(self.bureau_index, self.corpus_text, self.place_names, self.foreign_places)

    @cached_property
    def foreign_places(self) -> frozenset[str]:
        """Place names of the packaged list that no passage mentions (stored with the index when it was built)."""
        if self.data.foreign_places is not None:
            return self.data.foreign_places
        return foreign_places(self.place_names, self.corpus_text)

    def resolve_bureau(self, name: str) -> str:
        """A bureau of the corpus by its full name, or by a short one that fits one bureau only (海洋发展局, 海洋局,
        澜州住建局); UnknownBureauError (with the close names, or all of them) otherwise."""
        names = [bureau for bureau, _ in self.bureaus()]
        if name in names:
            return name
        close = sorted({m for mention in self.bureau_index.mentions(name) for m in mention.matches}
                       | {bureau for bureau in names if name in bureau})
        if len(close) == 1:
            return close[0]
        raise UnknownBureauError(name, tuple(close), tuple(names))

    # -- search ---------------------------------------------------------------------------------------------
    def search(self, query: str, top_k: int | None = None, bureau: str | None = None,
               interview_id: str | None = None, query_vector: np.ndarray | None = None,
               focus_vector: np.ndarray | None = None, explain: bool = False) -> SearchResult:
        normalized = self.normalize(query)
        if not _HAS_WORD.search(normalized) or not self.data.passages:
            return SearchResult(query, False, (), normalized, reason=rules.EMPTY)
        parts = parse_query(normalized)
        vetoed = rules.veto(parts, self.signs) or self._unknown_unit_in_english(parts)
        if vetoed:
            return SearchResult(query, False, (), normalized, reason=vetoed,
                                explanation={"veto": vetoed} if explain else None)
        context = self.context(parts, query_vector, focus_vector)
        scored = self.score(context, bureau=bureau, interview_id=interview_id)
        if scored.rows.size == 0:
            return SearchResult(query, False, (), normalized, reason=rules.NOT_COVERED)
        order = ranking_order(scored)
        decided = decision_position(scored)
        evidence = self.evidence.decision_features(scored, decided)
        model = self.calibration.decision
        probability = model.probability(evidence)
        confidence = model.outcome(probability, self.config.min_confidence)
        reading = self._read(scored, order, probability, decided)
        if reading is not None:
            order, probability = reading.order, reading.probability
            confidence = self.calibration.reader.model.outcome(probability, self.config.min_confidence)  # type: ignore[union-attr]
        explanation = self._explain(scored, order, evidence, reading) if explain else None
        if confidence is None:
            return SearchResult(query, False, (), normalized, probability, None, rules.refusal(context), (),
                                explanation)
        hits = self._hits(scored, order, top_k or self.config.top_k)
        suggestions = self._suggestions(scored, order, hits) if confidence == "low" else ()
        return SearchResult(query, True, tuple(hits), normalized, probability, confidence, None, suggestions,
                            explanation)

    def search_many(self, queries: Sequence[str], top_k: int | None = None,
                    bureau: str | None = None) -> list[SearchResult]:
        """Several questions at once: one batched model call for all of them (for a busy bot), same results."""
        texts = [self.retrieval_texts(q) for q in queries]
        wanted = sorted({t for group in texts for t in group if _HAS_WORD.search(t)})
        vectors = dict(zip(wanted, self.embedder.embed_queries(wanted))) if wanted and self.data.passages else {}
        return [self.search(q, top_k, bureau, query_vector=vectors.get(group[0]),
                            focus_vector=vectors.get(group[-1])) for q, group in zip(queries, texts)]

    def retrieval_texts(self, query: str) -> tuple[str, ...]:
        """The texts a question is embedded as: what it is about (courtesies, and the bureau and city it names, taken
        off), and its asking clause when that differs."""
        parts = parse_query(self.normalize(query))
        core, focus = self.subject(parts.core), self.subject(parts.focus)
        return (core,) if focus == core else (core, focus)

    def subject(self, text: str) -> str:
        """The text without the bureaus and corpus places it names, when enough is left to search for: the bureau is
        matched by its own evidence (bureau_match), and its name would favour every passage that repeats it."""
        names = [m.text for m in self.bureau_index.mentions(text)]
        names += [p for p in self.bureau_index.places if p in text]
        names += [p[:-1] for p in self.bureau_index.places if len(p) > 2 and p[:-1] in text]
        stripped = text
        for name in sorted(names, key=len, reverse=True):
            stripped = stripped.replace(name, " ")
        stripped = re.sub(r"\s+", " ", stripped).strip(" ，,的")
        return stripped if len(_CJK_CHARS.findall(stripped)) >= MIN_SUBJECT_CHARS else text

    def context(self, parts: QueryParts, query_vector: np.ndarray | None = None,
                focus_vector: np.ndarray | None = None) -> QueryContext:
        """The question's vectors, keywords, and the bureaus and places it names."""
        core, focus = self.subject(parts.core), self.subject(parts.focus)
        if query_vector is None or (focus != core and focus_vector is None):
            texts = [core] if focus == core else [core, focus]
            vectors = self.embedder.embed_queries(texts)
            query_vector, focus_vector = vectors[0], vectors[-1]
        if focus == core or focus_vector is None:
            focus_vector = query_vector
        mentions = tuple(self.bureau_index.mentions(parts.core))
        places = tuple(p for p in self.bureau_index.places
                       if p in parts.core or (len(p) > 2 and p[:-1] in parts.core))
        if is_english(parts.core):  # "in Lanzhou": the city's name in pinyin
            words = set(_LATIN_WORDS.findall(parts.core.lower()))
            places += tuple(p for p, spelled in self.places_in_pinyin.items() if spelled in words and p not in places)
        if len(places) == 1:  # 澜州的海洋局: the place narrows a bureau named without one
            mentions = tuple(m if m.place or not m.matches else
                             type(m)(m.text, places[0], tuple(b for b in m.matches
                                                               if self.bureau_index.place_of(b) in (places[0], "")))
                             for m in mentions)
        pointed = frozenset(b for m in mentions for b in m.matches)
        translated, share = self.english.translate_with_share(core) if _LATIN_WORDS.search(core.lower()) else ((), 0.0)
        english, english_share = (english_keywords([w for w, _ in query_words(core)], self.to_english)
                                  if self.to_english and not is_english(core) else ([], 0.0))
        numbers = [digits for digits in arabic_numerals(core).values() if digits.isdigit()]  # 七十 also as 70
        keywords = " ".join([*translated, strip_question_words(core), *numbers, *english])
        return QueryContext(core, keywords, query_vector, focus_vector, mentions, places, pointed,
                            tuple(translated), share, tuple(english), english_share)

    def score(self, context: QueryContext | str, bureau: str | None = None, interview_id: str | None = None,
              query_vector: np.ndarray | None = None) -> Scored:
        """All ranking features of the candidate passages, and their fused score."""
        if isinstance(context, str):
            context = self.context(parse_query(context), query_vector)
        data = self.data
        allowed = self._allowed(bureau, interview_id)
        bm25_text = data.text_keywords.scores(context.keywords, allowed)
        bm25_meta = data.meta_keywords.scores(context.keywords, allowed)
        rows = self._candidates(context.vector, bm25_text, bm25_meta, allowed)
        if rows.size == 0:
            empty = np.zeros(0, dtype=np.float32)
            return Scored(rows, {name: empty for name in CANDIDATE_FEATURES}, empty, context)
        bm25_sentences = data.sentence_keywords.scores(context.keywords)
        features = self.evidence.candidate_features(context, rows, bm25_text, bm25_meta, bm25_sentences)
        weights, decision_weights = self.calibration.weights, self.calibration.decision_weights
        base = None if decision_weights is None else weighted_fusion(features, decision_weights, SPREAD_FLOORS)
        return Scored(rows, features, weighted_fusion(features, weights, SPREAD_FLOORS), context,
                      informative_weight(features, weights), named_priority(features, context), base,
                      informative_weight(features, decision_weights or weights))

    @property
    def reading(self) -> bool:
        """Whether the reader takes part: a reader and a reader decision fitted for its adapter, and search.reader
        "on", or "auto" with the decision adopted (it beat the decision without the reader, held out)."""
        decision = self.calibration.reader
        if self.reader is None or decision is None or self.config.reader == "off":
            return False
        digest = getattr(self.reader, "digest", None)
        if digest is not None and digest != decision.adapter:
            return False
        return decision.adopted or self.config.reader == "on"

    def _read(self, scored: Scored, order: np.ndarray, probability: float, decided: int) -> Reading | None:
        if not self.reading:
            return None
        decision = self.calibration.reader
        assert decision is not None and self.reader is not None
        model = self.calibration.decision

        def base_of(position: int) -> float:
            return model.probability(self.evidence.decision_features(scored, position))

        if probability >= decision.ceiling:  # answered with high confidence: settled without the reader
            return None
        if int(order[0]) != decided:  # the reader reads the order shown, as it was fitted
            probability = base_of(int(order[0]))
        return read(decision, self.reader.probabilities, self.data, self.evidence.sentence_start, scored, order, probability, base_of)

    # -- candidates, hits -----------------------------------------------------------------------------------
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

    def _distinct(self, scored: Scored, order: np.ndarray, limit: int) -> list[int]:
        """Positions in `order` of up to `limit` passages that are not near-duplicates of a better-ranked one: the
        same words, or another interview's passage that is all but the same (the interview republished). Two answers
        in one interview are two passages, however alike their vectors (two officials answering one long question)."""
        kept: list[int] = []
        seen: set[str] = set()
        taken: list[tuple[np.ndarray, str]] = []
        for position in order:
            row = int(scored.rows[position])
            vector, interview = self.data.passage_vectors[row], self.data.passages[row].interview_id
            if self._dedupe[row] in seen or any(float(vector @ other) > DUPLICATE_COSINE and interview != where
                                                for other, where in taken):
                continue
            seen.add(self._dedupe[row])
            taken.append((vector, interview))
            kept.append(int(position))
            if len(kept) >= limit:
                break
        return kept

    def _hits(self, scored: Scored, order: np.ndarray, top_k: int) -> list[Hit]:
        hits = []
        for position in self._distinct(scored, order, top_k):
            row = int(scored.rows[position])
            best = self._best_sentence(row, scored.context.vector)
            hits.append(Hit(self.data.passages[row], round(float(scored.fused[position]), 6), best))
        return hits

    def _suggestions(self, scored: Scored, order: np.ndarray, hits: Sequence[Hit]) -> tuple[str, ...]:
        """您可能想问: the reporters' questions (or the headings) of the next distinct passages, each once, and none
        that the passage shown already answers."""
        shown = hits[0].passage if hits else None
        taken = {shown.question, shown.heading} if shown else set()
        out: list[str] = []
        for position in self._distinct(scored, order, SUGGESTION_POOL):
            passage = self.data.passages[int(scored.rows[position])]
            text = passage.question or passage.heading
            if text and text not in out and text not in taken:
                out.append(text)
            if len(out) >= MAX_SUGGESTIONS:
                break
        return tuple(out)

    def _best_sentence(self, row: int, qv: np.ndarray) -> tuple[int, int] | None:
        """Offsets in the passage text of the sentence closest to the query (to highlight it)."""
        start, end = int(self.evidence.sentence_start[row]), int(self.evidence.sentence_start[row + 1])
        if end <= start:
            return None
        sims = self.data.sentence_vectors[start:end] @ qv
        best = start + int(np.argmax(sims))
        s, e = self.data.sentence_spans[best]
        return int(s), int(e)

    def _explain(self, scored: Scored, order: np.ndarray, evidence: dict[str, float],
                 reading: Reading | None = None) -> dict[str, Any]:
        """The evidence of the first candidates and of the decision, for `search --explain`."""
        from index.search.fusion import minmax

        scaled = {name: minmax(values, SPREAD_FLOORS.get(name, 0.0)) for name, values in scored.features.items()}
        model = self.calibration.decision
        context = scored.context
        candidates = []
        for position in order[: max(self.config.top_k, 5)]:
            passage = self.data.passages[int(scored.rows[position])]
            candidates.append({
                "passage_id": passage.passage_id, "bureau": passage.bureau, "fused": round(float(scored.fused[position]), 4),
                "features": {name: [round(float(scored.features[name][position]), 4),
                                    round(float(scaled[name][position]), 4)] for name in scored.features},
            })
        return {
            "keywords": context.keywords,
            "bureaus_named": [{"text": m.text, "place": m.place, "matches": list(m.matches)} for m in context.mentions],
            "places_named": list(context.places),
            "weights": dict(self.calibration.weights),
            "calibrated": self.calibration.fitted,
            "candidates": candidates,
            "decision": {
                "evidence": {k: round(v, 4) for k, v in evidence.items()},
                "contributions": {k: round(v, 4) for k, v in model.logit(evidence)},
                "probability": round(model.probability(evidence), 4),
                "thresholds": {"low": model.low if self.config.min_confidence is None else self.config.min_confidence,
                               "high": model.high},
            },
            "reader": None if reading is None else {
                "read": [{"passage_id": self.data.passages[int(scored.rows[p])].passage_id, "probability": round(q, 4)}
                         for p, q in reading.read],
                "swapped": reading.swapped, "base": round(reading.base, 4), "probability": round(reading.probability, 4),
                "thresholds": {"low": self.calibration.reader.model.low if self.calibration.reader else None,
                               "high": self.calibration.reader.model.high if self.calibration.reader else None},
            },
        }
