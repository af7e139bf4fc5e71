"""The front-end-neutral conversation: validation, hints, paging, buttons, deep links, rate limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation.actions import Action, bureau_token, decode_action, decode_question_payload, question_payload
from bot.conversation.conversation import Conversation, ConversationSettings
from bot.ratelimit import RateLimiter
from bot.conversation.replies import (
    Answer,
    BureauSelected,
    ClaimCheck,
    Hint,
    InterviewList,
    NotFound,
    Question,
    SourceDetails,
    TurnContext,
    Welcome,
)
from index.search.searcher import Searcher
from index.limits import MAX_CLAIM_CHARS
from tests.telegram_helpers import FOREST, REFUSING, app_config, fake_searcher, write_corpus


@pytest.fixture
def searcher(tmp_path: Path) -> Searcher:
    write_corpus(tmp_path / "corpus", {"fictional-forest.txt": FOREST})
    return fake_searcher(app_config(tmp_path))


@pytest.fixture
def conversation(searcher: Searcher) -> Conversation:
    return Conversation(searcher, ConversationSettings(results_per_page=1, questions_per_minute=0, top_k=3))


def test_a_question_gets_a_page_of_hits_and_more_pages_after(conversation: Conversation) -> None:
    reply = conversation.ask(1, "今年夏天用水高峰会停水吗？")
    assert isinstance(reply, Answer) and reply.key and len(reply.hits) == 3
    assert "80万吨" in reply.shown[0].passage.text and reply.has_more
    second = conversation.page(reply.key, 1)
    assert isinstance(second, Answer) and second.shown == reply.hits[1:2] and second.first_number == 2
    third = conversation.page(reply.key, 2)
    assert isinstance(third, Answer) and not third.has_more
    assert conversation.page(reply.key, 3) == Hint("no_more", "没有更多结果了。")
    assert conversation.page("nosuchkey", 1).code == "expired"  # type: ignore[union-attr]
    assert conversation.counters.answered == 1


@pytest.mark.parametrize("text, code", [("", "empty"), ("   \n ", "empty"), (None, "empty"), ("问" * 201, "too_long")])
def test_bad_questions_get_hints(conversation: Conversation, text: str | None, code: str) -> None:
    reply = conversation.ask(1, text)
    assert isinstance(reply, Hint) and reply.code == code and reply.text
    assert conversation.counters.hints == 1


def test_rate_limit_is_per_user_with_one_notice_per_interval(searcher: Searcher) -> None:
    conversation = Conversation(searcher, ConversationSettings(questions_per_minute=2))
    assert isinstance(conversation.prepare(1, "停水吗"), Question)
    assert isinstance(conversation.prepare(1, "停水吗"), Question)
    limited = conversation.prepare(1, "停水吗")
    assert isinstance(limited, Hint) and limited.code == "rate_limited" and not limited.quiet
    assert "秒后再试" in limited.text
    again = conversation.prepare(1, "停水吗")
    assert isinstance(again, Hint) and again.quiet  # no second notice within 10 s
    assert isinstance(conversation.prepare(2, "停水吗"), Question)  # another user is not limited
    # the window moving on: tests/test_ratelimit.py


def test_rate_limiter_without_limit_allows_everything() -> None:
    limiter = RateLimiter(0)
    assert all(limiter.wait(1) == 0.0 for _ in range(1000))


def test_not_found_names_bureaus_and_example_questions(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus")
    conversation = Conversation(fake_searcher(app_config(tmp_path, search=REFUSING)))
    conversation.refresh_examples()
    reply = conversation.ask(1, "火星移民政策是什么？")
    assert isinstance(reply, NotFound)
    assert ("海川市水务局", 1) in reply.bureaus
    # the shipped examples do not work on this corpus: the reporters' own short questions are suggested instead
    assert len(reply.examples) == 3 and all(q in ("创新券怎么申请？", "哪些企业可以申请？", "老旧小区的水管什么时候改造？",
                                                 "网上流传的水费计算器可靠吗？", "今年夏天用水高峰会不会停水？")
                                            for q in reply.examples)
    assert conversation.counters.not_found == 1


@pytest.mark.parametrize("data", [
    None, "", "x:1", "m:k1", "m:k1:0", "m:k1:abc", "m:K1:1", "m:k1:100", "m:k1:１", "c:", "c:../../etc/passwd",
    "s:" + "a" * 41, "b:xyz", "b:0123456789a", "i:", "m:k1:1:extra", "c:abc def", "m:" + "z" * 70 + ":1",
])
def test_tampered_callback_data_is_refused(data: str | None) -> None:
    assert decode_action(data) is None


def test_valid_callback_data_round_trips() -> None:
    for action in (Action("m", "a1b2", 3), Action("c", "493724c4-69def8"), Action("s", "493724c4-69def8"),
                   Action("b", bureau_token("海川市水务局")), Action("i", bureau_token("海川市水务局"))):
        assert decode_action(action.encode()) == action
        assert len(action.encode().encode()) <= 64


def test_buttons_context_and_source(conversation: Conversation) -> None:
    answer = conversation.ask(1, "水费计算器可靠吗")
    assert isinstance(answer, Answer)
    pid = answer.shown[0].passage.passage_id
    context = conversation.act(1, Action("c", pid))
    assert isinstance(context, TurnContext) and context.passage.passage_id == pid
    assert all(p.turn == context.passage.turn and p.kind == context.passage.kind for p in context.turn)
    source = conversation.act(1, Action("s", pid))
    assert isinstance(source, SourceDetails) and source.passage.file.endswith(".txt")
    assert conversation.act(1, Action("c", "ffffffff-ffffff")).code == "expired"  # type: ignore[union-attr]


def test_bureau_buttons_filter_the_next_question_only(conversation: Conversation) -> None:
    choice = conversation.bureaus()
    names = {name: token for name, _, token in choice.bureaus}
    assert {"海川市水务局", "海川市林业局"} <= set(names)
    listing = conversation.act(1, Action("i", names["海川市林业局"]))
    assert isinstance(listing, InterviewList) and listing.interviews[0].title == "海川市林业局谈森林防火"
    assert conversation.act(1, Action("b", names["海川市林业局"])) == BureauSelected("海川市林业局")
    question = conversation.prepare(1, "今年夏天会停水吗")
    assert isinstance(question, Question) and question.bureau == "海川市林业局"
    reply = conversation.answer(question, conversation.search(question))
    assert isinstance(reply, Answer) and {h.passage.bureau for h in reply.hits} == {"海川市林业局"}
    assert reply.bureau == "海川市林业局"
    follow_up = conversation.prepare(1, "今年夏天会停水吗")
    assert isinstance(follow_up, Question) and follow_up.bureau is None
    assert conversation.act(1, Action("b", "0123456789")).code == "expired"  # type: ignore[union-attr]


def test_start_payloads(conversation: Conversation, searcher: Searcher) -> None:
    pid = searcher.data.passages[1].passage_id
    assert isinstance(conversation.start(1, None), Welcome)
    assert isinstance(conversation.start(1, "help"), Welcome)
    opened = conversation.start(1, f"p_{pid}")
    assert isinstance(opened, Answer) and opened.shown[0].passage.passage_id == pid and not opened.has_more
    payload = question_payload("今年会停水吗？")
    assert payload and decode_question_payload(payload) == "今年会停水吗？"
    assert conversation.start(1, payload) == Question(1, "今年会停水吗？")
    for bad in ("p_ffffffff-ffffff", "p_", "q_!!!", "q_////", "hello", "p_" + "a" * 80, "q_" + "A" * 63):
        reply = conversation.start(1, bad)
        assert isinstance(reply, Hint) and reply.code == "bad_payload", bad
    assert question_payload("很长" * 30) is None  # does not fit in 64 characters


def test_verify_and_claim_validation(conversation: Conversation) -> None:
    assert conversation.prepare_claim(1, " ").code == "usage"  # type: ignore[union-attr]
    assert conversation.prepare_claim(1, "说" * (MAX_CLAIM_CHARS + 1)).code == "too_long"  # type: ignore[union-attr]
    assert conversation.prepare_claim(1, "说" * MAX_CLAIM_CHARS) == "说" * MAX_CLAIM_CHARS
    claim = conversation.prepare_claim(1, "日供水能力提高到90万吨")
    assert claim == "日供水能力提高到90万吨"
    checked = conversation.verify(claim)
    assert isinstance(checked, ClaimCheck) and checked.verification.verdict == "differs"


def test_reload_swaps_the_searcher_and_keeps_old_pages(tmp_path: Path, conversation: Conversation) -> None:
    answer = conversation.ask(1, "停水吗")
    assert isinstance(answer, Answer) and answer.key
    before = conversation.corpus.interviews
    other = tmp_path / "other"
    write_corpus(other / "corpus")
    conversation.replace_searcher(fake_searcher(app_config(other)))
    assert conversation.corpus.interviews == before - 1
    assert isinstance(conversation.page(answer.key, 1), Answer)


def test_stats_and_about_count(conversation: Conversation) -> None:
    conversation.ask(1, "停水吗")
    conversation.ask(1, "")
    stats = conversation.stats()
    assert (stats.answered, stats.not_found, stats.hints) == (1, 0, 1)
    assert stats.corpus.passages == conversation.searcher.passage_count
    assert conversation.about().corpus.interviews == 3


def test_many_bureaus_come_a_page_at_a_time_under_telegrams_button_limit(conversation: Conversation) -> None:
    from dataclasses import replace

    from bot.render.html import bureaus_card

    names = tuple((f"海川市第{n}局", 1) for n in range(290))
    conversation.corpus = replace(conversation.corpus, bureaus=names)
    first = conversation.bureaus()
    card = bureaus_card(first)
    buttons = [b for row in card.buttons for b in row]
    assert first.pages == 10 and len(first.bureaus) == 30 and len(buttons) <= 100
    more = decode_action(buttons[-1].data)
    assert more is not None and more.kind == "l" and more.page == 1
    second = conversation.act(1, more)
    assert second.page == 1 and second.bureaus[0][0] == "海川市第30局"  # type: ignore[union-attr]
    last = conversation.bureaus(99)
    assert last.page == 9 and last.bureaus[-1][0] == "海川市第289局"
    assert decode_action("l:bureaus:100") is None
