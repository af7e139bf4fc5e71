"""Builds tests/fixtures/layouts23/yisong-real-estate-leaflet.pdf: a FICTIONAL 明白纸 (a one-page A4 leaflet handed out
at the counter and posted on the site) of 漪崧市不动产登记中心, "办不动产登记，看这一张就够了", as the designer exports
it from a layout program.

Layout exercised: a coloured banner (kicker "不动产登记“明白纸”", the title, "漪崧市不动产登记中心　编印　　2025年5月"),
a lead and the fiction note, then a GRID OF CARDS, two columns by three rows, read ROW BY ROW (card 1 top left, card 2
top right, card 3 middle left …), as the round number badges 1-5 say: each Q&A card holds a number badge, a bold
question (ending in "？", some wrapping to a second line) and the answer; the sixth card (bottom right) is the
"办事指南" box (addresses, hours, phone numbers): no question. The two cards of a row are drawn side by side at the
same height with the same leading, so that a plain line-by-line extraction across the page reads a line of the left
card, then a line of the right card, then the next line of the left card …: a reader of the page reads each card
whole, left card first. Under the grid: a QR code (drawn squares, no text), its caption, and the bottom line
"监制：漪崧市自然资源和规划局" (the 中心's parent bureau: it answers nothing). No person is named: the 中心 answers as
itself ("我中心"). Document information: Title "不动产登记明白纸（定稿）", Creator "Adobe InDesign 18.5 (Windows)".

    /work/main/.venv/bin/python tests/fixture_builders/yisong_real_estate_leaflet.py

reportlab is no project dependency (as for the other PDF builders); the font is WenQuanYi Micro Hei. Lines are broken
here (CJK characters one by one, numbers kept whole, no line opening with closing punctuation); the build checks that
the two cards of each row have the same number of lines within one, so that a plain extraction interleaves them. The
bytes are reproducible (reportlab's invariant mode).
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from pdf_parts import kinsoku_lines  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts23" / "yisong-real-estate-leaflet.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"
W, H = A4
TEAL, DEEP, PALE, GREY = HexColor("#0E7C7B"), HexColor("#0A4F4E"), HexColor("#EEF6F5"), HexColor("#666666")
WHITE, BLACK = HexColor("#FFFFFF"), HexColor("#222222")

KICKER = "不动产登记“明白纸”"
TITLE = "办不动产登记，看这一张就够了"
ISSUE = "漪崧市不动产登记中心　编印　　2025年5月"
LEAD = ("不动产登记事关群众切身利益。为方便群众办事，我们把登记大厅和热线电话里大家问得最多的5个问题整理成这张明白纸，"
        "供您办事前参考。具体以窗口受理时的要求为准。")
FICTION = "（本明白纸为虚构示例，城市、机构、地址、数据和电话均为虚构，仅供软件测试使用。）"
CARDS: list[tuple[str, str]] = [
    ("买了新房，多久能拿到不动产权证书？",
     "我市新建商品房全面推行“交房即交证”。开发企业在交房前办好首次登记，购房人缴清契税后，收房当天就能领到不动产权"
     "证书。2024年全市共有63个项目、2.1万户实现“交房即交证”。未纳入的项目，购房人申请转移登记后3个工作日内办结。"),
    ("二手房买卖，要带哪些材料？",
     "买卖双方的身份证件、不动产权证书、网签的存量房买卖合同；买方已婚的，带上结婚证。房子还有抵押的，先还清贷款、"
     "办理抵押注销。二手房转移登记和缴税在同一个窗口办理，材料齐全、税费缴清的，最快1个工作日领证。"),
    ("父母去世了，房子怎么办继承登记？",
     "全体继承人可以持公证机构出具的继承公证书申请登记；不办公证的，全体法定继承人带上死亡证明、亲属关系证明到登记"
     "大厅，当场签署继承协议并接受询问，我中心公示15个工作日无异议后办理。住宅登记费每件80元。"),
    ("不动产权证书丢了，怎么补办？",
     "权利人带身份证件到登记大厅申请补证，我中心在漪崧市自然资源和规划局门户网站发布遗失声明，15个工作日后补发新证书，"
     "只收工本费每本10元。补发的证书上注明“补发”字样，原证书作废。"),
    ("不想跑大厅，能在网上办吗？",
     "能。抵押登记、抵押注销、预告登记、查询证明等28项业务已实现全程网办。登录“漪崧不动产”微信小程序或漪崧政务服务网，"
     "实名认证后即可申请；需要面签的，可以预约视频面签。电子证书和纸质证书具有同等效力。"),
]
GUIDE_TITLE = "办事指南"
GUIDE = [
    "市民中心登记大厅：崧北区漪江路168号市民中心B座二楼",
    "崧南分中心：崧南区和平大道56号",
    "办公时间：周一至周五 9:00—17:00，周六上午延时服务",
    "咨询电话：0123-5862 3300",
    "监督电话：0123-5860 1234",
]
QR_CAPTION = "扫码关注“漪崧不动产”微信公众号"
SUPERVISOR = "监制：漪崧市自然资源和规划局"

MARGIN = 14 * mm
GUTTER = 6 * mm
COL_W = (W - 2 * MARGIN - GUTTER) / 2
PAD = 4 * mm
BADGE_R = 4.2 * mm
Q_SIZE, Q_LEAD = 11.5, 16.0
A_SIZE, A_LEAD = 9.5, 14.5
ROW_GAP = 5 * mm

NO_START = set("，。、；：？！”’）》」』】％…—·")
NO_END = set("“‘（《「『【")
ATOM = re.compile(r"[0-9A-Za-z.%:\-]+|……|——|.", re.S)


def _wrap(text: str, size: float, width: float) -> list[str]:
    return kinsoku_lines(text, FONT, size, width, 0.0, atom=ATOM, no_start=NO_START, no_end=NO_END)


def _bold(c: rl_canvas.Canvas, x: float, y: float, text: str, size: float, colour, centre: bool = False) -> None:
    """A CJK font's fake bold: the glyphs filled and stroked."""
    if centre:
        x -= pdfmetrics.stringWidth(text, FONT, size) / 2
    t = c.beginText(x, y)
    t.setFont(FONT, size)
    t.setTextRenderMode(2)
    t.textOut(text)
    c.saveState()
    c.setFillColor(colour)
    c.setStrokeColor(colour)
    c.setLineWidth(0.35)
    c.drawText(t)
    c.restoreState()


