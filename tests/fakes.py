"""Test doubles for speed: a deterministic embedder (hashed character bigrams), never used outside unit tests."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from index.text import bigrams


class FakeEmbedder:
    """Maps texts to normalised vectors of hashed bigrams: similar wording -> similar vectors. Counts its calls."""

    name = "fake-bigram-embedder"

    def __init__(self, dim: int = 64, fingerprint: str = "fake-1") -> None:
        self.dim = dim
        self.fingerprint = fingerprint
        self.embedded: list[str] = []

    def _one(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for token in bigrams(text) or [text]:
            digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
            vector[int.from_bytes(digest[:4], "little") % self.dim] += 1.0 if digest[4] % 2 else -1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self.embed_queries(texts)


def unreadable_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """`chmod 000 folder` as the corpus walk sees it, for any user (root reads through chmod 000): os.scandir of
    that folder raises PermissionError; every other path (and file descriptor) is scanned as usual."""
    real = os.scandir

    def scandir(path: object = ".", *args: object, **kwargs: object) -> object:
        if isinstance(path, (str, os.PathLike)) and Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)


E5_SMALL_DIM = 384


def load_fake_embedder(model: object) -> FakeEmbedder:
    """Stands for index.embedding.st_embedder.load_embedder in a child process (index.store.child.LOADER):
    vectors of e5-small's dimension, without PyTorch."""
    return FakeEmbedder(dim=E5_SMALL_DIM)


def load_dying_embedder(model: object) -> FakeEmbedder:
    """A model load that kills its process (as the kernel's OOM killer would)."""
    os._exit(137)
