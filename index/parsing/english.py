"""An interview published in English (a city's English portal translating its 新闻发布会): speakers labelled by their
names in pinyin ("Lu Qingyuan:"), reporters by their outlets ("Huancha Daily:"), the host as "Moderator", and the
people listed as "Name, Title of City Municipal Bureau of X". Units are read as the Chinese name they translate
(Bureau of Commerce -> 市商务局), so that an English page is the same bureau as a Chinese one; names and titles stay as
printed."""

from __future__ import annotations

import re

from index.lexicon.english_units import LEVELS, PROVINCIAL_ENDINGS, UNIT_ENDINGS, UNIT_STEMS

# one pinyin syllable, tones unmarked ("qing", "yuan", "zhuang", "er")
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
             r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ui|ao|ou|iu|ie|ue|ve|er|an|en|in|un|ia|ua|"
             r"uo|a|o|e|i|u|v|ü)")
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE}){{1,3}}", re.I)
MAX_NAME_WORDS = 3  # "Lu Qingyuan", "Ouyang Xiu", "Zhang Xiao Ming"
# a label in English: capitalised words ("and", "of", "the" inside), then a colon
LABEL = re.compile(r"^(?P<md>\*\*|__)?(?P<name>[A-Z][A-Za-z.'’\-]*(?: (?:[A-Z][A-Za-z.'’\-]*|and|of|the|&)){0,6})"
                   r"(?P=md)?:(?:\*\*|__)?[ \t\u3000]+(?=\S)")
# a newspaper, station or agency by the words in its name, or one of the wire services and broadcasters that ask at
# press conferences in China under a name with none of those words
_OUTLET_WORDS = re.compile(r"\b(?:Daily|News|Times|Post|Herald|Television|TV|Radio|Broadcasting|Agency|Weekly|Network|"
                           r"Press|Media|Journal|Magazine|Online|Channel|Evening|Gazette|Observer|Tribune|Reuters|"
                           r"Bloomberg|AFP|AP|CNN|BBC|CGTN|NHK|Kyodo|Yonhap|Xinhua|Caixin|Phoenix)\b")
HOST_WORDS = frozenset({"moderator", "host", "presenter", "chair", "chairperson", "emcee", "mc"})
ASK_WORDS = frozenset({"reporter", "journalist", "question", "questioner", "audience"})
ANSWER_WORDS = frozenset({"answer", "spokesperson", "spokesman", "spokeswoman", "guest", "interviewee", "speaker"})
_PERSON = re.compile(r"^(?:(?:Mr|Ms|Mrs|Dr|Prof)\.? )?(?P<name>[A-Z][a-zü'’\-]+(?: [A-Z][a-zü'’\-]+){1,2}),[ \t]+"
                     r"(?P<role>[A-Za-z][^,]{1,60}?) (?:of|at) (?:the )?(?P<org>[A-Z].{3,120}?)[.;]?$")
# "Mr. Lu", "Ms Fang": a speaker by surname, as the host or a later label calls them
_BY_SURNAME = re.compile(r"^(?:Mr|Ms|Mrs|Madam|Dr|Director|Deputy Director)\.? (?P<surname>[A-Z][a-z]+)$")
_UNIT = re.compile(r"^(?:(?P<kind_first>Bureau|Commission|Department|Office|Administration|Center|Centre) (?:of|for) "
                   r"(?:the )?(?P<core_after>.+)|(?P<core_before>.+?) (?P<kind_last>Bureau|Commission|Department|Office|"
                   r"Administration|Center|Centre))$")
MAX_PLACE_WORDS = 2  # "Huancha", "Inner Mongolia": the place before a unit with no level word
_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_pinyin_name(text: str) -> bool:
    """A person's name written in pinyin: two or three capitalised words of pinyin syllables ("Lu Qingyuan")."""
    words = text.split()
    return 2 <= len(words) <= MAX_NAME_WORDS and all(
        w[0].isupper() and _PINYIN_WORD.fullmatch(w.replace("'", "").replace("’", "").replace("-", "")) for w in words)


def is_outlet(text: str) -> bool:
    """A news organisation named in English ("Huancha Daily", "Xinhua News Agency"): a reporter of it asks."""
    return bool(_OUTLET_WORDS.search(text)) and len(text.split()) <= 6 and not _CJK.search(text)


def label_side(name: str) -> str | None:
    """"host", "ask" or "answer" for an English label that names a speaker; None for other words before a colon
    ("Note", "Tel")."""
    word = name.strip().lower()
    if word in HOST_WORDS:
        return "host"
    if word in ASK_WORDS or is_outlet(name):
        return "ask"
    if word in ANSWER_WORDS or is_pinyin_name(name) or surname_of(name) is not None:
        return "answer"
    return None


def surname_of(name: str) -> str | None:
    """The surname of a label that calls someone by it ("Mr. Lu" -> "Lu")."""
    match = _BY_SURNAME.match(name.strip())
    return match["surname"] if match and _PINYIN_WORD.fullmatch(match["surname"]) else None


def is_english(text: str) -> bool:
    """Words mostly in Latin letters."""
    return len(_LATIN.findall(text)) > 2 * len(_CJK.findall(text))


def chinese_unit(name: str) -> str | None:
    """The Chinese name of a government unit named in English, without its city ("Huancha Municipal Bureau of
    Commerce" -> 市商务局); None for a unit the table does not know."""
    words = re.sub(r"\s+", " ", name.strip()).removeprefix("the ").split(" ")
    at = next((i for i, w in enumerate(words) if w.lower() in LEVELS), None)
    level = LEVELS[words[at].lower()] if at is not None else "市"  # a city's English portal names its own units
    tails = [words[at + 1:]] if at is not None else [words[k:] for k in range(min(MAX_PLACE_WORDS, len(words) - 1) + 1)]
    for tail in tails:
        if (unit := _unit(" ".join(tail), level)) is not None:
            return unit
    return None


def _unit(name: str, level: str) -> str | None:
    match = _UNIT.match(name)
    if match is None:
        return None
    core = (match["core_after"] or match["core_before"]).lower().replace("&", "and")
    stem = UNIT_STEMS.get(core.strip())
    if stem is None:
        return None
    kind = (match["kind_first"] or match["kind_last"]).lower()
    ending = PROVINCIAL_ENDINGS.get(kind, UNIT_ENDINGS[kind]) if level == "省" else UNIT_ENDINGS[kind]
    return f"{level}{stem}{ending}"


def english_person(line: str) -> tuple[str, str | None, str] | None:
    """(name, Chinese unit or None, title) of a line that lists someone ("Lu Qingyuan, Director-General of Huancha
    Municipal Bureau of Commerce"); None for any other line."""
    match = _PERSON.match(line.strip())
    if match is None or not is_pinyin_name(match["name"]):
        return None
    return match["name"], chinese_unit(match["org"]), match["role"].strip()