def _card_lines(question: str, answer: str) -> tuple[list[str], list[str]]:
    text_w = COL_W - 2 * PAD - 2 * BADGE_R - 2.5 * mm
    return _wrap(question, Q_SIZE, text_w), _wrap(answer, A_SIZE, COL_W - 2 * PAD)


def _card_height(q_lines: list[str], a_lines: list[str]) -> float:
    return 2 * PAD + len(q_lines) * Q_LEAD + 2.5 * mm + len(a_lines) * A_LEAD


def _draw_card(c: rl_canvas.Canvas, x: float, top: float, height: float, number: int, q_lines: list[str],
               a_lines: list[str]) -> None:
    c.saveState()
    c.setFillColor(PALE)
    c.setStrokeColor(TEAL)
    c.setLineWidth(0.8)
    c.roundRect(x, top - height, COL_W, height, 3 * mm, stroke=1, fill=1)
    c.setFillColor(TEAL)
    cx, cy = x + PAD + BADGE_R, top - PAD - BADGE_R
    c.circle(cx, cy, BADGE_R, stroke=0, fill=1)
    c.restoreState()
    _bold(c, cx, cy - 4.2, str(number), 12, WHITE, centre=True)
    y = top - PAD - Q_SIZE
    qx = x + PAD + 2 * BADGE_R + 2.5 * mm
    for line in q_lines:
        _bold(c, qx, y, line, Q_SIZE, DEEP)
        y -= Q_LEAD
    y -= 2.5 * mm - (Q_LEAD - A_LEAD)
    c.setFillColor(BLACK)
    for line in a_lines:
        c.setFont(FONT, A_SIZE)
        c.drawString(x + PAD, y, line)
        y -= A_LEAD


def _draw_guide(c: rl_canvas.Canvas, x: float, top: float, height: float) -> None:
    c.saveState()
    c.setFillColor(HexColor("#FFFFFF"))
    c.setStrokeColor(TEAL)
    c.setLineWidth(0.8)
    c.roundRect(x, top - height, COL_W, height, 3 * mm, stroke=1, fill=1)
    c.setFillColor(TEAL)
    c.rect(x, top - 9 * mm, COL_W, 9 * mm, stroke=0, fill=1)
    c.restoreState()
    _bold(c, x + COL_W / 2, top - 6.3 * mm, GUIDE_TITLE, 12, WHITE, centre=True)
    y = top - 9 * mm - 6 * mm
    c.setFillColor(BLACK)
    for entry in GUIDE:
        for line in _wrap(entry, A_SIZE, COL_W - 2 * PAD):
            c.setFont(FONT, A_SIZE)
            c.drawString(x + PAD, y, line)
            y -= A_LEAD
        y -= 1.5


