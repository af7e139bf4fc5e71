"""Builds tests/fixtures/layouts25/xingzhang-justice-desk-calendar.pdf: a FICTIONAL 普法台历 (a desk calendar handed out
by 荇嶂市司法局 and posted on its site as a PDF, "2026年普法台历（1—4月）"), one landscape A5 page a month, each
month with a 法律小问答.

Layout exercised: a cover page (title, issuer line, the fiction note), then one page a month. On each month page the
LEFT half is the calendar: a big month number, "2026年 一月 JANUARY", the weekday row 日 一 二 三 四 五 六 and the
grid of dates, some dates with a small label under them (元旦, 除夕, 春节, 元宵节, 妇女节, 植树节, 3·15, 清明, ...).
The RIGHT half is a box headed "法律小问答", a bold question (ending in "？") and the answer, at the same heights as
the grid, so that a plain line-by-line extraction across the page puts rows of dates between the lines of the answer.
Under both, a slogan and the line "荇嶂市司法局　荇嶂市全民普法工作领导小组办公室　监制　　公共法律服务热线：12348".
Nobody is named: the bureau answers as itself. Document information: Title "2026普法台历-1至4月", Creator
"CorelDRAW 2021".

    /work/main/.venv/bin/python tests/fixture_builders/xingzhang_justice_desk_calendar.py

reportlab is no project dependency (as for the other PDF builders); the font is WenQuanYi Micro Hei. Lines are broken
here (CJK characters one by one, numbers kept whole, no line opening with closing punctuation). The bytes are
reproducible (reportlab's invariant mode).
"""

from __future__ import annotations

import calendar
import io
import re
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from pdf_parts import kinsoku_lines  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts25" / "xingzhang-justice-desk-calendar.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"
W, H = landscape(A5)
RED, NAVY, PALE, GREY, BLACK = (HexColor("#B8262B"), HexColor("#1F3A5F"), HexColor("#F3F6FA"), HexColor("#777777"),
                                HexColor("#222222"))

COVER_TITLE = "2026 普法台历"
COVER_SUB = "学法用法　护航美好生活"
COVER_ISSUER = "荇嶂市司法局　荇嶂市全民普法工作领导小组办公室　编印"
FICTION = "（本台历为虚构示例，城市、机构、地址、数据和电话均为虚构，仅供软件测试使用。）"
FOOT = "荇嶂市司法局　荇嶂市全民普法工作领导小组办公室　监制　　公共法律服务热线：12348"
MONTH_NAMES = {1: ("一月", "JANUARY"), 2: ("二月", "FEBRUARY"), 3: ("三月", "MARCH"), 4: ("四月", "APRIL")}
LABELS = {(1, 1): "元旦", (2, 4): "立春", (2, 16): "除夕", (2, 17): "春节", (3, 3): "元宵节", (3, 5): "惊蛰",
          (3, 8): "妇女节", (3, 12): "植树节", (3, 15): "3·15", (3, 20): "春分", (4, 5): "清明",
          (4, 15): "国安日", (4, 20): "谷雨"}
MONTHS: list[tuple[int, str, str, str]] = [
    (1, "尊法学法守法用法",
     "公司拖欠工资两个月了，我该怎么办？",
     "可以先和用人单位协商；协商不成的，可以向当地劳动保障监察机构投诉，也可以向劳动人事争议仲裁委员会申请仲裁，"
     "仲裁时效为一年，从知道或者应当知道权利被侵害之日起算。农民工追索劳动报酬申请法律援助的，不审查经济困难条件。"
     "2025年全市法律援助机构帮助1900多名农民工讨回工资2860万元。拿不准的，拨打12348咨询。"),
    (2, "民法典　与你我同行",
     "父母想立遗嘱，怎样写才有效？",
     "民法典规定了自书、代书、打印、录音录像、口头和公证六种遗嘱形式。自书遗嘱要由本人亲笔书写、签名，注明年、月、"
     "日；打印遗嘱要有两个以上见证人在场，遗嘱人和见证人在每一页签名，注明年、月、日。立有数份遗嘱、内容相抵触的，"
     "以最后的遗嘱为准。全市各公证处为70周岁以上老人办理遗嘱公证减半收费，行动不便的可以预约上门。"),
    (3, "有事好商量　邻里一家亲",
     "楼上邻居装修噪音扰民，怎么解决比较好？",
     "可以先向物业或者社区反映，也可以向所在村（社区）、街道的人民调解委员会申请调解。人民调解不收费，一般在30日内"
     "调结，达成的调解协议可以向人民法院申请司法确认，确认后具有强制执行力。全市现有人民调解组织1280个，2025年"
     "调解各类矛盾纠纷2.3万件，调解成功率98.6%。"),
    (4, "法律援助　温暖你我",
     "打官司请不起律师，能申请法律援助吗？",
     "能。家庭人均月收入低于我市最低工资标准（每月2100元）的，可以向市、区法律援助中心申请，请求支付劳动报酬、"
     "工伤赔偿、给付赡养费抚养费等事项都在范围内。带身份证和经济困难状况说明表到荇湖区荇湖大道299号市公共法律服务中心"
     "一楼窗口，或者在“荇嶂法律服务”小程序上申请，法律援助中心7日内作出决定。"),
]

NO_START = set("，。、；：？！”’）》」』】％…—·")
NO_END = set("“‘（《「『【")
ATOM = re.compile(r"[0-9A-Za-z.%:\-]+|……|——|.", re.S)

