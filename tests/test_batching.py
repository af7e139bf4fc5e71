"""The bot's levers under load: batched searches (SearchBatcher, Conversation.search_batch), recent results for a
repeated question, and retries of replies the Bot API or the network failed (RetryingRateLimiter)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.conversation.conversation import Conversation, ConversationSettings
from bot.conversation.replies import Question
from bot.telegram.batcher import SearchBatcher
from bot.telegram.transport import RetryingRateLimiter
from index.records import SearchResult
from index.search.searcher import Searcher
from tests.telegram_helpers import FOREST, app_config, fake_searcher, write_corpus

QUESTIONS = ["今年夏天用水高峰会不会停水？", "水费计算器可靠吗", "老旧小区的水管什么时候改造", "创新券怎么申请",
             "哪些企业可以申请", "清明节上山祭扫有什么防火规定", "停水吗", "水厂新建了几座"]


class CountingSearcher:
    """Wraps a Searcher: counts calls, can hold every search until released, can fail on a word."""

    def __init__(self, inner: Searcher, fail_on: str | None = None) -> None:
        self.inner, self.fail_on = inner, fail_on
        self.calls: list[tuple[str, ...]] = []
        self.gate = threading.Event()
        self.gate.set()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def search(self, query: str, top_k: int | None = None, bureau: str | None = None) -> SearchResult:
        return self.search_many([query], top_k, bureau)[0]

    def search_many(self, queries: Sequence[str], top_k: int | None = None,
                    bureau: str | None = None) -> list[SearchResult]:
        self.calls.append(tuple(queries))
        self.gate.wait(5)
        if self.fail_on and any(self.fail_on in q for q in queries):
            raise RuntimeError(f"cannot search {self.fail_on}")
        return self.inner.search_many(queries, top_k, bureau)


@pytest.fixture
def searcher(tmp_path: Path) -> Searcher:
    write_corpus(tmp_path / "corpus", {"fictional-forest.txt": FOREST})
    return fake_searcher(app_config(tmp_path))


def conversation_over(searcher: Any) -> Conversation:
    return Conversation(searcher, ConversationSettings(questions_per_minute=0, top_k=3))


def texts_of(result: SearchResult) -> list[str]:
    return [h.passage.passage_id for h in result.hits]


def test_search_batch_gives_the_same_results_as_one_by_one(searcher: Searcher) -> None:
    batched = conversation_over(searcher).search_batch(
        [Question(1, q) for q in QUESTIONS] + [Question(2, QUESTIONS[0], top_k=5),
                                                Question(3, QUESTIONS[0], bureau="海川市林业局")])
    single = [searcher.search(q, top_k=3) for q in QUESTIONS]
    single += [searcher.search(QUESTIONS[0], top_k=5), searcher.search(QUESTIONS[0], top_k=3, bureau="海川市林业局")]
    assert [texts_of(r) for r in batched] == [texts_of(r) for r in single]
    assert [r.answered for r in batched] == [r.answered for r in single]
    assert len(batched[-2].hits) > 3 and all(h.passage.bureau == "海川市林业局" for h in batched[-1].hits)


def test_a_repeated_question_is_answered_from_recent_results_until_the_searcher_changes(searcher: Searcher,
                                                                                         tmp_path: Path) -> None:
    counting = CountingSearcher(searcher)
    conversation = conversation_over(counting)
    first = conversation.search(Question(1, QUESTIONS[0]))
    again = conversation.search(Question(2, QUESTIONS[0]))
    assert again is first and len(counting.calls) == 1
    assert conversation.cached(Question(3, QUESTIONS[0], top_k=5)) is None  # another number of hits
    assert conversation.cached(Question(3, QUESTIONS[0], bureau="海川市林业局")) is None
    conversation.replace_searcher(CountingSearcher(searcher))  # /reload: old results are never served again
    assert conversation.cached(Question(1, QUESTIONS[0])) is None


async def test_questions_that_queue_up_go_in_one_batch(searcher: Searcher) -> None:
    counting = CountingSearcher(searcher)
    conversation = conversation_over(counting)
    with ThreadPoolExecutor(1) as executor:
        batcher = SearchBatcher(executor, lambda: conversation, workers=1, max_batch=5)
        counting.gate.clear()  # the first search holds the only thread
        first = asyncio.create_task(batcher.search(Question(1, QUESTIONS[0])))
        await asyncio.sleep(0.05)
        rest = [asyncio.create_task(batcher.search(Question(n, q))) for n, q in enumerate(QUESTIONS[1:], 2)]
        await asyncio.sleep(0.05)
        counting.gate.set()
        results = await asyncio.gather(first, *rest)
    assert [len(c) for c in counting.calls] == [1, 5, 2]  # alone, then the queue in batches of at most 5
    assert batcher.batches == [1, 5, 2] and batcher.running == 0
    assert [texts_of(r) for r in results] == [texts_of(searcher.search(q, top_k=3)) for q in QUESTIONS]


async def test_an_idle_bot_searches_each_question_at_once(searcher: Searcher) -> None:
    counting = CountingSearcher(searcher)
    conversation = conversation_over(counting)
    with ThreadPoolExecutor(2) as executor:
        batcher = SearchBatcher(executor, lambda: conversation, workers=2)
        for q in QUESTIONS[:3]:
            await batcher.search(Question(1, q))
        assert counting.calls == [(q,) for q in QUESTIONS[:3]]
        await batcher.search(Question(2, QUESTIONS[0]))  # asked before: no thread, no model
    assert len(counting.calls) == 3


async def test_a_failing_question_does_not_fail_the_others_in_its_batch(searcher: Searcher) -> None:
    counting = CountingSearcher(searcher, fail_on="爆炸")
    conversation = conversation_over(counting)
    with ThreadPoolExecutor(1) as executor:
        batcher = SearchBatcher(executor, lambda: conversation, workers=1)
        counting.gate.clear()
        first = asyncio.create_task(batcher.search(Question(1, QUESTIONS[0])))
        await asyncio.sleep(0.05)
        asked = [QUESTIONS[1], "爆炸了怎么办", QUESTIONS[2]]
        tasks = [asyncio.create_task(batcher.search(Question(n, q))) for n, q in enumerate(asked, 2)]
        await asyncio.sleep(0.05)
        counting.gate.set()
        outcomes = await asyncio.gather(first, *tasks, return_exceptions=True)
    assert isinstance(outcomes[2], RuntimeError)
    assert [texts_of(outcomes[i]) for i in (1, 3)] == [texts_of(searcher.search(q, top_k=3)) for q in asked[::2]]
    assert batcher.running == 0


async def test_a_cancelled_question_is_dropped_from_the_queue(searcher: Searcher) -> None:
    counting = CountingSearcher(searcher)
    conversation = conversation_over(counting)
    with ThreadPoolExecutor(1) as executor:
        batcher = SearchBatcher(executor, lambda: conversation, workers=1)
        counting.gate.clear()
        first = asyncio.create_task(batcher.search(Question(1, QUESTIONS[0])))
        await asyncio.sleep(0.05)
        gone = asyncio.create_task(batcher.search(Question(2, QUESTIONS[1])))
        kept = asyncio.create_task(batcher.search(Question(3, QUESTIONS[2])))
        await asyncio.sleep(0.01)
        gone.cancel()
        counting.gate.set()
        await asyncio.gather(first, kept)
    assert counting.calls[1:] == [(QUESTIONS[2],)]


class Flaky:
    """A Bot API call that fails `failures` times with `error`, then answers."""

    def __init__(self, failures: int, error: Exception) -> None:
        self.failures, self.error, self.calls = failures, error, 0

    async def __call__(self, *args: Any, **kwargs: Any) -> dict[str, bool]:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return {"ok": True}


async def call(limiter: RetryingRateLimiter, endpoint: str, flaky: Flaky) -> Any:
    return await limiter.process_request(flaky, (), {}, endpoint, {"chat_id": 1}, None)


@pytest.mark.parametrize("error", [NetworkError("Bad Gateway"), TimedOut("Timed out")])
async def test_replies_are_retried_after_a_network_error(error: Exception) -> None:
    limiter = RetryingRateLimiter(max_retries=3, backoff=0.0)
    for endpoint in ("sendMessage", "answerCallbackQuery", "answerInlineQuery", "editMessageText"):
        flaky = Flaky(2, error)
        assert await call(limiter, endpoint, flaky) == {"ok": True} and flaky.calls == 3


async def test_retries_are_bounded_and_skip_what_must_not_be_repeated() -> None:
    limiter = RetryingRateLimiter(max_retries=2, backoff=0.0)
    always = Flaky(100, NetworkError("Internal Server Error"))
    with pytest.raises(NetworkError):
        await call(limiter, "sendMessage", always)
    assert always.calls == 3
    for endpoint in ("getMe", "getUpdates", "setWebhook", "deleteWebhook"):  # start-up and polling retry themselves
        once = Flaky(1, NetworkError("Bad Gateway"))
        with pytest.raises(NetworkError):
            await call(limiter, endpoint, once)
        assert once.calls == 1
    bad = Flaky(1, BadRequest("can't parse entities"))  # our request is wrong: repeating it cannot help
    with pytest.raises(BadRequest):
        await call(limiter, "sendMessage", bad)
    assert bad.calls == 1
