"""59. What the fifty-second batch of layouts (held out) found, each rule tested on text of its own: a heating visit
that labels residents by their flat and the room's temperature, a fireside talk written up as a play script, a
couriers' meeting, a planning hearing printed from a browser and a night at a typhoon shelter
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _51 sections 37 to 58)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.people import is_person_name, parse_person, split_org_role
from index.parsing.speakers import find_label, read_label
from tests.parsing_helpers import answered, answered_with_asker, parse_written


def test_a_resident_labelled_by_their_flat_and_the_reading_taken_there_asks() -> None:
    label = find_label("7-1-302（16.8℃）褚大妈：屋里就这么点温度，能不能退钱？")
    assert label is not None and label.name == "7-1-302（16.8℃）褚大妈"
    assert read_label(label.name).side == "ask"
    for line in ("12-402 老窦：暖气片不热。", "3-2-501（17.2℃）邢小满：我家也冷。"):
        found = find_label(line)
        assert found is not None and read_label(found.name).side == "ask", line
    dated = find_label("2029-01-05 欧文斌：今天开始供暖。")  # a date, then a name: no flat
    assert dated is None or read_label(dated.name).side != "ask"


def test_neighbours_kin_words_after_a_surname_or_a_village_ask() -> None:
    for label in ("驿站负责人 汪姐（速达快递东门网点）", "汪姐", "柳湾村 渔民 戚大叔", "柳湾村 章阿婆"):
        assert read_label(label).side == "ask", label


def test_who_is_brought_along_gets_their_own_unit_and_companies_posts_are_read() -> None:
    brought = parse_person("副局长雍立平带着市气象台首席预报员郦海青")
    assert brought is not None and (brought.name, brought.org, brought.role) == ("郦海青", "市气象台", "首席预报员")
    assert split_org_role("国网某某供电公司配电运检室主任") == ("国网某某供电公司配电运检室", "主任")
    assert split_org_role("还有飞驰快运有限公司南城分公司区域经理") == ("飞驰快运有限公司南城分公司", "区域经理")
    assert split_org_role("建设单位南湖置业有限公司项目总经理") == ("南湖置业有限公司", "项目总经理")
    assert split_org_role("设计单位某市建筑设计研究院有限公司总建筑师") == ("某市建筑设计研究院有限公司", "总建筑师")


def test_surnames_of_the_hundred_families_the_list_had_left_out() -> None:
    for name in ("贲国栋", "傅明远", "萧雨桐", "赖春生", "璩海宁", "殳怀远", "佴秋云", "禚明川"):
        assert is_person_name(name), name


SCRIPT = """“炉边问答”实录｜茶农围着火塘问，部门负责人当面答

（本文为虚构测试材料。）

【人物】

邰云舒——市农业农村局党组成员、副局长

瞿　宁——市市场监督管理局食品生产科科长

巫德厚——“高山茶园”茶农

蓝　溪——“云雾茶社”店主

鲁一鸣——“山城农事”编辑，本场主持

【幕启】

（火塘边坐着五个人，壶里的水开了。）

鲁一鸣　各位晚上好！今晚大家想问什么就问什么。

巫德厚　（往火塘里添了块炭）我先说。邰局长，今年春茶收购价压得太低，有没有托底的办法？

邰云舒　有。今年市里设立了春茶收购风险补偿资金两百万元，收购价低于成本价的部分，按差额的三成补给合作社。

蓝溪　我问个实在的：自家炒的茶，包装上要印什么才能卖？

瞿宁　（翻开随身带的手册）要印品名、净含量、生产日期、保质期和生产者的名称地址；小作坊要先办登记证，登记证编号也要印上。

【尾声】

鲁一鸣　今晚的炉边问答就到这里，感谢大家。

（幕落。）
"""


def test_a_play_scripts_cast_labels_its_lines_and_a_stage_direction_is_no_part_of_the_words(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, SCRIPT, "script.md")
    assert answered_with_asker(interview) == [("群众 巫德厚", "我先说。邰局", "邰云舒"), ("群众 蓝溪", "我问个实在的", "瞿宁")]
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert [(p.speaker, p.bureau, p.role) for p in answers] == [("邰云舒", "市农业农村局", "党组成员、副局长"),
                                                                ("瞿宁", "市市场监督管理局", "食品生产科科长")]
    assert not any("翻开随身" in p.text or "添了块炭" in p.text for p in answers)
    assert answers[1].text.startswith("要印品名")


def test_fewer_than_three_cast_lines_are_no_cast(tmp_path: Path) -> None:
    text = ("座谈会记录\n\n邰云舒——市农业农村局副局长\n\n巫德厚——茶农\n\n"
            "巫德厚　收购价太低了，怎么办？\n\n邰云舒　市里有补偿资金。\n")
    assert answered(parse_written(tmp_path, text, "two.md")) == []


FLATS = """入户测温走访记录

某市住房和城乡建设局　2029年1月8日

（本文为虚构测试材料。）

走访人员：市住房和城乡建设局供热办主任 钮振华；市热力公司客服中心经理 蔺秋生

（说明：提问人以“楼号-单元-门牌号”标注，括号内为实测室温。）

7-1-302（16.8℃）褚大妈：屋里就这么点温度，交的热费能不能退？

钮主任：不达标的按天退费，供暖期结束后30日内退到您的缴费账户。

12-2-101（19.5℃）老窦：我家常年没人住，能不能报停？

蔺经理：每年10月15日前可以报停，报停期间交30%的基本热费。
"""


def test_residents_by_flat_ask_and_the_visiting_staff_answer(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, FLATS, "visits.md")
    assert answered(interview) == [("屋里就这么点", "钮振华"), ("我家常年没人", "蔺秋生")]
