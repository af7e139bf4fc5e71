"""Dialogue files and their scores: each dialogue is asked turn by turn through FollowUps, as a chat would, and each
turn is scored by its kind.

A dialogue file has one JSON object a line:
    {"id": str, "kind": str, "file": str, "bureau": str,
     "turns": [{"q": str, "expect": [str, ...] | null, "kind"?: str, "file"?: str, "bureau"?: str}, ...]}
The first turn is a question on its own ("first"); a later turn has the dialogue's kind unless it names its own:
"ellipsis" (the subject left out: 那一共缓了多少钱？), "pronoun" (这个政策怎么申请？), "more" (还有呢, 具体说说),
"switch" (a complete question on another topic), "unanswerable" (a detail the interviews never give: `expect`
null). `expect` works as in question files: a turn is right when the first hit's text holds an expected phrase; for
null, when the answer is "not found" or only the closest passage. `file` (the interview, the unit of
cross-validation) and `bureau` are the dialogue's unless a turn names its own.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.dialogue.followups import FollowUps
from index.dialogue.turns import Reading, Turn, remember
from index.errors import InterviewQAError
from index.records import SearchResult

FIRST = "first"
FOLLOW_UP_KINDS = ("ellipsis", "pronoun", "more")  # the follow-ups that need their conversation
KINDS = (FIRST, *FOLLOW_UP_KINDS, "switch", "unanswerable")
ROUND = 4


@dataclass(frozen=True, slots=True)
class DialogueTurn:
    q: str
    expect: tuple[str, ...] | None
    kind: str
    file: str | None = None
    bureau: str | None = None


@dataclass(frozen=True, slots=True)
class Dialogue:
    id: str
    turns: tuple[DialogueTurn, ...]

    @property
    def file(self) -> str | None:
        return self.turns[0].file


@dataclass(frozen=True, slots=True)
class Outcome:
    """One turn asked: its reading, and for first turns and topic switches the answer the question gets alone."""

    dialogue: str
    turn: DialogueTurn
    reading: Reading
    alone: SearchResult | None = None
    seconds: float = 0.0  # to read the turn

    @property
    def right(self) -> bool:
        return is_right(self.reading.result, self.turn.expect)

    @property
    def as_alone(self) -> bool | None:
        """For first turns and topic switches: whether the answer is exactly the one the question gets alone."""
        return None if self.alone is None else same_answer(self.reading.result, self.alone)


def is_right(result: SearchResult, expect: Sequence[str] | None) -> bool:
    if expect is None:
        return not result.answered or result.confidence == "low"
    return bool(result.answered and result.hits and any(e in result.hits[0].passage.text for e in expect))


def same_answer(a: SearchResult, b: SearchResult) -> bool:
    """The same outcome, confidence, passages and suggestions."""
    return (a.answered, a.confidence, a.reason, [h.passage.passage_id for h in a.hits], a.suggestions) == \
        (b.answered, b.confidence, b.reason, [h.passage.passage_id for h in b.hits], b.suggestions)


def load_dialogues(path: Path) -> list[Dialogue]:
    """Reads a dialogue file; a bad line is an error naming its number."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InterviewQAError(f"{path}: cannot read the dialogue file ({error})") from None
    dialogues = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            dialogues.append(_dialogue(json.loads(line), number))
        except (ValueError, KeyError, TypeError) as error:
            raise InterviewQAError(f"{path}:{number}: not a dialogue line ({error})") from None
    return dialogues


