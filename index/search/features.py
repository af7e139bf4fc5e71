"""Evidence, as arrays: per candidate passage (for ranking) and per question (for the decision). Pure numpy over
the index's arrays; the model calls happen before (the query vectors come in ready).

Ranking evidence is scaled over the candidates of one question before fusion (index.search.fusion), so only its
order matters. Decision evidence is read off the best passage and made comparable across corpora: cosines (the same
model everywhere), cosines relative to the rest of the corpus, shares of the question's words found, and yes/no
signs about the bureau it names.
"""

from __future__ import annotations

from collections.abc import Sequence
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from index.records import Passage
from index.search.bureaus import BureauIndex, Mention
from index.lexicon.english import is_english, searched_question
from index.records import IndexData
from index.text import arabic_numerals, normalize_for_index, pos_tokens, query_words
from index.vocabulary import document_frequencies, in_english, minus

CANDIDATE_FEATURES = ("dense_text", "dense_sentence", "dense_heading", "dense_question", "lead_question",
                      "dense_focus", "bm25_text", "bm25_meta", "bm25_sentence", "lead_keywords", "answer_kind",
                      "bureau_match", "place_match", "length", "word_coverage")
# Ranking evidence the decision's fusion leaves out: the decision reads the first passage of an order fitted without
# it (Calibration.decision_weights, decision_position), so what it learned stays as it was. word_coverage puts first,
# among passages on one topic, the one with the detail asked about (合规化率, 东段); as evidence that the corpus
# answers at all it says little that the decision's coverage_top does not, and drawing the best-covering passage
# first made that evidence weaker (fewer "not found", docs/measurements.md).
RANKING_ONLY = frozenset({"word_coverage"})
# The least spread over the candidates a feature is scaled by: word_coverage is a share of the question's words, and
# a best candidate holding 8% of them (one common word) is not worth the whole weight of one holding them all. 0.2 was
# chosen on the tuning sets (R@1 and MRR, against 0, 0.4 and 1: docs/measurements.md).
SPREAD_FLOORS = {"word_coverage": 0.2}
# The decision reads these twice: for questions in Chinese, and (prefixed "en_") for questions in English, whose
# evidence looks different (no keywords of their own, lower cosines to Chinese passages); plus "english" itself.
DECISION_BASE = ("head_missing", "dense_rel", "coverage_top", "coverage_corpus", "absent_share", "unknown_bureau",
                 "outside_lead", "number_missing", "time_missing", "fused_top", "fused_margin", "question_rel",
                 "specificity", "content_words", "general_top", "general_corpus", "year_missing")
DECISION_FEATURES = (*DECISION_BASE, *(f"en_{name}" for name in DECISION_BASE), "english")
WORDS_KEPT = 20_000  # passages whose normalised text word_coverage keeps (~12 MB at 300 characters a passage)
MAX_CONTENT_WORDS = 8  # more content words than this say no more about how specific a question is
# Questions that ask for a quantity or a time (interrogatives, not topics), and how a passage states one ("好几次",
# "十几个" say a quantity, they ask none).
_ASKS_NUMBER = re.compile(r"多少|(?<![好十])几[个项家条次万亿元人户所座天年]|多大|多长|比例|百分之|how (?:many|much)|what percentage|"
                          r"what share|how large", re.I)
_ASKS_TIME = re.compile(r"什么时候|何时|哪天|哪一天|几月|几号|几点|哪年|哪一年|截止|when\b|what time|which (?:day|year|month)",
                        re.I)
# Interrogatives: the content word next to one is what the question asks about (电话是多少, 叫什么名字, 几点开门).
INTERROGATIVES = ("什么", "多少", "几", "哪", "谁", "怎么", "怎样", "如何", "吗", "是否", "有没有", "能不能", "啥", "咋",
                  "多久", "多长", "多大", "何时")
_HAS_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万亿]+(?:个|项|家|条|次|万|亿|元|人|户|所|座|倍|成)|%|％")
_HAS_TIME = re.compile(r"\d+\s*[年月日时点]|\d{1,2}:\d{2}|[一二三四五六七八九十]+月|年底|年初|月底|月初|上半年|下半年|季度|期间|以来|之前|之后|"
                       r"前|后|今年|去年|明年|当天|当日")
