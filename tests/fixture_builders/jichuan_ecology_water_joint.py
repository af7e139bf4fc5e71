"""Builds tests/fixtures/layouts9/jichuan-ecology-water-joint.pdf: a FICTIONAL 联合政策解读 by 霁川市生态环境局 and
霁川市水利局.

Layout: A4, one column, a 政策解读 issued jointly by two bureaus (解读单位 lists both, 霁川市生态环境局 first). Running
header on every page: "霁川市生态环境局　霁川市水利局" (left) and "政策解读" (right); footer "第 N 页 共 M 页".
Questions are headings "一、……？" with no 问/答 label; the answers are unlabelled paragraphs in which the bureaus
speak as themselves. One answer opens with "（本问题由市水利局解答）": that answer is the 水利局's; every other answer
is the file's bureau's (the first issuer, 霁川市生态环境局). A closing 附 line and the 解读单位 signature are not turns.

    /work/main/.venv/bin/python tests/fixture_builders/jichuan_ecology_water_joint.py

The bytes are reproducible (reportlab's invariant mode: fixed dates and document id).
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from pdf_parts import PageCountCanvas, running_header  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts9" / "jichuan-ecology-water-joint.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

HEADER_LEFT = "霁川市生态环境局　霁川市水利局"
HEADER_RIGHT = "政策解读"

TITLE = "《霁川市河湖生态保护补偿办法》政策解读"
INFO_LINES = [
    "解读单位：霁川市生态环境局　霁川市水利局",
    "发布日期：2024年8月6日",
    "（本文为虚构示例，人物、机构和数据均为虚构，仅供软件测试使用。）",
]
INTRO = ("近日，经市政府同意，霁川市生态环境局、霁川市水利局联合印发了《霁川市河湖生态保护补偿办法》（以下简称"
         "《办法》），自2024年9月1日起施行。现就《办法》的主要内容解读如下。")

# ("H", heading) a question heading; ("P", text) an answer paragraph
BODY: list[tuple[str, str]] = [
    ("H", "一、为什么要出台《办法》？"),
    ("P", "我市境内有流域面积50平方公里以上的河流63条、水库112座，上下游之间“上游保护、下游受益”的矛盾比较突出。"
          "2021年起，我市在霁水河流域开展了横向生态补偿试点，试点三年间，霁水河出境断面水质由Ⅲ类稳定提升到Ⅱ类，"
          "累计兑现补偿资金1.86亿元。为了把试点经验制度化、在全市推开，我们起草了《办法》，共六章三十二条。"),
    ("H", "二、补偿资金怎么算、从哪里来？"),
    ("P", "《办法》第九条规定，补偿资金由市级财政统筹资金和上下游县（区）横向补偿资金两部分组成。市级财政每年安排"
          "不少于8000万元。横向补偿以跨县（区）交界断面水质为依据：断面水质达到年度目标的，下游向上游支付补偿资金"
          "每年1000万元；水质每提升一个类别，再增加500万元；未达到目标的，由上游向下游支付同等金额。断面水质数据由"
          "市生态环境监测中心每月发布。"),
    ("H", "三、河湖长制考核结果如何与补偿挂钩？"),
    ("P", "（本问题由市水利局解答）《办法》第十五条明确，河湖长制年度考核结果作为补偿资金分配的重要依据，权重占30%。"
          "考核为优秀的县（区），补偿资金上浮10%；考核不合格的，扣减20%，并由市级总河长约谈县（区）级总河长。今年，"
          "我市将在全市建成智慧河湖监管平台，接入视频监控点位1460个，河湖“四乱”问题发现后48小时内交办。群众发现河湖"
          "乱占、乱采、乱堆、乱建问题，可以拨打河湖监督举报电话0719-6650 1212。"),
    ("H", "四、补偿资金能用在哪些地方？如何防止挪用？"),
    ("P", "《办法》第二十一条规定，补偿资金专项用于流域水污染治理、水生态修复、水源涵养和生态保护能力建设，不得用于"
          "平衡一般预算、偿还债务和“三公”经费支出。获得补偿资金的县（区）须在每年3月31日前报送上一年度资金使用绩效"
          "报告，市生态环境局会同市财政局每年开展一次绩效评价，评价结果与下一年度资金分配挂钩。对截留、挪用补偿资金的，"
          "依法依规追究有关单位和人员的责任，并收回已拨付资金。"),
    ("H", "五、《办法》施行后，试点期间签订的补偿协议怎么办？"),
    ("P", "试点期间签订、尚在有效期内的流域横向补偿协议继续有效，协议到期后按照《办法》重新签订。协议中补偿标准低于"
          "《办法》规定的，自2024年9月1日起按《办法》执行。目前，全市共有在执行的补偿协议9份，涉及11个县（区），"
          "我们将在今年12月底前指导相关县（区）完成协议的衔接工作。"),
]
CLOSING = ["附：《霁川市河湖生态保护补偿办法》全文（见附件1）",
           "霁川市生态环境局　霁川市水利局", "2024年8月6日"]


class NumberedCanvas(PageCountCanvas):
    """Draws the running header and the footer "第 N 页 共 M 页" on every page."""

    def decorate(self, total: int) -> None:
        running_header(self, FONT, HEADER_LEFT, HEADER_RIGHT, f"第 {self._pageNumber} 页 共 {total} 页",
                       margin_mm=22, rule="#1c5fb0", fill="#555555", footer_size=10)


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    title = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=28, alignment=1, wordWrap="CJK",
                           spaceAfter=8)
    info = ParagraphStyle("info", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK", alignment=1)
    heading = ParagraphStyle("heading", fontName=FONT, fontSize=14, leading=24, wordWrap="CJK", spaceBefore=8,
                             spaceAfter=4)
    body = ParagraphStyle("body", fontName=FONT, fontSize=13.5, leading=26, wordWrap="CJK", firstLineIndent=27,
                          spaceAfter=6)
    small = ParagraphStyle("small", fontName=FONT, fontSize=11, leading=20, wordWrap="CJK", alignment=2)

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=TITLE, author="霁川市生态环境局", creator="",
                            invariant=1)
    story = [Paragraph(TITLE, title)] + [Paragraph(line, info) for line in INFO_LINES]
    story.append(Spacer(1, 10))
    story.append(Paragraph(INTRO, body))
    for kind, text in BODY:
        story.append(Paragraph(f"<b>{text}</b>", heading) if kind == "H" else Paragraph(text, body))
    story.append(Spacer(1, 12))
    story.append(Paragraph(CLOSING[0], body))
    story += [Paragraph(line, small) for line in CLOSING[1:]]
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
