"""Front-end-neutral conversation logic: a message in, a reply model out (Telegram and the terminal render it).

Pure: no telegram import, no I/O besides calling the Searcher. State (pages of results, a bureau chosen for the
next question, rate limits, counters) lives in one `Conversation` per process. Front ends call `prepare` (cheap,
validates and rate-limits), then `search` (slow: may run in a worker thread; only reads the searcher), then
`answer` (stores the pages), or `ask` for all three at once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from index.claims.verdict import Verification, check_claim
from index.records import Hit, Passage, SearchResult
from index.search.searcher import Searcher

if TYPE_CHECKING:
    from bot.querylog import QueryLog

# Questions that the shipped corpus answers; kept only while the loaded corpus still answers them.
EXAMPLE_QUESTIONS = ("疫情期间海域使用金可以缓缴吗？", "海洋局打造模范机关的总体思路是什么？",
                     "威海的海洋牧场是怎么建设的？")
MAX_EXAMPLES = 3
PAGES_KEPT = 2048  # answers whose "more" button still works
RESULTS_KEPT = 1024  # recent search results, reused when the same question is asked again (same searcher)
MAX_CLAIM_CHARS = 1000  # longer claims are refused with a hint
NOTICE_INTERVAL = 10.0  # seconds between two "too many questions" notices to one user
_PASSAGE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,39}")
_TOKEN = re.compile(r"[0-9a-f]{10}")
_KEY = re.compile(r"[0-9a-z]{1,12}")
_FEEDBACK = re.compile(r"[+-][1-9][0-9]{0,11}")  # 👍/👎 and the query log's row id
_WORDY = re.compile(r"[^\W_]")  # a letter or digit of any script: emoji, punctuation and invisibles alone are no question


# -- reply model ----------------------------------------------------------------------------------------------
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

    @property
    def shown(self) -> tuple[Hit, ...]:
        return self.hits[self.page * self.per_page:(self.page + 1) * self.per_page]

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


@dataclass(frozen=True, slots=True)
class TurnContext:
    """The whole answer a passage belongs to, in source order."""

    passage: Passage
    turn: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class SourceDetails:
    passage: Passage


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    verification: Verification


@dataclass(frozen=True, slots=True)
class BureauChoice:
    """The bureaus, each with the token its buttons carry."""

    bureaus: tuple[tuple[str, int, str], ...]  # name, interviews, token


@dataclass(frozen=True, slots=True)
class InterviewInfo:
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
    bureau: str
    interviews: tuple[InterviewInfo, ...]


@dataclass(frozen=True, slots=True)
class BureauSelected:
    bureau: str


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    passages: int
    interviews: int
    bureaus: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class About:
    corpus: CorpusInfo


@dataclass(frozen=True, slots=True)
class Stats:
    corpus: CorpusInfo
    uptime: float
    answered: int
    not_found: int
    hints: int
    log: dict[str, Any] | None = None  # bot.report.summary of the query log, when it is on


@dataclass(frozen=True, slots=True)
class Welcome:
    """The greeting of /start and the body of /help."""

    corpus: CorpusInfo
    examples: tuple[str, ...]


Reply = (Hint | Answer | NotFound | TurnContext | SourceDetails | ClaimCheck | BureauChoice | InterviewList
         | BureauSelected | About | Stats | Welcome)


@dataclass(frozen=True, slots=True)
class Question:
    """A validated question, ready to search."""

    user: int
    text: str
    bureau: str | None = None
    top_k: int | None = None  # None: the settings' (inline queries ask for more)


@dataclass(frozen=True, slots=True)
class ConversationSettings:
    results_per_page: int = 1
    questions_per_minute: int = 20  # 0: no limit
    inline_per_minute: int = 30
    max_query_chars: int = 200
    top_k: int = 3


# -- button actions (callback data, at most 64 bytes) -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Action:
    """What a button asks for: more (m), context (c), source (s), filter by bureau (b), interviews (i)."""

    kind: str
    arg: str
    page: int = 0

    def encode(self) -> str:
        data = f"{self.kind}:{self.arg}:{self.page}" if self.kind == "m" else f"{self.kind}:{self.arg}"
        assert len(data.encode("utf-8")) <= 64, data
        return data


def decode_action(data: str | None) -> Action | None:
    """Callback data -> Action; None for anything this bot did not write (tampered, foreign, old format)."""
    if not data or len(data.encode("utf-8")) > 64:
        return None
    kind, _, rest = data.partition(":")
    if kind == "m":
        key, _, page = rest.partition(":")
        if _KEY.fullmatch(key) and page.isdigit() and page.isascii() and 0 < int(page) < 100:
            return Action("m", key, int(page))
        return None
    if kind in ("c", "s") and _PASSAGE_ID.fullmatch(rest):
        return Action(kind, rest)
    if kind in ("b", "i") and _TOKEN.fullmatch(rest):
        return Action(kind, rest)
    if kind == "f" and _FEEDBACK.fullmatch(rest):
        return Action(kind, rest)
    return None


def bureau_token(bureau: str) -> str:
    return hashlib.sha1(bureau.encode("utf-8")).hexdigest()[:10]


# -- deep links ---------------------------------------------------------------------------------------------------
def passage_payload(passage_id: str) -> str:
    return f"p_{passage_id}"


def question_payload(question: str) -> str | None:
    """`q_` + base64url of the question, or None when it does not fit Telegram's 64-character payload."""
    encoded = base64.urlsafe_b64encode(question.encode("utf-8")).decode("ascii").rstrip("=")
    payload = f"q_{encoded}"
    return payload if len(payload) <= 64 else None


