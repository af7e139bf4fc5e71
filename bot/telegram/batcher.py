"""Searches in the search threads, off the event loop, batching the questions that queue up."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor

from bot.conversation.conversation import Conversation
from bot.conversation.replies import Question
from index.records import SearchResult

log = logging.getLogger("interview_qa.telegram")
MAX_BATCH = 16  # questions embedded in one model call when they queue up
BATCHES_KEPT = 100  # sizes of the last batches kept for /stats and the benchmarks


class SearchBatcher:
    """Runs searches in the search threads, batching the ones that queue up.

    A question is searched at once when a search thread is free; questions that arrive while every thread is
    busy wait, and the next free thread takes up to MAX_BATCH of them in one `Conversation.search_batch` (one
    model call, whose encoder runs texts of like length together): an idle bot answers each question alone, a busy
    one spends less CPU per question, so the queue drains instead of growing."""

    def __init__(self, executor: Executor, conversation: Callable[[], Conversation], workers: int,
                 max_batch: int = MAX_BATCH) -> None:
        self.executor, self.conversation = executor, conversation
        self.workers, self.max_batch = max(1, workers), max(1, max_batch)
        self.waiting: deque[tuple[Question, asyncio.Future[SearchResult]]] = deque()
        self.running = 0
        self.batches: list[int] = []  # sizes of the last batches (for /stats and the benchmarks)
        self._tasks: set[asyncio.Task[None]] = set()

    async def search(self, question: Question) -> SearchResult:
        if (known := self.conversation().cached(question)) is not None:  # asked again: no thread, no model
            return known
        future: asyncio.Future[SearchResult] = asyncio.get_running_loop().create_future()
        self.waiting.append((question, future))
        self._dispatch()
        return await future

    def _dispatch(self) -> None:
        while self.waiting and self.running < self.workers:
            batch: list[tuple[Question, asyncio.Future[SearchResult]]] = []
            while self.waiting and len(batch) < self.max_batch:
                item = self.waiting.popleft()
                if not item[1].done():  # its handler was cancelled (shutting down)
                    batch.append(item)
            if not batch:
                continue
            self.running += 1
            self.batches = self.batches[-(BATCHES_KEPT - 1):] + [len(batch)]
            task = asyncio.get_running_loop().create_task(self._run(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _run(self, batch: Sequence[tuple[Question, asyncio.Future[SearchResult]]]) -> None:
        try:
            outcomes = await self._outcomes([question for question, _ in batch])
            for (_, future), outcome in zip(batch, outcomes, strict=True):
                if future.done():
                    continue
                if isinstance(outcome, BaseException):
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)
        except BaseException as error:  # cancelled or the executor shut down: nobody waits forever
            for _, future in batch:
                if not future.done():
                    future.set_exception(error if isinstance(error, Exception) else RuntimeError("search stopped"))
            raise
        finally:
            self.running -= 1
            self._dispatch()

    async def _outcomes(self, questions: list[Question]) -> list[SearchResult | BaseException]:
        """A result or an error per question: one odd question must not fail the others in its batch."""
        loop = asyncio.get_running_loop()
        conversation = self.conversation()
        try:
            return list(await loop.run_in_executor(self.executor, conversation.search_batch, questions))
        except Exception as error:  # noqa: BLE001
            if len(questions) == 1:
                return [error]
            log.warning("a batch of %d searches failed (%s); searching them one by one", len(questions), error)
        outcomes: list[SearchResult | BaseException] = []
        for question in questions:
            try:
                outcomes.append(await loop.run_in_executor(self.executor, conversation.search, question))
            except Exception as single:  # noqa: BLE001
                outcomes.append(single)
        return outcomes
