"""58. What the fifty-first batch of layouts (held out) found, each rule tested on text of its own: a fishing port's
meeting on a boat's deck, a 行政复议 hearing, a ward round answering patients by bed, a site visit answering workers,
and students' interview of a bureau that calls its officials 雷局 and 汤科 (tests/test_parser_held_out.py holds
sections 1 to 36, _30 to _50 sections 37 to 57)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.orgs import is_unit_name, main_unit
from index.parsing.people import parse_person, short_title
from index.parsing.speakers import read_label
from index.text import to_simplified
from tests.parsing_helpers import answered, parse_written


def test_a_character_whose_simplified_form_no_one_types_stays_as_written() -> None:
    assert to_simplified("潕河") == "潕河" and to_simplified("專訪") == "专访"


HEARING = """滘川市人民政府行政复议公开听审实录（摘编）

发布单位：滘川市司法局　发布日期：2028年6月25日

听审时间：2028年6月18日14:30
主审人：滘川市司法局行政复议科科长 倪清岚
申请人：何某某
申请人委托代理人：邓晓川（滘川海澄律师事务所律师）
被申请人：滘川市市场监督管理局
被申请人代理人：庞书衡（市市场监督管理局法规科科长）

主审人：请被申请人说明，本案罚款5万元的依据是什么？

被申请人代理人 庞书衡：本案适用食品安全法第一百二十四条，5万元是法定罚款幅度的下限。

申请人代理人 邓晓川：请问被申请人，另一家便利店只罚了5000元，为什么差别这么大？

被申请人代理人 庞书衡：那起案件查出的是散装糕点，适用的是另一条规定。
"""


def test_at_a_hearing_the_respondents_agent_answers_for_the_unit_under_review(tmp_path: Path) -> None:
    assert read_label("主审人").side == "ask" and read_label("申请人 何某某").side == "ask"
    interview = parse_written(tmp_path, HEARING, "hearing.txt")
    assert answered(interview) == [("请被申请人说", "庞书衡"), ("请问被申请人", "庞书衡")]
    assert interview.metadata.bureau == "滘川市市场监督管理局"  # who answers, not the 司法局 that publishes the record


DECK = """开渔在即，这场“船头会”开在了渔港的甲板上

原创　滘川海洋渔业　2028年8月28日

8月26日下午，市海洋与渔业局党组成员、副局长阮海澄，局渔政支队支队长鲍启帆，市气象局海洋气象台副台长俞晓岚，以及市渔业互保协会秘书长邝国梁来到渔港。

**滘渔60218 船老大 蒋海生**：阮局长，今年开渔到底是哪天？

**阮副局长**：拖网渔船9月16日12时开渔，其他作业类型9月1日12时开渔。

**滘渔61502 船员 杨小满**：北斗终端坏了，开渔前能修好吗？

**鲍支队长**：渔港设了2个维修点，8月30日前免费检修。

**滘渔60377 船老大 滕广才**：俞台长，海上收不到手机信号，天气预报去哪里听？

**俞副台长**：海岸电台的甚高频16频道每天6:00和18:00各广播一次。

**滘渔运01137 渔嫂 周阿英**：船员互保今年涨没涨？

**邝秘书长**：互保费今年没有涨，船员人身意外互保每人每年380元。

滘川市海洋与渔业局　供稿
"""


def test_fishermen_by_their_boats_number_ask_and_a_bureaus_own_section_is_its(tmp_path: Path) -> None:
    assert read_label("滘渔60218 船老大 蒋海生").side == "ask"
    assert short_title("俞副台长") == ("俞", "副台长") and main_unit("市气象局海洋气象台") == "市气象局"
    interview = parse_written(tmp_path, DECK, "deck.md")
    assert [who for _, who in answered(interview)] == ["阮海澄", "鲍启帆", "俞晓岚", "邝国梁"]
    units = {p.speaker: (p.bureau, p.role) for p in interview.passages if p.kind == "answer"}
    assert units["鲍启帆"] == ("滘川市海洋与渔业局", "渔政支队支队长")  # "局渔政支队": the 局 named before it
    assert units["阮海澄"] == ("滘川市海洋与渔业局", "党组成员、副局长")  # "……局党组成员、副局长阮海澄": the unit too
    assert units["邝国梁"][1] == "市渔业互保协会秘书长"  # "以及" is no part of the unit
    assert interview.metadata.bureau == "滘川市海洋与渔业局"  # "开渔后市海洋与渔业局": no city 渔后市


WARD = """“医保服务进病房”床旁答疑记录

