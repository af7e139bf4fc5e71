"""The facts of a claim against a passage (index/claims/facts.py, pure): equal facts however written, a changed fact
about the same thing, a figure said of something else or of a plan, and the verdict they make."""

from __future__ import annotations

import pytest

from index.claims.facts import Weights, compare, equal, read_facts
from index.claims.verdict import fact_verdict

PASSAGE = ("疫情期间，我们出台《关于支持海产企业渡过难关的措施》，将海域使用金推迟到疫情结束后缴纳，缓缴资金1.35亿元。"
           "全市海洋牧场吸纳从业人员20万人，人均增收超过8000元。今年以来新建冷库12座。"
           "下一步，我们计划再建设海洋牧场5个，并争取列入“蓝色粮仓”示范工程。")
WEIGHTS = Weights({}, 10)  # every word equally telling
PLACES = frozenset({"澜州"})


def verdict_of(claim: str) -> tuple[str, list[tuple[str, str]], list[tuple[str, str]]]:
    """The verdict, the facts matched and the pairs that differ, of `claim` against PASSAGE."""
    comparison = compare(read_facts(claim, PLACES), claim, PASSAGE, WEIGHTS, PLACES, metadata="澜州市海洋局")
    matched = [(p.claim.text, p.record.text if p.record else "") for p in comparison.matched]
    conflicts = [(p.claim.text, p.record.text if p.record else "") for p in comparison.conflicts]
    return fact_verdict(comparison), matched, conflicts


def fact(text: str, claim: str = "") -> object:
    (found,) = [f for f in read_facts(claim or text) if f.text == text]
    return found


@pytest.mark.parametrize("claim, record", [
    ("13500万元", "1.35亿元"), ("一亿多元", "1.35亿元"), ("8000多元", "超过8000元"), ("约8000元", "8000元"),
    ("六成以上", "64%"), ("八五折", "85%"), ("两座", "2座"),
])
def test_equal_quantities_however_written(claim: str, record: str) -> None:
    assert equal(fact(claim), fact(record))


@pytest.mark.parametrize("claim, record", [
    ("2亿元", "1.35亿元"), ("1万元", "超过8000元"), ("近8000元", "超过8000元"), ("1.35万吨", "1.35亿元"),
])
def test_different_quantities(claim: str, record: str) -> None:
    assert not equal(fact(claim), fact(record))


def test_a_paraphrase_that_keeps_every_fact_is_consistent_with_the_facts_listed() -> None:
    assert verdict_of("澜州把海域使用金的缴纳推迟到疫情结束以后，缓缴的资金一共1.35亿元") == (
        "consistent", [("澜州", "澜州市海洋局"), ("1.35亿元", "1.35亿元")], [])
    assert verdict_of("澜州海洋牧场带动从业人员20万人，人均增收8000多元")[0] == "consistent"


def test_a_changed_figure_about_the_same_thing_differs_with_the_pair() -> None:
    assert verdict_of("疫情期间海域使用金缓缴资金2亿元") == ("differs", [], [("2亿元", "1.35亿元")])
    assert verdict_of("海洋牧场吸纳从业人员25万人")[2] == [("25万人", "20万人")]


def test_a_changed_document_or_programme_differs() -> None:
    assert verdict_of("出台《关于支持海洋渔业企业发展的意见》，推迟缴纳海域使用金")[2] == [
        ("《关于支持海洋渔业企业发展的意见》", "《关于支持海产企业渡过难关的措施》")]
    assert verdict_of("计划建设海洋牧场，争取列入“蓝色海湾”示范工程")[2] == [("“蓝色海湾”", "“蓝色粮仓”")]


@pytest.mark.parametrize("claim", [
    "全市新建污水处理厂12座",  # 12座 is there, said of cold stores
    "全市渔民人均年收入达到1.35亿元",  # an equal figure about something else
    "全市今年新建海洋牧场9个",  # the passage plans 5 more; it built none this year that it says
    "明年全市将新建冷库20座",  # a plan, against the 12 built: not the same fact changed
    "全市今年新建游艇码头",  # nothing said about it, no figure at all
])
def test_a_figure_on_another_subject_or_a_plan_against_a_result_is_not_found(claim: str) -> None:
    assert verdict_of(claim)[0] == "not_found"


def test_a_plan_is_compared_with_a_plan() -> None:
    assert verdict_of("下一步将再建设海洋牧场8个")[2] == [("8个", "5个")]
    assert [(f.text, f.future) for f in read_facts("今年以来新建冷库12座，下一步计划再建设海洋牧场5个")] == [
        ("12座", False), ("5个", True)]


def test_facts_inside_a_document_title_belong_to_the_title() -> None:
    facts = read_facts("印发《2021年海洋牧场建设方案》，建设牧场3个")
    assert [(f.kind, f.text) for f in facts] == [("document", "《2021年海洋牧场建设方案》"), ("number", "3个")]
