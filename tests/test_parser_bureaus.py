"""The fictional multi-bureau corpus (tests/fixtures/bureaus): subtitles, press conferences, sub-headings, numbered
paragraphs, speakers, courtesies and metadata lines, each as its file shows it and as a small text of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.parsing.parser import parse_file, parse_text
from index.records import Interview
from tests.conftest import ROOT
from tests.test_parser import assert_verbatim

BUREAUS = ROOT / "tests" / "fixtures" / "bureaus"
BUREAU_FILES = sorted(BUREAUS.iterdir())


def bureau_file(name: str) -> Interview:
    return parse_file(BUREAUS / name, name)


def answers(interview: Interview) -> list:
    return [p for p in interview.passages if p.kind == "answer"]


@pytest.mark.parametrize("path", BUREAU_FILES, ids=lambda p: p.name)
def test_every_bureau_passage_is_verbatim(path: Path) -> None:
    interview = parse_file(path, path.name)
    assert interview.passages
    assert_verbatim(interview)


# 1. "——访<city><bureau>局长<name>" subtitles


@pytest.mark.parametrize(
    ("name", "bureau", "role"),
    [
        ("lanzhou-housing.txt", "澜州市住房和城乡建设局", "党组书记、局长"),
        ("lanzhou-culture-tourism.html", "澜州市文化和旅游局", "党组书记、局长"),
        ("lanzhou-market-regulation.md", "澜州市市场监督管理局", "党组书记、局长"),
        ("qichuan-emergency.html", "栖川市应急管理局", "党委书记、局长"),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v else "",
)
def test_a_subtitle_naming_the_interviewee_gives_the_bureau_without_the_dash(name: str, bureau: str, role: str) -> None:
    interview = bureau_file(name)
    assert (interview.metadata.bureau, interview.metadata.role) == (bureau, role)
    assert {p.bureau for p in interview.passages} == {bureau}


def test_subtitle_on_its_own_line_and_at_the_end_of_a_headline() -> None:
    body = ("本文为虚构示例。记者专访了海川市水务局党组书记、局长何清。\n\n"
            "记者：今年会停水吗？\n\n何清：今年不会停水。\n")
    for top in ("水清岸绿惠民生\n——访海川市水务局局长何清\n\n", "水清岸绿惠民生——访海川市水务局局长何清\n\n"):
        meta = parse_text(top + body).metadata
        assert (meta.bureau, meta.interviewee, meta.role) == ("海川市水务局", "何清", "党组书记、局长"), top
    meta = parse_text("水清岸绿惠民生\n——访海川市水务局局长何清\n\n记者：今年会停水吗？\n\n何清：今年不会停水。\n").metadata
    assert (meta.bureau, meta.role) == ("海川市水务局", "局长"), "the headline alone still names the bureau"


# 2. A press conference whose host opens with a salutation that has a colon in it

PRESS_CONFERENCE = """栖川市农业农村工作新闻发布会

本文为虚构示例，仅供测试。

10:00:06 主持人
新闻界的各位朋友：大家上午好！今天我们邀请市农业农村局局长赵刚，向大家介绍今年春耕生产情况。

10:01:20 赵刚
今年全市春播粮食面积稳定在92万亩，农资供应充足。

10:05:10 栖川日报记者
请问今年种粮补贴标准是多少？

10:05:40 赵刚
今年种粮补贴标准为每亩120元，五月底前发放到户。
"""


def test_ecology_press_conference_host_salutation_is_not_a_speaker() -> None:
    interview = bureau_file("qichuan-ecology.txt")
    assert interview.metadata.outlet is None, "reporters of many outlets ask: no single outlet"
    assert not any("各位朋友" in t.asker or "各位朋友" in t.answerer for t in interview.turns)
    assert interview.metadata.bureau == "栖川市生态环境局"
    opening = answers(interview)[0]
    assert opening.asker == "主持人" and opening.question is None, "a welcome and a hand-over ask nothing"
    assert not any(p.speaker == "新闻界的各位朋友" for p in interview.passages)


def test_a_host_salutation_after_a_timed_speaker_line_is_the_host_speaking() -> None:
    interview = parse_text(PRESS_CONFERENCE, "press.txt")
    meta = interview.metadata
    assert (meta.bureau, meta.interviewee, meta.role, meta.outlet) == ("栖川市农业农村局", "赵刚", "局长", None)
    assert [t.asker for t in interview.turns] == ["主持人", "栖川日报记者"]
    assert interview.turns[0].question == "", "the host's welcome is no question: 赵刚's opening answers none"
    assert {p.bureau for p in interview.passages} == {"栖川市农业农村局"}
    assert_verbatim(interview)


def test_the_city_of_a_bureau_named_without_it_must_be_clear() -> None:
    untitled = PRESS_CONFERENCE.replace("栖川市农业农村工作新闻发布会", "农业农村工作新闻发布会")
    from_text = untitled.replace("本文为虚构示例，仅供测试。", "本文为虚构示例。栖川市人民政府新闻办公室举行发布会。")
    assert parse_text(from_text, "press.txt").metadata.bureau == "栖川市农业农村局"
    two_cities = untitled.replace("本文为虚构示例，仅供测试。", "本文为虚构示例。澜州市、栖川市两地记者参加。")
    assert parse_text(two_cities, "press.txt").metadata.bureau == "市农业农村局"
    assert parse_text(untitled, "press.txt").metadata.bureau == "市农业农村局"


@pytest.mark.parametrize("line", ["新闻界的各位朋友：大家上午好！", "女士们、先生们：大家好！", "尊敬的各位来宾：",
                                  "各位听众朋友：感谢收听。", "同志们：现在开会。"], ids=range(5))
def test_a_salutation_with_a_colon_is_not_a_speaker_label(line: str) -> None:
    from index.parsing.speakers import find_label

    assert find_label(line) is None


# 3. Own-line sub-headings that end in a closing quote; HTML sub-headings


def headings(interview: Interview) -> list[str]:
    return [p.heading for p in answers(interview) if p.heading]


@pytest.mark.parametrize(
    ("name", "heading", "starts"),
    [
        ("lanzhou-housing.txt", "既改“面子”，更改“里子”", "去年改造中"),
        ("lanzhou-housing.txt", "建管并重，防止“一年新、两年旧、三年回原样”", "对改造后的小区"),
        ("qichuan-ecology.txt", "摸清底数，“一口一档”", "2020年8月起"),
        ("qichuan-ecology.txt", "医疗废物做到“日产日清”", "疫情期间，全市医疗废物"),
        ("lanzhou-culture-tourism.html", "亮承诺、比效率，审批服务“不见面”", "我们把旅行社设立"),
        ("qichuan-emergency.html", "渔船“应回尽回”，海上人员“应撤尽撤”", "会同海洋渔业"),
        ("qichuan-emergency.html", "城区排涝“闻雨而动”", "针对城区内涝问题"),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v else "",
)
def test_a_sub_heading_ending_in_a_closing_quote_is_a_heading(name: str, heading: str, starts: str) -> None:
    interview = bureau_file(name)
    section = [p for p in answers(interview) if p.heading == heading]
    assert section and section[0].text.startswith(starts), headings(interview)
    assert not any(heading in p.text for p in interview.passages), "a heading is not quoted inside the section before"


@pytest.mark.parametrize(
    ("line", "ends"),
    [("既改“面子”，更改“里子”", False), ("摸清底数，“一口一档”", False), ("今年完成改造。（记者 苏雅）", True),
     ("他说：“一定办好。”", True), ("真正“长出牙齿”。", True), ("“谁来管？”", True), ("好。", True), ("主要有：", True)],
)
def test_a_closing_quote_ends_a_sentence_only_after_a_full_stop(line: str, ends: bool) -> None:
    from index.parsing.segment import ends_sentence

    assert ends_sentence(line) is ends


def test_html_strong_and_h3_paragraphs_are_own_line_headings(tmp_path: Path) -> None:
    long_heading = "推进城乡供水一体化，让农村群众和城里人一样喝上安全放心的“同质水”，全面提升供水保障水平"
    assert len(long_heading) > 40
    page = f"""<html><head><title>访海川市水务局局长何清</title></head><body><div class="article-content">
