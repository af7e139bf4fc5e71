"""Claim checking on real sentences of the seed interview (index/verify.py, index/quantities.py)."""

from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from index.claims.quantities import Quantity, normalise, parse_quantity, tokenise
from index.claims.alignment import align_claim
from index.claims.records import Alignment
from index.claims.verdict import verify_claim

SEED = Path(__file__).resolve().parents[1] / "corpus" / "weihai-ocean-development-bureau-2020.txt"


def paragraphs(path: Path = SEED) -> list[str]:
    """The seed's paragraphs: the file split on blank lines (no parser involved)."""
    text = path.read_text(encoding="utf-8-sig")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


PARAS = paragraphs()


def para_with(phrase: str) -> str:
    return next(p for p in PARAS if phrase in p)


def quoted(a: Alignment, texts: list[str] = PARAS) -> str:
    assert a.passage_index is not None and a.record_span is not None
    return texts[a.passage_index][slice(*a.record_span)]


FEE = "将海域使用金推迟到疫情结束后缴纳，缓缴资金1.35亿元。"
TANG = "大力推广唐启升院士首创的桑沟湾多营养层次综合养殖模式"
STUDY = "每月定期组织党组理论学习中心组学习研讨，9月份组织专题读书班"


def test_seed_has_the_sentences_used_here() -> None:
    for phrase in (FEE, TANG, STUDY, "海洋牧场及关联产业吸纳从业人20万人，人均增收超过8000元"):
        assert para_with(phrase)


# ------------------------------------------------------------------------------------------------- verbatim


@pytest.mark.parametrize(
    "claim",
    [
        FEE,
        "将海域使用金推迟到疫情结束后缴纳 缓缴资金1.35亿元!",  # punctuation and spaces changed
        "将海域使用金推迟到疫情结束后缴纳,缓缴资金１．３５亿元",  # full-width digits, ASCII comma
        "我局党组用五聚焦五提升全力打造精致模范机关",  # quotes “” dropped
        "“缓缴资金1.35亿元”",
        "<b>缓缴资金1.35亿元</b>",  # HTML-looking text
        "🎉缓缴资金1.35亿元👍🏻",  # emoji
        "开展海洋科研机构 AND 海洋企业大走访活动",  # ASCII case
    ],
)
def test_verbatim_copies(claim: str) -> None:
    a = verify_claim(claim, PARAS)
    assert a.verdict == "verbatim"
    assert a.similarity == 1.0 and a.differences == () and a.diff_spans == ()
    assert normalise(quoted(a)) == normalise(re.sub(r"<[^>]+>", "", claim))


def test_record_span_points_into_the_original_passage() -> None:
    a = verify_claim(FEE, PARAS)
    assert quoted(a) == "将海域使用金推迟到疫情结束后缴纳，缓缴资金1.35亿元"
    assert a.sources == ((a.passage_index, *a.record_span),)


@pytest.mark.parametrize(
    "claim",
    [
        "邢海文表示：" + FEE,
        "邢海文说将海域使用金推迟到疫情结束后缴纳，缓缴资金1.35亿元",
        "据威海市海洋发展局介绍，" + FEE,
        "局长表示：" + FEE,
        "威海市海洋发展局党组书记、局长邢海文表示：" + FEE,
        "听说" + FEE[:-1] + "，是不是真的？",
        "请问，邢海文说过" + FEE[:-1] + "吗？",
        FEE[:-1] + "，邢海文说。",
    ],
)
def test_framing_is_ignored(claim: str) -> None:
    a = verify_claim(claim, PARAS)
    assert a.verdict == "verbatim"
    assert quoted(a) == FEE[:-1]
    assert a.claim_span is not None and normalise(claim[slice(*a.claim_span)]) == normalise(FEE)


def test_speaker_label_is_framing_when_the_passage_is_the_answer_alone() -> None:
    answer = "我局党组用“五聚焦五提升”全力打造精致模范机关。"
    assert align_claim("邢海文：" + answer, answer).verdict == "verbatim"


def test_framing_that_is_in_the_record_is_checked() -> None:
    passage = "（虚构示例）专家指出海洋牧场建设要坚持生态优先，人均增收超过8000元。"
    claim = "专家指出海洋牧场建设要坚持生态优先，人均增收8000元"
    a = align_claim(claim, passage)
    assert a.verdict == "differs"
    assert a.claim_span == (0, len(claim))  # 专家指出 is in the record, so it is not framing
    assert [(d.claim, d.record, d.kind) for d in a.differences] == [("8000元", "超过8000元", "number")]


