"""Builds tests/fixtures/layouts19/yunzhou-hrss-online.pdf: a FICTIONAL 在线访谈 of 沄州市人力资源和社会保障局, as a
staff member saved the portal's 文字实录 into a WPS document and exported it to PDF.

Layout exercised: three A4 pages, one column. Page 1 opens with a centred bold title and subtitle, the header block
(访谈主题, 访谈时间, 访谈嘉宾 on two lines with unit + title + name, 主 持 人, a wrapped 访谈简介) and the fiction note,
then the heading "文字实录" and the transcript: paragraphs indented two characters, each opening with its label
("主持人：", "韦国栋：", "叶澜：", "网友“沄水之滨”："). Every page carries, drawn FIRST (behind the text, as WPS draws a
watermark from the page header), a light-grey DIAGONAL watermark "沄州市人民政府门户网站" rotated 35 degrees across the
middle of the page, and the footer page number in Chinese numerals, "第一页 共三页" ... "第三页 共三页". 韦国栋's answer
to the host's first question begins on page 1 and continues MID-SENTENCE at the top of page 2 (the builder checks
that the page break falls inside that answer and not after a full stop). The document information says WPS made it
(Creator and Producer "WPS 文字").

    /work/main/.venv/bin/python tests/fixture_builders/yunzhou_hrss_online.py

reportlab is no project dependency (as for the other PDF builders). The text is broken into lines here (CJK
characters one by one, numbers and Latin words kept whole, no line opening with closing punctuation) and paginated
line by line, so the page break is fixed by the text below. The bytes are reproducible (reportlab's invariant mode:
fixed dates and document id).
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

from pdf_parts import kinsoku_lines  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts19" / "yunzhou-hrss-online.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

WATERMARK = "沄州市人民政府门户网站"
TITLE = "稳岗拓岗促就业　政策红利惠民生"
SUBTITLE = "——沄州市人民政府门户网站在线访谈文字实录"
INFO = [
    "访谈主题：稳岗拓岗促就业　政策红利惠民生",
    "访谈时间：2024年10月16日 14:30",
    "访谈嘉宾：沄州市人力资源和社会保障局党组书记、局长　韦国栋",
    "　　　　　沄州市人力资源和社会保障局就业促进和失业保险科科长　叶澜",
    "主 持 人：沄州市人民政府门户网站　程诺",
]
INTRO = ("访谈简介：今年以来，沄州市人力资源和社会保障局认真落实稳就业各项政策，围绕高校毕业生、农民工、就业困难人员等"
         "重点群体，推出稳岗返还、一次性扩岗补助、创业担保贷款贴息等一揽子措施。本期访谈邀请市人力资源和社会保障局负责同志"
         "走进直播间，解读就业创业政策，回答网友关心的问题。")
FICTION = "（本文为虚构示例，城市、机构、人物、数据和电话均为虚构，仅供软件测试使用。）"
HEADING = "文字实录"

# (label, words): one transcript paragraph, the label in front of the words
BODY: list[tuple[str, str]] = [
    ("主持人：", "各位网友，大家下午好！欢迎收看沄州市人民政府门户网站在线访谈。今天我们邀请到市人力资源和社会保障局党组书记、"
              "局长韦国栋，市人力资源和社会保障局就业促进和失业保险科科长叶澜，和大家聊一聊稳就业、促创业的话题。欢迎两位"
              "嘉宾！"),
    ("韦国栋：", "主持人好，各位网友大家好！"),
    ("叶澜：", "各位网友大家好！"),
    ("主持人：", "韦局长，今年以来我市就业形势总体怎么样？市里出台了哪些稳就业的政策？"),
    ("韦国栋：", "今年以来，全市就业形势总体稳定。1至9月，全市城镇新增就业5.82万人，完成全年目标任务的97%；城镇调查失业率"
              "保持在5.1%左右，低于全省平均水平。在政策上，我们主要抓了四个方面。一是减负稳岗，继续实施阶段性降低失业保险"
              "费率政策，单位费率由1%降至0.7%，今年为全市3.6万户企业减少社保费支出2.9亿元；向1.2万户不裁员、少裁员的企业"
              "发放稳岗返还资金1.06亿元，全部通过“免申即享”方式直接拨付到企业账户，企业不用提交任何材料。二是扩岗补助，"
              "企业招用毕业两年内的高校毕业生或者16至24岁登记失业青年，签订劳动合同并缴纳社会保险满一个月的，按每人1500元"
              "发放一次性扩岗补助，目前已为2140户企业发放补助963万元。三是兜底帮扶，对零就业家庭、残疾人、大龄失业人员等"
              "就业困难人员，通过开发公益性岗位兜底安置，全市在岗公益性岗位人员达到4380人，做到零就业家庭动态清零。四是"
              "技能提升，围绕装备制造、电子信息、家政养老等我市急需紧缺的工种，开展补贴性职业技能培训3.1万人次，培训后"
              "取得证书的，按照职业资格等级给予每人800元至2000元不等的培训补贴。下一步，我们还将加大政策宣传力度，让更多"
              "企业和劳动者知道政策、用好政策。"),
    ("主持人：", "谢谢韦局长。下面进入网友提问环节，我们来看第一位网友的提问。"),
    ("网友“沄水之滨”：", "我是今年的应届毕业生，学的是机械设计，想留在沄州找工作，有没有什么补贴或者服务？"),
    ("叶澜：", "感谢这位网友的提问。对于留在沄州就业的高校毕业生，我们主要有三项支持。第一是生活补贴，到我市企业就业并缴纳"
            "社会保险满6个月的本科毕业生，可以申领每月1000元、最长24个月的生活补贴，硕士研究生每月1500元。第二是住房"
            "支持，毕业5年内来沄工作的，可以申请人才公寓，租金按市场价的五折收取，最长3年。第三是就业服务，我们今年举办"
            "各类招聘会126场，提供岗位4.7万个，其中机械、装备制造类岗位近9000个。您可以关注“沄州人社”微信公众号，在"
            "“就业服务”栏目查看岗位信息和申领补贴，也可以拨打就业服务热线6818 2345咨询。"),
    ("主持人：", "我们再看一位网友的提问。"),
    ("网友“小满不小”：", "我在老家镇上开了一家小餐馆，想再开一家分店，听说有创业担保贷款，怎么申请？最多能贷多少？"),
    ("韦国栋：", "创业担保贷款是支持创业的一项重要政策。个人创业的，最高可以申请30万元；合伙创业的，按每人不超过30万元、总额"
              "不超过150万元的标准申请；小微企业最高可以申请400万元。贷款期限最长3年，财政按规定给予贴息，个人实际承担的"
              "利率不超过1.5%左右。今年以来，全市已发放创业担保贷款6.3亿元，扶持3160人创业，带动就业1.1万人。"),
    ("叶澜：", "我补充一点。申请的时候，您可以带上身份证、营业执照和经营场所证明，到户籍所在地或者创业地的乡镇（街道）"
            "人社服务站提出申请，也可以直接在“沄州人社”公众号上提交，经办银行审核通过后，一般10个工作日内放款。像您这样"
            "已经在经营、有稳定收入的，审批会比较顺利。"),
    ("主持人：", "最后请韦局长谈谈，下一步在促进农民工就业方面，市人社局还有哪些打算？"),
    ("韦国栋：", "农民工就业是稳就业的重点。下一步，我们将重点做好三件事：一是在全市建设“家门口”就业服务站150个，把岗位信息"
              "送到村里；二是开展“春风行动”“金秋招聘月”等专项活动，组织劳务协作，今年力争实现农村劳动力转移就业26万人；"
              "三是持续开展根治欠薪行动，严厉打击拖欠农民工工资行为，欠薪问题可拨打劳动保障监察举报电话6818 0127反映。"),
    ("主持人：", "感谢两位嘉宾的精彩解读，感谢各位网友的关注。本期在线访谈到此结束，我们下期再见！"),
    ("韦国栋：", "谢谢大家，再见！"),
]
CLOSING = ["（来源：沄州市人民政府门户网站　文字整理：程诺）"]

PAGE_W, PAGE_H = A4
LEFT = RIGHT = 26 * mm
TOP, BOTTOM = 25 * mm, 25 * mm
WIDTH = PAGE_W - LEFT - RIGHT
BODY_SIZE, BODY_LEADING, PARA_GAP = 12, 22, 4
INFO_SIZE, INFO_LEADING = 11, 19
CN = "零一二三四五六七八九十"

NO_START = set("，。、；：？！”’）》」』】％…—·")
NO_END = set("“‘（《「『【")
ATOM = re.compile(r"[0-9A-Za-z.%]+|……|——|.", re.S)
FIRST_ANSWER = 4  # BODY index of 韦国栋's answer that must cross the page break


def _wrap(text: str, size: float, width: float, indent: float) -> list[str]:
    return kinsoku_lines(text, FONT, size, width, indent, atom=ATOM, no_start=NO_START, no_end=NO_END)


def _numeral(n: int) -> str:
    return CN[n] if n <= 10 else "十" + CN[n - 10]


class Item:
    """One line placed on a page: text, x, baseline y, size, bold, justify-to width (None: natural), colour."""

    def __init__(self, text: str, x: float, y: float, size: float, *, bold: bool = False,
                 justify: float | None = None, color: str = "#000000") -> None:
        self.text, self.x, self.y, self.size, self.bold, self.justify, self.color = text, x, y, size, bold, justify, color


def layout() -> tuple[list[list[Item]], list[tuple[int, int, bool]]]:
    """Every page's lines, and for every body line (BODY index, page number, last line of its paragraph)."""
    pages: list[list[Item]] = [[]]
    body_lines: list[tuple[int, int, bool]] = []
    y = PAGE_H - TOP

    def room(height: float) -> None:
        nonlocal y
        if y - height < BOTTOM:
            pages.append([])
            y = PAGE_H - TOP

    def centred(text: str, size: float, leading: float, bold: bool = False) -> None:
        nonlocal y
        room(leading)
        y -= leading
        x = (PAGE_W - pdfmetrics.stringWidth(text, FONT, size)) / 2
        pages[-1].append(Item(text, x, y, size, bold=bold))

    centred(TITLE, 18, 30, bold=True)
    centred(SUBTITLE, 12, 22)
    y -= 8
    for line in INFO:
        room(INFO_LEADING)
        y -= INFO_LEADING
        pages[-1].append(Item(line, LEFT, y, INFO_SIZE))
    label_w = pdfmetrics.stringWidth("访谈简介：", FONT, INFO_SIZE)
    # a hanging indent: the continuation lines stand under the words, after the label
    intro = _wrap(INTRO, INFO_SIZE, WIDTH - label_w, -label_w)
    for i, line in enumerate(intro):
        room(INFO_LEADING)
        y -= INFO_LEADING
        x, width = (LEFT, WIDTH) if i == 0 else (LEFT + label_w, WIDTH - label_w)
        pages[-1].append(Item(line, x, y, INFO_SIZE, justify=None if i == len(intro) - 1 else width))
    room(INFO_LEADING)
    y -= INFO_LEADING
    pages[-1].append(Item(FICTION, LEFT, y, 9.5, color="#555555"))
    y -= 10
    centred(HEADING, 14, 26, bold=True)
    y -= 4

    indent = 2 * BODY_SIZE
    for index, (label, words) in enumerate(BODY):
        lines = _wrap(label + words, BODY_SIZE, WIDTH, indent)
        for i, line in enumerate(lines):
            room(BODY_LEADING)
            y -= BODY_LEADING
            first = i == 0
            last = i == len(lines) - 1
            x = LEFT + (indent if first else 0)
            pages[-1].append(Item(line, x, y, BODY_SIZE, justify=None if last else WIDTH - (indent if first else 0)))
            body_lines.append((index, len(pages), last))
        y -= PARA_GAP

    for line in CLOSING:
        room(BODY_LEADING)
        y -= BODY_LEADING + 6
        pages[-1].append(Item(line, PAGE_W - RIGHT - pdfmetrics.stringWidth(line, FONT, 10.5), y, 10.5))
    return pages, body_lines


