"""Builds tests/fixtures/layouts14/quyang-education-policy.pdf: a FICTIONAL 政策解读 of 蕖阳市教育局 in the style of an
official document (公文).

Layout: A4, one column, typeset as a 红头文件: the red 版头 "蕖阳市教育局文件" (large, red, centred) on page 1 only,
the 发文字号 "蕖教发〔2026〕21号" under it and a red rule; then the title, a short lead, and numbered questions
"一、……？" to "四、……？" (a heading line in a heavier, larger type, no 问： label), each followed by answer paragraphs
with no label. Nobody is named and no role answers: the bureau speaks as itself (市教育局, 我们). No running header;
the page number "— N —" sits at the foot, on the right of odd pages and the left of even pages (公文 style). The end:
a 咨询电话 line, the issuing unit and date (right), "（此件公开发布）", and the 版记 between two rules (抄送 line,
"蕖阳市教育局办公室 2026年4月10日印发"). None of the end is a turn.

    /work/main/.venv/bin/python tests/fixture_builders/quyang_education_policy.py

reportlab is no project dependency (install it to rebuild). The bytes are reproducible (reportlab's invariant mode:
fixed dates and document id).
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
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer

from pdf_parts import PageCountCanvas  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts14" / "quyang-education-policy.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"
RED = HexColor("#d40000")

MASTHEAD = "蕖阳市教育局文件"
DOC_NUMBER = "蕖教发〔2026〕21号"
TITLE = "关于《蕖阳市2026年义务教育阶段学校招生入学工作实施意见》的政策解读"
FICTION_NOTE = "（本文为虚构示例，人物、机构、数据和电话均为虚构，仅供软件测试使用。）"
LEAD = ("近日，市教育局印发了《蕖阳市2026年义务教育阶段学校招生入学工作实施意见》（以下简称《实施意见》）。为便于"
        "广大家长和社会各界准确理解政策，现就有关问题解读如下。")

# (question heading, [answer paragraphs])
SECTIONS: list[tuple[str, list[str]]] = [
    ("一、今年义务教育招生入学的总体安排是怎样的？", [
        "今年我市义务教育招生继续坚持“免试、就近、公平”原则，公办学校实行划片招生，民办学校与公办学校同步招生。"
        "全市预计小学一年级招生5.86万人、初中一年级招生5.12万人，市区今年新增公办学位4200个，新建、改扩建学校9所。",
        "招生工作分三个阶段：5月10日至5月25日为网上报名阶段，家长通过“蕖阳教育”招生服务平台报名；6月1日至6月20日为"
        "资格审核阶段，教育、公安、住房城乡建设、自然资源和规划等部门通过数据共享核验户籍和房产信息，原则上不再要求"
        "家长提交纸质证明；7月10日前各学校公布录取结果，家长可登录平台查询。",
    ]),
    ("二、小学一年级新生入学需要满足哪些条件？", [
        "凡2019年9月1日至2020年8月31日出生、具有接受义务教育能力的适龄儿童，均应入学接受义务教育。公办小学按照"
        "“房户一致”优先的原则安排入学：适龄儿童及其父母（或其他法定监护人）户籍与房产均在同一学区的，优先安排在"
        "学区内学校就读；仅有户籍或仅有房产的，由所在区教育局在区内统筹安排学位。",
        "为防止炒作“学区房”，《实施意见》明确，同一套住房6年内只能提供一个小学学位；2026年3月31日以后迁入学区的户籍，"
        "不作为今年学区划分的依据。",
    ]),
    ("三、进城务工人员随迁子女如何申请入学？需要提供哪些材料？", [
        "随迁子女入学以居住证为主要依据。父母一方持有本市居住证满1年，且在本市连续缴纳社会保险满1年的，其子女可以"
        "申请在居住地所在区的公办学校就读。报名时需提供居住证、社会保险缴费证明、户口簿和儿童出生医学证明，其中居住"
        "证和社会保险信息由平台自动核验，家长只需上传户口簿和出生医学证明。",
        "今年全市安排随迁子女公办学位不少于2.3万个，随迁子女在公办学校就读的比例保持在90%以上。学位不足的区，由区"
        "教育局通过购买民办学校学位服务的方式统筹解决，家长不额外负担学费。",
    ]),
    ("四、民办学校招生如何进行？", [
        "民办义务教育学校与公办学校同步报名、同步招生。报名人数超过招生计划的，全部实行电脑随机录取，摇号过程全程"
        "网络直播，并邀请家长代表、人大代表和政协委员现场监督。民办学校不得举行或变相举行考试、面试选拔学生，不得以"
        "各类竞赛证书、等级证书作为录取依据。",
        "今年全市23所民办义务教育学校计划招生6800人，收费标准须在报名前向社会公示，不得在公示标准之外收取任何费用。"
        "对违规招生的学校，一经查实，将核减下一年度招生计划，情节严重的依法吊销办学许可证。",
    ]),
]
CONTACT = "政策咨询电话：0780-6625 1180（工作日8:30—12:00，14:30—17:30）"
SIGNATURE = ["蕖阳市教育局", "2026年4月10日"]
PUBLIC = "（此件公开发布）"
COPY_TO = "抄送：市人民政府办公室，各县（区）教育局，市直各中小学校。"
PRINTED = "蕖阳市教育局办公室　　　　　　　　　　2026年4月10日印发"


class OfficialCanvas(PageCountCanvas):
    """The page number "— N —" at the foot: right on odd pages, left on even pages."""

    def decorate(self, total: int) -> None:
        w, _ = A4
        n = self._pageNumber
        self.saveState()
        self.setFont(FONT, 14)
        label = f"— {n} —"
        if n % 2:
            self.drawRightString(w - 30 * mm, 18 * mm, label)
        else:
            self.drawString(32 * mm, 18 * mm, label)
        self.restoreState()


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    masthead = ParagraphStyle("masthead", fontName=FONT, fontSize=36, leading=48, alignment=1, textColor=RED,
                              spaceBefore=18, spaceAfter=18)
    number = ParagraphStyle("number", fontName=FONT, fontSize=15, leading=24, alignment=1)
    title = ParagraphStyle("title", fontName=FONT, fontSize=20, leading=32, alignment=1, wordWrap="CJK",
                           spaceBefore=16, spaceAfter=6)
    note = ParagraphStyle("note", fontName=FONT, fontSize=10.5, leading=18, alignment=1, wordWrap="CJK",
                          textColor=HexColor("#555555"), spaceAfter=10)
    heading = ParagraphStyle("heading", fontName=FONT, fontSize=16, leading=28, wordWrap="CJK", firstLineIndent=32,
                             spaceBefore=6)
    body = ParagraphStyle("body", fontName=FONT, fontSize=15, leading=28, wordWrap="CJK", firstLineIndent=30)
    right = ParagraphStyle("right", fontName=FONT, fontSize=15, leading=28, alignment=2, rightIndent=40)
    small = ParagraphStyle("small", fontName=FONT, fontSize=13, leading=24, wordWrap="CJK", leftIndent=14)

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm, topMargin=30 * mm,
                            bottomMargin=32 * mm, title=TITLE, author="蕖阳市教育局", creator="", invariant=1)
    story = [Paragraph(MASTHEAD, masthead), Paragraph(DOC_NUMBER, number),
             HRFlowable(width="100%", thickness=2, color=RED, spaceBefore=6, spaceAfter=4),
             Paragraph(TITLE, title), Paragraph(FICTION_NOTE, note), Paragraph(LEAD, body)]
    for question, answers in SECTIONS:
        story.append(Paragraph(f"<b>{question}</b>", heading))
        story += [Paragraph(text, body) for text in answers]
    story.append(Paragraph(CONTACT, body))
    story.append(Spacer(1, 24))
    story += [Paragraph(line, right) for line in SIGNATURE]
    story.append(Paragraph(PUBLIC, body))
    story.append(Spacer(1, 30))
    story.append(HRFlowable(width="100%", thickness=1, color=HexColor("#000000"), spaceAfter=4))
    story.append(Paragraph(COPY_TO, small))
    story.append(HRFlowable(width="100%", thickness=0.5, color=HexColor("#000000"), spaceBefore=2, spaceAfter=4))
    story.append(Paragraph(PRINTED, small))
    story.append(HRFlowable(width="100%", thickness=1, color=HexColor("#000000"), spaceBefore=2))
    doc.build(story, canvasmaker=OfficialCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
