"""Builds tests/fixtures/layouts18/meiting-legal-aid-policy.pdf: a FICTIONAL 政策解读 of 湄汀市司法局, as the bureau
posts it: a Word file printed to PDF.

Layout exercised: the questions and answers are ONE two-column TABLE drawn with ruled lines: a shaded header row
"问题 | 解答", then one row per question (the question cell ends in "？", the answer cell is the bureau's answer, some
cells in several paragraphs). The table starts on page 1 under the centred title, the issuing line "发布机构：湄汀市司法局"
and a lead; the THIRD row does not fit page 1 and is split as Word splits a row that may break across pages: its
question cell and the first lines of its answer stay on page 1, the rest of the answer continues, mid-sentence, in a
row on page 2 whose question cell is EMPTY, under the table's header row REPEATED at the top of page 2. Running header
"湄汀市司法局" / "政策解读" with a rule, footer "第 N 页 共 2 页". Under the table: the 政策咨询 line and the 附件 line.
No person and no role is named: the bureau answers as itself.

    /work/main/.venv/bin/python tests/fixture_builders/meiting_legal_aid_policy.py

reportlab is no project dependency (as for the other PDF builders). The page is drawn on a canvas, line by line (CJK
characters one by one, numbers and Latin words kept whole, no line opening with closing punctuation), so that the
page break is fixed by the text below; the build checks that it falls inside the third answer. The bytes are
reproducible (reportlab's invariant mode: fixed dates and document id).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pdf_parts import PageCountCanvas, kinsoku_lines, running_header  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts18" / "meiting-legal-aid-policy.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

HEADER_LEFT = "湄汀市司法局"
HEADER_RIGHT = "政策解读"
TITLE = "《湄汀市法律援助实施办法》政策解读"
ISSUER = "发布机构：湄汀市司法局　　发布日期：2025年3月20日"
FICTION = "（本文为虚构示例，城市、机构、文件、数据和电话均为虚构，仅供软件测试使用。）"
LEAD = ("2025年3月10日，市人民政府印发《湄汀市法律援助实施办法》（湄政规〔2025〕3号，以下简称《实施办法》），自2025年"
        "5月1日起施行。为便于社会公众了解《实施办法》的主要内容，及时获得法律援助，现就群众关心的几个问题解读如下。")
HEAD = ("问题", "解答")
# (question cell, answer cell paragraphs)
ROWS: list[tuple[str, list[str]]] = [
    ("《实施办法》出台的背景是什么？",
     ["《中华人民共和国法律援助法》自2022年1月1日起施行，对法律援助的范围、程序和保障作出了新的规定。我市2014年"
      "制定的法律援助实施细则，在经济困难标准、申请程序等方面已不能适应新的要求。2024年，全市法律援助机构共办理"
      "法律援助案件6132件，同比增长11.4%，为受援人挽回经济损失1.37亿元。为进一步扩大法律援助覆盖面、方便群众"
      "申请，我局在深入调研、广泛征求意见的基础上起草了《实施办法》，共6章38条。"]),
    ("经济困难的标准是怎么确定的？",
     ["《实施办法》第九条规定，申请人及其共同生活的家庭成员人均月收入低于我市最低工资标准（目前为每月2010元）"
      "的，认定为经济困难。与原来以低保标准的1.5倍为界相比，标准提高了约三成，预计全市可申请法律援助的人群将增加"
      "约8万人。",
      "最低生活保障对象、特困供养人员、领取失业保险金人员等，免予核查经济困难状况，只需提交相关证件。其他申请人"
      "可以用个人诚信承诺代替经济困难证明材料。"]),
    ("哪些情况申请法律援助不受经济困难条件的限制？",
     ["根据法律援助法第三十二条，有下列情形之一，当事人申请法律援助的，不受经济困难条件的限制：",
      "（一）英雄烈士近亲属为维护英雄烈士的人格权益；",
      "（二）因见义勇为行为主张相关民事权益；",
      "（三）再审改判无罪请求国家赔偿；",
      "（四）遭受虐待、遗弃或者家庭暴力的受害人主张相关权益；",
      "（五）法律、法规、规章规定的其他情形。",
      "在此基础上，《实施办法》第十四条结合我市实际，增加了两种情形：一是农民工请求支付劳动报酬或者工伤赔偿的；"
      "二是70周岁以上老年人因赡养、扶养纠纷主张相关权益的。2024年，全市共为农民工办理法律援助案件1846件，帮助"
      "追回劳动报酬等4260万元。需要说明的是，不受经济困难条件限制，是指法律援助机构不再审查申请人的经济状况，"
      "申请人仍然需要提交身份证明和与所申请事项有关的材料，例如农民工讨薪的，应当提供劳动合同、工资条、考勤记录"
      "或者证人证言等能够证明劳动关系的材料。"]),
    ("到哪里申请？多长时间能有结果？",
     ["申请人可以向办理案件所在地或者本人住所地的法律援助中心提出申请。湄汀市法律援助中心设在湄汀市公共法律"
      "服务中心一楼（兰川区临江路88号），电话8835 1148；各区法律援助中心和乡镇（街道）公共法律服务工作站也可以"
      "受理申请。申请人还可以通过“湄汀法援”微信小程序在线申请，或者拨打12348公共法律服务热线咨询。",
      "法律援助机构应当自收到申请之日起7日内作出是否给予法律援助的决定。对农民工讨薪、家庭暴力等情况紧急的案件，"
      "《实施办法》要求当日受理、当日审查，符合条件的先行提供法律援助，再补交有关材料。"]),
]
CONTACT = "政策咨询：湄汀市司法局公共法律服务管理处　电话：8835 1026（工作日 9:00—17:00）"
ATTACHMENT = "附件：湄汀市法律援助实施办法（全文）"

PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
TABLE_W = PAGE_W - 2 * MARGIN
COL_Q = 48 * mm
COL_A = TABLE_W - COL_Q
PAD = 2.6 * mm
SIZE, LEADING = 10.5, 17.0
PARA_GAP = 3.0
TOP = PAGE_H - 22 * mm
BOTTOM = 22 * mm
HEAD_H = 9 * mm
BREAK_ROW = 2  # the 0-based row that must be split by the page break

NO_START = set("，。、；：？！”’）》」』】％…—·")
NO_END = set("“‘（《「『【")
ATOM = re.compile(r"[0-9A-Za-z.%:]+|……|——|.", re.S)


def _wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    return kinsoku_lines(text, FONT, size, width, indent, atom=ATOM, no_start=NO_START, no_end=NO_END)


def _cell_lines(paragraphs: list[str], width: float) -> list[tuple[str, float]]:
    """A cell's lines with the gap to leave ABOVE each one (a small gap opens every paragraph but the first)."""
    out: list[tuple[str, float]] = []
    for i, text in enumerate(paragraphs):
        for j, line in enumerate(_wrap(text, width, SIZE)):
            out.append((line, PARA_GAP if i and not j else 0.0))
    return out