def decode_question_payload(payload: str) -> str | None:
    body = payload[2:]
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,62}", body):
        return None
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8")
    except (binascii.Error, ValueError):
        return None


# -- rate limiting ------------------------------------------------------------------------------------------------
class RateLimiter:
    """Sliding window per key: at most `limit` events in `window` seconds (limit 0: no limit)."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._events: dict[int, deque[float]] = {}
        self._notified: dict[int, float] = {}

    def wait(self, key: int) -> float:
        """0.0 and the event counted, or the seconds until the next event is allowed (not counted)."""
        if self.limit <= 0:
            return 0.0
        now = self.clock()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return max(0.1, events[0] + self.window - now)
        events.append(now)
        if len(self._events) > 10_000:  # forget idle users
            self._events = {k: v for k, v in self._events.items() if v and v[-1] > now - self.window}
        return 0.0

    def notify(self, key: int) -> bool:
        """True when a "please wait" notice may be sent to `key` now (one per NOTICE_INTERVAL)."""
        now = self.clock()
        if now - self._notified.get(key, -1e9) < NOTICE_INTERVAL:
            return False
        self._notified[key] = now
        return True


# -- the conversation ---------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Counters:
    answered: int = 0
    not_found: int = 0
    hints: int = 0
    started: float = field(default_factory=time.time)


def corpus_info(searcher: Searcher) -> CorpusInfo:
    interviews = {p.interview_id for p in searcher.data.passages}
    return CorpusInfo(searcher.passage_count, len(interviews), tuple(searcher.bureaus()))


class Conversation:
    """Questions to replies over one Searcher (swapped by /reload), with per-user state."""

    def __init__(self, searcher: Searcher, settings: ConversationSettings | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings or ConversationSettings()
        self.questions = RateLimiter(self.settings.questions_per_minute, clock=clock)
        self.inline = RateLimiter(self.settings.inline_per_minute, clock=clock)
        self.counters = Counters()
        self._pages: OrderedDict[str, tuple[str, tuple[Hit, ...], str | None]] = OrderedDict()
        self._next_key = 0
        self._instance = _base36(secrets.randbelow(36 ** 3) + 36 ** 3)  # old buttons of another run never match
        self._bureau_for: dict[int, str] = {}
        self._hinted: dict[tuple[int, int, str], float] = {}
        self._clock = clock
        self._results: OrderedDict[tuple[str, str | None, int], tuple[Searcher, SearchResult]] = OrderedDict()
        self._results_lock = threading.Lock()  # searches run in several worker threads
        self.examples: tuple[str, ...] = EXAMPLE_QUESTIONS[:MAX_EXAMPLES]
        self.searcher = searcher
        self.corpus = corpus_info(searcher)
        self.query_log: QueryLog | None = None  # opt-in (config query_log.enabled); front ends set it

    # -- the opt-in query log (blocking SQLite calls: front ends run them off their event loop) -------------------
    def record(self, chat_type: str, question: Question, result: SearchResult, reply: Reply) -> Reply:
        """Logs the question when the log is on; an answer then carries its row id for the 👍/👎 buttons."""
        if self.query_log is None:
            return reply
        from bot.querylog import QueryLogError

        try:
            row = self.query_log.record(chat_type, question.user, question.text, result)
        except QueryLogError as error:  # logging never costs the user an answer
            import logging

            logging.getLogger("interview_qa.conversation").warning("query log: %s", error)
            return reply
        return replace(reply, log_id=row) if isinstance(reply, Answer) else reply

    def feedback(self, user: int, action: Action) -> Hint:
        """👍/👎 under an answer: only the user who asked may rate it."""
        value, row = (1 if action.arg[0] == "+" else -1), int(action.arg[1:])
        if self.query_log is None:
            return Hint("feedback_off", "反馈功能未开启。")
        from bot.querylog import QueryLogError

        try:
            taken = self.query_log.feedback(row, user, value)
        except QueryLogError:
            return Hint("feedback_failed", "暂时无法记录反馈，请稍后再试。")
        if not taken:
            return Hint("feedback_refused", "只能评价自己提出的问题。")
        return Hint("feedback_thanks", "谢谢反馈！" if value > 0 else "谢谢反馈，我们会据此改进访谈库。")

    def replace_searcher(self, searcher: Searcher) -> None:
        """Use a new Searcher (after /reload); pages already shown keep their passages, recent results go."""
        self.searcher = searcher
        self.corpus = corpus_info(searcher)
        with self._results_lock:
            self._results.clear()

    def refresh_examples(self) -> tuple[str, ...]:
        """Example questions the current corpus answers (searches: run it off the event loop)."""
        searcher = self.searcher
        kept = [q for q in EXAMPLE_QUESTIONS if searcher.search(q, top_k=1).answered][:MAX_EXAMPLES]
        if len(kept) < MAX_EXAMPLES:  # another corpus: the reporters' own short questions
            asked = sorted({p.question for p in searcher.data.passages if p.question and len(p.question) <= 40},
                           key=lambda q: (len(q), q))
            kept += [q for q in asked if q not in kept][: MAX_EXAMPLES - len(kept)]
        self.examples = tuple(kept)
        return self.examples

    # -- questions ----------------------------------------------------------------------------------------------
    def prepare(self, user: int, text: str | None) -> Question | Hint:
        """Validate and rate-limit a question (cheap: runs on the event loop)."""
        question = (text or "").strip()
        if not _WORDY.search(question):
            return self._hint("empty", "请用文字输入一个问题，例如：" + self._example())
        if len(question) > self.settings.max_query_chars:
            return self._hint("too_long", f"问题太长了（{len(question)}字）。请把问题缩短到"
                                          f"{self.settings.max_query_chars}字以内，只问一件事。")
        wait = self.questions.wait(user)
        if wait:
            return self._hint("rate_limited", f"提问太频繁了，请 {int(wait) + 1} 秒后再试。",
                              quiet=not self.questions.notify(user))
        return Question(user, question, self._bureau_for.pop(user, None))

    def search(self, question: Question) -> SearchResult:
        """The slow part: only reads the searcher, safe in a worker thread."""
        return self.search_batch([question])[0]

    def search_batch(self, questions: Sequence[Question]) -> list[SearchResult]:
        """Several questions with one batched model call per (bureau, top_k) group (`Searcher.search_many`), in
        order; the same results as `search` one by one. A question asked again is answered from the recent
        results. Slow: run it in a worker thread."""
        searcher = self.searcher
        results: list[SearchResult | None] = [self.cached(q, searcher) for q in questions]
        groups: dict[tuple[str | None, int], list[int]] = {}
        for row, question in enumerate(questions):
            if results[row] is None:
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

    def cached(self, question: Question, searcher: Searcher | None = None) -> SearchResult | None:
        """The result of the same question (same bureau, same number of hits) searched recently by the current
        searcher, or None. Cheap: front ends may call it on their event loop."""
        key = self._result_key(question)
        with self._results_lock:
            entry = self._results.get(key)
            if entry is None or entry[0] is not (searcher or self.searcher):
                return None
            self._results.move_to_end(key)
            return entry[1]

    def _remember(self, question: Question, searcher: Searcher, result: SearchResult) -> None:
        with self._results_lock:
            self._results[self._result_key(question)] = (searcher, result)
            while len(self._results) > RESULTS_KEPT:
                self._results.popitem(last=False)

    def _result_key(self, question: Question) -> tuple[str, str | None, int]:
        return question.text, question.bureau, self._top_k(question)

    def _top_k(self, question: Question) -> int:
        return question.top_k or max(self.settings.top_k, self.settings.results_per_page)

    def answer(self, question: Question, result: SearchResult) -> Answer | NotFound:
        """The reply to a searched question; stores the hits for "more"."""
        if not result.answered or not result.hits:
            self.counters.not_found += 1
            return NotFound(question.text, self.corpus.bureaus, self.examples, question.bureau)
        self.counters.answered += 1
        key = self._store(question.text, result.hits, question.bureau)
        return Answer(question.text, result.hits, 0, self.settings.results_per_page, key, question.bureau)

    def ask(self, user: int, text: str | None, chat_type: str = "terminal") -> Reply:
        """prepare + search + answer (+ the query log), for front ends that may block (the terminal, tests)."""
        question = self.prepare(user, text)
        if isinstance(question, Hint):
            return question
        result = self.search(question)
        return self.record(chat_type, question, result, self.answer(question, result))

    def _store(self, question: str, hits: tuple[Hit, ...], bureau: str | None) -> str:
        self._next_key += 1
        key = self._instance + _base36(self._next_key)
        self._pages[key] = (question, hits, bureau)
        while len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return key

    # -- buttons ------------------------------------------------------------------------------------------------
    def act(self, user: int, action: Action) -> Reply:
        """The reply to a pressed button."""
        if action.kind == "m":
            return self.page(action.arg, action.page)
        if action.kind == "c":
            return self.context(action.arg)
        if action.kind == "s":
            return self.source(action.arg)
        bureau = self._bureau_by_token(action.arg)
        if bureau is None:
            return self._hint("expired", "这个单位已不在访谈库中，请重新发送 /bureaus。")
        if action.kind == "b":
            self._bureau_for[user] = bureau
            return BureauSelected(bureau)
        return self.interviews(bureau)

    def page(self, key: str, page: int) -> Answer | Hint:
        stored = self._pages.get(key)
        if stored is None:
            return self._hint("expired", "这条结果已过期，请重新提问。")
        question, hits, bureau = stored
        per_page = self.settings.results_per_page
        if page * per_page >= len(hits):
            return self._hint("no_more", "没有更多结果了。")
        return Answer(question, hits, page, per_page, key, bureau)

    def context(self, passage_id: str) -> TurnContext | Hint:
        passage = self.searcher.passage(passage_id)
        if passage is None:
            return self._hint("expired", "找不到这段原文（访谈库可能已更新），请重新提问。")
        return TurnContext(passage, tuple(self.searcher.turn_passages(passage)))

    def source(self, passage_id: str) -> SourceDetails | Hint:
        passage = self.searcher.passage(passage_id)
        if passage is None:
            return self._hint("expired", "找不到这段原文（访谈库可能已更新），请重新提问。")
        return SourceDetails(passage)

    def open_passage(self, passage_id: str) -> Answer | Hint:
        """One passage as an answer card (deep link `p_<id>`)."""
        passage = self.searcher.passage(passage_id)
        if passage is None:
            return self._hint("bad_payload", "这个链接指向的原文已不在访谈库中。可以直接提问，例如：" + self._example())
        return Answer("", (Hit(passage, 0.0, None),))

    # -- commands -----------------------------------------------------------------------------------------------
    def start(self, user: int, payload: str | None) -> Reply | Question:
        """/start with an optional deep-link payload: `p_<passage_id>`, or `q_<base64url>` (a Question to search)."""
        if not payload or payload == "help":
            return Welcome(self.corpus, self.examples)
        if payload.startswith("p_") and _PASSAGE_ID.fullmatch(payload[2:]):
            return self.open_passage(payload[2:])
        if payload.startswith("q_") and (question := decode_question_payload(payload)):
            return self.prepare(user, question)
        return self._hint("bad_payload", "这个链接无法识别。可以直接提问，例如：" + self._example())

    def welcome(self) -> Welcome:
        return Welcome(self.corpus, self.examples)

    def prepare_claim(self, user: int, claim: str | None) -> str | Hint:
        """Validate and rate-limit a claim for /verify (checked against the record like a question)."""
        claim = (claim or "").strip()
        if not claim:
            return self._hint("usage", "用法：/verify 说法，例如：/verify 缓缴资金2亿元")
        if len(claim) > MAX_CLAIM_CHARS:
            return self._hint("too_long", f"说法太长了（{len(claim)}字），请控制在{MAX_CLAIM_CHARS}字以内。")
        wait = self.questions.wait(user)
        if wait:
            return self._hint("rate_limited", f"提问太频繁了，请 {int(wait) + 1} 秒后再试。",
                              quiet=not self.questions.notify(user))
        return claim

    def verify(self, claim: str) -> ClaimCheck:
        """Checks a claim against the record (slow: run it off the event loop)."""
        return ClaimCheck(check_claim(self.searcher, claim))

    def bureaus(self) -> BureauChoice:
        return BureauChoice(tuple((name, n, bureau_token(name)) for name, n in self.corpus.bureaus))

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
            from bot.querylog import QueryLogError
            from bot.report import summary as log_summary

            try:
                summary = log_summary(self.query_log)
            except QueryLogError:
                summary = None
        return Stats(self.corpus, time.time() - c.started, c.answered, c.not_found, c.hints, summary)

    def hint(self, code: str, text: str) -> Hint:
        return self._hint(code, text)

    def repeated(self, user: int, chat: int, hint: Hint) -> bool:
        """True when `user` got this very notice in this chat less than NOTICE_INTERVAL seconds ago: a flood of
        stickers or empty messages gets one notice, not one each (replies share Telegram's 30 messages/s with
        every user)."""
        now = self._clock()
        if len(self._hinted) > 10_000:
            self._hinted = {k: t for k, t in self._hinted.items() if now - t < NOTICE_INTERVAL}
        key = (user, chat, hint.text)
        last = self._hinted.get(key)
        if last is not None and now - last < NOTICE_INTERVAL:
            return True
        self._hinted[key] = now
        return False

    def non_text(self) -> Hint:
        return self._hint("non_text", "我只能读懂文字问题（图片、语音、贴纸和文件都看不了）。请用文字提问，例如："
                          + self._example())

    def unknown_command(self, command: str) -> Hint:
        return self._hint("unknown_command", f"没有 {command} 这个命令。可用命令：/ask /bureaus /verify /about /help，"
                                             "也可以直接输入问题。")

    def _hint(self, code: str, text: str, quiet: bool = False) -> Hint:
        self.counters.hints += 1
        return Hint(code, text, quiet)

    def _example(self) -> str:
        return f"“{self.examples[0]}”" if self.examples else "“……是怎么做的？”"

    def _bureau_by_token(self, token: str) -> str | None:
        return next((name for name, _ in self.corpus.bureaus if bureau_token(name) == token), None)


def _role(passages: list[Passage]) -> str | None:
    return next((p.role for p in passages if p.role), None)


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out
