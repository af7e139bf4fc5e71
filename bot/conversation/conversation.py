"""The conversation: a message in, a reply model out, over one searcher, with per-user state.

No telegram import and no I/O of its own: it calls the SearchService, the query log it is given (an object with
`record`, `feedback` and `summary`: `bot.querylog.QueryLog`) and the state store it is given (bot.state.base: the
answers behind buttons, a bureau chosen for the next question, rate limits; shared by replicas; in memory by
default). Counters and recent results stay in each process's `Conversation`. Front ends call `prepare` (validates
and rate-limits: a state call, so off their event loop), then `search` (slow: may run in a worker thread; only reads
the searcher), then `answer` (stores the pages), or `ask` for all three at once.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from bot import texts
from bot.conversation.actions import Action, bureau_token, decode_passage_payload, decode_question_payload
from bot.conversation.context import StateContexts
from bot.ratelimit import NOTICE_INTERVAL, RateLimiter
from bot.state.base import MemoryState, StateStore
from bot.conversation.replies import (
    About,
    Answer,
    BureauChoice,
    BureauSelected,
    ClaimCheck,
    CorpusInfo,
    Hint,
    InterviewInfo,
    InterviewList,
    NotFound,
    Question,
    Reply,
    SourceDetails,
    Stats,
    TurnContext,
    Welcome,
)
from index.claims.verdict import check_claim
from index.dialogue.followups import NO_MORE, FollowUps, next_turn
from index.dialogue.phrasing import changes_topic
from index.dialogue.turns import remember
from index.errors import InterviewQAError
from index.records import Hit, Passage, SearchResult
from index.search.service import SearchService
from index.limits import MAX_CLAIM_CHARS

if TYPE_CHECKING:
    from bot.config import AppConfig

log = logging.getLogger("interview_qa.conversation")
MAX_EXAMPLES = 3
MAX_EXAMPLE_CHARS = 40  # a reporter's question short enough to serve as an example
BUREAUS_PER_PAGE = 30  # two buttons each: 60 buttons and the page buttons, under Telegram's ~100
# notices that a flood of messages brings, one each: said once per NOTICE_INTERVAL to a user in a chat
FLOOD_HINTS = frozenset({"non_text", "empty", "too_long", "unknown_command", "rate_limited", "edited_command"})
KEY_BITS = 64  # random bits of a stored answer's key: 13 base-36 characters, unguessable
RESULTS_KEPT = 1024  # recent search results, reused when the same question is asked again (same searcher)
FORGET_AFTER_KEYS = 10_000  # past this many (user, chat, notice) keys, quiet ones are forgotten
BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
# a letter or digit of any script: emoji, punctuation and invisibles alone are no question
_WORDY = re.compile(r"[^\W_]")


class QueryRecorder(Protocol):
    """The opt-in query log as the conversation uses it (`bot.querylog.QueryLog`). Its calls block (SQLite): front
    ends run them off their event loop. A failure raises an InterviewQAError (QueryLogError)."""

    def record(self, chat_type: str, user_id: int, question: str, result: SearchResult) -> int: ...

    def feedback(self, row_id: int, user_id: int, value: int) -> bool: ...

    def summary(self) -> dict[str, Any]: ...


def example_questions(searcher: SearchService) -> tuple[str, ...]:
    """Example questions the corpus answers: the shipped ones that still work, else the reporters' short questions
    (another corpus). Searches: run it off the event loop."""
    kept = [q for q in texts.EXAMPLE_QUESTIONS if searcher.search(q, top_k=1).answered][:MAX_EXAMPLES]
    if len(kept) < MAX_EXAMPLES:
        asked = sorted({p.question for p in searcher.data.passages
                        if p.question and len(p.question) <= MAX_EXAMPLE_CHARS}, key=lambda q: (len(q), q))
        kept += [q for q in asked if q not in kept][: MAX_EXAMPLES - len(kept)]
    return tuple(kept)


@dataclass(frozen=True, slots=True)
class ConversationSettings:
    """What the conversation needs of config.yaml (`from_config`); the defaults suit tests."""

    results_per_page: int = 1
    questions_per_minute: int = 20  # 0: no limit
    inline_per_minute: int = 30
    max_query_chars: int = 200
    top_k: int = 3
    context_minutes: float = 10.0  # a follow-up is read with the exchanges of the last this many minutes (0: never)

    @classmethod
    def from_config(cls, config: AppConfig) -> ConversationSettings:
        t, s = config.telegram, config.search
        return cls(results_per_page=max(1, t.results_per_page), questions_per_minute=t.questions_per_minute,
                   inline_per_minute=t.inline_per_minute, max_query_chars=s.max_query_chars, top_k=s.top_k,
                   context_minutes=config.conversation.context_minutes)


@dataclass(slots=True)
class Counters:
    """Replies since start, for /stats."""

    answered: int = 0
    not_found: int = 0
    hints: int = 0
    started: float = field(default_factory=time.time)


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """What the buttons under an answer need: whose it is, the hits, the suggestions."""

    user: int
    question: str
    hits: tuple[Hit, ...]
    bureau: str | None
    confidence: str
    suggestions: tuple[str, ...]
    read_with: str | None = None


def corpus_info(searcher: SearchService) -> CorpusInfo:
    """Passages, interviews and bureaus of what the searcher holds."""
    interviews = {p.interview_id for p in searcher.data.passages}
    return CorpusInfo(searcher.passage_count, len(interviews), tuple(searcher.bureaus()))


class Conversation:
    """Questions to replies over one searcher (swapped by /reload), with per-user state."""

    def __init__(self, searcher: SearchService, settings: ConversationSettings | None = None,
                 clock: Callable[[], float] = time.monotonic, query_log: QueryRecorder | None = None,
                 state: StateStore | None = None) -> None:
        self.settings = settings or ConversationSettings()
        # answer keys, chosen bureaus and limits: in the state (shared by replicas), in memory by default
        self.state = state or MemoryState()
        self.questions = RateLimiter(self.settings.questions_per_minute, storage=self.state.rate_storage,
                                     name="questions")
        self.inline = RateLimiter(self.settings.inline_per_minute, storage=self.state.rate_storage, name="inline")
        self.counters = Counters()
        self._answers = self.state.answers()
        self._choices = self.state.choices()
        self._hinted: dict[tuple[int, int, str], float] = {}
        self._clock = clock
        self._results: OrderedDict[tuple[str, str | None, int], tuple[SearchService, SearchResult]] = OrderedDict()
        self._results_lock = threading.Lock()  # searches run in several worker threads
        self.examples: tuple[str, ...] = texts.EXAMPLE_QUESTIONS[:MAX_EXAMPLES]
        self.searcher = searcher
        self.corpus = corpus_info(searcher)
        self.query_log = query_log  # opt-in (config query_log.enabled); None: nothing is logged
        self.contexts = StateContexts(self.state.contexts())  # each chat's last exchanges, in the state too
        self._followups: tuple[SearchService, FollowUps] | None = None

    # -- the opt-in query log (blocking calls: front ends run them off their event loop) ---------------------------
    def record(self, chat_type: str, question: Question, result: SearchResult, reply: Reply) -> Reply:
        """Logs the question when the log is on; an answer then carries its row id for the 👍/👎 buttons."""
        if self.query_log is None:
            return reply
        try:
            row = self.query_log.record(chat_type, question.user, question.text, result)
        except InterviewQAError as error:  # logging never costs the user an answer
            log.warning("query log: %s", error)
            return reply
        return replace(reply, log_id=row) if isinstance(reply, Answer) else reply

    def feedback(self, user: int, action: Action) -> Hint:
        """👍/👎 under an answer: only the user who asked may rate it."""
        value, row = (1 if action.arg[0] == "+" else -1), int(action.arg[1:])
        if self.query_log is None:
            return Hint("feedback_off", texts.FEEDBACK_OFF)
        try:
            taken = self.query_log.feedback(row, user, value)
        except InterviewQAError:
            return Hint("feedback_failed", texts.FEEDBACK_FAILED)
        if not taken:
            return Hint("feedback_refused", texts.FEEDBACK_REFUSED)
        return Hint("feedback_thanks", texts.FEEDBACK_THANKS if value > 0 else texts.FEEDBACK_THANKS_DOWN)

    def replace_searcher(self, searcher: SearchService) -> None:
        """Use a new SearchService (after /reload); pages already shown keep their passages, recent results go."""
        self.searcher = searcher
        self.corpus = corpus_info(searcher)
        with self._results_lock:
            self._results.clear()
            self._followups = None

    def refresh_examples(self) -> tuple[str, ...]:
        """Example questions the current corpus answers (searches: run it off the event loop)."""
        self.examples = example_questions(self.searcher)
        return self.examples

    # -- questions ----------------------------------------------------------------------------------------------
    def prepare(self, user: int, text: str | None, key: str | None = None) -> Question | Hint:
        """Validate and rate-limit a question (reads the state: front ends run it off their event loop). `key`: the
        conversation it belongs to (a follow-up is read with it, read here once); "换个话题" and the like forget it."""
        question = (text or "").strip()
        if key is not None and (rest := changes_topic(question)) is not None:
            self.contexts.clear(key)
            if not rest:
                return self._hint("new_topic", texts.NEW_TOPIC)
            question = rest
        if not _WORDY.search(question):
            return self._hint("empty", texts.ask_in_words(self._example()))
        if len(question) > self.settings.max_query_chars:
            return self._hint("too_long", texts.question_too_long(len(question), self.settings.max_query_chars))
        limited = self._rate_limited(user)
        if limited is not None:
            return limited
        history = () if key is None or self.settings.context_minutes <= 0 else self.contexts.get(key)
        return Question(user, question, self._choices.take(user), key=key, history=history)

    def forget(self, key: str) -> Hint:
        """/new: the next question starts a new conversation."""
        self.contexts.clear(key)
        return self._hint("new_topic", texts.NEW_TOPIC)

    def followups(self, searcher: SearchService) -> FollowUps:
        """The follow-up reader over `searcher` (made once per searcher, in a search thread)."""
        with self._results_lock:
            if self._followups is None or self._followups[0] is not searcher:
                self._followups = (searcher, FollowUps(searcher))
            return self._followups[1]

    def search(self, question: Question) -> SearchResult:
        """The slow part: only reads the searcher, safe in a worker thread."""
        return self.search_batch([question])[0]

    def search_batch(self, questions: Sequence[Question]) -> list[SearchResult]:
        """Several questions with one batched model call per (bureau, top_k) group (`SearchService.search_many`), in
        order; the same results as `search` one by one. A question asked again is answered from the recent
        results. Slow: run it in a worker thread."""
        searcher = self.searcher
        results: list[SearchResult | None] = [self.cached(q, searcher) for q in questions]
        groups: dict[tuple[str | None, int], list[int]] = {}
        for row, question in enumerate(questions):
            if question.history:  # a later question of a conversation: read with it, one by one
                results[row] = self.followups(searcher).read(question.text, question.history, self._top_k(question),
                                                             question.bureau).result
            elif results[row] is None:
                groups.setdefault((question.bureau, self._top_k(question)), []).append(row)
        for (bureau, top_k), rows in groups.items():
            if len(rows) == 1:
                found = [searcher.search(questions[rows[0]].text, top_k=top_k, bureau=bureau)]
            else:
                found = searcher.search_many([questions[row].text for row in rows], top_k=top_k, bureau=bureau)
            for row, result in zip(rows, found, strict=True):
                results[row] = result
                self._remember(questions[row], searcher, result)
        return [r for r in results if r is not None]

    def cached(self, question: Question, searcher: SearchService | None = None) -> SearchResult | None:
        """The result of the same question (same bureau, same number of hits) searched recently by the current
        searcher, or None. Cheap: front ends may call it on their event loop."""
        if question.history:  # a follow-up's answer depends on its conversation
            return None
        key = self._result_key(question)
        with self._results_lock:
            entry = self._results.get(key)
            if entry is None or entry[0] is not (searcher or self.searcher):
                return None
            self._results.move_to_end(key)
            return entry[1]

    def _remember(self, question: Question, searcher: SearchService, result: SearchResult) -> None:
        with self._results_lock:
            self._results[self._result_key(question)] = (searcher, result)
            while len(self._results) > RESULTS_KEPT:
                self._results.popitem(last=False)

    def _result_key(self, question: Question) -> tuple[str, str | None, int]:
        return question.text, question.bureau, self._top_k(question)

    def _top_k(self, question: Question) -> int:
        return question.top_k or max(self.settings.top_k, self.settings.results_per_page)

    def answer(self, question: Question, result: SearchResult) -> Answer | NotFound | Hint:
        """The reply to a searched question; stores the hits for "more" and the suggestions for their buttons, and
        the exchange in the question's conversation."""
        self._keep_exchange(question, result)
        read_with = result.context.with_question if result.context else None
        if result.reason == NO_MORE:
            return self._hint(NO_MORE, texts.NO_MORE_IN_ANSWER)
        if not result.answered or not result.hits:
            self.counters.not_found += 1
            return NotFound(question.text, self.corpus.bureaus, self.examples, question.bureau, result.reason,
                            read_with)
        self.counters.answered += 1
        stored = StoredAnswer(question.user, question.text, result.hits, question.bureau, result.confidence or "high",
                              result.suggestions, read_with)
        key = self._store(stored)
        return Answer(question.text, result.hits, 0, self.settings.results_per_page, key, question.bureau,
                      confidence=stored.confidence, suggestions=stored.suggestions, read_with=read_with)

    def _keep_exchange(self, question: Question, result: SearchResult) -> None:
        """The exchange kept in the question's conversation for `conversation.context_minutes`."""
        if question.key is None or self.settings.context_minutes <= 0:
            return
        turns = remember(question.history, next_turn(question.history, question.text, result))
        self.contexts.put(question.key, turns, self.settings.context_minutes * 60)

    def ask(self, user: int, text: str | None, chat_type: str = "terminal", key: str | None = None) -> Reply:
        """prepare + search + answer (+ the query log), for front ends that may block (the terminal, tests)."""
        question = self.prepare(user, text, key)
        if isinstance(question, Hint):
            return question
        result = self.search(question)
        return self.record(chat_type, question, result, self.answer(question, result))

    def _store(self, stored: StoredAnswer) -> str:
        """Keeps an answer for its buttons under a random key: nobody can guess another user's (see `page`)."""
        key = _base36(secrets.randbits(KEY_BITS))
        self._answers.keep(key, stored.user, stored)
        return key

    # -- buttons ------------------------------------------------------------------------------------------------
    def act(self, user: int, action: Action, conversation: str | None = None) -> Reply | Question:
        """The reply to a pressed button (`conversation`: the chat key a suggested question is asked in)."""
        if action.kind == "m":
            return self.page(action.arg, action.page, user)
        if action.kind == "q":
            return self.ask_suggestion(user, action.arg, action.page, conversation)
        if action.kind == "l":
            return self.bureaus(action.page)
        if action.kind == "c":
            return self.context(action.arg)
        if action.kind == "s":
            return self.source(action.arg)
        bureau = self._bureau_by_token(action.arg)
        if bureau is None:
            return self._hint("expired", texts.BUREAU_GONE)
        if action.kind == "b":
            self._choices.choose(user, bureau)
            return BureauSelected(bureau)
        return self.interviews(bureau)

    def page(self, key: str, page: int, user: int | None = None) -> Answer | Hint:
        """Another page of a stored answer; only for the user who asked (`user` None: the terminal, one user)."""
        stored = self._answers.find(key, StoredAnswer)
        if stored is None or (user is not None and stored.user != user):
            return self._hint("expired", texts.RESULT_EXPIRED)
        per_page = self.settings.results_per_page
        if page * per_page >= len(stored.hits):
            return self._hint("no_more", texts.NO_MORE)
        return Answer(stored.question, stored.hits, page, per_page, key, stored.bureau,
                      confidence=stored.confidence, suggestions=stored.suggestions, read_with=stored.read_with)

    def ask_suggestion(self, user: int, key: str, number: int, conversation: str | None = None) -> Question | Hint:
        """The question behind a 您可能想问 button, asked as if the user had typed it (in `conversation`)."""
        stored = self._answers.find(key, StoredAnswer)
        if stored is None or stored.user != user or number >= len(stored.suggestions):
            return self._hint("expired", texts.RESULT_EXPIRED)
        return self.prepare(user, stored.suggestions[number], conversation)

    def context(self, passage_id: str) -> TurnContext | Hint:
        passage = self.searcher.passage(passage_id)
        if passage is None:
            return self._hint("expired", texts.PASSAGE_GONE)
        return TurnContext(passage, tuple(self.searcher.turn_passages(passage)))

    def source(self, passage_id: str) -> SourceDetails | Hint:
        passage = self.searcher.passage(passage_id)
        if passage is None:
            return self._hint("expired", texts.PASSAGE_GONE)
        return SourceDetails(passage)

    def open_passage(self, passage_id: str) -> Answer | Hint:
        """One passage as an answer card (deep link `p_<id>`)."""
        passage = self.searcher.passage(passage_id)
        if passage is None:
            return self._hint("bad_payload", texts.passage_link_gone(self._example()))
        return Answer("", (Hit(passage, 0.0, None),))

    # -- commands -----------------------------------------------------------------------------------------------
    def start(self, user: int, payload: str | None, key: str | None = None) -> Reply | Question:
        """/start with an optional deep-link payload: `p_<passage_id>`, or `q_<base64url>` (a Question to search, in
        the conversation `key`)."""
        if not payload or payload == "help":
            return Welcome(self.corpus, self.examples)
        if (passage_id := decode_passage_payload(payload)) is not None:
            return self.open_passage(passage_id)
        if payload.startswith("q_") and (question := decode_question_payload(payload)):
            return self.prepare(user, question, key)
        return self._hint("bad_payload", texts.link_unknown(self._example()))

    def welcome(self) -> Welcome:
        return Welcome(self.corpus, self.examples)

    def prepare_claim(self, user: int, claim: str | None) -> str | Hint:
        """Validate and rate-limit a claim for /verify (checked against the record like a question)."""
        claim = (claim or "").strip()
        if not claim:
            return self._hint("usage", texts.VERIFY_USAGE)
        if len(claim) > MAX_CLAIM_CHARS:
            return self._hint("too_long", texts.claim_too_long(len(claim), MAX_CLAIM_CHARS))
        limited = self._rate_limited(user)
        return claim if limited is None else limited

    def verify(self, claim: str) -> ClaimCheck:
        """Checks a claim against the record (slow: run it off the event loop)."""
        return ClaimCheck(check_claim(self.searcher, claim))

    def bureaus(self, page: int = 0) -> BureauChoice:
        """A page of BUREAUS_PER_PAGE bureaus (the last page when `page` is past it)."""
        every = self.corpus.bureaus
        pages = max(1, -(-len(every) // BUREAUS_PER_PAGE))
        page = min(max(0, page), pages - 1)
        shown = every[page * BUREAUS_PER_PAGE:(page + 1) * BUREAUS_PER_PAGE]
        return BureauChoice(tuple((name, n, bureau_token(name)) for name, n in shown), page, pages)

    def interviews(self, bureau: str) -> InterviewList:
        seen: dict[str, list[Passage]] = {}
        for p in self.searcher.data.passages:
            if p.bureau == bureau:
                seen.setdefault(p.interview_id, []).append(p)
        infos = []
        for interview_id, passages in seen.items():
            first = min(passages, key=lambda p: p.start)
            infos.append(InterviewInfo(interview_id, first.title, first.interviewee, _role(passages), first.outlet,
                                       first.date, first.url, len(passages), first.passage_id))
        infos.sort(key=lambda i: (i.date or "", i.title or ""), reverse=True)
        return InterviewList(bureau, tuple(infos))

    def about(self) -> About:
        return About(self.corpus)

    def stats(self) -> Stats:
        """Counters since start, and the query log's summary when it is on (reads SQLite: run off the loop)."""
        c = self.counters
        summary = None
        if self.query_log is not None:
            try:
                summary = self.query_log.summary()
            except InterviewQAError:
                summary = None
        return Stats(self.corpus, time.time() - c.started, c.answered, c.not_found, c.hints, summary)

    def hint(self, code: str, text: str) -> Hint:
        return self._hint(code, text)

    def repeated(self, user: int, chat: int, hint: Hint) -> bool:
        """True when `user` got this very notice in this chat less than NOTICE_INTERVAL seconds ago: a flood of
        stickers or empty messages gets one notice, not one each (replies share Telegram's 30 messages/s with
        every user). Only notices a flood can bring count; the answer to a command (a bad deep link, /verify
        without a claim) is always sent."""
        if hint.code not in FLOOD_HINTS:
            return False
        now = self._clock()
        if len(self._hinted) > FORGET_AFTER_KEYS:
            self._hinted = {k: t for k, t in self._hinted.items() if now - t < NOTICE_INTERVAL}
        key = (user, chat, hint.text)
        last = self._hinted.get(key)
        if last is not None and now - last < NOTICE_INTERVAL:
            return True
        self._hinted[key] = now
        return False

    def non_text(self) -> Hint:
        return self._hint("non_text", texts.non_text(self._example()))

    def unknown_command(self, command: str) -> Hint:
        return self._hint("unknown_command", texts.unknown_command(command))

    def _rate_limited(self, user: int) -> Hint | None:
        """None and the question counted, or the "please wait" hint (quiet when the user was told recently)."""
        wait = self.questions.wait(user)
        if not wait:
            return None
        return self._hint("rate_limited", texts.too_frequent(int(wait) + 1), quiet=not self.questions.notify(user))

    def _hint(self, code: str, text: str, quiet: bool = False) -> Hint:
        self.counters.hints += 1
        return Hint(code, text, quiet)

    def _example(self) -> str:
        return texts.quoted_example(self.examples[0] if self.examples else texts.EXAMPLE_FALLBACK)

    def _bureau_by_token(self, token: str) -> str | None:
        return next((name for name, _ in self.corpus.bureaus if bureau_token(name) == token), None)


def _role(passages: list[Passage]) -> str | None:
    return next((p.role for p in passages if p.role), None)


def _base36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = BASE36[r] + out
        if n == 0:
            return out
