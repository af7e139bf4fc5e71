"""The small frozen records the core hands out: interviews, passages, search hits."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

if TYPE_CHECKING:
    from index.store.keyword import KeywordIndex
    from index.store.vectors import VectorIndex

PassageKind = Literal["answer", "intro", "summary"]
METADATA_FIELDS = ("title", "series", "episode", "bureau", "interviewee", "role", "outlet", "reporters", "date", "url")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about one interview, from its text or its YAML front matter."""

    title: str | None = None
    series: str | None = None
    episode: str | None = None
    bureau: str | None = None
    interviewee: str | None = None
    role: str | None = None
    outlet: str | None = None
    reporters: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["reporters"] = list(self.reporters)
        return data


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the source text: `source[start:end]`, in code points."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the source, with sentences broken across blank lines already joined."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Turn:
    """One question and the answer given to it."""

    asker: str
    question: str
    answerer: str
    answer: str

    def to_dict(self) -> dict[str, str]:
        return {"asker": self.asker, "question": self.question, "answerer": self.answerer, "answer": self.answer}


@dataclass(frozen=True, slots=True)
class Passage:
    """The unit of retrieval: verbatim source text plus what it needs to be cited.

    `text == repair_whitespace(source[start:end])`; question, heading and bureau are kept apart from it.
    """

    passage_id: str
    interview_id: str
    kind: PassageKind
    text: str
    start: int
    end: int
    file: str
    bureau: str
    interviewee: str
    speaker: str
    role: str | None = None
    question: str | None = None
    asker: str | None = None
    heading: str | None = None
    turn: int | None = None
    title: str | None = None
    series: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The passage object of PRODUCT.md's JSON (a search hit without its score)."""
        return {
            "passage_id": self.passage_id,
            "text": self.text,
            "bureau": self.bureau,
            "interviewee": self.interviewee,
            "question": self.question,
            "heading": self.heading,
            "kind": self.kind,
            "source": {
                "file": self.file,
                "start": self.start,
                "end": self.end,
                "title": self.title,
                "outlet": self.outlet,
                "date": self.date,
                "url": self.url,
            },
        }

    def to_record(self) -> dict[str, Any]:
        """Every field, for storing in the index folder."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Passage:
        return cls(**record)


@dataclass(frozen=True, slots=True)
class Interview:
    """A parsed corpus file: metadata, question-and-answer turns, and the passages cut from it (intro, answers, summary)."""

    interview_id: str
    file: str
    text: str
    metadata: Metadata
    turns: tuple[Turn, ...]
    passages: tuple[Passage, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit:
    """One passage returned by search, with its score and the sentence that matched best."""

    passage: Passage
    score: float
    best_sentence: tuple[int, int] | None = None  # offsets into passage.text

    def to_dict(self) -> dict[str, Any]:
        data = self.passage.to_dict()
        data["score"] = round(float(self.score), 6)
        return data


Confidence = Literal["high", "low"]


@dataclass(frozen=True, slots=True)
class ContextUse:
    """How a question was read with its conversation: with the earlier question `with_question`, either its words
    searched together with the follow-up ("question") or the rest of that answer shown ("more")."""

    with_question: str
    how: str

    def to_dict(self) -> dict[str, Any]:
        return {"used": True, "with": self.with_question}


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one question. Three outcomes: `confidence` "high" (the answer), "low" (no passage answers it
    directly; the closest one, with `suggestions` of what the interviews do answer), or `answered=False` with no hits
    and a `reason` code (see index.search.rules: small_talk, unknown_place:青岛, unknown_year:2023,
    unknown_bureau:威海市农业农村局, not_covered, empty)."""

    query: str
    answered: bool
    hits: tuple[Hit, ...] = field(default_factory=tuple)
    normalized_query: str = ""
    probability: float = 0.0  # the decision model's probability that the interviews answer the question
    confidence: Confidence | None = None  # None exactly when not answered
    reason: str | None = None  # why not answered; None when answered
    suggestions: tuple[str, ...] = ()  # 您可能想问: the reporters' questions or headings of nearby passages
    explanation: dict[str, Any] | None = None  # the evidence behind the ranking and the decision (--explain)
    context: ContextUse | None = None  # read with its conversation (index.dialogue); None: read as asked

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"query": self.query, "answered": self.answered,
                                "confidence": self.confidence if self.answered else None,
                                "reason": None if self.answered else (self.reason or "not_covered"),
                                "suggestions": list(self.suggestions), "hits": [h.to_dict() for h in self.hits],
                                "context": self.context.to_dict() if self.context else None}
        if explain:
            data["explanation"] = self.explanation
        return data


@dataclass(frozen=True, slots=True)
class IndexData:
    """Everything search needs, in memory. Row i of the passage arrays is `passages[i]`."""

    manifest: dict[str, Any]
    passages: tuple[Passage, ...]
    passage_vectors: np.ndarray  # (n, d) embeddings of heading + text
    sentence_vectors: np.ndarray  # (m, d) embeddings of each sentence
    sentence_owner: np.ndarray  # (m,) passage row of each sentence
    sentence_spans: np.ndarray  # (m, 2) offsets of each sentence in its passage's text
    heading_vectors: np.ndarray  # (h, d)
    passage_heading: np.ndarray  # (n,) row in heading_vectors, or -1
    question_vectors: np.ndarray  # (q, d) the reporters' questions, embedded as queries
    passage_question: np.ndarray  # (n,) row in question_vectors, or -1
    vectors: VectorIndex
    text_keywords: KeywordIndex  # BM25 over heading + text
    meta_keywords: KeywordIndex  # BM25 over heading + question
    sentence_keywords: KeywordIndex  # BM25 over each sentence (rows of the sentence arrays)
    vocabulary: dict[str, int]  # jieba word -> number of passages that use it
    terms: tuple[str, ...] = ()  # the corpus's most used words, embedded as queries (row i of term_vectors)
    term_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    # derived once at build time instead of in every process (None: not stored, the Searcher works them out)
    place_names: frozenset[str] | None = None  # the packaged place names (index.lexicon.places.place_names)
    foreign_places: frozenset[str] | None = None  # those no passage mentions
    english: dict[str, list[str]] | None = None  # English word or phrase -> corpus words (index.lexicon.english)
    build: str | None = None  # the build folder these were loaded from (None: assembled, not saved yet)


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What a refresh did, for the command line and /reload."""

    data: IndexData
    rebuilt: bool
    parsed: tuple[str, ...] = ()
    reused: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    embedded: int = 0
    warnings: tuple[str, ...] = ()
    reason: str = ""
