"""Builds tests/fixtures/layouts15/lingchuan-renda-housing.pdf: a FICTIONAL 代表问政 page of 苓川人大网, printed to PDF.

Layout exercised: an interview published on the site of a 人大常委会, not of the bureau. 苓川市人大代表 钟秀梅 and 韩进
put questions to 苓川市住房和城乡建设局党组书记、局长 谭立群; the 市人大常委会代表工作委员会主任 戴明川 hosts. The
running header on every page names the SITE and its sponsor ("苓川人大网" / "苓川市人民代表大会常务委员会主办"), the
来源 line names 苓川市人大常委会代表工作委员会 and the footer "第 N 页 共 M 页": none of them is the answering bureau.
Labels are bold runs opening the paragraph: "主持人：", "钟秀梅代表：", "钟秀梅代表（追问）：", "韩进代表：", "谭立群：".
The deputies are askers, never speakers; the host's lines are not turns. The breadcrumb line, 浏览次数, the 打印/关闭
line and the site footer are furniture.

    /work/main/.venv/bin/python tests/fixture_builders/lingchuan_renda_housing.py

The bytes are reproducible (reportlab's invariant mode: fixed dates and document id). reportlab is no project
dependency (as for the other PDF builders).
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
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from pdf_parts import PageCountCanvas, running_header  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts15" / "lingchuan-renda-housing.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

HEADER_LEFT = "苓川人大网　苓川市人民代表大会常务委员会主办"
HEADER_RIGHT = "www.lcrd.example"

CRUMB = "当前位置：首页 > 代表工作 > 代表问政"
TITLE = "【代表问政】老旧小区改造，怎样改到居民心坎上？"
INFO = "来源：苓川市人大常委会代表工作委员会　　发布时间：2024-09-12 16:20　　浏览次数：1286"
FICTION = "（本文为虚构示例，城市、人物、机构、数据和电话均为虚构，仅供软件测试使用。）"
INTRO = [
    "为推动代表建议办理落地见效，9月10日，市人大常委会代表工作委员会组织开展“代表问政”活动。市人大代表、鹤鸣区"
    "白沙社区党委书记钟秀梅，市人大代表、苓川恒立建设集团总工程师韩进，围绕老旧小区改造向市住房和城乡建设局党组"
    "书记、局长谭立群现场提问。活动由市人大常委会代表工作委员会主任戴明川主持。现将问答实录整理如下。",
]

HOST = "主持人："
# (bold label, plain text)
BODY: list[tuple[str, str]] = [
    (HOST, "各位代表，谭局长，大家下午好！老旧小区改造是今年市政府十件民生实事之一，也是代表们提出建议最集中的领域"
           "之一。今天我们请谭立群局长到场，直接回答代表的提问。首先请钟秀梅代表提问。"),
    ("钟秀梅代表：", "谭局长，我所在的白沙社区有18个老旧小区，居民最盼的就是加装电梯和解决停车难。今年全市老旧小区"
                   "改造是怎么安排的？加装电梯有没有补贴？"),
    ("谭立群：", "感谢钟代表的关注。今年全市计划改造老旧小区146个，涉及居民2.3万户，总投资9.6亿元，截至8月底已开工"
               "131个，完工58个，年底前全部完工。改造内容分为基础类、完善类、提升类三类，雨污分流、管线改造、屋面防水"
               "这些基础类项目做到应改尽改；停车方面，我们结合拆除违建和边角空地，今年新增停车泊位3400个，鹤鸣区白沙"
               "片区安排了620个。加装电梯方面，市财政对每部电梯补贴20万元，各区再配套不少于5万元，今年已签约加装电梯"
               "215部，其中已投入使用97部。"),
    ("钟秀梅代表（追问）：", "补贴有了，但有的楼栋低层住户不同意，电梯还是装不起来。遇到这种情况，住建部门有没有办法？"),
    ("谭立群：", "这确实是加装电梯最难的一环。我们今年出台了加装电梯协商指引，推行“一楼一策”：由街道和社区牵头组织"
               "协商，请人民调解员、律师和规划设计人员一起参与，把方案、费用分摊和对低层住户的补偿讲清楚。协商不成的，"
               "可以申请街道人民调解委员会调解。今年以来，通过这个机制已经化解分歧楼栋41个。我们还编制了低层住户补偿"
               "参考标准，一楼住户一般可获得1万元到3万元的补偿，供各楼栋协商时参考。"),
    (HOST, "下面请韩进代表提问。"),
    ("韩进代表：", "我是搞建筑的，比较关注改造质量。有的小区刚改完不到一年，外墙就开始脱落，路面又被开挖。住建局怎么把好"
                 "质量关？"),
    ("谭立群：", "韩代表提的问题很尖锐，也是我们工作中必须解决的问题。今年我们对所有改造项目推行工程质量终身责任制，"
               "参建单位的项目负责人信息在小区公示栏上墙公示；委托第三方机构每月开展质量巡查，已巡查项目131个，下发"
               "整改通知书76份。同时，在每个小区聘请居民质量监督员，全市已有612名。针对“马路拉链”，我们要求水电气"
               "讯等管线单位与改造同步设计、同步施工，完工后两年内原则上不再开挖。外墙保温和屋面防水工程的质保期由2年"
               "延长到5年。"),
    ("韩进代表：", "改造完以后没人管，过两年又变回老样子，这个问题怎么破解？"),
    ("谭立群：", "改造和管理必须一起抓。我们推行“先定管理、后搞改造”，改造方案确定前就要明确改造后的管理模式：有条件的"
               "引入专业物业服务，规模小的由街道统筹组建国有物业公司托管，或者由社区组织居民自治管理。目前已完工的58个"
               "小区，物业管理覆盖率达到100%。下一步，我们将把长效管理纳入对各区的年度考核，确保改一个、管好一个。"),
    (HOST, "谢谢谭局长的回答，也谢谢两位代表。代表们今天提出的意见建议，市人大常委会将持续跟踪督办，办理情况将在本网"
           "“代表建议办理”栏目公开。本次代表问政活动到此结束。"),
]
FOOTER_LINES = [
    "【打印本页】　【关闭窗口】",
    "苓川市人民代表大会常务委员会办公室　版权所有　　地址：苓川市鹤鸣区政和路1号　　联系电话：8216 3300",
]


class NumberedCanvas(PageCountCanvas):
    """Draws the site's running header and the footer "第 N 页 共 M 页" on every page."""

    def decorate(self, total: int) -> None:
        running_header(self, FONT, HEADER_LEFT, HEADER_RIGHT, f"第 {self._pageNumber} 页 共 {total} 页",
                       margin_mm=20, rule="#a61b1b")


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    crumb = ParagraphStyle("crumb", fontName=FONT, fontSize=9, leading=14, wordWrap="CJK",
                           textColor=HexColor("#555555"), spaceAfter=8)
    title = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=28, alignment=1, wordWrap="CJK",
                           textColor=HexColor("#a61b1b"), spaceAfter=6)
    info = ParagraphStyle("info", fontName=FONT, fontSize=9.5, leading=15, alignment=1, wordWrap="CJK",
                          textColor=HexColor("#555555"))
    body = ParagraphStyle("body", fontName=FONT, fontSize=11.5, leading=22, wordWrap="CJK", firstLineIndent=23,
                          spaceAfter=6)
    small = ParagraphStyle("small", fontName=FONT, fontSize=9, leading=15, wordWrap="CJK", alignment=1,
                           textColor=HexColor("#555555"))

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=TITLE, author="苓川人大网", creator="", invariant=1)
    story = [Paragraph(CRUMB, crumb), Paragraph(TITLE, title), Paragraph(INFO, info), Paragraph(FICTION, info),
             Spacer(1, 10)]
    story += [Paragraph(text, body) for text in INTRO]
    for label, text in BODY:
        story.append(Paragraph(f"<b>{label}</b>{text}", body))
    story.append(Spacer(1, 16))
    story += [Paragraph(line, small) for line in FOOTER_LINES]
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