MARGIN = 10 * mm
SPLIT = W * 0.5
BOX_X, BOX_W = SPLIT + 4 * mm, W - SPLIT - 4 * mm - MARGIN
CELL_W = (SPLIT - MARGIN - 4 * mm) / 7
ROW_H = 13.5 * mm
GRID_TOP = H - 38 * mm


def _wrap(text: str, size: float, width: float) -> list[str]:
    return kinsoku_lines(text, FONT, size, width, 0.0, atom=ATOM, no_start=NO_START, no_end=NO_END)


def _bold(c: rl_canvas.Canvas, x: float, y: float, text: str, size: float, colour) -> None:
    """A CJK font's fake bold: the glyphs filled and stroked."""
    t = c.beginText(x, y)
    t.setFont(FONT, size)
    t.setTextRenderMode(2)
    t.textOut(text)
    c.saveState()
    c.setFillColor(colour)
    c.setStrokeColor(colour)
    c.setLineWidth(0.3)
    c.drawText(t)
    c.restoreState()


def _cover(c: rl_canvas.Canvas) -> None:
    c.setFillColor(RED)
    c.rect(0, H - 62 * mm, W, 62 * mm, stroke=0, fill=1)
    _bold(c, W / 2 - pdfmetrics.stringWidth(COVER_TITLE, FONT, 30) / 2, H - 34 * mm, COVER_TITLE, 30,
          HexColor("#FFFFFF"))
    c.setFillColor(HexColor("#FFFFFF"))
    c.setFont(FONT, 13)
    c.drawCentredString(W / 2, H - 48 * mm, COVER_SUB)
    c.setFillColor(BLACK)
    c.setFont(FONT, 11)
    c.drawCentredString(W / 2, 48 * mm, COVER_ISSUER)
    c.setFillColor(GREY)
    c.setFont(FONT, 8)
    c.drawCentredString(W / 2, 38 * mm, FICTION)
    c.showPage()


def _month(c: rl_canvas.Canvas, month: int, slogan: str, question: str, answer: str) -> None:
    zh, en = MONTH_NAMES[month]
    c.setFillColor(RED)
    c.setFont(FONT, 40)
    c.drawString(MARGIN, H - 24 * mm, str(month))
    c.setFillColor(NAVY)
    c.setFont(FONT, 11)
    c.drawString(MARGIN + 20 * mm, H - 16 * mm, f"2026年 {zh}")
    c.setFont(FONT, 8)
    c.drawString(MARGIN + 20 * mm, H - 22 * mm, en)

    # the right-hand box (drawn before the grid: the designer's layer order)
    q_lines = _wrap(question, 11, BOX_W - 8 * mm)
    a_lines = _wrap(answer, 9, BOX_W - 8 * mm)
    box_top = H - 12 * mm
    box_h = 12 * mm + len(q_lines) * 15 + 3 * mm + len(a_lines) * 13.6 + 4 * mm
    c.setFillColor(PALE)
    c.setStrokeColor(NAVY)
    c.roundRect(BOX_X, box_top - box_h, BOX_W, box_h, 2.5 * mm, stroke=1, fill=1)
    _bold(c, BOX_X + 4 * mm, box_top - 7 * mm, "法律小问答", 11, RED)
    y = box_top - 14 * mm
    for line in q_lines:
        _bold(c, BOX_X + 4 * mm, y, line, 11, NAVY)
        y -= 15
    y -= 3 * mm
    c.setFillColor(BLACK)
    for line in a_lines:
        c.setFont(FONT, 9)
        c.drawString(BOX_X + 4 * mm, y, line)
        y -= 13.6
    if box_top - box_h < 22 * mm:
        raise SystemExit(f"month {month}: the box runs too low, shorten the answer")

    # the calendar grid
    c.setFont(FONT, 9)
    for i, day in enumerate("日一二三四五六"):
        c.setFillColor(RED if i in (0, 6) else NAVY)
        c.drawCentredString(MARGIN + (i + 0.5) * CELL_W, GRID_TOP + 4 * mm, day)
    cal = calendar.Calendar(firstweekday=6)
    for r, week in enumerate(cal.monthdayscalendar(2026, month)):
        for col, d in enumerate(week):
            if not d:
                continue
            x = MARGIN + (col + 0.5) * CELL_W
            top = GRID_TOP - r * ROW_H
            c.setFillColor(RED if col in (0, 6) or (month, d) in LABELS else BLACK)
            c.setFont(FONT, 12)
            c.drawCentredString(x, top - 6 * mm, str(d))
            label = LABELS.get((month, d))
            if label:
                c.setFont(FONT, 6.5)
                c.drawCentredString(x, top - 10 * mm, label)

    c.setFillColor(RED)
    c.setFont(FONT, 10)
    c.drawCentredString(W / 2, 14 * mm, slogan)
    c.setFillColor(GREY)
    c.setFont(FONT, 7.5)
    c.drawCentredString(W / 2, 8 * mm, FOOT)
    c.showPage()


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(W, H), invariant=1)
    c.setTitle("2026普法台历-1至4月")
    c.setAuthor("xzsfj-pfk")
    c.setCreator("CorelDRAW 2021")
    _cover(c)
    for month, slogan, question, answer in MONTHS:
        _month(c, month, slogan, question, answer)
    c.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
