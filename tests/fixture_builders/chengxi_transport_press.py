"""Builds tests/fixtures/layouts8/chengxi-transport-press.pdf: a FICTIONAL 新闻发布会 transcript of 澄溪市交通运输局.

Layout: A4, one column, as a city government's press office posts a transcript. Running header on every page:
"澄溪市人民政府新闻办公室" (left) and "新闻发布会实录" (right); footer page numbers "- N -". The 发布人 are named ONLY
in the header list and in the host's opening ("出席今天发布会的有：……"); afterwards each speaks under a label with
unit and title but no name ("市交通运输局局长：", "市交通运输局副局长：", and the abbreviated "市公安局交警支队副支队长："
for 市公安局交通警察支队副支队长). Reporters are labelled "（记者）澄溪日报：" or "问：（澄溪广播电视台）". The first
answer is long and continues across a page break (the running header and footer sit inside it). The opening
情况介绍 after the host's request is a statement, not a turn; the last question is answered by two units in turn.

    /work/main/.venv/bin/python tests/fixture_builders/chengxi_transport_press.py

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

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts8" / "chengxi-transport-press.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

HEADER_LEFT = "澄溪市人民政府新闻办公室"
HEADER_RIGHT = "新闻发布会实录"

TITLE = "澄溪市人民政府新闻办公室“加快建设交通强市”新闻发布会"
INFO_LINES = [
    "时间：2024年4月25日上午10:00",
    "地点：澄溪市政府新闻发布厅",
    "发布人：",
    "澄溪市交通运输局党组书记、局长　方卫国",
    "澄溪市交通运输局副局长　梁晓燕",
    "澄溪市公安局交通警察支队副支队长　钟海涛",
    "主持人：澄溪市人民政府新闻办公室副主任　邱敏",
    "（本文为虚构示例，人物、机构和数据均为虚构，仅供软件测试使用。）",
]

# (label or "", text); a label is drawn bold at the start of its paragraph
BODY: list[tuple[str, str]] = [
    ("主持人：", "各位记者朋友，大家上午好！欢迎出席市政府新闻办新闻发布会。出席今天发布会的有：市交通运输局党组书记、局长"
              "方卫国先生，市交通运输局副局长梁晓燕女士，市公安局交通警察支队副支队长钟海涛先生。首先请方卫国先生介绍"
              "我市加快建设交通强市的有关情况。"),
    ("市交通运输局局长：", "各位记者朋友，大家上午好！近年来，我市交通运输事业保持快速发展。2023年全市完成交通固定资产投资"
                     "186.7亿元，高速公路通车里程达到412公里，实现县县通高速；农村公路总里程达到8960公里，具备条件的"
                     "建制村全部通硬化路、通客车。今年，我们将围绕“内畅外联、城乡一体”的目标，重点抓好路网建设、公交"
                     "优化、物流降本和行业治理四方面工作。下面，我和我的同事愿意回答大家的提问。"),
    ("主持人：", "谢谢方局长的介绍。下面请记者朋友提问，提问前请通报所在新闻机构。"),
    ("（记者）澄溪日报：", "今年全市交通基础设施投资规模有多大？重点项目进展如何？"),
    ("市交通运输局局长：", "感谢您的提问。今年全市计划完成交通固定资产投资200亿元以上，实施重点项目47个。其中，澄溪至"
                     "清港高速公路全长68公里，总投资98亿元，目前路基工程已完成75%，计划2025年底建成通车，建成后两地"
                     "车程将由现在的1个半小时缩短到40分钟。澄溪港三期工程新建5万吨级泊位4个，今年6月将完成码头主体"
                     "结构。国道G327澄溪过境段改线工程将于今年9月开工，总投资21.3亿元。"),
    ("", "在农村公路方面，今年我们将新改建农村公路520公里、改造危旧桥梁36座，实施“四好农村路”提质工程，打造10条"
         "乡村旅游公路，总长约260公里。为保证工程质量，我们对所有在建项目实行“红黄绿”三色动态管理，每月通报一次，"
         "对进度滞后、质量问题突出的施工单位依法依规处理，并纳入信用评价。项目建设中涉及征地拆迁的问题，群众可以"
         "拨打交通建设监督电话0775-2214 5678反映，我们承诺5个工作日内答复。"),
    ("问：（澄溪广播电视台）", "城乡公交一体化推进到哪一步了？偏远村的群众坐车还方便吗？"),
    ("市交通运输局副局长：", "谢谢记者的关注。目前全市已开通城乡公交线路186条，1032个建制村全部通公交，城乡公交一体化发展"
                      "水平达到5A级。针对偏远山区客流少的问题，我们在11个乡镇推行“预约响应式”公交，群众提前一天通过"
                      "“澄溪出行”小程序或者拨打0775-2290 0088预约，车辆按需发车，票价统一2元。今年还将新增更换新能源"
                      "公交车320辆，60周岁以上老年人乘坐城乡公交全部免费。"),
    ("（记者）澄溪晚报：", "早晚高峰主城区拥堵问题比较突出，交警部门有什么治理措施？"),
    ("市公安局交警支队副支队长：", "主城区拥堵治理，我们今年重点做三件事。一是优化信号配时，对主城区286个路口的信号灯实施"
                           "智能联网控制，高峰时段通行效率预计提高15%；二是治理停车乱象，新增路内限时停车泊位1800个，"
                           "对学校、医院周边严重违停行为加大查处力度；三是打通微循环，年内完成12条断头路和单行道优化。"
                           "1至3月，主城区高峰平均车速已由每小时21公里提高到24公里。"),
    ("主持人：", "时间关系，最后一个问题。"),
    ("问：（新华网）", "网约车和出租车的监管有哪些新举措？乘客遇到拒载、绕路怎么投诉？"),
    ("市交通运输局副局长：", "今年我们将出租车和网约车纳入统一监管平台，全市1.2万辆营运车辆实现车载终端全覆盖，对绕路、"
                      "拒载等行为实时预警。乘客可以拨打12328交通运输服务监督电话投诉，我们承诺投诉24小时内响应、"
                      "7个工作日内办结。去年全市受理出租车、网约车投诉2876件，办结率100%。"),
    ("市公安局交警支队副支队长：", "我补充一点。对于非法营运“黑车”，交警部门将会同交通运输部门开展联合执法，在火车站、"
                           "高铁站等重点区域常态化设卡检查，今年已查处非法营运车辆143辆，也欢迎市民通过110举报。"),
    ("主持人：", "谢谢各位发布人，谢谢各位记者朋友。今天的发布会到此结束。"),
]

CLOSING = ["（根据现场录音整理）", "澄溪市人民政府新闻办公室　2024年4月25日印发"]


class NumberedCanvas(PageCountCanvas):
    """Draws the running header and the footer "- N -" on every page."""

    def decorate(self, total: int) -> None:
        running_header(self, FONT, HEADER_LEFT, HEADER_RIGHT, f"- {self._pageNumber} -",
                       margin_mm=22, rule="#b01c1c", footer_size=11)


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    title = ParagraphStyle("title", fontName=FONT, fontSize=17, leading=26, alignment=1, wordWrap="CJK",
                           spaceAfter=8)
    info = ParagraphStyle("info", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK", leftIndent=24)
    body = ParagraphStyle("body", fontName=FONT, fontSize=13, leading=24, wordWrap="CJK", firstLineIndent=26,
                          spaceAfter=6)
    small = ParagraphStyle("small", fontName=FONT, fontSize=10.5, leading=18, wordWrap="CJK", alignment=2)

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=TITLE, author="澄溪市人民政府新闻办公室", creator="",
                            invariant=1)
    story = [Paragraph(TITLE, title)] + [Paragraph(line, info) for line in INFO_LINES]
    story.append(Spacer(1, 10))
    for label, text in BODY:
        markup = f"<b>{label}</b>{text}" if label else text
        story.append(Paragraph(markup, body))
    story.append(Spacer(1, 12))
    story += [Paragraph(line, small) for line in CLOSING]
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
