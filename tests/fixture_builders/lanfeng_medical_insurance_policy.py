"""Builds tests/fixtures/layouts7/lanfeng-medical-insurance-policy.pdf: a FICTIONAL 一图读懂-style 政策解读 of
岚峰市医疗保障局.

Layout: A4, one column, as a bureau posts the text version of its 一图读懂 graphic. Running header on every page:
"岚峰市医疗保障局" (left) and "政策解读 · 一图读懂" (right); footer "第 N 页 共 M 页". The questions are headings
"问题一　……？", "问题二　……？" (a full-width space, no colon, no 问：), each followed by answer paragraphs with no
label; a "划重点" box of short lines after some answers. Nobody is named and no role answers: the bureau speaks as
itself (我局, 市医保局). The bureau's full name is only in the running header and the 解读单位 line. A closing
咨询电话 block and an editor's line end the document.

    /work/main/.venv/bin/python tests/fixture_builders/lanfeng_medical_insurance_policy.py

The bytes are reproducible (reportlab's invariant mode: fixed dates and document id).
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from pdf_parts import PageCountCanvas, running_header  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts7" / "lanfeng-medical-insurance-policy.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

HEADER_LEFT = "岚峰市医疗保障局"
HEADER_RIGHT = "政策解读 · 一图读懂"

TITLE = "一图读懂｜职工医保门诊共济保障机制改革，这些变化要知道"
INFO_LINES = [
    "发布时间：2024年6月3日　　浏览次数：3862",
    "解读单位：岚峰市医疗保障局　　解读文件：《岚峰市职工基本医疗保险门诊共济保障实施办法》",
    "（本文为虚构示例，人物、机构和数据均为虚构）",
]
INTRO = ("7月1日起，我市职工基本医疗保险门诊共济保障机制改革正式实施。这次改革会带来哪些变化？看病报销有什么不同？"
         "市医保局为您一一解答。")

# (heading, [answer paragraphs], [划重点 lines])
SECTIONS: list[tuple[str, list[str], list[str]]] = [
    ("问题一　为什么要进行门诊共济保障机制改革？", [
        "过去，职工医保参保人门诊看病主要靠个人账户支付，年轻健康的参保人个人账户结余较多，而患病较多的老年人个人账户"
        "往往不够用。截至2023年底，全市职工医保个人账户累计结余达到21.6亿元，但有近四成退休人员当年门诊费用超过个人"
        "账户余额。",
        "改革就是要把门诊费用纳入统筹基金支付，实现“一人生病、大家帮助”，减轻参保人特别是老年人、慢性病患者的门诊负担。",
    ], []),
    ("问题二　改革后，个人账户怎么计入？", [
        "在职职工个人缴纳的基本医疗保险费（本人工资的2%）仍全部计入本人个人账户，单位缴纳部分不再划入个人账户，"
        "全部计入统筹基金。退休人员个人账户由统筹基金按定额划入，划入额度为每人每月96元，比改革前平均减少约40元。",
    ], ["● 在职职工：个人缴费2%全部计入", "● 退休人员：每人每月定额96元"]),
    ("问题三　普通门诊费用能报销多少？", [
        "参保人在一个自然年度内发生的政策范围内普通门诊费用，起付标准为600元，起付标准以上部分，在职职工报销60%，"
        "退休人员报销70%；在基层医疗机构就诊的，报销比例再提高10个百分点。年度最高支付限额为在职职工3000元、"
        "退休人员4000元。据测算，改革后全市每年将有约38万人次享受门诊统筹待遇。",
    ], ["● 起付线600元", "● 年度限额：在职3000元，退休4000元"]),
    ("问题四　个人账户还能用来做什么？", [
        "个人账户可以用于支付本人在定点医疗机构就医、在定点药店购药发生的由个人负担的费用，也可以用于支付本人配偶、"
        "父母、子女在定点医药机构就医购药的个人负担费用，以及参加城乡居民基本医疗保险等的个人缴费。家庭成员共济通过"
        "“岚峰医保”微信公众号即可在线绑定，最多可以绑定5人。",
    ], []),
    ("问题五　改革后，门诊慢特病待遇有变化吗？", [
        "门诊慢特病保障政策保持不变。目前我市纳入门诊慢特病管理的病种共有52种，参保人经认定后，相关门诊费用继续按"
        "原规定报销，不受普通门诊统筹起付标准和最高支付限额的限制。今年我局还将把阿尔茨海默病等4个病种新纳入保障范围，"
        "具体名单将于9月底前公布。",
    ], []),
]

CLOSING = [
    "政策咨询电话：0736-12393（工作日8:30—12:00，14:30—17:30）",
    "岚峰市医疗保障局服务大厅地址：岚峰市东湖区滨江路188号市民中心B座二楼",
    "责任编辑：龚晓玲　　审核：唐平",
]


class NumberedCanvas(PageCountCanvas):
    """Draws the running header and the footer "第 N 页 共 M 页" on every page."""

    def decorate(self, total: int) -> None:
        running_header(self, FONT, HEADER_LEFT, HEADER_RIGHT, f"第 {self._pageNumber} 页 共 {total} 页",
                       margin_mm=20, rule="#0a5fa8")


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    title = ParagraphStyle("title", fontName=FONT, fontSize=17, leading=26, alignment=1, wordWrap="CJK",
                           spaceAfter=8)
    info = ParagraphStyle("info", fontName=FONT, fontSize=10, leading=16, alignment=1, wordWrap="CJK",
                          textColor=HexColor("#555555"))
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=21, wordWrap="CJK", firstLineIndent=24,
                          spaceAfter=4)
    heading = ParagraphStyle("heading", fontName=FONT, fontSize=13, leading=22, wordWrap="CJK",
                             textColor=HexColor("#0a5fa8"), spaceBefore=10, spaceAfter=4)
    point = ParagraphStyle("point", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK", leftIndent=24,
                           textColor=HexColor("#b01c1c"))
    small = ParagraphStyle("small", fontName=FONT, fontSize=10.5, leading=18, wordWrap="CJK")

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=TITLE, author="岚峰市医疗保障局", creator="", invariant=1)
    story = [Paragraph(TITLE, title)] + [Paragraph(line, info) for line in INFO_LINES]
    story += [Spacer(1, 8), Paragraph(INTRO, body)]
    for head, paragraphs, points in SECTIONS:
        story.append(Paragraph(head, heading))
        story += [Paragraph(text, body) for text in paragraphs]
        if points:
            story.append(Paragraph("划重点", point))
            story += [Paragraph(line, point) for line in points]
    story.append(Spacer(1, 12))
    story += [Paragraph(line, small) for line in CLOSING]
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
