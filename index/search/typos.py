"""Pinyin-input typos: two characters of a question that the interviews never write, read as the word of theirs that
sounds the same (奖历 -> 奖励, 备安 -> 备案, 负则 -> 负责).

People type Chinese by pinyin and pick a wrong candidate: the word they meant sounds like what they wrote and keeps
one of its characters in place. Two characters are read as another word only when all of these hold:
- the interviews never write them, and they are no common word of their own (jieba's dictionary);
- exactly one word of the interviews sounds like them (tones aside) and keeps one of their characters in place;
- they are not the end of one word and the start of the next (公交|换乘 is read whole; 海洋局|有没有 is left alone),
  nor part of a name (a bureau, a place, a person: 人社局), nor is the character that would change a rare one: a
  wrong candidate is a common character, a rare one is a name's (岵 of 到岵山村 is no typo of 户);
- the question reads far better with the word than without it: jieba's word statistics give the clause a higher
  probability by at least MIN_GAIN (natural log). "补多少" reads as well as "不多少", "奖历" far worse than "奖励".
Pure text work over the corpus's vocabulary and jieba's dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Iterable, Mapping
from functools import lru_cache

from pypinyin import lazy_pinyin

from index.segmenter import jieba_modules

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
COMMON_WORD = 5  # a pair jieba's dictionary counts at least this often is a word of its own, not a typo
COMMON_CHARACTER = 500  # a character it counts less often alone is a name's (岵, 漭, 淇), never a wrong candidate
MIN_GAIN = 5.0  # how much likelier (log) the clause must read with the corpus word than as typed

Sounds = Mapping[str, tuple[str, ...]]  # toneless pinyin -> the corpus's two-character words spelled so


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    """A word's pinyin without tones, syllables joined with spaces (奖励 -> "jiang li")."""
    return " ".join(lazy_pinyin(word))


def sounds_of(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The corpus's two-character Chinese words by how they sound."""
    found: dict[str, set[str]] = {}
    for word in words:
        if len(word) == 2 and _CJK_RUN.fullmatch(word):
            found.setdefault(sound(word), set()).add(word)
    return {spelled: tuple(sorted(group)) for spelled, group in found.items()}


def written_pairs(text: str) -> frozenset[str]:
    """Every two Chinese characters the text writes side by side: what "the interviews write it" looks up."""
    return frozenset(run[i:i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1))


def sounds_like(pair: str, sounds: Sounds, written: Container[str]) -> str | None:
    """The one corpus word that sounds like a pair of characters the corpus never writes and keeps one of them
    (`written`: the corpus's pairs, `written_pairs`, or its text)."""
    if pair in written:
        return None
    fits = [w for w in sounds.get(sound(pair), ()) if w != pair and (w[0] == pair[0] or w[1] == pair[1])]
    return fits[0] if len(fits) == 1 else None


def log_probability(text: str) -> float:
    """The log probability of jieba's best cut of a text (its own word statistics, no HMM)."""
    tokenizer = jieba_modules()[0].dt
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(text, tokenizer.get_DAG(text), route)
    return route[0][0]


def _word_spans(run: str) -> list[tuple[int, int]]:
    jieba = jieba_modules()[0]
    spans, start = [], 0
    for word in jieba.dt.cut(run, HMM=False):
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


def _straddles(spans: list[tuple[int, int]], i: int) -> bool:
    """Characters i and i+1 end one word of two or more characters and start another."""
    left = next(s for s in spans if s[0] <= i < s[1])
    right = next(s for s in spans if s[0] <= i + 1 < s[1])
    return left != right and left[1] - left[0] >= 2 and right[1] - right[0] >= 2


def _changed(pair: str, word: str) -> str:
    """The character of a pair that the word would change."""
    return pair[1] if word[0] == pair[0] else pair[0]


def repairs_in(run: str, sounds: Sounds, written: Container[str], kept: Collection[int] = ()) -> dict[int, str]:
    """The typos of a run of Chinese characters, by position: the best first, none overlapping; `kept` are the
    positions of names, never changed."""
    frequencies = jieba_modules()[0].dt.FREQ
    spans: list[tuple[int, int]] | None = None  # the run's words, cut only when a pair sounds like a corpus word
    base = None
    found: list[tuple[float, int, str]] = []
    for i in range(len(run) - 1):
        pair = run[i:i + 2]
        if i in kept or i + 1 in kept or frequencies.get(pair, 0) >= COMMON_WORD:
            continue
        word = sounds_like(pair, sounds, written)
        if word is None or frequencies.get(_changed(pair, word), 0) < COMMON_CHARACTER:
            continue
        spans = _word_spans(run) if spans is None else spans
        if _straddles(spans, i):
            continue
        base = log_probability(run) if base is None else base
        gain = log_probability(run[:i] + word + run[i + 2:]) - base
        if gain >= MIN_GAIN:
            found.append((gain, i, word))
    chosen: dict[int, str] = {}
    for _, i, word in sorted(found, reverse=True):
        if i - 1 not in chosen and i + 1 not in chosen:
            chosen[i] = word
    return chosen


def repair_typos(text: str, sounds: Sounds, written: Container[str], names: Iterable[str] = ()) -> tuple[str, dict[str, str]]:
    """The text with its pinyin-input typos replaced by the corpus words they were typed for, and what was replaced;
    `names` (bureaus, places, people the question names) are never changed."""
    if not sounds:
        return text, {}
    kept = {i for name in names if name for m in re.finditer(re.escape(name), text)
            for i in range(m.start(), m.end())}
    repaired: dict[str, str] = {}

    def repair_run(match: re.Match[str]) -> str:
        run = match.group()
        chosen = repairs_in(run, sounds, written, {i - match.start() for i in kept})
        if not chosen:
            return run
        chars = list(run)
        for i, word in chosen.items():
            repaired[run[i:i + 2]] = word
            chars[i:i + 2] = list(word)
        return "".join(chars)

    return _CJK_RUN.sub(repair_run, text), repaired
