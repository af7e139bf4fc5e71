"""Prometheus metrics of one server (prometheus-client, a registry per app so that tests can start several):
questions by outcome and front end, search latency, Telegram send errors, index build time, corpus size.

Front ends: `web` (the /search page), `api` (/api/search), `telegram` (the bot, through `MeteredSearcher`).
Outcomes: `high`, `low` (the closest passage, with suggestions), `not_found`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from index.records import IndexData, Passage, SearchResult
from index.search.service import SearchService

if TYPE_CHECKING:
    from index.search.features import QueryContext, Scored
    from index.settings import SearchConfig

LATENCY_BUCKETS = (0.005, 0.01, 0.015, 0.025, 0.05, 0.08, 0.1, 0.2, 0.5, 1.0, 2.5)  # seconds; 80 ms is the API target
CONTENT_TYPE = CONTENT_TYPE_LATEST
disable_created_metrics()  # the *_created series (a timestamp per label set) say nothing here


def outcome(result: SearchResult) -> str:
    """high | low | not_found."""
    if not result.answered:
        return "not_found"
    return result.confidence or "high"


class Metrics:
    """The counters of one server."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.questions = Counter("interview_qa_questions", "Questions answered, by outcome and front end",
                                 ("frontend", "outcome"), registry=r)
        self.search_seconds = Histogram("interview_qa_search_seconds", "Time to search one question (seconds)",
                                        ("frontend",), buckets=LATENCY_BUCKETS, registry=r)
        self.claims = Counter("interview_qa_claims", "Claims checked, by verdict", ("verdict",), registry=r)
        self.telegram_errors = Counter("interview_qa_telegram_send_errors",
                                       "Errors raised while the bot handled an update or sent a reply",
                                       ("error",), registry=r)
        self.index_build_seconds = Gauge("interview_qa_index_build_seconds",
                                         "Seconds the last index open or reload took", registry=r)
        self.index_builds = Counter("interview_qa_index_builds", "Index opens and reloads", ("result",), registry=r)
        self.passages = Gauge("interview_qa_passages", "Passages in the index", registry=r)
        self.interviews = Gauge("interview_qa_interviews", "Interviews in the index", registry=r)
        self.rate_limited = Counter("interview_qa_rate_limited", "Requests refused by the per-address limit",
                                    registry=r)
        for frontend in ("web", "api", "telegram"):  # every series exists from the start, at 0
            self.search_seconds.labels(frontend)
            for name in ("high", "low", "not_found"):
                self.questions.labels(frontend, name)

    def observe(self, frontend: str, result: SearchResult, seconds: float) -> None:
        self.questions.labels(frontend, outcome(result)).inc()
        self.search_seconds.labels(frontend).observe(seconds)

    def corpus(self, passages: int, interviews: int) -> None:
        self.passages.set(passages)
        self.interviews.set(interviews)

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MeteredSearcher:
    """A Searcher as one front end sees it (a SearchService): every search counted by outcome and timed; the rest is
    the Searcher's own."""

    def __init__(self, searcher: SearchService, metrics: Metrics, frontend: str) -> None:
        self._searcher = searcher
        self._metrics = metrics
        self._frontend = frontend
        self.counting = True  # off while the bot searches its example questions at start

    @property
    def wrapped(self) -> SearchService:
        return self._searcher

    @property
    def data(self) -> IndexData:
        return self._searcher.data

    @property
    def passage_count(self) -> int:
        return self._searcher.passage_count

    @property
    def config(self) -> SearchConfig:
        return self._searcher.config

    def score(self, context: QueryContext | str, bureau: str | None = None,
              interview_id: str | None = None) -> Scored:
        return self._searcher.score(context, bureau, interview_id)

    def passage(self, passage_id: str) -> Passage | None:
        return self._searcher.passage(passage_id)

    def turn_passages(self, passage: Passage) -> list[Passage]:
        return self._searcher.turn_passages(passage)

    def bureaus(self) -> list[tuple[str, int]]:
        return self._searcher.bureaus()

    def resolve_bureau(self, name: str) -> str:
        return self._searcher.resolve_bureau(name)

    def search(self, query: str, top_k: int | None = None, bureau: str | None = None,
               interview_id: str | None = None, explain: bool = False) -> SearchResult:
        began = time.perf_counter()
        result = self._searcher.search(query, top_k, bureau, interview_id, explain=explain)
        if self.counting:
            self._metrics.observe(self._frontend, result, time.perf_counter() - began)
        return result

    def search_many(self, queries: Sequence[str], top_k: int | None = None,
                    bureau: str | None = None) -> list[SearchResult]:
        began = time.perf_counter()
        results = self._searcher.search_many(queries, top_k, bureau)
        each = (time.perf_counter() - began) / max(1, len(results))
        for result in results if self.counting else ():
            self._metrics.observe(self._frontend, result, each)
        return results