<p>本文为虚构示例。记者专访了海川市水务局局长何清。</p>
<p><strong>记者：</strong>今年供水有哪些变化？</p>
<p><strong>何清：</strong>今年我们重点做了两件事。</p>
<p><strong>{long_heading}</strong></p>
<p>全市新建水厂3座，日供水能力提高到90万吨。</p>
<h3>一、管网改造：</h3>
<p>改造老旧管网120公里，漏损率下降到9%。</p>
</div></body></html>"""
    path = tmp_path / "water.html"
    path.write_text(page, encoding="utf-8")
    interview = parse_file(path, "water.html")
    assert [(p.heading, p.text[:4]) for p in answers(interview)] == [
        (long_heading, "今年我们"), ("一、管网改造：", "改造老旧")]  # "做了两件事。" announces: kept with the first
    assert_verbatim(interview)


# 4. Numbered paragraphs are sub-sections; long sections are cut at paragraph breaks first


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("lanzhou-housing.txt", ["一是缓缴保证金，给企业“减负担”", "二是开辟绿色通道，帮项目“早开工”",
                                 "三是合理调整工期和价款，让企业“不吃亏”"]),
        ("lanzhou-ocean-fisheries.txt", ["一是管住“人、船、港”", "二是用好“天、海、岸”立体监控", "三是保持打击高压态势",
                                         "第一，优化布局", "第二，创新模式", "第三，强化科技支撑",
                                         "一是把组织建强", "二是把作风做实", "三是把纪律立严"]),
        ("qichuan-ecology.txt", ["第一，把支部建在督察组上", "第二，立规矩、晒清单", "第三，严监督、强问责"]),
        ("lanzhou-culture-tourism.html", ["一是有序恢复开放", "二是线上服务不断档", "三是补齐基层短板",
                                          "四是群众文化活动“不打烊”"]),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_numbered_paragraphs_are_sections_headed_by_their_opening_clause(name: str, expected: list[str]) -> None:
    interview = bureau_file(name)
    numbered = [p for p in answers(interview) if p.heading in expected]
    assert [p.heading for p in numbered] == expected
    for passage in numbered:
        # one numbered paragraph per passage; the first may open with the sentence announcing the list
        assert passage.text.split("\n")[-1].startswith(passage.heading)
        assert passage.text.count("\n") <= 1, "one numbered paragraph per passage"


def test_the_paragraph_after_a_numbered_list_is_not_part_of_its_last_item() -> None:
    interview = bureau_file("lanzhou-ocean-fisheries.txt")
    after = next(p for p in interview.passages if p.text.startswith("对于渔民收入问题"))
    assert after.heading is None and after.speaker == "许文涛"
    closing = next(p for p in interview.passages if p.text.startswith("通过这些措施"))
    assert closing.heading is None


NUMBERED = """记者：今年有哪些便民措施？

张华：主要有三项。

（一）延长服务时间。窗口周末照常办理业务。

（二）推行网上办理。32项业务可以在手机上办。

（三）减少证明材料。取消证明材料18项。

此外，我们还开通了咨询热线。

记者：明年呢？

张华：一是提升服务质量，群众满意度要达到98%以上。

这一项已经写进年度考核。
"""


def test_parenthesised_numbers_and_a_lone_first_item() -> None:
    interview = parse_text(NUMBERED, "numbered.txt")
    assert [(p.heading, p.text[:6]) for p in answers(interview)] == [
        ("（一）延长服务时间", "主要有三项。"), ("（二）推行网上办理", "（二）推行网"),
        ("（三）减少证明材料", "（三）减少证"), (None, "此外，我们还"),
        (None, "一是提升服务"),
    ], "a lone 一是 without 二是 is no list"
    assert_verbatim(interview)


def test_a_long_section_is_cut_at_paragraph_breaks_before_sentence_ends() -> None:
    first = "".join(f"第{i}项工作已经完成，群众反映良好。" for i in range(16))
    second = "".join(f"第{i}项任务正在推进，预计年底完成。" for i in range(16))
    assert 200 < len(first) < 300 and 200 < len(second) < 300
    interview = parse_text(f"问：进展如何？\n\n答：{first}\n\n{second}\n", max_chars=500)
    assert [p.text for p in answers(interview)] == [first, second]


def test_no_passage_ends_with_the_first_sentence_of_a_paragraph() -> None:
    for path in BUREAU_FILES:
        interview = parse_file(path, path.name)
        for passage in interview.passages:
            if "\n" in passage.text:
                tail = passage.text.rsplit("\n", 1)[1]
                assert interview.text[passage.end : passage.end + 1] in ("", "\n"), (path.name, tail)


# 5. Each answer passage carries its own speaker; turns name the person who answers


def test_a_deputy_answering_at_a_press_conference_is_credited_as_himself() -> None:
    interview = bureau_file("lanzhou-ocean-fisheries.txt")
    assert [t.answerer for t in interview.turns if t.answer] == ["邵海鸣", "邵海鸣", "许文涛", "邵海鸣", "许文涛", "邵海鸣"]
    asked_deputy = ("伏季休渔期间", "近几年渔船安全生产")
    deputy = [p for p in answers(interview) if (p.question or "").startswith(asked_deputy)]
    assert deputy and {(p.speaker, p.role, p.bureau) for p in deputy} == {("许文涛", "副局长", "澜州市海洋与渔业局")}
    assert {p.to_dict()["interviewee"] for p in deputy} == {"许文涛"}, "the JSON does not credit the chief"
    chief = [p for p in answers(interview) if not (p.question or "").startswith(asked_deputy)]
    assert {(p.speaker, p.role, p.to_dict()["interviewee"]) for p in chief} == {("邵海鸣", "党组书记、局长", "邵海鸣")}
    assert (interview.metadata.interviewee, interview.metadata.role) == ("邵海鸣", "党组书记、局长")


def test_turns_name_the_person_not_the_whole_label() -> None:
    interview = bureau_file("qichuan-ecology.txt")
    assert {t.answerer for t in interview.turns if t.answer} == {"骆清源"}
    assert {(p.speaker, p.role) for p in answers(interview)} == {("骆清源", "党组书记、局长")}, "the guest line's role"


DEPUTY = """澜州市海洋与渔业工作新闻发布会

本文为虚构示例。澜州市海洋与渔业局党组书记、局长邵海鸣和副局长许文涛回答记者提问。

09:43:58 澜州广播电视台记者
请问休渔期执法有什么新举措？

09:44:35 邵海鸣
我们实行“港长制”，每个停泊点都有专人值守。

09:48:10 澜州日报记者
渔船更新改造进展如何？

09:48:52 市海洋与渔业局副局长许文涛
今年已完成更新改造渔船86艘。

09:50:10 澜州日报记者
远洋渔业呢？

09:50:30 许文涛（副局长）
全市现有远洋渔船54艘。
"""


def test_speaker_labels_without_a_space_or_with_the_role_in_brackets() -> None:
    interview = parse_text(DEPUTY, "deputy.txt")
    assert [t.answerer for t in interview.turns] == ["邵海鸣", "许文涛", "许文涛"]
    assert [(p.speaker, p.role, p.bureau) for p in answers(interview)] == [
        ("邵海鸣", "党组书记、局长", "澜州市海洋与渔业局"), ("许文涛", "副局长", "澜州市海洋与渔业局"),
        ("许文涛", "副局长", "澜州市海洋与渔业局")]


# 6. Host procedural lines are no turns; courtesies are no answer passages


@pytest.mark.parametrize("name", ["lanzhou-ocean-fisheries.txt", "qichuan-ecology.txt", "qichuan-agriculture.txt",
                                  "lanzhou-market-regulation.md"])
def test_host_procedure_is_not_a_turn(name: str) -> None:
    interview = bureau_file(name)
    assert all(t.answer for t in interview.turns), [t.question for t in interview.turns if not t.answer]
    for procedure in ("现在开始提问", "进入提问环节", "到此结束", "就到这里", "感谢谭局长做客"):
        assert not any(procedure in t.question for t in interview.turns)


@pytest.mark.parametrize(
    ("name", "courtesy"),
    [
        ("qichuan-agriculture.txt", "谢谢主持人，谢谢各位听众！"),
        ("lanzhou-ocean-fisheries.txt", "以上是我的简要介绍，谢谢大家！"),
        ("lanzhou-ocean-fisheries.txt", "谢谢主持人。各位媒体朋友，上午好。"),
        ("qichuan-ecology.txt", "我就先介绍这些，谢谢大家。"),
        ("qichuan-ecology.txt", "各位记者朋友，大家上午好！"),
    ],
)
def test_courtesies_are_not_answer_passages(name: str, courtesy: str) -> None:
    interview = bureau_file(name)
    assert not any(courtesy in p.text for p in interview.passages)
    assert courtesy in interview.text


def test_answers_that_begin_with_thanks_are_kept_whole() -> None:
    interview = bureau_file("lanzhou-ocean-fisheries.txt")
    assert any(p.text.startswith("谢谢您的提问。这项政策主要面向") for p in answers(interview))


CLOSING = """记者：今年公交票价会涨吗？

