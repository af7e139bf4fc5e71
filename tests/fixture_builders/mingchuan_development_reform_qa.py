"""Builds tests/fixtures/layouts10/mingchuan-development-reform-qa.docx: a FICTIONAL 答记者问 of 茗川市发展和改革委员会.

Layout exercised: a 答记者问 posted as a .docx attachment. The header block is a two-column Word table (发布机构 /
发布日期 / 文号); the title names the answerer only as a role of a 委 written short, "市发展改革委有关负责人"; the full
name of the unit (茗川市发展和改革委员会) is only in the table. Questions are "问：" paragraphs with the label in a bold
run, answers "答：" paragraphs. The third answer opens "答：（市财政局有关负责人）": that answer is given by another unit's
负责人, noted in brackets at its start. The closing 附 line and the unit signature are not turns.

    /work/main/.venv/bin/python tests/fixture_builders/mingchuan_development_reform_qa.py

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

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts10" / "mingchuan-development-reform-qa.docx"

META = [("发布机构", "茗川市发展和改革委员会"), ("发布日期", "2024年9月12日"), ("文　　号", "茗发改投资〔2024〕57号")]
TITLE = "市发展改革委有关负责人就《茗川市促进民间投资高质量发展若干措施》答记者问"
FICTION_NOTE = "（本文为虚构示例，人物、机构、数据和电话均为虚构，仅供软件测试使用。）"
LEAD = ("近日，经市政府同意，市发展改革委印发了《茗川市促进民间投资高质量发展若干措施》（以下简称《若干措施》）。"
        "市发展改革委有关负责人就《若干措施》的主要内容回答了记者提问。")

# ("Q", text) a question after a bold "问："; ("A", text) an answer after "答："
BODY: list[tuple[str, str]] = [
    ("Q", "出台《若干措施》的背景是什么？"),
    ("A", "民间投资是我市投资的主体。2023年，全市民间投资完成1126亿元，占固定资产投资的58.4%。今年以来，受市场预期"
          "等因素影响，1至7月民间投资同比仅增长2.1%，低于全部投资增速3.5个百分点。为进一步激发民间投资活力，我们在"
          "深入走访312家民营企业的基础上，研究起草了《若干措施》，共5个方面22条。"),
    ("Q", "《若干措施》在扩大民间投资准入方面有哪些举措？"),
    ("A", "《若干措施》明确，每年滚动推出不少于100个、总投资不低于500亿元的项目向民间资本推介，重点涵盖新型基础设施、"
          "交通、能源、社会事业等领域。除涉及国家安全的项目外，不得对民营企业设置额外的资质、业绩等门槛。今年10月底前，"
          "我们将在市公共资源交易平台上线“民间投资项目推介专区”，企业可以随时查询项目信息，咨询电话0759-6218 8890。"),
    ("Q", "对民间投资项目有哪些资金支持？"),
    ("A", "（市财政局有关负责人）市财政每年安排专项资金3亿元，对新建民间投资项目按设备投资额的8%给予补助，单个项目最高"
          "1000万元。对获得银行贷款的民间投资项目，按贷款市场报价利率的50%给予贴息，贴息期限最长2年。同时，市融资担保"
          "集团对符合条件的项目提供担保，担保费率不超过1%。资金申报每年3月和9月集中受理，申报指南在市财政局网站发布。"),
    ("Q", "如何保障《若干措施》落到实处？"),
    ("A", "我们将建立民间投资项目“首席服务员”制度，对总投资5000万元以上的项目逐一明确一名服务专员，全程跟踪审批、"
          "用地、用能等环节。企业反映的问题，5个工作日内给予答复。市发展改革委每季度对各县（市、区）民间投资增速进行"
          "通报，并把民间投资工作纳入年度高质量发展综合绩效考核。"),
]
CLOSING = "附件：茗川市促进民间投资高质量发展若干措施"
SIGNATURE = ["茗川市发展和改革委员会", "2024年9月12日"]


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋_GB2312", 15)
    props = doc.core_properties
    props.author = "mcfgw"
    props.title = TITLE
    props.created = dt.datetime(2024, 9, 12, 9, 0, 0)
    props.modified = dt.datetime(2024, 9, 12, 9, 40, 0)
    props.last_modified_by = "mcfgw"
    props.revision = 2

    table = doc.add_table(rows=len(META), cols=2)
    table.style = "Table Grid"
    for row, (label, value) in zip(table.rows, META):
        row.cells[0].text = label
        row.cells[1].text = value

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)
    note = doc.add_paragraph()
    run = note.add_run(FICTION_NOTE)
    run.italic = True
    run.font.size = Pt(10.5)

    doc.add_paragraph(LEAD)
    for kind, text in BODY:
        p = doc.add_paragraph()
        add_text(p, "问：" if kind == "Q" else "答：", bold=(kind == "Q"))
        add_text(p, text)
    doc.add_paragraph(CLOSING)
    for line in SIGNATURE:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 9, 12, 9, 40, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
