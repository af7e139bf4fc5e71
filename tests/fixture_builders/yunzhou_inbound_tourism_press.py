"""Builds tests/fixtures/layouts19/yunzhou-inbound-tourism-press.docx: a FICTIONAL 新闻发布会 of 沄州市文化广电和旅游局
(with 沄州市商务局 and 沄州市公安局).

Layout exercised: a press-conference transcript as .docx, as a city press office circulates it. At the top: a bold
centred title, 时间 and 地点 lines, a "发布人：" paragraph followed by one paragraph per 发布人 (unit + title, a
full-width space, name), the 主持人 line and the fiction note. In the transcript every paragraph opens with the
speaker's NAME (or 主持人, or the reporter's outlet + 记者) in a separate BOLD run with NO colon; the words follow in a
plain run after two ASCII spaces or a tab (Word's w:tab): "周岚清  今年以来……". A 发布人's second paragraph has no
bold run. One reporter of a foreign outlet asks in English; the next paragraph, with no bold run, is the
interpreter's Chinese rendering opening "（翻译）". 周岚清's opening 情况介绍 is not a turn; the English question is
answered by 陆振宇 then 贺子谦 ("我补充一下").

    /work/main/.venv/bin/python tests/fixture_builders/yunzhou_inbound_tourism_press.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts19" / "yunzhou-inbound-tourism-press.docx"

TITLE = "沄州市“提升入境旅游便利化水平”新闻发布会实录"
HEADER = [
    "时间：2024年11月21日（星期四）上午10:00",
    "地点：沄州市人民政府新闻发布厅",
    "发布人：",
    "沄州市文化广电和旅游局党组书记、局长　周岚清",
    "沄州市商务局党组成员、副局长　贺子谦",
    "沄州市公安局出入境管理支队支队长　陆振宇",
    "主持人：沄州市人民政府新闻办公室副主任　许婧",
]
FICTION = "（本文为虚构示例，城市、人物、机构、媒体、数据和电话均为虚构，仅供软件测试使用。）"

HOST = "主持人"
SP2, TAB = "  ", "\t"
# (bold speaker run or "" for a paragraph with no bold run, separator, plain text)
BODY: list[tuple[str, str, str]] = [
    (HOST, SP2, "各位记者朋友，上午好！欢迎出席沄州市人民政府新闻办公室新闻发布会。出席今天发布会的有：市文化广电和旅游局"
                "党组书记、局长周岚清先生，市商务局党组成员、副局长贺子谦女士，市公安局出入境管理支队支队长陆振宇先生。"
                "首先请周岚清局长介绍有关情况。"),
    ("周岚清", SP2, "各位记者朋友，大家上午好！今年以来，我市入境旅游加快恢复。1至10月，全市接待入境游客41.6万人次，同比"
                  "增长87.3%；入境旅游收入3.2亿美元，同比增长92.1%。为进一步提升入境旅游便利化水平，市文化广电和旅游局会同"
                  "市商务局、市公安局等部门制定了《沄州市提升入境旅游便利化水平若干措施》，从语言服务、支付便利、离境退税、"
                  "通关出行四个方面提出18条具体措施。下面，我和贺子谦副局长、陆振宇支队长回答大家的提问。"),
    (HOST, SP2, "谢谢周局长。下面进入提问环节，请记者朋友提问前通报所在的新闻机构。"),
    ("沄州日报记者", SP2, "谢谢主持人。我想问一下周局长，外国游客来沄州，在语言、预订、导览这些方面还有哪些不方便？文旅部门下一步"
                      "有什么具体措施？"),
    ("周岚清", SP2, "谢谢您的提问。从我们的调查看，外国游客反映比较集中的是三个问题：景区外语标识不够、门票预约必须用国内手机号、"
                  "外语导览服务少。针对这些问题，我们今年重点做了三件事。一是全市23家4A级以上景区全部完成中英文标识改造，其中"
                  "沄江古城、白鹭洲湿地等8家景区增加了日文、韩文标识。二是门票预约系统全面支持护照号码预约，外国游客不需要国内"
                  "手机号就能购票。三是在游客集中的12个景区配备外语讲解员86名，开通英、日、韩三种语言的语音导览。明年我们还将"
                  "在沄州国际机场和高铁沄州站设立入境游客服务中心，提供咨询、兑换、购卡一站式服务。"),
    (HOST, SP2, "请继续提问。"),
    ("沄州广播电视台记者", TAB, "离境退税“即买即退”在我市推行得怎么样？外国游客在商店买了东西，怎样才能当场拿到退税款？"),
    ("贺子谦", TAB, "感谢记者朋友的关注。今年6月起，我市在沄江路步行街、国际商贸城等重点商圈推行离境退税“即买即退”。境外游客在"
                  "贴有“即买即退”标识的商店购物，同一天在同一家店消费满500元，凭护照就可以在店内直接领取退税款，退税率为"
                  "11%左右，离境时在口岸办理确认手续即可。目前全市离境退税商店已增加到126家，其中“即买即退”商店58家。6月至"
                  "10月，全市共办理离境退税1.37万笔，退税金额1840万元，其中“即买即退”占六成以上。"),
    ("《环太商业周刊》（Pan-Pacific Business Weekly）记者", SP2,
     "Thank you. Many foreign business travelers say it is still hard to pay with their own bank cards in Yunzhou, and "
     "some are not sure whether they can enter the city visa-free. What has been done on payments, and how does the "
     "144-hour visa-free transit policy apply to travelers arriving in Yunzhou?"),
    ("", "", "（翻译）谢谢。很多外国商务旅客反映，在沄州用自己的银行卡付款仍然比较困难，还有一些人不清楚能不能免签入境沄州。"
             "请问在支付方面做了哪些工作？144小时过境免签政策对抵达沄州的旅客如何适用？"),
    ("陆振宇", SP2, "谢谢您的提问。我先回答过境免签的问题。今年3月起，沄州国际机场口岸正式实施144小时过境免签政策，54个国家的"
                  "人员持有效国际旅行证件和144小时内确定日期、座位的前往第三国或地区的联程客票，就可以从沄州国际机场免签入境，"
                  "在本省行政区域内停留不超过144小时。3月至10月，沄州口岸共有7260名外国人享受过境免签政策入境，同比增长2.4倍。"
                  "外国人在酒店入住时由酒店代为办理住宿登记；住在亲友家中的，可以通过“沄州警务”微信公众号在线办理，不用再到"
                  "派出所。"),
    ("贺子谦", TAB, "关于支付，我补充一下。我们会同人民银行沄州市分行推动重点商户受理境外银行卡，目前全市星级酒店、4A级以上"
                  "景区和重点商圈的2.1万家商户已经可以刷外卡；同时在机场、高铁站和主要商圈设置了外币兑换点43个。外国游客也"
                  "可以把境外银行卡绑定到常用的手机支付软件，单笔5000元以下的消费直接扫码支付。"),
    ("沄州新闻网记者", SP2, "今年冬季旅游旺季快到了，针对入境游客，沄州会推出哪些新的线路和产品？"),
    ("周岚清", SP2, "今年冬季，我们围绕“温泉、古城、年俗”三个主题，推出“冬游沄州”入境旅游线路10条，其中3条为外国游客专门设计，"
                  "包括沄江古城年俗体验、南山温泉康养和非遗手作研学。12月至明年2月，全市还将举办沄江灯会、古城庙会等冬季文旅"
                  "活动56场，部分活动提供英文讲解。"),
    ("", "", "为方便外国游客出行，我们与市交通运输局合作，在机场和高铁站开通至沄江古城、南山温泉的旅游直通车，外国游客凭"
             "护照可以免费乘坐。我们也欢迎境外旅行商来沄州踩线，对组织入境团队游的旅行社，按照《若干措施》给予每人次"
             "最高100元的奖励。"),
    (HOST, SP2, "今天的新闻发布会到此结束。谢谢各位发布人，谢谢各位记者朋友！"),
]
CLOSING = "（沄州市人民政府新闻办公室根据现场录音整理）"


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋_GB2312", 14)
    props = doc.core_properties
    props.author = "yzxwb"
    props.title = TITLE
    props.created = dt.datetime(2024, 11, 21, 14, 0, 0)
    props.modified = dt.datetime(2024, 11, 21, 17, 20, 0)
    props.last_modified_by = "yzxwb"
    props.revision = 3

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(title, TITLE, bold=True)
    for line in HEADER:
        doc.add_paragraph(line)
    doc.add_paragraph(FICTION)
    for speaker, sep, text in BODY:
        paragraph = doc.add_paragraph()
        if speaker:
            add_text(paragraph, speaker, bold=True)
        paragraph.add_run(sep + text)  # a "\t" becomes Word's w:tab
    closing = doc.add_paragraph()
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    closing.add_run(CLOSING)

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 11, 21, 17, 20, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
