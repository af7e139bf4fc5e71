"""Builds tests/fixtures/layouts4/lanxi-water-press.pdf: a FICTIONAL 新闻发布会 transcript of 岚溪市水务局 (with
岚溪市气象局) as a city government site exports it to PDF.

Layout: A4, one column; a running header "岚溪市人民政府网" (and the site address) and a footer "第 N 页 共 M 页" on
every page; a title, 时间/地点 lines and a 发布人 block (one line per person: city, unit, title, name); then the
transcript, where every speaker line is a TIME and a name on a line of its own ("09:31:06 主持人",
"09:31:40 宋雨桐", "09:31:06 岚溪日报记者") and the words follow on the next line(s). Lines are broken at the page
width and answers run across page breaks. One question is answered by two speakers of two units in turn.

reportlab is not a project dependency. Install it into a scratch dir and put that on the path:
    pip install --target /tmp/pdfgen4 reportlab
    PYTHONPATH=/tmp/pdfgen4 .venv/bin/python tests/fixture_builders/lanxi_water_press.py

The bytes are reproducible (reportlab's invariant mode: fixed dates and document id).
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
from pdf_parts import PageCountCanvas  # noqa: E402  (run as a script)
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts4" / "lanxi-water-press.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

SITE = "岚溪市人民政府网"
SITE_URL = "www.lanxi.gov.example.cn"

TITLE = "岚溪市政府新闻办“守护城市水安全”新闻发布会文字实录"
HEADER_LINES = [
    "时间：2024年6月18日上午9:30",
    "地点：岚溪市人民政府新闻发布厅",
    "发布人：",
    "岚溪市水务局党组书记、局长 韩立诚",
    "岚溪市气象局副局长 宋雨桐",
    "（本文为虚构示例，人物、机构和数据均为虚构）",
]

# (speaker line with its time, [paragraphs of what was said])
TRANSCRIPT: list[tuple[str, list[str]]] = [
    ("09:30:12 主持人", [
        "各位记者朋友，上午好！欢迎出席岚溪市政府新闻办新闻发布会。我市即将进入主汛期，今天我们邀请到市水务局"
        "局长韩立诚先生、市气象局副局长宋雨桐女士，介绍我市防汛准备和城市供水保障的有关情况，并回答大家的提问。"
        "下面请记者朋友提问。",
    ]),
    ("09:31:06 岚溪日报记者", [
        "今年汛期我市的天气形势怎么样？雨水会不会比往年更多？",
    ]),
    ("09:31:40 宋雨桐", [
        "谢谢你的提问。根据最新预测，今年主汛期（6月至8月）我市降水量预计为620至680毫米，较常年同期偏多一到二成，"
        "出现区域性暴雨的可能性较大，其中7月中下旬是强降雨集中时段。今年入汛以来，全市平均降水量已达186毫米，"
        "比常年同期偏多12%。",
        "为做好监测预警，我们今年在全市加密布设自动气象站46个，站点总数达到328个。暴雨预警信息发布后10分钟内，"
        "就可以通过手机短信覆盖全市用户。",
    ]),
    ("09:33:15 岚溪电视台记者", [
        "去年汛期城区有几处路段积水比较严重，今年采取了哪些整改措施？",
    ]),
    ("09:33:52 韩立诚", [
        "感谢记者朋友的关注。去年汛后，我们对城区排查出的37处易涝积水点逐一制定了整改方案，目前已完成整改29处，"
        "剩余8处将在6月底前完工。今年全市新建和改造雨水管网86公里，新建解放路、滨江路两座排涝泵站，城区排涝能力"
        "提高到每秒165立方米。",
        "我们还在每个积水点配备了移动泵车和值守人员，实行“一点一预案、一点一责任人”，确保强降雨时人员、设备"
        "第一时间到位。汛前，我们还组织开展了4次防汛应急演练，储备编织袋12万条、"
        "抢险砂石料3800立方米。",
    ]),
    ("09:36:20 中国水利报记者", [
        "遇到极端强降雨，气象部门和水务部门如何联动？",
    ]),
    ("09:36:48 宋雨桐", [
        "我们和水务部门建立了“直通式”会商机制。汛期每天上午9点开展联合会商，遇有暴雨预警时每3小时滚动会商一次。"
        "气象部门发布暴雨橙色及以上预警后，水务部门在30分钟内启动相应级别的应急响应。",
    ]),
    ("09:38:05 韩立诚", [
        "我补充一点。今年我们建成了城市内涝智慧监测平台，在城区下穿通道、低洼路段布设了152个水位监测点。积水深度"
        "超过15厘米时，系统会自动报警，并把信息推送给公安交管和城管部门，由公安交管部门及时实施交通管制。",
    ]),
    ("09:40:30 岚溪新闻网记者", [
        "夏季是用水高峰，一些高层住户反映水压不足，今年在供水保障方面有什么措施？",
    ]),
    ("09:41:02 韩立诚", [
        "谢谢。目前全市日供水能力达到85万立方米，去年夏季最高日供水量为71.3万立方米，总体能够满足需求。针对高层"
        "住户水压不足的问题，今年我们计划改造老旧小区二次供水设施120座，惠及居民3.6万户，改造完成后由供水企业"
        "统一管理、统一维护。",
        "市民遇到停水或者水压不足，可以拨打供水服务热线96116，维修人员接到报修后，城区1小时内到达现场。",
    ]),
    ("09:43:40 岚溪日报记者", [
        "农村群众的饮水安全怎么保障？",
    ]),
    ("09:44:05 韩立诚", [
        "今年我们继续实施农村供水保障工程，计划投资4.3亿元，新建和改造农村水厂11座、供水管网560公里，到年底农村"
        "自来水普及率达到98.5%，规模化供水工程覆盖农村人口的比例达到90%。",
        "同时，我们建立了农村供水水质定期检测制度，县级水质检测中心每季度对所有农村水厂的出厂水和末梢水进行"
        "检测，检测结果向社会公开。",
    ]),
    ("09:46:20 岚溪电视台记者", [
        "普通市民在暴雨天气里应该注意哪些安全事项？",
    ]),
    ("09:46:50 宋雨桐", [
        "暴雨天气，市民要尽量减少外出，不要在地下通道、涵洞等低洼地带停留，不要靠近电线杆、变压器和广告牌。驾车"
        "遇到积水路段，水深不明时不要强行通过。大家可以关注“岚溪气象”微信公众号，及时获取最新的预警信息。",
    ]),
    ("09:48:30 主持人", [
        "今天的发布会到此结束，谢谢各位！",
    ]),
]

PAGE_W, PAGE_H = A4
MARGIN = 22 * mm


class NumberedCanvas(PageCountCanvas):
    """Draws the running header and the footer "第 N 页 共 M 页" once the page count is known."""

    def decorate(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 9)
        self.setFillColor(HexColor("#555555"))
        self.drawString(MARGIN, PAGE_H - 13 * mm, SITE)
        self.drawRightString(PAGE_W - MARGIN, PAGE_H - 13 * mm, SITE_URL)
        self.setStrokeColor(HexColor("#aa0000"))
        self.line(MARGIN, PAGE_H - 14.5 * mm, PAGE_W - MARGIN, PAGE_H - 14.5 * mm)
        self.drawCentredString(PAGE_W / 2, 11 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
        self.restoreState()


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    body = ParagraphStyle("body", fontName=FONT, fontSize=13, leading=22, wordWrap="CJK", firstLineIndent=26,
                          spaceAfter=4)
    speaker = ParagraphStyle("speaker", fontName=FONT, fontSize=13, leading=22, textColor=HexColor("#1f4e8c"),
                             spaceBefore=6)
    title = ParagraphStyle("title", fontName=FONT, fontSize=17, leading=26, alignment=1, wordWrap="CJK",
                           spaceAfter=10)
    info = ParagraphStyle("info", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=TITLE, author="岚溪市人民政府新闻办公室", creator="",
                            invariant=1)
    story = [Paragraph(TITLE, title)]
    story += [Paragraph(line, info) for line in HEADER_LINES]
    story.append(Spacer(1, 10))
    for who, paragraphs in TRANSCRIPT:
        story.append(Paragraph(who, speaker))
        story += [Paragraph(text, body) for text in paragraphs]
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
