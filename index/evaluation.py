"""Retrieval quality on a question file: recall at 1 and 3, MRR, the top hit's bureau, the three outcomes, and
abstention, over all questions and by the way they are asked (pure).

A question file has one JSON object per line: `{"q": str, "expect": [str, ...] | null}`, and optionally `style`
(official, colloquial, ... see tests/data/README.md), `bureau` (the bureau whose interview answers it) and `file`
(the interview it was written for). A hit counts when its text contains any expected phrase; `null` means the right
answer is "not found".
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import InterviewQAError
from index.records import SearchResult

PREVIEW_CHARS = 40  # of the top hit, in the list of misses
ROUND = 4


@dataclass(frozen=True, slots=True)
class Question:
    q: str
    expect: tuple[str, ...] | None  # None: the right answer is "not found"
    style: str | None = None
    bureau: str | None = None
    file: str | None = None


@dataclass(frozen=True, slots=True)
class Scores:
    """The figures of one group of questions (all of them, or one style)."""

    questions: int = 0
    answerable: int = 0
    unanswerable: int = 0
    recall_at_1: float = 0.0
    recall_at_3: float = 0.0
    mrr: float = 0.0
    bureau_right: float | None = None  # of answerable questions tagged with a bureau, the share whose top hit is
    # from that bureau (refusals count wrong); None when none is tagged
    answered: float = 0.0  # answerable questions answered, with high or low confidence
    answered_high: float = 0.0  # answerable questions answered with high confidence
    not_found: float = 0.0  # unanswerable questions answered "not found"
    not_found_or_low: float = 0.0  # unanswerable questions answered "not found" or with low confidence
    abstain_precision: float = 1.0  # of the questions answered "not found", the share that were unanswerable
    high_right: float | None = None  # of answerable questions answered with high confidence, the share whose first
    # passage is right (R@1 among high answers); None when none was

    def to_dict(self) -> dict[str, Any]:
        return {
            "questions": self.questions, "answerable": self.answerable, "unanswerable": self.unanswerable,
            "R@1": round(self.recall_at_1, ROUND), "R@3": round(self.recall_at_3, ROUND), "MRR": round(self.mrr, ROUND),
            "bureau_right": None if self.bureau_right is None else round(self.bureau_right, ROUND), "answered": round(self.answered, ROUND),
            "answered_high": round(self.answered_high, ROUND), "not_found": round(self.not_found, ROUND),
            "not_found_or_low": round(self.not_found_or_low, ROUND),
            "abstain_precision": round(self.abstain_precision, ROUND),
            "R@1_high": None if self.high_right is None else round(self.high_right, ROUND),
        }


@dataclass(frozen=True, slots=True)
class Report:
    overall: Scores
    by_style: dict[str, Scores] = field(default_factory=dict)
    misses: tuple[dict[str, Any], ...] = ()

    # the overall figures under the names the command line has always printed
    @property
    def recall_at_1(self) -> float:
        return self.overall.recall_at_1

    @property
    def recall_at_3(self) -> float:
        return self.overall.recall_at_3

    @property
    def mrr(self) -> float:
        return self.overall.mrr

    @property
    def abstain_recall(self) -> float:
        return self.overall.not_found

    @property
    def false_refusal(self) -> float:
        return 1.0 - self.overall.answered if self.overall.answerable else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = self.overall.to_dict()
        data.update({"abstain_recall": round(self.abstain_recall, ROUND),
                     "false_refusal": round(self.false_refusal, ROUND),
                     "by_style": {style: s.to_dict() for style, s in sorted(self.by_style.items())},
                     "misses": list(self.misses)})
        return data


def load_questions(path: Path) -> list[Question]:
    """Reads question lines; a bad line is an error naming its number."""
    questions: list[Question] = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InterviewQAError(f"{path}: cannot read the question file ({error})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            q, expect = item["q"], item.get("expect")
            if not isinstance(q, str) or not (expect is None or (isinstance(expect, list) and expect
                                                                 and all(isinstance(e, str) for e in expect))):
                raise ValueError("`q` must be a string and `expect` a non-empty list of strings or null")
            extra = {key: item.get(key) for key in ("style", "bureau", "file")}
            if any(value is not None and not isinstance(value, str) for value in extra.values()):
                raise ValueError("`style`, `bureau` and `file` must be strings when given")
        except (ValueError, KeyError, TypeError) as error:
            raise InterviewQAError(f"{path}:{number}: not a question line ({error})") from None
        questions.append(Question(q, tuple(expect) if expect is not None else None, **extra))
    return questions


def rank_of(result: SearchResult, expect: Sequence[str]) -> int | None:
    """1-based rank of the first hit whose text contains an expected phrase; None when none does."""
    for rank, hit in enumerate(result.hits, 1):
        if any(phrase in hit.passage.text for phrase in expect):
            return rank
    return None


def _scores(pairs: list[tuple[Question, SearchResult]]) -> Scores:
    answerable = [(q, r) for q, r in pairs if q.expect is not None]
    unanswerable = [(q, r) for q, r in pairs if q.expect is None]
    ranks = [rank_of(r, q.expect or ()) if r.answered else None for q, r in answerable]
    n, m = max(1, len(answerable)), max(1, len(unanswerable))
    refused = [r for _, r in pairs if not r.answered]
    tagged = [(q, r) for q, r in answerable if q.bureau]
    refused_right = sum(1 for _, r in unanswerable if not r.answered)
    high = [k for (_, r), k in zip(answerable, ranks) if r.answered and r.confidence == "high"]
    return Scores(
        questions=len(pairs), answerable=len(answerable), unanswerable=len(unanswerable),
        recall_at_1=sum(1 for k in ranks if k == 1) / n,
        recall_at_3=sum(1 for k in ranks if k is not None and k <= 3) / n,
        mrr=sum(1.0 / k for k in ranks if k) / n,
        bureau_right=(sum(1 for q, r in tagged if r.hits and r.hits[0].passage.bureau == q.bureau) / len(tagged)
                      if tagged else None),
        answered=sum(1 for _, r in answerable if r.answered) / n,
        answered_high=sum(1 for _, r in answerable if r.answered and r.confidence == "high") / n,
        not_found=refused_right / m,
        not_found_or_low=sum(1 for _, r in unanswerable if not r.answered or r.confidence == "low") / m,
        abstain_precision=refused_right / len(refused) if refused else 1.0,
        high_right=sum(1 for k in high if k == 1) / len(high) if high else None,
    )


def evaluate(pairs: Iterable[tuple[Question, SearchResult]]) -> Report:
    """Answerable questions count a refusal as a miss; abstention is scored on all questions."""
    pairs = list(pairs)
    groups: dict[str, list[tuple[Question, SearchResult]]] = defaultdict(list)
    for q, r in pairs:
        if q.style:
            groups[q.style].append((q, r))
    misses = []
    for q, r in pairs:
        if q.expect is None:
            if r.answered:
                misses.append({"q": q.q, "style": q.style, "expect": None, "answered": r.confidence,
                               "top": r.hits[0].passage.text[:PREVIEW_CHARS]})
            continue
        rank = rank_of(r, q.expect) if r.answered else None
        if rank != 1:
            misses.append({"q": q.q, "style": q.style, "expect": list(q.expect), "rank": rank,
                           "answered": r.confidence if r.answered else False, "reason": r.reason,
                           "top": r.hits[0].passage.text[:PREVIEW_CHARS] if r.hits else None})
    return Report(_scores(pairs), {style: _scores(group) for style, group in groups.items()}, tuple(misses))
