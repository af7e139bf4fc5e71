"""Follow-up questions in the core (index/dialogue): how they are phrased, the readings, "还有呢", the memory records,
the dialogue files; over a FICTIONAL corpus with the fake embedder (the real model's figures: test_retrieval_quality)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from index.dialogue.choice import READING_FEATURES, Choice, Logistic
from index.dialogue.evaluation import ask, is_dialogue_file, load_dialogues, score
from index.dialogue.followups import NO_MORE, FollowUps, asked_words, next_turn
from index.dialogue.phrasing import asks_for_more, changes_topic, continues, points_back
from index.dialogue.turns import HOW_MORE, HOW_WITH_QUESTION, MAX_TURNS, Turn, remember
from index.errors import InterviewQAError
from index.records import SearchResult
from index.search.searcher import Searcher
from index.settings import CoreConfig, CorpusConfig, IndexConfig, SearchConfig
from index.store.builder import refresh_index
from tests.dialogue_helpers import write_dialogue_corpus
from tests.fakes import FakeEmbedder

SPRING = "今年春耕有哪些保障措施？"
FISHING = "休渔期间渔民有补助吗？"


def pointing_choice() -> Choice:
    """A choice that reads with the context exactly the questions that point back or open as a continuation."""
    coefficients = tuple(4.0 if name in ("points_back", "continues") else 0.0 for name in READING_FEATURES)
    reading = Logistic(READING_FEATURES, coefficients, -2.0, (0.0,) * len(READING_FEATURES),
                       (1.0,) * len(READING_FEATURES), 0.5)
    return Choice(reading, "fake-1")


class Counting:
    """The Searcher, its searches counted; the questions in `high` answered with high confidence."""

    def __init__(self, searcher: Searcher, high: Sequence[str] = ()) -> None:
        self.inner, self.high, self.searched = searcher, set(high), []  # type: list[str]
        self.data, self.config = searcher.data, searcher.config

    def search(self, query: str, top_k: int | None = None, bureau: str | None = None,
               interview_id: str | None = None, explain: bool = False) -> SearchResult:
        self.searched.append(query)
        result = self.inner.search(query, top_k, bureau, interview_id, explain=explain)
        return replace(result, confidence="high") if query in self.high and result.answered else result

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture
def searcher(tmp_path: Path) -> Searcher:
    corpus = write_dialogue_corpus(tmp_path / "corpus")
    config = CoreConfig(corpus=CorpusConfig(dir=corpus), index=IndexConfig(dir=tmp_path / "index"),
                        search=SearchConfig(min_confidence=0.0))
    return Searcher(refresh_index(config, FakeEmbedder()).data, FakeEmbedder(), config.search)


def test_the_ways_chinese_follow_ups_are_phrased() -> None:
    for more in ("还有呢", "还有呢？", "那还有呢", "还有吗", "还有别的吗", "还有其他措施吗", "其他方面呢", "具体说说",
                 "详细讲讲", "接着说", "然后呢", "继续"):
        assert asks_for_more(more), more
    for question in ("那一共缓了多少钱？", "具体怎么申请？", "种粮大户还有别的补贴吗？", "今年春耕有哪些保障措施？", ""):
        assert not asks_for_more(question), question
    for pointing in ("这个政策怎么申请？", "它一年开了多少期？", "该项目什么时候完工", "这些示范村考核不达标怎么办",
                     "其中接入平台的有多少"):
        assert points_back(pointing), pointing
    for plain in ("这两年名气越来越大", "应该怎么办", "因此要加强管理", "今年春耕有哪些保障措施？", "有其它补贴吗",
                  "为什么这么贵"):
        assert not points_back(plain), plain
    assert continues("那一共缓了多少钱？") and continues("另外，远洋渔船有多少艘") and not continues("远洋渔船有多少艘")
    assert changes_topic("换个话题") == "" and changes_topic("我想换个问题吧") == ""
    assert changes_topic("换个话题，低保标准是多少？") == "低保标准是多少？"
    assert changes_topic("低保标准是多少？") is None
    assert changes_topic("问个问题，低保标准是多少？") is None and changes_topic("问个别的") == ""  # a preface only


def test_the_words_a_question_asks_about_sit_next_to_its_interrogative() -> None:
    assert asked_words("那这些项目是哪家公司中标的") == ["项目", "公司"]
    assert asked_words("学徒期间工资最低多少") == ["工资"]
    assert asked_words("一共缓了多少钱") == []


def test_a_first_question_is_searched_as_asked(searcher: Searcher) -> None:
    counting = Counting(searcher)
    reading = FollowUps(counting, pointing_choice()).read(SPRING)
    assert reading.result == searcher.search(SPRING) and reading.result.context is None
    assert counting.searched == [SPRING] and reading.searches == 1 and reading.with_question is None


def test_more_shows_the_rest_of_the_answer_then_the_next_hits_then_says_so(searcher: Searcher) -> None:
    counting = Counting(searcher)
    followups = FollowUps(counting, pointing_choice())
    first = followups.read(SPRING)
    assert "三件事" in first.result.hits[0].passage.text
    history = remember((), first.turn)
    shown = []
    for _ in range(6):
        reading = followups.read("还有呢", history)
        if not reading.result.answered:
            break
        assert reading.searches == 0 and reading.how == HOW_MORE
        assert reading.result.context is not None and reading.result.context.with_question == SPRING
        shown.append(reading.result.hits[0].passage.passage_id)
        history = remember(history, reading.turn)
    texts = [searcher.passage(p).text for p in shown]  # type: ignore[union-attr]
    assert "3000人次" in texts[0] and "哄抬化肥价格" in texts[1]  # the sub-headings of the same answer, in order
    assert len(set(shown)) == len(shown) and first.result.hits[0].passage.passage_id not in shown
    assert reading.result.reason == NO_MORE and not reading.result.answered  # nothing left, and said so
    assert counting.searched == [SPRING]  # "还有呢" never searched
    assert history[-1].question == SPRING and len(history) == MAX_TURNS  # the topic is still the first question


def test_a_follow_up_is_read_with_the_earlier_question_in_at_most_two_searches(searcher: Searcher) -> None:
    counting = Counting(searcher)
    followups = FollowUps(counting, pointing_choice())
    history = remember((), followups.read(FISHING).turn)
    reading = followups.read("那补助什么时候发？", history, explain=True)
    assert reading.how == HOW_WITH_QUESTION and reading.searches == 2 and len(counting.searched) == 3
    assert counting.searched[-1] == f"{FISHING}，那补助什么时候发？"
    assert "7月底前发放" in reading.result.hits[0].passage.text
    assert reading.result.query == "那补助什么时候发？"
    assert reading.result.to_dict()["context"] == {"used": True, "with": FISHING}
    assert reading.result.explanation is not None and reading.result.explanation["context"]["evidence"]["continues"] == 1
    assert reading.turn.read_as == f"{FISHING}，那补助什么时候发？"


def test_a_complete_question_answered_with_confidence_alone_is_never_dragged_back(searcher: Searcher) -> None:
    question = "那耕地地力保护补贴标准是多少？"  # opens like a follow-up, but brings its own words
    counting = Counting(searcher, high=[question])
    followups = FollowUps(counting, pointing_choice())
    history = remember((), followups.read(FISHING).turn)
    reading = followups.read(question, history)
    assert reading.result == counting.search(question) and reading.result.context is None
    assert reading.searches == 1 and counting.searched.count(f"{FISHING}，{question}") == 0


def test_a_context_answer_keeps_high_confidence_only_when_it_holds_what_is_asked(searcher: Searcher) -> None:
    joined = f"{FISHING}，那这些补助是哪家银行发的？"
    counting = Counting(searcher, high=[joined])
    followups = FollowUps(counting, pointing_choice())
    history = remember((), followups.read(FISHING).turn)
    reading = followups.read("那这些补助是哪家银行发的？", history)
    assert reading.how == HOW_WITH_QUESTION and reading.result.answered
    assert reading.result.confidence == "low"  # 银行 is in no passage: the closest passage, said to be only close


def test_conversations_given_as_questions_are_read_once(searcher: Searcher) -> None:
    counting = Counting(searcher)
    followups = FollowUps(counting, pointing_choice())
    first = followups.read_with_questions("那补助什么时候发？", [FISHING])
    searches = len(counting.searched)
    again = followups.read_with_questions("还有呢", [FISHING, "那补助什么时候发？"])
    assert len(counting.searched) == searches  # the earlier questions were remembered, "还有呢" searches nothing
    assert first.result.context is not None and again.result.context is not None
    assert again.result.context.with_question == "那补助什么时候发？"  # the rest of the answer to the last question
    assert "7月底前发放" in first.result.hits[0].passage.text
    stateless = FollowUps(Counting(searcher), pointing_choice()).read_with_questions("那补助什么时候发？", [FISHING])
    assert stateless.result == first.result


def test_a_long_conversation_carried_as_questions_searches_only_the_new_one(searcher: Searcher) -> None:
    """The web and the API carry the last MAX_TURNS questions; past that the window slides (q2..q4 after q1..q3),
    and what was read of them in the conversation (q2 with q1 before it) is reused, not read again without q1."""
    questions = [FISHING, "那补助什么时候发？", "还有呢", "海洋牧场建了多少个？", "那投了多少钱？", "还有呢", "渔船更新有补贴吗？"]
    counting = Counting(searcher)
    followups = FollowUps(counting, pointing_choice())
    carried = FollowUps(Counting(searcher), pointing_choice())
    shown: list[str] = []
    for n, question in enumerate(questions):
        before = len(counting.searched)
        reading = followups.read_with_questions(question, questions[:n][-MAX_TURNS:])
        assert len(counting.searched) - before <= 2, (n, counting.searched[before:])  # the new question alone
        shown.append(reading.result.hits[0].passage.passage_id if reading.result.hits else "")
    # the same as one reader that kept every exchange (a chat)
    history: tuple[Turn, ...] = ()
    for n, question in enumerate(questions):
        reading = carried.read(question, history)
        history = remember(history, reading.turn)
        assert (reading.result.hits[0].passage.passage_id if reading.result.hits else "") == shown[n], n


def test_what_a_chat_remembers_round_trips_and_stays_short() -> None:
    turn = Turn("q", "p，q", ("a", "b"), ("a",), HOW_WITH_QUESTION, "high")
    assert Turn.from_dict(json.loads(json.dumps(turn.to_dict()))) == turn
    history: tuple[Turn, ...] = ()
    for n in range(MAX_TURNS + 2):
        history = remember(history, replace(turn, question=str(n)))
    assert [t.question for t in history] == [str(n) for n in range(2, MAX_TURNS + 2)]
    more = SearchResult("还有呢", False, reason=NO_MORE, context=None)
    assert next_turn(history, "还有呢", more).question == "还有呢"  # read alone: a turn of its own


def test_dialogue_files_are_checked_and_scored(searcher: Searcher, tmp_path: Path) -> None:
    path = tmp_path / "dialogues.jsonl"
    lines = [{"id": "d1", "kind": "more", "file": "fictional-farming.md",
              "turns": [{"q": SPRING, "expect": ["三件事"]}, {"q": "还有呢", "expect": ["3000人次"]}]},
             {"id": "d2", "kind": "ellipsis", "file": "fictional-fishery.md",
              "turns": [{"q": FISHING, "expect": ["8000元"]}, {"q": "那补助什么时候发？", "expect": ["7月底前发放"]},
                        {"q": "伏季休渔从什么时候开始？", "expect": ["5月1日12时"], "kind": "switch"}]}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    assert is_dialogue_file(path)
    dialogues = load_dialogues(path)
    assert [t.kind for t in dialogues[1].turns] == ["first", "ellipsis", "switch"]
    scores = score(o for d in dialogues for o in ask(FollowUps(searcher, pointing_choice()), d))
    assert scores.turns == 5 and scores.first_as_alone == 1.0 and scores.searches_max <= 2
    assert scores.by_kind["more"] == (1, 1.0) and scores.follow_up_r1 == 1.0
    assert set(scores.to_dict()) >= {"follow_up_R@1", "switch_as_alone", "unanswerable_not_found_or_low"}
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"q": "x", "expect": null}\n', encoding="utf-8")
    assert not is_dialogue_file(questions)
    path.write_text('{"id": "x", "turns": [{"q": "a", "expect": null}, {"q": "b", "expect": null, "kind": "odd"}]}\n',
                    encoding="utf-8")
    with pytest.raises(InterviewQAError, match=r"dialogues.jsonl:1: .*unknown kind 'odd'"):
        load_dialogues(path)


def test_the_shipped_fit_names_the_model_it_was_fitted_for_and_known_features() -> None:
    choice = Choice.read()
    assert choice.fitted and len(choice.fingerprint) == 64
    assert set(choice.reading.features) <= set(READING_FEATURES) and 0 < choice.reading.cut < 1
    held_out = choice.notes["held_out"]
    assert held_out["switch_read_alone"] >= 0.95 and held_out["ellipsis"]["right"] >= 0.9
    assert not Choice.load_now("another-model", Path(__file__)).fitted  # not a fit file: the rule of thumb


DIALOGUES_DEV = sorted((Path(__file__).parent / "data" / "dev").glob("dialogues-*.jsonl"))
DIALOGUES_TUNING = sorted((Path(__file__).parents[1] / "benchmarks" / "data" / "tuning").glob("dialogues-*.jsonl"))


def test_dev_dialogues_stay_apart_from_the_tuning_ones_and_hold_their_expected_phrases() -> None:
    from index.parsing.parser import parse_file
    from tests.conftest import ROOT, SEED
    from tests.test_question_sets import NEAR_DUPLICATE, bigram_set

    dev = [d for path in DIALOGUES_DEV for d in load_dialogues(path)]
    tuning = [d for path in DIALOGUES_TUNING for d in load_dialogues(path)]
    assert len(DIALOGUES_DEV) == 2 and len(DIALOGUES_TUNING) == 3 and len(dev) >= 100 and len(tuning) >= 100
    interviews = {name: {t.file for d in dialogues for t in d.turns} for name, dialogues in (("dev", dev),
                                                                                         ("tuning", tuning))}
    assert not interviews["dev"] & interviews["tuning"]  # never fitted on a dev interview
    for dialogues in (dev, tuning):
        assert {t.kind for d in dialogues for t in d.turns} == {"first", "ellipsis", "pronoun", "more", "switch",
                                                                 "unanswerable"}
    tuned = [bigram_set(t.q) for d in tuning for t in d.turns if t.kind != "more"]  # 还有呢 is said the same way
    duplicates = [t.q for d in dev for t in d.turns if t.kind != "more"
                  and any(len(bigram_set(t.q) & g) / len(bigram_set(t.q) | g) >= NEAR_DUPLICATE for g in tuned)]
    assert duplicates == []
    folders = [ROOT / "tests" / "fixtures" / name for name in ("bureaus", "layouts", "layouts2")]
    files = {p.name: p for folder in folders for p in folder.iterdir() if "scan" not in p.name} | {SEED.name: SEED}
    passages = {name: parse_file(files[name], name).passages for name in interviews["dev"] | interviews["tuning"]}
    missing = [t.q for d in dev + tuning for t in d.turns if t.expect
               and not any(e in p.text for e in t.expect for p in passages[t.file or ""])]
    assert missing == []
