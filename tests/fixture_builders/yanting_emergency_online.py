"""Builds tests/fixtures/layouts8/yanting-emergency-online.docx: a FICTIONAL 在线访谈实录 of 雁汀市应急管理局.

Layout exercised: a 访谈实录 posted as a .docx attachment. The header block (访谈主题, 访谈时间, 访谈嘉宾, 主持人) is
plain paragraphs with the label in bold; the transcript itself is a two-column TABLE, one row per utterance: the
speaker in the left cell (主持人, the guest's bare name 蔡文博, 网友“山那边”), the words in the right cell, no colon
anywhere. The guest's full role (党委委员、副局长) is only in the 访谈嘉宾 line. One answer runs over two consecutive
rows of the guest (the second row has a soft line break inside). Host welcomes, transitions and the closing, and the
guest's greeting and goodbye, are rows too; they are not turns. An editor's note follows the table.

    /work/main/.venv/bin/python tests/fixture_builders/yanting_emergency_online.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts8" / "yanting-emergency-online.docx"

TITLE = "“防汛备汛 守护平安”在线访谈实录"
HEADER: list[tuple[str, str]] = [
    ("访谈主题：", "防汛备汛 守护平安"),
    ("访谈时间：", "2024年6月12日 15:00—16:00"),
    ("访谈嘉宾：", "雁汀市应急管理局党委委员、副局长 蔡文博"),
    ("主　持　人：", "雁汀市人民政府网 林可"),
]
FICTION_NOTE = "（本文为虚构示例，人物、机构和数据均为虚构，仅供软件测试使用。）"

ROWS: list[tuple[str, str]] = [
    ("主持人", "各位网友，大家下午好！这里是雁汀市人民政府网在线访谈。眼下正值主汛期，今天我们邀请到市应急管理局党委委员、"
              "副局长蔡文博，和大家聊聊防汛备汛和安全生产。欢迎蔡局长！"),
    ("蔡文博", "主持人好，各位网友好！"),
    ("主持人", "蔡局长，入汛以来我市应急管理工作有哪些重点？"),
    ("蔡文博", "今年我们把“以防为主”落到实处。入汛前，全市排查整治各类风险隐患1873处，目前已整改1791处，剩余的全部落实了"
              "临时管控措施。我们修订完善了市、县、乡三级防汛应急预案，组织开展各类演练216场，参与群众2.4万人次。"),
    ("蔡文博", "同时，我们在全市预置了抢险救援队伍138支、3900余人，储备冲锋舟、排涝泵车等物资装备5.6万件（套），\n"
              "确保一旦发生险情，30分钟内能到达现场。"),
    ("主持人", "谢谢蔡局长。下面进入网友提问环节。"),
    ("网友“山那边”", "我家住在山脚下，下暴雨时怎么知道要不要转移？"),
    ("蔡文博", "山洪地质灾害危险区的每一户群众，我们都落实了“一户一卡”，卡上写明了转移路线、安置点和联系人。发布暴雨红色"
              "预警或者村里的预警广播、铜锣响起时，要立即按卡上的路线转移到安置点，不要等、不要犹豫。全市已设置避险安置点"
              "412个，可同时安置8.6万人。如果发现山体开裂、溪水突然变浑，请第一时间拨打0772-3637 119报告。"),
    ("网友“老周”", "小区里电动车进楼道充电，物业管不了怎么办？"),
    ("蔡文博", "电动自行车进楼入户、飞线充电，是很大的火灾隐患。今年我们联合消防、住建等部门开展专项整治，全市新建改建"
              "集中充电车位4.2万个，老旧小区覆盖率达到85%。物业劝阻无效的，居民可以拨打12345或者向所在社区报告，由街道"
              "综合执法队依法处理，今年已查处违规充电行为1300余起。"),
    ("主持人", "企业安全生产方面，今年的执法检查有什么特点？"),
    ("蔡文博", "今年我们推行“精准执法”，聚焦危险化学品、工贸、矿山等重点行业，对企业实施分级分类监管，高风险企业每季度"
              "至少检查1次，低风险企业不打扰。1至5月，全市共检查企业2316家次，查处隐患6540项，立案处罚97起。我们还开通了"
              "安全生产举报奖励通道，核实后最高奖励30万元。"),
    ("主持人", "今天的访谈就到这里。感谢蔡局长，也感谢各位网友的参与，我们下期再见！"),
    ("蔡文博", "谢谢大家，汛期请注意安全！"),
]

EDITOR_NOTE = "（根据访谈录音整理，网友提问有删节。）"
SOURCE = "雁汀市人民政府办公室　2024年6月13日"


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "宋体", 12)

    props = doc.core_properties
    props.title = TITLE
    props.author = "ytgov"
    props.created = dt.datetime(2024, 6, 13, 9, 0, 0)
    props.modified = dt.datetime(2024, 6, 13, 9, 40, 0)
    props.last_modified_by = "ytgov"
    props.revision = 2

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)

    for label, value in HEADER:
        p = doc.add_paragraph()
        add_text(p, label, bold=True)
        add_text(p, value)

    note = doc.add_paragraph()
    run = note.add_run(FICTION_NOTE)
    run.italic = True
    run.font.size = Pt(10.5)

    heading = doc.add_paragraph()
    add_text(heading, "文字实录", bold=True)

    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for speaker, words in ROWS:
        cells = table.add_row().cells
        cells[0].width = Cm(3.2)
        cells[1].width = Cm(12.8)
        add_text(cells[0].paragraphs[0], speaker, bold=True)
        add_text(cells[1].paragraphs[0], words)

    doc.add_paragraph(EDITOR_NOTE)
    doc.add_paragraph(SOURCE).alignment = WD_ALIGN_PARAGRAPH.RIGHT

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 6, 13, 9, 40, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
