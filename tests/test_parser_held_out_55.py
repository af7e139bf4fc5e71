"""62. What the fifty-fifth batch of layouts (held out) found, each rule tested on text of its own: a crop clinic's
case records (接诊 / 【主诉】 / 【诊断】【处方】 / 【会诊】), a patrol's transcript table whose speaker column uses a ditto
mark, a film screening's talk, a mushroom market's Q&A and an enlistment visit (tests/test_parser_held_out.py holds
sections 1 to 36, _30 to _54 sections 37 to 61)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from index.parsing.orgs import find_city, is_unit_name, outlet_city
from index.parsing.parser import parse_file
from index.parsing.people import parse_person
from index.parsing.speakers import read_label
from tests.parsing_helpers import answered, answered_with_asker, parse_written

CLINIC = """庄稼医院坐诊记录选登

县供销社党组成员、副主任苑春和，县农业技术推广中心植保站站长詹秋实在诊室坐诊，导诊员于晓桐负责叫号。

【导诊】于晓桐：各位乡亲早上好！先请1号。

1号　就诊人：柳湾村　郝德旺（种小麦80亩）
接诊：詹秋实
【主诉】今年麦子返青以后叶子发黄，是冻的还是病？
【诊断】这是纹枯病，不是单纯的冻害。
【处方】每亩用噻呋酰胺悬浮剂20毫升，隔10天再喷一次。

【导诊】于晓桐：下一位，2号。

2号　就诊人：后营村　丁卫东（种粮大户）
接诊：苑春和
【主诉】一亩地托管要多少钱？
【处方】全托每亩每年480元。
【会诊】詹秋实：我补充一句。托管的地块我们免费测土。

【导诊】于晓桐：3号。

3号　就诊人：槐树庄村　尹长贵
【主诉】冰雹砸了的玉米，保险什么时候赔？
【转诊】此问题涉及农业保险理赔进度，现场已登记，转县农业农村局核实，5个工作日内答复。

