"""Builds tests/fixtures/layouts22/huancha-ecology-inquiry.docx: a FICTIONAL 专题询问 实录 of 澴槎市人大常委会 (a
standing committee's special inquiry into river pollution), as a staff member of 澴槎市生态环境局 COPIED IT FROM THE
人大 SITE INTO WORD: the names of the people on the page were links there and stay HYPERLINKS in Word.

Layout exercised:
- labels "询问人 冉建华（市人大常委会委员）：" and "应询人 廖文博（市生态环境局局长）：" as bold runs at the head of a
  paragraph; a follow-up "追问 冉建华：" by the same member; the host's lines "主持人（市人大常委会副主任 戴明远）：";
- in every label the PERSON'S NAME is a w:hyperlink (r:id → an external relationship to the 人大 site's profile page of
  the member, or to the bureau's page of the official), carrying Word's "Hyperlink" character style: the words
  "冉建华" / "廖文博" are inside <w:hyperlink>, not direct <w:r> children of the paragraph; the label word before it and
  the bracketed title and colon after it are plain runs;
- the 应询人员 list at the top (unit + title + name, the names linked as well);
- an answer continued in a second, unlabelled paragraph; one question answered by two 应询人 in turn.

    /work/main/.venv/bin/python tests/fixture_builders/huancha_ecology_inquiry.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps, core properties
and relationship ids).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts22" / "huancha-ecology-inquiry.docx"

SITE = "http://www.hcrd.example.gov.cn"
PEOPLE = {  # name -> profile page on the 人大 site or the bureau's site
    "戴明远": f"{SITE}/cwh/ldjs/202301/t20230110_4411.html",
    "冉建华": f"{SITE}/cwh/wyml/202301/t20230110_4425.html",
    "宁晓棠": f"{SITE}/cwh/wyml/202301/t20230110_4431.html",
    "廖文博": "http://sthjj.huancha.example.gov.cn/jgzn/ldxx/202302/t20230215_1902.html",
    "苏芷若": "http://slj.huancha.example.gov.cn/jgzn/ldxx/202303/t20230302_0877.html",
}
TITLE = "澴槎市人大常委会开展水污染防治工作专题询问实录"
INFO = [
    "来源：澴槎人大网　　发布时间：2025年6月26日　　浏览次数：1386",
    "（本实录为虚构示例，城市、机构、人员、河流、数据和电话均为虚构，仅供软件测试使用。）",
]
LEAD = ("6月25日下午，澴槎市第十七届人大常委会第二十九次会议就全市水污染防治工作开展专题询问。常委会组成人员围绕"
        "黑臭水体治理、工业园区污水处理、入河排污口整治等问题提出询问，市生态环境局、市水利局负责同志到会应询。"
        "以下为询问实录。")
RESPONDENTS = [("澴槎市生态环境局党组书记、局长", "廖文博"), ("澴槎市水利局党组成员、副局长", "苏芷若")]

# (kind, name, bracket, paragraphs) — kind: host | ask | follow | answer
TURNS: list[tuple[str, str, str, list[str]]] = [
    ("host", "戴明远", "主持人（市人大常委会副主任 ", [
        "同志们，根据会议议程，下面进行专题询问。请常委会组成人员提问，每次询问和应询时间一般不超过5分钟。"]),
    ("ask", "冉建华", "市人大常委会委员", [
        "去年市政府承诺年底前消除城区黑臭水体，目前槎溪支流和东沟的水还是有异味，群众反映比较多。请问生态环境局，"
        "黑臭水体治理的进展怎么样，什么时候能彻底解决？"]),
    ("answer", "廖文博", "市生态环境局局长", [
        "感谢冉委员的询问。全市排查出的城区黑臭水体共23条，目前已有19条完成治理并通过验收，水质监测氨氮、溶解氧等"
        "指标全部达标。槎溪支流和东沟是剩下4条中的两条，主要问题是沿线老旧小区雨污合流，截污管网改造需要结合小区改造"
        "同步实施。",
        "我们已经把这两条河的截污工程列入今年的重点项目，投资1.6亿元，新建截污管网14.2公里，计划9月底前完工，12月底前"
        "完成全部4条黑臭水体的治理和验收。治理期间我们每周在市生态环境局网站公布一次水质监测数据，接受群众监督。"]),
    ("follow", "冉建华", "", [
        "刚才提到治理后要防止返黑返臭，具体有什么长效措施？"]),
    ("answer", "廖文博", "市生态环境局局长", [
        "主要是三条。一是落实河长制，23条河道都明确了区、街道两级河长，每月至少巡河两次；二是委托第三方每月开展一次"
        "水质监测，发现指标反弹的，3日内查明原因；三是把返黑返臭情况纳入对各区的年度考核，出现返黑返臭的，考核"
        "“一票否优”。"]),
    ("ask", "宁晓棠", "市人大常委会委员", [
        "澴东工业园区的污水处理厂满负荷运行，有的企业反映接管难，新项目落地受影响。请问市里有没有扩建的计划？"]),
    ("answer", "廖文博", "市生态环境局局长", [
        "宁委员反映的情况属实。澴东工业园区污水处理厂设计规模每天3万吨，今年以来日均处理量达到2.9万吨。扩建工程已经"
        "完成环评审批，新增处理能力每天2万吨，计划明年6月投入运行。在扩建完成前，我们指导园区企业开展中水回用，"
        "已经有11家企业实现废水部分回用，每天减少排放约2400吨。"]),
    ("answer", "苏芷若", "市水利局副局长", [
        "我补充一点。扩建后的尾水排放口设在澴河下游，市水利局已经完成入河排污口设置论证，同时在园区下游新建一座"
        "生态湿地，面积约180亩，尾水经过湿地净化后再进入澴河。"]),
    ("ask", "冉建华", "市人大常委会委员", [
        "入河排污口整治是老大难问题，请问水利局，全市入河排污口整治完成了多少？"]),
    ("answer", "苏芷若", "市水利局副局长", [
        "全市共排查出入河排污口1147个，已经完成整治986个，完成率86%。剩下的161个主要是农村生活污水排口，我们会同"
        "生态环境、农业农村部门按照“一口一策”推进，年底前全部完成整治。群众发现偷排漏排的，可以拨打12345热线或者"
        "0123-63117110举报。"]),
    ("host", "戴明远", "主持人（市人大常委会副主任 ", [
        "专题询问就到这里。请市政府及有关部门认真研究常委会组成人员的意见，询问中提出的问题要列出清单、逐项整改，"
        "整改情况3个月内向常委会书面报告。"]),
]

_rid = iter(range(101, 200))


def _link(paragraph, part, name: str) -> None:  # type: ignore[no-untyped-def]
    """`name` as a hyperlink with Word's Hyperlink character style, bold as the label it stands in."""
    rid = f"rIdLink{next(_rid)}"
    part.rels.add_relationship(RT.HYPERLINK, PEOPLE[name], rid, is_external=True)
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
        f'<w:b/></w:rPr><w:t xml:space="preserve">{escape(name)}</w:t></w:r></w:hyperlink>'))


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "宋体", 12)
    part = doc.part
    styles = doc.styles
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor
    link_style = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link_style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link_style.font.underline = True
    props = doc.core_properties
    props.author, props.last_modified_by = "sthjj-bgs", "sthjj-bgs"
    props.title = TITLE
    props.created = props.modified = dt.datetime(2025, 6, 26, 16, 40, 0)
    props.revision = 1

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(head, TITLE, bold=True)
    for line in INFO:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(p, line)
    doc.add_paragraph(LEAD)
    p = doc.add_paragraph()
    add_text(p, "应询人员：", bold=True)
    for unit, name in RESPONDENTS:
        p = doc.add_paragraph()
        add_text(p, unit + "\u3000")
        _link(p, part, name)
    for kind, name, bracket, paras in TURNS:
        p = doc.add_paragraph()
        if kind == "host":
            add_text(p, bracket, bold=True)
            _link(p, part, name)
            add_text(p, "）：", bold=True)
        elif kind == "follow":
            add_text(p, "追问 ", bold=True)
            _link(p, part, name)
            add_text(p, "：", bold=True)
        else:
            add_text(p, ("询问人 " if kind == "ask" else "应询人 "), bold=True)
            _link(p, part, name)
            add_text(p, f"（{bracket}）：", bold=True)
        p.add_run(paras[0])
        for more in paras[1:]:
            doc.add_paragraph(more)
    doc.add_paragraph("（澴槎市人大常委会办公室整理）")
    doc.add_paragraph("【打印本页】　【关闭窗口】")
    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2025, 6, 26, 16, 40, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
