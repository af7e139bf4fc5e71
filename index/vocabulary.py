"""The corpus's vocabulary: how many passages use each word, and which passages are written in English."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from index.lexicon.english import is_english, searched_question
from index.records import Passage
from index.text import corpus_words

_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ADDRESS = re.compile(r"\]\([^()\s]*\)|(?:https?://|www\.)[^\s()（）\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]+")  # a link's target


def passage_words(passage: Passage) -> set[str]:
    """The words a passage is counted under (of its heading, question and text)."""
    return corpus_words(f"{passage.heading or ''}\n{searched_question(passage.question) or ''}\n{passage.text}")


def document_frequencies(passages: Sequence[Passage]) -> dict[str, int]:
    """How many passages use each word (of heading, question or text)."""
    counts: dict[str, int] = {}
    for passage in passages:
        for word in passage_words(passage):
            counts[word] = counts.get(word, 0) + 1
    return counts


def in_english(passage: Passage) -> bool:
    """Whether a passage is written in English (a city's English page), read as a question is: most of its words
    are Latin ones, web addresses not counted. Passages with more Chinese characters than Latin letters are not read
    word by word."""
    text = _ADDRESS.sub(" ", passage.text) if "//" in passage.text or "www." in passage.text else passage.text
    return len(_LATIN_LETTER.findall(text)) > len(_CJK_CHAR.findall(text)) and is_english(text)


def without_passages(vocabulary: Mapping[str, int], passages: Sequence[Passage]) -> dict[str, int]:
    """The vocabulary as it would be without these passages."""
    return minus(vocabulary, document_frequencies(passages))


def minus(vocabulary: Mapping[str, int], counts: Mapping[str, int]) -> dict[str, int]:
    """The vocabulary without the passages whose document frequencies are `counts`."""
    left = {word: n - counts.get(word, 0) for word, n in vocabulary.items()}
    return {word: n for word, n in left.items() if n > 0}