【导诊】于晓桐：上午的号就到这儿。
"""


def test_case_records_ask_in_the_complaint_and_answer_in_the_diagnosis_of_whom_the_record_names(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, CLINIC, "clinic.txt")
    assert answered(interview) == [("今年麦子返青", "詹秋实"), ("一亩地托管要", "苑春和"), ("一亩地托管要", "詹秋实")]
    assert not any(p.speaker == "于晓桐" for p in interview.passages if p.kind == "answer")
    diagnosis = next(p.text for p in interview.passages if p.kind == "answer" and "纹枯病" in p.text)
    assert "噻呋酰胺" in diagnosis  # 【诊断】 and 【处方】 are one answer


def _docx_with_table(rows: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("寒夜巡查记录（摘录）")
    document.add_paragraph("市救助管理站党支部书记、站长梅启东带队，市急救中心医生雷子敬同行。")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


PATROL = [["时间", "地点", "发言人", "内容"],
          ["21:39", "北广场地下通道", "受助人员 老万", "你们是干啥的？去了要不要钱？"],
          ["21:40", "〃", "梅站长", "我们是市救助管理站的，去站里吃住都不要钱。"],
          ["21:40", "〃", "〃", "您要是身上有病，站里有医务室。"],
          ["21:46", "〃", "受助人员 老万", "那我老家的低保，能不能转到这边来领？"],
          ["21:46", "〃", "—", "（此问题涉及户籍地低保政策，已记录，转户籍地民政部门核实后答复。）"],
          ["21:47", "〃", "受助人员 老万", "我还有高血压，这个要紧不？"],
          ["21:47", "〃", "雷医生", "我先给您量一下血压。"],
          ["22:07", "淦江大桥桥洞", "桥洞下的中年男子（自称姓孟）", "你们是不是要把我强行拉走？"],
          ["22:08", "〃", "梅站长", "救助是自愿的，谁也不会强行拉您走。"]]


def test_a_transcript_table_with_a_ditto_speaker_and_notes_of_no_one(tmp_path: Path) -> None:
    """"〃" is the speaker above, going on; a "—" row is a note; a question passed on is answered by no one."""
    (tmp_path / "patrol.docx").write_bytes(_docx_with_table(PATROL))
    interview = parse_file(tmp_path / "patrol.docx", "patrol.docx")
    assert answered_with_asker(interview) == [("受助人员 老万", "你们是干啥的", "梅启东"),
                                              ("受助人员 老万", "我还有高血压", "雷子敬"),
                                              ("桥洞下的中年男子（自称姓孟）", "你们是不是要", "梅启东")]
    first = next(t.answer for t in interview.turns if t.question.startswith("你们是干啥的"))
    assert "医务室" in first and "—" not in first
    assert not any("低保" in t.question and t.answer for t in interview.turns)


@pytest.mark.parametrize("label", ["摊主 岩老三（市场东区17号摊位）", "周子航母亲 刘桂琴", "邻居 石大婶", "受助人员 老万",
                                   "韩雨桐本人", "桥洞下的中年男子（自称姓孟）"])
def test_who_asks_by_trade_kin_or_description(label: str) -> None:
    assert read_label(label).side == "ask"


def test_a_liaison_moving_the_group_on_hosts() -> None:
    reading = read_label("联络员 甘小棠")
    assert reading.word == "主持人" and reading.person is not None and reading.person.name == "甘小棠"


@pytest.mark.parametrize("unit", ["淦崃市救助管理站", "市中心血站", "淦崃市强制隔离戒毒所", "峓西县供销合作社联合社"])
def test_public_institutions_that_answer_as_units(unit: str) -> None:
    assert is_unit_name(unit)


def test_a_countys_site_gives_the_city_and_a_unit_of_its_is_no_outlet() -> None:
    assert outlet_city("县人民政府征兵办公室") is None
    assert find_city("", "", ["县人民政府征兵办公室", "溱沅市溱东县人民政府"]) == "溱沅市"


VISIT = """<html><head><title>入户送喜报_溱东县人民政府</title><meta name="SiteName" content="溱沅市溱东县人民政府"></head><body>
<div class="article"><h1>大红喜报送到家——县征兵办入户送喜报</h1>
<p>发布时间：2032-09-12 来源：县人民政府征兵办公室</p>
<p>9月10日，县人民政府征兵办公室（以下简称“县征兵办”）联合各镇为新兵家庭送喜报。县征兵办副主任濮振东，槐林镇党委委员、人民武装部部长茹建军一户一户上门。新兵入伍前所在的溱沅华源机械制造有限公司，人力资源部经理宫丽娜也一同来到郭家。县征兵办干事宁晓光主持。</p>
<p>主持人 宁晓光：下面请家属提问。</p>
<p>周子航母亲 刘桂琴：孩子大学才上到大二，学籍还给保留吗？</p>
<p>濮振东：您放心，学籍给保留，退役以后2年内都可以复学。</p>
<p>郭磊父亲 郭长海：回来以后厂里还要他吗？</p>
<p>宫经理：厂里要！他的岗位给他保留。</p>
<p>郭磊母亲 马秀云：家里有急事怎么联系他？</p>
<p>茹部长：先打我的电话，镇武装部通过部队联系。</p>
</div></body></html>"""


def test_a_countys_own_units_declared_short_and_a_towns_armed_forces_department(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, VISIT, "visit.html")
    assert interview.metadata.bureau == "溱沅市溱东县人民政府征兵办公室"
    units = {p.speaker: (p.bureau, p.role) for p in interview.passages if p.kind == "answer"}
    assert units == {"濮振东": ("溱沅市溱东县人民政府征兵办公室", "副主任"),
                     "宫丽娜": ("", "溱沅华源机械制造有限公司人力资源部经理"),
                     "茹建军": ("溱沅市溱东县槐林镇人民政府", "党委委员、人民武装部部长")}


SCREENING = """# 看完电影，孩子们把问题抛给了禁毒民警

市禁毒委员会办公室专职副主任麦景行，市强制隔离戒毒所教育矫治科科长巩晓芸，电影导演、淦崃青檀影视文化传媒有限公司导演沈墨舟走上台。

**观众（高二学生 夏语晨）**：电影里的情节都是真的吗？

**沈导演**：故事是根据真实案件改编的。

**观众（家长 刘女士）**：孩子要是沾上了毒品，能有哪些迹象？

**巩科长**：常见的信号有作息颠倒、成绩突然下滑。

**麦主任**：我补充一点政策。家长拿不准的，可以打市禁毒办的咨询电话。
"""


def test_a_committees_office_called_short_is_a_unit_and_a_director_is_called_by_title(tmp_path: Path) -> None:
    interview = parse_written(tmp_path, SCREENING, "screening.md")
    units = {p.speaker: (p.bureau, p.role) for p in interview.passages if p.kind == "answer"}
    assert units["麦景行"] == ("市禁毒委员会办公室", "专职副主任")
    assert units["巩晓芸"] == ("市强制隔离戒毒所", "教育矫治科科长")
    assert units["沈墨舟"] == ("", "淦崃青檀影视文化传媒有限公司导演")
    assert parse_person("电影导演、某某影视公司导演沈墨舟") is not None
