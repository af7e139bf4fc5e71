"""38. What the thirty-first batch of layouts (held out) found, each rule tested on text of its own: a 信息公开
答复书 answering numbered requests, a policy booklet with a contents page, running heads and a question another unit
answered, a quiz with its key, a grid worker's column with the comments under it, and a page of arbitration cases
(tests/test_parser_held_out.py holds sections 1 to 36, _30 section 37)."""

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


DIARY = """# 网格员日记｜这一周居民问了我这些事

原创　柳岸社区　2026年04月18日

“网格员日记”是柳岸社区公众号的栏目，答不了的带回来找相关部门问清楚，再在这里回复。

**本期作者**：林小雨（澜州市澜东区青溪街道柳岸社区居民委员会第2网格专职网格员）

## 4月13日　星期一

**居民问**：我们小区什么时候加装电梯？要自己掏钱吗？

**我的回答**：今年列入计划的有6栋，政府每台补贴20万元，其余由业主分摊。

**居民问**：我辞职回来开网店，社保能自己交吗？

（这个问题我请教了青溪街道社会保障服务所所长周敏，下面是她的答复。）

**周敏答复**：可以以灵活就业人员身份参保，到街道便民服务中心社保窗口办理。

**居民问**：楼上漏水，物业说管不了，该找谁？

（我联系了澜州安居物业服务有限公司柳岸物业服务中心，经理郑浩给了答复。）

**郑浩答复**：物业有义务协调，本周六上午和房东一起进户查看。

**居民问**：能不能把小区中间的绿地改成停车位？

**我的回答**：您的建议我已经记下来了，报给了社区“两委”，会在5月的居民议事会上讨论。

---

**精选留言**

- **3栋王女士**：充电车棚晚上几点关门？　👍 12
  - **作者**：王女士您好，充电车棚24小时开放。　👍 3
- **柳岸老吴**：楼道灯能换成感应灯吗？　👍 7

---

本文由澜州市澜东区青溪街道柳岸社区居民委员会原创

文字：林小雨　编辑：方沁
"""


def test_a_column_its_author_answers_in_the_first_person_with_those_she_asked_and_the_comments() -> None:
    interview = parse_text(DIARY, "diary.md")
    assert interview.metadata.bureau == "澜州市澜东区青溪街道柳岸社区居民委员会"
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("我们小区什么时候加装电梯？要自己掏钱吗？", "林小雨"),
        ("我辞职回来开网店，社保能自己交吗？", "周敏"),
        ("楼上漏水，物业说管不了，该找谁？", "郑浩"),
        ("充电车棚晚上几点关门？　👍 12", "澜州市澜东区青溪街道柳岸社区居民委员会")]  # the account replies
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("林小雨", "第2网格专职网格员", "澜州市澜东区青溪街道柳岸社区居民委员会"),
        ("周敏", "社会保障服务所所长", "澜州市澜东区青溪街道办事处"),  # a street's 所: its 街道办事处
        ("郑浩", "澜州安居物业服务有限公司柳岸物业服务中心经理", ""),  # a company's manager speaks for no bureau
        ("澜州市澜东区青溪街道柳岸社区居民委员会", None, "澜州市澜东区青溪街道柳岸社区居民委员会")}


CASES = ("<html><head><title>典型案例</title></head><body><h1>2025年度澜州市劳动人事争议典型案例</h1>"
         "<p>发布时间：2026-04-28 来源：市人力资源和社会保障局</p>"
         "<p>市人力资源和社会保障局选取3件典型案例予以发布，并邀请办案仲裁员进行解读。</p>"
         "<h3>案例一 外卖骑手与站点之间是否存在劳动关系？</h3>"
         "<p>【基本案情】王某注册为个体工商户后在站点送餐，每天在线接单。</p>"
         "<p>【处理结果】仲裁委员会裁决确认双方存在劳动关系。</p><p>【仲裁员说法】</p>"
         "<p><strong>澜州市劳动人事争议仲裁院仲裁一庭庭长 蒲晓岚：</strong></p>"
         "<p>认定劳动关系，要看劳动管理的事实。劳动人事争议仲裁不收取任何费用。</p>"
         "<h3>案例二 离职时年休假没休完，能向公司要钱吗？</h3>"
         "<p>【基本案情】赵某离职时有5天年休假未休。</p><p>【处理结果】裁决公司支付未休年休假工资报酬。</p>"
         "<p>【仲裁员说法】</p><p><strong>仲裁员 蒲晓岚：</strong></p><p>未休年休假按日工资的300%支付。</p>"
         "<h3>案例三 公司拖欠工资，劳动者辞职能否要求经济补偿？</h3>"
         "<p>【基本案情】公司连续3个月未发工资。</p><p>【法律提示】劳动者可以解除劳动合同并要求经济补偿。</p>"
         "</body></html>")


def test_cases_the_page_answers_itself_then_its_arbitrators_each_under_their_own_unit(tmp_path: Path) -> None:
    (tmp_path / "cases.html").write_text(CASES, encoding="utf-8")
    interview = parse_file(tmp_path / "cases.html")
    assert interview.metadata.bureau == "澜州市人力资源和社会保障局"  # the page's source, which answers itself
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("外卖骑手与站点之间是否存在劳动关系？", "澜州市人力资源和社会保障局"), ("外卖骑手与站点之间是否存在劳动关系？", "蒲晓岚"),
        ("离职时年休假没休完，能向公司要钱吗？", "澜州市人力资源和社会保障局"), ("离职时年休假没休完，能向公司要钱吗？", "蒲晓岚"),
        ("公司拖欠工资，劳动者辞职能否要求经济补偿？", "澜州市人力资源和社会保障局")]
    # named again as "仲裁员", she keeps the title she came with; the 仲裁院's 庭 is hers, the 仲裁院 a unit of its own
    assert {(p.role, p.bureau) for p in interview.passages if p.speaker == "蒲晓岚"} == {
        ("仲裁一庭庭长", "澜州市劳动人事争议仲裁院")}
