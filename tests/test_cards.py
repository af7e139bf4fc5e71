"""HTML answer cards on their own: escaping, the bold sentence, splitting under 4,096 at sentence ends."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import texts
from bot.conversation.actions import decode_action
from bot.conversation.replies import Answer, ClaimCheck, CorpusInfo, NotFound
from bot.render import html as cards
from index.claims.records import Verification
from index.records import Hit, Passage
from index.claims.records import Alignment, Difference
from tests.fake_bot_api import ApiError, _TelegramHTML

TERMINATORS = "。！？；!?;\n"


def telegram_text(source: str) -> str:
    """What Telegram shows for an HTML message; raises ApiError like Telegram for malformed HTML."""
    return _TelegramHTML().parse(source)[0]


def bold_texts(source: str) -> list[str]:
    text, entities = _TelegramHTML().parse(source)
    units = text.encode("utf-16-le")
    return [units[2 * e["offset"]: 2 * (e["offset"] + e["length"])].decode("utf-16-le")
            for e in entities if e["type"] == "bold"]


def passage(text: str, **fields: object) -> Passage:
    base: dict[str, object] = dict(passage_id="abcd1234-00ff00", interview_id="abcd1234", kind="answer", text=text,
                                   start=10, end=10 + len(text), file="fictional.txt", bureau="海川市水务局",
                                   interviewee="钱明", speaker="钱明", role="局长", question="水费怎么算？",
                                   asker="海川日报", title="海川市水务局谈供水 <虚构>", outlet="海川日报",
                                   date="2023-05-01", url="https://example.org/x?a=1&b=2")
    base.update(fields)
    return Passage(**base)  # type: ignore[arg-type]


def test_every_quoted_text_is_escaped_and_the_card_parses() -> None:
    text = "网页里藏着 <script>alert(1)</script> 这样的代码。水费 & 污水处理费合并收取。"
    start = text.index("水费")
    card = cards.hit_card(Hit(passage(text, question="<b>不是粗体</b>吗？", speaker="钱&明"), 1.0, (start, len(text))))
    assert "<script>" not in card and "&lt;script&gt;" in card and "&amp;" in card
    shown = telegram_text(card)
    assert text in shown  # verbatim once Telegram has parsed the HTML
    assert "<b>不是粗体</b>吗？" in shown and "钱&明" in shown
    assert "example.org/x?a=1&b=2" in shown and "《海川市水务局谈供水 <虚构>》" in shown
    assert bold_texts(card) == ["水费 & 污水处理费合并收取。"]


def test_the_card_shows_bureau_speaker_role_question_and_source() -> None:
    shown = telegram_text(cards.hit_card(Hit(passage("今年不会停水。"), 1.0, None), 2, 3))
    for part in ("海川市水务局", "钱明（局长）", "海川日报问：水费怎么算？", "今年不会停水。", "2023-05-01", "第 2/3 条"):
        assert part in shown


def test_bold_marks_exactly_the_best_sentence() -> None:
    text = "第一句。第二句说缓缴资金1.35亿元。第三句。"
    span = (text.index("第二句"), text.index("第三句"))
    assert cards.highlight(text, span) == "第一句。<b>第二句说缓缴资金1.35亿元。</b>第三句。"
    assert cards.highlight(text, None) == text


def test_overlapping_marks_nest_properly() -> None:
    source = cards.mark("abcdefgh", [(0, 5, "b"), (3, 8, "u")])
    assert telegram_text(source) == "abcdefgh"
    assert source == "<b>abc</b><b><u>de</u></b><u>fgh</u>"


def _long_text(n: int) -> str:
    sentences, i = [], 0
    while sum(map(len, sentences)) < n:
        i += 1
        sentences.append(f"第{i}句：水费&污水费<合并>收取" + "很长" * (i % 37) + ("。" if i % 5 else "！\n"))
    return "".join(sentences)[:n]


def test_a_10000_character_passage_is_split_under_4096_at_sentence_ends() -> None:
    text = _long_text(10_000)
    middle = text.index("第150句")
    span = (middle, text.index("。", middle) + 1)
    card = cards.hit_card(Hit(passage(text), 1.0, span))
    chunks = cards.split_html(card)
    assert len(chunks) >= 3
    shown = [telegram_text(c) for c in chunks]  # each piece is well-formed HTML on its own
    assert all(len(c) <= cards.MAX_MESSAGE for c in chunks)
    assert "".join(shown).replace("\n", "") == telegram_text(card).replace("\n", "")
    for piece in shown[:-1]:
        assert piece.rstrip(" ")[-1] in TERMINATORS + "”", piece[-20:]
    assert sum(b == text[span[0]:span[1]] for c in chunks for b in bold_texts(c)) == 1


def test_a_sentence_longer_than_a_message_is_still_cut_safely() -> None:
    text = "&<" * 3000 + "结束。"  # no sentence end for 6,000 characters, every one an entity
    chunks = cards.split_html(f"<blockquote><b>{cards.escape(text)}</b></blockquote>")
    assert len(chunks) >= 2 and all(len(c) <= cards.MAX_MESSAGE for c in chunks)
    assert "".join(telegram_text(c) for c in chunks) == text
    assert all(c.startswith("<blockquote><b>") and c.endswith("</b></blockquote>") for c in chunks)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab水。！\n<>&\"' ", min_size=1, max_size=600), st.integers(40, 300),
       st.lists(st.tuples(st.integers(0, 600), st.integers(0, 600), st.sampled_from(["b", "u"])), max_size=4))
def test_split_never_cuts_inside_a_tag_or_entity(text: str, limit: int,
                                                 spans: list[tuple[int, int, str]]) -> None:
    source = "<blockquote>" + cards.mark(text, [(min(a, b), max(a, b), t) for a, b, t in spans]) + "</blockquote>"
    chunks = cards.split_html(source, limit)
    assert all(len(c) <= limit for c in chunks)
    joined = "".join(telegram_text(c) for c in chunks)  # raises on a cut tag or entity
    assert joined.strip() == text.strip() or (not text.strip() and not chunks)
    for c in chunks:
        assert not re.search(r"&[#\w]*$", re.sub(r"&[#\w]+;", "", c))  # no dangling "&amp" fragment


def test_answer_card_buttons_carry_short_valid_callback_data() -> None:
    hits = tuple(Hit(passage(f"第{i}段。", passage_id=f"abcd1234-0000{i:02d}"), 1.0 - i / 10) for i in range(3))
    card = cards.answer_card(Answer("问题", hits, 0, 1, "k1"))
    data = [b.data for row in card.buttons for b in row]
    assert [b.text for row in card.buttons for b in row] == ["更多结果 ▶", "完整回答", "出处"]
    assert all(d and len(d.encode()) <= 64 and decode_action(d) for d in data)
    last = cards.answer_card(Answer("问题", hits, 2, 1, "k1"))
    assert "更多结果 ▶" not in [b.text for row in last.buttons for b in row]
    assert "第 3/3 条" in telegram_text(last.chunks[0])


def test_the_same_kind_of_bureau_of_another_city_is_pointed_to_under_the_first_answer() -> None:
    """A question that names no city gets one card; when a later hit is the same kind of bureau of another city,
    the card says so (Telegram and the terminal), and only on the first page and only for hits not shown."""
    from bot.render import plain

    bureaus = ["海川市水务局", "海川市财政局", "溪口市水务局", "溪口市水务局", "市水务局"]
    hits = tuple(Hit(passage(f"第{i}段。", passage_id=f"abcd1234-0000{i:02d}", bureau=b), 1.0 - i / 10)
                 for i, b in enumerate(bureaus))
    answer = Answer("水费怎么算", hits, 0, 1, "k1")
    assert answer.elsewhere == ((2, "溪口市水务局"),)  # once; not 财政局, not a bureau whose city is unknown
    expected = texts.also_elsewhere(answer.elsewhere, True)
    assert "溪口市水务局（第 3 条）" in expected
    assert expected in telegram_text(cards.answer_card(answer).chunks[0])
    assert expected in plain.render_plain(answer)
    for quiet in (Answer("水费怎么算", hits, 1, 1, "k1"),  # a later page
                  Answer("水费怎么算", hits, 0, 3, "k1"),  # already shown on the first
                  Answer("水费怎么算", hits[:2], 0, 1, "k1")):  # none of another city
        assert quiet.elsewhere == ()
        assert "其他城市" not in telegram_text(cards.answer_card(quiet).chunks[0])


def test_the_command_lines_search_points_to_the_same_kind_of_bureau_of_another_city() -> None:
    """`interview-qa search` shows every hit at once: the line names which of them is another city's same bureau."""
    from bot.render import plain
    from index.records import SearchResult

    bureaus = ["海川市水务局", "海川市财政局", "溪口市水务局"]
    hits = tuple(Hit(passage(f"第{i}段。", passage_id=f"abcd1234-0000{i:02d}", bureau=b), 1.0 - i / 10)
                 for i, b in enumerate(bureaus))
    shown = plain.render_result_text(SearchResult("水费怎么算", True, hits))
    assert texts.also_elsewhere(((2, "溪口市水务局"),), more=False) in shown
    assert "溪口市水务局（第 3 条）。" in shown and "更多" not in shown
    assert texts.ELSEWHERE_LEAD not in plain.render_result_text(SearchResult("水费怎么算", True, hits[:2]))


