"""Bureaus named in a question, matched to the bureaus of the corpus. The city is part of a bureau's identity:
威海市农业农村局 is not 澜州市农业农村局. Full or short names (住建局, 医保局, 海洋局), with or without a place; a
bureau whose city the parser could not read fits any city. Details: docs/search.md, "Bureaus and places in a
question"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.lexicon.places import PLACE_TAG
from index.parsing.orgs import NOT_IN_KIND, NOT_KIND_END, YOUTH_LEAGUE, is_short_form, local_name, split_place

_ORG_END = re.compile(r"(?:局|委员会|委|厅|办公室|办|署|中心)$")
_GENERIC_ORG_END = re.compile(r"(?:局|委员会|委|厅)$")  # without 办: 怎么办 is no office
_ORG_WORDS = ("局", "厅", "委")
_MAX_ORG_WORDS = 3  # words before a lone 局 that can name it (农业 农村 局)
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
_PLACE_ENDS = ("市", "县", "区", "省")
MIN_KIND_CHARS = 3  # 教育局, 人社局: a kind named with fewer characters is too vague to match (局)
MAX_KIND_CHARS = 12
_ADMIN_UNITS = ("市", "县", "区")
_THIS = "本我全该此"  # 本市, 我市, 全市: this city, whichever it is
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PLACE_NAME_CHARS = 2  # most city and county names: 南浦市, 青石县


@dataclass(frozen=True, slots=True)
class Bureau:
    name: str  # as in the corpus: 澜州市农业农村局
    place: str  # 澜州市 ("" when the name has none)
    kind: str  # 农业农村局

    @property
    def place_stem(self) -> str:
        """The place without its suffix: 澜州."""
        return self.place[:-1] if len(self.place) > 2 else self.place


@dataclass(frozen=True, slots=True)
class Mention:
    """A bureau named in a question: the words used, the place given with it, and the corpus bureaus it fits."""

    text: str
    place: str  # "" when the question gives no place with it (or only 市)
    matches: tuple[str, ...]  # corpus bureau names; empty: the corpus has no such bureau


def _organisation_words(question: str) -> dict[int, int]:
    """end -> start of each organisation named by words (jieba): one word of three characters or more that ends like
    an organisation (公安局, 税务局, 发改委; not 新格局 or 大局), a short name jieba cuts after its first character
    (住 建局, 人 社局, 文 旅局), or a lone 局/厅/委 with up to three words before it (农业 农村 局), a place not
    included."""
    from index.text import pos_tokens

    tagged = pos_tokens(question)
    words = [w for w, _ in tagged]
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word))
    found: dict[int, int] = {}
    for i, word in enumerate(words):
        end = starts[i + 1]
        if NOT_KIND_END.search(word):
            continue
        if len(word) >= MIN_KIND_CHARS and _GENERIC_ORG_END.search(word):
            found[end] = starts[i]
        elif i > 0 and _cut_short_name(words[i - 1], word):  # 住 建局, and 南浦 市文 旅局 alike
            found[end] = starts[i] - 1
        elif word in _ORG_WORDS and i > 0:
            first = i
            while first > 0 and i - first < _MAX_ORG_WORDS and _CJK_WORD.fullmatch(words[first - 1]) \
                    and not words[first - 1].endswith(_PLACE_ENDS) and tagged[first - 1][1] != PLACE_TAG:
                first -= 1
            if end - starts[first] >= MIN_KIND_CHARS:
                found[end] = starts[first]
    return found


_CUT_ENDS = "局委"  # 大厅 is no unit: a 厅 is named in full (教育厅)


def _cut_short_name(before: str, word: str) -> bool:
    """A short name jieba cut after its first character: 住 + 建局, 人 + 社局, or that character joined to the place
    before it (市文 + 旅局); never 落实 + 市委 (a party committee), never 大局 or 布局."""
    if len(word) != 2 or word[-1] not in _CUT_ENDS or word[0] in _PLACE_ENDS or NOT_KIND_END.search(word):
        return False
    if len(before) == 2 and before[0] in _PLACE_ENDS:
        before = before[1]
    return len(before) == 1 and bool(_CJK.match(before)) and before not in _PLACE_ENDS \
        and not NOT_IN_KIND.match(before)


UNKNOWN = ""  # the bureau of a passage whose bureau could not be read


def split_bureau(name: str) -> Bureau:
    """"澜州市农业农村局" -> (澜州市, 农业农村局); "市交通运输局" -> ("", 交通运输局): the city unknown; "国家税务总局篁澍市
    税务局" -> (篁澍市, 税务局), as people call it ("篁澍税务局")."""
    if league := YOUTH_LEAGUE.fullmatch(name):  # "共青团泱峥市委员会": the 团市委, as everyone calls it
        return Bureau(name, league["place"], f"团{league['place'][-1]}委")
    place, kind = split_place(local_name(name))
    return Bureau(name, "" if place == "市" else place, kind)