NOUN_TAGS = ("n", "vn", "nz", "ns", "nt", "l", "j")


@dataclass(frozen=True, slots=True)
class QueryContext:
    """Everything about one question that scoring needs, worked out once."""

    text: str  # the normalised question without courtesies
    keywords: str  # what the keyword indexes search for
    vector: np.ndarray  # the question embedded
    focus_vector: np.ndarray  # the clause that asks, embedded (the question's own vector when it is short)
    mentions: tuple[Mention, ...] = ()  # bureaus it names
    places: tuple[str, ...] = ()  # corpus places it names (澜州市), with or without a bureau
    pointed: frozenset[str] = field(default_factory=frozenset)  # corpus bureaus the mentions fit
    translated: tuple[str, ...] = ()  # the corpus words its English words map onto (营商环境 for business environment)
    translated_share: float = 0.0  # the share of its English content words that found one
    english: tuple[str, ...] = ()  # a Chinese question's words in the corpus's English (a city's English page)
    english_share: float = 0.0  # the share of its content words that found one

    @property
    def unknown_bureau(self) -> Mention | None:
        """The first bureau it names that the corpus does not have (another city's, or a kind it has not)."""
        return next((m for m in self.mentions if not m.matches), None)


@dataclass(frozen=True, slots=True)
class Scored:
    """Every ranking feature for the candidate rows of one question, and the fused score."""

    rows: np.ndarray
    features: dict[str, np.ndarray]
    fused: np.ndarray
    context: QueryContext
    weight_sum: float = 1.0  # the most a fused score can be (each scaled feature is at most 1)
    priority: np.ndarray | None = None  # named_priority of the candidates, worked out once
    base: np.ndarray | None = None  # the fused score under the decision's weights (None: the ranking's)
    base_weight_sum: float = 1.0

    @property
    def decision_fused(self) -> tuple[np.ndarray, float]:
        """The fused scores the decision reads, and the most one can be."""
        return (self.fused, self.weight_sum) if self.base is None else (self.base, self.base_weight_sum)


def decision_position(scored: Scored) -> int:
    """The candidate the decision reads: the first of the order under the decision's weights."""
    return int(_named_first(scored.decision_fused[0], scored.priority)[0])


def ranking_order(scored: Scored) -> np.ndarray:
    """Candidate positions, best first: the passages of the bureaus the question names, then the other passages
    of the cities it names, then the rest, each group by fused score. 澜州 农村改厕 asks what 澜州 did, however
    well another city's passage on the same work matches."""
    return _named_first(scored.fused, scored.priority)


def _named_first(fused: np.ndarray, priority: np.ndarray | None) -> np.ndarray:
    if priority is None:
        return np.argsort(-fused, kind="stable")
    return np.lexsort((-fused, -priority))


def named_priority(features: dict[str, np.ndarray], context: QueryContext) -> np.ndarray | None:
    """Per candidate: 2 for a bureau the question names, +1 for a city it names, else 0; None when no candidate
    belongs to what it names (or it names nothing)."""
    size = next(iter(features.values())).shape if features else (0,)
    priority = np.zeros(size, dtype=np.float32)
    if context.pointed and "bureau_match" in features:
        priority += 2.0 * features["bureau_match"]
    if context.places and "place_match" in features:
        priority += features["place_match"]
    return priority if priority.any() else None


def question_heads(query: str) -> list[str]:
    """The content words right next to the question's interrogatives: what it asks about (电话 in 电话是多少)."""
    tagged = pos_tokens(query)
    words = [w for w, _ in tagged]
    content = {w for w, _ in query_words(query)}
    nouns = {w for w, tag in tagged if tag.startswith(NOUN_TAGS)}  # 电话 in 电话是多少; not 一共 or 降到
    heads: list[str] = []
    for i, word in enumerate(words):
        if not any(word.startswith(q) or word.endswith(q) for q in INTERROGATIVES):
            continue
        for j in (i - 1, i - 2, i + 1):
            if 0 <= j < len(words) and words[j] in content and words[j] in nouns and len(words[j]) >= 2:
                heads.append(words[j])
                break
    return heads


