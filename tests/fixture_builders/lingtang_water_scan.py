"""Builds tests/fixtures/layouts16/lingtang-water-scan.pdf: a FICTIONAL scan of two pages of the bureau's journal
《菱塘水务》 (a 专访 of 菱塘市水务局's head, reprinted from 菱塘日报), with the TEXT LAYER AN OCR ENGINE PUT ON IT.

Layout exercised: what a "searchable PDF" made by a scanner's or a site's OCR looks like. Each page is one grey-scale
image of the printed page (what a human sees), with the recognised text laid over it invisibly (text render mode 3,
one text line per printed line, stretched to the printed line's width), as OCR software writes it:
- a space between most CJK characters ("市 水 务 局 党 组 书 记 、 局 长 沈 国 平"), numbers kept whole ("11.8 亿 元"),
  now and then two characters run together;
- full-width punctuation sometimes read as half-width ("," for "，", "?" for "？", ":" for "：", ASCII brackets and
  quotes);
- the labels spaced like the rest ("记 者 ：", once "记 者 :", "沈 国 平 ：");
- lines broken where the printed lines break (the page width), paragraphs and sentences running over them;
- the journal's running header ("菱 塘 水 务 ..."), a photo caption and the printed page numbers ("- 12 -", "- 13 -")
  recognised with the rest; the third answer runs over the page break.
The one clean (non-OCR, visible) text on each page is the stamp the uploading system put in the top margin: the
fiction notice and "第 N 页 / 共 M 页" (drawn through pdf_parts.PageCountCanvas once the page count is known).

    /work/main/.venv/bin/python tests/fixture_builders/lingtang_water_scan.py

Needs reportlab and Pillow (no project dependencies, as for the other PDF builders). The bytes are reproducible
(reportlab's invariant mode; the page images are drawn deterministically and stored losslessly).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pdf_parts import PageCountCanvas  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts16" / "lingtang-water-scan.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"
DPI = 110
PAGE_W_PT, PAGE_H_PT = A4
PX_W, PX_H = round(PAGE_W_PT / 72 * DPI), round(PAGE_H_PT / 72 * DPI)
MM = DPI / 25.4  # pixels per millimetre
LEFT, RIGHT, TOP, BOTTOM = 22 * MM, PX_W - 22 * MM, 24 * MM, PX_H - 24 * MM

STAMP = "【虚构示例】本扫描件及其文字层内容均为虚构（城市、人物、机构、数据、电话），仅供软件测试使用。"
HEADER_LEFT = "菱塘水务"
HEADER_RIGHT = "2025年第2期　专题访谈"
FIRST_PAGE_NUMBER = 12

TITLE = "守好一江清水　惠泽百万市民"
SUBTITLE = "——访市水务局党组书记、局长沈国平"
BYLINE = "文／何雨桐"
LEAD = ("今年以来，我市水务系统围绕城乡供水一体化、黑臭水体治理和防汛备汛三件大事，推出了一批惠民举措。群众关心的"
        "农村饮水、老小区水压、汛期排涝等问题进展如何？日前，记者专访了市水务局党组书记、局长沈国平。")
CAPTION = "▲沈国平（右二）在芦湾片区检查二次供水泵房改造情况。　何雨桐　摄"
REPORTER, CHIEF = "记者：", "沈国平："
# (label, words); the label is printed bold
QA: list[tuple[str, str]] = [
    (REPORTER, "今年我市城乡供水一体化推进到哪一步了？农村群众什么时候能喝上和城里一样的自来水？"),
    (CHIEF, "城乡供水一体化是今年市政府十件民生实事之一。我们计划用两年时间，投资11.8亿元，新建和改造供水管网860公里，"
            "把城区水厂的自来水延伸到全市所有行政村。截至3月底，已完成管网铺设312公里，覆盖行政村146个，受益人口约21"
            "万人。今年底，农村自来水普及率将从目前的91.3%提高到97%以上；到2026年底，实现城乡供水同网、同质、同价。"),
    (REPORTER, "城区有些老小区一到夏天水压就不够，住在高层的居民用水很困难，这个问题怎么解决？"),
    (CHIEF, "这主要是老旧小区二次供水设施老化、泵房管理不到位造成的。今年我们将改造二次供水泵房58座，优先安排群众反映"
            "集中的芦湾、东塘两个片区，6月底前完成其中的32座。改造后的泵房统一移交供水企业专业运维，实行24小时远程监控。"
            "市民遇到停水、水压不足等问题，可以拨打供水服务热线96678，城区抢修人员30分钟内到达现场。"),
    (REPORTER, "黑臭水体治理是群众感受最直接的，成效如何？会不会出现反弹？"),
    (CHIEF, "全市纳入国家监管平台的27条黑臭水体已经全部完成整治，去年第三方评估的公众满意度为93.6%。治理不难，难在长效。"
            "我们推行“河长+巡河员+志愿者”的管护模式，聘请专职巡河员420名，每月对水质开展一次监测，结果在市水务局门户"
            "网站公开。今年还将投入2.3亿元，完成老城区雨污分流改造46公里，从源头上减少污水直排。"),
    (REPORTER, "今年的防汛准备工作做得怎么样？市民需要注意些什么？"),
    (CHIEF, "我们已对全市132座水库、41座排涝泵站开展汛前检查，发现隐患63处，目前已整改完成55处，其余8处将在5月15日前"
            "全部完成。城区新增移动排涝泵车12台，排涝能力提高到每小时3.6万立方米。在这里也提醒市民朋友，汛期请关注"
            "“菱塘水务”微信公众号发布的预警信息，暴雨天气尽量减少外出，不要在积水路段涉水通行，不要在河道、水库边逗留。"),
]
END_NOTE = "（原载《菱塘日报》2025年4月18日第3版，本刊有删节）"
# the next item on the printed page (not part of the interview)
BRIEFS_HEAD = "■ 水务简讯"
BRIEFS = [
    "4月22日，市水务局召开全市水务系统安全生产工作会议，部署汛期安全生产大检查，要求5月10日前完成对在建水务工程的"
    "全覆盖检查。",
    "4月25日，我市城乡供水一体化二期工程东塘段管网开工建设，全长18.6公里，建成后将惠及东塘片区9个行政村约1.4万人。",
]

# half-width versions an OCR engine sometimes returns; the brackets and quotes always
ALWAYS = {"（": "(", "）": ")", "“": '"', "”": '"', "／": "/"}
SOMETIMES = {"，": (",", 3), "？": ("?", 2), "：": (":", 2), "；": (";", 2)}
HALF_WIDTH_LABEL_AT = 5  # the 5th label is read "记 者 :"
CLOSERS = "，。、；：？！）”》"


def _is_word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in ".%+")


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for c in text:
        if out and _is_word_char(c) and _is_word_char(out[-1][-1]):
            out[-1] += c
        else:
            out.append(c)
    return [t for t in out if not t.isspace() and t != "　"]


class Ocr:
    """Turns a printed line into the line an OCR engine returns for it, deterministically."""

    def __init__(self) -> None:
        self.gaps = 0
        self.seen = {k: 0 for k in SOMETIMES}
        self.labels = 0

    def label(self, label: str) -> str:
        self.labels += 1
        chars = list(label)
        if self.labels == HALF_WIDTH_LABEL_AT:
            chars[-1] = ":"
        return " ".join(chars)

    def line(self, text: str) -> str:
        tokens = []
        for t in _tokens(text):
            if t in ALWAYS:
                t = ALWAYS[t]
            elif t in SOMETIMES:
                half, every = SOMETIMES[t]
                self.seen[t] += 1
                if self.seen[t] % every == 1:
                    t = half
            tokens.append(t)
        out = ""
        for i, t in enumerate(tokens):
            if i:
                self.gaps += 1
                joined = (self.gaps % 9 == 4 and not tokens[i - 1].isascii() and not t.isascii()
                          and tokens[i - 1] not in CLOSERS and t not in CLOSERS)
                out += "" if joined else " "
            out += t
        return out


class Line:
    def __init__(self, text: str, size_px: float, x: float, y: float, *, bold: str = "", ocr: str = "",
                 align: str = "left") -> None:
        self.text, self.size, self.x, self.y, self.bold, self.ocr, self.align = text, size_px, x, y, bold, ocr, align


def _font(size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_FILE, round(size), index=0)


def _wrap(text: str, font: ImageFont.FreeTypeFont, first_width: float, width: float) -> list[str]:
    lines, cur, limit = [], "", first_width
    for c in text:
        if cur and font.getlength(cur + c) > limit and c not in CLOSERS:
            lines.append(cur)
            cur, limit = "", width
        cur += c
    if cur:
        lines.append(cur)
    return lines


def layout() -> list[list[Line]]:
    """The printed lines of each page, in reading order."""
    body = 11 / 72 * DPI
    lead_size = 11 / 72 * DPI
    pages: list[list[Line]] = [[]]
    y = TOP + 14 * MM
    page = pages[0]

    def new_page() -> None:
        nonlocal y, page
        pages.append([])
        page = pages[-1]
        y = TOP + 14 * MM

    def put(text: str, size: float, *, x: float = LEFT, bold: str = "", align: str = "left", gap: float = 0) -> None:
        nonlocal y
        if y + size > BOTTOM - 10 * MM:
            new_page()
        page.append(Line(text, size, x, y, bold=bold, align=align))
        y += size * 1.75 + gap

    def paragraph(words: str, size: float, label: str = "") -> None:
        font = _font(size)
        indent = 2 * size
        first = RIGHT - LEFT - indent - (font.getlength(label) + (1 if label else 0))
        for i, text in enumerate(_wrap(words, font, first, RIGHT - LEFT)):
            put(text, size, x=LEFT + (indent if i == 0 else 0), bold=label if i == 0 else "")
        y_gap(size * 0.35)

    def y_gap(d: float) -> None:
        nonlocal y
        y += d

    put(TITLE, 20 / 72 * DPI, align="center", gap=2 * MM)
    put(SUBTITLE, 13 / 72 * DPI, align="center")
    put(BYLINE, 10.5 / 72 * DPI, align="center", gap=3 * MM)
    paragraph(LEAD, lead_size)
    # the photo and its caption
    page.append(Line("", 0, LEFT + 18 * MM, y, align="photo"))
    y += 58 * MM
    put(CAPTION, 9 / 72 * DPI, align="center", gap=2 * MM)
    for label, words in QA:
        paragraph(words, body, label)
    put(END_NOTE, 10 / 72 * DPI, x=RIGHT, align="right", gap=8 * MM)
    page.append(Line("", 0, LEFT, y - 4 * MM, align="rule"))
    put(BRIEFS_HEAD, 12 / 72 * DPI, bold="", gap=1 * MM)
    for brief in BRIEFS:
        paragraph(brief, 10 / 72 * DPI)
    return pages


def _photo(draw: ImageDraw.ImageDraw, x: float, y: float) -> None:
    w, h = 130 * MM, 56 * MM
    seed = 20250418
    for row in range(0, int(h), 6):
        for col in range(0, int(w), 6):
            seed = (seed * 1103515245 + 12345) % (2 ** 31)
            shade = 90 + (seed >> 16) % 60 + int(40 * row / h)
            draw.rectangle([x + col, y + row, x + col + 5, y + row + 5], fill=shade)
    draw.rectangle([x, y, x + w, y + h], outline=40, width=2)


def render(lines: list[Line], number: int) -> Image.Image:
    image = Image.new("L", (PX_W, PX_H), 246)
    draw = ImageDraw.Draw(image)
    head = _font(9.5 / 72 * DPI)
    draw.text((LEFT, TOP - 6 * MM), HEADER_LEFT, font=head, fill=60)
    draw.text((RIGHT - head.getlength(HEADER_RIGHT), TOP - 6 * MM), HEADER_RIGHT, font=head, fill=60)
    draw.line([LEFT, TOP, RIGHT, TOP], fill=60, width=2)
    for line in lines:
        if line.align == "photo":
            _photo(draw, line.x, line.y)
            continue
        if line.align == "rule":
            draw.line([LEFT, line.y, RIGHT, line.y], fill=60, width=1)
            continue
        font = _font(line.size)
        x = line.x
        if line.bold:
            draw.text((x, line.y), line.bold, font=font, fill=15, stroke_width=1, stroke_fill=15)
            x += font.getlength(line.bold) + 1
        width = font.getlength(line.text)
        if line.align == "center":
            x = (PX_W - width) / 2
        elif line.align == "right":
            x = RIGHT - width
        draw.text((x, line.y), line.text, font=font, fill=20)
        line.x = x
    page_no = f"- {number} -"
    foot = _font(10 / 72 * DPI)
    draw.text(((PX_W - foot.getlength(page_no)) / 2, BOTTOM), page_no, font=foot, fill=40)
    return image


def _pt(px: float) -> float:
    return px * 72 / DPI


class StampedCanvas(PageCountCanvas):
    """The uploading system's stamp in the top margin of every page: the fiction notice and the page count."""

    def decorate(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(HexColor("#c00000"))
        self.drawString(_pt(LEFT), PAGE_H_PT - _pt(8 * MM), STAMP)
        self.drawRightString(_pt(RIGHT), PAGE_H_PT - _pt(12 * MM), f"第 {self._pageNumber} 页 / 共 {total} 页")
        self.restoreState()


def _invisible(c: StampedCanvas, text: str, x_px: float, top_px: float, size_px: float, width_px: float) -> None:
    """One OCR line, laid invisibly over the printed line at (x, top) and stretched to its width."""
    size = _pt(size_px)
    baseline = PAGE_H_PT - _pt(top_px) - size * 0.88
    natural = pdfmetrics.stringWidth(text, FONT, size)
    t = c.beginText()
    t.setTextRenderMode(3)
    t.setFont(FONT, size)
    t.setHorizScale(max(40.0, min(160.0, 100 * _pt(width_px) / natural)) if natural else 100)
    t.setTextOrigin(_pt(x_px), baseline)
    t.textOut(text)
    c.saveState()  # the render mode is graphics state: restored after the line
    c.drawText(t)
    c.restoreState()


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    ocr = Ocr()
    buf = io.BytesIO()
    c = StampedCanvas(buf, pagesize=A4, invariant=1)
    c.setTitle("")
    c.setAuthor("")
    c.setCreator("Scan2PDF OCR 3.2")
    pages = layout()
    head = _font(9.5 / 72 * DPI)
    for i, lines in enumerate(pages):
        number = FIRST_PAGE_NUMBER + i
        image = render(lines, number)
        c.drawImage(ImageReader(image), 0, 0, width=PAGE_W_PT, height=PAGE_H_PT)
        _invisible(c, ocr.line(HEADER_LEFT), LEFT, TOP - 6 * MM, 9.5 / 72 * DPI, head.getlength(HEADER_LEFT))
        _invisible(c, ocr.line(HEADER_RIGHT), RIGHT - head.getlength(HEADER_RIGHT), TOP - 6 * MM, 9.5 / 72 * DPI,
                   head.getlength(HEADER_RIGHT))
        for line in lines:
            if line.align in ("photo", "rule"):
                continue
            font = _font(line.size)
            text = ocr.line(line.text)
            x, width = line.x, font.getlength(line.text)
            if line.bold:
                text = ocr.label(line.bold) + " " + text
                x -= font.getlength(line.bold) + 1
                width += font.getlength(line.bold) + 1
            _invisible(c, text, x, line.y, line.size, width)
        page_no = f"- {number} -"
        foot = _font(10 / 72 * DPI)
        _invisible(c, page_no, (PX_W - foot.getlength(page_no)) / 2, BOTTOM, 10 / 72 * DPI, foot.getlength(page_no))
        c.showPage()
    c.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
