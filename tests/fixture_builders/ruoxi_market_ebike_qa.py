"""Builds tests/fixtures/layouts20/ruoxi-market-ebike-qa.docx: a FICTIONAL 答记者问 of 箬溪市市场监督管理局.

Layout exercised: a 答记者问 circulated as a .docx whose "问"/"答" LABELS ARE WORD NUMBERING, not text. Each question
is a bold Normal paragraph carrying a w:numPr (numId 31: numFmt decimal, lvlText "问%1：", suffix nothing, so that
Word shows "问1：为什么……？", "问2：……"); the FIRST paragraph of each answer carries another numbering (numId 32: numFmt
none, lvlText "答：", so that Word shows "答：" before it); the answer's further paragraphs carry no numbering. Neither
"问1：" nor "答：" is in any paragraph's text. The answerer is "市市场监督管理局有关负责人", named only in the title and
the lead, WITHOUT the city; the city is ONLY in the PAGE HEADER (word/header1.xml: "箬溪市市场监督管理局<tab><tab>政策解读",
with a bottom border) — and in nothing else the reader sees. The fiction note closes the body. Answer 3 quotes an
article of the document ("第九条规定……") in its own paragraph: part of the answer.

    /work/main/.venv/bin/python tests/fixture_builders/ruoxi_market_ebike_qa.py

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

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts20" / "ruoxi-market-ebike-qa.docx"

HEADER = "箬溪市市场监督管理局\t\t政策解读"
TITLE = "市市场监督管理局有关负责人就《电动自行车产品质量安全监管若干措施》答记者问"
LEAD = ("近日，市市场监督管理局会同市消防救援支队、市商务局印发了《电动自行车产品质量安全监管若干措施》（以下简称"
        "《若干措施》），自2025年5月1日起施行。围绕《若干措施》的主要内容，记者采访了市市场监督管理局有关负责人。")
FICTION = "（本文为虚构示例，城市、机构、数据、电话和文件均为虚构，仅供软件测试使用。）"

QUESTION_NUM, ANSWER_NUM = 31, 32
# (question, [answer paragraphs]): the first answer paragraph is numbered "答："
QA: list[tuple[str, list[str]]] = [
    ("为什么要出台《若干措施》？", [
        "电动自行车是群众日常出行的重要交通工具，全市保有量已超过86万辆。近年来，因使用不合格电池、私自改装等引发的"
        "火灾时有发生，去年全市共发生电动自行车火灾47起，其中八成以上与电池质量和非法改装有关。",
        "《若干措施》坚持从生产、销售、维修到回收的全链条监管，共5个方面18条，重点解决不合格产品流入市场、违规"
        "改装屡禁不止、废旧电池回收渠道不畅等问题，从源头上减少火灾隐患。",
    ]),
    ("消费者购买电动自行车和电池时应该注意什么？怎样辨别合格产品？", [
        "消费者购买时要认准“三看”。一看CCC认证标志，电动自行车整车、充电器和锂离子电池都必须获得强制性产品认证，"
        "没有CCC标志的不要购买；二看产品合格证和车辆铭牌，整车质量不超过55公斤、最高车速不超过25公里/小时，脚踏"
        "骑行功能要完好；三看销售者是否开具发票、提供“三包”凭证。",
        "购买后不要私自更换大容量电池或者拆除限速装置。如果发现产品存在质量问题，可以拨打12315投诉举报，也可以在"
        "“箬溪市场监管”微信公众号上扫描车辆铭牌二维码，查询产品认证信息是否真实有效。",
    ]),
    ("对销售不合格电动自行车和电池的，将如何处理？", [
        "《若干措施》明确了从严查处的要求。我局将每季度开展一次电动自行车产品质量监督抽查，2025年计划抽查整车、"
        "电池和充电器样品不少于300批次，对经营场所实行“双随机、一公开”检查全覆盖。",
        "《若干措施》第九条规定：销售者销售未经强制性产品认证的电动自行车、充电器和电池，或者为消费者改装电动自行车"
        "的，由市场监管部门依法责令改正，没收违法所得，并处货值金额一倍以上三倍以下罚款；情节严重的，依法吊销营业执照。",
        "今年一季度，全市已立案查处销售不合格电动自行车及电池案件23起，罚没款合计86.4万元，下架不合格产品1140件。",
    ]),
    ("家里的老旧电动自行车想换新的，有什么补贴吗？旧电池怎么处理？", [
        "今年5月1日至12月31日，市民交售本人名下的老旧电动自行车并购买新国标电动自行车的，可以享受以旧换新补贴："
        "交售铅酸电池车辆的补贴500元，交售锂电池车辆的补贴600元，每人限享受一次。市民可以到全市126家参与活动的"
        "门店办理，门店现场核验后直接抵扣车款。",
        "交售的旧车和旧电池由门店统一交给有资质的回收企业处理，严禁翻新后再次销售。对门店回收的废旧电池，我们实行"
        "编码管理，做到来源可查、去向可追。",
    ]),
]
CLOSING = "（2025年4月28日）"


def _numbering(doc) -> None:  # type: ignore[no-untyped-def]
    """Two numbering definitions: "问%1：" for the questions, the bare text "答：" (numFmt none) for the answers."""
    numbering = doc.part.numbering_part.element
    definitions = [
        (QUESTION_NUM, "1C2D3E4F", "decimal", "问%1："),
        (ANSWER_NUM, "1C2D3E50", "none", "答："),
    ]
    first_num = numbering.find(qn("w:num"))
    for ident, nsid, fmt, text in definitions:
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
            f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
            f'<w:rPr><w:rFonts w:hint="eastAsia"/><w:b/></w:rPr></w:lvl></w:abstractNum>')
        first_num.addprevious(abstract)
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>'))


def _number(paragraph, num_id: int) -> None:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _header(doc) -> None:  # type: ignore[no-untyped-def]
    header = doc.sections[0].header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.add_run(HEADER)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="C00000"/></w:pBdr>'))


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋_GB2312", 15)
    props = doc.core_properties
    props.author = "rxscjg"
    props.title = TITLE
    props.created = dt.datetime(2025, 4, 28, 9, 0, 0)
    props.modified = dt.datetime(2025, 4, 28, 15, 40, 0)
    props.last_modified_by = "rxscjg"
    props.revision = 5
    _numbering(doc)
    _header(doc)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(title, TITLE, bold=True)
    lead = doc.add_paragraph()
    lead.paragraph_format.first_line_indent = doc.styles["Normal"].font.size * 2
    lead.add_run(LEAD)
    for question, answer in QA:
        q = doc.add_paragraph()
        add_text(q, question, bold=True)
        _number(q, QUESTION_NUM)
        for i, text in enumerate(answer):
            a = doc.add_paragraph()
            a.add_run(text)
            if i == 0:
                _number(a, ANSWER_NUM)
            else:
                a.paragraph_format.first_line_indent = doc.styles["Normal"].font.size * 2
    closing = doc.add_paragraph()
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    closing.add_run(CLOSING)
    doc.add_paragraph(FICTION)

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2025, 4, 28, 15, 40, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
