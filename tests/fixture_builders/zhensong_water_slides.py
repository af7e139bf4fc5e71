"""Builds tests/fixtures/layouts21/zhensong-water-slides.pdf: a FICTIONAL 政策解读 of 蓁淞市水利局, published as the PDF
of a POWERPOINT DECK (a 政策解读课件 exported by PowerPoint's "另存为 PDF").

Layout exercised: eleven 16:9 slides (960 x 540 pt, PowerPoint's page size), no running text across pages: a cover
(title, issuer, month, the fiction note), a 目录 slide, two content slides (出台背景, 主要内容: bullets, the bureau's own
statements, no questions), a section divider "03 热点问答", four Q&A slides, one CONTINUATION slide and a closing
slide "谢谢观看！". Each Q&A slide has a blue band at the top ("03  热点问答"), a round "问" badge with the question
beside it, a round "答" badge with the answer below it, and the footer (issuer left, slide number right). The third
answer does not fit one slide: it goes on over the next slide, whose title repeats the question with "（续）" — the
same question, not a new one. As PowerPoint writes shapes in their z-order, the CONTENT STREAM of every Q&A slide
draws the footer first, then the answer, the "答" badge, the question, the "问" badge and the band last: stream order
is not reading order (top to bottom). Document information as PowerPoint leaves it: Title "PowerPoint 演示文稿",
Author "zsslj", Creator and Producer "Microsoft® PowerPoint® 2019".

    /work/main/.venv/bin/python tests/fixture_builders/zhensong_water_slides.py

reportlab is no project dependency (as for the other PDF builders); the font is WenQuanYi Micro Hei. Lines are broken
here (CJK characters one by one, numbers kept whole, no line opening with closing punctuation). The bytes are
reproducible (reportlab's invariant mode).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from pdf_parts import kinsoku_lines  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts21" / "zhensong-water-slides.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"
W, H = 960.0, 540.0
BLUE, DEEP, ORANGE, GREY = HexColor("#1F5FA8"), HexColor("#123B6D"), HexColor("#E3862B"), HexColor("#666666")

ISSUER = "蓁淞市水利局"
ISSUER_EN = "ZHENSONG WATER RESOURCES BUREAU"
DOC = "《蓁淞市农村供水工程运行管理办法》"
FICTION = "（本课件为虚构示例，城市、机构、文件、数据和电话均为虚构，仅供软件测试使用。）"

BACKGROUND = [
    "全市已建成农村集中供水工程1268处，服务农村人口186.4万人，农村自来水普及率达到98.2%。",
    "部分工程存在“重建轻管”、水费收缴难、维修不及时等问题，需要以制度形式加以规范。",
    "《办法》经2025年5月28日市政府第47次常务会议审议通过，自2025年7月1日起施行。",
]
CONTENTS = [
    "明确责任：县（区）人民政府负总责，水利部门负责行业监管，供水单位负责日常运行维护。",
    "规范水价：实行“基本水价＋计量水价”的两部制水价，水价核定向社会公开。",
    "保障水质：建立水源地巡查、净化消毒和水质检测制度。",
    "强化监督：开通农村供水服务热线，接受群众监督和投诉。",
]
# (question as printed on its slide, answer paragraphs on that slide)
QA: list[tuple[str, list[str]]] = [
    ("农村自来水的水价怎么定？以后会不会涨价？", [
        "农村供水价格按照“保本微利”的原则，由县（区）发展改革部门会同水利部门核定，并向社会公示。目前全市农村居民"
        "生活用水平均价格为每立方米2.6元，《办法》施行后不会因此上调。",
        "确需调整水价的，必须依法开展成本监审并举行听证。对低保户、特困人员，每户每月免收3立方米的水费。",
    ]),
    ("家里的自来水管坏了、停水了，找谁来修？", [
        "入户水表之前的供水管网由供水单位负责维修，入户水表之后的管道由用户自行维护。《办法》要求供水单位公开维修"
        "服务电话，接到报修后一般故障24小时内修复，重大故障48小时内修复。",
        "计划停水的，供水单位应当提前24小时通知用户；停水超过24小时的，应当采取送水等临时供水措施。农村供水服务"
        "热线：0123-68812110。",
    ]),
    ("怎么保证农村自来水的水质安全？", [
        "《办法》从水源、水厂、检测三个环节作了规定。",
        "一是水源保护。千吨万人以上的供水工程全部划定水源保护区，设立标志牌，每月至少巡查一次。",
        "二是净化消毒。供水单位必须按规定配备净化消毒设施，并保证正常运行，不得擅自停用。",
    ]),
    ("怎么保证农村自来水的水质安全？（续）", [
        "三是水质检测。县级水质检测中心每季度对千人以上供水工程的出厂水和末梢水至少检测一次，检测结果在“蓁淞水利”"
        "微信公众号上公开。",
        "去年全市农村供水水质检测合格率达到95.6%，今年的目标是达到97%以上。",
    ]),
    ("农村供水工程的维修养护经费从哪里来？", [
        "维修养护经费实行“财政补一点、水费收一点”。市、县两级财政每年安排农村供水工程维修养护专项资金，今年市级"
        "安排3200万元，主要用于管网改造和设备更新。",
        "供水单位从水费收入中按不低于10%的比例提取维修养护资金，专款专用，接受审计监督。",
    ]),
]

NO_START = set("，。、；：？！”’）》」』】％…—·")
NO_END = set("“‘（《「『【")
ATOM = re.compile(r"[0-9A-Za-z.%\-]+|……|——|.", re.S)


def wrap(text: str, size: float, width: float) -> list[str]:
    return kinsoku_lines(text, FONT, size, width, 0.0, atom=ATOM, no_start=NO_START, no_end=NO_END)


def text(c: rl_canvas.Canvas, x: float, y: float, s: str, size: float, color=HexColor("#222222"), *,
         centre: bool = False, right: bool = False) -> None:
    c.setFont(FONT, size)
    c.setFillColor(color)
    if centre:
        c.drawCentredString(x, y, s)
    elif right:
        c.drawRightString(x, y, s)
    else:
        c.drawString(x, y, s)


def footer(c: rl_canvas.Canvas, number: int) -> None:
    c.setFillColor(BLUE)
    c.rect(0, 0, W, 6, stroke=0, fill=1)
    text(c, 40, 18, ISSUER, 11, GREY)
    text(c, 118, 18, ISSUER_EN, 8, GREY)
    text(c, W - 40, 18, str(number), 11, GREY, right=True)


def band(c: rl_canvas.Canvas, label: str) -> None:
    c.setFillColor(BLUE)
    c.rect(0, H - 58, W, 58, stroke=0, fill=1)
    c.setFillColor(ORANGE)
    c.rect(0, H - 58, 12, 58, stroke=0, fill=1)
    text(c, 40, H - 38, label, 22, HexColor("#FFFFFF"))


def badge(c: rl_canvas.Canvas, x: float, y: float, ch: str, color) -> None:
    c.setFillColor(color)
    c.circle(x, y + 8, 20, stroke=0, fill=1)
    text(c, x, y, ch, 22, HexColor("#FFFFFF"), centre=True)


def cover(c: rl_canvas.Canvas) -> None:
    c.setFillColor(DEEP)
    c.rect(0, 0, W, H, stroke=0, fill=1)
    c.setFillColor(ORANGE)
    c.rect(80, 300, 6, 110, stroke=0, fill=1)
    text(c, 110, 370, DOC, 36, HexColor("#FFFFFF"))
    text(c, 110, 318, "政策解读", 40, HexColor("#FFFFFF"))
    text(c, 110, 200, ISSUER, 22, HexColor("#DCE6F2"))
    text(c, 110, 168, "2025年6月", 18, HexColor("#DCE6F2"))
    text(c, 110, 48, FICTION, 11, HexColor("#AFC3DD"))


def contents(c: rl_canvas.Canvas, number: int) -> None:
    text(c, 80, 430, "目录", 36, DEEP)
    text(c, 170, 432, "CONTENTS", 18, GREY)
    for i, (no, item) in enumerate([("01", "出台背景"), ("02", "主要内容"), ("03", "热点问答")]):
        y = 340 - i * 80
        c.setFillColor(BLUE)
        c.roundRect(120, y - 14, 70, 48, 8, stroke=0, fill=1)
        text(c, 155, y, no, 24, HexColor("#FFFFFF"), centre=True)
        text(c, 220, y, item, 26, DEEP)
    footer(c, number)


def bullets(c: rl_canvas.Canvas, number: int, label: str, items: list[str]) -> None:
    band(c, label)
    y = H - 120
    for item in items:
        c.setFillColor(ORANGE)
        c.rect(62, y + 4, 9, 9, stroke=0, fill=1)
        for line in wrap(item, 20, W - 170):
            text(c, 86, y, line, 20)
            y -= 32
        y -= 16
    footer(c, number)


def divider(c: rl_canvas.Canvas, number: int) -> None:
    c.setFillColor(BLUE)
    c.rect(0, 0, W, H, stroke=0, fill=1)
    text(c, W / 2, 300, "03", 60, HexColor("#FFFFFF"), centre=True)
    text(c, W / 2, 230, "热点问答", 40, HexColor("#FFFFFF"), centre=True)
    text(c, W - 40, 18, str(number), 11, HexColor("#DCE6F2"), right=True)


def qa(c: rl_canvas.Canvas, number: int, question: str, answer: list[str]) -> None:
    """Drawn in PowerPoint's z-order: footer, answer box, 答 badge, question box, 问 badge, band."""
    q_lines = wrap(question, 24, W - 200)
    q_top = H - 110
    a_top = q_top - 36 * len(q_lines) - 34
    footer(c, number)
    y = a_top
    for paragraph in answer:
        for line in wrap(paragraph, 19, W - 200):
            text(c, 130, y, line, 19)
            y -= 30
        y -= 10
    if y < 40:
        raise SystemExit(f"slide {number}: the answer overflows the slide")
    badge(c, 90, a_top, "答", ORANGE)
    for i, line in enumerate(q_lines):
        text(c, 130, q_top - 36 * i, line, 24, DEEP)
    badge(c, 90, q_top, "问", BLUE)
    band(c, "03  热点问答")


