"""Builds tests/fixtures/layouts11/weichuan-urban-management-press.pdf: a FICTIONAL 新闻发布会 of 苇川市城市管理局.

Layout exercised: a press-conference transcript printed in TWO COLUMNS (A4; the title block spans the page on page 1,
then two frames per page). Running header on every page "苇川市人民政府新闻办公室" (left) and "新闻发布会实录" (right),
footer "第 N 页 共 M 页". The 发布人 list gives unit, title and name one per line. Speaker labels are the unit and
title with the name ("市城市管理局局长 任志刚："), reporters "苇川晚报记者：" (the outlet is never a speaker). 莫海川 speaks
for 苇川市城南区人民政府 (a district government, a unit of its own), role 副区长. 任志刚's opening 情况介绍 is a
statement, not a turn. The second question is answered by 柯雯 then 莫海川. Lines are broken at the column width.

    /work/main/.venv/bin/python tests/fixture_builders/weichuan_urban_management_press.py

reportlab is no project dependency (see pdf_parts). The bytes are reproducible (reportlab's invariant mode).
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
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph

from pdf_parts import PageCountCanvas  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts11" / "weichuan-urban-management-press.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

TITLE = "苇川市政府新闻办“城市更新与精细化管理”新闻发布会"
HEAD_LINES = [
    "时间：2024年6月18日 15:00　　地点：苇川市新闻发布中心",
    "发布人：苇川市城市管理局党组书记、局长 任志刚",
    "　　　　苇川市城市管理局副局长 柯雯",
    "　　　　苇川市城南区人民政府副区长 莫海川",
    "主持人：苇川市政府新闻办副主任 乔冉",
    "（本文为虚构示例，人物、机构、数据和电话均为虚构，仅供软件测试使用。）",
]

# (label, text): one speaker's paragraph
BODY: list[tuple[str, str]] = [
    ("主持人 乔冉", "女士们、先生们，下午好！欢迎参加今天的新闻发布会。首先请市城市管理局局长任志刚介绍有关情况。"),
    ("市城市管理局局长 任志刚", "各位记者朋友，下午好！今年以来，市城市管理局围绕城市更新和精细化管理，重点推进背街小巷"
                         "整治、垃圾分类和市容秩序提升三项工作。1至5月，全市共整治背街小巷126条，新增停车泊位"
                         "8400个。下面，我们愿意回答大家的提问。"),
    ("主持人 乔冉", "下面进入提问环节。"),
    ("苇川晚报记者", "今年背街小巷整治的计划是什么？整治的标准有哪些？"),
    ("市城市管理局局长 任志刚", "今年全市计划整治背街小巷300条，总投资4.2亿元，年底前全部完工。整治按照“六无六有”标准"
                         "实施：无乱搭乱建、无乱堆乱放、无乱贴乱画、无违规停车、无污水横流、无架空线乱拉，有路灯、"
                         "有绿化、有公厕、有停车位、有便民设施、有长效管理。每条巷子整治前都会征求沿街居民意见，"
                         "公示期不少于7天。"),
    ("苇川电视台记者", "垃圾分类推进中，一些老旧小区没有物业，分类设施怎么保障？"),
    ("市城市管理局副局长 柯雯", "对无物业的老旧小区，我们采取“街道兜底、社区组织、专业公司收运”的办法。今年市级财政安排"
                         "专项资金2800万元，为全市412个无物业小区配置分类投放点1236个，每个投放点配备督导员，"
                         "早晚各定时投放2小时。目前全市生活垃圾回收利用率达到38.6%。"),
    ("苇川市城南区人民政府副区长 莫海川", "我补充一下城南区的情况。城南区无物业小区最多，有97个。我们在每个社区组建了由"
                                  "党员、楼栋长组成的志愿督导队，共1100多人，区里对每个投放点每年给予1.2万元运维"
                                  "补助，居民有问题可拨打城南区城管热线0797-8615 2319。"),
    ("苇川新闻网记者", "很多市民反映停车难，新增停车泊位主要在哪些区域？"),
    ("市城市管理局副局长 柯雯", "今年全市计划新增公共停车泊位2万个，重点布局在老城区、医院和学校周边。我们利用边角地、"
                         "闲置地建设临时停车场36处，推动机关企事业单位内部停车场在夜间和节假日向社会开放，目前"
                         "已开放128家、泊位9600个。市民可以通过“苇川停车”小程序查询空余泊位并导航，城区路内"
                         "停车首30分钟免费。"),
    ("主持人 乔冉", "今天的发布会到此结束，谢谢各位发布人，谢谢各位记者朋友！"),
]


class NumberedCanvas(PageCountCanvas):
    """Draws the running header and the footer "第 N 页 共 M 页" on every page."""

    def decorate(self, total: int) -> None:
        w, h = A4
        self.saveState()
        self.setFont(FONT, 9)
        self.setFillColor(HexColor("#555555"))
        self.drawString(18 * mm, h - 12 * mm, "苇川市人民政府新闻办公室")
        self.drawRightString(w - 18 * mm, h - 12 * mm, "新闻发布会实录")
        self.line(18 * mm, h - 13.5 * mm, w - 18 * mm, h - 13.5 * mm)
        self.drawCentredString(w / 2, 10 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
        self.restoreState()


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    title = ParagraphStyle("title", fontName=FONT, fontSize=17, leading=26, alignment=1, wordWrap="CJK")
    head = ParagraphStyle("head", fontName=FONT, fontSize=10, leading=16, wordWrap="CJK")
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=21, wordWrap="CJK", firstLineIndent=0,
                          spaceAfter=5)

    w, h = A4
    margin, gap = 18 * mm, 10 * mm
    col_w = (w - 2 * margin - gap) / 2
    top, bottom = h - 20 * mm, 18 * mm
    head_h = 62 * mm
    first = [Frame(margin, top - head_h, w - 2 * margin, head_h, id="head"),
             Frame(margin, bottom, col_w, top - head_h - bottom, id="c1"),
             Frame(margin + col_w + gap, bottom, col_w, top - head_h - bottom, id="c2")]
    later = [Frame(margin, bottom, col_w, top - bottom, id="l1"),
             Frame(margin + col_w + gap, bottom, col_w, top - bottom, id="l2")]

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, title=TITLE, author="苇川市人民政府新闻办公室", creator="", invariant=1)
    doc.addPageTemplates([PageTemplate(id="first", frames=first), PageTemplate(id="later", frames=later)])
    story = [NextPageTemplate("later"), Paragraph(TITLE, title)]
    story += [Paragraph(line, head) for line in HEAD_LINES]
    story.append(FrameBreak())
    for label, text in BODY:
        story.append(Paragraph(f"<b>{label}：</b>{text}", body))
    story.append(Paragraph("（根据发布会现场录音整理）", head))
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
