"""Plain text hard-wrapped at a fixed width (a PDF viewer's copy, an e-mail) parses as the same text unwrapped."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from index.parsing.parser import parse_file
from index.parsing.reflow import columns, unwrap, wrap_width
from index.parsing.sources import decode_bytes
from index.parsing.speakers import find_label, is_stamp_line
from index.records import Interview
from tests.test_layouts import FIXTURES, READABLE, parsed

_KEPT_OFF_LINE_START = "，。！？；：、”’）》」』…"


def hard_wrapped(text: str, width: int, measure=len) -> str:  # type: ignore[no-untyped-def]
    """`text` cut into lines of `width` (by `measure`), punctuation kept off a line's start as typesetters do."""
    out: list[str] = []
    for line in text.split("\n"):
        current = ""
        for char in line:
            if current and measure(current + char) > width and char not in _KEPT_OFF_LINE_START:
                out.append(current)
                current = ""
            current += char
        out.append(current)
    return "\n".join(out)


def starts_turn(line: str) -> bool:
    return is_stamp_line(line) or find_label(line) is not None


def test_a_name_and_a_bureau_cut_at_the_margin_are_whole_again() -> None:
    paragraph = ("主持人：各位网友，大家上午好！欢迎收看本期在线访谈。今天我们邀请到的嘉宾是云山市水利局副局长郑海涛，欢迎郑局长！"
                 "请您先介绍一下今年防汛准备工作的情况。")
    answer = "郑海涛：今年我们提前两个月启动了汛前检查，对全市87座水库、212公里堤防和146座山塘逐一排查，整改隐患43处。" * 2
    text = hard_wrapped(f"云山市水利局在线访谈\n\n{paragraph}\n\n{answer}\n", 38)
    assert "云\n山市" in text or "郑\n海涛" in text or any(len(line) == 38 for line in text.split("\n"))
    assert wrap_width(text, len) == 38
    assert unwrap(text, starts_turn) == f"云山市水利局在线访谈\n\n{paragraph}\n\n{answer}\n"


def test_a_label_opens_a_line_after_a_sentence_but_not_in_the_middle_of_one() -> None:
    lines = ["主持人：今年汛期的准备工作进展如何？请您给网友们介绍一下具体的情况吧。谢谢", "局长。",
             "郑海涛：今年我们提前两个月启动了汛前检查，全市87座水库已经逐一排查完毕了。",
             "主持人：农村饮水安全也是大家关心的问题，这方面今年有什么新的安排和具体打算", "呢？",
             "郑海涛：今年计划投资2.8亿元实施农村供水保障工程，新建规模化水厂3座和泵站", "2座。",
             "网友：", "水费会涨吗？", "郑海涛：不会。",
             "郑海涛：今年全市居民生活用水价格保持不变，请大家放心，也欢迎大家监督我们工作。"]
    text = "\n".join(lines)
    assert wrap_width(text, len) == 39
    assert unwrap(text, starts_turn).split("\n") == [
        lines[0] + lines[1], lines[2], lines[3] + lines[4], lines[5] + lines[6], *lines[7:]]


def test_text_in_paragraphs_is_left_as_it_is() -> None:
    text = "\n".join(["记者：今年有什么新政策？", "局长：" + "我们出台了新的补贴办法，" * 9 + "请大家关注。",
                      "记者：申请流程复杂吗？", "局长：" + "不复杂，" * 5 + "在网上就能办。"] * 3)
    assert wrap_width(text) is None and wrap_width(text, len) is None
    assert unwrap(text, starts_turn) == text


def test_a_wrap_by_display_columns_with_digits_in_it() -> None:
    text = ("市统计局新闻发言人：前三季度，全市居民人均可支配收入32418元，同比增长5.4%。其中城镇居民41260元，增长4.6%；"
            "农村居民21935元，增长6.7%，城乡收入比缩小到1.88。") * 3
    wrapped = hard_wrapped(text, 76, columns)
    assert wrap_width(wrapped) in range(73, 77)
    assert unwrap(wrapped, starts_turn) == text


def _signature(interview: Interview) -> tuple[object, ...]:
    # a question that ends at the margin keeps its line break (a question's end never continues: label-less pages)
    turns = tuple(("".join((t.question or "").split()), t.answerer, "".join((t.answer or "").split()))
                  for t in interview.turns)
    return interview.metadata.bureau, turns, tuple(sorted({(p.speaker, p.bureau) for p in interview.passages}))


def _captioned(name: str) -> bool:
    """A video's caption export (most lines open with a time, "00:11 ……"): one short caption a line by construction,
    never cut at a fixed width, so no hard-wrapped copy of it is made."""
    text, _ = decode_bytes((FIXTURES / name).read_bytes(), name)
    lines = [line for line in text.splitlines() if line.strip()]
    return sum(1 for line in lines if re.match(r"\d{1,2}:\d{2}\s", line)) >= 0.3 * len(lines)


def _tabulated(name: str) -> bool:
    """A table exported as tab-separated rows (an app's 问答 back end): records, not prose, never cut at a width."""
    text, _ = decode_bytes((FIXTURES / name).read_bytes(), name)
    return sum(1 for line in text.splitlines() if line.count("\t") >= 3) >= 3


def _drawn(name: str) -> bool:
    """A table drawn with box characters (│序号│问题│解答│): its rows are cut at the columns' width by construction."""
    text, _ = decode_bytes((FIXTURES / name).read_bytes(), name)
    return sum(1 for line in text.splitlines() if line.lstrip()[:1] and line.lstrip()[0] in "│┌├└") >= 3


PLAIN = [name for name in READABLE if name.endswith(".txt") and not _captioned(name) and not _tabulated(name)
         and not _drawn(name)]


@pytest.mark.parametrize("name", PLAIN)
@pytest.mark.parametrize("width, measure", [(38, len), (76, columns), (60, columns)], ids=["38chars", "76cols", "60cols"])
def test_a_fixture_hard_wrapped_parses_as_it_does_unwrapped(name: str, width: int, measure, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = FIXTURES / name
    text, _ = decode_bytes(source.read_bytes(), name)
    wrapped = tmp_path / source.name
    wrapped.write_text(hard_wrapped(text, width, measure), "utf-8")
    assert wrapped.read_text("utf-8") != text  # the wrap cut lines
    assert _signature(parse_file(wrapped, source.name)) == _signature(parsed(name))


def test_east_asian_width_is_what_columns_count() -> None:
    assert columns("山市") == 4 and columns("12.5%") == 5 and columns("ＡＢ") == 4
    assert all(unicodedata.east_asian_width(c) in "WF" for c in "山，。")
