"""Builds tests/fixtures/layouts5/tongchuan-hrss-policy.pdf: a FICTIONAL 政策解读 of 桐川市人力资源和社会保障局.

Layout: A4 in TWO COLUMNS, as a city government site prints a 政策解读 page to PDF. A running header
"桐川市人民政府门户网站" (left) and "政策解读" (right) and a footer "— N —" on every page. The first page has a
full-width title and info block (发布日期, 解读机关：桐川市人力资源和社会保障局, 来源) above the two columns; the
following pages are two columns throughout. The questions are numbered "1. ……？" with no label (no 问：, no
记者：), each followed by the answer paragraphs; lines are broken at the column width, and answers run across
column and page breaks. Nobody is named and no role answers: the bureau itself answers (it is only in the
解读机关 line, the body says 市人力资源和社会保障局 and 我局 without the city). One answer quotes the document's
articles (《方案》第六条明确……).

reportlab is not a project dependency. Install it into a scratch dir and put that on the path:
    pip install --target /tmp/pdfgen5 reportlab
    PYTHONPATH=/tmp/pdfgen5 .venv/bin/python tests/fixture_builders/tongchuan_hrss_policy.py

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
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph,
                                Spacer)
from pdf_parts import PageCountCanvas  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts5" / "tongchuan-hrss-policy.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

SITE = "桐川市人民政府门户网站"
SECTION = "政策解读"

TITLE = "《桐川市职业技能提升行动实施方案（2024—2026年）》政策解读"
INFO_LINES = [
    "发布日期：2024-04-08　　　来源：市人力社保局",
    "解读机关：桐川市人力资源和社会保障局",
    "（本文为虚构示例，人物、机构和数据均为虚构）",
]
INTRO = (
    "近日，桐川市人民政府办公室印发《桐川市职业技能提升行动实施方案（2024—2026年）》（以下简称《方案》）。"
    "为便于社会各界准确理解和把握政策内容，现就《方案》有关内容解读如下。"
)

# (numbered question, [answer paragraphs])
SECTIONS: list[tuple[str, list[str]]] = [
    ("1. 《方案》出台的背景是什么？", [
        "技能人才是支撑制造强市建设的重要力量。截至2023年底，全市技能人才总量达到42.3万人，其中高技能人才12.1万人，"
        "占技能人才总量的28.6%，与先进地区相比仍有差距，装备制造、电子信息等重点产业的高技能人才缺口约1.5万人。",
        "为贯彻落实国家和省关于加强新时代高技能人才队伍建设的部署，市人力资源和社会保障局会同市财政局、市教育局等"
        "部门起草了《方案》，经市政府常务会议审议通过后印发实施。",
    ]),
    ("2. 《方案》提出了哪些主要目标？", [
        "2024年至2026年，全市计划开展各类补贴性职业技能培训15万人次，新增技能人才6万人，其中新增高技能人才2万人。"
        "到2026年底，高技能人才占技能人才总量的比例达到32%以上，建成市级以上高技能人才培训基地20个、技能大师工作室"
        "50个。",
    ]),
    ("3. 哪些人员可以参加补贴性职业技能培训？", [
        "《方案》第六条明确，在我市就业的企业职工，以及高校毕业生、农村转移劳动力、退役军人、失业人员、脱贫人口等"
        "就业重点群体，都可以参加补贴性职业技能培训。",
        "同一职业（工种）同一等级的培训补贴只能享受一次，每人每年享受补贴性培训原则上不超过3次。参加培训的人员可以"
        "通过“桐川人社”App查询全市186家定点培训机构和开班计划，就近报名。",
    ]),
    ("4. 培训补贴标准是多少？怎样申领？", [
        "培训合格并取得证书的，按等级给予补贴：取得初级工证书的每人1200元，中级工1800元，高级工2600元，技师3500元，"
        "高级技师4500元；取得专项职业能力证书的每人800元。",
        "个人参加培训的，取得证书后12个月内通过“桐川人社”App或者各区县人社部门窗口提出申请；企业组织职工培训的，"
        "由企业统一申请。我局在收到申请后15个工作日内完成审核，审核通过的补贴直接发放到个人或者企业的银行账户。",
    ]),
    ("5. 对企业开展技能人才培养有什么支持？", [
        "企业开展新型学徒制培训的，按每人每年5000元的标准给予补贴，补贴期限最长2年。新认定的市级技能大师工作室，"
        "给予一次性资助10万元；新认定的市级高技能人才培训基地，给予一次性资助50万元。",
        "我们还支持符合条件的企业自主开展职业技能等级认定，企业评定的技能等级与职业资格同等对待。目前，全市已有"
        "137家企业备案开展自主评价，今年计划再新增40家。",
    ]),
    ("6. 高技能人才在落户、住房等方面能享受哪些待遇？", [
        "《方案》提出，取得技师、高级技师职业资格或者职业技能等级证书的人员，在落户、子女入学、购房等方面享受与"
        "相应层次专业技术人才同等的待遇。来我市就业的高级技师，三年内可以按每月1500元的标准申领租房补贴。",
        "每两年评选一次“桐川工匠”，每届评选不超过30名，每人给予一次性奖励5万元。获得市级以上职业技能竞赛一、二、"
        "三等奖的选手，可以按规定晋升相应的职业技能等级。",
    ]),
    ("7. 《方案》什么时候开始施行？", [
        "《方案》自2024年5月1日起施行，有效期至2026年12月31日。此前我市出台的职业技能培训补贴政策与《方案》不一致的，"
        "以《方案》为准。政策执行中的具体问题，可以拨打12333人社服务热线咨询。",
    ]),
]

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
GUTTER = 8 * mm
TOP = 24 * mm
BOTTOM = 20 * mm
HEAD_H = 46 * mm  # the first page's full-width title block


class NumberedCanvas(PageCountCanvas):
    """Draws the running header and the footer "— N —" on every page."""

    def decorate(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 9)
        self.setFillColor(HexColor("#555555"))
        self.drawString(MARGIN, PAGE_H - 13 * mm, SITE)
        self.drawRightString(PAGE_W - MARGIN, PAGE_H - 13 * mm, SECTION)
        self.setStrokeColor(HexColor("#b01c1c"))
        self.line(MARGIN, PAGE_H - 14.5 * mm, PAGE_W - MARGIN, PAGE_H - 14.5 * mm)
        self.setFont(FONT, 11)
        self.drawCentredString(PAGE_W / 2, 11 * mm, f"— {self._pageNumber} —")
        self.restoreState()


def _columns(top: float) -> list[Frame]:
    col_w = (PAGE_W - 2 * MARGIN - GUTTER) / 2
    height = top - BOTTOM
    return [Frame(MARGIN, BOTTOM, col_w, height, id="left", leftPadding=0, rightPadding=0),
            Frame(MARGIN + col_w + GUTTER, BOTTOM, col_w, height, id="right", leftPadding=0, rightPadding=0)]


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    title = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=24, alignment=1, wordWrap="CJK",
                           spaceAfter=8)
    info = ParagraphStyle("info", fontName=FONT, fontSize=10.5, leading=17, alignment=1, wordWrap="CJK",
                          textColor=HexColor("#444444"))
    body = ParagraphStyle("body", fontName=FONT, fontSize=11.5, leading=20, wordWrap="CJK", firstLineIndent=21,
                          spaceAfter=3)
    question = ParagraphStyle("question", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK",
                              textColor=HexColor("#1f3f7a"), spaceBefore=6, spaceAfter=3)

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP,
                          bottomMargin=BOTTOM, title=TITLE, author="桐川市人力资源和社会保障局", creator="",
                          invariant=1)
    head = Frame(MARGIN, PAGE_H - TOP - HEAD_H, PAGE_W - 2 * MARGIN, HEAD_H, id="head", leftPadding=0,
                 rightPadding=0)
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[head] + _columns(PAGE_H - TOP - HEAD_H - 4 * mm)),
        PageTemplate(id="later", frames=_columns(PAGE_H - TOP)),
    ])

    story = [NextPageTemplate("later"), Paragraph(TITLE, title)]
    story += [Paragraph(line, info) for line in INFO_LINES]
    story.append(FrameBreak())
    story.append(Paragraph(INTRO, body))
    for q, paragraphs in SECTIONS:
        story.append(Paragraph(q, question))
        story += [Paragraph(text, body) for text in paragraphs]
    story.append(Spacer(1, 8))
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