张华：今年公交票价不涨，继续实行一元一票制。

记者：谢谢您接受我们的采访。

张华：不客气，谢谢！欢迎大家多提宝贵意见。再见！

主持人：今天的访谈就到这里，我们下期节目再见。
"""


def test_closing_courtesies_are_neither_turns_nor_passages() -> None:
    interview = parse_text(CLOSING, "closing.txt")
    assert [(t.question, t.answer) for t in interview.turns] == [("今年公交票价会涨吗？", "今年公交票价不涨，继续实行一元一票制。")]
    assert [p.text for p in interview.passages] == ["今年公交票价不涨，继续实行一元一票制。"]


@pytest.mark.parametrize(
    ("text", "courtesy"),
    [("谢谢主持人，谢谢各位。", True), ("各位记者朋友，大家上午好！", True), ("主持人好，听众朋友们好。", True),
     ("我先通报几方面情况。", True), ("感谢大家长期以来对全市工作的关心和支持。", True), ("再见！", True),
     ("谢谢。入海排污口是陆海统筹的关键节点。", False), ("作风好不好，群众心里最有数。", False),
     ("节目一结束，我们就安排人员核实。", False), ("我们的目标是让群众满意。", False),
     # a vocative, and the same in Traditional characters
     ("张局长，您好！", True), ("周主任，请您先介绍一下总体情况。", False), ("主持人好，各位網友大家好！很高興和大家交流。", True),
     # pleasure at meeting by some means, but not pleasure at some news
     ("很高兴通过这个平台和大家交流。", True), ("很高兴看到我们和企业合作建成了站点。", False),
     # a guest's goodbye inviting everyone to come, but not an answer telling where to go
     ("谢谢各位网友，欢迎大家暑期来葭汭走一走、看一看！", True), ("大家可以去博物馆看一看。", False),
     # a guest who says who they are, a call put through, a caller's thanks; but not a question after them
     ("大家好，我是汤晓芃。", True), ("喂，您好，能听到吗？", True), ("好的好的，谢谢邵主任！", True),
     ("能听到，能听到。邵主任好！我父亲能不能申请上门服务？", False),
     # saying who one is by name is a courtesy; saying what one is belongs to the question
     ("您好，我是退休职工。", False),
     # an acknowledgement, and a well-wish to students; but not one before an answer
     ("那可太好了！", True), ("原来是这样，谢谢！", True), ("谢谢小满，祝同学们前程似锦！", True),
     ("祝你们考试顺利，这个政策7月起实施。", False)],
    ids=range(26),
)
def test_courtesy_vocabulary(text: str, courtesy: bool) -> None:
    from index.parsing.courtesy import is_courtesy

    assert is_courtesy(text) is courtesy


# 7. Metadata lines: source and time, a news page's info line, a radio programme, a byline with a credit


@pytest.mark.parametrize(
    ("name", "outlet", "series", "date", "reporters"),
    [
        ("qichuan-education.txt", "栖川日报", None, "2022-03-21", ("苏禾",)),
        ("qichuan-agriculture.txt", "栖川人民广播电台新闻综合广播", "政风行风热线", "2022-05-19", ()),
        ("lanzhou-housing.txt", "澜州晚报", None, "2021-03-26", ("苏雅",)),
        ("lanzhou-market-regulation.md", "澜州广播电视台", "问政澜州·局长访谈", "2020-11-12", ()),
        ("qichuan-emergency.html", "栖川新闻网", None, "2021-07-20", ("陶然",)),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v else "",
)
def test_metadata_lines(name: str, outlet: str, series: str | None, date: str, reporters: tuple[str, ...]) -> None:
    meta = bureau_file(name).metadata
    assert (meta.outlet, meta.series, meta.date, meta.reporters) == (outlet, series, date, reporters)


def test_a_news_page_info_line_is_metadata_not_a_heading() -> None:
    text = ("织密安全防护网 守护万家平安\n\n——访栖川市应急管理局局长柏振东\n\n"
            "2021-07-20 09:12 来源：栖川新闻网 记者 陶然 字号：大 中 小\n\n"
            "本文为虚构示例。日前，记者专访了栖川市应急管理局党委书记、局长柏振东。\n\n"
            "记者：防汛准备得怎么样？\n\n柏振东：我们落实各级防汛责任人5300余名。\n")
    interview = parse_text(text, "info.txt")
    meta = interview.metadata
    assert (meta.date, meta.outlet, meta.reporters) == ("2021-07-20", "栖川新闻网", ("陶然",))
    assert not any("字号" in (p.heading or "") or "来源" in (p.heading or "") for p in interview.passages)
    assert [p.heading for p in interview.passages if p.kind == "intro"] == ["——访栖川市应急管理局局长柏振东"]


def test_a_press_release_header_line_names_no_heading() -> None:
    interview = bureau_file("qichuan-ecology.txt")
    assert not any((p.heading or "").startswith("发布人") for p in interview.passages)
    assert interview.metadata.date == "2021-06-03"


@pytest.mark.parametrize(
    ("line", "reporters"),
    [("澜州晚报记者 苏雅 通讯员 何建军", ("苏雅",)), ("记者 林涛 实习生 王一", ("林涛",)),
     ("海川日报记者 王晓 陈立", ("王晓", "陈立")), ("本报记者 张三 摄影 李四", ("张三",))],
    ids=range(4),
)
def test_a_byline_credit_is_not_a_reporter(line: str, reporters: tuple[str, ...]) -> None:
    from index.parsing.metadata import TitleBlock, classify_title_line

    block = TitleBlock()
    classify_title_line(line, block)
    assert block.reporters == reporters


def test_a_courtesy_after_a_numbered_list_also_ends_it() -> None:
    text = ("记者：有哪些措施？\n\n张华：主要有两项。\n\n一是延长服务时间。窗口周末照常办理。\n\n二是推行网上办理。32项业务网上办。\n\n"
            "谢谢大家。\n\n此外，我们还开通了咨询热线。\n")
    interview = parse_text(text, "list.txt")
    assert [(p.heading, p.text[:2]) for p in answers(interview)] == [
        ("一是延长服务时间", "主要"), ("二是推行网上办理", "二是"), (None, "此外")]


# 8. What the fourth batch of layouts (held out) found: the short dateline, an article's own header, notes in
# brackets, an info line whose fields are one space apart, the fullest role of a headline's interviewee

NEWS_PAGE = """<!doctype html><html><head><title>专访市水利局局长赵启明：守好一江清水 - 岚川新闻网</title></head><body>
<header class="site-header"><nav><a href="/">首页</a></nav></header>
<article class="article"><header class="article-header"><h1>专访市水利局局长赵启明：守好一江清水</h1>
<div class="article-meta"><span>来源：岚川日报</span> <span>记者：陈默</span> <time datetime="2024-03-02T08:00:00+08:00">2024-03-02 08:00</time></div>
</header><div class="article-body">
<p>{dateline}（记者 陈默）日前，市水利局党组书记、局长赵启明接受记者专访。</p>
<p>（本文为虚构示例，人物、机构和数据均为虚构）</p>
<p><strong>今年防汛准备工作做得怎么样？</strong></p>
<p>“今年我们提前一个月完成了汛前检查。”赵启明说，全市排查整改隐患点213处。</p>
<p><strong>农村饮水安全方面有哪些进展？</strong></p>
<p>赵启明介绍，今年将完成42个村的供水管网改造，农村自来水普及率达到98%。</p>
</div></article><footer class="site-footer">版权所有</footer></body></html>"""


@pytest.mark.parametrize("dateline", ["岚川日讯", "岚川日报讯", "本报讯"], ids=range(3))
def test_a_news_page_names_its_city_by_outlet_and_dateline_and_its_header_is_kept(tmp_path: Path, dateline: str) -> None:
    page = tmp_path / "news.html"
    page.write_text(NEWS_PAGE.format(dateline=dateline), encoding="utf-8")
    interview = parse_file(page, "news.html")
    meta = interview.metadata
    assert (meta.title, meta.bureau, meta.outlet, meta.date) == ("专访市水利局局长赵启明：守好一江清水", "岚川市水利局",
                                                                 "岚川日报", "2024-03-02")
    # the headline says 局长, the first paragraph 党组书记、局长: the fullest wins, as for any interviewee
    assert (meta.interviewee, meta.role) == ("赵启明", "党组书记、局长")
    assert interview.text.startswith("专访市水利局局长赵启明"), "the article's own <header> is its title, not the site's"
    assert "首页" not in interview.text and "版权所有" not in interview.text
    assert [t.answerer for t in interview.turns if t.question] == ["赵启明", "赵启明"]
    assert_verbatim(interview)


def test_the_short_dateline_names_the_city_not_a_day() -> None:
    from index.parsing.orgs import find_city

    assert find_city("", "松陵日讯（记者 苏晴）今年以来，我市交通运输系统…") == "松陵市"
    assert find_city("", "松陵3月5日讯 今年以来…") == "松陵市"


def test_a_line_in_brackets_is_a_note_not_the_headline() -> None:
    from index.parsing.metadata import TitleBlock, classify_title_line

    block = TitleBlock()
    assert classify_title_line("（本文为虚构示例，人物、机构和数据均为虚构）", block) == "note"
    assert classify_title_line("(记者 苏晴 摄)", block) == "note"
    assert classify_title_line("守好一江清水（上）", block) == "headline" and block.headlines == ["守好一江清水（上）"]


def test_an_info_line_with_fields_one_space_apart_gives_only_the_source() -> None:
    from index.parsing.header import read_fields

    assert read_fields("来源：松陵日报 记者：苏晴 2024-08-06 07:30") == [("source", "松陵日报")]
    assert read_fields("来源：松陵日报 作者：苏晴") == [("source", "松陵日报")]
    assert read_fields("来源：溪宁市人民政府网　　发布时间：2024-05-16") == [("source", "溪宁市人民政府网"),
                                                                     ("time", "2024-05-16")]


def test_the_outlets_own_dateline_names_no_city() -> None:
    from index.parsing.orgs import find_city

    assert find_city("", "本报讯（记者 苏晴）今年以来，我市…", ["松陵日报"]) == "松陵市"



# 9. What the fifth batch of layouts (held out) found: the host handing the floor back or to a second speaker, a
# district government among the speakers, a Traditional-character page, a bureau named short in a source line, a
# source line between a question heading and its answer

HAND_BACK = """桐川市交通运输局在线访谈（本文为虚构示例）

