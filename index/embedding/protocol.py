"""The one interface every embedder implements (the sentence-transformers one, the test fakes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    name: str  # model identity shown in the index manifest
    fingerprint: str  # changes when the weights change
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """float32 (n, dim), L2-normalised."""
        ...

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        """float32 (n, dim), L2-normalised."""
        ...
