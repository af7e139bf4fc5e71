"""52. What the forty-fifth batch of layouts (held out) found, each rule tested on text of its own: a procuratorate's
lesson answering pupils' slips, a 政协 委员会客厅, a court's 判后答疑 record, a director's Vlog and a 诉前磋商
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _44 sections 37 to 51)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.orgs import main_unit
from index.parsing.parser import parse_file, parse_text
from index.parsing.speakers import find_label, read_label

LESSON = """# 开学第一课｜法治副校长答同学们的小纸条

来源：汶澜市人民检察院

9月1日，汶澜一中上了一堂“开学第一课”，课上由德育处主任许晓棠现场抽读纸条。

**本堂课答疑人：**

- 汶澜市人民检察院第九检察部副主任、检察官　林岚（汶澜一中法治副校长）
- 市公安局东湖分局湖滨派出所社区民警　周书航

**📮 第1张纸条**（初二年级 · 匿名）

> 偷偷用我妈手机充了800块游戏钱，能要回来吗？

**🎙 林老师**：能。家长可以凭支付记录找游戏公司申请退款。

**📮 第2张纸条**（初一年级 · 匿名）

> 有人在班级群里P我的丑照，算违法吗？

**🎙 周警官**：算，可以处5日以下拘留。

**🙋 初三（6）班 小骆同学**（举手提问）：帮别人“跑分”一天能赚300块，是真的吗？

**🎙 周警官**：不是真的，这是诈骗。