def asks_for_number(query: str) -> bool:
    """The question asks for a quantity ("补贴多少钱", "有几个点位"), not just says one ("还剩好几次没游")."""
    return _ASKS_NUMBER.search(query) is not None


def _head_missing(query: str, where: str) -> bool:
    heads = question_heads(query)
    asks_number = asks_for_number(query)
    return bool(heads) and not any(h in where or _typed_value_in(h, where)
                                   or (asks_number and _MONEY_NOUN.search(h) and _AMOUNT.search(where)) for h in heads)


# A noun for a sum of money (奖金, 工本费, 补助金): asked how much of it, a passage that states an amount in 元 holds what
# is asked (发放举报奖励86万元 for 发了多少奖金).
_MONEY_NOUN = re.compile(r"[^免消]费$|金$")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:元|万元|亿元)")


# Heads that name the kind of answer, not a topic (实施时间是什么, 热线电话是多少): a passage that states a value of that
# kind holds what is asked, whatever words it uses.
_ANSWER_TYPES = (
    (re.compile(r"(?:时间|日期|时候|期限|时限)$"), _HAS_TIME),
    (re.compile(r"(?:电话|号码|热线)$"), re.compile(r"(?<!\d)(?:\d{5,}|\d{3,4}-\d{7,8})(?!\d)")),
    (re.compile(r"(?:金额|费用|价格|收费)$"), _AMOUNT),
    (re.compile(r"(?:比例|比率|占比)$"), re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之|[一二三四五六七八九]成")),
    (re.compile(r"(?:人数|数量|数目|次数)$"), _HAS_NUMBER),
)


def _typed_value_in(head: str, where: str) -> bool:
    """Whether `head` names a kind of answer (a time, a number to call, an amount, a share, a count) that `where`
    states."""
    return any(kind.search(head) and value.search(where) for kind, value in _ANSWER_TYPES)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")  # 2021年, not 2000多人
_GIVEN_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年|[-/.]\d{1,2}[-/.]\d)")  # 2021年, or a dateline's 2024-09-03
_DATE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")  # the year of a date field (2020-11-02)


# a year that bounds what a rule covers: "2012年6月30日前注册登记的" (the years before it), "2018年起" (those after)
# (not "2024年前三季度", "2025年后半年": a part of that year)
_BOUND_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})年(?:\d{1,2}月(?:\d{1,2}日)?)?"
                         r"(?P<side>以前|之前|前|以后|之后|后|起)(?![一二三四五六七八九十两几半\d])")


def year_missing(query: str, passage: Passage) -> bool:
    """The question names a year (2021年) that the passage, the question it answers and its interview's title and
    date do not give, while they are dated (a year with 年, a dateline's 2024-09-03, a date field): an interview of
    2020 does not say what was paid in 2021, however close its topic. An undated passage (2000多人 is no date) is not
    counted against: a date that could not be read decides nothing. A year on the covered side of a rule's bound ("2012年6月30日前注册登记的" for a
    car registered in 2010) is given."""
    years = _YEAR.findall(query)
    if not years:
        return False
    words = f"{passage.title or ''} {passage.heading or ''} {passage.question or ''} {passage.text}"
    date = passage.date or ""
    dated = bool(_GIVEN_YEAR.search(words) or _DATE_YEAR.search(date))
    bounds = [(int(m["year"]), m["side"] in ("前", "以前", "之前")) for m in _BOUND_YEAR.finditer(words)]
    return dated and not all(year in words or year in date or any(
        int(year) < bound if before else int(year) > bound for bound, before in bounds) for year in years)


def general_rarity(word: str) -> float:
    """-log of the word's frequency in jieba's general dictionary (words it lacks count as the rarest)."""
    from index.segmenter import general_frequency

    count, total = general_frequency(word)
    return float(np.log(total / max(1, count)))


def holds_word(word: str, where: str) -> bool:
    """Whether the text holds the word, a Chinese numeral in it also found written in digits (七十 as 70, not 170)."""
    if word in where:
        return True
    patterns = _in_digits(word)
    return bool(patterns) and all(p.search(where) for p in patterns)


