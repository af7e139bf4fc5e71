"""The conversation context of each chat: the last exchanges (index.dialogue.turns.Turn) a follow-up is read with,
kept for `conversation.context_minutes` after the last one.

Behind a small interface (`ContextStore`: get, put, clear per chat key, with an expiry) so that it can live in the
shared state store; `MemoryContextStore` keeps it in this process (no I/O). A key is one chat, or one user in a
group chat (`chat_key`): two people asking in the same group do not continue each other's questions.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Protocol

from index.dialogue.turns import Turn

MAX_CHATS = 10_000  # contexts kept at most; the least recently used one goes first


def chat_key(chat: int | str, user: int | str | None = None) -> str:
    """The key of a conversation: the chat, and in a group the user too (a private chat's id is its user's)."""
    return f"{chat}" if user is None or str(user) == str(chat) else f"{chat}:{user}"


class ContextStore(Protocol):
    """Where conversation contexts live; each entry expires `seconds` after it was put."""

    def get(self, key: str) -> tuple[Turn, ...]: ...

    def put(self, key: str, turns: Sequence[Turn], seconds: float) -> None: ...

    def clear(self, key: str) -> None: ...


class MemoryContextStore:
    """Contexts in this process (thread-safe: searches read them in worker threads)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_chats: int = MAX_CHATS) -> None:
        self._clock = clock
        self._max = max_chats
        self._entries: OrderedDict[str, tuple[float, tuple[Turn, ...]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[Turn, ...]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return ()
            if entry[0] <= self._clock():
                del self._entries[key]
                return ()
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: str, turns: Sequence[Turn], seconds: float) -> None:
        with self._lock:
            if seconds <= 0 or not turns:
                self._entries.pop(key, None)
                return
            self._entries[key] = (self._clock() + seconds, tuple(turns))
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def clear(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def __len__(self) -> int:
        return len(self._entries)