def _check(pages: list[list[Item]], body_lines: list[tuple[int, int, bool]]) -> None:
    if len(pages) != 3:
        raise SystemExit(f"the text makes {len(pages)} pages, not 3: adjust it")
    last_on_page1 = max(i for i, (_, page, _) in enumerate(body_lines) if page == 1)
    index, _, last = body_lines[last_on_page1]
    text = pages[0][-1].text
    if index != FIRST_ANSWER or last or text[-1] in "。！？；":
        raise SystemExit(f"page 1 ends at BODY[{index}] {'(its last line)' if last else ''} with {text!r}: the break"
                         " must fall mid-sentence inside 韦国栋's first answer")


def _draw_line(page: rl_canvas.Canvas, item: Item) -> None:
    text = page.beginText(item.x, item.y)
    natural = pdfmetrics.stringWidth(item.text, FONT, item.size)
    if item.justify is not None and len(item.text) > 1 and 0 < item.justify - natural <= 2.5 * (len(item.text) - 1):
        text.setCharSpace((item.justify - natural) / (len(item.text) - 1))
    text.setFont(FONT, item.size)
    page.saveState()
    page.setFillColor(HexColor(item.color))
    if item.bold:  # WPS's fake bold of a CJK font: fill and stroke
        text.setTextRenderMode(2)
        page.setStrokeColor(HexColor(item.color))
        page.setLineWidth(0.4)
    text.textOut(item.text)
    page.drawText(text)
    page.restoreState()


def _watermark(page: rl_canvas.Canvas) -> None:
    page.saveState()
    page.setFillColor(HexColor("#d6d6d6"))
    page.translate(PAGE_W / 2, PAGE_H / 2 - 20 * mm)
    page.rotate(35)
    page.setFont(FONT, 40)
    page.drawCentredString(0, 0, WATERMARK)
    page.restoreState()


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    pages, body_lines = layout()
    _check(pages, body_lines)

    buf = io.BytesIO()
    page = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    page.setTitle("稳岗拓岗促就业 政策红利惠民生（在线访谈文字实录）")
    page.setAuthor("Administrator")
    page.setCreator("WPS 文字")
    page.setProducer("WPS 文字")
    total = len(pages)
    for number, items in enumerate(pages, 1):
        _watermark(page)
        for item in items:
            _draw_line(page, item)
        page.saveState()
        page.setFont(FONT, 10.5)
        page.setFillColor(HexColor("#000000"))
        page.drawCentredString(PAGE_W / 2, 14 * mm, f"第{_numeral(number)}页 共{_numeral(total)}页")
        page.restoreState()
        page.showPage()
    page.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