def _height(lines: list[tuple[str, float]]) -> float:
    return sum(LEADING + gap for _, gap in lines)


class NumberedCanvas(PageCountCanvas):
    """Draws the bureau's running header and the footer "第 N 页 共 M 页" on every page."""

    def decorate(self, total: int) -> None:
        running_header(self, FONT, HEADER_LEFT, HEADER_RIGHT, f"第 {self._pageNumber} 页 共 {total} 页",
                       margin_mm=20, rule="#1f4e79")


def _bold(page: NumberedCanvas, x: float, y: float, text: str, size: float, centre: bool = False) -> None:
    """Word's fake bold of a CJK font, as it prints: the glyphs filled and stroked."""
    if centre:
        x -= pdfmetrics.stringWidth(text, FONT, size) / 2
    t = page.beginText(x, y)
    t.setFont(FONT, size)
    t.setTextRenderMode(2)
    t.textOut(text)
    page.saveState()
    page.setLineWidth(0.3)
    page.drawText(t)
    page.restoreState()


def _header_row(page: NumberedCanvas, y: float) -> float:
    """The table's header row with its top edge at `y`; returns its bottom edge."""
    page.saveState()
    page.setFillColor(HexColor("#D9D9D9"))
    page.rect(MARGIN, y - HEAD_H, TABLE_W, HEAD_H, stroke=0, fill=1)
    page.restoreState()
    base = y - HEAD_H / 2 - SIZE * 0.35
    _bold(page, MARGIN + COL_Q / 2, base, HEAD[0], SIZE, centre=True)
    _bold(page, MARGIN + COL_Q + COL_A / 2, base, HEAD[1], SIZE, centre=True)
    _rules(page, y, y - HEAD_H)
    return y - HEAD_H


