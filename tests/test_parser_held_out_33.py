"""40. What the thirty-third batch of layouts (held out) found, each rule tested on text of its own: a policy FAQ
whose cards name the unit responsible for each answer, and a rule's article-by-article reading answered by several
units (tests/test_parser_held_out.py holds sections 1 to 36, _30 to _32 sections 37 to 39)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text

CARDS = """澄州市惠企政策“免申即享”常见问题解答

澄州市营商环境建设局 2026年5月20日

01 问：什么是“免申即享”？

答：政策兑现部门通过共享数据主动识别符合条件的企业，无需申报即可享受。

政策依据：《澄州市推行惠企政策“免申即享”工作方案》第三条

责任单位：市营商环境建设局 咨询电话：0123-6218 7700

02 问：稳岗返还还需要企业自己申请吗？

答：不需要，中小微企业按60%返还。

政策依据：《关于做好2026年失业保险稳岗返还工作的通知》第二条

责任单位：市人力资源和社会保障局 咨询电话：0123-6220 3345
"""


def test_a_faq_card_is_answered_by_the_unit_its_responsibility_line_names() -> None:
    interview = parse_text(CARDS)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("什么是“免申即享”？", "澄州市营商环境建设局"), ("稳岗返还还需要企业自己申请吗？", "澄州市人力资源和社会保障局")]
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert any("政策依据" in p.text for p in answers)  # the basis is part of the answer ...
    assert not any("责任单位" in p.text or "咨询电话：0123" in p.text for p in answers)  # ... the signature is not
    assert not any(p.speaker == "政策依据" for p in interview.passages)


READING = """《澄州市电动自行车管理规定》逐条解读

来源：澄州市公安局

第十二条　电动自行车应当在指定场所停放、充电。

【实务问答】

问：不戴头盔会被罚吗？

答：对未佩戴安全头盔的，先予以教育劝导，拒不改正的处20元罚款。

问：把电池拎回家里充电行不行？

答（市消防救援支队）：不行。禁止在室内、楼道充电，违者可处500元以上罚款。
"""


def test_a_fire_and_rescue_detachment_answers_for_itself_not_for_the_police() -> None:
    interview = parse_text(READING)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("不戴头盔会被罚吗？", "澄州市公安局"), ("把电池拎回家里充电行不行？", "澄州市消防救援支队")]
    assert {p.bureau for p in interview.passages if p.kind == "answer"} == {"澄州市公安局", "澄州市消防救援支队"}


CASES = """澄州市消费者协会发布第二季度消费维权典型案例

本期答疑律师

许砚秋　澄州明衡律师事务所律师

案例一　健身房闭店，预付卡余额难退

答疑律师：许砚秋

【案情简介】3月，一家健身房以装修为由闭店，68名会员的卡无法使用。

【消费者问】我办的三年卡才用了半年，剩下的钱还能要回来吗？

【律师答】能。经营者单方停止服务属于违约，应当退回剩余预付款。

【消费者又问】老板说把会员转到另一家店，我不同意，能只要退钱吗？

【律师答】可以。转让合同须经消费者同意。

【消协提醒】办理预付卡要选择证照齐全的商家，单次充值不宜过多。

澄州市消费者协会
2026年7月8日
"""


def test_consumer_cases_are_asked_by_the_consumer_and_answered_by_the_case_s_lawyer_then_the_association() -> None:
    interview = parse_text(CASES)
    assert interview.metadata.bureau == "澄州市消费者协会"  # a statutory body, a unit of its own
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("我办的三年卡才用了半年，剩下的钱还能要回来吗？", "许砚秋"),
        ("老板说把会员转到另一家店，我不同意，能只要退钱吗？", "许砚秋"),
        ("老板说把会员转到另一家店，我不同意，能只要退钱吗？", "澄州市消费者协会")]  # "消协提醒": the 消协's
    assert {p.bureau for p in interview.passages if p.speaker == "许砚秋"} == {""}  # a lawyer speaks for no bureau
    assert not any("健身房以装修为由闭店" in p.text for p in interview.passages if p.speaker == "许砚秋")


FEATURE = """# 追问｜加装电梯为何迟迟不动工？记者追问三方

澄州观察记者 蓝沐青 2026-05-11

家住澄州市东湖区青阳街道的乔先生反映，他们单元加装电梯的项目迟迟没有动工。

记者追问①手续早就办齐了，为什么还没动工？

部门回应

青阳街道办事处相关负责人告诉记者，施工队进场时发现电梯井压着一条燃气管线，必须先改线。

该负责人说，改线方案已经审完，施工单位计划5月10日进场。

记者追问②改线的费用要不要居民出？

企业回应

澄州清源燃气有限公司管网所副所长韦一帆介绍，改线费用由燃气企业承担40%，其余从财政补贴中列支。

记者追问③装好以后谁来管？

部门回应

澄州市住房和城乡建设局城市更新科科长佟知夏表示，由出资业主共同确定使用管理人，维保费用按楼层分摊。

澄州市市场监督管理局在给记者的书面回复中表示，加装的电梯投入使用后30日内要办理使用登记。
"""


def test_a_feature_that_reports_its_answers_credits_each_to_the_one_its_first_sentence_names(tmp_path: Path) -> None:
    (tmp_path / "feature.md").write_text(FEATURE, encoding="utf-8")
    interview = parse_file(tmp_path / "feature.md")
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("手续早就办齐了，为什么还没动工？", "相关负责人"), ("改线的费用要不要居民出？", "韦一帆"),
        ("装好以后谁来管？", "佟知夏"), ("装好以后谁来管？", "澄州市市场监督管理局")]
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("相关负责人", "澄州市东湖区青阳街道办事处"), ("韦一帆", ""),  # a gas company's man speaks for no bureau
        ("佟知夏", "澄州市住房和城乡建设局"), ("澄州市市场监督管理局", "澄州市市场监督管理局")}
    assert any("该负责人说" in p.text for p in interview.passages if p.speaker == "相关负责人")  # the same speaker on


def test_a_reminder_that_names_no_unit_is_the_page_s_own_words_never_a_bureau_named_after_it() -> None:
    interview = parse_text(CASES.replace("【消协提醒】", "【温馨提醒】"))
    reminder = next(p for p in interview.passages if "单次充值不宜过多" in p.text)
    assert (reminder.speaker, reminder.bureau) == ("澄州市消费者协会", "澄州市消费者协会")  # not "温馨"