def same_kind_elsewhere(bureaus: Sequence[str]) -> tuple[tuple[int, str], ...]:
    """The later of `bureaus` (the hits' bureaus, best first) that are the first one's kind of bureau in another
    place, as (position, name), each bureau once: 溪宁市交通运输局 at 2 after 枫江市交通运输局. A bureau whose place
    could not be read is nobody's counterpart."""
    if not bureaus or not bureaus[0]:
        return ()
    first = split_bureau(bureaus[0])
    found: dict[str, int] = {}
    for position, name in enumerate(bureaus[1:], 1):
        other = split_bureau(name) if name else None
        if other and other.kind == first.kind and other.place and first.place and other.place != first.place:
            found.setdefault(name, position)
    return tuple((position, name) for name, position in found.items())


# a unit's name ends at its first 局/委/厅/办/署: "应急管理局的局(长)", "农业农村局谭永年局(长)" name no longer unit
_INNER_UNIT = re.compile(r"[局委厅办署]|中心")


class BureauIndex:
    """The corpus's bureaus, and what a question says about them."""

    def __init__(self, names: Iterable[str]) -> None:
        names = list(names)
        self.bureaus = tuple(split_bureau(n) for n in sorted(set(n for n in names if n)))
        self.unknown = any(n == UNKNOWN for n in names)  # some passages' bureau could not be read
        self.placeless = self.unknown or any(not b.place for b in self.bureaus)  # some passages' city is unknown
        self.places = tuple(sorted({b.place for b in self.bureaus if b.place}))
        self._stems = {b.place_stem: b.place for b in self.bureaus if b.place}

    def place_of(self, bureau: str) -> str:
        return split_bureau(bureau).place

    def mentions(self, question: str) -> list[Mention]:
        """The bureaus the question names, longest reading first; overlapping readings are one mention."""
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        organisations = _organisation_words(question)
        for end in range(len(question), 0, -1):
            if not _ORG_END.search(question[:end]):
                continue
            best = self._mention_ending_at(question, end, organisations)
            if best is None:
                continue
            start, mention = best
            if any(start < b and end > a for a, b in taken):
                continue
            taken.append((start, end))
            found.append(mention)
        return found[::-1]

    def _mention_ending_at(self, question: str, end: int,
                           organisations: dict[int, int]) -> tuple[int, Mention] | None:
        unmatched: tuple[int, Mention] | None = None
        # named in full or short (医保局 for 医疗保障局); failing that, in full where the page printed it short
        # (医疗保障局 for 汀澜市医保局): never a longer reading when the usual one fits (威海海洋发展局 is 威海 + 海洋发展局)
        for fits in (lambda text, kind: is_short_form(text, kind),
                     lambda text, kind: is_short_form(kind, text) and not _INNER_UNIT.search(text[:-1])):
            for length in range(min(MAX_KIND_CHARS, end), MIN_KIND_CHARS - 1, -1):
                start = end - length
                kind_text = question[start:end]
                kinds = [b for b in self.bureaus if fits(kind_text, b.kind)]
                if not kinds:
                    continue
                place, start = self._place_before(question, start)
                matches = tuple(b.name for b in kinds if not place or b.place in (place, ""))
                if matches:
                    return start, Mention(question[start:end], place, matches)
                unmatched = unmatched or (start, Mention(question[start:end], place, self._maybe_unknown()))
                break  # no such bureau of that place: perhaps one the page printed short
        if unmatched is not None:
            return unmatched
        if end in organisations:  # an organisation of a kind the corpus has no interview of (公安局, 税务局)
            place, start = self._place_before(question, self._after_place(question, organisations[end], end))
            return start, Mention(question[start:end], place, self._maybe_unknown())
        return None

    def _maybe_unknown(self) -> tuple[str, ...]:
        """No corpus bureau fits: the passages whose bureau is unknown may be that bureau's."""
        return (UNKNOWN,) if self.unknown else ()

    def _after_place(self, question: str, start: int, end: int) -> int:
        """Where an organisation's kind starts when the words read as it begin with a corpus place (荇嶂 医保 局)."""
        for stem, place in self._stems.items():
            for written in (place, stem):
                if question.startswith(written, start) and end - start - len(written) >= MIN_KIND_CHARS:
                    return start + len(written)
        return start

    def _place_before(self, question: str, start: int) -> tuple[str, int]:
        """The place written just before a bureau kind, and where it starts: a corpus place (澜州 / 澜州市), another
        place named as a city or county (南浦市: then no corpus bureau fits), or "" (none, or 市/本市: this city)."""
        before = question[:start]
        for stem, place in self._stems.items():
            for written in (place, stem):
                if before.endswith(written):
                    return place, start - len(written)
        if before.endswith(_ADMIN_UNITS):
            rest = before[:-1]
            if not rest or rest[-1] in _THIS or not _CJK.match(rest[-1]):
                return "", start - len(before) + len(rest.rstrip(_THIS))  # 市农业农村局, 本市住建局
            named = rest[-_PLACE_NAME_CHARS:]
            if len(named) == _PLACE_NAME_CHARS and all(_CJK.match(c) for c in named):
                return named + before[-1], start - _PLACE_NAME_CHARS - 1
        return "", start
