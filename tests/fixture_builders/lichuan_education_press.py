"""Builds tests/fixtures/layouts6/lichuan-education-press.docx: a FICTIONAL 新闻发布会 transcript of 黎川市教育局.

Layout exercised: a .docx transcript as a city government's news office posts it. The title is a bold, centred
Normal paragraph (no Heading style); 时间 and 地点 share ONE paragraph split by a soft line break; "发布人：" stands on
its own paragraph followed by one paragraph per speaker ("黎川市教育局党组书记、局长 郑立群"). In the transcript every
speaker label is a BOLD paragraph of its own with nothing else in it, and the words follow in the next, plain
paragraph(s): "主持人（市政府新闻办副主任 方可）", "黎川日报记者", "郑立群（市教育局党组书记、局长）",
"唐敏（清源区人民政府副区长）". The labels carry no colon at all. Two units answer: the bureau (市教育局) and a
district government (黎川市清源区人民政府); one question is answered by both in turn, with a host hand-back
("请唐敏副区长补充。") between them. Answers open with courtesies (谢谢你的提问。).

    /work/main/.venv/bin/python tests/fixture_builders/lichuan_education_press.py

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

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts6" / "lichuan-education-press.docx"

TITLE = "黎川市人民政府新闻办公室“2024年秋季开学暨教育惠民工作”新闻发布会"
WHEN_WHERE = "时间：2024年8月27日 上午10:00\n地点：黎川市政务服务中心三楼新闻发布厅"
SPEAKERS_HEAD = "发布人："
SPEAKERS = [
    "黎川市教育局党组书记、局长 郑立群",
    "黎川市清源区人民政府副区长 唐敏",
]
HOST_LINE = "主持人：黎川市人民政府新闻办公室副主任 方可"
FICTION_NOTE = "（本文为虚构示例，人物、机构和数据均为虚构，仅供软件测试使用。）"
RECORD_HEAD = "发布会实录"

HOST = "主持人（市政府新闻办副主任 方可）"
ZHENG = "郑立群（市教育局党组书记、局长）"
TANG = "唐敏（清源区人民政府副区长）"

# (bold speaker paragraph, [plain paragraphs that follow it])
TRANSCRIPT: list[tuple[str, list[str]]] = [
    (HOST, [
        "各位记者朋友，大家上午好！欢迎参加市政府新闻办举行的新闻发布会。再过几天，全市中小学就要迎来秋季开学。"
        "出席今天发布会的有：市教育局党组书记、局长郑立群先生，清源区人民政府副区长唐敏女士。发布会的书面材料已经"
        "发给大家，下面进入提问环节，请记者朋友提问，提问前请先通报所在的新闻机构。",
    ]),
    ("黎川日报记者", [
        "全市中小学今年秋季新增了多少学位？能不能满足入学需求？",
    ]),
    (ZHENG, [
        "谢谢你的提问。今年我们把新增学位作为教育民生的头号工程，全市新建、改扩建中小学和幼儿园14所，秋季学期新增"
        "学位1.26万个，其中义务教育学位9800个。",
        "今年全市小学一年级预计招生2.31万人，初中一年级预计招生2.08万人，学位总体能够满足需求。对城区部分生源集中的"
        "学校，我们通过调整学区、集团化办学等方式统筹安排，确保适龄儿童“应入尽入”。",
    ]),
    ("黎川广播电视台记者", [
        "清源区是近几年城区人口增长最快的区域，入学压力比较大，区里采取了哪些措施？",
    ]),
    (TANG, [
        "感谢记者朋友的关注。清源区近三年常住人口年均增长约1.8万人，学位需求确实比较紧张。我们从三个方面着手："
        "一是加快建设，今年建成清源实验小学、滨河初级中学等5所学校，新增学位5400个；二是挖潜扩容，利用3所学校的"
        "闲置校舍改造出48间教室；三是提前摸排，8月初已经完成全区新生入学信息核验，对随迁子女入学实行“一站式”"
        "办理，符合条件的随迁子女全部就近安排公办学校就读。",
    ]),
    ("黎川晚报记者", [
        "不少家长关心课后服务，今年秋季学期课后服务有什么新变化？费用怎么收？",
    ]),
    (ZHENG, [
        "谢谢你的提问。今年秋季学期，全市义务教育学校课后服务继续实行“5+2”模式，即每周5天、每天至少开展2小时，"
        "结束时间与当地正常下班时间相衔接。在内容上，我们推出了科技、体育、艺术等12大类、460多门特色课程，由学生"
        "自愿选择。",
        "收费方面，课后服务按每生每学期不超过400元的标准收取服务性收费，家庭经济困难学生全部免收，所需经费由财政"
        "保障。",
    ]),
    (HOST, [
        "请唐敏副区长补充。",
    ]),
    (TANG, [
        "我补充一点清源区的做法。区里统筹了青少年宫、科技馆等28家校外场所，为学校课后服务提供场地和师资，全区"
        "46所中小学已全部开设至少10门特色课程。此外，我们在暑期试点开办了“爱心托管班”，共服务学生3200人次，"
        "今年寒假还将继续举办。",
    ]),
    ("黎川新闻网记者", [
        "在家庭经济困难学生资助方面，今年有哪些政策？",
    ]),
    (ZHENG, [
        "我们建立了覆盖学前教育到高中阶段的资助体系。对家庭经济困难幼儿每生每年资助1000元；义务教育阶段家庭经济"
        "困难寄宿生，小学每生每年补助1000元、初中1250元；普通高中国家助学金平均每生每年2000元，并免除建档立卡等"
        "家庭经济困难学生学杂费。",
        "去年全市共资助学生4.7万人次，发放资助资金6180万元。今年秋季学期的资助申请将在9月20日前完成，学生可以向"
        "所在学校提出申请，资金将在11月底前发放到位。",
    ]),
    ("黎川日报记者", [
        "清源区今年新建的几所学校什么时候能投入使用？师资怎么配备？",
    ]),
    (TANG, [
        "谢谢。清源实验小学、滨河初级中学等5所新建学校已经通过竣工验收，将在9月1日开学时正式投入使用。师资方面，"
        "区里今年通过公开招聘、人才引进等方式新招聘教师236名，同时从区内优质学校选派42名骨干教师到新校任教，"
        "新校的校长全部由区级以上名校长担任，确保新学校开学就有好质量。",
    ]),
    (HOST, [
        "由于时间关系，今天的发布会就到这里。感谢各位发布人，感谢各位记者朋友！",
    ]),
]


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋", 14)

    props = doc.core_properties
    props.title = TITLE
    props.author = "lcxwb"
    props.created = dt.datetime(2024, 8, 27, 14, 0, 0)
    props.modified = dt.datetime(2024, 8, 27, 15, 20, 0)
    props.last_modified_by = "lcxwb"
    props.revision = 2

    title = doc.add_paragraph()  # bold and centred, no Heading style
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)

    add_text(doc.add_paragraph(), WHEN_WHERE)
    doc.add_paragraph(SPEAKERS_HEAD)
    for line in SPEAKERS:
        doc.add_paragraph(line).paragraph_format.left_indent = Pt(28)
    doc.add_paragraph(HOST_LINE)

    note = doc.add_paragraph()
    run = note.add_run(FICTION_NOTE)
    run.italic = True
    run.font.size = Pt(10.5)

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run(RECORD_HEAD).bold = True

    for speaker, paragraphs in TRANSCRIPT:
        add_text(doc.add_paragraph(), speaker, bold=True)
        for text in paragraphs:
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(28)
            add_text(p, text)

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 8, 27, 15, 30, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
