"""54. What the forty-seventh batch of layouts (held out) found, each rule tested on text of its own: a mayor's press
conference labelled by short roles, a 论证会's minutes, a paper's 承诺回头看 and a children's Q&A page
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _46 sections 37 to 53)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.declared import declared_brackets, declared_units
from index.parsing.parser import parse_file
from index.parsing.speakers import find_label, read_label

MAYOR = """汶澜新闻网　|　首页　两会专题

汶澜市市长记者会文字实录

来源：汶澜新闻网　　阅读 2.1万

汶澜市人民政府市长符云舟与中外记者见面。市人力资源和社会保障局局长柯语晨一同出席。

说明：实录中以〔〕标注发言人，对应如下：〔市长〕符云舟，〔人社局长〕柯语晨。

〔汶澜日报记者〕
市长您好！今年的增长目标依据是什么？
〔市长〕
是经过反复测算定下来的。
〔汶澜电视台记者〕
今年高校毕业生有多少？
〔人社局长〕
约2.6万人。

相关稿件：
・今年的民生实事，你最期待哪一件？
"""


def test_short_bracketed_roles_are_whom_the_note_pairs_them_with_and_a_mayor_speaks_for_the_government(
        tmp_path: Path) -> None:
    assert declared_brackets("说明：〔市长〕符云舟，〔人社局长〕柯语晨。") == {"市长": "符云舟", "人社局长": "柯语晨"}
    assert declared_brackets("【现场】记者会开始。") == {}  # a tag before words is no key to the labels
    path = tmp_path / "mayor.txt"
    path.write_text(MAYOR, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市人民政府"  # the 市长 answers first, for the government he heads
    assert [(t.question[:4], t.answerer) for t in interview.turns if t.question and t.answer] == [
        ("今年的增", "符云舟"), ("今年高校", "柯语晨")]  # the greeting 市长您好！ is no part of the question
    assert interview.metadata.outlet == "汶澜新闻网"  # not "汶澜新闻网　　阅读 2.1万"
    assert all("民生实事" not in p.text for p in interview.passages if p.kind == "answer")  # 相关稿件 is no one


MINUTES = """《汶澜市停车收费调整方案（草案）》专家论证会纪要

主 持 人　汶澜市城市管理局副局长　霍清扬
论证专家　汶澜市规划设计研究院高级工程师

说明：论证专家的意见按发言先后记为专家甲、专家乙；“承办单位”即汶澜市城市管理局，“价格主管部门”即汶澜市发展和改革委员会。

专家甲：首小时收费从4元提高到6元，依据是什么？

承办单位回应：一类区域路内泊位平均占用率达到96.4%。

专家乙：多收的钱怎么管？

价格主管部门回应：收入全额缴入市级国库，实行收支两条线。
"""


def test_replies_by_a_part_of_a_review_are_the_units_the_note_names_and_coded_experts_ask(tmp_path: Path) -> None:
    assert declared_units("“承办单位”即汶澜市城市管理局，“价格主管部门”即汶澜市发展和改革委员会。") == {
        "承办单位": "汶澜市城市管理局", "价格主管部门": "汶澜市发展和改革委员会"}
    assert read_label("专家甲").side == "ask"
    path = tmp_path / "minutes.txt"
    path.write_text(MINUTES, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市城市管理局"  # not the institute of an expert the header lists
    assert [(t.question[:4], t.answerer) for t in interview.turns if t.question and t.answer] == [
        ("首小时收", "汶澜市城市管理局"), ("多收的钱", "汶澜市发展和改革委员会")]


def test_a_columns_tag_gives_way_to_the_bold_label_after_it() -> None:
    label = find_label("**【交账】市住建局副局长　包文澜：** 去年全市实际新开工加装电梯326部。")
    assert label is not None and label.name == "市住建局副局长　包文澜"
    label = find_label("**【追问】** 去年说新开工300部，实际开工了多少？")
    assert label is not None and read_label(label.name).side == "ask"


KIDS = """小水滴问答第12期

来源：汶澜市水务局供水管理科

我们请来了汶澜市水务局供水管理科的工程师岑立川叔叔，和市水务局节约用水办公室的副主任阮晴阿姨，小朋友们都叫他们“岑叔叔”“阮阿姨”。

🧒 果果（8岁，汶澜实验小学二年级）问：自来水是从哪里来的呀？

👨‍🔧 岑叔叔答：大部分来自城北的水库。

🧒 小满（10岁，汶澜实验小学四年级）问：我们家一个月用多少水才算节约呀？

👩 阮阿姨答：一家三口每人每天不超过110升。
"""


def test_children_by_pet_name_ask_and_their_uncle_and_aunt_are_whom_the_lead_introduces(tmp_path: Path) -> None:
    assert read_label("果果（8岁，汶澜实验小学二年级）").side == "ask"
    path = tmp_path / "kids.txt"
    path.write_text(KIDS, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:4], t.answerer) for t in interview.turns if t.question and t.answer] == [
        ("自来水是", "岑立川"), ("我们家一", "阮晴")]  # 阮阿姨答: her 答 says she answers, though 阿姨 asks elsewhere
    assert {(p.speaker, p.role) for p in interview.passages if p.kind == "answer"} == {
        ("岑立川", "供水管理科工程师"), ("阮晴", "节约用水办公室副主任")}


PAGE_WITH_TIPS = """<html><body><article>
<h1>小水滴问答第12期</h1>
<p>来源：汶澜市水务局</p>
<p>果果（8岁）问：自来水是从哪里来的呀？</p>
<p>岑叔叔答：大部分来自城北的水库。</p>
<p>豆豆（11岁）问：为什么不能去河里游泳？</p>
<p>岑叔叔答：河底有暗流，小朋友下水非常危险。</p>
<h3>家长小贴士</h3>
<p>刷牙时用口杯接水，洗菜水留着浇花，都是孩子能做到的节水好习惯。</p>
</article></body></html>
"""


def test_a_heading_of_the_page_below_the_last_answer_ends_it(tmp_path: Path) -> None:
    path = tmp_path / "tips.html"
    path.write_text(PAGE_WITH_TIPS, encoding="utf-8")
    interview = parse_file(path, path.name)
    answers = [p.text for p in interview.passages if p.kind == "answer"]
    assert answers[-1] == "河底有暗流，小朋友下水非常危险。"
    assert any("刷牙时用口杯接水" in p.text and p.kind != "answer" for p in interview.passages)  # kept, as no one's
