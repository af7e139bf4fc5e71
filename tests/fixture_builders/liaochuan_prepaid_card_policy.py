"""Builds tests/fixtures/layouts18/liaochuan-prepaid-card-policy.docx: a FICTIONAL 政策解读 of 蓼川市市场监督管理局.

Layout exercised: a Word 政策解读 as a bureau writes it for print. A cover (bold centred title, the issuing unit
"蓼川市市场监督管理局" and the month, the fiction note), a page break, a TABLE OF CONTENTS (a bold centred "目　录"
paragraph, then a content control w:sdt "Table of Contents" holding a TOC field: fldChar begin, instrText
'TOC \\o "1-3" \\h \\z \\u', separate, the CACHED entries "一、为什么要出台《办法》？ …… 2" in style "toc 1", each a
hyperlink to a _Toc bookmark with a PAGEREF field for its page number, fldChar end), a page break, then the body: a
lead paragraph and four questions, each a "Heading 1" paragraph whose number "一、"…"四、" is NOT in its text but
comes from the heading STYLE (the Heading 1 style carries w:numPr -> numbering.xml: chineseCounting, lvlText "%1、",
suffix nothing), followed by unlabelled Normal answer paragraphs (answers 1 and 3 in two paragraphs). FOOTNOTES: four
footnote references in the lead and the answers (w:footnoteReference runs in style "footnote reference"), their text
in word/footnotes.xml (with the separator and continuation separator Word writes). Under the last answer: the 政策咨询
line and the signature (unit and date, right-aligned). The footer carries the page number as a PAGE field. No person
and no role is named: the bureau answers as itself.

    /work/main/.venv/bin/python tests/fixture_builders/liaochuan_prepaid_card_policy.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts18" / "liaochuan-prepaid-card-policy.docx"

TITLE = "《蓼川市单用途预付卡消费管理办法》政策解读"
UNIT = "蓼川市市场监督管理局"
MONTH = "2025年6月"
FICTION = "（本文为虚构示例，城市、机构、文件、数据和电话均为虚构，仅供软件测试使用。）"
TOC_TITLE = "目　录"

# a paragraph is a list of pieces: str text, or int n, the reference mark of footnote n
LEAD: list[str | int] = [
    "2025年5月，市人民政府印发《蓼川市单用途预付卡消费管理办法》（以下简称《办法》）", 1,
    "，自2025年7月1日起施行。为帮助经营者和消费者准确理解《办法》，现就社会关注的主要问题解读如下。"]
# (heading text without its number, the page its TOC entry shows, answer paragraphs)
QA: list[tuple[str, int, list[list[str | int]]]] = [
    ("为什么要出台《办法》？", 2, [
        ["近年来，美容美发、健身、教育培训等行业普遍采用办卡预付的方式经营，方便了消费者，但经营者“跑路”、退卡难等"
         "问题也随之增多。2024年，全市12315平台受理预付式消费投诉举报4873件", 2, "，同比上升26.5%，涉及金额2360万元，"
         "其中健身和教育培训两个行业占57%。"],
        ["由于预付卡涉及多个行业主管部门，过去存在监管职责不清、资金监管手段不足等问题。出台《办法》，就是要明确各部门"
         "职责，建立预收资金监管制度，从源头上防范风险，保护消费者合法权益。"],
    ]),
    ("《办法》适用于哪些经营者？", 2, [
        ["《办法》适用于在我市行政区域内从事零售、住宿餐饮、居民服务、文化体育、教育培训等行业，发行单用途预付卡", 3,
         "的经营者。商业银行、支付机构发行的多用途预付卡，由金融管理部门依照有关规定监管，不适用《办法》。据初步统计，"
         "全市发行单用途预付卡的经营者约1.2万家，其中教育培训机构约1400家、健身场馆约380家。"],
    ]),
    ("预付款会不会被“卷包跑路”？《办法》有哪些资金监管措施？", 3, [
        ["《办法》建立了预收资金存管制度。经营者应当在我市商业银行开立预收资金存管账户，将预收资金存入存管账户。"
         "教育培训、健身两类经营者，按照预收资金余额的20%存入；其他行业经营者，预收资金余额超过50万元的，按照超出"
         "部分的20%存入。"],
        ["同时，《办法》规定了单张预付卡的金额上限：面向个人发行的记名卡不超过5000元，不记名卡不超过1000元；教育培训"
         "机构一次性收取的费用不得超过3个月或者60课时。经营者应当通过“蓼川预付卡监管平台”报送发卡和预收资金情况，"
         "消费者可以在平台上查询经营者的备案信息和信用状况。"],
    ]),
    ("办卡后后悔了，能退吗？", 3, [
        ["能。《办法》设立了7天冷静期", 4, "：消费者自购卡之日起7日内，未使用预付卡的，可以要求经营者全额退款，经营者"
         "应当在7日内退还。已经开始使用、消费者要求退卡的，按照合同约定处理；合同没有约定的，经营者应当扣除已消费部分"
         "后退还余额，收取的违约金不得超过余额的10%。经营者停业、歇业或者搬离经营场所的，应当提前30日通知消费者，并"
         "退还预付卡余额。消费者遇到退卡纠纷，可以拨打12345热线或者12315投诉举报电话。"],
    ]),
]
FOOTNOTES = {
    1: "《办法》文号为蓼政规〔2025〕5号，全文见蓼川市人民政府门户网站“政策文件”栏目。",
    2: "数据来源：蓼川市12315投诉举报平台，统计时间为2024年1月1日至12月31日。",
    3: "单用途预付卡，是指经营者发行的，仅限于在本企业或者本企业所属集团、同一品牌特许经营体系内兑付货品或者服务的"
       "预付凭证，包括磁条卡、芯片卡、纸质凭证以及电子凭证等。",
    4: "冷静期内，消费者已经领取赠品或者享受了赠送服务的，按照合同约定处理。",
}
CONTACT = "政策咨询：蓼川市市场监督管理局网络交易和合同监督管理科　电话：8126 4415"
SIGNATURE = ["蓼川市市场监督管理局", "2025年6月10日"]

NUM_ID = 30
BOOKMARK_BASE = 207318040  # Word's _Toc bookmark names are _Toc followed by nine digits
W = nsdecls("w")

NUMBERING = f"""<w:abstractNum {W} w:abstractNumId="{NUM_ID}">
  <w:nsid w:val="5A1C3E20"/><w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="8E2A6C14"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/>
    <w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>
