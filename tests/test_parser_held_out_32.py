"""39. What the thirty-second batch of layouts (held out) found, each rule tested on text of its own: a 办事指南's
FAQ answered unit by unit, a 辟谣榜, a 以案释法 page that answers itself beside people under their own labels, a
采购 澄清公告's table, and a radio phone-in transcribed by speech recognition (tests/test_parser_held_out.py holds
sections 1 to 36, _30 section 37, _31 section 38)."""

from __future__ import annotations

import io
from pathlib import Path

from index.parsing.parser import parse_file, parse_text

GUIDE = """澄州市新生儿出生“一件事”办事指南

发布单位：澄州市卫生健康委员会

六、常见问题

（一）出生医学证明（澄州市卫生健康委员会解答）

1．出生医学证明上的名字写错了，还能改吗？

答：可以。签发后1年内发现的，由原签发机构5个工作日内重新签发。

（二）户口登记（澄州市公安局解答）

2．孩子出生后多长时间内要报户口？

答：应当在出生后1个月内申报出生登记。

3．父母一方是外地户口，孩子能在本市落户吗？

答：可以，随本市户籍的一方落户。
"""


def test_a_guide_answers_each_group_of_its_faq_by_the_unit_its_heading_names() -> None:
    interview = parse_text(GUIDE)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("出生医学证明上的名字写错了，还能改吗？", "澄州市卫生健康委员会"),
        ("孩子出生后多长时间内要报户口？", "澄州市公安局"), ("父母一方是外地户口，孩子能在本市落户吗？", "澄州市公安局")]


RUMOURS = """# 辟谣榜｜本周这3条消息都是假的（第19期）

原创　澄州网信　2026年05月16日

> 本文为测试用虚构材料。

---

## 01｜网传“骑电动车不戴头盔一律罚款200元”？

**传言**：一段短视频称6月1日起不戴头盔一律罚款200元。

**真相**：不实。对未戴头盔的以教育劝导为主，从未出台罚款200元的规定。

**辟谣单位**：澄州市公安局交通警察支队

---

## 02｜网传“某小学集体食物中毒”？

**传言**：家长群流传几十名学生食物中毒。

**真相**：经核查，4名学生出现呕吐，均已康复返校，未发现食物中毒。

**辟谣单位**：东湖区市场监督管理局

---

## 求证中

### 网传“下周起加油站限量加油”？

**进展**：此条线索已转澄州市商务局核实，核实结果将在本号发布。
"""


def test_a_rumour_list_asks_with_the_rumour_and_answers_with_the_truth_signed_by_its_unit() -> None:
    interview = parse_text(RUMOURS, "rumours.md")
    turns = [(t.question, t.answerer) for t in interview.turns if t.answer]
    assert [answerer for _, answerer in turns] == ["交通警察支队", "澄州市东湖区市场监督管理局"]  # the 核实 pass-on: none
    assert turns[0][0].startswith("网传“骑电动车不戴头盔一律罚款200元”？\n一段短视频")  # the heading, then the rumour
    assert {p.bureau for p in interview.passages if p.kind == "answer"} == {
        "澄州市公安局", "澄州市东湖区市场监督管理局"}  # a district's 市场监督管理局: of the city all the same
    assert not any("辟谣单位" in p.text for p in interview.passages)


CASE = """以案释法｜一份行政复议决定书的“三问三答”

发布日期：2026年6月9日 来源：澄州市司法局

复议结果\t撤销被申请人作出的不予认定工伤决定
问一：莫某某为什么要申请行政复议？

答：他下班途中绕路买菜时发生交通事故，市人社局不予认定工伤。

问二：决定撤销以后，市人社局是怎么做的？

澄州市人力资源和社会保障局工伤保险科科长 卓远航：

我们重新作出了认定工伤决定，工伤保险基金已支付医疗费3.86万元。

问三：申请行政复议要交钱吗？

答：行政复议不收取任何费用，可以在“澄州司法”公众号在线申请。
"""


def test_a_page_answering_itself_beside_an_official_under_his_label_is_its_source_units() -> None:
    interview = parse_text(CASE)
    assert interview.metadata.bureau == "澄州市司法局"
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("莫某某为什么要申请行政复议？", "澄州市司法局"), ("决定撤销以后，市人社局是怎么做的？", "卓远航"),
        ("申请行政复议要交钱吗？", "澄州市司法局")]


