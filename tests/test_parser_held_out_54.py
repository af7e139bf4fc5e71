"""61. What the fifty-fourth batch of layouts (held out) found, each rule tested on text of its own, and a numbered
answerer list in the other ways a digest numbers its questions (tests/test_parser_held_out.py holds sections 1 to
36, _30 to _53 sections 37 to 60)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.parsing_helpers import answered, parse_written

DIGEST = """政策问答汇总

一、答疑分工

{first}市民政局社会救助科科长 秦望舒

{third}市医疗保障局待遇保障科科长 匡北辰

二、问题及答复

1．低保怎么申请？

答：向户籍所在地街道提出申请。

2．多久能批下来？

答：一般30个工作日内办结。

3．住院能报多少？

答：低保对象住院报销比例提高5个百分点。
"""


@pytest.mark.parametrize(("first", "third"), [("第1—2题：", "第3题："), ("问题1—2：", "问题3："), ("第1至2问：", "第3问："),
                                              ("第1、2问：", "第3问：")])
def test_a_numbered_answerer_list_is_read_however_it_numbers_the_questions(tmp_path: Path, first: str,
                                                                           third: str) -> None:
    interview = parse_written(tmp_path, DIGEST.format(first=first, third=third), "digest.md")
    assert answered(interview) == [("低保怎么申请", "秦望舒"), ("多久能批下来", "秦望舒"), ("住院能报多少", "匡北辰")]


def test_numbers_listed_with_a_pause_mark_are_those_questions_not_a_range(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, DIGEST.format(first="第1、3问：", third="第2问："), "digest.md")
    assert answered(interview) == [("低保怎么申请", "秦望舒"), ("多久能批下来", "匡北辰"), ("住院能报多少", "秦望舒")]