</w:abstractNum>"""
STYLES = [
    f"""<w:style {W} w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/>
      <w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>
      <w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs><w:spacing w:before="120" w:after="60"/>
      </w:pPr></w:style>""",
    f"""<w:style {W} w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>
      <w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
      <w:pPr><w:snapToGrid w:val="0"/><w:spacing w:after="0"/></w:pPr>
      <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>""",
    f"""<w:style {W} w:type="character" w:customStyle="1" w:styleId="FootnoteTextChar"><w:name w:val="脚注文本 字符"/>
      <w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="FootnoteText"/><w:uiPriority w:val="99"/>
      <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>""",
    f"""<w:style {W} w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>
      <w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>
      <w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>""",
]


def _footnotes_xml() -> bytes:
    notes = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
    ]
    for n, text in FOOTNOTES.items():
        notes.append(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:footnotes {W} {nsdecls("r")}>' + "".join(notes) + "</w:footnotes>").encode("utf-8")


def _add_pieces(paragraph, pieces: list[str | int]) -> None:  # type: ignore[no-untyped-def]
    for piece in pieces:
        if isinstance(piece, int):
            paragraph._p.append(parse_xml(
                f'<w:r {W}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{piece}"/></w:r>'))
        else:
            add_text(paragraph, piece)


def _toc_sdt() -> object:
    """The TOC content control: the field's instruction and its cached result, one "toc 1" paragraph per heading."""
    numbers = "一二三四五六七八九十"
    paras = []
    for i, (heading, page, _) in enumerate(QA):
        name = f"_Toc{BOOKMARK_BASE + i}"
        begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                 '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>') if i == 0 else ""
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(QA) - 1 else ""
        paras.append(
            '<w:p><w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs>'
            '</w:pPr>' + begin +
            f'<w:hyperlink w:anchor="{name}" w:history="1">'
            f'<w:r><w:t>{numbers[i]}、{heading}</w:t></w:r><w:r><w:tab/></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {name} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>' + end + '</w:p>')
    return parse_xml(
        f'<w:sdt {W}><w:sdtPr><w:id w:val="-1539267014"/><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        '<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>' + "".join(paras) + '</w:sdtContent></w:sdt>')


def _page_break(doc) -> None:  # type: ignore[no-untyped-def]
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋_GB2312", 14)
    heading = doc.styles["Heading 1"]
    set_east_asian_font(heading, "黑体", 16)
    heading.font.bold = True
    fonts = heading.element.rPr.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the 黑体 set above
    heading.font.color.rgb = RGBColor(0, 0, 0)
    ppr = heading.element.get_or_add_pPr()
    num_pr = parse_xml(f'<w:numPr {W}><w:numId w:val="{NUM_ID}"/></w:numPr>')
    before = [c for c in ppr if c.tag in (qn("w:keepNext"), qn("w:keepLines"), qn("w:pageBreakBefore"),
                                          qn("w:framePr"), qn("w:widowControl"))]
    if before:
        before[-1].addnext(num_pr)  # numPr's place in the schema's order of pPr children
    else:
        ppr.insert(0, num_pr)

    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(NUMBERING)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {W} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'))
    for xml in STYLES:
        doc.styles.element.append(parse_xml(xml))

    footnotes = Part(PackURI("/word/footnotes.xml"),
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                     _footnotes_xml(), doc.part.package)
    doc.part.relate_to(footnotes, RT.FOOTNOTES)
    settings = doc.settings.element
    footnote_pr = parse_xml(f'<w:footnotePr {W}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(footnote_pr)
    else:
        settings.append(footnote_pr)

    props = doc.core_properties
    props.author = "lcscjgj"
    props.title = TITLE
    props.created = dt.datetime(2025, 6, 9, 15, 20, 0)
    props.modified = dt.datetime(2025, 6, 10, 9, 5, 0)
    props.last_modified_by = "lcscjgj"
    props.revision = 7

    for text, size in ((TITLE, 22), (UNIT, 16), (MONTH, 16)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(24)
        add_text(p, text, bold=text == TITLE)
        p.runs[0].font.size = Pt(size)
    doc.add_paragraph(FICTION).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_break(doc)

    toc_title = doc.add_paragraph()
    toc_title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(toc_title, TOC_TITLE, bold=True)
    placeholder = doc.add_paragraph()
    placeholder._p.addprevious(_toc_sdt())
    placeholder._p.getparent().remove(placeholder._p)
    _page_break(doc)

    _add_pieces(doc.add_paragraph(), LEAD)
    for i, (question, _, answer) in enumerate(QA):
        h = doc.add_paragraph(style="Heading 1")
        name = f"_Toc{BOOKMARK_BASE + i}"
        h._p.append(parse_xml(f'<w:bookmarkStart {W} w:id="{i}" w:name="{name}"/>'))
        add_text(h, question)
        h._p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="{i}"/>'))
        for pieces in answer:
            _add_pieces(doc.add_paragraph(), pieces)

    doc.add_paragraph()
    doc.add_paragraph(CONTACT)
    for line in SIGNATURE:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2025, 6, 10, 9, 5, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
