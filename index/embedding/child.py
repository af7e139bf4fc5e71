"""Embedding in a child process: PyTorch and the model are loaded there, never in the serving process, and all of
their memory goes back to the system when the child exits (the allocator of a long-lived process keeps most of it:
`serve` stayed at 1.5 GB after one refresh that embedded).

The child is started with multiprocessing's "spawn" (a fresh interpreter: nothing of the server is copied into it)
on the first texts to embed, answers requests over a pipe, and is stopped by `close()`; as a daemon it also ends
with the server. `serve`'s refreshes embed this way (index.service); the command line embeds in its own process,
which exits anyway.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from index.errors import InterviewQAError, ModelUnavailableError
from index.settings import ModelConfig

log = logging.getLogger("interview_qa.index")
LOADER = "index.embedding.st_embedder:load_embedder"  # "module:function", called in the child with the ModelConfig
POLL_S = 1.0  # how often the parent checks that the child is still alive while it waits


def _load(loader: str, model: ModelConfig) -> Any:
    module, _, name = loader.partition(":")
    return getattr(importlib.import_module(module), name)(model)


def _serve(conn: Connection, loader: str, model: ModelConfig) -> None:
    """The child: loads the embedder on the first request, then answers (kind, texts, progress) until None."""
    embedder = None
    while (request := conn.recv()) is not None:
        kind, texts, progress = request
        try:
            embedder = embedder or _load(loader, model)
            vectors = embedder.embed_passages(texts, progress=progress) if kind == "passage" \
                else embedder.embed_queries(texts)
            conn.send(("ok", np.asarray(vectors, dtype=np.float32)))
        except Exception as error:  # noqa: BLE001 - reported to the parent as one typed error
            conn.send(("error", str(error) if isinstance(error, InterviewQAError)
                       else f"{type(error).__name__}: {error}"))


class ChildProcessEmbedder:
    """An Embedder whose texts are embedded by a child process. It carries the identity (name, fingerprint, dim)
    of the model it stands for; the child is started on the first texts and stopped by `close()`."""

    def __init__(self, model: ModelConfig, name: str, fingerprint: str, dim: int, loader: str | None = None) -> None:
        self.model, self.name, self.fingerprint, self.dim = model, name, fingerprint, dim
        self.loader = loader or LOADER
        self._process: Any = None
        self._conn: Connection | None = None

    @property
    def started(self) -> bool:
        return self._process is not None

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._call("query", texts, False)

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self._call("passage", texts, progress)

    def _call(self, kind: str, texts: Sequence[str], progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        conn = self._start()
        try:
            conn.send((kind, list(texts), progress))
            while not conn.poll(POLL_S):
                if not self._process.is_alive():
                    raise EOFError
            status, value = conn.recv()
        except (EOFError, OSError):
            code = self._process.exitcode
            self.close()
            raise ModelUnavailableError(f"the embedding process stopped before it finished (exit code {code}; out "
                                        "of memory?)") from None
        if status != "ok":
            raise ModelUnavailableError(value)
        return value  # type: ignore[no-any-return]

    def _start(self) -> Connection:
        if self._conn is None:
            context = multiprocessing.get_context("spawn")
            self._conn, child_end = context.Pipe()
            self._process = context.Process(target=_serve, args=(child_end, self.loader, self.model), daemon=True,
                                            name="interview-qa-embed")
            self._process.start()
            child_end.close()
            log.info("index: embedding in a child process (pid %d), freed when it is done", self._process.pid)
        return self._conn

    def close(self) -> None:
        """Stops the child (its memory goes back to the system); the next texts start a new one."""
        if self._conn is not None:
            try:
                self._conn.send(None)
            except OSError:
                pass
            self._conn.close()
        if self._process is not None:
            self._process.join(30)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._process = self._conn = None
