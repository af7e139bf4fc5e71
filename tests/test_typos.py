"""Pinyin-input typos read as the corpus words they were typed for, and every way a right question is left alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.search import typos
from index.search.searcher import Searcher
from index.settings import CoreConfig, CorpusConfig, IndexConfig, SearchConfig
from index.store.builder import refresh_index
from tests.conftest import SEED
from tests.fakes import FakeEmbedder

CORPUS_TEXT = ("对首次认定的高新技术企业，市财政给予一次性奖励20万元。异地就医备案可在手机上办理。"
               "公交和地铁90分钟内换乘优惠1元。每人每月补贴300元，最多不超过三个月。我们社区在岵山村东头。")
VOCABULARY = ("高新技术", "企业", "奖励", "异地", "就医", "备案", "手机", "办理", "公交", "地铁", "换乘", "优惠",
              "每人", "补贴", "不多", "社区", "岵山", "山村", "以下", "具有")


def repaired(question: str, names: tuple[str, ...] = ()) -> str:
    return typos.repair_typos(question, typos.sounds_of(VOCABULARY), CORPUS_TEXT, names)[0]


@pytest.mark.parametrize(("typed", "meant"), [
    ("第一次评上高新企业奖历有多少", "第一次评上高新企业奖励有多少"),
    ("异地救医备安在手机上怎么弄", "异地就医备案在手机上怎么弄"),
    ("地铁和公交换乘有没有优会", "地铁和公交换乘有没有优惠"),
])
def test_a_typo_reads_as_the_corpus_word_that_sounds_like_it(typed: str, meant: str) -> None:
    assert repaired(typed) == meant


@pytest.mark.parametrize("question", [
    "政府补多少钱",  # "不多" sounds like 补多 but reads no better: no typo
    "请问一下异地就医怎么备案",  # 一下 is a word of its own (以下 sounds the same)
    "每月补贴300元吗",  # what the corpus writes is never a typo
    "我们到岵山村怎么走",  # 岵 is a name's character, never a wrong candidate for 户
])
def test_a_right_question_is_left_alone(question: str) -> None:
    assert repaired(question) == question


def test_a_name_the_question_holds_is_never_changed() -> None:
    assert repaired("高新企业奖历有多少", names=("奖历",)) == "高新企业奖历有多少"


def test_two_corpus_words_that_sound_alike_leave_the_typo_as_typed() -> None:
    sounds = typos.sounds_of((*VOCABULARY, "奖历"[0] + "立"))  # 奖立 sounds as 奖励 does and keeps 奖: which one?
    assert typos.repair_typos("高新企业奖历有多少", sounds, CORPUS_TEXT)[0] == "高新企业奖历有多少"


def test_what_was_repaired_is_reported() -> None:
    text, done = typos.repair_typos("异地救医备安", typos.sounds_of(VOCABULARY), CORPUS_TEXT)
    assert (text, done) == ("异地就医备案", {"救医": "就医", "备安": "备案"})


def test_the_searcher_reads_a_typo_as_the_interviews_word(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    config = CoreConfig(corpus=CorpusConfig(dir=folder), index=IndexConfig(dir=tmp_path / "index"))
    embedder = FakeEmbedder(64)
    searcher = Searcher(refresh_index(config, embedder).data, embedder, SearchConfig(min_confidence=0.0))
    typed = searcher.search("给党员干部建的连政档案管什么用")
    right = searcher.search("给党员干部建的廉政档案管什么用")
    assert typed.normalized_query == right.normalized_query == "给党员干部建的廉政档案管什么用"
    assert [h.passage.passage_id for h in typed.hits] == [h.passage.passage_id for h in right.hits]
    assert searcher.retrieval_texts("给党员干部建的连政档案管什么用") == searcher.retrieval_texts("给党员干部建的廉政档案管什么用")