访谈嘉宾：桐川市交通运输局局长 张志远

主持人：各位网友，大家下午好！今天我们邀请到桐川市交通运输局局长张志远。张局长，您好！

张局长：主持人好，各位网友大家好！

主持人：张局长，请您先介绍一下今年上半年的交通建设情况。

张局长：今年上半年，全市完成交通投资68.5亿元。关于农村公路，我再多说几句。

主持人：您接着说。

张局长：今年完成农村公路提档升级320公里。

市应急管理局副局长 高岩：我补充一点，全市建成应急避难场所42处。

主持人：请高岩同志补充。

高岩：应急物资储备库已经覆盖所有区县。

主持人：公交线网今年有哪些新举措？

张局长：新开通线路12条。
"""


def test_the_host_handing_the_floor_back_keeps_the_question() -> None:
    turns = [(t.question, t.answerer) for t in parse_text(HAND_BACK, "hand-back.txt").turns]
    first = "张局长，请您先介绍一下今年上半年的交通建设情况。"
    assert turns[0] == (first, "张志远"), "the welcome and the vocative greeting are no part of the question"
    assert turns[1] == (first, "张志远"), "您接着说: the same question, answered on"
    assert turns[-2][1] == "高岩" and turns[-2][0] == turns[-3][0], "请高岩同志补充: the question before, a second speaker"
    assert turns[-1] == ("公交线网今年有哪些新举措？", "张志远")


def test_a_district_government_speaks_for_itself_and_a_press_office_does_not() -> None:
    from index.parsing.about import _HOST_UNITS

    assert not _HOST_UNITS.search("鹭江市凤屿区人民政府") and not _HOST_UNITS.search("某县政府")
    assert _HOST_UNITS.search("鹭江市人民政府") and _HOST_UNITS.search("鹭江市人民政府新闻办公室")


def test_a_traditional_header_and_question_are_read() -> None:
    from index.parsing.header import field_key

    assert field_key("訪談嘉賓") == "guests" and field_key("主持人") == "host"
    page = ("鷺江市衛生健康委員會在線訪談（本文為虛構示例）\n\n訪談嘉賓：鷺江市衛生健康委員會主任 周立新\n\n"
            "【主持人】各位網友，大家上午好！周主任，您好！\n\n【嘉賓 周立新】主持人好，各位網友大家好！\n\n"
            "【主持人】周主任，請您先介紹一下基層醫療的總體情況。\n\n【嘉賓 周立新】全市共有社區衛生服務中心48個。\n\n"
            "【網友提問】社區醫院能開慢性病的藥嗎？\n\n【嘉賓 周立新】可以的，藥品增加到580種。\n")
    interview = parse_text(page, "trad.txt")
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [("周主任，請您", "周立新"), ("社區醫院能開", "周立新")]
    assert interview.metadata.bureau == "鹭江市卫生健康委员会"


def test_a_unit_named_short_takes_its_full_name_in_the_documents_city() -> None:
    from index.parsing.orgs import fullest

    text = "来源：市人力社保局\n解读机关：桐川市人力资源和社会保障局\n"
    assert fullest("市人力社保局", text, ["桐川市"]) == "市人力资源和社会保障局"
    assert fullest("市人社局", "市人力资源和社会保障局", ["桐川市"]) == "市人力资源和社会保障局"


def test_a_source_line_between_a_question_heading_and_its_answer_stands_aside() -> None:
    page = ("《某某方案》政策解读（本文为虚构示例）\n\n1. 哪些人员可以参加培训？\n\n来源：市人力社保局\n\n"
            "《方案》第六条明确，企业职工都可以参加。\n\n2. 培训补贴标准是多少？怎样申领？\n\n初级工每人1200元。\n\n"
            "3. 什么时候施行？\n\n自2024年5月1日起施行。\n")
    turns = parse_text(page, "policy.txt").turns
    assert [(t.question, t.answer) for t in turns] == [
        ("哪些人员可以参加培训？", "《方案》第六条明确，企业职工都可以参加。"),
        ("培训补贴标准是多少？怎样申领？", "初级工每人1200元。"), ("什么时候施行？", "自2024年5月1日起施行。")]


# 10. What the sixth batch of layouts (held out) found: verbs and 市级 before 市 are no city, a front matter's bureau
# without its city, a radio programme's callers and the guest who is 做客, bold speaker lines with the unit in
# brackets, "[嘉宾]陈文涛" alone on its line, a name first with a title that goes on after 、

def test_verbs_and_levels_before_shi_are_no_city() -> None:
    from index.parsing.orgs import find_city

    text = "黎川新闻网讯（记者 何思远）日前，记者专访了市交通运输局局长。今年市级财政安排资金2亿元，广大市民受益。"
    assert find_city("市交通运输局：今年将新开通12条城乡公交线路", text) == "黎川市"


def test_a_front_matter_bureau_without_its_city_takes_the_texts() -> None:
    text = ("---\ntitle: 老旧小区改造政策问答\nbureau: 市住房和城乡建设局\n---\n\n（本文为虚构示例）\n\n"
            "Q1：哪些小区可以改造？\n\nA1：2000年底前建成的小区。\n\nQ2：居民要出钱吗？\n\nA2：基础类改造由财政承担。\n\n"
            "黎川市住房和城乡建设局 2024年5月\n")
    assert parse_text(text, "qa.md").metadata.bureau == "黎川市住房和城乡建设局"


RADIO = """沐阳人民广播电台《政风行风热线》节目文字实录（本文为虚构示例）