# -------------------------------------------------------------------------------------------------- numbers


def test_number_changed_is_a_number_difference_with_both_spans() -> None:
    a = verify_claim("将海域使用金推迟到疫情结束后缴纳，缓缴资金2亿元", PARAS)
    assert a.verdict == "differs"
    assert [d.to_dict() for d in a.differences] == [{"claim": "2亿元", "record": "1.35亿元", "kind": "number"}]
    assert [PARAS[a.passage_index][slice(*s)] for s in a.diff_spans] == ["1.35亿元"]
    assert 0.6 < a.similarity < 1


@pytest.mark.parametrize("claim", ["缓缴资金2亿元", "邢海文说疫情期间缓缴资金2亿元"])
def test_short_claims_about_a_figure_name_the_figure(claim: str) -> None:
    a = verify_claim(claim, PARAS)
    assert a.verdict == "differs"
    numbers = [d for d in a.differences if d.kind == "number"]
    assert [(d.claim, d.record) for d in numbers] == [("2亿元", "1.35亿元")]


def test_same_quantity_in_another_notation_matches() -> None:
    a = verify_claim("将海域使用金推迟到疫情结束后缴纳，缓缴资金13500万元", PARAS)
    assert a.verdict == "verbatim" and a.differences == ()
    assert [(d.claim, d.record) for d in a.equivalents] == [("13500万元", "1.35亿元")]
    assert quoted(a).endswith("1.35亿元")
    b = verify_claim("海洋牧场及关联产业吸纳从业人二十万人", PARAS)
    assert b.verdict == "verbatim" and [(d.claim, d.record) for d in b.equivalents] == [("二十万人", "20万人")]


def test_unit_changed_is_a_number_difference() -> None:
    a = verify_claim("将海域使用金推迟到疫情结束后缴纳，缓缴资金1.35万元", PARAS)
    assert a.verdict == "differs"
    assert [(d.claim, d.record, d.kind) for d in a.differences] == [("1.35万元", "1.35亿元", "number")]


def test_approximation_dropped_is_a_number_difference() -> None:
    a = verify_claim("海洋牧场及关联产业吸纳从业人20万人，人均增收8000元", PARAS)
    assert [(d.claim, d.record, d.kind) for d in a.differences] == [("8000元", "超过8000元", "number")]


def test_month_changed_is_a_number_difference() -> None:
    """Dates are numbers: 9月份 -> 10月份 is reported as kind number (10月 against 9月)."""
    a = verify_claim(STUDY.replace("9月份", "10月份"), PARAS)
    assert a.verdict == "differs"
    assert [(d.claim, d.record, d.kind) for d in a.differences] == [("10月", "9月", "number")]


# ----------------------------------------------------------------------------------------------------- text


def test_name_changed_is_a_text_difference() -> None:
    a = verify_claim(TANG.replace("唐启升", "王某某"), PARAS)
    assert a.verdict == "differs"
    assert [d.to_dict() for d in a.differences] == [{"claim": "王某某", "record": "唐启升", "kind": "text"}]
    assert [PARAS[a.passage_index][slice(*s)] for s in a.diff_spans] == ["唐启升"]
    lead = verify_claim("王某某院士首创的桑沟湾多营养层次综合养殖模式", PARAS)
    assert [(d.claim, d.record) for d in lead.differences] == [("王某某", "唐启升")]


def test_words_left_out_and_added() -> None:
    left_out = verify_claim("开展海洋科研机构海洋企业大走访活动", PARAS)
    assert [(d.claim, d.record, d.kind) for d in left_out.differences] == [("", "and", "text")]
    added = verify_claim("大力推广唐启升院士首创的著名桑沟湾多营养层次综合养殖模式", PARAS)
    assert [(d.claim, d.record) for d in added.differences] == [("著名", "")]


def test_a_long_changed_edge_is_not_paired_with_unrelated_record_words() -> None:
    a = verify_claim("全国沿海水产养殖绿色发展经验交流会在我市成功召开，缓缴资金2亿元", PARAS)
    assert a.verdict == "differs"
    assert [(d.claim, d.record) for d in a.differences] == [("缓缴资金2亿元", "")]


def test_sentence_stitched_from_two_passages() -> None:
    second = "全国沿海水产养殖绿色发展经验交流会在我市成功召开"
    a = verify_claim(FEE[:-1] + "，" + second + "。", PARAS)
    assert a.verdict == "differs"
    assert len(a.sources) == 2 and a.sources[0][0] != a.sources[1][0]
    assert [PARAS[k][s:e] for k, s, e in a.sources] == [FEE[:-1], second]
    [join] = a.differences
    assert join.kind == "text" and join.claim == second and join.note and "不相连" in join.note
    assert a.similarity == 1.0