def _case_pdf() -> bytes:
    """The case's first lines as a PDF: a table's last row, then "问一：" on the next line of the same spacing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(420, 595), invariant=1)
    page.setFont("WQY", 10)
    lines = ["澄州市司法局 以案释法", "复议结果　撤销被申请人作出的不予认定工伤决定，责令其在60日内重新认定",
             "问一：莫某某为什么要申请行政复议？", "答：他下班途中绕路买菜时发生交通事故，市人社局不予认定工伤。",
             "问二：申请行政复议要交钱吗？", "答：行政复议不收取任何费用。"]
    for k, line in enumerate(lines):
        page.drawString(30, 560 - k * 16, line)
    page.save()
    return buffer.getvalue()


def test_a_question_label_in_a_pdf_opens_its_own_paragraph_after_a_table_row(tmp_path: Path) -> None:
    (tmp_path / "case.pdf").write_bytes(_case_pdf())
    interview = parse_file(tmp_path / "case.pdf")
    assert [t.question for t in interview.turns if t.answer] == ["莫某某为什么要申请行政复议？", "申请行政复议要交钱吗？"]


NOTICE = ("<html><head><title>澄清公告</title></head><body><h1>澄州市教育局智慧教室建设项目澄清（答疑）公告</h1>"
          "<p>发布时间：2026-05-20 来源：澄州市政府采购网</p>"
          "<p>澄州市政府采购中心受澄州市教育局委托，对本项目采购文件作如下澄清：</p><table><tr><th>序号</th><th>供应商提出的问题</th><th>答复</th><th>答复方</th></tr>"
          "<tr><td>1</td><td>85英寸的智能黑板是否满足要求？</td><td>不满足，须不小于86英寸。</td><td>采购人</td></tr>"
          "<tr><td>2</td><td>投标保证金是多少？</td><td>本项目不收取投标保证金。</td><td>采购代理机构</td></tr>"
          "<tr><td>3</td><td>工期能否延长？</td><td><p>采购人：安装调试期限调整为45日。</p>"
          "<p>采购代理机构：上述调整同步更正采购文件第2.4条。</p></td><td>采购人、采购代理机构</td></tr></table>"
          "<p>1．采购人信息</p><p>名　称：澄州市教育局</p><p>联系方式：计划财务科 0123-6105 2210</p>"
          "<p>2．采购代理机构信息</p><p>名　称：澄州市政府采购中心</p><p>联系方式：采购二部 0123-6128 6615</p>"
          "</body></html>")


def test_a_procurement_clarification_answers_for_the_parties_its_contacts_name(tmp_path: Path) -> None:
    (tmp_path / "notice.html").write_text(NOTICE, encoding="utf-8")
    interview = parse_file(tmp_path / "notice.html")
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("85英寸的智能黑板是否满足要求？", "澄州市教育局"), ("投标保证金是多少？", "澄州市政府采购中心"),
        ("工期能否延长？", "澄州市教育局"), ("工期能否延长？", "澄州市政府采购中心")]
    assert not any(p.speaker in ("名 称", "名　称", "联系方式") for p in interview.passages)


PHONE_IN = """《民生热线》2026年5月14日　公交出行
本期嘉宾：澄州市交通运输局副局长　阙志鸿
　　　　　澄州公交集团有限公司副总经理　裘雅婷
主持人：言希

主持人：我们今天的热线电话是零幺二三九六九六六 微信留言也已经打开了 欢迎大家参与
主持人：首先请阙局长给我们介绍一下 今年公交线网主要动了哪些地方
阙局长：今年新开公交线路六条 调整了十一条
主持人：热线已经有听众打进来了 我们接一下 喂你好
听众（热线）：喂 你好 是民生热线吗
主持人：是的您请说
听众（热线）：我是住在鹤鸣街那边的 二十七路现在不到火车站了 这个能不能再改回来
裘总：从六月一号开始 我们加开二十七路区间车 从鹤鸣街直达火车站
主持人：这位听众您看这个答复可以吗
听众（热线）：那行 那六月份我试试 谢谢啊
主持人：不客气 我们再来看一下微信上的留言
主持人：网友小雨问的是 坐公交能不能直接用手机付钱
裘总：可以的 全市公交车都支持扫码乘车
听众（热线）：哦那好的谢谢
（音乐）
主持人：欢迎回到民生热线 我们接下一位 喂你好请讲
听众（热线）：主持人你好 我是锦苑小区的 候车亭的顶棚坏了一直没修
裘总：候车亭由公交集团负责维护 一个星期之内修好
听众（热线）：喂 我想反映一下 安置小区门口那条路还是土路 什么时候能修好
阙局长：这条路属于市政道路 这个问题我们记下来 节目结束以后转给区政府 请他们给您答复
"""


def test_a_phone_in_transcribed_without_punctuation_keeps_each_caller_s_own_question() -> None:
    interview = parse_text(PHONE_IN)
    assert [(t.question, t.answerer) for t in interview.turns if t.question and t.answer] == [
        ("首先请阙局长给我们介绍一下 今年公交线网主要动了哪些地方", "阙志鸿"),
        ("我是住在鹤鸣街那边的 二十七路现在不到火车站了 这个能不能再改回来", "裘雅婷"),
        ("网友小雨问的是 坐公交能不能直接用手机付钱", "裘雅婷"),
        ("我是锦苑小区的 候车亭的顶棚坏了一直没修", "裘雅婷")]  # the road: noted to pass on, no answer here
