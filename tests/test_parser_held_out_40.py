"""47. What the fortieth batch of layouts (held out) found, each rule tested on text of its own: a paper's column that
passes readers' letters on, a photo report whose captions quote, a portal's "我为政府网站找错" replies and a 政协
协商座谈会 (tests/test_parser_held_out.py holds sections 1 to 36, _30 to _39 sections 37 to 46)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text

COLUMN = """【帮你问】井盖丢了半个月没人管？——本期读者来信有了回音

来源：澄州晚报　作者：记者 林小雨　发布时间：2027-05-18 07:30

澄州晚报讯（记者 林小雨）本期，记者从读者来信中选取两件，联系相关部门一一作答。

一、小区门口井盖丢了

读者来信 周先生（城南区青石小区）：

小区门口的井盖丢了半个月，晚上很危险，打了电话也没人来修。

澄州市城市管理局市政设施科科长 冯立新：这个井盖属于市政设施，由我局负责，已于5月15日补装。

二、装充电桩要物业同意吗

读者来电 吴女士（来电尾号2231）：

我想在自己车位上装充电桩，供电公司说要物业出证明，物业不给开，怎么办？

记者联系了国网澄州供电公司客户服务中心主任贺春梅，她介绍了办理流程。

贺春梅：个人在固定车位安装充电桩，提交车位产权证明和身份证即可，物业证明不是必需材料。
"""


def test_a_readers_letter_is_asked_under_its_label_and_the_official_named_in_passing_keeps_no_narration() -> None:
    interview = parse_text(COLUMN)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [("小区门口的井", "冯立新"), ("我想在自己车", "贺春梅")]
    people = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert people["贺春梅"] == ("国网澄州供电公司客户服务中心主任", "")  # not "记者联系了国网……"
    assert not any("井盖丢了半个月" in p.text for p in interview.passages if p.kind == "answer")


PHOTOS = """# 医保政策进社区　现场答疑解民忧

来源：澄州市医疗保障局　　发布时间：2027-06-03 17:12

6月2日上午，市医疗保障局在城南区青石社区开展“医保政策进社区”宣传活动。以下为活动现场图片。

![咨询台](http://ybj.example.gov.cn/01.jpg)

▲ 青石社区居民 刘阿姨（左）问：门诊慢特病在哪里办？　市医疗保障局待遇保障科科长 许文杰（右）答：在全市任意一家二级以上定点医院的医保窗口都能办。

![讲解](http://ybj.example.gov.cn/02.jpg)

▲ 城南区医疗保障局副局长章海涛（右二）为居民讲解医保电子凭证的使用方法。

![服务台](http://ybj.example.gov.cn/03.jpg)

▲ 问：惠民保今年多少钱一份？

答（人保健康澄州中心支公司“澄惠保”项目专员 杜小娟）：2027年度每人每年69元，既往症人群也可以买。

![咨询](http://ybj.example.gov.cn/04.jpg)

▲ 居民 王师傅问：孩子在外地上大学，医保还要接着交吗？

许文杰：可以在学校参保，也可以继续在本市参保，但不要重复交费。

![合影](http://ybj.example.gov.cn/05.jpg)

▲ 活动结束后，工作人员与志愿者合影留念。

据了解，今年以来，市医疗保障局已开展此类活动23场。
"""


def test_captions_that_quote_are_turns_and_captions_that_describe_are_no_ones_words() -> None:
    interview = parse_text(PHOTOS)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("门诊慢特病在", "许文杰"), ("惠民保今年多", "杜小娟"), ("孩子在外地上", "许文杰")]
    people = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert people["许文杰"] == ("待遇保障科科长", "澄州市医疗保障局")  # "（右）" no part of the label
    assert people["杜小娟"] == ("人保健康澄州中心支公司“澄惠保”项目专员", "")
    answers = [p.text for p in interview.passages if p.kind == "answer"]
    assert not any("为居民讲解" in text or "合影留念" in text or "据了解" in text for text in answers)


def test_a_bare_name_is_a_speaker_when_a_label_named_them_in_full_before() -> None:
    text = ("▲ 居民 刘阿姨问：门诊慢特病在哪里办？　市医保局待遇保障科科长 许文杰答：在定点医院的医保窗口办。\n\n"
            "▲ 居民 王师傅问：孩子在外地上大学，医保还要接着交吗？\n\n许文杰：可以在学校参保。\n")
    assert [t.answerer for t in parse_text(text).turns] == ["许文杰", "许文杰"]


FINDINGS = """澄州市人民政府门户网站
当前位置：首页 > 互动交流 > 我为政府网站找错 > 处理结果公开
“我为政府网站找错”网民留言处理情况公开（2027年第二季度）
发布时间：2027-07-05 09:00　　来源：市政府办公室
说明：网民可通过“找错”入口对我市各级政府网站存在的问题进行留言，现选登部分留言及处理情况如下。
━━━━━━━━━━━━━━━━
【1】
留言标题：社保咨询电话打不通
问题网站：澄州市人力资源和社会保障局
问题描述：联系方式页面上的社保咨询电话一直是空号，是不是换了？
处理单位：澄州市人力资源和社会保障局
处理结果：已处理
回复内容：原咨询电话已停用，新的咨询电话为0100-6623366，网站已更新。
━━━━━━━━━━━━━━━━
【2】
留言标题：公交线路没有更新
问题网站：澄州市交通运输局
问题描述：公交线路查询里的12路还是老线路，什么时候更新？
处理单位：澄州市交通运输局
处理结果：已处理
回复内容：12路自3月15日起改走滨江路，网站已更正。
━━━━━━━━━━━━━━━━
【3】
留言标题：没有英文版
问题网站：澄州市商务局
问题描述：商务局网站能不能增加英文版？
处理单位：澄州市商务局
处理结果：办理中
回复内容：（暂无）
━━━━━━━━━━━━━━━━
主办：澄州市人民政府办公室
"""


def test_a_portals_error_reports_are_answered_by_the_unit_that_handled_each(tmp_path: Path) -> None:
    path = tmp_path / "findings.txt"
    path.write_text(FINDINGS, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("联系方式页面", "澄州市人力资源和社会保障局"), ("公交线路查询", "澄州市交通运输局")]  # "（暂无）": no answer yet
    assert {p.bureau for p in interview.passages if p.kind == "answer"} == {"澄州市人力资源和社会保障局", "澄州市交通运输局"}
    assert any(p.text.startswith("说明：") for p in interview.passages)  # the page's own words kept
    assert not any(p.text in ("已处理", "社保咨询电话打不通") for p in interview.passages)  # fields, no one's words


CONSULTATION = """优化中心城区停车资源配置——市政协双周协商座谈会发言摘要

到会部门：市住房和城乡建设局副局长 郑立群

二、互动交流

石海委员：老旧小区改造中能新增多少个停车位？

郑立群：今年改造老旧小区63个，新增停车位4000个。

牛建国常委：机关单位停车场夜间向居民开放，车辆剐蹭谁来负责？

郑立群：试点单位和使用人签订协议，剐蹭按协议和车辆保险处理。
"""


def test_a_consultative_conferences_standing_members_ask() -> None:
    interview = parse_text(CONSULTATION)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [("老旧小区改造", "郑立群"), ("机关单位停车", "郑立群")]
    assert not any(p.speaker == "牛建国" for p in interview.passages)
