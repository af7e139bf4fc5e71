"""48. What the forty-first batch of layouts (held out) found, each rule tested on text of its own: a poster of a
station's questions and answers, a letter to parents with its 问答, a shelter's QR page, a bus company's 意见 公示 and
a body camera's transcript (tests/test_parser_held_out.py holds sections 1 to 36, _30 to _40 sections 37 to 47)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text

POSTER = """澄州市公安局城北分局青石派出所

户籍窗口·你问我答

本期答疑：副所长　马志刚　　户籍民警　林晓雯

宝宝出生多久以内要落户？

问

答 新生儿应当在出生后一个月内申报出生登记，超过一个月的不会罚款。

—— 户籍民警　林晓雯

出生医学证明上的名字写错了，还能改吗？

问

答 出生医学证明由助产机构签发，请到原助产机构申请更正。

—— 本问由澄州市卫生健康委员会解答

能不能在网上办落户？

问

答 可以，通过“澄州公安”公众号上传材料即可。

—— 户籍民警　林晓雯答 马所长补充：网上办理一般3个工作日审核完毕。
"""


def test_a_posters_cards_are_asked_before_their_badge_and_signed_under_their_answer() -> None:
    interview = parse_text(POSTER)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("宝宝出生多久", "林晓雯"), ("出生医学证明", "澄州市卫生健康委员会"), ("能不能在网上", "林晓雯"), ("能不能在网上", "马志刚")]
    people = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert people["马志刚"] == ("城北分局青石派出所副所长", "澄州市公安局")  # a post of the 派出所 that issues the poster
    assert people["林晓雯"] == ("城北分局青石派出所户籍民警", "澄州市公安局")
    assert not any("——" in p.text for p in interview.passages)


LETTER = """致全市中小学生家长的一封信

澄州市教育局

附件：暑期家长关心的问题解答

1．暑假学校还办不办托管？

答：今年全市共有86所中小学开办暑期托管服务。

（解答：市教育局基础教育科科长　钮思远）

2．孩子去水库游泳要注意什么？

答：游泳请到正规游泳场馆，并由家长陪同。

（解答：市应急管理局）
"""


def test_an_answer_is_whoever_the_bracket_under_it_names() -> None:
    interview = parse_text(LETTER)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("暑假学校还办", "钮思远"), ("孩子去水库游", "澄州市应急管理局")]
    people = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert people["钮思远"] == ("基础教育科科长", "澄州市教育局")


SHELTER = """# 青石公园应急避难场所 · 扫码服务页

来源：澄州市应急管理局

| 管理单位 | 城西区青石公园管理处 |
|---|---|
| 场所负责人 | 祁文斌（青石公园管理处主任） |

## 你问我答

### Q1　发生地震时应该往这里跑吗？

**答**：不要。地震发生时应就近躲避，主震过后再来。

<sub>答复单位：澄州市应急管理局</sub>

### Q2　来了以后有没有吃的喝的？

**答**：物资储备库常年储备饮用水和方便食品。

<sub>答复人：场所负责人　祁文斌</sub>

## 留言反馈

**青石小区　张女士**　2027-05-20 21:14

> 南门的标识牌晚上看不清，能不能装个灯？

**管理单位回复**（城西区青石公园管理处）　2027-05-22 09:30

> 我们已在南门的标识牌上加装了太阳能夜光灯。

---

主办：澄州市应急管理局
"""


def test_a_qr_pages_answers_are_signed_under_them_and_its_comments_are_answered_by_the_unit_named(
        tmp_path: Path) -> None:
    path = tmp_path / "shelter.md"
    path.write_text(SHELTER, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "澄州市应急管理局"  # the site's own page, though the park's office answers more
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("发生地震时应", "澄州市应急管理局"), ("来了以后有没", "祁文斌"), ("南门的标识牌", "澄州市城西区青石公园管理处")]
    people = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert people["祁文斌"] == ("主任", "澄州市城西区青石公园管理处")  # "场所负责人" his duty here, no unit


FEEDBACK = """澄州市交通运输局
乘客意见及办理情况公示
来源：运输管理科
────────────────
编号：CZ-011
乘客：吴女士
意见内容：
　　我每天早上在青石路口等8路，经常等40分钟都不来一辆，能不能加车？
办理单位：澄州公共交通集团有限公司第二分公司
回复内容：
　　早高峰平均发车间隔为11分钟，我们已增加2辆区间车。
回复人：第二分公司调度室主任　褚国平
────────────────
编号：CZ-052
乘客：青石新村居民
意见内容：
　　青石新村最近的公交站要走1.5公里，能不能开一条线路？
办理单位：澄州市交通运输局（主办）、澄州公共交通集团有限公司（协办）
回复内容：
　　我局已将新开线路纳入今年线网优化计划。
回复人：—
补充回复：
　　线路方案初定设站14个，计划8月底前开通。
回复人：线路规划部副部长　单一凡
────────────────
编号：CZ-091
乘客：周先生
意见内容：
　　K3路的空调车为什么夏天还不开空调？
办理单位：澄州公共交通集团有限公司第一分公司
回复内容：
　　（正在办理中，办结后补充公示）
────────────────
主办：澄州市交通运输局
"""


def test_a_notices_forms_are_answered_by_who_signs_each_reply_or_by_the_unit_that_handled_it(tmp_path: Path) -> None:
    path = tmp_path / "feedback.txt"
    path.write_text(FEEDBACK, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("我每天早上在", "褚国平"), ("青石新村最近", "澄州市交通运输局"), ("青石新村最近", "单一凡")]  # 091: not yet
    people = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert people["褚国平"] == ("澄州公共交通集团有限公司第二分公司调度室主任", "")  # a company's: no bureau
    assert people["单一凡"] == ("澄州公共交通集团有限公司线路规划部副部长", "")  # the 协办 company's


BODYCAM = """执法过程公开｜执法记录仪文字整理

来源：市城市管理局综合行政执法支队

执法人员

澄州市城市管理局综合行政执法支队一大队二中队中队长　甄海（执法证号：CZ0321）

协同人员

城东区青石街道办事处城管办主任　庄晓红

执法记录仪文字整理

[09:40:52]执法队员　甄海（CZ0321）：您好，我们是市城市管理局的执法队员，您店门口的桌椅占用了人行道。

[09:41:30]当事人　刘某：店里坐不下，有没有合法摆出来的办法？

[09:44:06]协同人员　庄晓红：有的。青石路已经纳入“外摆位”试点路段，到街道城管办备案就行。

（画面：当事人将店外桌椅收回店内。）

[10:01:15]执法队员　甄海（CZ0321）：感谢您的配合，下周我们还会回访。
"""


def test_a_body_cameras_transcript_reads_officers_by_name_and_the_scene_ends_the_exchange() -> None:
    interview = parse_text(BODYCAM)
    assert [(t.question[:6], t.answerer) for t in interview.turns if t.question] == [("店里坐不下，", "庄晓红")]
    people = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert people["甄海"] == ("综合行政执法支队一大队二中队中队长", "澄州市城市管理局")  # not "（CZ0321）"
    assert people["庄晓红"] == ("城管办主任", "澄州市城东区青石街道办事处")
