"""38. What the thirty-first batch of layouts (held out) found, each rule tested on text of its own: a 信息公开
答复书 answering numbered requests, a policy booklet with a contents page, running heads and a question another unit
answered, and a quiz with its key (tests/test_parser_held_out.py holds sections 1 to 36, _30 section 37)."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from index.parsing.parser import parse_file, parse_text


def _disclosure_reply() -> bytes:
    """A 政府信息公开申请答复书: the requests numbered once, then "一、关于第1项" over each answer."""
    document = docx.Document()
    for line in ("澜州市生态环境局", "政府信息公开申请答复书", "澜环依公开〔2026〕3号", "王某某：",
                 "本机关于2026年3月2日收到您的政府信息公开申请，您申请获取以下信息：",
                 "1．2025年澜州市城区空气质量优良天数是多少？",
                 "2．澜东化工园区某项目的环境影响评价批复文件。",
                 "3．澜东区某餐馆油烟扰民投诉的处理结果。",
                 "经审查，现答复如下：", "一、关于第1项", "2025年城区空气质量优良天数为312天，较2024年增加9天。",
                 "二、关于第2项", "您申请的信息予以公开。该项目于2025年8月14日获批复，批复文件随本答复书提供。",
                 "三、关于第3项",
                 "经核查，您申请的信息不属于本机关负责公开。建议您向澜州市城市管理局申请获取。",
                 "澜州市生态环境局", "2026年3月20日"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_disclosure_reply_answers_each_numbered_request_under_its_heading(tmp_path: Path) -> None:
    (tmp_path / "reply.docx").write_bytes(_disclosure_reply())
    interview = parse_file(tmp_path / "reply.docx")
    assert interview.metadata.bureau == "澜州市生态环境局"
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("2025年澜州市城区空气质量优良天数是多少？", "澜州市生态环境局"),
        ("澜东化工园区某项目的环境影响评价批复文件。", "澜州市生态环境局")]  # a request asks as it is
    # "not ours: ask the 城管局" answers nothing here
    assert not any("不属于本机关负责公开" in p.text for p in interview.passages if p.kind == "answer")


def test_what_a_question_label_opens_is_the_question_even_as_a_request() -> None:
    interview = parse_text("澜州市生态环境局答记者问\n\n问：请提供2025年全市重点排污单位名录。\n\n答：名录已在本局网站公开，共137家。\n")
    assert [t.question for t in interview.turns] == ["请提供2025年全市重点排污单位名录。"]


def _booklet() -> bytes:
    """A policy booklet: a contents page (dot leaders, page numbers), then pages whose running head is the title and
    the section's name, numbered questions, and a question another unit answered ("（此问由……提供）")."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(420, 595), invariant=1)
    pages = [
        ["目 录", "一、老年福利 ........................................ 1",
         "1. 高龄津贴发给谁？ ...................................... 1",
         "2. 助餐有补贴吗？ ........................................ 2",
         "3. 能免费体检吗？ ........................................ 3"],
        ["澜州市养老服务口袋书 一、老年福利", "1 高龄津贴发给谁？", "年满80周岁的本市户籍老人，每月80元。"],
        ["澜州市养老服务口袋书 二、居家养老", "2 助餐有补贴吗？", "60周岁以上老人在助餐点用餐每餐补贴2元。"],
        ["澜州市养老服务口袋书 三、健康", "3 能免费体检吗？", "65周岁以上老人每年可以在社区卫生服务中心免费做一次",
         "健康体检。", "（此问由澜州市卫生健康委员会提供）"],
        ["咨询电话：0123-8830215", "澜州市民政局 编印"],  # the back cover
    ]
    for lines in pages:
        page.setFont("WQY", 10)
        for k, line in enumerate(lines):
            page.drawString(30, 560 - k * 40 + (25 if line == "健康体检。" else 0), line)  # a paragraph's second line
        page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_booklet_leaves_out_its_contents_and_running_heads_and_credits_a_question_to_who_gave_it(
        tmp_path: Path) -> None:
    (tmp_path / "booklet.pdf").write_bytes(_booklet())
    interview = parse_file(tmp_path / "booklet.pdf")
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("高龄津贴发给谁？", "澜州市民政局"), ("助餐有补贴吗？", "澜州市民政局"), ("能免费体检吗？", "澜州市卫生健康委员会")]
    assert not any("口袋书" in p.text or "...." in p.text for p in interview.passages)


QUIZ = """澜州市垃圾分类知识竞赛题库

澜州市城市管理局

一、单项选择题

1．我市生活垃圾分为（　）。
A．四类
B．三类
答案：A
解析：《条例》规定，本市生活垃圾分为可回收物、厨余垃圾、有害垃圾和其他垃圾四类。

2．废弃的无汞干电池应投放到（　）。
A．有害垃圾收集容器
B．其他垃圾收集容器
答案：B
解析：无汞干电池属于其他垃圾，纽扣电池属于有害垃圾。

二、填空题

3．混装混运可以拨打热线__________投诉。
答案：12319
解析：拨打城市管理服务热线12319投诉，3个工作日内反馈。
"""


def test_a_quiz_asks_with_each_stem_and_its_options_and_answers_with_the_key_and_explanation() -> None:
    interview = parse_text(QUIZ)
    assert interview.metadata.bureau == "澜州市城市管理局"
    turns = [(t.question, t.answerer) for t in interview.turns if t.answer]
    assert turns == [("我市生活垃圾分为（　）。\nA．四类\nB．三类", "澜州市城市管理局"),
                     ("废弃的无汞干电池应投放到（　）。\nA．有害垃圾收集容器\nB．其他垃圾收集容器", "澜州市城市管理局"),
                     ("混装混运可以拨打热线__________投诉。", "澜州市城市管理局")]
    assert any("3个工作日内反馈" in p.text and p.kind == "answer" for p in interview.passages)
    assert not any(p.speaker == "解析" for p in interview.passages)
