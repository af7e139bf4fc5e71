"""Property-based tests on generated (fictional) interviews: structure recovered, every passage verbatim."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.parsing.parser import parse_text
from index.parsing.courtesy import is_courtesy
from index.parsing.segment import enumerator
from tests.test_parser import assert_verbatim

CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
PUNCT_INSIDE = "，、"


@dataclass(frozen=True)
class GeneratedTurn:
    question: str
    heading_sentences: list[tuple[str | None, list[str]]]


def sentence() -> st.SearchStrategy[str]:
    """A sentence of plain prose: not a numbered list item ("一是……", its own section) nor a courtesy ("……再见。",
    never indexed)."""
    clause = st.text(alphabet=CHARS, min_size=3, max_size=14)
    return st.builds(
        lambda parts, end, quoted: ("“" + parts[0] + "”" if quoted else parts[0]) + "".join(
            p + q for p, q in zip(PUNCT_INSIDE * 3, parts[1:])) + end,
        st.lists(clause, min_size=1, max_size=4),
        st.sampled_from("。。。！？"),
        st.booleans(),
    ).filter(lambda text: enumerator(text) is None and not is_courtesy(text))


def heading() -> st.SearchStrategy[str]:
    part = st.text(alphabet=CHARS, min_size=2, max_size=6)
    return st.builds(lambda a, b: f"聚焦{a}，加强{b}", part, part)


LABELS = [
    ("记者", "张明"), ("问", "答"), ("Q", "A"), ("主持人", "李华"), ("海川日报", "王强"),
    ("【主持人】", "【海川市港口局 局长 赵六】"),
]


@st.composite
def interviews(draw: st.DrawFn) -> tuple[str, list[GeneratedTurn], str]:
    asker, answerer = draw(st.sampled_from(LABELS))
    person = answerer.strip("【】").split()[-1] if answerer not in ("答", "A") else "孙七"
    colon = draw(st.sampled_from(["：", ":", "： "]))
    turns: list[GeneratedTurn] = []
    for _ in range(draw(st.integers(1, 4))):
        question = draw(sentence()).rstrip("。！") + "？"
        sections = []
        for i in range(draw(st.integers(1, 4))):
            head = draw(heading()) if i > 0 and draw(st.booleans()) else None
            sections.append((head, draw(st.lists(sentence(), min_size=2 if head else 1, max_size=6))))
        turns.append(GeneratedTurn(question, sections))
    lines = ["（虚构访谈，仅供测试）", "", f"本文为虚构示例。记者专访了海川市港口局局长{person}。", ""]
    for turn in turns:
        lines += [f"{asker}{colon}{turn.question}", ""]
        for i, (head, sentences) in enumerate(turn.heading_sentences):
            body = "".join(sentences)
            if draw(st.booleans()) and len(body) > 60:  # a sentence broken across a blank line, as in the seed
                cut = draw(st.integers(45, len(body) - 5))
                if body[cut - 1] not in "。！？”，、" and body[cut] not in "，、。！？”":
                    body = body[:cut] + draw(st.sampled_from(["\n", "\n\n", "\n\n\n"])) + body[cut:]
            text = f"{head} {body}" if head else body
            lines += [f"{answerer}{colon}{text}" if i == 0 else text, ""]
    return "\n".join(lines), turns, person


def runs(headings: list[str]) -> list[str]:
    """The headings with each run of the same one counted once."""
    return [h for i, h in enumerate(headings) if i == 0 or headings[i - 1] != h]


def bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interviews())
def test_generated_interviews_parse_back(generated: tuple[str, list[GeneratedTurn], str]) -> None:
    text, turns, person = generated
    interview = parse_text(text, "generated.txt")
    assert_verbatim(interview)
    assert [t.question for t in interview.turns] == [t.question for t in turns]
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert {p.speaker for p in answers} == {person}
    for index, turn in enumerate(turns):
        mine = [p for p in answers if p.turn == index]
        assert all(p.question == turn.question for p in mine)
        assert bare("".join(p.text for p in mine)) == bare("".join(
            (f"{h}" if h else "") + "".join(s) for h, s in turn.heading_sentences))
        # a section too long for one passage is cut in two, and both keep its heading: headings are compared as runs
        assert runs([p.heading for p in mine if p.heading]) == runs([h for h, _ in turn.heading_sentences if h])


@settings(max_examples=40, deadline=None)
@given(st.lists(sentence(), min_size=1, max_size=60), st.integers(60, 400))
def test_long_answers_are_cut_at_sentence_ends_within_the_limit(sentences: list[str], limit: int) -> None:
    text = "问：怎么样？\n\n答：" + "".join(sentences) + "\n"
    interview = parse_text(text, "long.txt", max_chars=limit)
    assert_verbatim(interview)
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert bare("".join(p.text for p in answers)) == bare("".join(sentences))
    for passage in answers:
        assert len(passage.text) <= limit or not any(c in passage.text[:-1] for c in "。！？")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(sentence(), min_size=1, max_size=12), min_size=1, max_size=8), st.integers(60, 400))
def test_long_answers_are_cut_at_paragraph_breaks_first(paragraphs: list[list[str]], limit: int) -> None:
    texts = ["".join(p) for p in paragraphs]
    text = "问：怎么样？\n\n答：" + "\n\n".join(texts) + "\n"
    interview = parse_text(text, "paragraphs.txt", max_chars=limit)
    assert_verbatim(interview)
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert bare("".join(p.text for p in answers)) == bare("".join(texts))
    for passage in answers:
        pieces = passage.text.split("\n")
        if len(pieces) > 1:  # several paragraphs: whole ones only
            assert all(piece in texts for piece in pieces), pieces
        else:  # a part of one paragraph: cut at its sentence ends
            assert any(piece in t for t in texts for piece in pieces)
        assert len(passage.text) <= limit or len(pieces) == 1
