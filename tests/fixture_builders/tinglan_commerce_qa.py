"""Builds tests/fixtures/layouts14/tinglan-commerce-qa.docx: a FICTIONAL 答记者问 of 汀澜市商务局.

Layout exercised: a 答记者问 posted as a .docx attachment whose questions are numbered by Word's AUTOMATIC
numbering. Each question is a bold Normal paragraph carrying a w:numPr (numId 21, a numbering.xml definition with
numFmt chineseCounting and lvlText "%1、", so that Word shows "一、", "二、" …); the number is NOT in the paragraph's
text, and there is no 问： label. The answers are plain paragraphs with no 答： label. Inside the second answer, three
plain (not bold) items carry another automatic numbering (numId 22, decimal, lvlText "（%1）") and end in "。": they
are part of the answer, not questions. The answerer is "市商务局有关负责人", named only in the title paragraph (and the
lead); the city is ONLY in the issuing line at the bottom ("汀澜市商务局　2026年3月18日").

    /work/main/.venv/bin/python tests/fixture_builders/tinglan_commerce_qa.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts14" / "tinglan-commerce-qa.docx"

TITLE = "市商务局有关负责人就《关于促进家政服务业提质扩容的若干措施》答记者问"
FICTION_NOTE = "（本文为虚构示例，人物、机构、数据和电话均为虚构，仅供软件测试使用。）"
LEAD = ("近日，市商务局会同市发展改革委、市人力资源社会保障局等9部门联合印发《关于促进家政服务业提质扩容的若干措施》"
        "（以下简称《若干措施》）。市商务局有关负责人就《若干措施》的出台背景和主要内容回答了记者提问。")

QUESTION_NUM, ITEM_NUM = 21, 22

# ("Q", text) a bold auto-numbered question; ("A", text) a plain answer paragraph; ("I", text) a plain auto-numbered
# item inside an answer
BODY: list[tuple[str, str]] = [
    ("Q", "《若干措施》出台的背景是什么？"),
    ("A", "家政服务业一头连着千家万户的民生需求，一头连着大量就业岗位。截至2025年底，全市共有家政服务企业1368家，从业"
          "人员约4.7万人，全年营业收入38.6亿元。但行业仍存在“小散弱”、服务质量参差不齐、从业人员流动性大等问题，市民"
          "对“找不到、找不好、留不住”的反映比较集中。"),
    ("A", "去年下半年以来，我们走访了126家家政企业，召开座谈会9场，收集意见建议214条，在此基础上起草了《若干措施》。"
          "《若干措施》共6个方面20条，自2026年4月1日起施行，有效期3年。"),
    ("Q", "在提高家政服务质量方面有哪些具体举措？"),
    ("A", "《若干措施》主要从三个方面发力："),
    ("I", "推行家政服务员持证上岗。鼓励企业开展岗前培训，对取得职业技能等级证书的从业人员，按初级1000元、中级1500元、"
          "高级2000元的标准给予一次性培训补贴。"),
    ("I", "全面推广家政服务信用信息平台。家政服务员实行“一人一码”，市民扫码即可查看其健康体检、培训记录和服务评价。"),
    ("I", "培育品牌企业。每年评选20家市级家政服务示范企业，每家给予一次性奖励10万元。"),
    ("A", "目前，全市已有2.1万名家政服务员完成“一人一码”信息归集，到今年底将实现持证家政服务员全覆盖。"),
    ("Q", "对家政企业和从业人员有哪些扶持政策？"),
    ("A", "对新招用家政服务员并为其缴纳社会保险的员工制家政企业，按每人每月300元给予社会保险补贴，期限最长12个月。符合"
          "条件的家政企业可申请最高300万元的创业担保贷款，财政按规定给予贴息。家政服务员参加“家政+养老”“家政+育婴”等"
          "复合型培训，一律免收培训费用，今年计划培训8000人次。"),
    ("Q", "市民在家政服务中遇到纠纷，可以通过什么渠道解决？"),
    ("A", "我们将全面推广家政服务合同示范文本，明确服务内容、收费标准和双方权利义务。市民遇到纠纷，可以先与家政企业协商；"
          "协商不成的，可拨打12345政务服务便民热线，或拨打市商务局家政服务投诉电话0690-8862 1317反映。"),
    ("A", "今年我们还将在6个城区各设立1个家政服务纠纷调解工作室，力争投诉纠纷在15个工作日内调处完毕，调处结果纳入企业"
          "信用记录。"),
]
ISSUER_LINE = "汀澜市商务局　2026年3月18日"


def _add_numbering(doc) -> None:  # type: ignore[no-untyped-def]
    """Two numbering definitions: chinese "一、" for the questions, "（1）" for the items inside an answer."""
    numbering = doc.part.numbering_part.element
    definitions = [
        (QUESTION_NUM, "0A1B2C3D", "chineseCounting", "%1、", 0, 0),
        (ITEM_NUM, "0A1B2C3E", "decimal", "（%1）", 0, 640),
    ]
    first_num = numbering.find(qn("w:num"))
    for ident, nsid, fmt, text, left, first_line in definitions:
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
            f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:firstLine="{first_line}"/></w:pPr>'
            f'<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl></w:abstractNum>')
        first_num.addprevious(abstract)
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>'))


def _number(paragraph, num_id: int) -> None:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋_GB2312", 15)
    props = doc.core_properties
    props.author = "tlsw"
    props.title = TITLE
    props.created = dt.datetime(2026, 3, 18, 9, 0, 0)
    props.modified = dt.datetime(2026, 3, 18, 10, 15, 0)
    props.last_modified_by = "tlsw"
    props.revision = 3
    _add_numbering(doc)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)
    note = doc.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = note.add_run(FICTION_NOTE)
    run.italic = True
    run.font.size = Pt(10.5)

    lead = doc.add_paragraph(LEAD)
    lead.paragraph_format.first_line_indent = Pt(30)
    for kind, text in BODY:
        p = doc.add_paragraph()
        if kind == "Q":
            _number(p, QUESTION_NUM)
            add_text(p, text, bold=True)
        elif kind == "I":
            _number(p, ITEM_NUM)
            add_text(p, text)
        else:
            p.paragraph_format.first_line_indent = Pt(30)
            add_text(p, text)
    doc.add_paragraph()
    doc.add_paragraph(ISSUER_LINE).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2026, 3, 18, 10, 15, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
