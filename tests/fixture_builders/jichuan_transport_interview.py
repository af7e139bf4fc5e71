"""Builds tests/fixtures/layouts9/jichuan-transport-interview.docx: a FICTIONAL newspaper 专访 of 霁川市交通运输局.

Layout exercised: a 专访 written as a news story, posted as a .docx attachment. The outlet line (霁川日报), the
headline "让群众出行更顺畅——访市交通运输局党组书记、局长王立新" (the bureau without its city), a byline and a lead
paragraph that gives the official's full title once (市交通运输局党组书记、局长王立新). Then the reporter's questions
are bold paragraphs with NO label; the answers are plain paragraphs quoting the official ("……”王立新说。",
"……”王局长说。", "王立新介绍，“……”"), never labelled. The second answer runs over two paragraphs. The closing
paragraph is the reporter's narrative, not a turn. The city is only in the outlet and the dateline (本报霁川讯).

    /work/main/.venv/bin/python tests/fixture_builders/jichuan_transport_interview.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts9" / "jichuan-transport-interview.docx"

OUTLET = "霁川日报　2024年5月20日　第03版：要闻"
TITLE = "让群众出行更顺畅"
SUBTITLE = "——访市交通运输局党组书记、局长王立新"
BYLINE = "本报记者　何静　通讯员　梁栋"
FICTION_NOTE = "（本文为虚构示例，人物、机构和数据均为虚构，仅供软件测试使用。）"
LEAD = ("本报霁川讯　今年是我市“交通建设提速年”。路网建设进展如何？公交出行怎样更方便？日前，记者专访了市交通运输局"
        "党组书记、局长王立新。")

# ("Q", text) a bold question with no label; ("A", text) a plain answer paragraph
BODY: list[tuple[str, str]] = [
    ("Q", "今年全市交通建设的重点项目有哪些，进展怎样？"),
    ("A", "“今年全市计划完成交通投资156亿元，续建和新开工重点项目39个。”王立新说，霁川至南屏高速公路全长52公里，目前"
          "桥梁桩基已完成82%，计划2025年10月通车；霁川北站综合交通枢纽将于今年8月投入使用，届时可实现高铁、公交、"
          "出租车“零换乘”。“我们对每个项目都明确了完工时间表，每季度向社会公布一次进度。”"),
    ("Q", "不少市民反映早高峰公交挤、等车久，有什么改善措施？"),
    ("A", "“这个问题我们一直放在心上。”王立新介绍，今年将新开和优化公交线路24条，在主城区开通6条“定制通勤快线”，"
          "早高峰发车间隔压缩到5分钟以内。市民可以通过“霁川公交”App提出定制线路需求，同一方向报名满30人即可研究开线。"),
    ("A", "“我们还会新增新能源公交车180辆，今年6月底前全部投入运营。”王局长说，全市公交站台电子站牌覆盖率将由目前的"
          "46%提高到70%，乘客到站就能看到车辆到站时间。"),
    ("Q", "农村群众出行难、农产品运出去难，交通部门怎么帮？"),
    ("A", "“农村公路是农民的致富路。”王立新说，今年全市将新改建农村公路380公里，改造危桥27座，实现所有20户以上自然村"
          "通硬化路。同时推进“客货邮融合”，利用农村客车捎带快递和农产品，目前已开通融合线路41条，每件快递的运输成本"
          "降低了约0.8元。群众对农村公路养护有意见，可以拨打0719-6612 5580反映。"),
    ("Q", "群众对交通执法有意见，可以向哪里反映？"),
    ("A", "“欢迎群众监督。”王局长说，全市交通执法全面推行“首违不罚”清单，首次轻微违法并及时改正的不予处罚，今年以来"
          "已适用1362起。对执法人员态度粗暴、乱罚款等问题，群众可以拨打12328交通运输服务监督电话投诉，我们承诺"
          "24小时内联系投诉人、5个工作日内反馈处理结果。"),
]
CLOSING = ("采访结束时，王立新告诉记者，市交通运输局将在6月举办“交通开放日”，邀请市民代表走进项目工地和公交调度中心，"
           "现场听取意见建议。")
EDITOR = "（责任编辑：高远）"


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "宋体", 12)

    props = doc.core_properties
    props.title = TITLE + SUBTITLE
    props.author = "jcrb"
    props.created = dt.datetime(2024, 5, 20, 8, 0, 0)
    props.modified = dt.datetime(2024, 5, 20, 8, 30, 0)
    props.last_modified_by = "jcrb"
    props.revision = 3

    outlet = doc.add_paragraph()
    run = outlet.add_run(OUTLET)
    run.font.size = Pt(10.5)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(20)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(sub, SUBTITLE)

    doc.add_paragraph(BYLINE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    note = doc.add_paragraph()
    run = note.add_run(FICTION_NOTE)
    run.italic = True
    run.font.size = Pt(10.5)

    doc.add_paragraph(LEAD)
    for kind, text in BODY:
        p = doc.add_paragraph()
        add_text(p, text, bold=(kind == "Q"))
    doc.add_paragraph(CLOSING)
    doc.add_paragraph(EDITOR).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 5, 20, 8, 30, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