def test_a_low_confidence_answer_is_headed_as_the_closest_passage_in_every_front_end() -> None:
    """The heading must be true whether or not the passage answers: it names the closest passage and asks the reader
    to check, and never says the interviews do not answer above what may be the answer."""
    from bot.render import plain
    from index.records import SearchResult

    hit = Hit(passage("今年不会停水。"), 1.0, None)
    telegram = telegram_text(cards.answer_card(Answer("问题", (hit,), confidence="low")).chunks[0])
    terminal = plain.render_plain(Answer("问题", (hit,), confidence="low"))
    command_line = plain.render_result_text(SearchResult("问题", True, (hit,), confidence="low"))
    for shown in (telegram, terminal, command_line):
        first, second = shown.splitlines()[:2]
        assert (first, second) == (texts.LOW_CONFIDENCE, texts.LOW_CONFIDENCE_CHECK), shown
        assert "今年不会停水。" in shown and "没有直接回答" not in shown
    high = telegram_text(cards.answer_card(Answer("问题", (hit,))).chunks[0])
    assert texts.LOW_CONFIDENCE not in high and texts.LOW_CONFIDENCE_CHECK not in high
    # what the lines say: "closest", "whether it answers", and no claim that it does not
    assert "最接近" in texts.LOW_CONFIDENCE and "是否回答" in texts.LOW_CONFIDENCE_CHECK
    assert not any(word in texts.LOW_CONFIDENCE + texts.LOW_CONFIDENCE_CHECK for word in ("没有", "无法回答", "未回答"))