滘川市医疗保障局　2028年4月18日

答疑人员：市医疗保障局待遇保障科科长　温若溪；滘川市第一人民医院医保办主任　贝思齐

12床家属（刘女士）：我爸这次放了一个心脏支架，住院医保大概能报多少？

温科长：在职职工报销85%，退休人员报销90%。

贝主任：我补充一下，出院时在医院一楼的一站式结算窗口直接结算。

8床患者（卢阿婆）：我是低保户，医保报完了剩下的拿不出来，怎么办？

温科长：医疗救助按70%给予救助，年度救助限额3万元。
"""


def test_patients_by_their_bed_ask_and_a_hospitals_office_speaks_for_the_hospital(tmp_path: Path) -> None:
    assert read_label("12床家属（刘女士）").side == "ask"
    assert main_unit("滘川市第一人民医院医保办") == "滘川市第一人民医院"
    interview = parse_written(tmp_path, WARD, "ward.txt")
    assert answered(interview) == [("我爸这次放了", "温若溪"), ("我爸这次放了", "贝思齐"), ("我是低保户，", "温若溪")]
    units = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert units["贝思齐"] == "滘川市第一人民医院"


def test_a_greeting_to_the_officials_and_a_main_contractors_part_are_no_part_of_what_follows() -> None:
    assert parse_person("总承包单位滘川建工集团有限公司项目经理晏志强") == parse_person("滘川建工集团有限公司项目经理晏志强")
    from index.parsing.turns import _LEADING_GREETING
    assert _LEADING_GREETING.sub("", "领导好！我想问一下，工资卡能不能自己拿？") == "我想问一下，工资卡能不能自己拿？"


PRACTICE = """“三下乡”社会实践｜实践团访谈市农业农村局记录

发布时间：2028-07-19　　来源：文学院实践团

访谈时间：2028年7月15日 15:00
受访人：滘川市农业农村局党组成员、副局长 雷振川
访谈人：林小禾（文学院2026级汉语言文学）、周子墨（农学院2027级农学）

整理说明：按照采访时的称呼，受访人简称为“雷局”。

林小禾：雷局，全市现在建了多少高标准农田？

雷局：到2027年底，全市累计建成高标准农田86.5万亩。

周子墨：大学生返乡创业有哪些扶持？

雷局：领取营业执照并正常经营6个月以上的，给予1万元补贴。

林小禾：谢谢雷局，今天收获很大！

雷局：欢迎你们常来。
"""


def test_an_official_called_by_surname_and_a_clipped_post_and_the_interviewers_ask(tmp_path: Path) -> None:
    assert short_title("雷局") == ("雷", "局长") and short_title("汤科") == ("汤", "科长")
    assert not is_unit_name("雷局") and is_unit_name("分局")
    interview = parse_written(tmp_path, PRACTICE, "practice.txt")
    # the interviewers' closing thanks ask nothing, though the record names them as who asks
    assert answered(interview) == [("雷局，全市现", "雷振川"), ("大学生返乡创", "雷振川")]
    assert interview.metadata.bureau == "滘川市农业农村局"


def test_a_rule_stays_a_line_of_its_own_in_a_hard_wrapped_copy_and_a_read_count_is_a_header_field() -> None:
    from index.parsing.header import read_fields
    from index.parsing.reflow import unwrap
    full = "这是一段被硬换行切开的很长很长的正文内容，它在第三十八个字符处被切开了"
    text = "\n".join([full[:38]] * 6 + ["─" * 38, "─" * 10, "下一段开头", full[:38], "─" * 20])
    lines = unwrap(text, lambda line: False).split("\n")
    assert "─" * 48 in lines and "─" * 20 in lines  # a rule cut in two is one again, and no rule joins words
    assert not any("─" in line and line.strip("─") for line in lines)
    assert read_fields("　阅读：847") == [("other", "847")]  # a read count cut onto a line of its own
