"""Builds tests/fixtures/layouts12/yanning-medical-security-press.docx: a FICTIONAL 新闻发布会 of 砚宁市医疗保障局.

Layout exercised: a press-conference transcript as .docx whose header block (时间/地点/发布人/主持人) is a two-column
Word table; the 发布人 cell gives unit+title+name on two soft-broken lines (砚宁市医疗保障局党组书记、局长 邓海鸣,
砚宁市卫生健康委员会副主任 罗晓青). In the transcript each turn is ONE Normal paragraph that opens with a bold label run
("主持人（市政府新闻办副主任 钱蕾）：", "邓海鸣：", "罗晓青：", "砚宁日报记者：") and the words follow in a plain run.
邓海鸣's opening 情况介绍 is not a turn. The second reporter asks two questions of both speakers at once; 罗晓青
answers "关于第一个问题，…" and 邓海鸣 "关于第二个问题，…" (one question, two answerers in that order). 邓海鸣's
answer to the first question runs over two paragraphs (the second has no label).

    /work/main/.venv/bin/python tests/fixture_builders/yanning_medical_security_press.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts12" / "yanning-medical-security-press.docx"

TITLE = "砚宁市长期护理保险制度扩面新闻发布会实录"
HEADER = [
    ("时　间", "2024年11月5日 上午10:00"),
    ("地　点", "砚宁市政府新闻发布厅"),
    ("发布人", "砚宁市医疗保障局党组书记、局长 邓海鸣\n砚宁市卫生健康委员会副主任 罗晓青"),
    ("主持人", "砚宁市人民政府新闻办公室副主任 钱蕾"),
]
FICTION = "（本文为虚构示例，城市、人物、机构、数据和电话均为虚构，仅供软件测试使用。）"

HOST = "主持人（市政府新闻办副主任 钱蕾）："
# (bold label or "" for a paragraph that continues the previous speaker, plain text)
BODY: list[tuple[str, str]] = [
    (HOST, "各位记者朋友，上午好！欢迎出席砚宁市政府新闻办新闻发布会。出席今天发布会的有：市医疗保障局党组书记、局长"
           "邓海鸣先生，市卫生健康委员会副主任罗晓青女士。首先，请邓海鸣局长介绍有关情况。"),
    ("邓海鸣：", "各位记者朋友，大家上午好！我市自2021年开展长期护理保险试点，三年来累计为5800多名重度失能人员支付护理"
              "费用1.9亿元。经省医保局同意，从2025年1月1日起，长期护理保险将由职工医保参保人扩大到城乡居民医保参保人，"
              "预计新增覆盖人口210万人。下面，我和罗晓青副主任回答大家的提问。"),
    (HOST, "下面进入提问环节，提问前请通报所在的新闻机构。"),
    ("砚宁日报记者：", "谢谢主持人。长期护理保险扩面以后，哪些人可以享受待遇？报销标准是多少？"),
    ("邓海鸣：", "扩面后，参加我市职工医保或城乡居民医保、因年老疾病伤残等导致失能持续6个月以上、经评估达到重度失能等级"
              "的人员，都可以申请享受待遇。"),
    ("", "在报销标准上，入住定点护理机构的，职工参保人按75%、居民参保人按70%支付；居家接受上门护理的，支付比例再提高5个"
         "百分点，每人每月最高支付限额为2400元。预计全市每年将新增受益人员3000人左右。"),
    ("砚宁广播电视台记者：", "我有两个问题，想请两位发布人分别回答。第一，护理服务机构够不够用，服务质量怎么保障？第二，"
                         "失能等级评估由谁来做，多长时间能出结果？"),
    ("罗晓青：", "关于第一个问题，目前全市有长期护理保险定点护理机构64家，其中医养结合机构29家，持证护理员2360人。今年"
              "我们将新增定点机构20家，并由市卫健委牵头开展护理员岗位培训，年内培训1500人次。对定点机构实行年度考核，"
              "考核不合格的限期整改，连续两年不合格的解除协议。"),
    ("邓海鸣：", "关于第二个问题，失能评估由市医保局委托的第三方评估机构组织，评估人员由医生和护士组成，上门入户评估。"
              "从受理申请到出具评估结论不超过30个工作日，评估结论有效期两年。对结论有异议的，可在收到结论后10个工作日内"
              "申请复评，复评免费。"),
    ("江岳经济报记者：", "参保人长期随子女在外地居住的，能不能享受长期护理保险待遇？"),
    ("邓海鸣：", "可以。异地居住的参保人备案后，可在居住地的定点护理机构接受服务，先由个人垫付，再凭发票和护理记录回参保地"
              "报销，支付比例与本地相同。我们正在与省内其他试点城市推进结算互通，力争明年上半年实现省内异地直接结算。"
              "具体可拨打医保服务热线0739-12393咨询。"),
    (HOST, "今天的新闻发布会到此结束。谢谢各位发布人，谢谢各位记者朋友！"),
]
EDITOR = "（来源：砚宁市人民政府新闻办公室　编辑：严可）"


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "宋体", 12)
    set_east_asian_font(doc.styles["Title"], "方正小标宋简体", 20)
    props = doc.core_properties
    props.author = "ynxwb"
    props.title = TITLE
    props.created = dt.datetime(2024, 11, 5, 15, 0, 0)
    props.modified = dt.datetime(2024, 11, 5, 16, 30, 0)
    props.last_modified_by = "ynxwb"
    props.revision = 2

    doc.add_paragraph(TITLE, style="Title")
    table = doc.add_table(rows=len(HEADER), cols=2)
    table.style = doc.styles["Table Grid"]
    for row, (key, value) in zip(table.rows, HEADER):
        add_text(row.cells[0].paragraphs[0], key, bold=True)
        add_text(row.cells[1].paragraphs[0], value)
    doc.add_paragraph(FICTION)
    for label, text in BODY:
        paragraph = doc.add_paragraph()
        if label:
            add_text(paragraph, label, bold=True)
        add_text(paragraph, text)
    doc.add_paragraph(EDITOR)

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 11, 5, 16, 30, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
