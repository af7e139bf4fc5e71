"""Builds tests/fixtures/layouts2/qingyu-health-online.pdf: a FICTIONAL online interview of 青峪市卫生健康委员会
as a site would export it to PDF.

Layout: A4, a full-width title block on page 1, then TWO COLUMNS per page; a running header with the site name
and a footer "第 N 页 共 M 页" on every page; lines broken at the column width. Labels "主持人：", "嘉宾 某某："
and "网友：".

reportlab is not a project dependency. Install it into a scratch dir and put that on the path:
    pip install --target /tmp/pdfgen2 reportlab
    PYTHONPATH=/tmp/pdfgen2 .venv/bin/python tests/fixture_builders/qingyu_health_online.py
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
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph, Spacer

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts2" / "qingyu-health-online.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

SITE = "青峪市卫生健康委员会门户网站 · 在线访谈"

TITLE = "守护全生命周期健康——青峪市卫生健康委员会在线访谈"
HEADER_LINES = [
    "访谈时间：2024年7月10日 15:00",
    "访谈嘉宾：青峪市卫生健康委员会党组书记、主任 闵泽华；青峪市卫生健康委员会副主任 谭若冰",
    "主持人：青峪市卫生健康委员会门户网站 程悦",
]

TRANSCRIPT = [
    ("主持人：", "各位网友大家好，欢迎收看本期在线访谈。今天我们邀请到市卫生健康委员会党组书记、主任闵泽华，"
              "副主任谭若冰，围绕群众看病就医和健康服务的热点问题与大家在线交流。欢迎两位嘉宾！"),
    ("嘉宾 闵泽华：", "主持人好，各位网友大家好！"),
    ("主持人：", "闵主任，请您先介绍一下今年全市卫生健康工作的主要目标。"),
    ("嘉宾 闵泽华：", "今年我们围绕“大病不出市、常见病不出县、小病在基层”的目标，重点推进三件事。一是优质医疗资源扩容，"
                 "市第一人民医院新院区将于10月开诊，新增床位1200张；二是推进紧密型医共体建设，全市已组建医共体9个，"
                 "基层就诊率提高到62%；三是补齐儿科、精神卫生和托育服务短板。全年卫生健康领域财政投入预计达到31.5亿元。"),
    ("网友：", "每次去大医院挂专家号都挂不上，一大早去排队也没号，能不能想想办法？"),
    ("嘉宾 谭若冰：", "这位网友反映的问题很有代表性。目前全市二级以上公立医院已经全面实行分时段预约诊疗，预约时段精确到30分钟，"
                 "群众可以通过“健康青峪”App、微信公众号和12320热线预约，不用一大早去医院排队。同时，各医院专家号源的50%"
                 "优先向基层医疗机构转诊的患者开放，通过社区医院转诊上来的病人，可以优先挂到专家号。"),
    ("网友：", "家庭医生签约到底有什么用？签了要不要交钱？"),
    ("嘉宾 谭若冰：", "家庭医生签约分为基础包和个性化服务包。基础包是免费的，包括健康咨询、慢病随访、预约转诊等服务；"
                 "个性化服务包按照服务内容收费，群众自愿选择。65岁以上老年人签约后，每年可以享受一次免费健康体检。"
                 "目前全市重点人群家庭医生签约率已经达到78%，签约居民在社区开药，高血压、糖尿病等慢病用药一次最长可以开12周的量。"),
    ("网友：", "我在市一院做的CT，转到市中医院看病又让重新做一遍，既花钱又受罪，这个问题能解决吗？"),
    ("嘉宾 谭若冰：", "从今年3月起，全市37家二级以上医疗机构已经实现146项检查检验结果互认，其中包括CT、磁共振等大型检查。"
                 "在有效期内，医生原则上不得要求患者重复检查，确需重复检查的，要向患者说明理由。据测算，"
                 "仅上半年就为群众节省医疗费用约2300万元。"),
    ("主持人：", "现在很多年轻家庭反映“不敢生、没人带”，在托育服务方面有什么措施？"),
    ("嘉宾 闵泽华：", "托育确实是年轻父母的急难愁盼。今年我们计划新增普惠性托位3000个，到年底全市每千人口拥有3岁以下婴幼儿"
                 "托位数达到4.5个。普惠托育机构全日托收费每月不超过2000元，对送托的二孩、三孩家庭，由财政按每孩每月"
                 "300元给予托育补贴。我们还鼓励有条件的用人单位为职工提供福利性托育服务。"
                 "家长可以在“健康青峪”App的“托育地图”中查询全市已备案托育机构的位置、收费和空余托位，"
                 "所有备案机构都要安装视频监控并向家长开放实时查看。"),
    ("网友：", "孩子晚上发烧，医院儿科急诊排队要三四个小时，有没有办法缓解？"),
    ("嘉宾 闵泽华：", "今年我们在全市12家医院开设了儿科夜间门诊，开诊时间延长到晚上10点，分流急诊压力。"
                 "市儿童医院还开通了儿科互联网医院，复诊患儿可以在线问诊、在线开方，药品配送到家。下一步，"
                 "我们将新增儿科医师80名，确保每个区至少有一家医院提供24小时儿科急诊服务。"
                 "孩子如果只是普通发热、精神状态良好，也可以先到社区卫生服务中心就诊，避免在大医院长时间排队。"),
    ("网友：", "我家孩子上初二，最近总说睡不着、不想上学，我们不知道该去哪里看，医院有专门的门诊吗？"),
    ("嘉宾 谭若冰：", "孩子出现这种情况，家长要重视，但也不必过度焦虑。目前市第三人民医院、市儿童医院都开设了"
                 "儿童青少年心理门诊，每周一至周六开诊，可以通过“健康青峪”App预约。今年我们还在全市13家综合医院"
                 "设立了精神心理科，并开通了24小时心理援助热线，号码是12356。各区还组织精神科医生和心理治疗师"
                 "进校园开展心理健康讲座，今年计划覆盖全市所有初中和高中。对需要长期治疗的孩子，我们将严重精神障碍门诊"
                 "用药纳入了医保门诊慢特病保障范围，报销比例达到70%。"),
    ("主持人：", "感谢两位嘉宾的解答。本期在线访谈到此结束，谢谢各位网友的关注！"),
]

NOTE = "注：本文为虚构示例，人物、机构和数据均为虚构，仅供测试。"

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
GAP = 8 * mm
COL_W = (PAGE_W - 2 * MARGIN - GAP) / 2
TITLE_BLOCK_H = 44 * mm


class NumberedCanvas(PageCountCanvas):
    """Draws the running header and "第 N 页 共 M 页" once the page count is known."""

    def decorate(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 8.5)
        self.setFillColor(HexColor("#666666"))
        self.drawString(MARGIN, PAGE_H - 12 * mm, SITE)
        self.drawRightString(PAGE_W - MARGIN, PAGE_H - 12 * mm, "www.qyhealth.example.cn")
        self.setStrokeColor(HexColor("#999999"))
        self.line(MARGIN, PAGE_H - 13.5 * mm, PAGE_W - MARGIN, PAGE_H - 13.5 * mm)
        self.drawCentredString(PAGE_W / 2, 10 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
        self.restoreState()


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=19, wordWrap="CJK", spaceAfter=6)
    title = ParagraphStyle("title", fontName=FONT, fontSize=15, leading=22, alignment=1, wordWrap="CJK", spaceAfter=8)
    info = ParagraphStyle("info", fontName=FONT, fontSize=9.5, leading=14, wordWrap="CJK")
    note = ParagraphStyle("note", parent=body, fontSize=8.5, textColor=HexColor("#888888"))

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=18 * mm,
                          bottomMargin=18 * mm, title=TITLE, author="青峪市卫生健康委员会门户网站")
    top = PAGE_H - 18 * mm
    body_h = top - 18 * mm
    first = [
        Frame(MARGIN, top - TITLE_BLOCK_H, PAGE_W - 2 * MARGIN, TITLE_BLOCK_H, id="head", showBoundary=0),
        Frame(MARGIN, 18 * mm, COL_W, body_h - TITLE_BLOCK_H, id="l1"),
        Frame(MARGIN + COL_W + GAP, 18 * mm, COL_W, body_h - TITLE_BLOCK_H, id="r1"),
    ]
    later = [
        Frame(MARGIN, 18 * mm, COL_W, body_h, id="l"),
        Frame(MARGIN + COL_W + GAP, 18 * mm, COL_W, body_h, id="r"),
    ]
    doc.addPageTemplates([PageTemplate(id="first", frames=first), PageTemplate(id="later", frames=later)])

    story = [NextPageTemplate("later"), Paragraph(TITLE, title)]
    story += [Paragraph(line, info) for line in HEADER_LINES]
    story.append(FrameBreak())
    story.append(Paragraph("文字实录", ParagraphStyle("h", parent=body, fontSize=12, leading=18)))
    for label, text in TRANSCRIPT:
        story.append(Paragraph(f"<font color='#1f4e8c'>{label}</font>{text}", body))
    story.append(Spacer(1, 6))
    story.append(Paragraph(NOTE, note))
    doc.build(story, canvasmaker=NumberedCanvas)
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