def closing(c: rl_canvas.Canvas, number: int) -> None:
    c.setFillColor(DEEP)
    c.rect(0, 0, W, H, stroke=0, fill=1)
    text(c, W / 2, 300, "谢谢观看！", 48, HexColor("#FFFFFF"), centre=True)
    text(c, W / 2, 200, "政策咨询：蓁淞市水利局农村水利水电科　0123-68812035", 18, HexColor("#DCE6F2"), centre=True)
    text(c, W - 40, 18, str(number), 11, HexColor("#AFC3DD"), right=True)


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(W, H), invariant=1)
    c.setTitle("PowerPoint 演示文稿")
    c.setAuthor("zsslj")
    c.setCreator("Microsoft® PowerPoint® 2019")
    c.setProducer("Microsoft® PowerPoint® 2019")
    number = 1
    cover(c)
    c.showPage()
    pages = [lambda n: contents(c, n), lambda n: bullets(c, n, "01  出台背景", BACKGROUND),
             lambda n: bullets(c, n, "02  主要内容", CONTENTS), lambda n: divider(c, n)]
    pages += [lambda n, q=q, a=a: qa(c, n, q, a) for q, a in QA]
    pages.append(lambda n: closing(c, n))
    for draw in pages:
        number += 1
        draw(number)
        c.showPage()
    c.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