def test_not_found_card_says_so_and_suggests_what_is_covered() -> None:
    corpus = (("海川市水务局", 2), ("海川市林业局", 1))
    card = cards.not_found_card(NotFound("火星<移民>？", corpus, ("今年会停水吗？", "水费怎么算？")))
    shown = telegram_text(card.chunks[0])
    assert "没有找到" in shown and "不会自己编写答案" in shown
    assert "海川市水务局（2篇）" in shown and "• 今年会停水吗？" in shown and "/bureaus" in shown


def test_verification_card_marks_the_differing_span() -> None:
    text = "将海域使用金推迟到疫情结束后缴纳，缓缴资金1.35亿元。"
    record = (text.index("缓缴"), len(text))
    diff = (text.index("1.35"), text.index("亿元"))
    alignment = Alignment("differs", 0, record, (Difference("2", "1.35", "number"),), 0.8, (diff,))
    verification = Verification("缓缴资金2亿元", "differs", alignment.differences,
                                (Hit(passage(text), 1.0, record),), alignment)
    card = cards.verification_card(ClaimCheck(verification))
    source = card.chunks[0]
    shown = telegram_text(source)
    assert "与原文有出入" in shown and "说法「2」，原文「1.35」" in shown
    assert "<b>缓缴资金</b><b><u>1.35</u></b><b>亿元。</b>" in source
    assert [b.text for row in card.buttons for b in row] == ["完整回答", "出处"]


