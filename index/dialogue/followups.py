"""A question read with its conversation, as a layer over the Searcher (which it only calls).

A first question is searched as asked. A later one is, in order:
- "还有呢", "还有别的措施吗", "具体说说" (index.dialogue.phrasing): the next passage of the answer just shown, else the
  next passage of the earlier result not shown yet; no search;
- otherwise searched twice, alone and with the earlier question's text before it (the clause that asks is still the
  follow-up's own), and a fitted choice (index.dialogue.choice) keeps one reading: a complete question stays as it
  is, word for word the answer it gets alone; a follow-up read with its context keeps the high confidence of that
  search only when the passage holds the follow-up's own words (a detail the interview lacks is the closest passage,
  said to be only close, or "not found").
At most one search more than the question alone. With history given as questions only (the command line, the web,
the API), the earlier questions are read again the same way, remembered for the next request.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from index.dialogue.choice import Choice
from index.dialogue.phrasing import asks_for_more, continues, points_back
from index.dialogue.turns import (HOW_ALONE, HOW_MORE, HOW_WITH_QUESTION, MAX_TURNS, Reading, Turn, remember,
                                  turn_of)
from index.records import ContextUse, Hit, Passage, SearchResult
from index.search.bureaus import BureauIndex
from index.search.features import INTERROGATIVES, NOUN_TAGS, words_of
from index.search.rules import EMPTY, SMALL_TALK, UNKNOWN_BUREAU, UNKNOWN_PLACE, UNKNOWN_YEAR
from index.search.query import parse_query
from index.search.service import SearchService
from index.text import normalize_for_index, normalize_query, pos_tokens, query_words

NO_MORE = "no_more"  # the reason of "还有呢" when the answer has nothing left to show
MAX_CONTEXT_CHARS = 100  # of the earlier text put before a follow-up (the last questions of a long chain)
MAX_CHARS_FEATURE = 30  # longer questions are all "long" to the choice
MAX_WORDS_FEATURE = 6
REPLAYS_KEPT = 512  # conversations given as questions, remembered for the next request
_CLAUSE_CUT = re.compile(r"[，,。？?！!；;]")
DECISIVE = (SMALL_TALK, UNKNOWN_PLACE, UNKNOWN_BUREAU, UNKNOWN_YEAR, EMPTY)  # a question these settle stands alone


class FollowUps:
    """Reads questions with their conversation over one SearchService (one per searcher; thread-safe)."""

    def __init__(self, searcher: SearchService, choice: Choice | None = None) -> None:
        self.searcher = searcher
        model = searcher.data.manifest.get("model", {}) if isinstance(searcher.data.manifest, dict) else {}
        self.choice = choice or Choice.load(str(model.get("fingerprint", "")))
        passages = searcher.data.passages
        self.bureaus = BureauIndex(p.bureau for p in passages)
        self._stems = tuple({p[:-1] for p in self.bureaus.places if len(p) > 2} | set(self.bureaus.places))
        by_interview: dict[str, list[Passage]] = {}
        for p in passages:
            if p.kind == "answer":
                by_interview.setdefault(p.interview_id, []).append(p)
        self._answers = {k: sorted(v, key=lambda p: p.start) for k, v in by_interview.items()}
        self._replays: OrderedDict[tuple[Any, ...], tuple[Turn, ...]] = OrderedDict()
        self._lock = threading.Lock()

    # -- reading ------------------------------------------------------------------------------------------------
    def read(self, question: str, history: Sequence[Turn] = (), top_k: int | None = None,
             bureau: str | None = None, explain: bool = False) -> Reading:
        """The question read with the exchanges before it (oldest first; none: searched as asked)."""
        earlier = history[-1] if history else None
        if earlier is None:
            result = self.searcher.search(question, top_k=top_k, bureau=bureau, explain=explain)
            return Reading(result, turn_of(question, question, result))
        if asks_for_more(question) and earlier.hits:
            return self._more(question, earlier, top_k or self.searcher.config.top_k, explain)
        alone = self.searcher.search(question, top_k=top_k, bureau=bureau, explain=explain)
        own = self.own_evidence(question, earlier)
        if settled(alone) or (own["new_words"] > 0 and alone.answered and alone.confidence == "high"):
            # complete: a decisive sign settled it (谢谢; a place or year of its own), or it is answered with high
            # confidence alone with words the conversation did not have: never dragged back
            explanation = {"how": HOW_ALONE, "complete": True, "evidence": own, "searches": 1} if explain else None
            return Reading(_with_explanation(alone, explanation), turn_of(question, question, alone), HOW_ALONE,
                           None, 1, explanation)
        text = joined_text(earlier, question)
        joined = self.searcher.search(text, top_k=top_k, bureau=bureau, explain=explain)
        evidence = self.evidence(question, earlier, alone, joined, own)
        wanted = self.choice.reading.probability(evidence)
        explanation = self._explain(evidence, wanted, text) if explain else None
        if wanted < self.choice.reading.cut:
            return Reading(_with_explanation(alone, explanation), turn_of(question, question, alone), HOW_ALONE,
                           None, 2, explanation)
        result = replace(self._checked(joined, evidence), query=question,
                         context=ContextUse(earlier.question, HOW_WITH_QUESTION))
        result = _with_explanation(result, explanation)
        return Reading(result, next_turn(history, question, result), HOW_WITH_QUESTION, earlier.question, 2,
                       explanation)

    def replay(self, questions: Sequence[str], top_k: int | None = None, bureau: str | None = None) -> tuple[Turn, ...]:
        """The exchanges of a conversation given as its questions (oldest first), each read with the ones before
        it; remembered by its last questions, so a conversation carried from request to request is read once, also
        once it is longer than the MAX_TURNS questions a request carries."""
        questions = [q for q in questions if q.strip()][-MAX_TURNS:]
        turns: tuple[Turn, ...] = ()
        start = 0
        for n in range(len(questions), 0, -1):  # the longest start of it already read
            with self._lock:
                known = self._replays.get((tuple(questions[:n]), top_k, bureau))
                if known is not None:
                    self._replays.move_to_end((tuple(questions[:n]), top_k, bureau))
            if known is not None:
                turns, start = known, n
                break
        for n in range(start, len(questions)):
            turns = remember(turns, self.read(questions[n], turns, top_k, bureau).turn)
            self.keep((tuple(questions[: n + 1]), top_k, bureau), turns)
        return turns

    def keep(self, key: tuple[Any, ...], turns: tuple[Turn, ...]) -> None:
        """The exchanges after the questions of `key` (its last MAX_TURNS), for the next request that carries them."""
        with self._lock:
            self._replays[key] = turns
            while len(self._replays) > REPLAYS_KEPT:
                self._replays.popitem(last=False)

    def read_with_questions(self, question: str, history: Sequence[str], top_k: int | None = None,
                            bureau: str | None = None, explain: bool = False) -> Reading:
        """`read` for front ends that carry the earlier questions only (the command line, the web, the API)."""
        history = [q for q in history if q.strip()][-MAX_TURNS:]
        turns = self.replay(history, top_k, bureau)
        reading = self.read(question, turns, top_k, bureau, explain)
        self.keep((tuple((*history, question)[-MAX_TURNS:]), top_k, bureau), remember(turns, reading.turn))
        return reading

    # -- "还有呢" -------------------------------------------------------------------------------------------------
    def _more(self, question: str, earlier: Turn, top_k: int, explain: bool) -> Reading:
        """The next passage of the answer shown last, else the next passage of the earlier result not shown yet."""
        seen = set(earlier.shown)
        following = self._rest_of_answer(earlier.last_shown, seen)
        following += [p for p in (self.searcher.passage(h) for h in earlier.hits)
                      if p is not None and p.passage_id not in seen and p not in following]
        context = ContextUse(earlier.question, HOW_MORE)
        explanation = {"context": {"how": HOW_MORE, "with": earlier.question, "searches": 0,
                                   "next": [p.passage_id for p in following[:top_k]]}} if explain else None
        if not following:
            result = SearchResult(question, False, (), normalize_query(question), reason=NO_MORE, context=context,
                                  explanation=explanation)
        else:
            hits = tuple(Hit(p, 0.0, None) for p in following[:top_k])
            result = SearchResult(question, True, hits, normalize_query(question), 1.0, earlier.confidence or "high",
                                  context=context, explanation=explanation)
        return Reading(result, next_turn((earlier,), question, result), HOW_MORE, earlier.question, 0, explanation)

    def _rest_of_answer(self, shown: str | None, seen: set[str]) -> list[Passage]:
        """The passages after `shown` that answer the same question (its sub-headings, and a colleague's "我补充
        一点" to the same question), in source order."""
        passage = self.searcher.passage(shown) if shown else None
        if passage is None:
            return []
        same = [p for p in self._answers.get(passage.interview_id, [])
                if p.start > passage.start and p.passage_id not in seen
                and ((p.turn is not None and p.turn == passage.turn) or (p.question and p.question == passage.question))]
        return same

    # -- evidence -----------------------------------------------------------------------------------------------
    def own_evidence(self, question: str, earlier: Turn) -> dict[str, float]:
        """How the question is phrased, and how many words of its own it brings to the conversation."""
        core = self._core(question)
        words = [w for w, _ in query_words(core)]
        shown = self.searcher.passage(earlier.last_shown) if earlier.last_shown else None
        before = normalize_for_index(earlier.read_as) + (words_of(shown) if shown else "")
        return {
            "points_back": float(points_back(question)),
            "continues": float(continues(question)),
            "named": float(self._names(core)),
            "chars": min(len(core), MAX_CHARS_FEATURE) / MAX_CHARS_FEATURE,
            "content_words": float(min(len(words), MAX_WORDS_FEATURE)),
            "new_words": sum(1 for w in words if w not in before) / max(1, len(words)),
        }

    def evidence(self, question: str, earlier: Turn, alone: SearchResult, joined: SearchResult,
                 own: dict[str, float] | None = None) -> dict[str, float]:
        """What the choice reads: how the question is phrased, and how each reading fared."""
        shown = self.searcher.passage(earlier.last_shown) if earlier.last_shown else None
        alone_top, joined_top = _top(alone), _top(joined)
        evidence = dict(own or self.own_evidence(question, earlier))
        evidence.update({
            "alone_high": float(alone.answered and alone.confidence == "high"),
            "alone_p": float(alone.probability),
            "context_p": float(joined.probability),
            "same_top": float(alone_top is not None and joined_top is not None
                              and alone_top.passage_id == joined_top.passage_id),
            "alone_in_earlier": float(alone_top is not None and shown is not None
                                      and alone_top.interview_id == shown.interview_id),
            "asked_covered": float(joined_top is not None and _holds_asked(self._core(question), words_of(joined_top))),
        })
        return evidence

    def _core(self, question: str) -> str:
        return parse_query(normalize_query(question, self.searcher.config.max_query_chars)).core

    def _names(self, core: str) -> bool:
        """True when the question names a bureau or a city of the corpus (a subject of its own)."""
        return bool(self.bureaus.mentions(core)) or any(stem in core for stem in self._stems)

    @staticmethod
    def _checked(joined: SearchResult, evidence: dict[str, float]) -> SearchResult:
        """The result found with the context, its high confidence kept only when the passage holds what the
        follow-up itself asks about (the word next to its interrogative: 电话 in 那电话是多少): the earlier question's
        words, found in the passage, say nothing about the detail asked now."""
        if joined.confidence != "high" or evidence["asked_covered"]:
            return joined
        return replace(joined, confidence="low")

    def _explain(self, evidence: dict[str, float], wanted: float, text: str) -> dict[str, Any]:
        return {"read_as": text, "evidence": {k: round(v, 4) for k, v in evidence.items()},
                "reading": {"probability": round(wanted, 4), "cut": self.choice.reading.cut,
                            "contributions": self.choice.reading.contributions(evidence)},
                "fitted": self.choice.fitted, "searches": 2}


def asked_words(core: str) -> list[str]:
    """The nouns next to the question's interrogatives: the nearest one before (within two words) and the one right
    after: what it asks about (公司 in 哪家公司中标, 工资 in 工资最低多少, 电话 in 电话是多少)."""
    tagged = pos_tokens(core)
    content = {w for w, _ in query_words(core)}

    def noun(j: int) -> str | None:
        if 0 <= j < len(tagged):
            word, tag = tagged[j]
            if word in content and tag.startswith(NOUN_TAGS) and len(word) >= 2:
                return word
        return None

    asked: list[str] = []
    for i, (word, _) in enumerate(tagged):
        if any(word.startswith(q) or word.endswith(q) for q in INTERROGATIVES):
            for found in (noun(i - 1) or noun(i - 2), noun(i + 1)):
                if found and found not in asked:
                    asked.append(found)
    return asked


def _holds_asked(core: str, where: str) -> bool:
    """True when the passage holds every noun the question asks about (a question that names none holds)."""
    return all(word in where for word in asked_words(core))


def next_turn(history: Sequence[Turn], question: str, result: SearchResult) -> Turn:
    """The exchange to remember after `result` (what a chat keeps for the next question): "还有呢" carries on the
    earlier exchange with one more passage shown; a follow-up read with its context is remembered as read."""
    earlier = history[-1] if history else None
    if result.context is None or earlier is None:
        return turn_of(question, question, result)
    if result.context.how == HOW_MORE:
        if not result.hits:
            return earlier
        return Turn(earlier.question, earlier.read_as, earlier.hits,
                    (*earlier.shown, result.hits[0].passage.passage_id), HOW_MORE, earlier.confidence)
    return turn_of(question, joined_text(earlier, question), result, HOW_WITH_QUESTION)


def joined_text(earlier: Turn, question: str) -> str:
    """The follow-up with the earlier question's text before it (the follow-up stays the clause that asks)."""
    return f"{_tail(earlier.read_as)}，{question}"


def settled(result: SearchResult) -> bool:
    """True when a decisive sign settled the question alone (small talk, a place, bureau or year of its own)."""
    return not result.answered and (result.reason or "").partition(":")[0] in DECISIVE


def _top(result: SearchResult) -> Passage | None:
    return result.hits[0].passage if result.answered and result.hits else None


def _tail(text: str) -> str:
    """The end of a long chain of questions: at most MAX_CONTEXT_CHARS, cut at a clause boundary."""
    if len(text) <= MAX_CONTEXT_CHARS:
        return text
    tail = text[-MAX_CONTEXT_CHARS:]
    cut = _CLAUSE_CUT.search(tail)
    return tail[cut.end():] if cut and cut.end() < len(tail) else tail


def _with_explanation(result: SearchResult, explanation: dict[str, Any] | None) -> SearchResult:
    """The search's own explanation with the context's beside it (--explain)."""
    if explanation is None:
        return result
    return replace(result, explanation={**(result.explanation or {}), "context": explanation})
