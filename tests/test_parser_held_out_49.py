"""56. What the forty-ninth batch of layouts (held out) found, each rule tested on text of its own: a portal's 回应关切
page, an online Q&A whose askers are labelled by where they live, a book's interviews by declared marks, officials
moving from table to table at a media tea, a deck of knowledge cards, and a subtitle naming two interviewees
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _48 sections 37 to 55)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.declared import declared_marks
from index.parsing.metadata import is_boilerplate
from index.parsing.speakers import read_label
from tests.parsing_helpers import answered_with_asker, parse_written


CONCERNS = """# 回应关切｜网民近期关心的这些事（第2期）

发布时间：2027-09-03　来源：湔崦市人民政府办公室

说明：“回应主体”为作出回应的单位。

### 关切一

**网民关切：**湔河大桥晚上为什么总是封一半车道？

**回应主体：湔崦市交通运输局**

**回应：**湔河大桥正在更换伸缩缝，夜间22:00至次日6:00封闭半幅，9月20日前完工。

### 关切二

**网民关切：**崦山公园的厕所什么时候能修好？

**回应主体：湔崦市城市管理局**

**回应：**崦山公园北门公厕已列入改造计划，10月底前重新开放。

**回应主体：湔崦市园林局**

**回应：**改造期间公园东门增设2座移动公厕。

### 关切三

**网民关切：**新开的夜市太吵了，有没有人管？

**回应主体：**相关部门正在核实，核实结果将在下一期公布。
"""


def test_a_concern_is_answered_by_each_unit_its_response_field_names(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, CONCERNS)
    assert read_label("网民关切").side == "ask"
    assert answered_with_asker(interview) == [("网民关切", "湔河大桥晚上", "湔崦市交通运输局"),
                                    ("网民关切", "崦山公园的厕", "湔崦市城市管理局"),
                                    ("网民关切", "崦山公园的厕", "湔崦市园林局")]
    answers = [p.text for p in interview.passages if p.kind == "answer"]
    assert answers[0].startswith("湔河大桥正在更换")  # the bold around the key is no part of the answer
    # a field that names no unit but where the answer stands answers nothing, and is no one's words
    assert not any("正在核实" in text for text in answers)
    assert interview.metadata.bureau == "湔崦市交通运输局"


CLOUD_QA = """“湔”见家乡·云端答疑会实录

来源：湔崦市人民政府外事办公室

出席嘉宾：湔崦市人民政府外事办公室副主任 严可期；湔崦市公安局出入境管理支队支队长 裴远山

主持人：各位侨胞朋友，欢迎来到云端答疑会。今天我们请来了市外办、市公安局出入境管理支队、市不动产登记中心和市教育局四个方面的嘉宾，集中回答大家回乡办事遇到的问题。

主持人：请严副主任先介绍一下，今年为侨服务有哪些新举措？

严可期：今年我们在市民中心开设了为侨服务专窗，侨胞回乡办事可以一次性咨询、一次性递交材料。

🌐 旅居 加拿大·温哥华 ｜ 当地时间 09:10 ｜ 何女士

我的护照快到期了，必须回国换吗？

裴远山：何女士您好，可以通过“中国领事”APP向驻外使领馆申请换发，不需要回国。

🌐 旅居 德国·汉堡 ｜ 当地时间 02:15 ｜ 葛先生

孩子回国上学要考试吗？

严可期：葛先生，义务教育阶段不需要入学考试，按居住地就近安排。
"""


def test_the_hosts_introduction_of_the_guests_is_no_part_of_the_question(tmp_path: Path) -> None:
    turns = answered_with_asker(parse_written(tmp_path, CLOUD_QA, "cloud.txt"))
    assert turns[0][1:] == ("请严副主任先", "严可期")


def test_an_askers_line_of_parts_with_who_last_labels_the_words_below_it(tmp_path: Path) -> None:
    turns = answered_with_asker(parse_written(tmp_path, CLOUD_QA, "cloud.txt"))
    assert turns[1:] == [("何女士", "我的护照快到", "裴远山"), ("葛先生", "孩子回国上学", "严可期")]


BOOK = """第三章　老城里的新日子
——访湔崦市住房和城乡建设局局长柏青阳、湔崦市自然资源和规划局副局长calendar
""".replace("calendar", "戚晓岚") + """
（本章为测试用虚构材料。）

