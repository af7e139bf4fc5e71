"""57. What the fiftieth batch of layouts (held out) found, each rule tested on text of its own: a bureau chief's
ride-along on a bus, a portal's poll with residents' comments and units' replies, pupils' proposals answered by signed
letters, an investors' Q&A on bonds, and a signed article that answers the questions "people" ask
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _49 sections 37 to 56)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.people import is_person_name, parse_person
from index.parsing.speakers import find_label, read_label
from tests.parsing_helpers import answered, parse_written


def test_an_investor_asks_under_a_numbered_question_and_a_project_units_manager_is_the_companys() -> None:
    assert read_label("问题2（禾丰银行金融市场部）").side == "ask"
    assert parse_person("项目单位滘港集团有限公司副总经理闻少川") == parse_person("滘港集团有限公司副总经理闻少川")
    # "……，和市公交集团副总经理邰晓彤一道": the unit after 和
    assert parse_person("和市公交集团副总经理邰晓彤").org == "市公交集团"


def test_what_people_are_said_to_worry_about_or_care_about_is_asked() -> None:
    for label in ("也有人担心", "更多的人关心", "有人问"):
        assert read_label(label).side == "ask", label


POLL = """关于“课后服务”网上调查的结果反馈

发布时间：2027-03-28　　来源：滘川市人民政府办公室

说明：网民昵称后括号内为其投票选项；回应由发起单位商请有关部门作出。

【意见1】网民“梧桐巷的猫”（选B．18:00）：
学校课后服务17:30就结束了，我们下班赶不回来，能不能延长？
【回应部门：滘川市教育局】
从春季学期起，课后服务结束时间原则上不早于18:00。

【意见2】网民“青梧听雨”（选A．17:30）：
老师们的课后服务补贴有没有保障？
【回应情况】
该意见已转有关部门研究，研究结果将在下一期结果反馈中公布。

【意见3】网民“二宝爸爸”（未投票）：
课后服务费请假了能退吗？
【回应部门：滘川市教育局】
连续请假超过两周的，可凭请假记录申请退费。
"""


def test_a_comment_under_its_number_asks_and_the_unit_in_the_reply_field_answers(tmp_path: Path) -> None:
    label = find_label("【意见1】网民“梧桐巷的猫”（选B．18:00）：")
    assert label is not None and read_label(label.name).side == "ask" and "梧桐巷的猫" in label.name
    interview = parse_written(tmp_path, POLL, "poll.txt")
    assert answered(interview) == [("学校课后服务", "滘川市教育局"), ("课后服务费请", "滘川市教育局")]
    # a reply that names no unit but says the matter is being studied answers nothing and is no one's words
    assert not any("转有关部门研究" in p.text for p in interview.passages if p.kind == "answer")


RIDE = """局长坐公交｜跟着市交通运输局局长柏文川坐一趟28路

来源：滘川广播电视台

4月15日早上，市交通运输局党组书记、局长柏文川登上28路公交车，和市公交集团副总经理邰晓彤一道，随车听乘客说说坐公交的难处。

🚏 07:58　桂园站

〔桂园站上车〕拎着菜篮的周阿姨：我今年六十八了，老年卡以后坐车是不是要收钱了？

柏文川：阿姨您放心，65周岁以上的老人继续免费乘坐。

🚏 08:07　青梧路口

〔驾驶座〕28路驾驶员 冉国栋：局长，我也问一个。青梧路口这个站能不能往后挪一挪？

柏文川：这个点已经列进今年的站点整治清单，6月底前后移40米。

〔市二院站上车〕抱着孩子的邬女士：扫码乘车老是扫不上，是手机的问题吗？

邰晓彤：主要是车上的扫码机具老化了，今年更换410台。
"""


def test_a_passenger_by_the_stop_they_boarded_at_and_the_driver_ask(tmp_path: Path) -> None:
    assert not is_person_name("桂园站")  # a stop, not a name
    for line in ("〔桂园站上车〕拎着菜篮的周阿姨：我今年", "〔驾驶座〕28路驾驶员 冉国栋：局长"):
        label = find_label(line)
        assert label is not None and read_label(label.name).side == "ask", line
    interview = parse_written(tmp_path, RIDE, "ride.txt")
    assert answered(interview) == [("我今年六十八", "柏文川"), ("局长，我也问", "柏文川"), ("扫码乘车老是", "邰晓彤")]
    roles = {p.speaker: p.role for p in interview.passages if p.kind == "answer"}
    assert roles["邰晓彤"] == "市公交集团副总经理"


PROPOSALS = """2027年滘川市“红领巾小提案”办理情况回复汇编

共青团滘川市委员会　滘川市少先队工作委员会　　2027年6月1日

重点小提案第3号　让上学路上的人行道“空”出来

承办单位\t滘川市城市管理局

提案内容：

校门口的人行道上停满了电动车，我们只能走到机动车道上。人行道为什么可以停车？

办理回复：

亲爱的姚小芽同学：

你们好！我们已经撤销了校门口南侧人行道上的46个临时停车泊位。

你们的建议我们采纳了：5月底前在校门口安装隔离护栏。

滘川市城市管理局

2027年5月6日

重点小提案第11号　希望博物馆多开展讲解

承办单位\t滘川市文化广电和旅游局

提案内容：

博物馆能不能给小学生免费讲解？

办理回复：

亲爱的柯沐阳同学：

你们好！从今年6月1日起，博物馆对中小学生团体提供免费讲解。

滘川市文化广电和旅游局

2027年5月18日

重点小提案第18号　书包太重了

承办单位\t滘川市教育局、滘川市卫生健康委员会

提案内容：

书包能不能轻一点？近视了应该怎么办？

办理回复：

亲爱的邝一凡同学：

你们好！今年秋季学期起每个教室配备储物柜。

滘川市教育局

2027年5月25日

邝一凡同学：

你们好！关于近视防控，全市中小学生每年免费视力筛查两次。

滘川市卫生健康委员会

2027年5月27日

重点小提案第20号　公园的厕所太少

承办单位\t滘川市城市管理局

提案内容：

公园里能不能多建几个厕所？

办理回复：

亲爱的彭子涵同学：

你们好！今年公园新建公厕6座。

滘川市城市管理局

2027年5月30日
"""


def test_reply_letters_are_each_the_unit_that_signs_and_dates_them(tmp_path: Path) -> None:
    assert read_label("提案内容").side == "ask"
    assert find_label("你们的建议我们采纳了：5月底前在校门口安装隔离护栏。") is None  # a clause, no one's label
    interview = parse_written(tmp_path, PROPOSALS, "proposals.txt")
    assert answered(interview) == [("校门口的人行", "滘川市城市管理局"), ("博物馆能不能", "滘川市文化广电和旅游局"),
                                    ("书包能不能轻", "滘川市教育局"), ("书包能不能轻", "滘川市卫生健康委员会"),
                                    ("公园里能不能", "滘川市城市管理局")]
    # the issuer answers nothing: the unit that signs most replies is the page's, not the last letter's signer
    assert interview.metadata.bureau == "滘川市城市管理局"
