"""51. What the forty-fourth batch of layouts (held out) found, each rule tested on text of its own: a 督察 complaints
table, a hospital's patients' club on a 卫健委 account, a briefing recorded by seat number, a forum of foreign
residents and a summary whose answers are told apart by colour (tests/test_parser_held_out.py holds sections 1 to
36, _30 to _43 sections 37 to 50)."""

from __future__ import annotations

import io
from pathlib import Path

from index.parsing.colour_key import colour_legend, colour_word, with_answerer
from index.parsing.orgs import main_unit
from index.parsing.parser import parse_file, parse_text

SEATS = """汶澜市东湖片区房屋征收补偿方案政策说明会会议记录
（本文件为虚构示例。）
席位表
  1号席　主持人　汶澜市东湖区人民政府副区长　罗振东
  2号席　汶澜市住房和城乡建设局副局长　韩立言
  3号席　汶澜市自然资源和规划局东湖分局局长　汤远山
  4号席　汶澜恒信房地产土地评估有限公司注册房地产估价师　叶青
〔1号席〕：各位居民，下午好。先请2号席把方案的主要内容介绍一下。
〔2号席〕：好的。这次征收涉及房屋420户，补偿方式有货币补偿和产权调换两种。
〔举牌8号〕：评估价是怎么定的？
〔4号席〕：评估的是类似房地产的市场价格，估价时点是征收决定公告之日。
〔举牌12号〕：临街开小卖部的住宅能不能按商铺赔？
〔3号席〕：按登记的用途认定，证上写住宅的按住宅认定。
〔2号席〕（补充）：符合条件的另给住宅评估价20%的补助。
"""


