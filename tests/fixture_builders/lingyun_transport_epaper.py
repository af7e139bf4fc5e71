"""Builds tests/fixtures/layouts22/lingyun-transport-epaper.pdf: a FICTIONAL 专访 of 泠筠市交通运输局's director as
printed in the city paper 泠筠日报 and downloaded from its 数字报 (e-paper) as the PDFs of two PAGES (版面) joined into
one file.

Layout exercised:
- each page is a newspaper page (版面), not an article: a masthead band ("泠筠日报" and "LINGYUN DAILY" on page 1, a
  slim 版头 on page 3), a 版头 line with date, 版次 and 版名, and the 责任编辑/美编/校对 line at the foot;
- the interview starts on 第01版 under its own headline and sub-headline ("——专访市交通运输局党组书记、局长邹伯勋"),
  a byline (本报记者 ...), the lead; questions are bold "记者：" paragraphs, answers "邹伯勋：" paragraphs;
- it BREAKS OFF mid-sentence at the foot of its column on page 1 with "（下转第3版）" and CONTINUES on page 2 (第03版)
  under a short jump heading, opening "（上接第1版）" and the rest of the sentence: one answer across the jump;
- OTHER ARTICLES share both pages: a brief under the interview on page 1, and a whole article ABOVE the continuation on
  page 3, so the continuation is not at the top of its page;
- the bureau is written 市交通运输局 without the city; the city is in the masthead and the dateline (本报讯).

    /work/main/.venv/bin/python tests/fixture_builders/lingyun_transport_epaper.py

reportlab is no project dependency: install it into the venv to rebuild (uv pip install reportlab). The font is the
WenQuanYi Micro Hei of the system (fonts-wqy-microhei). The bytes are reproducible (reportlab's invariant mode).
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts22" / "lingyun-transport-epaper.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"
W, H = A4
LEFT, RIGHT = 48.0, W - 48.0
RED, GREY = HexColor("#B5121B"), HexColor("#555555")
FICTION = "（本版内容为虚构示例，城市、机构、人员、线路、数据和电话均为虚构，仅供软件测试使用。）"

HEADLINE = "让公交更好坐　让出行更便捷"
SUBHEAD = "——专访市交通运输局党组书记、局长邹伯勋"
BYLINE = "本报记者　卢思彤　实习生　温可"
LEAD = ("本报讯　今年以来，我市公共交通客运量同比增长9.3%，定制公交、微循环线路陆续开通。公交线网怎么优化？"
        "老年人乘车有哪些便利？近日，本报记者专访了市交通运输局党组书记、局长邹伯勋。")
# page 1 part of the interview: (label, text)
PART1 = [
    ("记者：", "今年公交线网优化的重点是什么？"),
    ("邹伯勋：", "今年的重点是“干线提速、支线加密、微循环补盲”。我们对全市218条公交线路进行了客流分析，调整了重复"
             "率高、客流少的线路21条，把节省下来的运力投放到新建小区和产业园区。筠北高新区、泠江经济开发区新开通的"
             "通勤线路，早晚高峰发车间隔缩短到8分钟。"),
    ("记者：", "很多市民反映上班通勤时间长，有什么办法？"),
    ("邹伯勋：", "我们主要从两方面入手。一方面是推出定制公交，市民在“泠筠出行”APP上发起线路需求，同一方向凑够20人"
             "就可以开线，一人一座、站点直达，今年已经开通定制线路17条，日均服务乘客4600人次。另一方面是在主干道"
             "推进公交专用道建设，今年将新建公交专用道"),
]
JUMP_OUT = "（下转第3版）"
BRIEF1_TITLE = "我市启动夏季道路运输安全专项检查"
BRIEF1 = ("本报讯（记者　任舒）6月20日起，市交通运输、公安交管、应急管理部门联合开展为期两个月的夏季道路运输安全专项"
          "检查，重点检查客运站、危险货物运输企业和城市公交场站，对发现的隐患实行清单管理、限期整改。")
PAGE3_TOP_TITLE = "泠江大桥维修加固工程7月开工"
PAGE3_TOP = ("本报讯（记者　任舒）记者从市城市建设投资集团获悉，泠江大桥维修加固工程将于7月1日开工，工期约150天。"
             "施工期间大桥实行半幅通行，过江车辆可绕行筠北大桥和泠江隧道，具体绕行方案将提前向社会公布。")
JUMP_HEAD = "让公交更好坐　让出行更便捷"
JUMP_IN = "（上接第1版）"
PART2_FIRST = ("36公里，总里程达到128公里，专用道上的公交车平均运行速度可以提高20%左右。")
PART2 = [
    ("记者：", "老年人坐公交有哪些优惠和便利？"),
    ("邹伯勋：", "全市65周岁以上老年人持敬老卡全天免费乘坐公交，60至64周岁的享受五折优惠。今年我们在全部2300辆公交车上"
             "保留了投币和刷卡功能，不会用手机的老人照样能坐车；还在50条线路上开通了“爱心预约”服务，行动不便的老人"
             "提前一天拨打0123-96111预约，车辆到站后司机协助上下车。"),
    ("记者：", "下一步还有哪些打算？"),
    ("邹伯勋：", "下半年我们将推进公交和轨道交通“一张网”建设，地铁1号线开通后，同步调整接驳公交线路32条，实现地铁站"
             "300米范围内都有公交站点，公交和地铁90分钟内换乘优惠1元。我们也欢迎市民通过12345热线对公交服务提出"
             "意见建议。"),
]
P1_FOOT = "责任编辑：何晓岚　　美编：江帆　　校对：林悦"
P3_FOOT = "责任编辑：杜一鸣　　美编：江帆　　校对：林悦"


def wrap(text: str, size: float, width: float) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(cur + ch, FONT, size) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


class Page:
    def __init__(self, c: rl_canvas.Canvas, y: float) -> None:
        self.c, self.y = c, y

    def para(self, text: str, size: float = 10.5, lead: float = 16.0, *, label: str = "", indent: bool = True,
             bold: bool = False) -> None:
        width = RIGHT - LEFT
        first_pad = 2 * size if indent else 0.0
        body = label + text
        lines = wrap(body, size, width - first_pad)
        if len(lines) > 1:
            rest = "".join(lines[1:])
            lines = lines[:1] + wrap(rest, size, width)
        for i, line in enumerate(lines):
            x = LEFT + (first_pad if i == 0 else 0.0)
            if i == 0 and label:
                self.c.setFont(FONT, size)
                self.c.setFillColor(black)
                self.c.drawString(x, self.y, label)
                if bold:  # fake bold: the label drawn twice, shifted by a hair (as many e-paper PDFs do)
                    self.c.drawString(x + 0.3, self.y, label)
                x += pdfmetrics.stringWidth(label, FONT, size)
                line = line[len(label):]
            self.c.setFont(FONT, size)
            self.c.setFillColor(black)
            self.c.drawString(x, self.y, line)
            self.y -= lead
        self.y -= 3


def masthead(c: rl_canvas.Canvas, big: bool, edition: str, section: str) -> float:
    c.setFillColor(RED)
    if big:
        c.setFont(FONT, 40)
        c.drawString(LEFT, H - 82, "泠筠日报")
        c.setFont(FONT, 10)
        c.drawString(LEFT + 4, H - 98, "LINGYUN DAILY")
        c.setFillColor(GREY)
        c.setFont(FONT, 9)
        c.drawRightString(RIGHT, H - 60, "中共泠筠市委机关报")
        c.drawRightString(RIGHT, H - 74, "国内统一连续出版物号 CN 00-0000")
        c.drawRightString(RIGHT, H - 88, "泠筠日报社出版　　泠筠新闻网：www.lyrb.example.cn")
        y = H - 110
    else:
        c.setFont(FONT, 16)
        c.drawString(LEFT, H - 50, "泠筠日报")
        y = H - 62
    c.setStrokeColor(RED)
    c.setLineWidth(1.5)
    c.line(LEFT, y, RIGHT, y)
    c.setFillColor(GREY)
    c.setFont(FONT, 9)
    c.drawString(LEFT, y - 13, "2025年6月24日　星期二")
    c.drawCentredString(W / 2, y - 13, f"{edition}　{section}")
    c.drawRightString(RIGHT, y - 13, "农历乙巳年五月廿九")
    c.setLineWidth(0.5)
    c.line(LEFT, y - 19, RIGHT, y - 19)
    return y - 45


def foot(c: rl_canvas.Canvas, text: str) -> None:
    c.setStrokeColor(GREY)
    c.setLineWidth(0.5)
    c.line(LEFT, 58, RIGHT, 58)
    c.setFillColor(GREY)
    c.setFont(FONT, 8.5)
    c.drawString(LEFT, 45, text)
    c.drawString(LEFT, 32, FICTION)


def title(p: Page, text: str, size: float, *, centred: bool = True) -> None:
    p.c.setFillColor(black)
    p.c.setFont(FONT, size)
    if centred:
        p.c.drawCentredString(W / 2, p.y, text)
    else:
        p.c.drawString(LEFT, p.y, text)
    p.y -= size + 8


def rule(p: Page) -> None:
    p.y += 4
    p.c.setStrokeColor(GREY)
    p.c.setLineWidth(0.8)
    p.c.line(LEFT, p.y, RIGHT, p.y)
    p.y -= 22


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("泠筠日报 2025-06-24")
    c.setAuthor("泠筠日报社")
    c.setCreator("方正飞腾创艺 5.3")
    c.setProducer("Founder PDF Library")

    p = Page(c, masthead(c, True, "第01版", "要闻"))
    title(p, HEADLINE, 22)
    title(p, SUBHEAD, 13)
    p.c.setFont(FONT, 10)
    p.c.setFillColor(GREY)
    p.c.drawCentredString(W / 2, p.y, BYLINE)
    p.y -= 22
    p.para(LEAD)
    for label, text in PART1:
        p.para(text, label=label, bold=label == "记者：")
    p.c.setFillColor(black)
    p.c.setFont(FONT, 10)
    p.c.drawRightString(RIGHT, p.y + 3, JUMP_OUT)
    p.y -= 16
    rule(p)
    title(p, BRIEF1_TITLE, 14, centred=False)
    p.para(BRIEF1)
    foot(c, P1_FOOT)
    c.showPage()

    p = Page(c, masthead(c, False, "第03版", "要闻·专访"))
    title(p, PAGE3_TOP_TITLE, 16)
    p.para(PAGE3_TOP)
    rule(p)
    title(p, JUMP_HEAD, 16)
    p.para(JUMP_IN + PART2_FIRST, indent=False)
    for label, text in PART2:
        p.para(text, label=label, bold=label == "记者：")
    foot(c, P3_FOOT)
    c.showPage()
    c.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