主持人：各位听众朋友，早上好！今天做客直播间的是沐阳市市场监督管理局局长孙建国。欢迎孙局长！
孙局长：主持人好，各位听众朋友大家好！很高兴再次来到直播间，和大家交流。
主持人：孙局长，请您先介绍一下今年食品安全方面做了哪些工作？
孙局长：今年全市共抽检食品样品6820批次，总体合格率98.7%。
听众（电话）：我上个月在健身房办了一张年卡，现在健身房关门了，老板也联系不上
主持人：这位听众反映的是预付卡退费的问题，请孙局长回答。
孙局长：请您保存好合同和付款记录，拨打12315投诉。
网友（微信留言）：网上买的电热水壶漏电了，商家不给退怎么办？
孙局长：您可以要求商家依法承担责任。
"""


def test_a_radio_programmes_guest_and_callers() -> None:
    interview = parse_text(RADIO, "radio.txt")
    assert (interview.metadata.bureau, interview.metadata.interviewee) == ("沐阳市市场监督管理局", "孙建国")
    turns = [(t.asker, t.question[:8], t.answerer) for t in interview.turns]
    assert turns == [("主持人", "孙局长，请您先介", "孙建国"), ("听众（电话）", "我上个月在健身房", "孙建国"),
                     ("网友（微信留言）", "网上买的电热水壶", "孙建国")], "the host's relay joins the caller's words"


def test_speaker_lines_alone_with_their_unit_or_role_word() -> None:
    from index.parsing.people import parse_people
    from index.parsing.speakers import bare_label, find_label

    assert bare_label("郑立群（市教育局党组书记、局长）").name == "郑立群"  # type: ignore[union-attr]
    assert find_label("[嘉宾]陈文涛").name == "嘉宾 陈文涛"  # type: ignore[union-attr]
    assert find_label("【嘉宾】您好") is None
    assert parse_people("李振远 溪宁市交通运输局党组书记、局长") == parse_people("溪宁市交通运输局党组书记、局长 李振远")


def test_a_breadcrumb_above_the_header_does_not_end_it() -> None:
    from index.parsing.header import read_header
    from index.parsing.speakers import find_label

    lines = ["当前位置：首页 > 互动交流 > 在线访谈", "访谈嘉宾：沐阳市民政局局长 陈文涛", "主持人：赵晴"]
    header = read_header(lines, [find_label(line) for line in lines])
    assert [g.name for g in header.guests] == ["陈文涛"] and header.host is not None and header.host.name == "赵晴"


def test_a_header_with_each_value_below_its_key() -> None:
    from index.parsing.header import read_header
    from index.parsing.speakers import find_label

    lines = ["访谈时间：", "2024年9月12日 15:00", "访谈嘉宾：", "沐阳市民政局局长 陈文涛", "主持人：", "赵晴", "访谈简介：",
             "围绕养老服务，市民政局负责同志与网友在线交流。"]
    labels = [find_label(line) for line in lines]
    assert labels[1] is None, "a date and time is no speaker"
    assert labels[6] is None, "访谈简介 is no speaker"
    header = read_header(lines, labels)
    assert [g.name for g in header.guests] == ["陈文涛"] and header.host is not None and header.host.name == "赵晴"


BOARD = """领导留言板 留言办理情况选登（本文为虚构示例）

留言标题：被裁员后能不能领失业金

留言时间：2024-03-05 09:12:33

留言内容：我被公司辞退了，可以领取失业保险金吗？

回复单位：沐阳市人力资源和社会保障局

回复时间：2024-03-08 16:40:12

回复内容：累计缴费满1年的，可以申领失业保险金。

留言标题：灵活就业人员怎么参加职工医保

留言内容：我是网约车司机，能参加职工医保吗？

回复单位：沐阳市医疗保障局

回复内容：可以以个人身份参加职工基本医疗保险。

留言内容：厂里拖欠工资三个月怎么办？

回复单位：沐阳市人力资源和社会保障局

回复内容：我局已责令企业限期支付。
"""


def test_a_message_board_page_each_reply_answering_for_its_unit() -> None:
    interview = parse_text(BOARD, "board.txt")
    assert [(t.asker, t.question, t.answerer) for t in interview.turns] == [
        ("网友", "我被公司辞退了，可以领取失业保险金吗？", "沐阳市人力资源和社会保障局"),
        ("网友", "我是网约车司机，能参加职工医保吗？", "沐阳市医疗保障局"),
        ("网友", "厂里拖欠工资三个月怎么办？", "沐阳市人力资源和社会保障局")]
    assert [p.bureau for p in interview.passages if p.kind == "answer"] == [
        "沐阳市人力资源和社会保障局", "沐阳市医疗保障局", "沐阳市人力资源和社会保障局"]
    assert interview.metadata.bureau == "沐阳市人力资源和社会保障局", "the unit that answers most"
    assert not any("留言时间" in p.text or "回复单位" in p.text for p in interview.passages)


def test_a_message_board_reply_without_its_unit_is_kept_as_an_answer() -> None:
    page = re.sub(r"回复单位：.*\n\n", "", BOARD)  # a page that names no replying unit at all
    turns = parse_text(page, "board.txt").turns
    assert [(t.question, t.answer) for t in turns][1] == ("我是网约车司机，能参加职工医保吗？", "可以以个人身份参加职工基本医疗保险。")
    assert len(turns) == 3


@pytest.mark.parametrize("line, furniture", [
    ("网站首页 | 无障碍浏览 | English", True),
    ("首页｜政务公开｜互动交流｜办事服务", True),
    ("民生访谈 | 局长谈养老服务", False),  # two parts: a column and a headline
    ("织密养老服务网 守护幸福“夕阳红”", False),
])
def test_a_row_of_site_links_is_page_furniture_not_the_title(line: str, furniture: bool) -> None:
    from index.parsing.metadata import is_boilerplate

    assert is_boilerplate(line) is furniture
    page = f"{line}\n\n养老服务补贴怎么申请\n\n主持人：请问养老服务补贴怎么申请？\n\n陈文涛：到社区服务中心申请即可。\n"
    title = parse_text(page, "page.txt").metadata.title
    assert title == ("养老服务补贴怎么申请" if furniture else line)


# 11. What the seventh batch of layouts (held out) found: numbered 问/答 labels, 市民代表 askers and a film shown
# before the host's question in a televised 问政, two guests joined by 和, a name padded to line up, a 栏目 field,
# rules around a section heading, a read count with a thousands separator, time stamps after the words
@pytest.mark.parametrize("line, name, side", [("一、问：《办法》出台的背景是什么？", "问", "ask"), ("1. 答：主要有三项。", "答", "answer"),
                                              ("**市民代表 黄女士：** 我就是翠园小区的业主。", "市民代表 黄女士", "ask")])
def test_numbered_question_and_answer_labels_and_citizen_representatives(line: str, name: str, side: str) -> None:
    from index.parsing.speakers import find_label, read_label

    label = find_label(line)
    assert label is not None and label.name == name and read_label(label.name).side == side


TELEVISED = """**本期上场：** 岚峰市住房和城乡建设局党组书记、局长 宋凯
**现场市民代表：** 黄女士、钱先生

