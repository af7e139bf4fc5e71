"""The conversation context of each chat: the last exchanges (index.dialogue.turns.Turn) a follow-up is read with,
kept for `conversation.context_minutes` after the last one.

`StateContexts` keeps them in the state store the conversation is given (in this process by default, SQLite or
PostgreSQL shared by replicas): get, put, clear per chat key, each put with its own expiry. A key is one chat, or one
user in a group chat (`chat_key`): two people asking in the same group do not continue each other's questions.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.state.entries import Contexts
from index.dialogue.turns import Turn


def chat_key(chat: int | str, user: int | str | None = None) -> str:
    """The key of a conversation: the chat, and in a group the user too (a private chat's id is its user's)."""
    return f"{chat}" if user is None or str(user) == str(chat) else f"{chat}:{user}"


class StateContexts:
    """Contexts in the state store (bot.state: memory, SQLite or PostgreSQL), so that a follow-up asked of another
    replica is read with its conversation; turns kept as JSON records."""

    def __init__(self, contexts: Contexts) -> None:
        self._contexts = contexts

    def get(self, key: str) -> tuple[Turn, ...]:
        stored = self._contexts.get(key)
        try:
            return tuple(Turn.from_dict(raw) for raw in (stored or {}).get("turns", ()))
        except (KeyError, TypeError, AttributeError):  # written by an older program: start over
            return ()

    def put(self, key: str, turns: Sequence[Turn], seconds: float) -> None:
        if seconds <= 0 or not turns:
            self._contexts.clear(key)
            return
        self._contexts.put(key, {"turns": [turn.to_dict() for turn in turns]}, seconds)

    def clear(self, key: str) -> None:
        self._contexts.clear(key)
