"""Builds tests/fixtures/layouts20/hengzhou-health-press.pdf: a FICTIONAL 新闻发布会 of 蘅州市卫生健康委员会 (with
蘅州市医疗保障局 and 蘅州市疾病预防控制中心), as a staff member PRINTED THE PORTAL'S WEB PAGE TO PDF from a browser.

Layout exercised: three A4 pages, one column, with the BROWSER'S OWN print header and footer on every page (small
grey text in the margins: the print date and time "2025/4/18 09:12" at the top left, the page's <title> at the top
centre, the page's URL at the bottom left, "1/3" at the bottom right). Page 1 opens with the printed site chrome (a
navigation line, the 当前位置 breadcrumb), the bold title, a 发布时间/来源/浏览次数/字体 line, the 发布会时间/地点
lines and then the 发布人 as a ruled TABLE (header row "姓名 | 单位及职务", one row per 发布人: 周立衡 | 蘅州市卫生健康
委员会党组书记、主任, …), the 主持人 line and the fiction note. In the transcript every speaker LABEL STANDS ALONE ON ITS
LINE, bold, with a full-width colon ("主持人：", "蘅州日报记者：", "周主任：", "沈副局长：", "刘主任："); the words follow
in the next paragraph(s). The 发布人 are labelled ONLY by SURNAME + TITLE: their full names and units are only in the
table (and the host's opening). 周主任's opening 情况介绍 is not a turn. 周主任's answer to the first question begins
on page 1 and continues MID-SENTENCE on page 2, under the browser's header line (the builder checks that the page
break falls inside that answer and not after a full stop). The page ends with the printed 【打印本页】【关闭窗口】 line
and the site footer. The document information says Chrome's Skia made it.

    /work/main/.venv/bin/python tests/fixture_builders/hengzhou_health_press.py

reportlab is no project dependency (as for the other PDF builders). The text is broken into lines here (CJK
characters one by one, numbers and Latin words kept whole, no line opening with closing punctuation) and paginated
line by line, so the page break is fixed by the text below. The bytes are reproducible (reportlab's invariant mode).
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

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "layouts20" / "hengzhou-health-press.pdf"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

PRINTED_AT = "2025/4/18 09:12"
PAGE_TITLE = "“健康蘅州”建设有关情况新闻发布会_蘅州市人民政府"
URL = "https://www.hengzhou.gov.cn/art/2025/4/17/art_1432_58261.html"

NAV = "首页　　政务公开　　政务服务　　互动交流　　新闻发布　　走进蘅州"
CRUMB = "当前位置：首页 > 新闻发布 > 发布会实录"
TITLE = "“健康蘅州”建设有关情况新闻发布会"
META = "发布时间：2025-04-17 16:30　　来源：市政府新闻办　　浏览次数：1832　　【字体：大 中 小】"
INFO = [
    "发布会时间：2025年4月17日（星期四）上午10:00",
    "发布会地点：市政府新闻发布厅",
    "出席发布会的发布人：",
]
TABLE = [
    ("姓名", "单位及职务"),
    ("周立衡", "蘅州市卫生健康委员会党组书记、主任"),
    ("沈文渊", "蘅州市医疗保障局党组成员、副局长"),
    ("刘思源", "蘅州市疾病预防控制中心党委副书记、主任"),
]
HOST_LINE = "主持人：蘅州市人民政府新闻办公室副主任　严青"
FICTION = "（本文为虚构示例，城市、机构、人物、媒体、数据和电话均为虚构，仅供软件测试使用。）"
HEADING = "文字实录"

# (label line or "" for none, paragraph): a label stands alone on its line above its words
BODY: list[tuple[str, str]] = [
    ("主持人：", "各位记者朋友，大家上午好！欢迎出席市政府新闻办新闻发布会。今天我们邀请到市卫生健康委员会党组书记、主任"
              "周立衡先生，市医疗保障局党组成员、副局长沈文渊女士，市疾病预防控制中心党委副书记、主任刘思源先生，介绍"
              "“健康蘅州”建设有关情况，并回答大家关心的问题。首先请周主任介绍情况。"),
    ("周主任：", "各位记者朋友，大家上午好！去年以来，我们围绕“健康蘅州”建设，重点推进了优质医疗资源扩容下沉、基层"
              "服务能力提升和公共卫生体系建设三项工作。2024年，全市人均预期寿命达到80.2岁，孕产妇死亡率、婴儿死亡率"
              "分别降至6.8/10万和2.1‰，主要健康指标继续位居全省前列。全市组建城市医疗集团3个、县域医共体5个，"
              "基层医疗卫生机构诊疗量占比提高到58.6%。下面，我们愿意回答大家的提问。"),
    ("主持人：", "谢谢周主任。下面进入提问环节，请记者朋友提问前先通报所在的新闻机构。"),
    ("蘅州日报记者：", "请问周主任，家庭医生签约服务现在覆盖了多少人？签约以后，居民能享受到哪些实实在在的服务？"),
    ("周主任：", "谢谢你的提问。截至今年3月底，全市组建家庭医生团队1286个，签约居民182.4万人，常住人口签约率达到"
              "41.3%，其中65岁以上老年人、高血压和糖尿病患者等重点人群签约率达到82.7%。签约居民主要能享受到四项"
              "服务。一是优先就诊，签约居民到签约的社区卫生服务中心就诊，不用排队挂号；二是预约转诊，家庭医生每天可以"
              "直接预约市级医院的专家号源，全市三级医院拿出了20%的专家号源优先留给家庭医生转诊；三是长处方，病情稳定"
              "的慢性病患者一次最多可以开具12周的用药量，不用每个月跑医院；四是上门服务，对行动不便的失能、高龄老人，"
              "家庭医生团队提供上门巡诊、家庭病床等服务，去年全市共提供上门服务9.6万人次。签约服务费每人每年120元，"
              "其中医保基金支付70元、基本公共卫生服务经费支付40元，居民个人只需要承担10元，低保、特困人员个人部分全免。"
              "居民可以就近到社区卫生服务中心签约，也可以在“健康蘅州”APP上在线签约。"),
    ("主持人：", "请继续提问。"),
    ("蘅州广播电视台记者：", "请问沈副局长，今年门诊慢特病的保障政策有没有新变化？病种和报销比例是怎么规定的？"),
    ("沈副局长：", "谢谢记者朋友的关注。从今年1月1日起，我市统一了职工医保和居民医保的门诊慢特病病种，由原来的36种"
                "增加到52种，新增了阿尔茨海默病、慢性阻塞性肺疾病等16个病种。报销方面，职工医保在一级、二级、三级"
                "医疗机构的报销比例分别为90%、85%、80%，居民医保分别为75%、70%、65%，不设起付线。年度支付限额按病种"
                "确定，最高的恶性肿瘤门诊放化疗每年可达20万元。参保人可以在定点医疗机构直接申请认定，医生在门诊就能"
                "完成评定，结果实时上传，认定通过后当天就可以享受待遇。"),
    ("蘅州新闻网记者：", "最近流感比较多，不少家长担心孩子。请问刘主任，现在接种流感疫苗还来得及吗？哪些人可以免费接种？"),
    ("刘主任：", "从我们的监测数据看，3月以来全市流感样病例占门急诊病例的比例为4.2%，处于春季流行高峰的下降期，但学校、"
              "托幼机构仍然要注意防范。流感疫苗接种后大约两周产生保护作用，现在接种依然有意义。今年我市对60周岁以上"
              "户籍老年人和在校中小学生实行流感疫苗免费接种，截至目前已免费接种41.7万剂。市民可以通过“健康蘅州”APP"
              "预约，到全市142个预防接种门诊接种。"),
    ("周主任：", "我补充一点。为了方便群众看病，今年全市二级以上公立医院全部开设了儿科夜间门诊，工作日延长到晚上21:00，"
              "社区卫生服务中心也开设了发热诊室，轻症患儿可以就近就诊，不必都往大医院跑。"),
    ("蘅州晚报记者：", "请问沈副局长，经常去外地的老人看病怎么报销？异地就医备案麻不麻烦？"),
    ("沈副局长：", "现在异地就医备案已经非常方便了。参保人可以通过国家医保服务平台APP、“蘅州医保”微信公众号或者拨打"
                "医保服务热线备案，不需要提供任何证明材料，即时办理、即时生效。异地长期居住的老人备案后，在备案地和"
                "我市都可以享受医保待遇；临时外出就医的，备案有效期为6个月。"),
    ("", "备案后在异地定点医疗机构住院、门诊就医，都可以直接结算。今年1至3月，全市异地就医直接结算12.8万人次，"
         "结算金额3.1亿元。没有备案就在外地就医的，回来后也可以手工报销，只是报销比例比备案后降低10个百分点。"),
    ("主持人：", "今天的发布会到此结束，感谢三位发布人，感谢各位记者朋友！"),
]
END_LINES = ["【打印本页】　　【关闭窗口】"]
FOOTER = ["主办：蘅州市人民政府办公室　　承办：蘅州市大数据管理中心",
          "网站标识码：0000000022　　ICP备00000022号　　公网安备 00000000000022号"]

PAGE_W, PAGE_H = A4
LEFT = RIGHT = 18 * mm
TOP, BOTTOM = 20 * mm, 20 * mm
WIDTH = PAGE_W - LEFT - RIGHT
BODY_SIZE, BODY_LEADING, PARA_GAP = 11, 19, 5
SMALL = 9

NO_START = set("，。、；：？！”’）》」』】％‰…—·")
NO_END = set("“‘（《「『【")
ATOM = re.compile(r"[0-9A-Za-z.%/]+|……|——|.", re.S)
FIRST_ANSWER = 4  # BODY index of 周主任's answer that must cross the page break


def _wrap(text: str, size: float, width: float, indent: float) -> list[str]:
    return kinsoku_lines(text, FONT, size, width, indent, atom=ATOM, no_start=NO_START, no_end=NO_END)


class Item:
    """A line of text (kind "text") or a table rule (kind "rule": x, y, x2, y2)."""

    def __init__(self, text: str, x: float, y: float, size: float, *, bold: bool = False, justify: float | None = None,
                 color: str = "#000000", kind: str = "text", x2: float = 0, y2: float = 0) -> None:
        self.text, self.x, self.y, self.size, self.bold, self.justify = text, x, y, size, bold, justify
        self.color, self.kind, self.x2, self.y2 = color, kind, x2, y2


def layout() -> tuple[list[list[Item]], list[tuple[int, int, bool]]]:
    pages: list[list[Item]] = [[]]
    body_lines: list[tuple[int, int, bool]] = []
    y = PAGE_H - TOP

    def room(height: float) -> None:
        nonlocal y
        if y - height < BOTTOM:
            pages.append([])
            y = PAGE_H - TOP

    def line(text: str, size: float, leading: float, *, x: float = LEFT, bold: bool = False, color: str = "#000000",
             centre: bool = False) -> None:
        nonlocal y
        room(leading)
        y -= leading
        if centre:
            x = (PAGE_W - pdfmetrics.stringWidth(text, FONT, size)) / 2
        pages[-1].append(Item(text, x, y, size, bold=bold, color=color))

    line(NAV, SMALL, 14, color="#1a4f8b")
    line(CRUMB, SMALL, 16, color="#555555")
    y -= 10
    line(TITLE, 17, 28, bold=True, centre=True)
    line(META, SMALL, 18, color="#777777", centre=True)
    y -= 6
    for text in INFO:
        line(text, BODY_SIZE, BODY_LEADING)
    # the 发布人 table: two columns, ruled
    col1, col2 = 30 * mm, WIDTH - 30 * mm
    row_h = 20
    top = y - 4
    rows = len(TABLE)
    for r, (name, post) in enumerate(TABLE):
        base = top - (r + 1) * row_h + 6
        pages[-1].append(Item(name, LEFT + 4 * mm, base, BODY_SIZE, bold=r == 0))
        pages[-1].append(Item(post, LEFT + col1 + 4 * mm, base, BODY_SIZE, bold=r == 0))
    for r in range(rows + 1):
        yy = top - r * row_h
        pages[-1].append(Item("", LEFT, yy, 0, kind="rule", x2=LEFT + col1 + col2, y2=yy))
    for xx in (LEFT, LEFT + col1, LEFT + col1 + col2):
        pages[-1].append(Item("", xx, top, 0, kind="rule", x2=xx, y2=top - rows * row_h))
    y = top - rows * row_h - 4
    line(HOST_LINE, BODY_SIZE, BODY_LEADING + 4)
    line(FICTION, SMALL, 16, color="#555555")
    y -= 8
    line(HEADING, 13, 24, bold=True)

    indent = 2 * BODY_SIZE
    for index, (label, words) in enumerate(BODY):
        if label:
            room(BODY_LEADING)
            y -= BODY_LEADING
            pages[-1].append(Item(label, LEFT, y, BODY_SIZE, bold=True))
            body_lines.append((index, len(pages), False))
        lines = _wrap(words, BODY_SIZE, WIDTH, indent)
        for i, text in enumerate(lines):
            room(BODY_LEADING)
            y -= BODY_LEADING
            first, last = i == 0, i == len(lines) - 1
            x = LEFT + (indent if first else 0)
            pages[-1].append(Item(text, x, y, BODY_SIZE, justify=None if last else WIDTH - (indent if first else 0)))
            body_lines.append((index, len(pages), last))
        y -= PARA_GAP
    y -= 10
    for text in END_LINES:
        line(text, SMALL, 16, color="#1a4f8b", centre=True)
    y -= 10
    for text in FOOTER:
        line(text, SMALL, 14, color="#666666", centre=True)
    return pages, body_lines


def _check(pages: list[list[Item]], body_lines: list[tuple[int, int, bool]]) -> None:
    if len(pages) != 3:
        raise SystemExit(f"the text makes {len(pages)} pages, not 3: adjust it")
    last_on_page1 = max(i for i, (_, page, _) in enumerate(body_lines) if page == 1)
    index, _, last = body_lines[last_on_page1]
    text = [it for it in pages[0] if it.kind == "text"][-1].text
    if index != FIRST_ANSWER or last or text[-1] in "。！？；：":
        raise SystemExit(f"page 1 ends at BODY[{index}] {'(its last line)' if last else ''} with {text!r}: the break"
                         " must fall mid-sentence inside 周主任's first answer")


def _draw(page: rl_canvas.Canvas, item: Item) -> None:
    page.saveState()
    if item.kind == "rule":
        page.setStrokeColor(HexColor("#999999"))
        page.setLineWidth(0.6)
        page.line(item.x, item.y, item.x2, item.y2)
        page.restoreState()
        return
    text = page.beginText(item.x, item.y)
    natural = pdfmetrics.stringWidth(item.text, FONT, item.size)
    if item.justify is not None and len(item.text) > 1 and 0 < item.justify - natural <= 2.5 * (len(item.text) - 1):
        text.setCharSpace((item.justify - natural) / (len(item.text) - 1))
    text.setFont(FONT, item.size)
    page.setFillColor(HexColor(item.color))
    if item.bold:  # a browser's synthetic bold of a CJK font: fill and stroke
        text.setTextRenderMode(2)
        page.setStrokeColor(HexColor(item.color))
        page.setLineWidth(0.35)
    text.textOut(item.text)
    page.drawText(text)
    page.restoreState()


def _browser_furniture(page: rl_canvas.Canvas, number: int, total: int) -> None:
    page.saveState()
    page.setFont(FONT, 8)
    page.setFillColor(HexColor("#333333"))
    page.drawString(10 * mm, PAGE_H - 8 * mm, PRINTED_AT)
    page.drawCentredString(PAGE_W / 2, PAGE_H - 8 * mm, PAGE_TITLE)
    page.drawString(10 * mm, 7 * mm, URL)
    page.drawRightString(PAGE_W - 10 * mm, 7 * mm, f"{number}/{total}")
    page.restoreState()


def build() -> bytes:
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
    pages, body_lines = layout()
    _check(pages, body_lines)

    buf = io.BytesIO()
    page = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    page.setTitle(PAGE_TITLE)
    page.setCreator("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0")
    page.setProducer("Skia/PDF m123")
    total = len(pages)
    for number, items in enumerate(pages, 1):
        _browser_furniture(page, number, total)
        for item in items:
            _draw(page, item)
        page.showPage()
    page.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
