"""Builds tests/fixtures/layouts5/tongchuan-housing-fund-qa.docx: a FICTIONAL 答记者问 of 桐川市住房公积金管理中心.

Layout exercised: a .docx attachment as a gov site's 信息公开 page exports it. The header block is a 2-column TABLE
(发布机构 / 桐川市住房公积金管理中心, 发布日期, 索引号, 主题分类) before the title; the title is a bold, centred
Normal paragraph "桐川市住房公积金管理中心有关负责人解读《……》" (no Heading style). Each question and each answer is
ONE Normal paragraph that starts with a BOLD label run ("记者：" / "负责人：") followed, in the same paragraph, by the
words in plain runs. Several answers go on over further unlabelled paragraphs (the first answer over three). The
answerer is a role (有关负责人, labelled 负责人), never named; the bureau is in the table and the title.

    /work/main/.venv/bin/python tests/fixture_builders/tongchuan_housing_fund_qa.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts5" / "tongchuan-housing-fund-qa.docx"

HEADER_TABLE = [
    ("发布机构", "桐川市住房公积金管理中心"),
    ("发布日期", "2024-05-20"),
    ("索引号", "12330900MB0T17284K/2024-00136"),
    ("主题分类", "城乡建设／住房公积金"),
]
TITLE = "桐川市住房公积金管理中心有关负责人解读《桐川市住房公积金缴存提取管理办法》"
FICTION_NOTE = "（本文为虚构示例，人物、机构和数据均为虚构，仅供软件测试使用。）"

INTRO = (
    "近日，桐川市住房公积金管理委员会印发《桐川市住房公积金缴存提取管理办法》（以下简称《办法》），自2024年6月1日"
    "起施行。围绕社会关注的热点问题，记者采访了桐川市住房公积金管理中心有关负责人。"
)

# (label, [paragraphs]): the label is a bold run at the start of the first paragraph, the words follow in plain runs
# of the same paragraph; the further paragraphs carry no label.
EXCHANGES: list[tuple[str, list[str]]] = [
    ("记者：", ["此次出台《办法》的背景是什么？"]),
    ("负责人：", [
        "我市现行的住房公积金缴存、提取政策分别制定于2016年和2018年，随着经济社会发展，部分条款已经不能适应新"
        "形势、新要求。截至2023年底，全市住房公积金实缴单位1.36万家，实缴职工38.7万人，累计缴存总额1286亿元，"
        "累计发放个人住房贷款9.8万笔、金额412亿元。",
        "与此同时，新就业无房职工、灵活就业人员和多子女家庭对住房公积金制度提出了新的期待，缴存扩面和租购并举"
        "的任务更加迫切。",
        "为此，我们在深入调研、两次公开征求意见的基础上，将原有的缴存管理和提取管理两个文件整合修订为《办法》，"
        "共7章42条，经市住房公积金管理委员会第三次全体会议审议通过后印发。",
    ]),
    ("记者：", ["《办法》在缴存方面作了哪些调整？"]),
    ("负责人：", [
        "主要有三方面调整。一是缴存基数上限调整为上一年度全市城镇非私营单位在岗职工月平均工资的3倍，即每月28650元，"
        "下限不低于本市最低月工资标准2280元。二是单位和职工的缴存比例均为5%至12%，单位可以在此范围内自主确定。"
        "三是生产经营困难的单位，经职工代表大会或者工会讨论通过，可以申请降低缴存比例或者缓缴，缓缴期限最长不超过"
        "12个月，缓缴期间职工正常申请公积金贷款不受影响。",
    ]),
    ("记者：", ["灵活就业人员怎样参加住房公积金缴存？"]),
    ("负责人：", [
        "《办法》第十一条规定，年满16周岁、在我市灵活就业的人员，可以自愿缴存住房公积金。月缴存基数在2280元至"
        "28650元之间自行选择，缴存比例为10%至24%，按月、按季或者按年缴存均可。",
        "灵活就业人员可以通过“桐川公积金”App或者微信小程序在线开户，不需要到窗口办理。连续足额缴存满6个月后，"
        "就可以和单位缴存职工一样申请住房公积金贷款。自2022年试点以来，全市已有1.2万名灵活就业人员开户缴存。",
    ]),
    ("记者：", ["在支持租房方面有哪些新举措？"]),
    ("负责人：", [
        "一是提高租房提取额度。无房职工在我市租住商品住房的，每人每月最高可以提取1500元，夫妻双方每月最高可以提取"
        "3000元，比原标准分别提高了500元和1000元；租住公共租赁住房的，按实际房租支出提取。",
        "二是简化提取手续。职工首次提取时签订委托协议后，可以按月自动提取到本人银行卡，不再需要每次提交租赁合同。"
        "三是支持新市民、青年人安居。毕业5年内首次在我市就业的高校毕业生，正常缴存满3个月就可以申请租房提取。",
    ]),
    ("记者：", ["对多子女家庭有什么支持政策？"]),
    ("负责人：", [
        "养育两个及以上未成年子女的缴存职工家庭，首次购买自住住房申请住房公积金贷款的，最高贷款额度在现行标准基础上"
        "上浮20%，双缴存职工家庭最高可以贷款96万元，单缴存职工家庭最高可以贷款72万元。这类家庭租房提取的，按实际"
        "房租支出提取，不受每月限额限制。今年1至4月，全市已有316户多子女家庭享受了贷款额度上浮政策，涉及贷款"
        "2.4亿元。",
    ]),
    ("记者：", ["新旧政策怎样衔接？群众办事需要注意什么？"]),
    ("负责人：", [
        "6月1日之前已经受理的提取、贷款申请，仍按原政策办理；6月1日以后受理的，一律按新规定执行。",
        "我们已经在全市9个服务网点和“桐川公积金”App同步更新了办事指南，缴存职工也可以拨打12329住房公积金服务"
        "热线咨询。下一步，我们还将开展“公积金政策进企业”活动，年内计划走访缴存单位500家以上。",
    ]),
]

CLOSING = "（责任编辑：沈一帆）"


def _shade(cell, fill: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋", 14)

    props = doc.core_properties
    props.title = TITLE
    props.author = "tcgjj"
    props.created = dt.datetime(2024, 5, 20, 8, 30, 0)
    props.modified = dt.datetime(2024, 5, 20, 9, 10, 0)
    props.last_modified_by = "tcgjj"
    props.revision = 3

    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in HEADER_TABLE:
        row = table.add_row()
        row.cells[0].width = Cm(3.5)
        row.cells[1].width = Cm(12.5)
        row.cells[0].paragraphs[0].add_run(key).bold = True
        _shade(row.cells[0], "EDEDED")
        row.cells[1].paragraphs[0].add_run(value)

    title = doc.add_paragraph()  # a Normal paragraph, bold and centred: no Heading style anywhere
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(18)
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)

    note = doc.add_paragraph()
    run = note.add_run(FICTION_NOTE)
    run.italic = True
    run.font.size = Pt(10.5)

    intro = doc.add_paragraph(INTRO)
    intro.paragraph_format.first_line_indent = Pt(28)

    for label, paragraphs in EXCHANGES:
        for i, text in enumerate(paragraphs):
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(28)
            if i == 0:
                add_text(p, label, bold=True)
            add_text(p, text)

    doc.add_paragraph(CLOSING).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 5, 20, 9, 30, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