def test_two_places_of_one_passage() -> None:
    text = para_with(TANG)
    claim = "全面压减近海养殖面积，促进海域资源向优势企业集中由分散养殖向规模养殖转变"
    a = verify_claim(claim, [text])
    assert a.verdict == "differs"
    assert len(a.differences) == 1 and a.differences[0].record  # the record's words between are named
    assert a.similarity == 1.0


# ------------------------------------------------------------------------------------------------ not found


@pytest.mark.parametrize(
    "claim",
    [
        "青岛市旅游收入增长了20%",
        "邢海文说青岛的海洋旅游收入去年翻了一番",
        "威海市海洋发展局今年推动海洋经济高质量发展，旅游收入增长30%",
    ],
)
def test_made_up_claims_are_not_found(claim: str) -> None:
    a = verify_claim(claim, PARAS)
    assert a.verdict == "not_found"
    assert a.passage_index is None and a.record_span is None and a.differences == ()
    assert a.similarity < 0.6


@pytest.mark.parametrize(
    "claim",
    ["威海把海域使用金的缴纳时间往后推了，推迟到疫情结束", "疫情期间威海的海洋企业可以晚点交海域使用金，总共缓了一亿多"],
)
def test_paraphrase_is_not_found_with_its_similarity(claim: str) -> None:
    a = verify_claim(claim, PARAS)
    assert a.verdict == "not_found"
    assert 0.2 < a.similarity < 0.6


@pytest.mark.parametrize("claim", ["", "   ", "。，！？", "“”「」（）", "👍🏻🎉", "<br/>"])
def test_empty_and_punctuation_only_claims(claim: str) -> None:
    for a in (verify_claim(claim, PARAS), align_claim(claim, FEE)):
        assert a.verdict == "not_found" and a.similarity == 0.0 and a.passage_index is None


def test_no_passages() -> None:
    assert verify_claim(FEE, []).verdict == "not_found"


# ----------------------------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "claim",
    [
        "海" * 10_000,
        "海洋" * 5_000,
        (para_with(FEE) * 60)[:10_000],
        "".join(PARAS)[:10_000],
        "，" * 10_000 + "吗x",
        " " * 9_999 + "x",
        "1" * 10_000,
        "一" * 10_000,
    ],
)
def test_ten_thousand_characters_return_quickly(claim: str) -> None:
    start = time.perf_counter()
    a = verify_claim(claim, PARAS)
    assert time.perf_counter() - start < 5  # a guard against blow-ups, not a benchmark
    assert a.verdict == "not_found"


def test_claims_at_the_alignment_cap_are_bounded() -> None:
    start = time.perf_counter()
    for claim in ("海洋" * 500, ("缓缴资金" * 300)[:1000]):
        verify_claim(claim, PARAS)
    assert time.perf_counter() - start < 10


def test_claim_longer_than_the_passage() -> None:
    passage = "缓缴资金1.35亿元。"
    a = align_claim(FEE + "编印《应对新型冠状病毒感染肺炎疫情支持企业发展的重点政策措施汇编》", passage)
    assert a.verdict == "not_found" and a.similarity < 0.6
    assert align_claim("缓缴资金2亿元", passage).verdict == "differs"


def test_repeated_characters_and_html() -> None:
    assert verify_claim("哈哈哈哈哈哈哈哈", PARAS).verdict == "not_found"
    a = verify_claim("<p class='x'>将海域使用金推迟到疫情结束后缴纳，<b>缓缴资金2亿元</b></p>", PARAS)
    assert [(d.claim, d.record) for d in a.differences] == [("2亿元", "1.35亿元")]


def test_to_dict_matches_the_cli_schema() -> None:
    a = verify_claim("缓缴资金2亿元", PARAS)
    data = a.to_dict()
    assert data["verdict"] == "differs"
    assert data["differences"] == [{"claim": "2亿元", "record": "1.35亿元", "kind": "number"}]