**主持人：** 宋局长，欢迎您！

**宋凯：** 主持人好。

**主持人：** 我们先来看一段记者暗访的短片。

> 【短片】记者在翠园小区看到，垃圾堆放多日无人清运。

**主持人：** 宋局长，短片里业主投诉了好几次都没有下文，住建部门有没有管理的手段？

**宋凯：** 住建部门对物业企业实行信用评价管理，今年对42家企业扣减了信用分。

**市民代表 黄女士：** 我们想换物业，可业委会一直成立不起来，这个怎么办？

**宋凯：** 符合条件的小区在收到业主申请后90日内必须启动筹备。
"""


def test_a_film_shown_before_the_hosts_question_is_no_part_of_it() -> None:
    interview = parse_text(TELEVISED, "tv.md")
    turns = [(t.asker, t.question[:8]) for t in interview.turns if t.question]
    assert turns == [("主持人", "宋局长，短片里业"), ("市民代表 黄女士", "我们想换物业，可")]
    assert (interview.metadata.interviewee, interview.metadata.role) == ("宋凯", "党组书记、局长"), "本期上场 names the guest"


def test_two_guests_joined_by_he_and_a_name_padded_to_line_up() -> None:
    from index.parsing.people import PersonDesc, parse_people

    assert parse_people("今天我们请来了市民政局副局长邵文静和东湖区青石街道办事处主任蒋磊", lead_in=True) == [
        PersonDesc("邵文静", "市民政局", "副局长"), PersonDesc("蒋磊", "东湖区青石街道办事处", "主任")]
    assert parse_people("市人力资源和社会保障局局长张三") == [PersonDesc("张三", "市人力资源和社会保障局", "局长")]
    assert parse_people("蒋磊\u3000\u3000岚峰市东湖区青石街道办事处党工委副书记、主任") == [
        PersonDesc("蒋磊", "岚峰市东湖区青石街道办事处", "党工委副书记、主任")]


def test_a_column_field_a_ruled_section_heading_and_a_read_count_are_metadata() -> None:
    from index.parsing.metadata import TitleBlock, classify_title_line, is_info_line

    block = TitleBlock()
    line = "栏目：政民面对面\u3000\u3000来源：岚峰市人民政府网\u3000\u3000发布时间：2024-09-26 16:05\u3000\u3000阅读量：5,214"
    assert classify_title_line(line, block) == "meta" and is_info_line(line)
    assert (block.series, block.outlet, block.date) == ("政民面对面", "岚峰市人民政府网", "2024-09-26")
    assert classify_title_line("———————— 访谈实录 ————————", block) == "section"
    byline = TitleBlock()
    assert classify_title_line("2024-11-05 08:12 来源：泽湾日报 作者：记者 石磊 实习生 方雨桐", byline) == "meta"
    assert byline.reporters == ("石磊",)
    page = f"养老服务怎么做得更好\n\n{line}\n（本文为虚构示例）\n\n访谈嘉宾：\n\u3000\u3000邵文静\u3000岚峰市民政局党组成员、副局长\n" \
           "主持人：林悦\n\n主持人 林悦：邵局长，全市养老服务体系建设到了什么程度？\n\n邵文静：已经建成社区养老服务站386个。\n"
    interview = parse_text(page, "page.txt")
    assert (interview.metadata.series, interview.metadata.outlet) == ("政民面对面", "岚峰市人民政府网")
    assert (interview.metadata.interviewee, interview.metadata.role) == ("邵文静", "党组成员、副局长")


def test_time_stamps_after_the_words_are_left_out_when_the_page_stamps_its_lines() -> None:
    lines = ["[主持人] 各位网友，大家好！ 10:00:12", "[邓立伟] 主持人好，网友们好。 10:00:31",
             "[主持人] 邓局长，背街小巷整治进展怎么样？ 10:01:05", "[邓立伟] 今年已完成背街小巷改造86条。 10:03:47"]
    interview = parse_text("\n".join(lines) + "\n", "live.txt")
    assert [p.text for p in interview.passages if p.question] == ["今年已完成背街小巷改造86条。"]
    one = parse_text("[主持人] 邓局长，几点开放？\n[邓立伟] 每天开放到 21:30:00\n", "one.txt")
    assert [p.text for p in one.passages if p.question] == ["每天开放到 21:30:00"], "one time at a line end is words"


def test_a_bulleted_list_item_is_no_heading() -> None:
    page = ("问：改革后，个人账户怎么计入？\n\n答：在职职工个人缴纳的基本医疗保险费仍全部计入本人个人账户，单位缴纳部分全部计入统筹基金。"
            "\n\n划重点\n\n● 在职职工：个人缴费2%全部计入\n\n● 退休人员：每人每月定额96元\n\n问：普通门诊费用能报销多少？\n\n"
            "答：起付标准为600元，起付标准以上部分报销60%。\n")
    sections = [(p.heading, p.text) for p in parse_text(page, "qa.txt").passages if p.heading]
    assert sections == [("划重点", "● 在职职工：个人缴费2%全部计入\n● 退休人员：每人每月定额96元")]


# 12. What the eighth batch of layouts (held out) found: a Traditional 專訪 headline, a reply to a proposal, title-only
# labels at a press conference, an expert from outside government, transcripts in tables, emoji before questions
def test_a_traditional_headline_names_no_city_by_its_verb() -> None:
    from index.parsing.orgs import find_city

    assert find_city("專訪市旅遊發展委員會主任沈嘉禾", "澄溪市旅遊市場持續升溫。", ["澄溪新聞網"]) == "澄溪市"
    assert find_city("加快建设交通强市", "出席市政府新闻发布会的有澄溪市交通运输局局长。澄溪市今年") == "澄溪市"


PROPOSAL = """关于加快推进既有住宅加装电梯的提案的答复

答复类型：A类（所提问题已解决或基本解决）

刘建平委员：

您提出的提案收悉。现将答复情况公布如下：

问题一：加装电梯审批环节多、周期长，能否进一步简化？

答复：今年3月，我局牵头印发联合审查办法，审批时限由45个工作日压缩到15个工作日。

问题二：财政补贴能否提高？

答复：自2024年1月1日起，市级财政补贴标准由每台12万元提高到每台18万元。

（此件公开发布）

抄送：市政协提案委员会。
"""


def test_a_reply_to_a_proposal_answers_as_the_bureau_to_its_numbered_questions() -> None:
    interview = parse_text(f"澄溪市住房和城乡建设局\n\n{PROPOSAL}", "reply.txt")
    assert interview.metadata.title == "关于加快推进既有住宅加装电梯的提案的答复"
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [("加装电梯审批", "澄溪市住房和城乡建设局"),
                                                                      ("财政补贴能否", "澄溪市住房和城乡建设局")]
    assert not any("此件公开发布" in p.text or "抄送" in p.text for p in interview.passages), "notes and copies"
    assert interview.metadata.interviewee is None, "the deputy addressed is no speaker"


PRESS = """发布人：
澄溪市交通运输局党组书记、局长 方卫国
澄溪市交通运输局副局长 梁晓燕

主持人：下面请记者朋友提问。

（记者）澄溪日报：今年全市交通基础设施投资规模有多大？

市交通运输局局长：今年全市计划完成交通固定资产投资200亿元以上。

问：（澄溪广播电视台）城乡公交一体化推进到哪一步了？

