"""Typed errors of the core; the front ends turn them into friendly messages."""

from __future__ import annotations


class InterviewQAError(Exception):
    """Base of every error the core raises on purpose."""


class CorpusParseError(InterviewQAError):
    """A corpus file cannot be read or decoded (binary, empty, undecodable)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

    def __reduce__(self) -> tuple[object, ...]:  # pickled whole (a refresh in a child process raises it)
        return type(self), (self.file, self.reason)


class CorpusUnavailableError(CorpusParseError):
    """The corpus folder as a whole cannot be read (missing, not a folder, unreadable), or it suddenly holds no file
    where the index has some: the refresh is refused and the previous index stays live. `kind` is one of
    "missing", "not_a_folder", "unreadable", "emptied"; `indexed` is how many files the live index has."""

    def __init__(self, folder: str, kind: str, reason: str, indexed: int = 0, detail: str = "") -> None:
        super().__init__(folder, reason)
        self.kind = kind
        self.indexed = indexed
        self.detail = detail  # the system's word for why, e.g. "Permission denied"

    def __reduce__(self) -> tuple[object, ...]:
        return type(self), (self.file, self.kind, self.reason, self.indexed, self.detail)


class ConfigError(InterviewQAError):
    """The configuration file is missing a value or holds a wrong one."""


class ModelUnavailableError(InterviewQAError):
    """The embedding model cannot be built or loaded on this machine."""


class IndexNotBuiltError(InterviewQAError):
    """There is no index yet: run `interview-qa build`."""


class IndexCorruptError(InterviewQAError):
    """An index file is missing, truncated or altered since it was written."""


class IndexOutdatedError(IndexCorruptError):
    """The index was written by another version of interview-qa (a different format): rebuild it."""


class RefreshProcessError(InterviewQAError):
    """The child process of a refresh (serve's) ended without a report: killed, or out of memory."""


class IndexWriteError(InterviewQAError):
    """The index folder cannot be created or written (a parent that is a file, a read-only mount)."""


class UnknownBureauError(InterviewQAError):
    """A bureau filter that names no bureau of the corpus (or fits several): `close` are the names it may mean,
    `names` every bureau of the corpus."""

    def __init__(self, given: str, close: tuple[str, ...], names: tuple[str, ...]) -> None:
        hint = f"; did you mean {', '.join(close)}?" if close else f"; the bureaus are: {', '.join(names) or 'none'}"
        super().__init__(f"{given!r} is not a bureau of the corpus{hint}")
        self.given, self.close, self.names = given, close, names