def _rules(page: NumberedCanvas, top: float, bottom: float) -> None:
    """The ruled box of one row: top, bottom, both sides and the column divider."""
    page.saveState()
    page.setLineWidth(0.6)
    page.setStrokeColor(HexColor("#000000"))
    page.line(MARGIN, top, MARGIN + TABLE_W, top)
    page.line(MARGIN, bottom, MARGIN + TABLE_W, bottom)
    for x in (MARGIN, MARGIN + COL_Q, MARGIN + TABLE_W):
        page.line(x, top, x, bottom)
    page.restoreState()


def _draw_lines(page: NumberedCanvas, x: float, top: float, lines: list[tuple[str, float]]) -> None:
    y = top - PAD
    for text, gap in lines:
        y -= gap + LEADING
        page.setFont(FONT, SIZE)
        page.drawString(x, y + (LEADING - SIZE) * 0.55, text)


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    buf = io.BytesIO()
    page = NumberedCanvas(buf, pagesize=A4, invariant=1)
    page.setTitle(TITLE)
    page.setAuthor("湄汀市司法局")
    page.setCreator("")

    y = TOP - 8 * mm
    _bold(page, PAGE_W / 2, y, TITLE, 17, centre=True)
    y -= 10 * mm
    page.setFont(FONT, 10)
    page.drawCentredString(PAGE_W / 2, y, ISSUER)
    y -= 6 * mm
    page.setFont(FONT, 9)
    page.setFillColor(HexColor("#555555"))
    page.drawCentredString(PAGE_W / 2, y, FICTION)
    page.setFillColor(HexColor("#000000"))
    y -= 9 * mm
    for i, line in enumerate(_wrap(LEAD, TABLE_W, 11, 22)):
        page.setFont(FONT, 11)
        page.drawString(MARGIN + (22 if i == 0 else 0), y, line)
        y -= 19
    y -= 4 * mm

    y = _header_row(page, y)
    split_rows: list[int] = []
    for index, (question, answer) in enumerate(ROWS):
        q_lines = _cell_lines([question], COL_Q - 2 * PAD)
        a_lines = _cell_lines(answer, COL_A - 2 * PAD)
        while a_lines:
            room = y - BOTTOM - 2 * PAD
            fits = 0
            used = 0.0
            for _, gap in a_lines:
                if used + gap + LEADING > room:
                    break
                used += gap + LEADING
                fits += 1
            if fits == len(a_lines) and _height(q_lines) <= room:
                take = a_lines
            elif fits >= max(2, len(q_lines)) and len(a_lines) - fits >= 2:
                take = a_lines[:fits]
                split_rows.append(index)
            else:  # nothing worth keeping on this page: the whole row moves on
                take = []
            if take:
                h = max(_height(take), _height(q_lines)) + 2 * PAD
                _rules(page, y, y - h)
                _draw_lines(page, MARGIN + PAD, y, q_lines)
                _draw_lines(page, MARGIN + COL_Q + PAD, y, take)
                y -= h
                a_lines = a_lines[len(take):]
                if a_lines and a_lines[0][1]:
                    a_lines[0] = (a_lines[0][0], 0.0)
                q_lines = []  # the continuation row's question cell is empty
            if a_lines:
                page.showPage()
                y = _header_row(page, TOP)
    if split_rows != [BREAK_ROW]:
        raise SystemExit(f"the page break no longer splits row {BREAK_ROW + 1} alone ({split_rows}): adjust the text")

    y -= 9 * mm
    for line in (CONTACT, ATTACHMENT):
        page.setFont(FONT, 10.5)
        page.drawString(MARGIN, y, line)
        y -= 7 * mm
    page.showPage()
    page.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
