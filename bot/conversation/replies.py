"""The reply models: what the conversation answers, before a front end renders it (Telegram HTML, plain text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from index.claims.records import Verification
from index.dialogue.turns import Turn
from index.records import Hit, Passage
from index.search.bureaus import same_kind_elsewhere


@dataclass(frozen=True, slots=True)
class Question:
    """A validated question, ready to search."""

    user: int
    text: str
    bureau: str | None = None
    top_k: int | None = None  # None: the settings' (inline queries ask for more)
    key: str | None = None  # the conversation it belongs to (bot.conversation.context.chat_key); None: none
    history: tuple[Turn, ...] = ()  # that conversation's last exchanges, read once when the question came in


@dataclass(frozen=True, slots=True)
class Hint:
    """A short notice instead of an answer. `quiet`: the front end may drop it (repeated rate-limit notices)."""

    code: str  # empty | too_long | non_text | unknown_command | rate_limited | usage | expired | bad_payload | ...
    text: str
    quiet: bool = False


@dataclass(frozen=True, slots=True)
class Answer:
    """One page of the hits for a question; `key` names the stored result for "more" (None: a single passage)."""

    question: str
    hits: tuple[Hit, ...]
    page: int = 0
    per_page: int = 1
    key: str | None = None
    bureau: str | None = None
    log_id: int | None = None  # the query log's row for this question: 👍/👎 buttons rate it
    confidence: str = "high"  # "low": no passage answers it directly; these are the closest
    suggestions: tuple[str, ...] = ()  # 您可能想问 (with low confidence): buttons ask them
    read_with: str | None = None  # the earlier question this one was read with (a follow-up); None: as asked

    @property
    def shown(self) -> tuple[Hit, ...]:
        return self.hits[self.page * self.per_page:(self.page + 1) * self.per_page]

    @property
    def elsewhere(self) -> tuple[tuple[int, str], ...]:
        """On the first page: (position, bureau) of the hits not shown there that are the first one's kind of bureau
        in another city (the answer of 溪宁市交通运输局 under 枫江市交通运输局's)."""
        if self.page != 0:
            return ()
        found = same_kind_elsewhere([hit.passage.bureau for hit in self.hits])
        return tuple((position, bureau) for position, bureau in found if position >= self.per_page)

    @property
    def first_number(self) -> int:
        return self.page * self.per_page + 1

    @property
    def has_more(self) -> bool:
        return self.key is not None and (self.page + 1) * self.per_page < len(self.hits)


@dataclass(frozen=True, slots=True)
class NotFound:
    """The interviews do not cover the question; what they do cover."""

    question: str
    bureaus: tuple[tuple[str, int], ...]
    examples: tuple[str, ...]
    bureau: str | None = None
    reason: str | None = None  # the search's reason code (index.search.rules): small_talk, unknown_place:青岛, ...
    read_with: str | None = None  # the earlier question this one was read with (a follow-up); None: as asked


@dataclass(frozen=True, slots=True)
class TurnContext:
    """The whole answer a passage belongs to, in source order."""

    passage: Passage
    turn: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class SourceDetails:
    """Where a passage was published, in full."""

    passage: Passage


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """The verdict of /verify on a claim."""

    verification: Verification


@dataclass(frozen=True, slots=True)
class BureauChoice:
    """One page of the bureaus, each with the token its buttons carry (Telegram allows about 100 buttons)."""

    bureaus: tuple[tuple[str, int, str], ...]  # name, interviews, token
    page: int = 0
    pages: int = 1


@dataclass(frozen=True, slots=True)
class InterviewInfo:
    """One interview of a bureau, for its list."""

    interview_id: str
    title: str | None
    interviewee: str
    role: str | None
    outlet: str | None
    date: str | None
    url: str | None
    passages: int
    first_passage_id: str


@dataclass(frozen=True, slots=True)
class InterviewList:
    """The interviews of one bureau, newest first."""

    bureau: str
    interviews: tuple[InterviewInfo, ...]


@dataclass(frozen=True, slots=True)
class BureauSelected:
    """The next question of this user searches only this bureau."""

    bureau: str


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    """The size of the loaded corpus: passages, interviews, (bureau, interviews) pairs."""

    passages: int
    interviews: int
    bureaus: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class About:
    """What the bot is, and what it holds."""

    corpus: CorpusInfo


@dataclass(frozen=True, slots=True)
class Stats:
    """Counters since start (admins' /stats)."""

    corpus: CorpusInfo
    uptime: float
    answered: int
    not_found: int
    hints: int
    log: dict[str, Any] | None = None  # the query log's summary, when it is on


@dataclass(frozen=True, slots=True)
class Welcome:
    """The greeting of /start and the body of /help."""

    corpus: CorpusInfo
    examples: tuple[str, ...]


Reply = (Hint | Answer | NotFound | TurnContext | SourceDetails | ClaimCheck | BureauChoice | InterviewList
         | BureauSelected | About | Stats | Welcome)