def _qr(c: rl_canvas.Canvas, x: float, y: float, size: float) -> None:
    """A QR code's look (finder squares and a fixed pseudo-random module pattern): drawn, no text."""
    n = 25
    cell = size / n
    bits = hashlib.sha256(b"yisong-bdc-weixin").digest() * 3
    c.saveState()
    c.setFillColor(BLACK)
    for row in range(n):
        for col in range(n):
            origin = next(((r0, c0) for r0, c0 in ((0, 0), (0, n - 7), (n - 7, 0))
                           if r0 <= row < r0 + 7 and c0 <= col < c0 + 7), None)
            if origin:
                rr, cc = row - origin[0], col - origin[1]
                on = rr in (0, 6) or cc in (0, 6) or (2 <= rr <= 4 and 2 <= cc <= 4)
            else:
                k = row * n + col
                on = bool(bits[k // 8] >> (k % 8) & 1)
            if on:
                c.rect(x + col * cell, y + (n - 1 - row) * cell, cell, cell, stroke=0, fill=1)
    c.restoreState()


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("不动产登记明白纸（定稿）")
    c.setAuthor("ysbdc-xc")
    c.setCreator("Adobe InDesign 18.5 (Windows)")

    banner_h = 42 * mm
    c.setFillColor(TEAL)
    c.rect(0, H - banner_h, W, banner_h, stroke=0, fill=1)
    c.setFillColor(WHITE)
    c.setFont(FONT, 11)
    c.drawCentredString(W / 2, H - 13 * mm, KICKER)
    _bold(c, W / 2, H - 25 * mm, TITLE, 24, WHITE, centre=True)
    c.setFillColor(WHITE)
    c.setFont(FONT, 10)
    c.drawCentredString(W / 2, H - 35 * mm, ISSUE)

    y = H - banner_h - 8 * mm
    c.setFillColor(BLACK)
    for i, line in enumerate(_wrap(LEAD, 10.5, W - 2 * MARGIN - 21)):
        c.setFont(FONT, 10.5)
        c.drawString(MARGIN + (21 if i == 0 else 0), y, line)
        y -= 16
    c.setFillColor(GREY)
    c.setFont(FONT, 8.5)
    c.drawCentredString(W / 2, y - 1, FICTION)
    y -= 9 * mm

    cells = [_card_lines(q, a) for q, a in CARDS]
    rows = [(0, 1), (2, 3), (4, None)]
    for left, right in rows:
        lh = _card_height(*cells[left])
        if right is not None:
            rh = _card_height(*cells[right])
            if abs(len(cells[left][1]) - len(cells[right][1])) > 1:
                raise SystemExit(f"cards {left + 1} and {right + 1} differ by more than one line: adjust the text")
        else:
            rh = 9 * mm + 6 * mm + sum(len(_wrap(e, A_SIZE, COL_W - 2 * PAD)) for e in GUIDE) * (A_LEAD + 1.5) + PAD
        height = max(lh, rh)
        _draw_card(c, MARGIN, y, height, left + 1, *cells[left])
        if right is not None:
            _draw_card(c, MARGIN + COL_W + GUTTER, y, height, right + 1, *cells[right])
        else:
            _draw_guide(c, MARGIN + COL_W + GUTTER, y, height)
        y -= height + ROW_GAP
    if y < 40 * mm:
        raise SystemExit(f"the grid runs too low ({y / mm:.1f} mm): shorten the text")

    qr = 24 * mm
    _qr(c, W / 2 - qr / 2, y - qr, qr)
    c.setFillColor(BLACK)
    c.setFont(FONT, 9)
    c.drawCentredString(W / 2, y - qr - 5 * mm, QR_CAPTION)
    c.setFillColor(GREY)
    c.setFont(FONT, 8.5)
    c.drawCentredString(W / 2, 10 * mm, SUPERVISOR)
    c.showPage()
    c.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
