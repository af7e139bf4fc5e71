"""Expiring keyed values: the answer keys behind Telegram buttons (with the user who asked), the bureau a user chose
for the next question, and the conversation context of follow-ups. `Entries` is the store (in memory, or a table
of a state database); `AnswerKeys`, `Choices` and `Contexts` are what the conversation uses of it.

Values are JSON text: a stored answer keeps its hits whole (`encode_record`), so the buttons of an answer keep their
passages after a reload, whichever replica the button press reaches."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from index.records import Hit, Passage

if TYPE_CHECKING:
    from bot.state.database import Database, Tx

Clock = Callable[[], float]
R = TypeVar("R")
PURGE_EVERY = 500  # puts between two deletions of the expired entries
PURGE_INTERVAL_S = 600.0
ANSWERS = "answer"
CHOICES = "bureau"
CONTEXTS = "context"


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    owner: int | None
    value: str


class Entries(Protocol):
    """Values under (scope, key) until they expire; `take` reads and deletes at once (one taker wins)."""

    def put(self, scope: str, key: str, owner: int | None, value: str, ttl_s: float) -> None: ...

    def get(self, scope: str, key: str) -> Entry | None: ...

    def take(self, scope: str, key: str) -> Entry | None: ...

    def delete(self, scope: str, key: str) -> None: ...


class MemoryEntries:
    """In this process only (the conversation's default when no store is given: tests, one process)."""

    def __init__(self, clock: Clock = time.time, max_entries: int = 100_000) -> None:
        self.clock, self.max_entries = clock, max_entries
        self._items: dict[tuple[str, str], tuple[float, Entry]] = {}
        self._lock = threading.Lock()

    def put(self, scope: str, key: str, owner: int | None, value: str, ttl_s: float) -> None:
        now = self.clock()
        with self._lock:
            if len(self._items) >= self.max_entries:
                self._items = {k: v for k, v in self._items.items() if v[0] > now}
                while len(self._items) >= self.max_entries:  # the oldest go first (dicts keep insertion order)
                    del self._items[next(iter(self._items))]
            self._items.pop((scope, key), None)
            self._items[(scope, key)] = (now + ttl_s, Entry(owner, value))

    def get(self, scope: str, key: str) -> Entry | None:
        with self._lock:
            found = self._items.get((scope, key))
        return found[1] if found is not None and found[0] > self.clock() else None

    def take(self, scope: str, key: str) -> Entry | None:
        with self._lock:
            found = self._items.pop((scope, key), None)
        return found[1] if found is not None and found[0] > self.clock() else None

    def delete(self, scope: str, key: str) -> None:
        with self._lock:
            self._items.pop((scope, key), None)


class SqlEntries:
    """The `entries` table of a state database (SQLite or PostgreSQL)."""

    def __init__(self, db: Database, clock: Clock = time.time) -> None:
        self.db, self.clock = db, clock
        self._puts = 0
        self._last_purge = clock()
        self._lock = threading.Lock()

    def put(self, scope: str, key: str, owner: int | None, value: str, ttl_s: float) -> None:
        expires = self.clock() + ttl_s
        self.db.transaction(lambda tx: tx.run(
            "INSERT INTO entries (scope, key, owner, value, expires) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (scope, key) DO UPDATE SET owner = excluded.owner, value = excluded.value, "
            "expires = excluded.expires", (scope, key, owner, value, expires)))
        self._maybe_purge()

    def get(self, scope: str, key: str) -> Entry | None:
        row = self.db.transaction(lambda tx: tx.one(
            "SELECT owner, value FROM entries WHERE scope = ? AND key = ? AND expires > ?",
            (scope, key, self.clock())), write=False)
        return None if row is None else Entry(None if row[0] is None else int(row[0]), str(row[1]))

    def take(self, scope: str, key: str) -> Entry | None:
        def work(tx: Tx) -> tuple[Any, ...] | None:
            return tx.one("DELETE FROM entries WHERE scope = ? AND key = ? RETURNING owner, value, expires",
                          (scope, key))

        row = self.db.transaction(work)
        if row is None or float(row[2]) <= self.clock():
            return None
        return Entry(None if row[0] is None else int(row[0]), str(row[1]))

    def delete(self, scope: str, key: str) -> None:
        self.db.transaction(lambda tx: tx.run("DELETE FROM entries WHERE scope = ? AND key = ?", (scope, key)))

    def purge(self) -> int:
        """Deletes the expired entries; how many went."""
        return self.db.transaction(lambda tx: tx.run("DELETE FROM entries WHERE expires <= ?", (self.clock(),)))

    def _maybe_purge(self) -> None:
        with self._lock:
            self._puts += 1
            due = self._puts >= PURGE_EVERY or self.clock() - self._last_purge >= PURGE_INTERVAL_S
            if due:
                self._puts, self._last_purge = 0, self.clock()
        if due:
            self.purge()


# -- records as JSON -------------------------------------------------------------------------------------------------
def encode_record(record: Any) -> str:
    """A frozen dataclass as JSON: its fields by name; hits and passages as their records, tuples as lists."""
    return json.dumps({f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)},
                      ensure_ascii=False, separators=(",", ":"))


