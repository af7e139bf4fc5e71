"""Builds tests/fixtures/layouts/xining-civil-affairs-scan.pdf: a FICTIONAL scanned 答记者问 of 溪宁市民政局.

Layout exercised: a scanned PDF. Each of its two pages is ONE grey-scale image of printed text (slightly rotated,
with scanner speckle); the PDF has NO text layer at all. The product must say the file needs OCR rather than index
it as empty. The fictional-example line is printed in the image, as a real page would carry an editor's note.

    /work/main/.venv/bin/python tests/fixture_builders/xining_civil_affairs_scan.py

Needs Pillow (installed in the project venv) and a CJK TrueType font (WenQuanYi Micro Hei: apt-get install
fonts-wqy-microhei). The output is deterministic (seeded noise, fixed PDF dates).
"""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "xining-civil-affairs-scan.pdf"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

DPI = 150
SCANNED_AT = time.strptime("2024-06-28 15:02:11", "%Y-%m-%d %H:%M:%S")
PAGE = (1240, 1754)  # A4 at 150 dpi
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 150, 190, 170
SIZE, LEADING = 34, 60

TITLE = ["溪宁市民政局负责人就调整城乡最低生活保障", "标准有关问题答记者问"]

PARAGRAPHS = [
    "（本文为虚构示例，人物、机构和数据均为虚构，仅供测试。）",
    "经市政府同意，自2024年7月1日起，我市城乡最低生活保障标准统一调整为每人每月960元，"
    "特困人员基本生活标准相应调整为每人每月1250元。市民政局负责人就有关问题回答了记者提问。",
    "问：这次为什么要调整低保标准？",
    "答：低保标准与居民生活水平相适应、与经济社会发展相协调。根据测算，去年我市居民人均消费支出增长6.1%，"
    "为保障困难群众基本生活不因物价上涨而下降，市民政局会同市财政局提出了调整方案。",
    "问：调整后全市有多少困难群众受益？",
    "答：截至今年5月底，全市共有城乡低保对象2.86万人、特困人员4120人。调标后，每年新增保障资金约"
    "3100万元，全部由市、县两级财政承担，7月份的补差资金将于7月15日前发放到位。",
    "问：群众申请低保需要到哪里办理？",
    "答：申请人可以向户籍所在地或者经常居住地的乡镇（街道）提出申请，也可以通过“溪宁民政”微信小程序"
    "在线申请。对符合条件的，自受理之日起30日内审核确认。",
    "问：如何确保低保公平公正？",
    "答：我们将严格落实低保审核确认公示制度，公示期为7天，并开展低保专项治理，畅通12345政务服务热线"
    "投诉举报渠道，对优亲厚友、骗取保障金等问题严肃查处。",
]


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, indent: int) -> list[str]:
    lines, line, avail = [], "", width - indent
    for ch in text:
        if line and draw.textlength(line + ch, font=font) > avail and ch not in "，。、；：？）》”":
            lines.append(line)
            line, avail = "", width
        line += ch
    if line:
        lines.append(line)
    return lines


def _pages() -> list[Image.Image]:
    font = ImageFont.truetype(str(FONT), SIZE)
    title_font = ImageFont.truetype(str(FONT), 40)
    width = PAGE[0] - 2 * MARGIN_X
    pages: list[Image.Image] = []
    img = draw = None
    y = 0

    def new_page() -> None:
        nonlocal img, draw, y
        img = Image.new("L", PAGE, 248)
        draw = ImageDraw.Draw(img)
        pages.append(img)
        y = MARGIN_TOP

    new_page()
    for t in TITLE:
        draw.text(((PAGE[0] - draw.textlength(t, font=title_font)) / 2, y), t, font=title_font, fill=25)
        y += 66
    y += 30
    for para in PARAGRAPHS:
        for i, line in enumerate(_wrap(draw, para, font, width, 2 * SIZE)):
            if y > PAGE[1] - MARGIN_BOTTOM - LEADING:
                new_page()
            draw.text((MARGIN_X + (2 * SIZE if i == 0 else 0), y), line, font=font, fill=30)
            y += LEADING
        y += 8
    for n, page in enumerate(pages, 1):
        d = ImageDraw.Draw(page)
        label = f"— {n} —"
        d.text(((PAGE[0] - d.textlength(label, font=font)) / 2, PAGE[1] - 110), label, font=font, fill=30)

    rng = random.Random(20240701)
    scanned = []
    for page in pages:
        page = page.filter(ImageFilter.GaussianBlur(0.6))
        px = page.load()
        for _ in range(2500):  # scanner speckle
            x, yy = rng.randrange(PAGE[0]), rng.randrange(PAGE[1])
            px[x, yy] = rng.choice((60, 110, 160))
        page = page.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=236)
        scanned.append(page)
    return scanned


def build() -> bytes:
    pages = _pages()
    buf = io.BytesIO()
    pages[0].save(
        buf,
        "PDF",
        resolution=DPI,
        save_all=True,
        append_images=pages[1:],
        title="scan0001",
        creator="Scanner",
        producer="Scanner",
        creationDate=SCANNED_AT,
        modDate=SCANNED_AT,
    )
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
