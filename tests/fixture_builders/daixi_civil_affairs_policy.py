"""Builds tests/fixtures/layouts15/daixi-civil-affairs-policy.docx: a FICTIONAL 政策解读 of 岱汐市民政局.

Layout exercised: a 政策解读 whose questions and answers are the two columns of ONE Word table: a bold, shaded header
row "问题 | 解答", then one row per question (the question cell ends in "？"; the answer cell is the bureau's
answer, the third one in two paragraphs of the same cell). Above the table: the bold centred title paragraph, the
issuing-unit line "发布单位：岱汐市民政局　　发布日期：2024年6月18日" and a short intro paragraph; below it, the
咨询电话 line and the 附件 line, which are not turns. No person and no role is named: the bureau answers as itself.

    /work/main/.venv/bin/python tests/fixture_builders/daixi_civil_affairs_policy.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts15" / "daixi-civil-affairs-policy.docx"

TITLE = "《岱汐市最低生活保障审核确认办法》政策解读"
ISSUER = "发布单位：岱汐市民政局　　发布日期：2024年6月18日"
FICTION = "（本文为虚构示例，城市、人物、机构、数据和电话均为虚构，仅供软件测试使用。）"
INTRO = ("近日，《岱汐市最低生活保障审核确认办法》（以下简称《办法》）正式印发，自2024年7月1日起施行。为便于社会各界和"
         "困难群众准确理解《办法》内容，现就有关问题解读如下。")
HEAD = ("问题", "解答")
# (question cell, answer cell paragraphs)
ROWS: list[tuple[str, list[str]]] = [
    ("《办法》出台的背景是什么？",
     ["我市现行的最低生活保障审核审批办法于2019年制定，五年来在保障困难群众基本生活方面发挥了重要作用。随着"
      "社会救助制度改革的深入推进，原办法在申请渠道、收入认定、审核时限等方面已不能完全适应新形势。为此，我局在"
      "广泛征求意见的基础上修订形成了《办法》，共7章42条。截至今年5月底，全市共有低保对象3.16万户、4.87万人。"]),
    ("哪些家庭可以申请低保？",
     ["户籍在我市、共同生活的家庭成员人均月收入低于当地低保标准，且家庭财产状况符合规定的，可以申请低保。目前"
      "我市城乡低保标准统一为每人每月860元。《办法》明确，持有我市居住证满一年的非本市户籍家庭，也可以在居住地"
      "申请。"]),
    ("计算家庭收入时，哪些收入可以不算进去？",
     ["《办法》规定，国家规定的优待抚恤金、计划生育奖励与扶助金、见义勇为奖励金、教育救助金、残疾人两项补贴等"
      "不计入家庭收入。",
      "同时，家庭成员中有重残人员、重病患者的，因残因病产生的必要支出可以适当扣减；就业成员的收入，可以先扣除"
      "必要的就业成本，每人每月扣减标准为低保标准的30%，即258元。"]),
    ("从提出申请到批下来需要多长时间？",
     ["申请人可以向户籍所在地或者居住地的乡镇人民政府（街道办事处）提出申请，也可以通过“岱汐民政”微信公众号"
      "在线申请。《办法》将审核确认时限由原来的45个工作日压缩到30个工作日；特殊情况需要延长的，最长不超过45个"
      "工作日。对情况紧急的，可以先行给予临时救助。"]),
]
CONTACT = "政策咨询电话：岱汐市民政局 8123 4570（工作日 9:00—17:00）；12345政务服务便民热线。"
ATTACHMENT = "附件：岱汐市最低生活保障审核确认办法（全文）"


def _shade(cell, fill: str) -> None:  # type: ignore[no-untyped-def]
    props = cell._tc.get_or_add_tcPr()
    shading = props.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    props.append(shading)


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋_GB2312", 14)
    props = doc.core_properties
    props.author = "dxmzj"
    props.title = TITLE
    props.created = dt.datetime(2024, 6, 18, 9, 0, 0)
    props.modified = dt.datetime(2024, 6, 18, 10, 15, 0)
    props.last_modified_by = "dxmzj"
    props.revision = 3

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(title, TITLE, bold=True)
    issuer = doc.add_paragraph()
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(issuer, ISSUER)
    doc.add_paragraph(FICTION)
    doc.add_paragraph(INTRO)

    table = doc.add_table(rows=1 + len(ROWS), cols=2)
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, HEAD):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(paragraph, text, bold=True)
        _shade(cell, "D9E2F3")
    for row, (question, answer) in zip(table.rows[1:], ROWS):
        add_text(row.cells[0].paragraphs[0], question)
        add_text(row.cells[1].paragraphs[0], answer[0])
        for more in answer[1:]:
            add_text(row.cells[1].add_paragraph(), more)
    for row in table.rows:
        row.cells[0].width = Cm(5)
        row.cells[1].width = Cm(10.5)

    doc.add_paragraph(CONTACT)
    doc.add_paragraph(ATTACHMENT)

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 6, 18, 10, 15, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