体例说明：本章中，“■”为采访者提问，“□”为柏青阳的回答，“◇”为戚晓岚的回答。

■　老旧小区改造推进到什么程度了？

□　全市累计改造了312个小区，今年再改造86个。

■　历史街区还能不能拆？

◇　已挂牌保护的历史建筑只能修缮，不能拆除。

□　我补充一点，改造前都要入户征求意见。

■　钱从哪里来？

□　中央补助、地方财政和居民出资几方面一起出。
"""


def test_marks_a_book_declares_are_its_speakers_and_a_subtitle_naming_two_gives_the_first(tmp_path: Path) -> None:
    assert declared_marks("“■”为采访者提问，“□”为柏青阳的回答，“◇”为戚晓岚的回答。") == \
        {"■": "问", "□": "柏青阳", "◇": "戚晓岚"}
    assert declared_marks("“■”为柏青阳的回答") == {}  # no side that asks: nothing declared
    interview = parse_written(tmp_path, BOOK, "book.txt")
    assert [(q, who) for _, q, who in answered_with_asker(interview)] == [
        ("老旧小区改造", "柏青阳"), ("历史街区还能", "戚晓岚"), ("历史街区还能", "柏青阳"), ("钱从哪里来？", "柏青阳")]
    assert interview.metadata.bureau == "湔崦市住房和城乡建设局"  # the first one the subtitle names
    bureaus = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert bureaus == {"柏青阳": "湔崦市住房和城乡建设局", "戚晓岚": "湔崦市自然资源和规划局"}


TEA = """湔崦新闻网 | 首页 | 时政 | 民生 | 视频
当前位置：首页 > 时政 > 正文
==================================================

新春媒体茶叙会实录：局长们转桌，记者们边喝边问

发布时间：2027-02-10 17:00　　来源：湔崦新闻网

（本文为测试用虚构材料。）

茶叙会现场摆了3张茶桌，部门负责人按顺序转桌，文中“局长”“副局长”即当轮在该桌入座的负责人。

【第一轮｜1号桌】入座：市交通运输局局长 沙文渊

湔崦日报 陶冉：
地铁1号线什么时候开通？

局长：
按计划9月30日前开通初期运营。

【第一轮｜2号桌】入座：市文化和旅游局局长 甄若川、市商务局副局长 庾嘉

湔崦晚报 barrow：
春节有什么活动？发不发消费券？

局长：
湔河灯会从除夕到元宵节每晚亮灯。

副局长：
消费券总额2000万元，分两批发放。

【第二轮｜1号桌】入座：市医疗保障局副局长 滕秋白

湔崦日报 陶冉：
医保个人缴费今年涨不涨？

副局长：
今年每人每年380元，和去年持平。
""".replace("barrow", "边小禾")


def test_a_bare_post_is_the_official_seated_at_that_table_and_a_papers_reporter_asks(tmp_path: Path) -> None:
    assert read_label("湔崦日报 陶冉").side == "ask"
    interview = parse_written(tmp_path, TEA, "tea.txt")
    assert [(who, q) for who, q, _ in answered_with_asker(interview)][0] == ("湔崦日报 陶冉", "地铁1号线什")
    assert [answerer for _, _, answerer in answered_with_asker(interview)] == ["沙文渊", "甄若川", "庾嘉", "滕秋白"]
    bureaus = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert bureaus["庾嘉"] == "湔崦市商务局" and bureaus["滕秋白"] == "湔崦市医疗保障局"
    assert not any("入座：" in p.text for p in interview.passages)  # a seating line is no one's words


def test_a_headline_under_a_sites_nav_bar_and_rule_is_the_title_not_a_label(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, TEA, "tea.txt")
    assert interview.metadata.title == "新春媒体茶叙会实录：局长们转桌，记者们边喝边问"
    assert interview.metadata.bureau == "湔崦市交通运输局"  # the city from the site, once the header is read


def test_a_knowledge_cards_indices_are_page_furniture() -> None:
    assert is_boilerplate("黑桃A黑桃2") and is_boilerplate("红桃K小王") and is_boilerplate("大王")
    assert is_boilerplate("方块10")
    assert not is_boilerplate("黑桃A是什么意思？") and not is_boilerplate("大王庄村")
