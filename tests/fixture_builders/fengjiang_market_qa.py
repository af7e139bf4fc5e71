"""Builds tests/fixtures/layouts/fengjiang-market-qa.pdf: a FICTIONAL 答记者问 of 枫江市市场监督管理局.

Layout exercised: a government PDF attachment (公报 reprint) with "记者：" / "负责人：" labels, a running header on
every page ("枫江市人民政府公报" / "2024年第7期"), page footers "— N —" (odd pages right, even pages left, as in
公文 printing), and text lines broken at the page width in mid-sentence (also across pages). 3 pages.

reportlab is NOT a project dependency. Run with a scratch install:

    pip install --target /tmp/pdfgen reportlab
    PYTHONPATH=/tmp/pdfgen /work/main/.venv/bin/python tests/fixture_builders/fengjiang_market_qa.py

Font: WenQuanYi Micro Hei (TrueType, embedded as a subset with a ToUnicode map, so the text extracts);
falls back to the CID font STSong-Light when the TrueType file is missing.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "fengjiang-market-qa.pdf"
TTF = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

HEADER_LEFT = "枫江市人民政府公报"
HEADER_RIGHT = "2024年第7期"

TITLE = ["枫江市市场监督管理局负责人就《枫江市预付式", "消费经营行为监督管理办法》答记者问"]

# Paragraphs of the body; each is wrapped at the page width.
BODY = [
    "2024年6月3日，市人民政府公布《枫江市预付式消费经营行为监督管理办法》（市政府令第41号，以下简称《办法》），"
    "自2024年8月1日起施行。日前，市市场监督管理局负责人就《办法》的有关内容回答了记者提问。",
    "记者：请介绍一下《办法》出台的背景。",
    "负责人：近年来，“先付费、后消费”的预付式消费模式在我市美容美发、健身、教育培训、洗车等行业十分普遍，"
    "在方便群众的同时，也出现了办卡容易退卡难、经营者关门“跑路”等问题。2023年，全市市场监管部门共受理"
    "预付式消费投诉举报4268件，占消费投诉总量的19.3%，涉及金额1870万元，预付式消费已连续三年位居我市"
    "消费投诉热点的首位。现行法律法规对预付式消费的规定较为原则，基层执法缺少具体依据。为此，市市场监管局"
    "在总结“放心消费”创建经验的基础上起草了《办法》，经市政府第38次常务会议审议通过。《办法》共五章三十条，"
    "分为总则、经营规范、资金监管、监督管理和附则。",
    "记者：《办法》适用于哪些经营行为？",
    "负责人：《办法》第二条规定，本办法适用于在本市行政区域内，经营者以发行单用途预付卡、充值、"
    "会员卡、次卡、课时包等方式预先收取费用，再分次或者一次向消费者提供商品或者服务的经营行为。"
    "商业银行、支付机构发行的多用途预付卡，以及中小学校外学科类培训的预收费，依照国家有关规定执行，"
    "不适用《办法》。",
    "记者：经营者发行预付卡，需要遵守哪些规矩？",
    "负责人：《办法》从合同、限额、公示三个方面作了规定。第八条规定，经营者应当与消费者订立书面合同，"
    "明确商品或者服务的内容、价格、有效期限、退款条件和违约责任等，并鼓励使用市市场监管局会同有关部门"
    "制定的预付式消费合同示范文本。第九条规定，经营者发行的单张记名预付卡金额不得超过5000元，"
    "单张不记名预付卡金额不得超过1000元。第十条规定，经营者应当在经营场所显著位置公示预付卡的使用规则、"
    "退款办法和投诉电话，不得以“最终解释权归本店所有”“卡内余额概不退还”等格式条款排除或者限制消费者权利。",
    "记者：美容美发、健身、教育培训这几个行业投诉最多，《办法》有没有针对性的规定？",
    "负责人：有。针对不同行业的特点，《办法》第十一条作了专门规定。美容美发、洗车等生活服务行业，"
    "经营者应当向消费者提供消费记录查询服务，每次消费后告知预付卡余额；健身、游泳等体育健身行业，"
    "经营者一次性收取的预付款不得超过24个月的服务费用；校外非学科类培训机构一次性收取的费用不得"
    "超过3个月或者60个课时的费用，且单个消费者预付金额不得超过5000元。对于采用“私教课”“课时包”等"
    "方式收费的，经营者应当在合同中载明授课人员、课时数量和单价，更换授课人员的应当事先征得消费者同意。",
    "记者：办了卡之后后悔了，能不能退？",
    "负责人：这是消费者最关心的问题。《办法》第十二条设立了“冷静期”制度：消费者自订立预付式消费合同之日起"
    "七日内，在未消费的前提下，有权要求经营者无理由退还全部预付款，经营者应当在收到退款申请之日起"
    "七个工作日内办结。已经消费的，经营者按照合同约定的单价扣除已消费金额后退还余额，不得按照“打折前”的"
    "原价重新计算。第十三条规定，因经营者变更经营地址、变更服务项目或者降低服务质量等原因，消费者要求"
    "退款的，经营者应当退还剩余预付款。",
    "记者：群众最担心经营者收了钱关门跑路，《办法》有什么措施？",
    "负责人：《办法》专设第三章“资金监管”。第十五条规定，经营者单店预收资金余额达到50万元以上的，"
    "应当与我市开展存管业务的商业银行签订资金存管协议，将预收资金余额的20%存入存管账户，"
    "存管资金专门用于履行对消费者的义务，不得挪作他用。第十六条规定，经营者停业、歇业或者迁移经营场所的，"
    "应当提前三十日在经营场所显著位置和“枫江放心消费”平台发布公告，并通过电话、短信等方式告知消费者，"
    "退还预付款余额或者协商转至其他门店消费。第十七条还规定，对投诉集中、门店突然停业的经营者，"
    "市场监管部门将及时发布消费风险提示，提醒消费者谨慎办卡。",
    "记者：市场监管部门将如何加强监管？",
    "负责人：一是建设平台。我们开发了“枫江放心消费”预付式消费监管服务平台，目前已有3260家经营者"
    "在平台备案，消费者办卡前可以在平台上查询商家的备案、存管和投诉情况。二是信用监管。第二十一条规定，"
    "对经营者实行信用分级分类监管，对预付式消费投诉多、整改不力的经营者，列为重点监管对象，增加检查频次。"
    "三是严格执法。第二十六条规定，经营者未按规定存管预收资金或者未提前公告停业的，由市场监管部门"
    "责令改正，处一万元以上五万元以下罚款；涉嫌合同诈骗等犯罪的，移送公安机关依法处理。",
    "记者：消费者遇到预付卡纠纷，可以通过哪些渠道维权？",
    "负责人：消费者可以拨打12315热线，或者登录全国12315平台进行投诉。为了让纠纷解决得更快，我市在预付式"
    "消费较集中的行业发展了410家在线消费纠纷解决（ODR）企业，消费者在平台上提出诉求后，企业直接与消费者"
    "协商和解，平均处理时间缩短到5.2个工作日。在这里也提醒广大消费者，办卡时要做到“三要三不要”：要选择"
    "在平台备案的商家、要签订书面合同、要保存好付款凭证；不要被大额折扣诱惑、不要一次充值过多、"
    "不要轻信口头承诺。",
    "（本文为虚构示例，文中城市、机构、人物及数据均属虚构，仅供测试使用。）",
]

PAGE_W, PAGE_H = A4
LEFT, RIGHT = 2.8 * cm, 2.6 * cm
TOP, BOTTOM = 3.7 * cm, 3.5 * cm
FONT_SIZE = 14
LEADING = 24
NO_LINE_START = set("，。、；：？！）》”’％%")


def _font() -> str:
    from reportlab.pdfbase.ttfonts import TTFont

    if TTF.exists():
        pdfmetrics.registerFont(TTFont("WQYMicroHei", str(TTF), subfontIndex=0))
        return "WQYMicroHei"
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


TOKEN = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)*%?|.", re.S)
NO_LINE_END = set("“‘《（")


def _tokens(text: str) -> list[str]:
    """Characters, with numbers and Latin words kept whole (19.3% is never split over two lines)."""
    return TOKEN.findall(text)


def _wrap(text: str, font: str, width: float, indent: float) -> list[str]:
    """Greedy wrap at the page width; a closing mark never starts a line, an opening mark never ends one."""
    lines: list[str] = []
    line, used, avail = "", 0.0, width - indent
    for tok in _tokens(text):
        w = pdfmetrics.stringWidth(tok, font, FONT_SIZE)
        if line and used + w > avail and tok not in NO_LINE_START:
            carry = ""
            while line and line[-1] in NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line)
            line, avail = carry, width
            used = pdfmetrics.stringWidth(carry, font, FONT_SIZE)
        line += tok
        used += w
    if line:
        lines.append(line)
    return lines


def build() -> bytes:
    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("枫江市市场监督管理局负责人就《枫江市预付式消费经营行为监督管理办法》答记者问")
    c.setAuthor("枫江市人民政府办公室")
    width = PAGE_W - LEFT - RIGHT
    page = 1
    y = PAGE_H - TOP

    def furniture() -> None:
        c.setFont(font, 10.5)
        c.drawString(LEFT, PAGE_H - 2.2 * cm, HEADER_LEFT)
        c.drawRightString(PAGE_W - RIGHT, PAGE_H - 2.2 * cm, HEADER_RIGHT)
        c.setLineWidth(0.6)
        c.line(LEFT, PAGE_H - 2.4 * cm, PAGE_W - RIGHT, PAGE_H - 2.4 * cm)
        c.setFont(font, 12)
        label = f"— {page} —"
        if page % 2:
            c.drawRightString(PAGE_W - RIGHT - 0.5 * cm, 2.0 * cm, label)
        else:
            c.drawString(LEFT + 0.5 * cm, 2.0 * cm, label)

    def newline() -> None:
        nonlocal y, page
        y -= LEADING
        if y < BOTTOM:
            furniture()
            c.showPage()
            page += 1
            y = PAGE_H - TOP

    c.setFont(font, 18)
    for t in TITLE:
        c.drawCentredString(PAGE_W / 2, y, t)
        y -= 30
    y -= 12
    indent = 2 * FONT_SIZE
    for para in BODY:
        for i, line in enumerate(_wrap(para, font, width, indent)):
            c.setFont(font, FONT_SIZE)
            c.drawString(LEFT + (indent if i == 0 else 0), y, line)
            newline()
    furniture()
    c.showPage()
    c.save()
    return buf.getvalue()


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
