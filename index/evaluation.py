"""Retrieval quality on a question file: recall at 1 and 3, MRR, abstention precision and recall (pure)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import InterviewQAError
from index.records import SearchResult

PREVIEW_CHARS = 40  # of the top hit, in the list of misses


@dataclass(frozen=True, slots=True)
class Question:
    q: str
    expect: tuple[str, ...] | None  # None: the right answer is "not found"


@dataclass(frozen=True, slots=True)
class Report:
    questions: int
    answerable: int
    unanswerable: int
    recall_at_1: float
    recall_at_3: float
    mrr: float
    abstain_precision: float
    abstain_recall: float
    false_refusal: float  # share of answerable questions the search refused
    misses: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "questions": self.questions, "answerable": self.answerable, "unanswerable": self.unanswerable,
            "R@1": round(self.recall_at_1, 4), "R@3": round(self.recall_at_3, 4), "MRR": round(self.mrr, 4),
            "abstain_precision": round(self.abstain_precision, 4), "abstain_recall": round(self.abstain_recall, 4),
            "false_refusal": round(self.false_refusal, 4), "misses": list(self.misses),
        }


def load_questions(path: Path) -> list[Question]:
    """Reads `{"q": str, "expect": [str, ...] | null}` lines; a bad line is an error naming its number."""
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
        except (ValueError, KeyError, TypeError) as error:
            raise InterviewQAError(f"{path}:{number}: not a question line ({error})") from None
        questions.append(Question(q, tuple(expect) if expect is not None else None))
    return questions


def rank_of(result: SearchResult, expect: Sequence[str]) -> int | None:
    """1-based rank of the first hit whose text contains an expected phrase; None when none does."""
    for rank, hit in enumerate(result.hits, 1):
        if any(phrase in hit.passage.text for phrase in expect):
            return rank
    return None


def evaluate(pairs: Iterable[tuple[Question, SearchResult]]) -> Report:
    """Metrics over answerable questions count a refusal as a miss; abstention is scored on all questions."""
    pairs = list(pairs)
    answerable = [(q, r) for q, r in pairs if q.expect is not None]
    unanswerable = [(q, r) for q, r in pairs if q.expect is None]
    ranks = [rank_of(r, q.expect or ()) if r.answered else None for q, r in answerable]
    n = max(1, len(answerable))
    refused_answerable = sum(1 for _, r in answerable if not r.answered)
    refused_unanswerable = sum(1 for _, r in unanswerable if not r.answered)
    refused = refused_answerable + refused_unanswerable
    misses = tuple(
        {"q": q.q, "expect": list(q.expect or []), "rank": rank, "answered": r.answered,
         "top": r.hits[0].passage.text[:PREVIEW_CHARS] if r.hits else None}
        for (q, r), rank in zip(answerable, ranks) if rank != 1
    ) + tuple({"q": q.q, "expect": None, "answered": True, "top": r.hits[0].passage.text[:PREVIEW_CHARS]}
              for q, r in unanswerable if r.answered)
    return Report(
        questions=len(pairs),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        recall_at_1=sum(1 for k in ranks if k == 1) / n,
        recall_at_3=sum(1 for k in ranks if k is not None and k <= 3) / n,
        mrr=sum(1.0 / k for k in ranks if k) / n,
        abstain_precision=refused_unanswerable / refused if refused else 1.0,
        abstain_recall=refused_unanswerable / len(unanswerable) if unanswerable else 1.0,
        false_refusal=refused_answerable / n if answerable else 0.0,
        misses=misses,
    )
