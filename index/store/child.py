"""A refresh of the index run in a child process (multiprocessing "spawn"), for `serve`: parsing, embedding (PyTorch
only if there are new texts), the keyword indexes and the save all happen in the child, which reports over a pipe
(the lines `notify` should hear, then the report or the typed error); the server only loads the saved build, so
PyTorch never loads in it and what the refresh took goes back to the system. See docs/operations.md."""

from __future__ import annotations

import importlib
import logging
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass, fields
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from index.errors import InterviewQAError, RefreshProcessError
from index.settings import CoreConfig, ModelConfig
from index.records import RefreshReport
from index.store.builder import Notify

log = logging.getLogger("interview_qa.index")
LOADER = "index.embedding.st_embedder:load_embedder"  # "module:function": what embeds, called with the ModelConfig
POLL_S = 1.0  # how often the server checks that the child is still alive while it waits


@dataclass(frozen=True, slots=True)
class ModelIdentity:
    """Who the vectors of the index are from (the question encoder's model): what the child's builder stands for."""

    name: str
    fingerprint: str
    dim: int


class LazyEmbedder:
    """The identity of the model; the model itself (LOADER) loaded on the first texts to embed."""

    def __init__(self, model: ModelConfig, identity: ModelIdentity, loader: str) -> None:
        self.model, self.loader, self.loaded = model, loader, None
        self.name, self.fingerprint, self.dim = identity.name, identity.fingerprint, identity.dim

    def _load(self) -> Any:
        if self.loaded is None:
            module, _, function = self.loader.partition(":")
            self.loaded = getattr(importlib.import_module(module), function)(self.model)
        return self.loaded

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._load().embed_queries(texts)  # type: ignore[no-any-return]

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self._load().embed_passages(texts, progress=progress)  # type: ignore[no-any-return]


def _child(conn: Connection, config: CoreConfig, identity: ModelIdentity, loader: str) -> None:
    """In the child: the refresh, its notices sent as they come, then ("done", the report without its data)."""
    from index.store.builder import refresh_index

    try:
        report = refresh_index(config, LazyEmbedder(config.model, identity, loader),
                               notify=lambda line: conn.send(("notify", line)))
        summary = {f.name: getattr(report, f.name) for f in fields(report) if f.name != "data"}
        conn.send(("done", summary))
    except InterviewQAError as error:
        conn.send(("error", error))
    except Exception as error:  # noqa: BLE001 - a bug: reported in one line, the traceback on the child's stderr
        log.exception("index: the refresh process failed")
        conn.send(("error", InterviewQAError(f"the refresh failed: {type(error).__name__}: {error}")))
    finally:
        conn.close()


def refresh_in_child(config: CoreConfig, identity: ModelIdentity, notify: Notify | None = None) -> RefreshReport:
    """`refresh_index` in a child process with the model of `identity`; the new build loaded here. Raises what the
    refresh raised (a typed error), or RefreshProcessError when the child died (out of memory, killed)."""
    from index.store.folder import load

    context = multiprocessing.get_context("spawn")
    conn, child_end = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child_end, config, identity, LOADER), daemon=True,
                              name="interview-qa-refresh")
    process.start()
    child_end.close()
    log.info("index: refreshing in a child process (pid %d), its memory freed when it is done", process.pid)
    try:
        summary = _wait(conn, process, notify)
    finally:
        conn.close()
        process.join(30)
        if process.is_alive():
            process.kill()
            process.join()
    return RefreshReport(load(config.index.dir), **summary)


def _wait(conn: Connection, process: Any, notify: Notify | None) -> dict[str, Any]:
    while True:
        while not conn.poll(POLL_S):
            if not process.is_alive() and not conn.poll(0):
                raise RefreshProcessError(f"the refresh process stopped before it finished (exit code "
                                          f"{process.exitcode}; out of memory?); the previous index is kept")
        try:
            kind, value = conn.recv()
        except EOFError:
            raise RefreshProcessError("the refresh process stopped before it finished; the previous index is "
                                      "kept") from None
        if kind == "notify":
            if notify is not None:
                notify(value)
        elif kind == "error":
            raise value
        else:
            return value  # type: ignore[no-any-return]