# --------------------------------------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.35亿元", Quantity(Decimal(135000000), "元")),
        ("13500万元", Quantity(Decimal(135000000), "元")),
        ("20万人", Quantity(Decimal(200000), "人")),
        ("8000元", Quantity(Decimal(8000), "元")),
        ("8,000元", Quantity(Decimal(8000), "元")),
        ("１．３５亿元", Quantity(Decimal(135000000), "元")),
        ("100多个", Quantity(Decimal(100), "个", "多")),
        ("20余万", Quantity(Decimal(200000), "", "余")),
        ("近100个", Quantity(Decimal(100), "个", "近")),
        ("超过8000元", Quantity(Decimal(8000), "元", "超过")),
        ("二十万人", Quantity(Decimal(200000), "人")),
        ("一百", Quantity(Decimal(100))),
        ("两千", Quantity(Decimal(2000))),
        ("一亿二千万", Quantity(Decimal(120000000))),
        ("三千五百万", Quantity(Decimal(35000000))),
        ("一千零五", Quantity(Decimal(1005))),
        ("一万五", Quantity(Decimal(15000))),
        ("一点五亿", Quantity(Decimal(150000000))),
        ("二〇二〇年", Quantity(Decimal(2020), "年")),
        ("9月", Quantity(Decimal(9), "月")),
        ("50%", Quantity(Decimal(50), "%")),
        ("百分之五十", Quantity(Decimal(50), "%")),
        ("四个", Quantity(Decimal(4), "个")),
        ("70多个", Quantity(Decimal(70), "个", "多")),
        ("3千米", Quantity(Decimal(3000), "米")),
        ("1.35万元", Quantity(Decimal(13500), "元")),
    ],
)
def test_parse_quantity(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["", "统一", "一战", "缓缴资金1.35亿元", "亿元", "十分", "abc"])
def test_parse_quantity_rejects_non_quantities(text: str) -> None:
    assert parse_quantity(text) is None


def test_quantity_equality_is_by_value() -> None:
    assert parse_quantity("1.35亿元") == parse_quantity("13500万元") == parse_quantity("一亿三千五百万元")
    assert parse_quantity("2亿元") != parse_quantity("1.35亿元")
    assert parse_quantity("1.35万元") != parse_quantity("1.35亿元")
    assert parse_quantity("100多个") != parse_quantity("100个")


# ---------------------------------------------------------------------------------------------- properties

LONG_PARAS = [p for p in PARAS if len(normalise(p)) >= 20]
NUMBER_PARAS = [p for p in PARAS if re.search(r"\d", p)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_substring_is_verbatim(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(LONG_PARAS))
    start = data.draw(st.integers(0, len(text) - 6))
    end = data.draw(st.integers(start + 6, min(len(text), start + 200)))
    claim = text[start:end]
    assume(normalise(claim))
    # a substring that cuts a quantity ("20" of "20万人") is not verbatim: only the ones that keep quantities whole
    tokens = tokenise(text)
    cut = [tokens.original(i, i + 1) for i, token in enumerate(tokens.tokens) if isinstance(token, Quantity)]
    assume(not any(s < start < e or s < end < e for s, e in cut))
    for a, texts in ((align_claim(claim, text), [text]), (verify_claim(claim, PARAS), PARAS)):
        assert a.verdict == "verbatim"
        assert normalise(quoted(a, texts)) == normalise(claim)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_one_digit_changed_is_a_number_difference(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(NUMBER_PARAS))
    number = data.draw(st.sampled_from(list(re.finditer(r"\d+(?:\.\d+)?", text))))
    digits = [i for i in range(number.start(), number.end()) if text[i].isdigit()]
    at = data.draw(st.sampled_from(digits))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != text[at]]))
    left = data.draw(st.integers(0, 20))
    right = data.draw(st.integers(0, 20))
    start, end = max(0, number.start() - left), min(len(text), number.end() + right)
    assume(max(len(normalise(text[start : number.start()])), len(normalise(text[number.end() : end]))) >= 8)
    claim = text[start:at] + new + text[at + 1 : end]
    assume(normalise(claim) not in normalise(text))
    a = align_claim(claim, text)
    assert a.verdict == "differs"
    numbers = [d for d in a.differences if d.kind == "number"]
    assert numbers and any(new in d.claim for d in numbers)
    assert any(s <= at < e for s, e in a.diff_spans)


@pytest.mark.parametrize("claim", ["20", "从业人20", "20万"])
def test_a_number_matches_only_a_whole_quantity_with_its_unit(claim: str) -> None:
    passage = "全市渔业从业人员20万人，海洋经济总产值增长8%。"
    assert verify_claim(claim, [passage]).verdict != "verbatim"
    assert verify_claim("从业人员20万人", [passage]).verdict == "verbatim"
    assert verify_claim("从业人员二十万人", [passage]).verdict == "verbatim"  # the same quantity written in words
