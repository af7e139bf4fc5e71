"""The interview parser: the seed exactly, every turn format, verbatim offsets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.records import Interview
from index.parsing.parser import parse_file, parse_text
from index.parsing.segment import repair_whitespace
from tests.conftest import FIXTURE_CORPUS, SEED

ALL_FILES = [SEED, *sorted(FIXTURE_CORPUS.iterdir())]


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_verbatim(interview: Interview) -> None:
    """Each passage is its source span with only the documented whitespace repair."""
    for passage in interview.passages:
        raw = interview.text[passage.start : passage.end]
        assert passage.text == repair_whitespace(raw), passage.passage_id
        assert _bare(passage.text) == _bare(raw)
        assert raw == raw.strip(), "offsets must not include surrounding whitespace"


@pytest.fixture(scope="module")
def seed() -> Interview:
    return parse_file(SEED)


def test_seed_metadata_comes_from_the_text(seed: Interview) -> None:
    meta = seed.metadata
    assert meta.series == "精致模范机关创建系列党建访谈录"
    assert meta.episode == "⑦"
    assert meta.bureau == "威海市海洋发展局"
    assert meta.interviewee == "邢海文"
    assert meta.role == "党组书记、局长"
    assert meta.outlet == "齐鲁晚报·齐鲁壹点"
    assert meta.reporters == ("刘宁", "李英豪")
    assert meta.title == "坚持党建引领、推动海洋经济高质量发展 写好精致模范机关创建“海洋篇”"


def test_seed_has_three_turns_between_the_outlet_and_the_chief(seed: Interview) -> None:
    assert len(seed.turns) == 3
    assert {t.asker for t in seed.turns} == {"齐鲁晚报·齐鲁壹点"}
    assert {t.answerer for t in seed.turns} == {"邢海文"}
    assert seed.turns[0].question == "市海洋发展局如何贯彻落实市委部署要求，推进精致模范机关建设？"
    assert seed.turns[2].answer.startswith("市海洋发展局党组牢固树立绿色")


def test_seed_answer_sections_carry_their_question(seed: Interview) -> None:
    sections = [p for p in seed.passages if p.kind == "answer" and p.heading]
    assert len(sections) == 11
    assert all(p.heading.startswith("聚焦") and p.heading in p.text for p in sections)
    assert [sum(1 for p in sections if p.turn == i) for i in range(3)] == [5, 3, 3]
    for passage in sections:
        assert passage.question == seed.turns[passage.turn].question
        assert passage.speaker == "邢海文" and passage.bureau == "威海市海洋发展局"
        assert passage.role == "党组书记、局长"
    fee = next(p for p in sections if "1.35亿元" in p.text)
    assert fee.heading == "聚焦服务质量，攻坚疫情期间海洋经济平稳运行"
    assert "疫情" in (fee.question or "") or "攻坚突破" in (fee.question or "")


def test_seed_lead_paragraphs_intro_and_summary(seed: Interview) -> None:
    leads = [p for p in seed.passages if p.kind == "answer" and p.heading is None]
    assert [p.text[:6] for p in leads] == ["我局党组用“", "今年以来，我", "市海洋发展局"]
    intro = [p for p in seed.passages if p.kind == "intro"]
    assert len(intro) == 3 and intro[-1].text.endswith("专访了威海市海洋发展局党组书记、局长邢海文。")
    assert all(p.speaker == "齐鲁晚报·齐鲁壹点" for p in intro), "the intro is the outlet's words"
    summary = [p for p in seed.passages if p.kind == "summary"]
    assert len(summary) == 1 and summary[0].heading == "访谈总结"
    assert summary[0].text.startswith("威海市海洋发展局围绕全市")
    assert not any("●" in p.text or "齐鲁晚报·齐鲁壹点：" in p.text for p in seed.passages)


def test_seed_sentence_broken_across_a_blank_line_is_joined(seed: Interview) -> None:
    lead = next(p for p in seed.passages if p.text.startswith("今年以来"))
    assert "“用三聚焦三攻坚”推动各项工作落实落地" in lead.text
    assert "\n" in seed.text[lead.start : lead.end]


def test_seed_passage_ids_are_stable_and_unique(seed: Interview) -> None:
    again = parse_file(SEED)
    assert [p.passage_id for p in again.passages] == [p.passage_id for p in seed.passages]
    assert len({p.passage_id for p in seed.passages}) == len(seed.passages)
    assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{6}\d*", p.passage_id) for p in seed.passages)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_every_passage_is_verbatim(path: Path) -> None:
    interview = parse_file(path)
    assert interview.passages
    assert_verbatim(interview)


@pytest.mark.parametrize(
    ("name", "askers", "speaker", "bureau", "turns"),
    [
        ("fictional-series-episode.txt", {"海川日报·海川新闻"}, "周海涛", "海川市港航局", 2),
        ("fictional-wen-da.txt", {"问"}, "孙立平", "海川市海洋渔业局", 3),
        ("fictional-host.txt", {"主持人"}, "吴建国", "海川市住房和城乡建设局", 2),
        ("fictional-bracket.md", {"主持人"}, "赵东", "海川市交通运输局", 2),
        ("fictional-press-conference.txt", {"主持人", "海川电视台记者"}, "钱明", "海川市生态环境局", 2),
        ("fictional-q-a.txt", {"Q"}, "郑华", "海川市科学技术局", 2),
        ("fictional-news-page.html", {"记者"}, "何清", "海川市水务局", 2),
    ],
)
def test_turn_formats(name: str, askers: set[str], speaker: str, bureau: str, turns: int) -> None:
    interview = parse_file(FIXTURE_CORPUS / name)
    assert len(interview.turns) == turns
    assert {t.asker for t in interview.turns} == askers
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert answers and {p.speaker for p in answers} == {speaker}
    assert {p.bureau for p in answers} == {bureau}
    statements = {p.turn for p in answers if not p.question}  # a speaker's opening after the host's welcome
    assert statements == ({0} if name == "fictional-press-conference.txt" else set())
    assert not any(re.match(r"^(问|答|Q|A|记者|主持人|【)[：:]?", p.text) for p in interview.passages)


def test_second_interview_of_the_series_parses_like_the_seed() -> None:
    interview = parse_file(FIXTURE_CORPUS / "fictional-series-episode.txt")
    meta = interview.metadata
    assert (meta.series, meta.episode, meta.outlet, meta.reporters) == (
        "精致模范机关创建系列党建访谈录", "⑧", "海川日报·海川新闻", ("王晓", "陈立"))
    assert (meta.interviewee, meta.role) == ("周海涛", "党组书记、局长")
    headings = [p.heading for p in interview.passages if p.kind == "answer" and p.heading]
    assert len(headings) == 5 and all(h.startswith("聚焦") for h in headings)
    assert any("“用两聚焦两攻坚”推动港口平稳运行" in p.text for p in interview.passages)
    assert [p.kind for p in interview.passages][-1] == "summary"


def test_press_conference_speaker_lines_with_time() -> None:
    interview = parse_file(FIXTURE_CORPUS / "fictional-press-conference.txt")
    first = interview.turns[0]
    assert first.answerer == "钱明", "the person, not the whole speaker line"
    assert first.answer.startswith("今年以来") and "关停整治散乱污企业136家" in first.answer
    assert all(p.role == "局长" for p in interview.passages if p.kind == "answer")
    assert not any("09:3" in p.text for p in interview.passages)


def test_markdown_front_matter_overrides_and_headings_split_the_answer() -> None:
    interview = parse_file(FIXTURE_CORPUS / "fictional-bracket.md")
    meta = interview.metadata
    assert (meta.title, meta.series, meta.date, meta.url) == (
        "海川市交通运输局谈城乡公交一体化", "民生访谈", "2022-03-15", "https://example.org/fictional/bus")
    headings = [p.heading for p in interview.passages if p.kind == "answer"]
    assert headings == [None, "票价政策", "下一步计划", None]
    assert not any("##" in p.text or "---" in p.text for p in interview.passages)


def test_html_page_keeps_the_article_and_drops_navigation_and_footer() -> None:
    interview = parse_file(FIXTURE_CORPUS / "fictional-news-page.html")
    everything = "\n".join(p.text for p in interview.passages) + "\n".join(t.question for t in interview.turns)
    for noise in ("首页", "新闻中心", "搜索本站", "当前位置", "相关阅读", "侧栏推荐", "版权所有", "备案号", "导航脚本", "color"):
        assert noise not in everything
    assert interview.metadata.date == "2023-07-20"
    assert interview.metadata.url == "https://news.example.org/fictional/water.html"
    assert interview.metadata.reporters == ("林涛",)
    assert any("<script>不是脚本</script>" in p.text for p in interview.passages), "entities decode to plain text"


@pytest.mark.parametrize("chrome", [
    "[首页](https://yjj.example.gov.cn/) ｜ [避难场所地图](https://yjj.example.gov.cn/map/) ｜ [我要留言](https://yjj.example.gov.cn/ly/)",
    "[首页](https://sthjj.example.gov.cn/) · [新闻动态](https://sthjj.example.gov.cn/xwdt/) · [公众号文章](https://sthjj.example.gov.cn/gzh/)",
    "[首页](https://www.example.gov.cn/) › [互动交流](https://www.example.gov.cn/hdjl/) › 采纳情况反馈",
])
def test_a_markdown_pages_nav_bar_and_breadcrumb_of_links_are_no_passage(chrome: str) -> None:
    text = f"{chrome}\n\n# 海川市应急管理局答网友问\n\n问：避难场所在哪里？\n\n答：全市已建成避难场所36处，详见[地图](https://yjj.example.gov.cn/map/)。\n"
    interview = parse_text(text)
    everything = "\n".join(p.text for p in interview.passages)
    assert "https://yjj.example.gov.cn/ly/" not in everything and "采纳情况反馈" not in everything
    assert [p.text for p in interview.passages if p.kind == "answer"] == [
        "全市已建成避难场所36处，详见[地图](https://yjj.example.gov.cn/map/)。"]  # a link inside an answer stays, verbatim


def test_file_without_turns_falls_back_to_paragraphs_with_a_warning() -> None:
    interview = parse_file(FIXTURE_CORPUS / "fictional-press-release.txt")
    assert interview.turns == ()
    assert len(interview.passages) == 3
    assert any("no question-and-answer turns" in w for w in interview.warnings)


def test_multi_paragraph_answer_keeps_its_question_on_every_passage() -> None:
    sentences = "".join(f"第{i}项措施已经落实到位，群众反映良好。" for i in range(40))
    text = f"问：有哪些措施？\n\n答：{sentences}\n\n{sentences}\n"
    interview = parse_text(text, max_chars=200)
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert len(answers) > 4
    assert all(p.question == "有哪些措施？" for p in answers)
    assert all(len(p.text) <= 200 for p in answers)
    assert all(p.text.endswith("。") for p in answers), "long sections are cut at sentence ends"
    assert_verbatim(interview)


@pytest.mark.parametrize("name", ["嵩明辉", "蔚青", "端木清远", "檀立新", "宾小川", "欧阳明"])
def test_the_parser_and_the_whole_text_checks_know_the_same_surnames(name: str) -> None:
    """One list (index.lexicon.names): a speaker the parser credits is one the whole-text checks can attribute to."""
    from index.claims.speakers import is_name
    from index.parsing.people import has_surname

    assert has_surname(name) and is_name(name)
    assert not has_surname("大家好") and not is_name("今天")


@pytest.mark.parametrize("line", ["今天我们邀请到的嘉宾是海川市水务局副局长钱明，欢迎钱局长！",
                                  "本期节目请到的是海川市水务局副局长钱明。",
                                  "今天邀请到了海川市水务局副局长钱明"])
def test_an_inviting_phrase_is_not_part_of_the_guests_unit(line: str) -> None:
    from index.parsing.people import parse_people

    assert [(p.name, p.org, p.role) for p in parse_people(line, lead_in=True)] == [("钱明", "海川市水务局", "副局长")]
