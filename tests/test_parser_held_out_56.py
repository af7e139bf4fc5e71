"""63. What the fifty-sixth batch of layouts (held out) found, each rule tested on text of its own: a webinar's
exported Q&A panel, a sticky-note wall whose askers sign under their words, askers tagged by their dog, a stargazing
night's experts called by title, and an auction's viewing day (tests/test_parser_held_out.py holds sections 1 to 36,
_30 to _55 sections 37 to 62)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parsing.orgs import local_name, split_place
from index.parsing.people import is_person_name, parse_person
from index.parsing.speakers import read_label
from tests.parsing_helpers import answered, answered_with_asker, parse_written

PANEL = """线上答疑会问答区文字回复汇总

嘉宾：市地震局党组成员、副局长　闵岳川；市地震局监测预报科科长　翟书宁；淙峦理工大学土木工程学院教授　祁鸿声

第1条　提问人：峦山区-陈女士　提问时间：19:33:18　赞同：57

问题：今晚还敢不敢在家里睡？

回答人：翟书宁（市地震局）　回答时间：19:36:02　回答方式：文字回答

回答内容：余震在减弱，可以放心在家里住。

第2条　提问人：匿名　提问时间：19:34:51　赞同：41

问题：地震云的说法靠谱吗？

回答人：翟书宁（市地震局）　回答时间：19:38:40　回答方式：文字回答

回答内容：这些说法没有科学依据。

回答人：祁鸿声（淙峦理工大学）　回答时间：19:41:15　回答方式：文字回答

回答内容：我补充一点，不如把家里的高柜固定好。
"""


def test_an_exported_qa_panel_asks_under_its_asker_field_and_answers_under_its_answerer_field(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, PANEL, "panel.txt")
    assert answered_with_asker(interview) == [("提问人 峦山区-陈女士", "今晚还敢不敢", "翟书宁"),
                                              ("提问人 匿名", "地震云的说法", "翟书宁"), ("提问人 匿名", "地震云的说法", "祁鸿声")]


WALL = """<html><head><meta name="SiteName" content="共青团泱川市委员会"></head><body><div class="article">
<h1>揭下一张便利贴，就答一个问题</h1>
<p>当晚，团市委副书记禤思齐，市人力资源和社会保障局劳动关系科科长漆明轩来到驿站。</p>
<p>No.01</p>
<p>我们跑外卖的，送餐路上摔伤了，算不算工伤？</p>
<p>——写贴人：外卖骑手 小邝</p>
<p>揭贴人｜市人社局劳动关系科科长 漆明轩</p>
<p>没签劳动合同的骑手，不能按工伤认定，但是有职业伤害保障。</p>
<p>No.02</p>
<p>我只有高中文凭，想读个大专，团委能帮上忙吗？</p>
<p>——写贴人：快递员 小蒙</p>
<p>揭贴人｜团市委副书记 禤思齐</p>
<p>能帮。团市委实施“圆梦计划”，资助新就业形态青年提升学历。</p>
<p>补充｜市人社局劳动关系科科长 漆明轩</p>
<p>读书期间的技能补贴也可以申请。</p>
</div></body></html>"""


def test_notes_signed_under_their_words_are_answered_by_whom_takes_them_down(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, WALL, "wall.html")
    assert answered_with_asker(interview) == [("外卖骑手 小邝", "我们跑外卖的", "漆明轩"), ("快递员 小蒙", "我只有高中文", "禤思齐"),
                                              ("快递员 小蒙", "我只有高中文", "漆明轩")]
    units = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert units["禤思齐"] == "共青团泱川市委员会"
    assert split_place(local_name("共青团泱川市委员会"))[0] == "泱川市"


DOGS = """“狂犬病免疫日”走进河畔社区

市动物疫病预防控制中心副主任满春晖，市公安局泱水分局治安管理大队民警钭建平在现场答疑。

主持人：有问题的，到咨询台来问。

【“豆包”（柯基，2岁）】郑阿姨：我家豆包去年打过狂犬疫苗，今年还要再打吗？
满主任：要打，每年打一次。

【“旺财”（边牧，4岁）】老周：楼下有人遛狗不拴绳，谁来管？
钭警官：遛狗不拴绳是违法行为，可以打110。

【“可乐”（泰迪，1岁）】魏先生：狗要办登记证吗？
钭警官：要办，在“警民通”小程序上办。
"""


def test_askers_tagged_by_their_dog_ask_and_the_tag_is_no_label(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, DOGS, "dogs.txt")
    assert answered(interview) == [("我家豆包去年", "满春晖"), ("楼下有人遛狗", "钭建平"), ("狗要办登记证", "钭建平")]


STARS = """# 观星夜

市科学技术协会党组成员、副主席虞清远，市科学技术馆展教部副部长、天文辅导员盛可岚，淙川市天文爱好者协会会长晁远在现场为大家答疑。

**何一诺（五年级）**：为什么城里看不到银河？

**盛老师**：因为城里太亮了，这叫光污染。

**何一诺的爸爸**：市里有没有天文社团？

**虞副主席**：市科学技术馆每周六下午开设“星空课堂”。

**退休教师 邵老师**：手机能拍星空吗？

**晁会长**：能拍，手机要固定在三脚架上。
"""


def test_experts_called_by_title_are_the_people_the_lead_describes(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, STARS, "stars.md")
    assert answered(interview) == [("为什么城里看", "盛可岚"), ("市里有没有天", "虞清远"), ("手机能拍星空", "晁远")]
    units = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert units == {"盛可岚": "淙川市科学技术馆", "虞清远": "淙川市科学技术协会", "晁远": ""}


@pytest.mark.parametrize(("description", "org", "role"), [
    ("局公务用车管理科科长沃佳宁", "局公务用车管理科", "科长"),
    ("淙峦恒信拍卖有限公司拍卖师仉明远", "淙峦恒信拍卖有限公司", "拍卖师"),
    ("市科学技术馆展教部副部长、天文辅导员盛可岚", "市科学技术馆展教部", "副部长、天文辅导员"),
])
def test_posts_and_surnames_of_the_batch(description: str, org: str, role: str) -> None:
    person = parse_person(description)
    assert person is not None and (person.org, person.role) == (org, role)


def test_a_bare_post_of_a_pupils_counsellor_is_still_no_role_and_rarer_surnames_are_names() -> None:
    assert parse_person("辅导员 黎晓蔓") is None  # a pupils' counsellor signing a proposal (layouts50) is no post
    assert all(is_person_name(name) for name in ("沃佳宁", "禤思齐", "鄂晓婷"))
    assert read_label("何一诺的爸爸").side == "ask" and read_label("退休教师 邵老师").side == "ask"