def is_dialogue_file(path: Path) -> bool:
    """True when the file's first line is a dialogue (it has "turns"), not a question."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            first = next((line for line in handle if line.strip()), "")
        return isinstance(data := json.loads(first), dict) and "turns" in data
    except (OSError, UnicodeDecodeError, ValueError):
        return False


def _dialogue(raw: dict[str, Any], number: int) -> Dialogue:
    kind, turns = raw.get("kind"), raw["turns"]
    if not isinstance(turns, list) or not turns:
        raise ValueError("`turns` must be a non-empty list")
    out = []
    for n, t in enumerate(turns):
        q, expect = t["q"], t.get("expect")
        if not isinstance(q, str) or not (expect is None or (isinstance(expect, list) and expect
                                                             and all(isinstance(e, str) for e in expect))):
            raise ValueError("`q` must be a string and `expect` a non-empty list of strings or null")
        turn_kind = FIRST if n == 0 else t.get("kind", kind)
        if turn_kind not in KINDS:
            raise ValueError(f"unknown kind {turn_kind!r} (one of {', '.join(KINDS)})")
        out.append(DialogueTurn(q, tuple(expect) if expect is not None else None, turn_kind,
                                t.get("file", raw.get("file")), t.get("bureau", raw.get("bureau"))))
    return Dialogue(str(raw.get("id", number)), tuple(out))


def ask(followups: FollowUps, dialogue: Dialogue, top_k: int | None = None, alone: bool = False) -> list[Outcome]:
    """The dialogue asked turn by turn, each turn read with the exchanges before it (as a chat keeps them); with
    `alone`, every turn as if asked on its own (how the product answered before follow-ups)."""
    history: tuple[Turn, ...] = ()
    outcomes = []
    for turn in dialogue.turns:
        began = time.perf_counter()
        reading = followups.read(turn.q, () if alone else history, top_k)
        seconds = time.perf_counter() - began
        by_itself = followups.searcher.search(turn.q, top_k=top_k) if turn.kind in (FIRST, "switch") else None
        outcomes.append(Outcome(dialogue.id, turn, reading, by_itself, seconds))
        history = remember(history, reading.turn)
    return outcomes


@dataclass(frozen=True, slots=True)
class DialogueScores:
    turns: int
    by_kind: dict[str, tuple[int, float]]  # kind -> (turns, share right)
    follow_up_r1: float  # answerable follow-ups (ellipsis, pronoun, more) whose first hit is right
    switch_as_alone: float  # topic switches answered exactly as alone
    first_as_alone: float  # first turns answered exactly as alone
    unanswerable_not_high: float  # unanswerable follow-ups answered "not found" or with low confidence
    context_used: dict[str, float]  # kind -> share read with the context
    searches_max: int  # per follow-up
    searches_mean: float
    misses: tuple[dict[str, Any], ...]
    follow_up_ms: float = 0.0  # median time to read a later turn (both searches and the choice)

    def to_dict(self) -> dict[str, Any]:
        return {"turns": self.turns, "follow_up_R@1": round(self.follow_up_r1, ROUND),
                "switch_as_alone": round(self.switch_as_alone, ROUND),
                "first_as_alone": round(self.first_as_alone, ROUND),
                "unanswerable_not_found_or_low": round(self.unanswerable_not_high, ROUND),
                "by_kind": {k: {"turns": n, "right": round(r, ROUND)} for k, (n, r) in self.by_kind.items()},
                "context_used": {k: round(v, ROUND) for k, v in self.context_used.items()},
                "searches_per_follow_up": {"max": self.searches_max, "mean": round(self.searches_mean, ROUND)},
                "follow_up_ms_p50": round(self.follow_up_ms, 2), "misses": list(self.misses)}


def score(outcomes: Iterable[Outcome]) -> DialogueScores:
    outcomes = list(outcomes)
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.turn.kind].append(o)
    follow = [o for k in FOLLOW_UP_KINDS for o in groups.get(k, [])]
    later = [o for o in outcomes if o.turn.kind != FIRST]
    searches = [o.reading.searches for o in later]

    def share(items: list[Outcome], test: Any) -> float:
        return sum(1 for o in items if test(o)) / len(items) if items else 0.0

    misses = tuple({"dialogue": o.dialogue, "kind": o.turn.kind, "q": o.turn.q, "how": o.reading.how,
                    "answered": o.reading.result.confidence if o.reading.result.answered else False,
                    "top": o.reading.result.hits[0].passage.text[:40] if o.reading.result.hits else None}
                   for o in outcomes if not o.right or o.as_alone is False)
    return DialogueScores(
        turns=len(outcomes),
        by_kind={k: (len(groups[k]), share(groups[k], lambda o: o.right)) for k in KINDS if groups.get(k)},
        follow_up_r1=share(follow, lambda o: o.right),
        switch_as_alone=share(groups.get("switch", []), lambda o: o.as_alone),
        first_as_alone=share(groups.get(FIRST, []), lambda o: o.as_alone),
        unanswerable_not_high=share(groups.get("unanswerable", []), lambda o: o.right),
        context_used={k: share(groups[k], lambda o: o.reading.with_question is not None)
                      for k in KINDS if k != FIRST and groups.get(k)},
        searches_max=max(searches, default=0),
        searches_mean=sum(searches) / len(searches) if searches else 0.0,
        misses=misses,
        follow_up_ms=1000 * statistics.median(o.seconds for o in later) if later else 0.0,
    )