def test_a_record_by_seat_number_reads_each_seat_as_the_person_its_table_seats_there(tmp_path: Path) -> None:
    path = tmp_path / "seats.txt"
    path.write_text(SEATS, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市住房和城乡建设局"
    turns = [(t.asker, t.answerer, t.question) for t in interview.turns if t.answer and t.question]
    assert turns == [("举牌8号", "叶青", "评估价是怎么定的？"), ("举牌12号", "汤远山", "临街开小卖部的住宅能不能按商铺赔？"),
                     ("举牌12号", "韩立言", "临街开小卖部的住宅能不能按商铺赔？")]
    answers = {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer" and p.question}
    # a company's valuer speaks for no bureau; a 分局 is its city bureau's
    assert answers == {("叶青", "汶澜恒信房地产土地评估有限公司注册房地产估价师", ""), ("汤远山", "东湖分局局长", "汶澜市自然资源和规划局"),
                       ("韩立言", "副局长", "汶澜市住房和城乡建设局")}
    assert not any(p.text.startswith("（补充）") for p in interview.passages)


def test_a_district_branch_of_a_city_bureau_is_that_bureaus_and_a_hospitals_department_the_hospitals() -> None:
    assert main_unit("汶澜市自然资源和规划局东湖分局") == "汶澜市自然资源和规划局"
    assert main_unit("国家金融监督管理总局汶澜监管分局") == "国家金融监督管理总局汶澜监管分局"  # a 总局's own branch
    assert main_unit("汶澜市中心医院内分泌科") == "汶澜市中心医院"  # not 汶澜市中心: downtown is no unit


CLUB = """# 病友会｜医生、医保的同志当场作答

来源：汶澜市卫生健康委员会

> 本文为虚构示例。

**本期到场答疑的有：**

- 汶澜市中心医院心内科主任、主任医师　林淑华
- 市医疗保障局待遇保障科副科长　严明

**糖友 老周**

我的降压药每个月三百多，门诊能报吗？

**医保局严科长**

高血压属于门诊慢特病，认定以后门诊用药按60%报销。

**糖友家属 何阿姨**

血压早上高晚上低，药什么时候吃？

**林主任**

早上起床后空腹吃，一天一次，别自己加量。

**医保局严科长**

降压药在社区医院也能开，报销比例一样。

**林主任补充**

每天早晚各量一次血压，记下来复诊时带来。
"""


def test_a_bureau_account_reports_a_hospitals_doctors_with_their_hospital_and_its_own_event(tmp_path: Path) -> None:
    path = tmp_path / "club.md"
    path.write_text(CLUB, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市卫生健康委员会"  # the publisher's event, not the hospital's
    turns = [(t.answerer, t.question[:6]) for t in interview.turns if t.answer and t.question]
    assert turns == [("严明", "我的降压药每"), ("林淑华", "血压早上高晚"), ("严明", "血压早上高晚"), ("林淑华", "血压早上高晚")]
    answers = {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert answers == {("严明", "待遇保障科副科长", "汶澜市医疗保障局"), ("林淑华", "心内科主任、主任医师", "汶澜市中心医院")}


FORUM = """外籍人士座谈会实录
汶澜市公安局出入境管理支队　2027年9月18日
主持人：汶澜市人民政府外事办公室副主任 宋知远
出席部门：
许东来　汶澜市公安局出入境管理支队支队长
主持人 宋知远：各位朋友，下午好！大家遇到的难事请尽管提。
Daniel Becker（德国，汶澜精工有限公司技术总监；英语提问，翻译转述）：我的居留许可明年到期，续签要多久？
许东来（市公安局出入境管理支队支队长）：现在是5个工作日。
朴敏俊（韩国，汶澜汽车配件有限公司总经理）：孩子能上公办小学吗？
许支队长：持居留许可就可以申请插班。
Daniel Becker（追问）：申请永久居留需要什么条件？
许支队长：连续工作满4年、每年居住不少于6个月就可以申请。
"""


def test_foreign_residents_named_with_their_nationality_ask_and_one_asks_on(tmp_path: Path) -> None:
    path = tmp_path / "forum.txt"
    path.write_text(FORUM, encoding="utf-8")
    interview = parse_file(path, path.name)
    turns = [(t.asker, t.answerer, t.question[:6]) for t in interview.turns if t.answer and t.question]
    assert turns == [("外籍人士 Daniel Becker", "许东来", "我的居留许可"), ("外籍人士 朴敏俊", "许东来", "孩子能上公办"),
                     ("外籍人士 Daniel Becker", "许东来", "申请永久居留")]


COMPLAINTS = """<html><body><div class="article"><h1>生态环境保护督察信访举报件边督边改公开情况</h1>
<p>来源：汶澜市生态环境局</p>
<table><thead>
<tr><th rowspan="2">序号</th><th rowspan="2">交办问题基本情况</th><th colspan="3">办理情况</th><th rowspan="2">责任单位</th></tr>
<tr><th>调查核实情况</th><th>是否属实</th><th>处理和整改情况</th></tr></thead><tbody>
<tr><td>1</td><td>东湖路一家汽修厂露天喷漆，气味很大。</td><td>6月18日现场核查，露天喷漆属实。</td><td>属实</td>
<td>已责令改正，拟处罚款2.8万元。</td><td>市生态环境局</td></tr>
<tr><td>2</td><td>西山石料厂扬尘很大。</td><td>区政府组织核查，料堆未覆盖。</td><td>属实</td>
<td>已停产整改，覆盖料堆3万平方米。</td><td>西山区人民政府</td></tr>
<tr><td>3</td><td>后山沟里有人倒油桶。</td><td>正在调查核实中，结果将在后续批次中公开。</td><td>—</td><td>—</td>
<td>西山区人民政府</td></tr>
</tbody></table></div></body></html>
"""


def test_a_complaints_table_answers_each_complaint_with_what_was_found_and_done_by_its_responsible_unit(
        tmp_path: Path) -> None:
    path = tmp_path / "complaints.html"
    path.write_text(COMPLAINTS, encoding="utf-8")
    interview = parse_file(path, path.name)
    turns = [(t.answerer, t.question[:6]) for t in interview.turns if t.answer]
    assert turns == [("汶澜市生态环境局", "东湖路一家汽"), ("汶澜市西山区人民政府", "西山石料厂扬")]  # not the one still looked into
    first = next(p for p in interview.passages if p.kind == "answer")
    assert "现场核查" in first.text and "拟处罚款" in first.text and "属实：" not in first.text


def test_a_legend_of_colours_names_the_unit_of_each_coloured_answer() -> None:
    legend = colour_legend("说明：家长意见以黑色字体标注，蓝色字体为市教育局答复，绿色字体为市市场监督管理局答复。")
    assert legend == {"蓝": "市教育局", "绿": "市市场监督管理局"}
    assert (colour_word("0070C0"), colour_word("00803C"), colour_word("7030A0"), colour_word("000000")) == (
        "蓝", "绿", "紫", None)
    assert with_answerer("答复：可以续添。", "0070C0", legend) == "答复（市教育局）：可以续添。"
    assert with_answerer("答复：可以续添。", None, legend) == "答复：可以续添。"  # black: no unit said


def _coloured_summary() -> bytes:
    import docx
    from docx.shared import RGBColor

    document = docx.Document()
    document.add_paragraph("汶澜市“家长陪餐日”意见建议及答复汇总")
    document.add_paragraph("汇总单位：汶澜市教育局")
    document.add_paragraph("说明：家长意见以黑色字体标注，蓝色字体为市教育局答复，绿色字体为市市场监督管理局答复。")
    for number, asked, colour, answer in (
            (1, "【实验小学　二年级家长】中午吃不饱，能不能添饭？", "0070C0", "答复：米饭和汤可以免费续添。"),
            (2, "【第二中学　初一家长】蔬菜有没有人查农药残留？", "00803C", "答复：今年上半年抽检1268批次，合格率99.7%。")):
        document.add_paragraph(f"{number}．{asked}")
        run = document.add_paragraph().add_run(answer)
        run.font.color.rgb = RGBColor.from_string(colour)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_summary_whose_answers_differ_only_by_colour_credits_each_to_its_unit(tmp_path: Path) -> None:
    (tmp_path / "summary.docx").write_bytes(_coloured_summary())
    interview = parse_file(tmp_path / "summary.docx")
    turns = [(t.asker, t.answerer, t.answer) for t in interview.turns if t.answer]
    assert turns == [("实验小学 二年级家长", "汶澜市教育局", "米饭和汤可以免费续添。"),
                     ("第二中学 初一家长", "汶澜市市场监督管理局", "今年上半年抽检1268批次，合格率99.7%。")]


def test_a_described_asker_without_a_name_asks() -> None:
    interview = parse_text("【实验小学　三年级家长】孩子过敏，食堂能单独做吗？\n答复：可以申请替换菜品。\n"
                           "【第三中学　初三家长】食堂外包会不会偷工减料？\n答复：每月核查食材成本。\n")
    assert [t.asker for t in interview.turns if t.answer] == ["实验小学 三年级家长", "第三中学 初三家长"]
