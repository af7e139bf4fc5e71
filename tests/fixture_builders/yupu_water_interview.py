"""Builds tests/fixtures/layouts10/yupu-water-interview.pdf: a FICTIONAL 专访 of 榆浦市水务局, printed from a news site.

Layout: A4, one column, a news-site 专访 saved as PDF. Running header on every page: "榆浦新闻网" (left) and
"www.yupunews.example" (right); footer "— N —". The headline names the official as "访市水务局党组书记、局长韦建平"
(the bureau without its city; the city is in the outlet 榆浦新闻网 and the dateline 榆浦新闻网讯). The questions are
bold, in a larger font, numbered "Q1." to "Q4." with no 记者/问 label; the answers are plain unlabelled paragraphs in
the official's words. The second answer runs over two paragraphs. After the last answer: the 责任编辑 line and a boxed
"相关链接" list (a one-column table with a border; it breaks across the page, its heading on page 1 and its
items on page 2), neither a turn.

    /work/main/.venv/bin/python tests/fixture_builders/yupu_water_interview.py

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
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pdf_parts import PageCountCanvas, running_header  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts10" / "yupu-water-interview.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

HEADER_LEFT = "榆浦新闻网"
HEADER_RIGHT = "www.yupunews.example"

TITLE = "守护城市“生命线”"
SUBTITLE = "——访市水务局党组书记、局长韦建平"
INFO_LINES = [
    "来源：榆浦新闻网　　发布时间：2024-08-22 08:45　　记者：邵雨晴",
    "（本文为虚构示例，人物、机构、数据和电话均为虚构，仅供软件测试使用。）",
]
INTRO = ("榆浦新闻网讯　供水稳不稳、下雨淹不淹，事关千家万户。今年我市水务工作有哪些新进展？日前，记者专访了市水务局"
         "党组书记、局长韦建平。")

# ("Q", question) a bold numbered question; ("A", text) an unlabelled answer paragraph
BODY: list[tuple[str, str]] = [
    ("Q", "Q1. 今年全市供水保障能力有哪些提升？"),
    ("A", "今年6月，城北水厂二期工程建成通水，新增日供水能力20万吨，全市公共供水能力达到每日126万吨。我们同步改造"
          "老旧供水管网86公里，城区管网漏损率由去年的11.2%下降到8.9%。目前，城区供水水质综合合格率保持在99.9%以上，"
          "每月在“榆浦水务”公众号公布水质检测结果。"),
    ("Q", "Q2. 老旧小区二次供水改造进展如何？居民要不要出钱？"),
    ("A", "今年我们计划完成128个老旧小区的二次供水设施改造，截至7月底已完工73个。改造完成后，设施统一移交供水企业"
          "专业管理，实行“抄表到户、服务到户”。"),
    ("A", "改造费用由市、区两级财政和供水企业共同承担，居民不用出钱。改造期间会提前3天在小区张贴停水通知，单次停水"
          "一般不超过12小时。"),
    ("Q", "Q3. 每到雨季，一些路段容易积水，今年采取了哪些措施？"),
    ("A", "我们排查出城区易涝点47处，今年汛前已整治完成39处，剩下8处9月底前全部完成。新建雨水管网32公里，新增排涝"
          "泵站4座，城区排涝能力提高约15%。汛期我们在重点路段布设了112个积水监测点，积水深度超过15厘米会自动报警，"
          "抢险队伍30分钟内到场。市民发现积水点可拨打水务服务热线0736-96116。"),
    ("Q", "Q4. 农村群众喝水问题怎样进一步解决？"),
    ("A", "我市农村自来水普及率已经达到96.5%。今年我们推进城乡供水一体化，新建和改造农村供水工程21处，让18.6万农村"
          "群众喝上和城里一样的自来水。到2025年底，全市农村自来水普及率将达到98%以上，规模化供水工程覆盖人口比例"
          "达到90%。"),
]
EDITOR = "责任编辑：唐可"
LINKS_TITLE = "相关链接"
LINKS = ["· 榆浦市城北水厂二期工程建成通水", "· 市水务局发布2024年汛期安全提示", "· 我市启动老旧小区二次供水改造三年行动"]


class NumberedCanvas(PageCountCanvas):
    """Draws the running header and the footer "— N —" on every page."""

    def decorate(self, total: int) -> None:
        running_header(self, FONT, HEADER_LEFT, HEADER_RIGHT, f"— {self._pageNumber} —",
                       margin_mm=22, rule="#b01c1c", footer_size=10)


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    title = ParagraphStyle("title", fontName=FONT, fontSize=20, leading=30, alignment=1, wordWrap="CJK")
    subtitle = ParagraphStyle("subtitle", fontName=FONT, fontSize=13, leading=22, alignment=1, wordWrap="CJK",
                              spaceAfter=6)
    info = ParagraphStyle("info", fontName=FONT, fontSize=10, leading=16, wordWrap="CJK", alignment=1)
    question = ParagraphStyle("question", fontName=FONT, fontSize=14, leading=24, wordWrap="CJK", spaceBefore=10,
                              spaceAfter=4, textColor=HexColor("#1a3f7a"))
    body = ParagraphStyle("body", fontName=FONT, fontSize=11.5, leading=22, wordWrap="CJK", firstLineIndent=23,
                          spaceAfter=6)
    small = ParagraphStyle("small", fontName=FONT, fontSize=10, leading=18, wordWrap="CJK", alignment=2)
    box_head = ParagraphStyle("box_head", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
    box_item = ParagraphStyle("box_item", fontName=FONT, fontSize=10.5, leading=18, wordWrap="CJK")

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=TITLE, author="榆浦新闻网", creator="", invariant=1)
    story = [Paragraph(TITLE, title), Paragraph(SUBTITLE, subtitle)]
    story += [Paragraph(line, info) for line in INFO_LINES]
    story.append(Spacer(1, 10))
    story.append(Paragraph(INTRO, body))
    for kind, text in BODY:
        story.append(Paragraph(f"<b>{text}</b>", question) if kind == "Q" else Paragraph(text, body))
    story.append(Paragraph(EDITOR, small))
    story.append(Spacer(1, 14))
    rows = [[Paragraph(f"<b>{LINKS_TITLE}</b>", box_head)]] + [[Paragraph(item, box_item)] for item in LINKS]
    box = Table(rows, colWidths=[166 * mm])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, HexColor("#1a3f7a")),
                             ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8eef8")),
                             ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    story.append(box)
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
