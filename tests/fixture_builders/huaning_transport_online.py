"""Builds tests/fixtures/layouts11/huaning-transport-online.docx: a FICTIONAL 在线访谈 of 桦宁市交通运输局.

Layout exercised: an online-interview transcript saved as .docx where every speaker's label is a Word heading of its
own (style "Heading 3", no colon) and the words follow as ordinary paragraphs: "主持人", "谭卫东（市交通运输局党组书记、
局长）" on first appearance and "谭卫东" afterwards, "柴小芸（市交通运输局客运管理科科长）", "网友“夜归人”". The header
block (访谈主题/时间/嘉宾) is plain paragraphs under a Heading 1 title; the 嘉宾 lines give the full unit name
(桦宁市交通运输局). The guests' greetings, the host's welcome, transitions and closing, and the 编辑 line are not turns.
谭卫东's second answer runs over two paragraphs. The third question is answered by 谭卫东 then 柴小芸.

    /work/main/.venv/bin/python tests/fixture_builders/huaning_transport_online.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts11" / "huaning-transport-online.docx"

TITLE = "“便捷出行 畅通桦宁”在线访谈文字实录"
HEADER = [
    "访谈主题：便捷出行 畅通桦宁",
    "访谈时间：2024年9月10日 10:00—11:00",
    "访谈嘉宾：桦宁市交通运输局党组书记、局长 谭卫东\n　　　　　桦宁市交通运输局客运管理科科长 柴小芸",
    "主 持 人：何佳",
    "（本文为虚构示例，人物、机构、数据和电话均为虚构，仅供软件测试使用。）",
]

# (heading, [paragraphs]) a speaker heading (Heading 3) and what that speaker says
BODY: list[tuple[str, list[str]]] = [
    ("主持人", ["各位网友，大家好！欢迎来到“便捷出行 畅通桦宁”在线访谈。今天我们邀请到市交通运输局局长谭卫东和客运"
             "管理科科长柴小芸，欢迎两位嘉宾！"]),
    ("谭卫东（市交通运输局党组书记、局长）", ["主持人好，各位网友好！"]),
    ("柴小芸（市交通运输局客运管理科科长）", ["大家好！"]),
    ("主持人", ["谭局长，今年我市在改善市民公交出行方面有哪些新举措？"]),
    ("谭卫东", ["今年我们优化调整公交线路23条，新开通社区微循环线路8条，全市公交线网覆盖率提高到92.6%。新投放新能源"
             "公交车150辆，全市新能源公交占比达到96%。早晚高峰在12条客流量大的线路上加密班次，平均候车时间由12分钟"
             "缩短到8分钟。9月起，市民乘坐公交90分钟内换乘第二次免费。"]),
    ("主持人", ["下面我们进入网友提问环节。"]),
    ("网友“夜归人”", ["我经常加班到晚上十点多，那时候公交都停了，能不能开通夜班公交？"]),
    ("谭卫东", ["这个建议很多市民都提过。经过对出行大数据的分析，我们将于10月1日起开通N1、N2、N3三条夜班公交线路，"
             "运营时间为21:30至次日0:30，发车间隔20分钟，串联火车站、市中心医院和三个主要工业园区。",
             "夜班线路票价统一为2元，可以使用市民卡和手机扫码支付。运行一段时间后，我们会根据客流情况再增加线路，"
             "市民也可以通过交通服务热线0745-12328提出线路需求。"]),
    ("网友“小区业主”", ["我们小区门口有一个公交站台，没有候车亭，下雨天很不方便，该向哪里反映？"]),
    ("谭卫东", ["公交站台设施问题可以直接向我们反映，今年全市计划新建和改造候车亭260座。"]),
    ("柴小芸（市交通运输局客运管理科科长）", ["我补充一下具体的渠道。市民可以拨打0745-12328，或者在“桦宁交通”微信公众号“我要"
                               "反映”栏目提交站台名称和照片，我们5个工作日内派人现场勘查，具备建设条件的纳入当年改造计划，"
                               "一般3个月内完工。"]),
    ("网友“出租车司机老马”", ["网约车驾驶员证怎么办理？要多长时间？"]),
    ("柴小芸", ["申请人需要取得本地驾驶证3年以上、无交通肇事犯罪和吸毒记录等，先通过“桦宁交通”公众号预约考试，考试"
             "分全国公共科目和区域科目，每周二、四在市交通运输综合服务中心（北环路216号）举行。考试合格后，驾驶员证"
             "10个工作日内制发。今年以来全市已新办网约车驾驶员证1847张。"]),
    ("主持人", ["由于时间关系，本期访谈到此结束。感谢两位嘉宾，感谢网友们的关注！"]),
    ("谭卫东", ["谢谢大家！"]),
]
EDITOR = "（编辑：何佳　审核：吕新）"


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "宋体", 12)
    set_east_asian_font(doc.styles["Heading 1"], "黑体", 18)
    set_east_asian_font(doc.styles["Heading 3"], "黑体", 13)
    props = doc.core_properties
    props.author = "hnjtj"
    props.title = TITLE
    props.created = dt.datetime(2024, 9, 10, 14, 0, 0)
    props.modified = dt.datetime(2024, 9, 10, 15, 20, 0)
    props.last_modified_by = "hnjtj"
    props.revision = 3

    doc.add_heading(TITLE, level=1)
    for line in HEADER:
        add_text(doc.add_paragraph(), line)
    for speaker, paragraphs in BODY:
        doc.add_heading(speaker, level=3)
        for text in paragraphs:
            doc.add_paragraph(text)
    doc.add_paragraph(EDITOR)

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 9, 10, 15, 20, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
