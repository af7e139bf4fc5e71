"""The few signs that settle a question alone, before any passage is scored (small_talk, unknown_place,
unknown_bureau, unknown_year); everything else is weighed by the decision model (index.search.decision).

Each is high-precision by construction and has its detector here; in a long message only the clause that asks
counts. A reason is a code, optionally with what was found after a colon; front ends turn it into words. Details:
docs/search.md."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.lexicon.places import PLACE_TAG, places_in
from index.search.bureaus import BureauIndex
from index.search.query import QueryParts
from index.text import pos_tokens

if TYPE_CHECKING:
    from index.search.features import QueryContext

_CITY_UNITS = ("市", "县")

SMALL_TALK = "small_talk"
UNKNOWN_PLACE = "unknown_place"
UNKNOWN_YEAR = "unknown_year"
UNKNOWN_BUREAU = "unknown_bureau"
NOT_COVERED = "not_covered"
EMPTY = "empty"


_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")


def reason(code: str, detail: str | None = None) -> str:
    return f"{code}:{detail}" if detail else code


@dataclass(frozen=True, slots=True)
class CorpusSigns:
    """What the decisive signs read of a corpus: its bureaus, all its passage text, the packaged place names and
    those no passage mentions."""

    bureaus: BureauIndex
    text: str
    place_names: frozenset[str]
    foreign_places: frozenset[str]
    latest_year: int | None = field(init=False)  # the latest year the passages name ("2025年"), read once

    def __post_init__(self) -> None:
        object.__setattr__(self, "latest_year", max((int(y) for y in _YEAR_IN_TEXT.findall(self.text)), default=None))


def veto(parts: QueryParts, corpus: CorpusSigns) -> str | None:
    """The reason the interviews cannot answer this question, when one sign settles it; else None. Only the clause
    that asks counts (a place in the context, "我在上海打工，……", is not what is asked about), and a place settles
    nothing while some passage's city is unknown (the place may be that passage's)."""
    if parts.small_talk:
        return reason(SMALL_TALK)
    if not corpus.bureaus.placeless:
        asked = places_in([w for w, _ in pos_tokens(parts.asked)], corpus.place_names)
        unknown = [p for p in asked if p in corpus.foreign_places]
        city = unknown_city(parts.asked, corpus.text)
        if city and not any(city in u or u in city for u in unknown):
            unknown.append(city)
        if unknown:
            return reason(UNKNOWN_PLACE, "、".join(unknown))
    if bureau := unknown_bureau(parts.asked, corpus):
        return reason(UNKNOWN_BUREAU, bureau)
    # a year after every one the interviews name: a time they cannot speak of (an earlier one may be when a car was
    # registered or someone born, which a rule of theirs may cover: "2012年前注册登记的")
    latest = corpus.latest_year
    years = [y for y in parts.years if y not in corpus.text and (latest is None or int(y) > latest)]
    if years:
        return reason(UNKNOWN_YEAR, "、".join(years))
    return None


def unknown_bureau(text: str, corpus: CorpusSigns) -> str | None:
    """A bureau named with its city that the corpus has no interview of and no passage mentions."""
    for mention in corpus.bureaus.mentions(text):
        if mention.place and not mention.matches and mention.text not in corpus.text:
            return mention.text
    return None


def unknown_city(text: str, corpus_text: str) -> str | None:
    """A city or county the question names that no passage mentions: a word jieba reads as a place name, right
    before 市 or 县 (南浦市, 青石县; not 城市 or 知道市里)."""
    words = pos_tokens(text)
    for (word, tag), (after, _) in zip(words, words[1:]):
        if tag == PLACE_TAG and len(word) >= 2 and after[:1] in _CITY_UNITS:
            name = word + after[0]
            if name not in corpus_text and word not in corpus_text:
                return name
    return None


def refusal(context: QueryContext) -> str:
    """Why a question the decision refused is not answered: the bureau it names that the corpus lacks, or not
    covered."""
    unknown = context.unknown_bureau
    return reason(UNKNOWN_BUREAU, unknown.text) if unknown else NOT_COVERED