@lru_cache(maxsize=4096)
def _in_digits(word: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?<![\d.]){re.escape(digits)}(?![\d.])") for digits in arabic_numerals(word).values())


def _share_in(words: Sequence[str], where: str) -> float:
    return sum(1 for w in words if w in where) / max(1, len(words))


def states_a_time(words: str) -> bool:
    """Whether a passage's words (normalised: NFKC) give a time: a date, a month, a clock time (首班6:50), a period."""
    return bool(_HAS_TIME.search(words))


def words_of(passage: Passage, question: bool = True) -> str:
    """A passage's heading, question (when asked) and text as the question's words are looked for in them: NFKC,
    lower case, Simplified (a passage in Traditional characters holds the same words)."""
    asked = searched_question(passage.question) if question else None
    return normalize_for_index(f"{passage.heading or ''}{asked or ''}{passage.text}")


class Evidence:
    """Precomputed per-passage tables over one index, and the features computed from them."""

    def __init__(self, data: IndexData, bureaus: BureauIndex) -> None:
        self.data = data
        self.bureaus = bureaus
        n = len(data.passages)
        self.sentence_start = np.searchsorted(data.sentence_owner, np.arange(n + 1)).astype(np.int64)
        self.is_lead = _turn_leads(data.passages)
        self.is_answer = np.asarray([p.kind == "answer" for p in data.passages], dtype=np.float32)
        # a one-sentence lead-in ("我们做了三方面工作。") matches a topic and answers nothing
        self.length = np.log1p(np.asarray([len(p.text) for p in data.passages], dtype=np.float32))
        self.bureau_of = [p.bureau for p in data.passages]
        self.anchor = _answer_anchor(data)
        self.place_of = [bureaus.place_of(p.bureau) if p.bureau else "" for p in data.passages]
        # words_of per passage, kept for the most recent WORDS_KEPT (every passage of a corpus up to that size)
        self.words_text = lru_cache(maxsize=WORDS_KEPT)(self._words_of_row)
        english = [row for row, p in enumerate(data.passages) if in_english(p)]
        self.english_rows = frozenset(english)
        # A Chinese question is judged against an English passage by what it shares with the English text, and a
        # question in English against a Chinese passage by the words it shares with the Chinese text, as it was
        # fitted (no fitted corpus had a page in English).
        self.english_vocabulary = document_frequencies([data.passages[r] for r in english])
        self.chinese_vocabulary = minus(data.vocabulary, self.english_vocabulary) if english else data.vocabulary

    # -- ranking -------------------------------------------------------------------------------------------
    def candidate_features(self, context: QueryContext, rows: np.ndarray, bm25_text: np.ndarray,
                           bm25_meta: np.ndarray, bm25_sentences: np.ndarray) -> dict[str, np.ndarray]:
        data, qv = self.data, context.vector
        dense_text = data.passage_vectors[rows] @ qv
        dense_sentence = self.sentence_max(rows, qv)
        dense_question = _lookup(data.question_vectors, data.passage_question[rows], qv, fallback=dense_text)
        lead = self.is_lead[rows]
        focus = context.focus_vector
        dense_focus = dense_sentence if focus is qv else np.maximum(data.passage_vectors[rows] @ focus,
                                                                    self.sentence_max(rows, focus))
        features = {
            "dense_text": dense_text,
            "dense_sentence": dense_sentence,
            "dense_heading": _lookup(data.heading_vectors, data.passage_heading[rows], qv, fallback=dense_text),
            "dense_question": dense_question,
            # a question that restates the reporter's is best answered by the opening of that answer
            "lead_question": np.where(lead, dense_question, dense_question.min()),
            "dense_focus": dense_focus,
            "bm25_text": bm25_text[rows],
            "bm25_meta": bm25_meta[rows],
            "bm25_sentence": self.sentence_max(rows, None, bm25_sentences),
            "lead_keywords": np.where(lead, bm25_meta[rows], 0.0).astype(np.float32),
            "answer_kind": self.is_answer[rows],  # what the bureau said, over the outlet's intro and summary
            # a passage whose bureau or city could not be read is never taken for another one's
            "bureau_match": np.asarray([self.bureau_of[r] in context.pointed for r in rows], dtype=np.float32),
            "place_match": np.asarray([self.place_of[r] in context.places or (not self.place_of[r] and bool(context.places))
                                       for r in rows], dtype=np.float32),
            "length": self.length[rows],
            "word_coverage": self.candidate_coverage(context, rows),
        }
        return features

    def candidate_coverage(self, context: QueryContext, rows: np.ndarray) -> np.ndarray:
        """Per candidate, the IDF-weighted share of the question's content words (for a question in English, of
        their Chinese counterparts) found verbatim in it: among passages on one topic, the one with the detail
        asked about (合规化率, 东段) holds the question's rarer words."""
        words = dict.fromkeys([w for w, _ in query_words(context.text)] + list(context.translated))
        if not words or rows.size == 0:
            return np.zeros(rows.size, dtype=np.float32)
        weights = {w: self.idf(w) for w in words}
        texts = [self.words_text(int(r)) for r in rows]
        found = np.asarray([sum(weight for w, weight in weights.items() if holds_word(w, text)) for text in texts],
                           dtype=np.float32)
        return found / (sum(weights.values()) or 1.0)

    def idf(self, word: str, vocabulary: dict[str, int] | None = None) -> float:
        """BM25's inverse document frequency of a word over the corpus's passages (never below 0)."""
        vocabulary = self.data.vocabulary if vocabulary is None else vocabulary
        n, df = max(1, len(self.data.passages)), vocabulary.get(word, 0)
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    def _words_of_row(self, row: int) -> str:
        """words_of the passage at `row` (kept by words_text: ~0.1 ms each, and every candidate needs it)."""
        return words_of(self.data.passages[row])

    def sentence_max(self, rows: np.ndarray, qv: np.ndarray | None, scores: np.ndarray | None = None) -> np.ndarray:
        """Per candidate passage, the best of its sentences: by cosine to `qv`, or by the given sentence scores."""
        starts, ends = self.sentence_start[rows], self.sentence_start[rows + 1]
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

    # -- deciding ------------------------------------------------------------------------------------------
    def decision_features(self, scored: Scored, top: int) -> dict[str, float]:
        """Question-level evidence read off the best-ranked candidate (position `top` in scored.rows)."""
        context, f = scored.context, scored.features
        row = int(scored.rows[top])
        passage = self.data.passages[row]
        dense = np.maximum(f["dense_text"], f["dense_sentence"])
        dense_top = float(dense[top])
        # A question about a passage in the other language is evidence across languages (the "en_" features, fitted on
        # English questions about Chinese passages), read against the other language's words; a question about a
        # passage in its own language (an English one about a city's English page) is evidence in one language.
        asked_in_english = is_english(context.text)
        english = asked_in_english != (row in self.english_rows)
        vocabulary = (self.data.vocabulary if not english else
                      self.chinese_vocabulary if asked_in_english else self.english_vocabulary)
        coverage_top, coverage_corpus, absent_share = self.word_coverage(context.text, passage, vocabulary)
        if english and asked_in_english and context.translated:  # the share of its words whose Chinese counterparts
            coverage_top = context.translated_share * _share_in(context.translated, words_of(passage))  # it holds
            coverage_corpus = context.translated_share
        elif english and context.english:  # a Chinese question about an English passage: the mirror
            coverage_top = context.english_share * _share_in(context.english, words_of(passage))
            coverage_corpus = context.english_share
        specificity, content_words = self.specificity(context.text, vocabulary)
        general_top, general_corpus = self.general_coverage(context.text, passage, vocabulary)
        fused, total_weight = scored.decision_fused
        runner_up = float(np.partition(fused, -2)[-2]) if fused.size > 1 else 0.0
        total_weight = total_weight or 1.0
        where = words_of(passage, question=False)
        named = scored.priority
        outside = fused[named < named[top]] if named is not None else fused[:0]
        # how much better a passage of a bureau or city the question does not name matches it
        outside_lead = max(0.0, float(outside.max()) - float(fused[top])) / total_weight if outside.size else 0.0
        evidence = {
            "dense_rel": dense_top - self.anchor,
            "question_rel": float(f["dense_question"][top]) - self.anchor,
            "coverage_top": coverage_top,
            "coverage_corpus": coverage_corpus,
            "absent_share": absent_share,
            "unknown_bureau": float(context.unknown_bureau is not None),
            "outside_lead": outside_lead,
            "number_missing": float(asks_for_number(context.text) and not _HAS_NUMBER.search(where)),
            "time_missing": float(bool(_ASKS_TIME.search(context.text)) and not states_a_time(where)),
            "year_missing": float(year_missing(context.text, passage)),
            # the retrievers agree on the best passage (1: it is first by every weighted feature), and by how much
            "fused_top": float(fused[top]) / total_weight,
            "fused_margin": (float(fused[top]) - runner_up) / total_weight,
            "specificity": specificity,
            "content_words": float(min(content_words, MAX_CONTENT_WORDS)),
            "general_top": general_top,
            "general_corpus": general_corpus,
            "head_missing": float(_head_missing(context.text, where)),
        }
        evidence["english"] = float(english)
        for name in DECISION_BASE:
            value = evidence[name]
            evidence[name], evidence[f"en_{name}"] = (0.0, value) if english else (value, 0.0)
        return evidence

    def general_coverage(self, query: str, passage: Passage, vocabulary: dict[str, int]) -> tuple[float, float]:
        """Shares of the question's content words found in the passage and in the corpus, each word weighted by how
        rare it is in general Chinese (jieba's dictionary), so that the weights mean the same in any corpus."""
        words = query_words(query)
        if not words:
            return 0.0, 0.0
        where = words_of(passage)
        total = top = corpus = 0.0
        for word, _ in words:
            weight = general_rarity(word)
            total += weight
            top += weight if word in where else 0.0
            corpus += weight if (word in where or word in vocabulary) else 0.0
        return top / total, corpus / total

    def specificity(self, query: str, vocabulary: dict[str, int]) -> tuple[float, int]:
        """How rare in the corpus the question's rarest content word is (0: every passage has it, 1: none does),
        and how many content words it has."""
        words = query_words(query)
        if not words:
            return 0.0, 0
        n = max(1, len(self.data.passages))
        rarest = max(float(np.log((n + 1) / (vocabulary.get(w, 0) + 1))) for w, _ in words)
        return rarest / float(np.log(n + 1)), len(words)

    def word_coverage(self, query: str, passage: Passage, vocabulary: dict[str, int]) -> tuple[float, float, float]:
        """IDF-weighted shares of the question's content words found in the passage and in the corpus, and the
        share of its nouns the corpus never uses."""
        words = query_words(query)
        if not words:
            return 0.0, 0.0, 0.0
        where = words_of(passage)
        total = top = corpus = 0.0
        for word, _ in words:
            df = vocabulary.get(word, 0)
            weight = self.idf(word, vocabulary)
            total += weight
            in_passage = holds_word(word, where)
            top += weight if in_passage else 0.0
            corpus += weight if (in_passage or df > 0) else 0.0
        nouns = [w for w, tag in pos_tokens(query) if tag.startswith(NOUN_TAGS) and len(w) >= 2 and not w.isascii()]
        absent = sum(1 for w in nouns if w not in vocabulary and w not in where)
        return top / total, corpus / total, absent / max(1, len(nouns))


DEFAULT_ANCHOR = 0.91  # e5-small's typical cosine of a reporter's question to its answer, when a corpus has none


def _answer_anchor(data: IndexData) -> float:
    """The median cosine of each reporter's question to the passage that answers it, in this corpus: what an
    answered question looks like here, to read a question's best cosine against (corpora and writing differ)."""
    rows = data.passage_question
    has = rows >= 0
    if not has.any() or not len(data.question_vectors):
        return DEFAULT_ANCHOR
    return float(np.median(np.sum(data.question_vectors[rows[has]] * data.passage_vectors[has], axis=1)))


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
