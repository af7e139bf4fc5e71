"""What a front end may ask of search: the Searcher, or anything that stands for it (the web's MeteredSearcher,
which counts each front end's searches), typed so that neither needs a cast."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from typing import TYPE_CHECKING

from index.records import IndexData, Passage, SearchResult

if TYPE_CHECKING:
    from index.search.features import QueryContext, Scored
    from index.settings import SearchConfig


class SearchService(Protocol):
    """The searcher as the conversation, the bot and the web use it."""

    @property
    def data(self) -> IndexData: ...

    @property
    def passage_count(self) -> int: ...

    @property
    def config(self) -> SearchConfig: ...

    def score(self, context: QueryContext | str, bureau: str | None = None,
              interview_id: str | None = None) -> Scored: ...

    def search(self, query: str, top_k: int | None = None, bureau: str | None = None,
               interview_id: str | None = None, explain: bool = False) -> SearchResult: ...

    def search_many(self, queries: Sequence[str], top_k: int | None = None,
                    bureau: str | None = None) -> list[SearchResult]: ...

    def passage(self, passage_id: str) -> Passage | None: ...

    def turn_passages(self, passage: Passage) -> list[Passage]: ...

    def bureaus(self) -> list[tuple[str, int]]: ...

    def resolve_bureau(self, name: str) -> str: ...