def decode_record(text: str, kind: type[R]) -> R | None:
    """The dataclass back from `encode_record`; None when the text does not fit `kind` (an older program's)."""
    try:
        data = json.loads(text)
        names = {f.name for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
        return kind(**{name: _rebuilt(value) for name, value in data.items() if name in names})
    except (ValueError, TypeError, KeyError):
        return None


def _plain(value: Any) -> Any:
    if isinstance(value, Hit):
        return {"__hit__": value.passage.to_record(), "score": value.score,
                "best": list(value.best_sentence) if value.best_sentence else None}
    if isinstance(value, Passage):
        return {"__passage__": value.to_record()}
    if isinstance(value, (tuple, list)):
        return {"__tuple__": [_plain(v) for v in value]}
    return value


def _rebuilt(value: Any) -> Any:
    if isinstance(value, dict):
        if "__hit__" in value:
            best = value.get("best")
            return Hit(Passage.from_record(value["__hit__"]), float(value["score"]),
                       (int(best[0]), int(best[1])) if best else None)
        if "__passage__" in value:
            return Passage.from_record(value["__passage__"])
        if "__tuple__" in value:
            return tuple(_rebuilt(v) for v in value["__tuple__"])
    return value


class AnswerKeys:
    """A stored answer under its random key, for `ttl_s` seconds: the buttons under it work that long."""

    def __init__(self, entries: Entries, ttl_s: float) -> None:
        self.entries, self.ttl_s = entries, ttl_s

    def keep(self, key: str, owner: int, record: Any) -> None:
        self.entries.put(ANSWERS, key, owner, encode_record(record), self.ttl_s)

    def find(self, key: str, kind: type[R]) -> R | None:
        entry = self.entries.get(ANSWERS, key)
        return None if entry is None else decode_record(entry.value, kind)


class Choices:
    """The bureau a user chose (a button) for their next question: taken by that question, on any replica."""

    def __init__(self, entries: Entries, ttl_s: float) -> None:
        self.entries, self.ttl_s = entries, ttl_s

    def choose(self, user: int, bureau: str) -> None:
        self.entries.put(CHOICES, str(user), user, bureau, self.ttl_s)

    def take(self, user: int) -> str | None:
        entry = self.entries.take(CHOICES, str(user))
        return None if entry is None else entry.value


class Contexts:
    """The conversation context of a chat (follow-up questions): a JSON-able mapping per chat key, kept `ttl_s`
    seconds after its last put. The plug point for the conversation's context: get / put / clear."""

    def __init__(self, entries: Entries, ttl_s: float) -> None:
        self.entries, self.ttl_s = entries, ttl_s

    def get(self, chat: str) -> dict[str, Any] | None:
        entry = self.entries.get(CONTEXTS, chat)
        if entry is None:
            return None
        try:
            value = json.loads(entry.value)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def put(self, chat: str, context: Mapping[str, Any], ttl_s: float | None = None) -> None:
        """Keeps `context` `ttl_s` seconds (the store's default when None)."""
        self.entries.put(CONTEXTS, chat, None, json.dumps(dict(context), ensure_ascii=False),
                         self.ttl_s if ttl_s is None else ttl_s)

    def clear(self, chat: str) -> None:
        self.entries.delete(CONTEXTS, chat)
