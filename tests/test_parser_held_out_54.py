"""61. What the fifty-fourth batch of layouts (held out) found, each rule tested on text of its own, and a numbered
answerer list in the other ways a digest numbers its questions (tests/test_parser_held_out.py holds sections 1 to
36, _30 to _53 sections 37 to 60)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parsing.orgs import fullest, main_unit
from index.parsing.people import parse_person
from index.parsing.speakers import read_label
from tests.parsing_helpers import answered, answered_with_asker, parse_written

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


BADGES = """<html><head><title>春联送上门——桐荫街道活动现场问答_街道动态_汀沅市沅北区人民政府</title>
<meta name="SiteName" content="汀沅市沅北区人民政府"></head><body><div class="article">
<h1>春联送上门——桐荫街道活动现场问答</h1>
<p>1月15日，桐荫街道办事处举办活动。桐荫街道党工委委员、副主任苗建勋，区应急管理局危险化学品安全监督管理科科长祁晓冬到场解答。</p>
<p class="q"><i class="iconfont">&#xe6a3;</i><b>居民 宁大爷：</b>过年到底能不能放鞭炮？</p>
<p class="a"><i class="iconfont">&#xe6a4;</i><b>苗建勋：</b>城区是禁放区，禁放区内一年四季都不能燃放，禁放区以外另有规定。</p>
<p class="q"><i class="iconfont">&#xe6a3;</i><b>居民 方先生：</b>小区门口有人偷偷卖烟花，管不管？</p>
<p class="a"><i class="iconfont">&#xe6a4;</i><b>祁晓冬：</b>管。禁放区内不允许设零售点，请打举报电话。</p>
</div></body></html>"""


def test_icon_font_badges_are_no_text_and_a_district_site_places_its_units(tmp_path: Path) -> None:
    """An icon font's private-use glyph is no part of a label; "区应急管理局" on a district's site is that district's, not
    a zone the text names often (禁放区); a 街道党工委's member holds the 街道办事处's post."""
    interview = parse_written(tmp_path, BADGES, "page.html")
    assert answered(interview) == [("过年到底能不", "苗建勋"), ("小区门口有人", "祁晓冬")]
    assert not any("\ue6a3" in t.asker or "\ue6a4" in t.answerer for t in interview.turns)
    units = {p.speaker: (p.bureau, p.role) for p in interview.passages if p.kind == "answer"}
    assert units == {"苗建勋": ("汀沅市沅北区桐荫街道办事处", "党工委委员、副主任"),
                     "祁晓冬": ("汀沅市沅北区应急管理局", "危险化学品安全监督管理科科长")}


@pytest.mark.parametrize("label", ["志愿者A（医科大学学生，今年3月入库）", "家属B", "市民甲", "集资参与人（登记号G-0235）",
                                   "集资参与人（登记号G-0872，代已故母亲登记）"])
def test_who_asks_under_a_letter_or_a_registration_number_asks(label: str) -> None:
    assert read_label(label).side == "ask"


@pytest.mark.parametrize("label", ["负责人A", "发言人1", "工作人员甲"])
def test_a_post_with_a_letter_is_no_asker(label: str) -> None:
    assert read_label(label).side == "answer"


@pytest.mark.parametrize(("description", "org", "role"), [
    ("市红十字会党组成员、专职副会长　晏清禾", "市红十字会", "党组成员、专职副会长"),
    ("市妇联党组成员、副主席钟慧敏", "市妇联", "党组成员、副主席"),
    ("汀沅云杉智能科技有限公司软件工程师　骆一舟", "汀沅云杉智能科技有限公司", "软件工程师"),
    ("受托审计的汀沅正衡会计师事务所合伙人樊立诚", "受托审计的汀沅正衡会计师事务所", "合伙人"),
    ("基地养护单位汀沅青禾园林工程有限公司养护项目经理桂长生", "汀沅青禾园林工程有限公司", "养护项目经理"),
    ("某物业公司项目经理王军", "某物业公司", "项目经理"),
    ("班主任 秦岚", None, "班主任"),
])
def test_posts_of_people_organisations_firms_and_schools(description: str, org: str | None, role: str) -> None:
    person = parse_person(description)
    assert person is not None and (person.org, person.role) == (org, role)


def test_two_units_joined_are_no_longer_name_of_either_and_a_blood_stations_lab_is_the_station() -> None:
    text = "市红十字会和市卫生健康委员会举办联谊会。市中心血站HLA配型实验室主任作答。"
    assert fullest("市红十字会", text, ("汀沅市",)) == "市红十字会"
    assert main_unit("市中心血站HLA配型实验室") == "市中心血站"
    assert main_unit("市中心血站检验科") == "市中心血站"


CLASS = """# 结业典礼上，学员把问题问给了“娘家人”

结业典礼留出一个小时给学员提问。市妇联党组成员、副主席钟慧敏，汀沅巾帼家政服务有限公司总经理贺春燕来到现场。培训班班主任秦岚主持。

**班主任 秦岚**：姐妹们，证书拿到了，有什么想问的尽管问。

**学员 温秀芝**（沅北区，46岁）

> 贺总好！我想问问，新手月嫂到手大概能挣多少钱？

**贺总**：刚拿证的新手月嫂，一单26天，到手一般在7200元左右。

**学员 鲁小燕**（沅北区，35岁）

> 我一个人带孩子，上户了孩子没人管怎么办？

**钟副主席**：市妇联在社区建了“儿童之家”，放学以后免费托管。

**班主任 秦岚**：时间差不多了，咱们拍毕业照去！
"""


def test_an_askers_name_on_its_own_line_over_a_quote_asks_and_the_host_the_lead_names_answers_nothing(
        tmp_path: Path) -> None:
    interview = parse_written(tmp_path, CLASS, "class.md")
    assert answered_with_asker(interview) == [("学员 温秀芝", "我想问问，新", "贺春燕"), ("学员 鲁小燕", "我一个人带孩", "钟慧敏")]
    assert not any(p.speaker == "秦岚" for p in interview.passages if p.kind == "answer")


TREES = """植树节里的“树下问答”

市园林绿化局副局长房静秋，局绿化管理处处长封晓岚现场回答问题，局机关团委书记余小满主持。括号里是扩音器的去向。

（扩音器在余小满手里）

今天大家辛苦了，有问题尽管问。

（扩音器传给前排一位带着孩子的妈妈，她姓沈）

我和孩子今天种了两棵桂花，这样算不算完成了义务植树？

（扩音器递给封晓岚）

算。适龄公民每人每年义务植树3至5棵。

（扩音器传给一位中年男士）

小区楼前的大樟树挡光，能不能砍？

（扩音器回到余小满手里）

这个问题我们记下了，会后专门上门看。

（扩音器传给一位大爷）

老城能不能多建几个小公园？

（余小满把扩音器递给房静秋）

今年全市要新建口袋公园32个。
"""


def test_the_microphone_notes_say_who_speaks(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, TREES, "trees.txt")
    assert answered(interview) == [("我和孩子今天", "封晓岚"), ("老城能不能多", "房静秋")]
    assert not any("扩音器" in p.text for p in interview.passages if p.kind == "answer")
