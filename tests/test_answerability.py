"""The rules that settle "the interviews do not cover this", on their own."""

from __future__ import annotations

import pytest

from index.search.rules import absent_nouns, is_small_talk, missing_kinds, read_signs, unknown_places, unknown_years

PASSAGE = "出台《关于应对新型冠状病毒肺炎疫情支持海洋企业平稳健康发展的措施》，将海域使用金推迟到疫情结束后缴纳，缓缴资金1.35亿元。"
VOCABULARY = {"海洋", "企业", "海域", "使用金", "疫情", "威海市", "威海", "海洋发展局", "发展局", "2020"}
NAMES = ("威海市海洋发展局", "齐鲁晚报·齐鲁壹点")


@pytest.mark.parametrize("text", ["你好", "您好！", "谢谢", "Hello, how are you today?", "hi there", "你是机器人吗？", "在吗"])
def test_small_talk(text: str) -> None:
    assert is_small_talk(text)


@pytest.mark.parametrize("text", ["你好，海域使用金能缓缴吗", "海洋经济怎么样", "how much was deferred"])
def test_questions_are_not_small_talk(text: str) -> None:
    assert is_small_talk(text) is (text.startswith("你好") and len(text) <= 40)


@pytest.mark.parametrize(("question", "kind"), [
    ("海洋发展局的办公电话是多少", "phone"), ("What is the phone number of the bureau?", "phone"),
    ("海洋局的地址在哪里", "address"), ("几点上班", "hours"), ("邢海文是哪年出生的", "biography"),
    ("海域使用金每亩收多少钱", "rate"), ("海洋局公务员工资多少", "salary"), ("交流会是几月几号开的", "date"),
    ("海洋牧场总面积有多大", "area"), ("威海有多少艘远洋渔船", "vessels"), ("怎么申请海域使用权", "procedure"),
    ("明天威海天气怎么样", "weather"), ("保险理赔能赔多少钱", "amount"),
])
def test_a_kind_of_fact_the_passage_lacks(question: str, kind: str) -> None:
    neutral = "开展重温入党誓词、结对帮扶等活动，到纪念馆开展现场教学。"
    assert kind in missing_kinds(question.lower(), neutral)
    assert kind not in missing_kinds(question.lower(), neutral + "咨询电话0631-5200000，地址：海滨北路88号，每亩500元，"
                                     "工作日8:30上班，邢海文，1970年出生，工资待遇按规定执行，5月6日开会，面积3万亩，"
                                     "渔船1200艘，申请材料在窗口受理，天气晴，赔付2000元。")


def test_places_and_organisations_the_corpus_never_mentions() -> None:
    assert unknown_places("青岛市海洋发展局出台了哪些政策", VOCABULARY, NAMES, PASSAGE) == ("青岛",)
    assert "烟台" in unknown_places("烟台的海洋牧场怎么样", VOCABULARY, NAMES, PASSAGE)
    assert unknown_places("威海市农业农村局今年做了什么", VOCABULARY, NAMES, PASSAGE) == ("威海市农业农村局",)
    for known in ("海洋局怎么推进工作", "市海洋发展局如何落实", "威海的海洋经济", "局里会不会检查各支部"):
        assert unknown_places(known, VOCABULARY, NAMES, PASSAGE) == (), known


def test_years_the_corpus_never_mentions() -> None:
    assert unknown_years("2023年海洋局做了哪些工作", VOCABULARY, PASSAGE) == ("2023",)
    assert unknown_years("2020年缓缴了多少", VOCABULARY, PASSAGE) == ()
    assert unknown_years("缓缴资金1.35亿元", VOCABULARY, PASSAGE) == ()


def test_absent_nouns_count_half_when_they_share_two_characters() -> None:
    assert absent_nouns("台风来了去哪个渔港避风", VOCABULARY, PASSAGE) >= 1
    assert absent_nouns("海域使用金缓缴", VOCABULARY, PASSAGE) == 0
    assert absent_nouns("海域使用费", VOCABULARY, PASSAGE) == 0.5  # 使用费 shares 使用 with the passage


def test_signs_are_decisive_only_when_a_rule_fires() -> None:
    assert not read_signs("疫情期间海域使用金可以缓缴吗", PASSAGE, VOCABULARY, NAMES).decisive
    assert read_signs("海洋发展局的电话", PASSAGE, VOCABULARY, NAMES).decisive


def test_a_bare_word_half_the_corpus_uses_is_too_vague() -> None:
    from index.search.rules import is_vague

    vocabulary = {"海洋": 10, "唐启升": 1}
    assert is_vague("海洋", vocabulary, passages=12)
    assert not is_vague("唐启升", vocabulary, passages=12)
    assert not is_vague("海洋牧场怎么建设", vocabulary, passages=12)


@pytest.mark.model
def test_no_rule_fires_on_any_answerable_question_of_the_question_sets(real_searcher) -> None:
    """Over every answerable question written for this corpus (dev and tuning sets), the rules never refuse."""
    import numpy as np

    from index.evaluation import load_questions
    from index.text import normalize_query
    from tests.conftest import ROOT

    files = [ROOT / "tests" / "data" / "questions.jsonl", *sorted((ROOT / "benchmarks" / "data").glob("*.jsonl"))]
    misfires = []
    for question in (q for f in files for q in load_questions(f) if q.expect):
        query = normalize_query(question.q)
        scored = real_searcher.score(query)
        top = real_searcher.data.passages[int(scored.rows[int(np.argmax(scored.fused))])]
        if real_searcher.signs(query, top).decisive:
            misfires.append(question.q)
    assert misfires == []