市交通运输局副局长：目前全市已开通城乡公交线路186条。
"""


def test_title_only_labels_answer_as_the_people_the_list_names() -> None:
    interview = parse_text(PRESS, "press.txt")
    assert [(t.asker, t.question[:6], t.answerer) for t in interview.turns] == [
        ("澄溪日报记者", "今年全市交通", "方卫国"), ("问", "城乡公交一体", "梁晓燕")]


def test_an_expert_from_outside_government_speaks_for_no_bureau() -> None:
    page = ("记者采访了雁汀市民政局养老服务处处长罗慧，以及长期研究养老服务政策的雁汀师范学院社会发展学院教授唐明哲。\n\n"
            "记者：这份清单有什么特点？\n\n唐明哲：我认为最大的特点是兜底和普惠结合得比较好。\n\n"
            "记者：补贴有哪些？\n\n罗慧：护理补贴每人每月200元。\n")
    spoken = {(p.speaker, p.role, p.bureau) for p in parse_text(page, "expert.txt").passages if p.kind == "answer"}
    assert spoken == {("唐明哲", "雁汀师范学院社会发展学院教授", ""), ("罗慧", "养老服务处处长", "雁汀市民政局")}


@pytest.mark.parametrize("rows, lines", [
    ([["10:01:02", "主持人", "韩主任，医共体有哪些新进展？"], ["10:01:20", "韩志远", "今年组建了9个医共体。"],
      ["10:06:05", "网友“小满”", "能不能直接转诊？"], ["10:06:22", "韩志远", "可以的。"]],
     ["主持人：韩主任，医共体有哪些新进展？", "韩志远：今年组建了9个医共体。", "网友“小满”：能不能直接转诊？", "韩志远：可以的。"]),
    ([["初级工", "1200元"], ["中级工", "1800元"], ["高级工", "2600元"]], [None, None, None]),  # a table of figures
    ([["时间", "发言人", "内容"], ["主持人", "各位好"], ["【嘉宾 周启航】", "大家好"], ["主持人", "请问？"]],
     [None, "主持人：各位好", "【嘉宾 周启航】大家好", "主持人：请问？"]),
])
def test_a_transcript_in_a_table_reads_as_labelled_lines(rows: list[list[str]], lines: list[str | None]) -> None:
    from index.parsing.speakers import transcript_rows

    assert transcript_rows(rows) == lines


def test_emoji_before_a_question_and_the_hosts_turn_to_the_messages_are_no_part_of_it() -> None:
    from index.parsing.courtesy import is_courtesy
    from index.parsing.metadata import strip_markup

    assert strip_markup("**❓ 租房提取公积金，每月最多能取多少？**") == "租房提取公积金，每月最多能取多少？"
    assert strip_markup("## ▍租房提取篇") == "租房提取篇"
    assert is_courtesy("谢谢韩主任。我们继续看网友的留言。")


def test_a_source_field_ends_where_the_next_key_begins() -> None:
    from index.parsing.header import read_fields

    assert read_fields("解读单位：岚峰市医疗保障局 解读文件：《岚峰市职工基本医疗保险门诊共济保障实施办法》") == [
        ("source", "岚峰市医疗保障局")]


# 13. What the ninth batch of layouts (held out) found: 本报X讯, guests who 走进直播间, a time inside the label,
# "刘振宇答：", a unit named short answering as itself, an answer that says which unit answers it, callers by name
@pytest.mark.parametrize("line, name, side, words", [
    ("主持人 [10:02]：刘局长，今年有哪些新政策？", "主持人", "ask", "刘局长"),
    ("嘉宾 刘振宇 [10:03]：今年我们出台了十条措施。", "嘉宾 刘振宇", "answer", "今年我们"),
    ("刘振宇答：欢迎你留在霁川！", "刘振宇", "answer", "欢迎你留"),
    ("市民 王先生（电话）：我家小区路面一直没填上。", "市民王先生（电话）", "ask", "我家小区"),
])
def test_labels_with_a_time_inside_an_answer_mark_or_a_callers_name(line: str, name: str, side: str, words: str) -> None:
    from index.parsing.speakers import find_label, read_label

    label = find_label(line)
    assert label is not None and (label.name, read_label(label.name).side) == (name, side)
    assert line[label.content_offset:].startswith(words)


def test_the_guests_who_come_into_the_studio_and_a_city_in_the_dateline() -> None:
    from index.parsing.orgs import find_city
    from index.parsing.people import PersonDesc, parse_people

    line = "今天走进直播间的是棠浦市住房和城乡建设局党组成员、副局长周明远，棠浦市住房和城乡建设局物业管理科科长贺晓琳。"
    assert parse_people(line, lead_in=True) == [PersonDesc("周明远", "棠浦市住房和城乡建设局", "党组成员、副局长"),
                                               PersonDesc("贺晓琳", "棠浦市住房和城乡建设局物业管理科", "科长")]
    assert find_city("让群众出行更顺畅", "本报霁川讯　今年是我市“交通建设提速年”。") == "霁川市"


JOINT = """霁川市生态环境局　霁川市水利局

问：补偿资金怎么算？

答：补偿资金由市级财政统筹资金和横向补偿资金两部分组成。

问：河湖长制考核结果如何与补偿挂钩？

答：（本问题由市水利局解答）考核结果作为补偿资金分配的重要依据。

问：有疑问找谁？

市医保局：可拨打12393咨询。

问：能在网上办吗？

市医保局：可以在“霁川医保”小程序办理。
"""


def test_an_answer_that_names_its_unit_and_a_unit_named_short_answer_for_those_units() -> None:
    interview = parse_text(JOINT, "joint.txt")
    spoken = [(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"]
    assert spoken == [("霁川市生态环境局", "霁川市生态环境局"), ("霁川市水利局", "霁川市水利局"),
                      ("霁川市医保局", "霁川市医保局"), ("霁川市医保局", "霁川市医保局")]  # with the city, as named


def test_greetings_that_answer_the_hosts_welcome_end_it() -> None:
    page = ("主持人：听众朋友们早上好。今天走进直播间的是市住建局副局长周明远。热线电话12345，微信留言请关注公众号。\n\n"
            "周明远：主持人好，听众朋友们好！\n\n主持人：周局长，今年老旧小区改造的计划是怎样的？\n\n"
            "周明远：今年计划改造老旧小区186个。\n")
    assert [t.question for t in parse_text(page, "radio.txt").turns] == ["周局长，今年老旧小区改造的计划是怎样的？"]


# 14. What the tenth batch of layouts (held out) found: a guest box below the transcript, an answer by another unit's
# 负责人 in brackets, a 微访谈 of accounts, a 委员会's or a 中心's section in the role
BOX = """主持人：郭主任，今年公积金政策主要有哪些调整？

郭主任：首套房公积金贷款最高额度由60万元提高到80万元。

网友“老杨”：个体户能不能自己缴公积金？

郑科长：可以的。月缴存基数在2200元到26000元之间自己选择。

访谈嘉宾

郭明远

茗川市住房公积金管理中心党组书记、主任

郑雅琴

茗川市住房公积金管理中心归集管理科科长

往期访谈
"""


def test_a_guest_box_below_the_transcript_names_the_speakers_and_is_no_answer() -> None:
    interview = parse_text(BOX, "box.txt")
    spoken = [(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"]
    assert spoken == [("郭明远", "党组书记、主任", "茗川市住房公积金管理中心"),
                      ("郑雅琴", "归集管理科科长", "茗川市住房公积金管理中心")]
    assert not any("往期访谈" in p.text for p in interview.passages)


WEIBO = """访谈平台：“茗川发布”政务微博
访谈嘉宾：
　　茗川市卫生健康委员会党组成员、副主任 唐韵（@茗川卫健唐韵）
　　茗川市卫生健康委员会基层卫生健康科科长 彭亮（@茗川卫健彭亮）
主持人：@茗川发布

@茗川发布：请问唐主任，目前我市家庭医生签约服务开展得怎么样？
2024-4-18 15:03 来自 微访谈

@茗川卫健唐韵：回复@茗川发布：全市组建家庭医生团队1386个。
2024-4-18 15:06 来自 微访谈

@晴天小猪2020：签约以后能提供哪些服务？
2024-4-18 15:10 来自 微访谈

@茗川卫健彭亮：回复@晴天小猪2020：老人还可以申请上门服务。
2024-4-18 15:18 来自 微访谈

@茗川发布：#茗川健康直通车# 感谢两位嘉宾的精彩解答！本期微访谈到此结束。

@茗川卫健唐韵：谢谢大家！祝大家身体健康！

