"""Builds tests/fixtures/layouts25/xingzhang-transport-tv-script.docx: a FICTIONAL TV news script (播出台本) of 荇嶂广播
电视台's 《民生直通车》, a report on the city's bus-route changes in which 荇嶂市交通运输局 answers citizens and the
reporter, as the station's 新闻部 files it with the programme archive and posts it with the video.

Layout exercised: a broadcast script. A header Word table (栏目, 播出日期, 标题, 时长, 记者, 摄像, 编辑, 审核); then
paragraphs each opening with a bracketed cue: 【演播室导语】 (the anchor's words), 【画面】 (shot notes), 【解说】
(the reporter's narration over pictures), 【记者出镜】 (the reporter on camera, here asking a question), 【同期声】
(someone filmed speaking: who it is only in the on-screen caption, "（字幕：荇嶂市交通运输局党组书记、局长　练思远）",
the words in the next paragraph(s)), 【演播室结束语】. Citizens' 同期声 ask; the officials' answer. Nobody is labelled by
name with a colon.

    /work/main/.venv/bin/python tests/fixture_builders/xingzhang_transport_tv_script.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.shared import Pt

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts25" / "xingzhang-transport-tv-script.docx"

HEADER = [
    ("栏目", "《民生直通车》（荇嶂广播电视台新闻综合频道）"),
    ("播出日期", "2025年8月12日　18:30"),
    ("标题", "公交线路优化调整　市民关心的问题有了回应"),
    ("时长", "4分36秒"),
    ("记者", "晏知夏"),
    ("摄像", "石北辰"),
    ("编辑", "祁一苇"),
    ("审核", "郎悦川"),
]
FICTION = "（本台本为虚构示例，城市、机构、人物、线路、数据和电话均为虚构，仅供软件测试使用。）"
OFFICIAL = "（字幕：荇嶂市交通运输局党组书记、局长　练思远）"
SECTION_CHIEF = "（字幕：荇嶂市交通运输局城市客运管理科科长　阮清禾）"

# (cue, words under the cue or None, paragraphs that follow)
SCRIPT: list[tuple[str, str | None, list[str]]] = [
    ("【演播室导语】", "观众朋友，8月1日起，我市对23条公交线路进行了优化调整。线路变了，有的市民出行更方便了，也有市民遇到了新的"
     "麻烦。这些问题怎么解决？我们的记者带着市民的疑问走进了市交通运输局。", []),
    ("【画面】", "早高峰嶂北新村公交站台，乘客排队候车；12路公交车驶过。", []),
    ("【解说】", "家住嶂北新村的韩女士每天坐12路公交车上班。8月1日线路调整后，12路不再经过她家小区门口。", []),
    ("【同期声】", "（字幕：市民　韩女士）",
     ["我现在要多走十几分钟才能坐上车，下雨天就更麻烦了。我就想问问，我们小区门口还能不能再设一个站？"]),
    ("【解说】", "记者把韩女士的问题带到了市交通运输局。", []),
    ("【同期声】", SECTION_CHIEF,
     ["嶂北新村这个情况我们已经注意到了。12路改线以后，小区东门到最近的站点有800米左右。我们准备从8月20日起，"
      "把新开的36路延伸到嶂北新村东门，设一个站，早晚高峰10分钟一班，平峰15分钟一班，可以接驳到地铁2号线嶂北站。"]),
    ("【画面】", "市交通运输局公交运营调度中心，大屏显示线路客流热力图。", []),
    ("【记者出镜】", "练局长，这次一下子调整了23条线路，不少市民一开始不太适应。调整的依据是什么？", []),
    ("【同期声】", OFFICIAL,
     ["这次调整不是拍脑袋定的。我们用了半年时间，分析了全市公交刷卡和扫码的1.2亿条出行数据，又做了3000多份问卷，"
      "发现有一些线路和地铁2号线重复超过六成，车上常常没几个人；而新建的荇湖新区、嶂北产业园却没有公交到门口。",
      "所以这次调整的原则是“减重复、补空白、强接驳”：撤并重复线路5条，新开线路6条，优化走向12条。调整以后，全市"
      "公交站点500米覆盖率从91%提高到了96%，和地铁站的换乘距离平均缩短了120米。"]),
    ("【解说】", "调整方案公布后，市交通运输局开通了意见征集专线，半个月里收到市民意见1460条。", []),
    ("【记者出镜】", "不少上夜班的市民反映，晚上十点以后就很难坐上公交了。夜班公交有没有考虑？", []),
    ("【同期声】", SECTION_CHIEF,
     ["我们在这次调整里新开了N1、N2两条夜班线，运营时间是晚上10点到第二天凌晨1点，30分钟一班，串起了火车站、市"
      "第一人民医院和三个主要商圈。"]),
    ("【同期声】", OFFICIAL,
     ["我再补充一点。夜班线开了以后，我们会看客流，如果哪条线坐的人多，就加密班次；9月份我们还准备在嶂北产业园试点"
      "“定制公交”，企业和员工在“荇嶂出行”App上拼单下单，够15个人就可以开一趟。"]),
    ("【画面】", "公交车上，老年乘客刷卡上车。", []),
    ("【同期声】", "（字幕：市民　孙大爷）",
     ["我们老年人坐公交，现在不带卡光刷脸能行吗？孩子给我办的卡老是忘带。"]),
    ("【同期声】", SECTION_CHIEF,
     ["可以。65周岁以上的老年人在“荇嶂出行”App或者任意一个公交卡服务网点做一次人脸登记，就能刷脸乘车，免费乘车"
      "的待遇不变。目前全市1860辆公交车已经全部装好了刷脸设备，已有4.3万名老人开通。"]),
    ("【解说】", "据了解，线路调整后的一个月，全市公交日均客运量比调整前增加了6.8%。市交通运输局表示，将根据市民意见继续"
     "对线路进行微调。市民对公交线路有意见建议，可以拨打交通服务热线0123-9500 3110。", []),
    ("【演播室结束语】", "好，线路怎么走、站点怎么设，我们会继续关注。感谢收看今天的《民生直通车》，明天同一时间再见。", []),
]


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "宋体", 12)
    set_east_asian_font(doc.styles["Title"], "黑体", 16)
    props = doc.core_properties
    props.author = props.last_modified_by = "晏知夏"
    props.title = "民生直通车　播出台本　2025-08-12"
    props.subject = "播出台本"
    props.created = props.modified = dt.datetime(2025, 8, 12, 16, 5, 0)
    props.revision = 3

    doc.add_paragraph("荇嶂广播电视台新闻中心　播出台本", style="Title")
    table = doc.add_table(rows=len(HEADER), cols=2)
    table.style = "Table Grid"
    for row, (key, value) in zip(table.rows, HEADER):
        add_text(row.cells[0].paragraphs[0], key, bold=True)
        add_text(row.cells[1].paragraphs[0], value)
    doc.add_paragraph(FICTION)
    for cue, words, follow in SCRIPT:
        p = doc.add_paragraph()
        add_text(p, cue, bold=True)
        if words:
            run = p.add_run(words)
            if cue == "【画面】":
                run.italic = True
                run.font.size = Pt(10.5)
        for text in follow:
            doc.add_paragraph(text)
    end = doc.add_paragraph()
    add_text(end, "（完）")

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2025, 8, 12, 16, 5, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