def test_inline_article_is_one_message_with_a_deep_link() -> None:
    article = cards.inline_article(Hit(passage(_long_text(6000)), 1.0, (0, 5)), "InterviewQABot")
    assert len(article.html) <= cards.MAX_MESSAGE and article.html.endswith("（节选）")
    telegram_text(article.html)
    assert article.link == "https://t.me/InterviewQABot?start=p_abcd1234-00ff00"
    assert article.title.startswith("钱明：")


def test_every_reply_type_renders() -> None:
    from bot.conversation.replies import About, BureauChoice, Hint, Stats, Welcome

    corpus = CorpusInfo(10, 2, (("海川市<水务局>", 1),))
    for reply in (Hint("x", "a < b"), About(corpus), Stats(corpus, 3725.0, 3, 1, 2), Welcome(corpus, ("问？",)),
                  BureauChoice((("海川市<水务局>", 1, "0123456789"),))):
        card = cards.render(reply, "InterviewQABot")
        for chunk in card.chunks:
            telegram_text(chunk)
    with pytest.raises(ApiError):
        telegram_text("<b>unclosed")  # the validator really validates
    assert html.unescape(cards.escape("<&>")) == "<&>"


def test_a_question_and_answer_interview_that_names_nobody_shows_no_placeholders() -> None:
    from bot.render.html import hit_card
    from bot.render.plain import render_hit_text
    from index.parsing.parser import parse_text

    interview = parse_text("问：补贴什么时候发放？\n\n答：补贴将在每年三月底前发放到农户账户。\n", "nameless.txt")
    [passage] = [p for p in interview.passages if p.kind == "answer"]
    card, plain = hit_card(Hit(passage, 1.0)), render_hit_text(Hit(passage, 1.0))
    for shown in (card, plain):
        assert "—" not in shown and "问问" not in shown and "（问）" not in shown and " · 答" not in shown, shown
        assert "补贴什么时候发放" in shown and "三月底前" in shown


def test_text_too_deep_in_tags_for_the_limit_is_sent_unformatted_rather_than_too_long() -> None:
    """Found by the property above: three nested tags around one character leave no room under a 40 limit."""
    source = "<blockquote>" + cards.mark("<", [(0, 1, "b"), (0, 1, "u")]) + "</blockquote>"
    chunks = cards.split_html(source, 40)
    assert all(len(c) <= 40 for c in chunks) and "".join(telegram_text(c) for c in chunks) == "<"


def test_an_interview_is_listed_under_its_bureaus_not_under_unknown_for_an_experts_passage() -> None:
    from bot.web.views import interviews_by_bureau

    official = passage("每年补贴200元。", passage_id="abcd1234-0001", start=0)
    expert = passage("兜底和普惠结合得比较好。", passage_id="abcd1234-0002", start=50, bureau="", speaker="唐明哲",
                     role="雁汀师范学院教授")
    unknown = passage("不知道是哪个局说的。", passage_id="ffff0000-0001", interview_id="ffff0000", bureau="")
    groups = {bureau: [e.interview_id for e in entries] for bureau, entries in
              interviews_by_bureau([official, expert, unknown])}
    assert groups == {"海川市水务局": ["abcd1234"], texts.NO_VALUE: ["ffff0000"]}
    assert interviews_by_bureau([official, expert])[0][1][0].passages == 2
