"""Builds tests/fixtures/layouts17/qiaonan-water-saving-qa.pdf: a FICTIONAL 答记者问 of 峤南市水务局 as printed in the
city government's gazette (《峤南市人民政府公报》).

Layout exercised: one A4 gazette page set in TWO COLUMNS. Above the columns, across the full width: the gazette's
running header ("峤南市人民政府公报" left, "2024年第11期" right, a rule), the section tag "【政策解读】", the CENTRED
title "峤南市水务局有关负责人就《峤南市节约用水办法》答记者问", a full-width lead and the fiction note. Below them two
columns of justified text; every question opens with a BOLD "问：" and every answer with a BOLD "答：" (the labels are
drawn in a separately named font resource, "…,Bold", with fill-and-stroke rendering, as Word's fake bold of a CJK
font exports). The answer to the second question begins at the foot of the LEFT column and continues, mid-sentence,
at the top of the RIGHT column. The footer is the gazette's page number "— 37 —". The answerer is the bureau's
有关负责人, named by role only, in the title and the lead.

    /work/main/.venv/bin/python tests/fixture_builders/qiaonan_water_saving_qa.py

reportlab is no project dependency (as for the other PDF builders). The page is drawn line by line on a canvas (the
line breaking is done here: CJK characters one by one, numbers and Latin words kept whole, no line opening with
closing punctuation) and the two columns are balanced as a typesetter ends an article, so the column break is fixed
by the text below (it falls inside 《办法》第十六条规|定 of the second answer). The bytes are reproducible (reportlab's
invariant mode: fixed dates and document id).
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
from reportlab.pdfgen import canvas as rl_canvas

from pdf_parts import running_header  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts17" / "qiaonan-water-saving-qa.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"
FONT_BOLD = "WQYMicroHei-Bold"

HEADER_LEFT = "峤南市人民政府公报"
HEADER_RIGHT = "2024年第11期"
PAGE_NUMBER = "— 37 —"
SECTION = "【政策解读】"
TITLE = "峤南市水务局有关负责人就《峤南市节约用水办法》答记者问"
LEAD = ("2024年10月28日，市人民政府印发《峤南市节约用水办法》（峤政规〔2024〕6号，以下简称《办法》），自2025年1月1日"
        "起施行。为便于社会各界准确理解和执行《办法》，市水务局有关负责人接受记者采访，就《办法》出台的背景和主要内容"
        "作了解答。")
FICTION = "（本文为虚构示例，城市、机构、文件、数据和电话均为虚构，仅供软件测试使用。）"

# ("问", text) a question after a bold "问："; ("答", text) an answer after a bold "答："
BODY: list[tuple[str, str]] = [
    ("问", "《办法》出台的背景是什么？"),
    ("答", "我市是水资源相对短缺的城市，人均水资源量仅1380立方米，约为全省平均水平的六成。2023年，全市用水总量"
          "8.62亿立方米，万元地区生产总值用水量36.4立方米，与先进城市相比还有不小差距。2009年施行的《峤南市城市"
          "节约用水管理规定》已实施15年，部分条款与国家节水行动的要求不相适应，对再生水利用、节水型单位建设等也缺少"
          "规定。制定《办法》，就是要把近年来行之有效的做法固定下来，推动全社会节约用水。"),
    ("问", "《办法》对居民家庭用水有哪些规定？会不会增加群众负担？"),
    ("答", "《办法》第十四条规定，居民生活用水实行阶梯水价，以户为单位按年计算。年用水量180立方米以内的部分为第一"
          "阶梯，水价每立方米3.10元；181至260立方米的部分为第二阶梯，每立方米4.65元；超过260立方米的部分为第三阶梯，"
          "每立方米9.30元。户籍人口5人以上的家庭，每增加1人，各阶梯年用水量基数相应增加36立方米。据测算，全市约91%"
          "的居民家庭年用水量在第一阶梯以内，水费不会增加。同时，《办法》第十六条规定，对低保家庭和特困供养人员家庭"
          "每户每月减免5立方米水费，全市约2.1万户受益。"),
    ("问", "对用水量大的单位，《办法》有哪些管理措施？"),
    ("答", "《办法》对年用水量1万立方米以上的非居民用水单位实行计划用水管理，由市水务局每年下达用水计划，目前全市"
          "纳入计划管理的单位有1462家。超计划用水的，实行累进加价：超计划20%以内的部分，加价1倍收取；超计划20%至"
          "40%的部分，加价2倍；超计划40%以上的部分，加价3倍。洗车、洗浴等特种用水行业必须安装循环用水设施，洗车场"
          "循环水利用率不得低于85%。"),
    ("问", "市民发现浪费用水的行为，可以怎样反映？"),
    ("答", "《办法》第三十一条规定，任何单位和个人都有权对浪费用水的行为进行劝阻和举报。市民可以拨打12345政务服务"
          "便民热线，或者拨打市水务局节约用水办公室电话6623 0419反映。查证属实的，水务部门将依法责令改正；拒不改正"
          "的，依照《办法》第三十四条的规定，处500元以上5000元以下罚款。"),
]

PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
GAP = 7 * mm
COL_W = (PAGE_W - 2 * MARGIN - GAP) / 2
BODY_SIZE, BODY_LEADING = 10.5, 17.6
COLUMN_BOTTOM = 24 * mm

NO_START = set("，。、；：？！”’）》」』】％…—·")
NO_END = set("“‘（《「『【")
ATOM = re.compile(r"[0-9A-Za-z.%]+|……|——|.", re.S)


def _tokens(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """The unbreakable pieces of a paragraph: one CJK character, one number or Latin word, one 省略号/破折号."""
    return [(m.group(0), bold) for text, bold in runs for m in ATOM.finditer(text)]


def _wrap(runs: list[tuple[str, bool]], width: float, size: float, indent: float) -> list[list[tuple[str, bool]]]:
    """Lines of tokens no wider than `width` (the first line indented), with the usual CJK rules: no line opens with
    closing punctuation and none ends with an opening one (the token before is carried down with it)."""
    lines: list[list[tuple[str, bool]]] = [[]]
    used = indent
    for token in _tokens(runs):
        w = pdfmetrics.stringWidth(token[0], FONT, size)
        if used + w > width and lines[-1]:
            carry: list[tuple[str, bool]] = []
            if token[0][0] in NO_START:
                carry.insert(0, lines[-1].pop())
            while lines[-1] and lines[-1][-1][0] in NO_END:
                carry.insert(0, lines[-1].pop())
            lines.append(carry)
            used = sum(pdfmetrics.stringWidth(t, FONT, size) for t, _ in carry)
        lines[-1].append(token)
        used += w
    return lines


def _draw_line(page: rl_canvas.Canvas, x: float, y: float, line: list[tuple[str, bool]], size: float,
               width: float | None) -> None:
    """One line; bold pieces in the bold font resource with fill-and-stroke; justified to `width` when given."""
    chars = sum(len(t) for t, _ in line)
    natural = sum(pdfmetrics.stringWidth(t, FONT, size) for t, _ in line)
    space = 0.0
    if width is not None and chars > 1 and 0 < width - natural <= 2.2 * (chars - 1):
        space = (width - natural) / (chars - 1)
    text = page.beginText(x, y)
    text.setCharSpace(space)
    segments: list[tuple[str, bool]] = []
    for token, bold in line:
        if segments and segments[-1][1] == bold:
            segments[-1] = (segments[-1][0] + token, bold)
        else:
            segments.append((token, bold))
    for chunk, bold in segments:
        text.setFont(FONT_BOLD if bold else FONT, size)
        text.setTextRenderMode(2 if bold else 0)
        text.textOut(chunk)
    page.saveState()  # the render mode is graphics state: keep it from leaking into the next line
    page.setLineWidth(0.35)
    page.drawText(text)
    page.restoreState()


def _paragraph_lines(kind: str, text: str) -> list[list[tuple[str, bool]]]:
    return _wrap([(f"{kind}：", True), (text, False)], COL_W, BODY_SIZE, 2 * BODY_SIZE)


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    bold = TTFont(FONT_BOLD, FONT_FILE, subfontIndex=0)
    bold.face.name = bold.face.name + b",Bold"  # the PostScript name Word gives a fake-bold CJK font
    pdfmetrics.registerFont(bold)

    buf = io.BytesIO()
    page = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    page.setTitle(TITLE)
    page.setAuthor("峤南市人民政府办公室")
    page.setSubject("峤南市人民政府公报 2024年第11期")
    page.setCreator("")
    page.setFillColor(HexColor("#000000"))
    page.setStrokeColor(HexColor("#000000"))

    y = PAGE_H - 25 * mm
    page.setFont(FONT, 10.5)
    page.drawString(MARGIN, y, SECTION)
    y -= 13 * mm
    _draw_line(page, (PAGE_W - pdfmetrics.stringWidth(TITLE, FONT, 16)) / 2, y, [(TITLE, True)], 16, None)
    y -= 11 * mm
    full = PAGE_W - 2 * MARGIN
    lead = _wrap([(LEAD, False)], full, 11, 22)
    for i, line in enumerate(lead):
        x = MARGIN + (22 if i == 0 else 0)
        _draw_line(page, x, y, line, 11, None if i == len(lead) - 1 else full - (22 if i == 0 else 0))
        y -= 19
    page.setFont(FONT, 9)
    page.setFillColor(HexColor("#555555"))
    page.drawCentredString(PAGE_W / 2, y - 1, FICTION)
    page.setFillColor(HexColor("#000000"))
    y -= 9 * mm
    column_top = y

    # every line of the Q&A with its paragraph's gap, then the columns balanced as a typesetter ends an article: the
    # left column takes the first half of the lines, the right column the rest
    placed: list[tuple[list[tuple[str, bool]], float, bool, float]] = []
    for kind, text in BODY:
        lines = _paragraph_lines(kind, text)
        for i, line in enumerate(lines):
            indent = 2 * BODY_SIZE if i == 0 else 0
            placed.append((line, indent, i == len(lines) - 1, 2.0 if i == len(lines) - 1 else 0.0))
    half = (len(placed) + 1) // 2
    if column_top - half * BODY_LEADING < COLUMN_BOTTOM:
        raise SystemExit("the text no longer fits the page: shorten it")
    for column, chunk in enumerate((placed[:half], placed[half:])):
        x, y = MARGIN + column * (COL_W + GAP), column_top
        for line, indent, last, after in chunk:
            _draw_line(page, x + indent, y, line, BODY_SIZE, None if last else COL_W - indent)
            y -= BODY_LEADING + after

    running_header(page, FONT, HEADER_LEFT, HEADER_RIGHT, PAGE_NUMBER, margin_mm=20, rule="#000000",
                   footer_size=10.5)
    page.showPage()
    page.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
