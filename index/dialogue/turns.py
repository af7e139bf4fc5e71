"""What a conversation remembers of each exchange, as plain records (JSON-ready, so that a shared state store can
keep them), and how one more exchange is added (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from index.records import SearchResult

MAX_TURNS = 3  # exchanges remembered: the last few questions are what a follow-up can refer to
MAX_HITS = 10  # passage ids remembered per answer (what "还有呢" may show next)
HOW_ALONE = "alone"  # read as asked
HOW_WITH_QUESTION = "question"  # read with the earlier question's words
HOW_MORE = "more"  # 还有呢: the next passage of the same answer, or the next hit


@dataclass(frozen=True, slots=True)
class Turn:
    """One exchange: the question, the text it was searched as, the passages answered (in rank order) and the one
    shown last (what "还有呢" continues from)."""

    question: str
    read_as: str
    hits: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()  # every passage shown on this topic so far, the last one last
    how: str = HOW_ALONE
    confidence: str | None = None  # of the answer ("还有呢" shows the rest of it with the same)

    @property
    def last_shown(self) -> str | None:
        return self.shown[-1] if self.shown else None

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "read_as": self.read_as, "hits": list(self.hits),
                "shown": list(self.shown), "how": self.how, "confidence": self.confidence}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Turn:
        return cls(str(raw["question"]), str(raw["read_as"]), tuple(str(h) for h in raw.get("hits", ())),
                   tuple(str(s) for s in raw.get("shown", ())), str(raw.get("how", HOW_ALONE)),
                   None if raw.get("confidence") is None else str(raw["confidence"]))


@dataclass(frozen=True, slots=True)
class Reading:
    """A question read with (or without) its conversation: the result, how it was read, the exchange to remember,
    how many searches it took, and for --explain the evidence of the choice."""

    result: SearchResult
    turn: Turn
    how: str = HOW_ALONE
    with_question: str | None = None  # the earlier question it was read with (None: read alone)
    searches: int = 1
    explanation: dict[str, Any] | None = field(default=None, compare=False)


def remember(history: Sequence[Turn], turn: Turn) -> tuple[Turn, ...]:
    """The history with one more exchange, at most MAX_TURNS kept."""
    return (*history, turn)[-MAX_TURNS:]


def turn_of(question: str, read_as: str, result: SearchResult, how: str = HOW_ALONE) -> Turn:
    """The exchange to remember for a searched question: its passages, the first one shown."""
    hits = tuple(h.passage.passage_id for h in result.hits[:MAX_HITS]) if result.answered else ()
    return Turn(question, read_as, hits, hits[:1], how, result.confidence if result.answered else None)
