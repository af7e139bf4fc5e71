"""Builds tests/fixtures/layouts4/songling-medical-security-qa.docx: a FICTIONAL 答记者问 of 松陵市医疗保障局.

Layout exercised: a .docx attachment whose title is a bold, centred NORMAL paragraph (no Heading style), then a
来源 line; the questions are numbered headings "一、……？" written as BOLD runs in Normal paragraphs (no Heading
style and no 问：/记者： label), each followed by plain answer paragraphs. The answerer is a role (市医疗保障局
负责人), never named; the bureau is in the title and the 来源 line. One answer quotes the document's articles
(《办法》第五条规定……) and one has a soft line break inside a paragraph.

    /work/main/.venv/bin/python tests/fixture_builders/songling_medical_security_qa.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts4" / "songling-medical-security-qa.docx"

TITLE = "松陵市医疗保障局负责人就《松陵市职工基本医疗保险门诊共济保障实施办法》答记者问"
SOURCE = "来源：松陵市医疗保障局　　发布时间：2024-03-15　　字号：大 中 小"
FICTION_NOTE = "（本文为虚构示例，人物、机构和数据均为虚构，仅供软件测试使用。）"

INTRO = (
    "近日，松陵市医疗保障局、松陵市财政局联合印发《松陵市职工基本医疗保险门诊共济保障实施办法》（以下简称"
    "《办法》），自2024年4月1日起施行。为帮助参保单位和参保人员准确理解政策内容，市医疗保障局负责人接受记者"
    "采访，回答了社会关注的问题。"
)

# (bold numbered question, [answer paragraphs]); "\n" inside a paragraph becomes a soft line break (w:br).
SECTIONS: list[tuple[str, list[str]]] = [
    (
        "一、为什么要出台《办法》？",
        [
            "长期以来，我市职工医保实行个人账户与统筹基金“板块式”结构，门诊费用主要靠个人账户支付，统筹基金对"
            "普通门诊的保障不足。一方面，部分患慢性病的参保人员个人账户“不够用”；另一方面，一些年轻健康的参保人员"
            "个人账户大量沉淀。截至2023年底，全市职工医保个人账户累计结存达到41.6亿元。",
            "为落实国家和省关于建立健全职工基本医疗保险门诊共济保障机制的部署，我们在广泛征求意见的基础上起草了"
            "《办法》，经市政府常务会议审议通过后印发。出台《办法》，就是要把个人账户“自己的钱自己用”，转变为统筹"
            "基金“大家的钱大家用”，增强职工医保的互助共济作用。",
        ],
    ),
    (
        "二、《办法》主要在哪些方面作了调整？",
        [
            "《办法》主要有两方面调整。一是改进个人账户计入办法。《办法》第五条规定，在职职工个人缴纳的基本医疗"
            "保险费（本人工资的2%）全部计入本人个人账户，单位缴纳的部分全部计入统筹基金；退休人员个人账户由统筹"
            "基金按月定额划入，划入额度为每人每月120元。",
            "二是建立普通门诊统筹。参保人员在定点医疗机构发生的政策范围内普通门诊费用，纳入统筹基金支付范围，"
            "由统筹基金按比例报销。",
        ],
    ),
    (
        "三、普通门诊费用怎么报销？",
        [
            "《办法》第九条规定，普通门诊统筹的起付标准为每年800元。起付标准以上的部分，在职职工在一级及以下定点"
            "医疗机构报销65%、二级定点医疗机构报销55%、三级定点医疗机构报销50%，退休人员报销比例再提高10个"
            "百分点。年度最高支付限额为在职职工3000元、退休人员4000元。\n"
            "举个例子：一名在职职工一年内在社区卫生服务中心看门诊花费2800元，扣除800元起付标准后，统筹基金可以"
            "报销1300元。",
        ],
    ),
    (
        "四、改革后个人账户的钱少了，是不是参保人员的待遇降低了？",
        [
            "这是大家最关心的问题。改革后，在职职工个人账户计入额度有所减少，但减少的部分并没有“消失”，而是全部"
            "进入统筹基金，用于提高门诊保障待遇。据测算，改革后全市统筹基金每年将新增门诊保障资金约6.3亿元。",
            "总体来看，对门诊费用较高的慢性病患者和老年人，改革后的保障水平明显提高；对年轻健康的参保人员，"
            "虽然个人账户计入减少了，但一旦患病，就可以享受统筹基金的报销，这是“一人有病、众人帮扶”的保障。",
        ],
    ),
    (
        "五、个人账户的使用范围有什么变化？",
        [
            "《办法》第七条明确，个人账户可以用于支付参保人员本人及其配偶、父母、子女在定点医疗机构就医发生的由"
            "个人负担的医疗费用，以及在定点零售药店购买药品、医疗器械、医用耗材发生的由个人负担的费用，还可以用于"
            "配偶、父母、子女参加城乡居民基本医疗保险的个人缴费。家庭共济绑定可以通过“松陵医保”App办理，最多可以"
            "绑定5名家庭成员。",
            "同时，个人账户不得用于公共卫生费用、体育健身或养生保健消费等不属于基本医疗保险保障范围的支出。",
        ],
    ),
    (
        "六、参保人员怎样享受门诊统筹待遇？需要办理什么手续吗？",
        [
            "不需要专门办理手续。参保人员持医保电子凭证或者社会保障卡在定点医疗机构就医，即可直接结算，由统筹基金"
            "支付的部分无需个人垫付。目前，全市已有1126家定点医疗机构和412家定点零售药店开通了门诊统筹结算。"
            "参保人员可以通过“松陵医保”App或者拨打医保服务热线12393，查询附近的定点医疗机构。",
        ],
    ),
]

CLOSING = "（责任编辑：王蕾）"


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋", 14)

    props = doc.core_properties
    props.title = TITLE
    props.author = "ylbzj"
    props.created = dt.datetime(2024, 3, 15, 9, 0, 0)
    props.modified = dt.datetime(2024, 3, 15, 9, 40, 0)
    props.last_modified_by = "ylbzj"
    props.revision = 2

    title = doc.add_paragraph()  # a Normal paragraph, bold and centred: no Heading style anywhere
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)

    source = doc.add_paragraph(SOURCE)
    source.alignment = WD_ALIGN_PARAGRAPH.CENTER

    note = doc.add_paragraph()
    run = note.add_run(FICTION_NOTE)
    run.italic = True
    run.font.size = Pt(10.5)

    intro = doc.add_paragraph(INTRO)
    intro.paragraph_format.first_line_indent = Pt(28)

    for question, answers in SECTIONS:
        q = doc.add_paragraph()
        q.paragraph_format.first_line_indent = Pt(28)
        add_text(q, question, bold=True)
        for answer in answers:
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(28)
            add_text(p, answer)

    doc.add_paragraph(CLOSING).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 3, 15, 10, 0, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