许晓棠：今天的纸条就读到这里，两位老师会分批回复。谢谢两位！
"""


def test_pupils_slips_ask_and_the_officials_are_called_by_what_pupils_call_them(tmp_path: Path) -> None:
    path = tmp_path / "lesson.md"
    path.write_text(LESSON, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市人民检察院"  # not its 第九检察部
    turns = [(t.asker, t.answerer, t.question[:6]) for t in interview.turns if t.answer and t.question]
    assert turns == [("提问 第1张纸条", "林岚", "偷偷用我妈手"), ("提问 第2张纸条", "周书航", "有人在班级群"),
                     ("初三（6）班 小骆同学", "周书航", "帮别人“跑分")]  # a pupil by class asks as written; the host's closing answers nothing
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("林岚", "汶澜市人民检察院"), ("周书航", "汶澜市公安局")}


def test_a_procuratorates_and_a_courts_sections_are_theirs() -> None:
    assert main_unit("汶澜市人民检察院第九检察部") == "汶澜市人民检察院"


SALON = """汶澜政协网　　首页 | 政协动态 | 协商议政 | 委员会客厅 | 提案工作 | 委员风采
【委员会客厅】电动自行车充电难怎么破？
客厅主人：
　　市政协委员　何静（民进界，汶澜职业技术学院副教授）
部门嘉宾：
　　汶澜市住房和城乡建设局党组成员、副局长　苏振川
群众代表：社区居民、物业企业负责人等12人
东湖社区居民 戴阿姨：
楼下就3个充电口，根本充不上，到底让我们在哪充？
市住建局 苏振川：
今年全市计划新建充电端口2万个，东湖社区9月前加装40个。
【民进界】何静委员：
老旧小区没地方建车棚，有什么办法？
市住建局 苏振川：
可以利用围墙边的绿化带做嵌入式车棚。
安居物业项目经理 严旭：
业主把车推进电梯，物业有没有权力管？
苏副局长：
有，物业发现了可以劝阻并报告。
"""


def test_a_salons_members_by_sector_and_a_property_manager_not_among_the_guests_ask(tmp_path: Path) -> None:
    path = tmp_path / "salon.txt"
    path.write_text(SALON, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市住房和城乡建设局"
    assert interview.metadata.title == "【委员会客厅】电动自行车充电难怎么破？"  # 委员会客厅 is no 厅
    turns = [(t.asker, t.question[:6]) for t in interview.turns if t.answer and t.question]
    assert turns == [("东湖社区居民 戴阿姨", "楼下就3个充"), ("何静委员", "老旧小区没地"), ("群众 安居物业项目经理 严旭", "业主把车推进")]
    assert {p.speaker for p in interview.passages if p.kind == "answer"} == {"苏振川"}


RECORD = """判后答疑笔录（节录）
案　　由\t物业服务合同纠纷
答疑地点\t汶澜市中级人民法院诉讼服务中心判后答疑室
答疑法官\t林明澜（民事审判第三庭副庭长、审判长）
参加人员\t葛松年（执行局执行实施一处法官）
说明：笔录中“法”指答疑法官林明澜，“执”指执行局法官葛松年，“郑”指上诉人郑某某。
答疑记录
郑：为什么还判我交物业费？
法：二审查明物业没有及时维修电梯，所以物业费减了三成。
郑：判决以后不交会怎样？
执：期限届满不交的，对方可以申请强制执行。
"""


def test_a_courts_record_by_one_letter_labels_reads_each_as_whom_its_note_names(tmp_path: Path) -> None:
    path = tmp_path / "record.txt"
    path.write_text(RECORD, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市中级人民法院"  # the court its 庭 and 执行局 answer for
    turns = [(t.asker, t.answerer) for t in interview.turns if t.answer and t.question]
    assert turns == [("上诉人郑某某", "林明澜"), ("上诉人郑某某", "葛松年")]
    assert {p.bureau for p in interview.passages if p.kind == "answer"} == {"汶澜市中级人民法院"}


def test_a_lawsuits_parties_ask() -> None:
    for label in ("上诉人郑某某", "被上诉人的委托诉讼代理人邢某", "原告王某"):
        assert read_label(label).side == "ask", label


VLOG = """【局长Vlog】第7期｜跟着局长坐一趟夜班公交
本期出镜：汶澜市交通运输局党组书记、局长 聂远航（片中“我”）
我：今天不当局长，当一回乘客。
乘客 大姐：以后能一直开这么晚吗？
我：能。N3路每天23点到次日1点运营。
驾驶员 任师傅（汶澜公交集团N3路）：夜班补贴能不能提一提？
我：从8月起每个班次的补贴从60元提高到90元。
扫码在手机上观看
"""


def test_a_vlogs_i_is_whom_its_credits_name_and_a_driver_addressed_as_shifu_asks() -> None:
    interview = parse_text(VLOG)
    turns = [(t.asker, t.answerer, t.question[:6]) for t in interview.turns if t.answer and t.question]
    assert turns == [("乘客 大姐", "聂远航", "以后能一直开"), ("驾驶员 任师傅（汶澜公交集团N3路）", "聂远航", "夜班补贴能不")]
    assert not any("扫码" in p.text for p in interview.passages)


CONSULTATION = """诉前磋商会实录
主 持 人：汶澜市人民检察院第八检察部主任 何若川
承办检察官：汶澜市人民检察院第八检察部检察官 汪霁
磋商对象：汶澜市水务局党组成员、副局长 俞望之
人民监督员：蔺秋生
何若川：现在开始磋商。
汪霁：今年6月，我院发现濯河沿岸有11个私设排污口。
汪霁：请问水务局，这11个排口下一步怎么处理？
俞望之：7个年底前封堵，其余4个纳入雨污分流改造。
蔺秋生（人民监督员）：整改做完了，老百姓怎么知道？
俞望之：每个排口都会立公示牌。
"""


def test_a_prosecutor_named_in_the_header_asks_and_a_report_before_the_question_is_no_part_of_it(tmp_path: Path) -> None:
    path = tmp_path / "consultation.txt"
    path.write_text(CONSULTATION, encoding="utf-8")
    interview = parse_file(path, path.name)
    turns = [(t.asker, t.answerer, t.question[:6]) for t in interview.turns if t.answer and t.question]
    assert turns == [("提问人 汪霁", "俞望之", "请问水务局，"), ("提问人 蔺秋生（人民监督员）", "俞望之", "整改做完了，")]


def test_a_foreign_or_sector_tag_gives_way_to_the_label_after_it() -> None:
    label = find_label("【民进界】何静委员：老旧小区没地方建车棚？")
    assert label is not None and label.name == "何静委员" and read_label(label.name).side == "ask"