转发(86)　评论(213)　赞(540)
"""


def test_a_weibo_interview_of_accounts() -> None:
    interview = parse_text(WEIBO, "weibo.txt")
    assert [(t.asker, t.question[:6], t.answerer) for t in interview.turns] == [
        ("主持人", "请问唐主任，", "唐韵"), ("@晴天小猪2020", "签约以后能提", "彭亮")]
    roles = {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert roles == {("唐韵", "党组成员、副主任", "茗川市卫生健康委员会"), ("彭亮", "基层卫生健康科科长", "茗川市卫生健康委员会")}
    assert not any("来自" in p.text or "转发" in p.text for p in interview.passages)


def test_an_answer_opened_by_another_units_official_in_brackets_is_theirs() -> None:
    page = ("市发展改革委有关负责人就《茗川市促进民营经济发展若干措施》答记者问\n\n问：措施有哪些？\n\n"
            "答：共20条措施。\n\n问：资金怎么安排？\n\n答：（市财政局有关负责人）市级财政安排专项资金3亿元。\n")
    spoken = [(p.speaker, p.bureau) for p in parse_text(page, "ndrc.txt").passages if p.kind == "answer"]
    assert [s for s, _ in spoken] == ["有关负责人", "有关负责人"]
    assert spoken[1][1].endswith("市财政局") and not spoken[0][1].endswith("市财政局")


# 15. What the eleventh batch of layouts (held out) found: a county's units and site, a 人民建议征集 reply, labels
# "问（网友）：" / "答（章局长）：", a transcript in a <pre>, a quoted nickname alone on its line
def test_a_countys_site_names_no_city_and_its_units_take_the_citys_name() -> None:
    from index.parsing.orgs import outlet_city
    from index.parsing.people import parse_person

    assert outlet_city("柏溪县人民政府") is None and outlet_city("溪宁市人民政府网") == "溪宁市"
    person = parse_person("柏溪县农业农村局党组书记")  # 柏溪 is a place, not a name
    assert person is not None and (person.name, person.org, person.role) == (None, "柏溪县农业农村局", "党组书记")
    interview = parse_text("访谈嘉宾：柏溪县农业农村局党组书记、局长 聂洪涛\n\n柏溪县地处苇川市北部。\n\n"
                           "主持人：聂局长，今年粮食播种面积有多少？\n\n聂洪涛：稳定在86.4万亩以上。\n", "county.txt")
    assert interview.metadata.bureau == "苇川市柏溪县农业农村局"


SUGGESTIONS = """苇川市人民建议征集办公室

以下建议均由苇川市人力资源和社会保障局研究办理并答复。

建议人：市民 覃女士

建议内容：我是外卖骑手，白天没时间去社保大厅。建议开设晚上或周末的社保服务窗口。

办理答复：自2024年7月1日起，市社保服务大厅每周六上午开设“周末服务窗口”。

建议人：网友“打工人老周”

建议内容：零工市场的岗位大多是长期工，建议多收集日结、夜班的岗位。

办理答复：市人社局已在“苇川零工”小程序上线“日结专区”和“夜班专区”。

上一篇：第十一期“建议·回音”
"""


def test_a_reply_to_citizens_suggestions_answers_for_the_unit_that_handled_them() -> None:
    interview = parse_text(SUGGESTIONS, "suggestions.txt")
    assert interview.metadata.bureau == "苇川市人力资源和社会保障局"
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("我是外卖骑手", "苇川市人力资源和社会保障局"), ("零工市场的岗", "苇川市人力资源和社会保障局")]
    assert not any("上一篇" in p.text for p in interview.passages)


def test_who_asks_and_answers_in_brackets_and_a_transcript_in_pre() -> None:
    from index.parsing.html_text import extract_article
    from index.parsing.speakers import bare_label, find_label

    assert find_label("问（网友）：预付卡的钱还能要回来吗？").name == "网友"  # type: ignore[union-attr]
    assert find_label("答（章局长）：可以登记。").name == "章局长"  # type: ignore[union-attr]
    assert bare_label("网友“夜归人”") is not None
    page = "<html><body><pre>问（网友）：能退吗？\n答（章局长）：可以。\n问（网友）：多久？\n答（章局长）：7天。</pre></body></html>"
    assert "问（网友）：能退吗？\n\n答（章局长）：可以。" in extract_article(page).text


# 16. What the twelfth batch of layouts (held out) found: 拨打市…, X市民政局, 记者/受访人 header and labels, a
# district's head by title, <h2>关于……的问题</h2>, 【问】……【答】…… in one paragraph
def test_a_city_before_minzheng_and_no_city_after_a_verb() -> None:
    from index.parsing.orgs import find_city

    assert find_city("", "芷川市民政局养老服务科。请拨打市民政局热线，或咨询市养老服务中心。") == "芷川市"


def test_a_reporter_and_the_interviewee_in_the_header_and_as_labels() -> None:
    page = ("采访时间：2024年5月28日\n记者：芷川广播电视台 何思远\n受访人：芷川市民政局养老服务科科长 骆文娟\n\n"
            "记者：骆科长，您好！目前我市老年人口有多少？\n受访人：全市60岁以上户籍老年人口103.6万人。\n")
    interview = parse_text(page, "tv.txt")
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [("目前我市老年", "骆文娟")]
    assert interview.metadata.bureau == "芷川市民政局"


def test_a_districts_head_by_title_speaks_for_its_government() -> None:
    from index.parsing.people import PersonDesc, parse_person

    assert parse_person("望湖区副区长唐敏") == PersonDesc("唐敏", "望湖区人民政府", "副区长")


def test_about_headings_and_marks_in_one_paragraph_are_questions(tmp_path: Path) -> None:
    html = ("<html><body><h1>不动产登记答网友问</h1><h2>关于二手房转移登记办理时限的问题</h2><p>二手房转移登记已压缩至1个工作日。</p>"
            "<h2>关于不动产登记费用减免的问题</h2><p>小微企业免收登记费。</p></body></html>")
    (tmp_path / "qa.html").write_text(html, "utf-8")
    questions = [t.question for t in parse_file(tmp_path / "qa.html").turns]
    assert questions == ["关于二手房转移登记办理时限的问题", "关于不动产登记费用减免的问题"]
    marked = parse_text("【问】《办法》出台的背景是什么？【答】原有政策分散在7个文件中。\n\n【问】补贴标准是多少？【答】每户1万元。\n",
                        "qa.md")
    assert [(t.question, t.answer) for t in marked.turns] == [("《办法》出台的背景是什么？", "原有政策分散在7个文件中。"),
                                                              ("补贴标准是多少？", "每户1万元。")]


# 17. What the thirteenth batch of layouts (held out) found: a 局长信箱 in key and value cells, labels with a unit in
# ASCII brackets, a host handing over to a reporter of a named outlet, a paper's site name in the page title
def test_a_mailbox_of_key_and_value_cells_reads_like_a_message_board() -> None:
    cells = ["来信人", "王**", "来信内容", "小区旁的汽修厂每天晚上喷漆，气味很大，能不能尽快查处？", "回复单位", "琅湖市生态环境局",
             "回复内容", "我局已依法责令立即停止喷漆作业，并处罚款3.2万元。", "来信人", "陈**", "来信内容", "家具企业怎么申报减排清单？",
             "回复单位", "琅湖市生态环境局", "回复内容", "可登录琅湖生态环境局网站申报，绩效分级有指南。"]
    interview = parse_text("\n\n".join(cells) + "\n", "mailbox.txt")
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [("小区旁的汽修", "琅湖市生态环境局"),
                                                                      ("家具企业怎么", "琅湖市生态环境局")]
    assert interview.metadata.bureau == "琅湖市生态环境局"


def test_a_unit_in_ascii_brackets_after_a_title_and_a_hand_over_to_a_named_outlet() -> None:
    from index.parsing.courtesy import is_courtesy
    from index.parsing.speakers import find_label, read_label

    label = find_label("10:02:11 许主任(市卫健委)：今年我们新增普惠托位1200个。")
    assert label is not None and read_label(label.name).title == ("许", "主任")
    host = find_label("主持人(苏晴)：许主任，托位够不够用？")
    assert host is not None and read_label(host.name).side == "ask"
    assert is_courtesy("请梧汀广播电视台记者提问。")
