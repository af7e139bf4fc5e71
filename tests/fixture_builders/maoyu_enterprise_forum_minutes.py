"""Builds tests/fixtures/layouts24/maoyu-enterprise-forum-minutes.pdf: a FICTIONAL 会议纪要 of 泖嵛市发展和改革委员会,
"全市优化营商环境政企座谈会纪要", typeset as the official document it is and published on the site as a PDF.

Layout exercised: a red 版头 "泖嵛市发展和改革委员会" over "会议纪要", the 期号 "〔2025〕7号" and a red rule (not a
title, not turns); the title; an opening paragraph (when, where, who chaired, which units came); "一、企业反映的问题及
部门回应", then NUMBERED ITEMS IN REPORTED SPEECH, no labels anywhere: "1．……有限公司总经理韩立群反映，……。市人力
资源和社会保障局党组成员、副局长葛明远表示，……。" Each item is one paragraph (the question reported after "反映，", the
answer after "表示，" or "回应：" in the same paragraph); item 2 is answered by two units, the second in the next
paragraph ("市财政局补充，……"), which crosses the page break from page 1 to page 2; item 3 opens "针对部分企业反映的
……问题，……副局长苏慕白表示，……" (the question is the issue named after 针对); item 6 is referred to units that were not
there (会后转办): no answer. Units answer as themselves ("国家税务总局泖嵛市税务局回应：", "市市场监督管理局回应：") or
through a named official. Then "二、会议要求" (the chair's summary: 林清源指出……, 会议要求……: no turns) and the 出席/
列席/记录 lines. Page numbers "— N —" at the foot of each page (right on odd pages, left on even ones); the 分送 and
印发 lines (版记) sit at the foot of a third page of their own. Document information: Title "纪要〔2025〕7号", Creator
"WPS 文字".

    python tests/fixture_builders/maoyu_enterprise_forum_minutes.py

reportlab is no project dependency (as for the other PDF builders); the font is WenQuanYi Micro Hei. Lines are broken
here (CJK characters one by one, numbers kept whole, no line opening with closing punctuation). The bytes are
reproducible (reportlab's invariant mode).
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

from pdf_parts import PageCountCanvas, kinsoku_lines  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts24" / "maoyu-enterprise-forum-minutes.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"
W, H = A4
RED, BLACK, GREY = HexColor("#D40000"), HexColor("#111111"), HexColor("#555555")

ISSUER = "泖嵛市发展和改革委员会"
KIND = "会议纪要"
NUMBER = "〔2025〕7号"
TITLE = "全市优化营商环境政企座谈会纪要"
FICTION = "（本纪要为虚构示例，城市、机构、企业、人物、数据和电话均为虚构，仅供软件测试使用。）"

# (kind, text): "p" a body paragraph (first line indented two characters), "h" a heading line
BODY: list[tuple[str, str]] = [
    ("p", "2025年6月20日下午，市发展改革委在市民中心三楼第二会议室召开全市优化营商环境政企座谈会，市发展改革委党组成员、"
          "副主任林清源主持会议。市人力资源和社会保障局、国家税务总局泖嵛市税务局、市财政局、市自然资源和规划局、市市场监督"
          "管理局有关负责同志和12家企业代表参加会议。会上，企业代表反映了生产经营中遇到的困难和问题，相关部门逐一作了回应。"
          "现将会议主要内容纪要如下："),
    ("h", "一、企业反映的问题及部门回应"),
    ("p", "1．泖嵛精工机械有限公司总经理韩立群反映，公司今年新招了60多名技术工人，想组织他们参加数控机床操作的技能培训，"
          "企业自己组织的培训有没有补贴，怎么申请。市人力资源和社会保障局党组成员、副局长葛明远表示，企业组织新招用职工参加"
          "岗前培训、取得职业技能等级证书的，按初级工每人1000元、中级工每人1500元、高级工每人2000元给予培训补贴，补贴直接"
          "拨付给企业。企业可在培训开班前10个工作日向区人社部门备案，培训结束后凭证书名单申请，市人社局在20个工作日内审核"
          "拨付。今年全市已为87家企业的3400多名职工发放培训补贴620万元。"),
    ("p", "2．嵛山区惠康食品有限公司负责人反映，企业去年研发投入1800多万元，目前研发费用加计扣除要等到第二年汇算清缴时才能"
          "享受，资金压力较大，希望能提前享受。国家税务总局泖嵛市税务局回应：企业在7月和10月申报第二季度、第三季度的预缴税款"
          "时，可以自主选择就当年前两个季度、前三个季度的研发费用享受加计扣除，不用等到年度汇算清缴；研发费用加计扣除比例为"
          "100%。税务部门将安排专人上门辅导，帮助企业规范设置研发支出辅助账。"),
    ("p", "市财政局补充，对上一年度研发投入超过1000万元、研发投入强度达到3%以上的企业，市财政按新增研发投入的10%给予奖励，"
          "单个企业最高200万元，今年的申报通知将于7月上旬发布。"),
    ("p", "3．针对部分企业反映的新建厂房竣工后办理不动产首次登记时间长、要跑多个部门的问题，市自然资源和规划局副局长苏慕白"
          "表示，今年5月起，全市工业项目全面推行“竣工即交证”，规划核实、土地核验、不动产测绘和首次登记合并为一个环节，企业"
          "只需在泖嵛政务服务网提交一次申请，资料齐全的，5个工作日内即可领取不动产权证书，比原来缩短了20个工作日。目前已有"
          "14个工业项目实现“竣工即交证”。"),
    ("p", "4．泖南区禾丰餐饮管理有限公司负责人反映，公司准备在泖南工业园为入园企业建设一处职工食堂，想了解办理食品经营许可"
          "需要哪些材料、多长时间能拿到证。市市场监督管理局回应：申请人提交食品经营许可申请书、营业执照、与食品经营相适应的"
          "主要设备设施布局和操作流程等文件即可，全程网上办理；对材料齐全、符合法定形式的，实行“告知承诺制”，当场作出许可"
          "决定，发证后30个工作日内组织现场核查。单位食堂还可以申请纳入“明厨亮灶”智慧监管平台，免费安装视频监控设备。"),
    ("p", "5．泖嵛鑫源电子科技有限公司董事长许曼卿反映，企业去年被认定为市级“专精特新”中小企业，按政策可获得一次性奖励，"
          "但奖励资金至今还没有到账，想了解什么时候兑现。市发展改革委党组成员、副主任林清源表示，市级“专精特新”中小企业一次性"
          "奖励30万元，今年起纳入“免申即享”清单，企业不用再提交申请，由市发展改革委根据认定名单直接会同财政部门拨付。去年认定"
          "的46家企业的奖励资金共1380万元，已于6月中旬下达各区，6月底前全部拨付到企业账户。"),
    ("p", "6．泖嵛恒达物流有限公司负责人反映，泖南工业园至高速公路入口的园区道路货车通行时段受限，影响企业夜间发货，希望"
          "适当放宽通行时间。该问题涉及市公安局交通警察支队和市交通运输局，两单位未参会，由市发展改革委会后转办，办理结果"
          "于7月15日前书面反馈企业。"),
    ("h", "二、会议要求"),
    ("p", "林清源指出，企业的诉求就是改进工作的方向。会议要求，各部门对今天企业反映的问题建立台账、逐项销号，能当场解决的马上"
          "解决，需要协调的限时办结；要把政策送上门、讲明白，让企业应享尽享、免申即享。下一次政企座谈会定于9月召开，届时"
          "通报本次问题的办理情况。"),
]
TAIL: list[str] = [
    "出席：林清源　葛明远　苏慕白　市税务局、市财政局、市市场监督管理局有关负责同志",
    "列席：企业代表12名",
    "记录：市发展改革委营商环境处　赵雨桐",
]
DISTRIBUTION = "分送：市政府办公室，参会各单位。"
PRINTED = ("泖嵛市发展和改革委员会办公室", "2025年6月23日印发")

MARGIN_X = 28 * mm
TEXT_W = W - 2 * MARGIN_X
SIZE, LEAD = 12.0, 21.0
NO_START = set("，。、；：？！”’）》」』】％…—·")
NO_END = set("“‘（《「『【")
ATOM = re.compile(r"[0-9A-Za-z.%:\-]+|……|——|.", re.S)


class MinutesCanvas(PageCountCanvas):
    def decorate(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 11)
        self.setFillColor(BLACK)
        text = f"— {self._pageNumber} —"
        if self._pageNumber % 2:
            self.drawRightString(W - MARGIN_X, 14 * mm, text)
        else:
            self.drawString(MARGIN_X, 14 * mm, text)
        self.restoreState()


def _wrap(text: str, indent: float) -> list[str]:
    return kinsoku_lines(text, FONT, SIZE, TEXT_W, indent, atom=ATOM, no_start=NO_START, no_end=NO_END)


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    buf = io.BytesIO()
    c = MinutesCanvas(buf, pagesize=A4, invariant=1)
    c.setTitle("纪要〔2025〕7号")
    c.setAuthor("myfgw")
    c.setCreator("WPS 文字")
    c.setProducer("WPS 文字")

    c.setFillColor(RED)
    c.setFont(FONT, 30)
    c.drawCentredString(W / 2, H - 42 * mm, ISSUER)
    c.setFont(FONT, 26)
    c.drawCentredString(W / 2, H - 58 * mm, KIND)
    c.setFillColor(BLACK)
    c.setFont(FONT, 14)
    c.drawCentredString(W / 2, H - 70 * mm, NUMBER)
    c.setStrokeColor(RED)
    c.setLineWidth(1.6)
    c.line(MARGIN_X - 4 * mm, H - 74 * mm, W - MARGIN_X + 4 * mm, H - 74 * mm)
    c.setFillColor(BLACK)
    c.setFont(FONT, 18)
    c.drawCentredString(W / 2, H - 88 * mm, TITLE)
    c.setFillColor(GREY)
    c.setFont(FONT, 9)
    c.drawCentredString(W / 2, H - 95 * mm, FICTION)

    y = H - 108 * mm
    bottom = 24 * mm
    indent = 2 * pdfmetrics.stringWidth("一", FONT, SIZE)

    def line(text: str, x: float) -> None:
        nonlocal y
        if y < bottom:
            c.showPage()
            y = H - 24 * mm
        c.setFillColor(BLACK)
        c.setFont(FONT, SIZE)
        c.drawString(x, y, text)
        y -= LEAD

    for kind, text in BODY:
        if kind == "h":
            line(text, MARGIN_X + indent)
            continue
        for i, part in enumerate(_wrap(text, indent)):
            line(part, MARGIN_X + (indent if i == 0 else 0))
    y -= LEAD / 2
    for entry in TAIL:
        for part in _wrap(entry, 0):
            line(part, MARGIN_X)
    y -= LEAD
    if y < bottom + 3 * LEAD:
        c.showPage()
    y = bottom + 2 * LEAD  # the 版记 sits at the foot of the last page
    c.setStrokeColor(BLACK)
    c.setLineWidth(0.8)
    c.line(MARGIN_X, y + LEAD - 4, W - MARGIN_X, y + LEAD - 4)
    line(DISTRIBUTION, MARGIN_X)
    c.line(MARGIN_X, y + LEAD - 4, W - MARGIN_X, y + LEAD - 4)
    c.setFont(FONT, SIZE)
    c.drawString(MARGIN_X, y, PRINTED[0])
    c.drawRightString(W - MARGIN_X, y, PRINTED[1])
    c.line(MARGIN_X, y - 6, W - MARGIN_X, y - 6)
    c.showPage()
    c.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
