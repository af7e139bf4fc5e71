"""Builds tests/fixtures/layouts7/zewan-veterans-qa.docx: a FICTIONAL 答记者问 of 泽湾市退役军人事务局.

Layout exercised: an 答记者问 posted as a .docx attachment. The bureau is named ONLY in the title, without its city
("市退役军人事务局有关负责人就《泽湾市退役军人就业创业扶持办法》答记者问"); the city is in the document's name in the
title. The 来源 line names the city government's site, not the bureau. Each question is a BOLD paragraph numbered in
Chinese with a label after the number ("一、问：……？"); each answer is a plain paragraph opening "答：", sometimes
continued by further plain paragraphs without a label. Nobody is named: the answerer is the 有关负责人 of the title.
A closing editor's line (责任编辑) and an 附件 line follow the last answer.

    /work/main/.venv/bin/python tests/fixture_builders/zewan_veterans_qa.py

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

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts7" / "zewan-veterans-qa.docx"

TITLE = "市退役军人事务局有关负责人就《泽湾市退役军人就业创业扶持办法》答记者问"
META = "发布时间：2024-09-12 16:30　　来源：泽湾市人民政府门户网站　　字号：【大 中 小】"
FICTION_NOTE = "（本文为虚构示例，人物、机构和数据均为虚构，仅供软件测试使用。）"
INTRO = ("近日，泽湾市人民政府办公室印发《泽湾市退役军人就业创业扶持办法》（以下简称《办法》），自2024年10月1日起施行。"
         "为帮助社会各界更好地了解《办法》的主要内容，有关负责人接受了记者采访。")

# (bold numbered question, [answer paragraphs; the first opens with 答：])
QA: list[tuple[str, list[str]]] = [
    ("一、问：《办法》出台的背景是什么？", [
        "答：我市现有退役军人4.8万人，每年新接收退役士兵约1300人。近年来，我们陆续出台了一些扶持政策，但存在政策分散、"
        "标准不一、申请渠道多等问题，部分退役军人反映“不知道找谁、不知道能享受什么”。",
        "为此，我们在深入调研、广泛征求意见的基础上起草了《办法》，把就业、创业、培训三方面的扶持措施集中到一个文件中，"
        "做到“一文通览、一窗受理”。",
    ]),
    ("二、问：在促进退役军人就业方面，《办法》有哪些具体措施？", [
        "答：《办法》第八条规定，机关事业单位招录招聘时，可以拿出一定数量的岗位面向退役大学生士兵定向招考，每年不少于"
        "60个。企业招用自主就业退役士兵，签订1年以上劳动合同并缴纳社会保险的，按每人每年7800元的标准依次扣减税费，"
        "同时由市财政给予每人2000元的一次性吸纳就业补贴。我们还将每季度举办一场退役军人专场招聘会，全年提供岗位不少于"
        "3000个。",
    ]),
    ("三、问：退役军人自主创业，能得到哪些扶持？", [
        "答：主要有三项。一是创业担保贷款，个人最高可申请30万元，合伙创业的最高可申请150万元，财政按规定全额贴息3年；"
        "二是一次性创业补贴，首次创办小微企业或者个体工商户、正常经营满6个月的，给予1万元补贴；三是场地支持，市退役军人"
        "创业孵化基地为入驻项目免收前两年的场地租金，目前基地还有42个工位可供申请。",
    ]),
    ("四、问：退役军人参加职业技能培训有什么优惠？", [
        "答：退役士兵退役后1年内可以选择一次免费的职业教育或者技能培训，培训期间按每人每天60元的标准发放生活补助，"
        "最长不超过6个月。",
        "今年我们与全市11所院校和培训机构签订了合作协议，开设电工、无人机驾驶、网络安全等26个专业（工种）。取得职业技能"
        "等级证书的，还可以按规定再申领技能提升补贴。",
    ]),
    ("五、问：退役军人如何申请这些扶持政策？", [
        "答：退役军人可以就近到各区县退役军人服务中心、镇街退役军人服务站提出申请，也可以通过“泽湾退役军人”微信小程序"
        "在线申报。我们承诺，材料齐全的申请在10个工作日内办结。政策咨询可拨打0751-12345转6，或者拨打市退役军人服务"
        "中心电话0751-8836 2201（工作日9:00—17:00）。",
    ]),
]

CLOSING = "附件：泽湾市退役军人就业创业扶持办法"
EDITOR = "责任编辑：冯雪　　【打印本页】　【关闭窗口】"


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋", 14)

    props = doc.core_properties
    props.title = TITLE
    props.author = "zwgov"
    props.created = dt.datetime(2024, 9, 12, 15, 0, 0)
    props.modified = dt.datetime(2024, 9, 12, 16, 20, 0)
    props.last_modified_by = "zwgov"
    props.revision = 3

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)

    meta = doc.add_paragraph()
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta.add_run(META).font.size = Pt(10.5)

    note = doc.add_paragraph()
    run = note.add_run(FICTION_NOTE)
    run.italic = True
    run.font.size = Pt(10.5)

    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(28)
    add_text(p, INTRO)

    for question, answers in QA:
        q = doc.add_paragraph()
        q.paragraph_format.first_line_indent = Pt(28)
        add_text(q, question, bold=True)
        for text in answers:
            a = doc.add_paragraph()
            a.paragraph_format.first_line_indent = Pt(28)
            add_text(a, text)

    doc.add_paragraph(CLOSING)
    doc.add_paragraph(EDITOR).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 9, 12, 16, 30, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
