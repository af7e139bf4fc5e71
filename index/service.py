"""Opening the search service: load the model, bring the index up to date, build the Searcher (once per process)."""

from __future__ import annotations

from index.store.builder import RefreshReport, refresh_index
from index.settings import CoreConfig
from index.search.searcher import Searcher
from index.store.vectors import set_threads


def open_searcher(config: CoreConfig, progress: bool = False, force: bool = False) -> tuple[Searcher, RefreshReport]:
    """The model loaded, the index refreshed (only changed files re-embedded), and a Searcher over it.

    Once the index is up to date, questions go through ONNX Runtime and the PyTorch copy of the model is freed;
    it comes back by itself when a later refresh has passages to embed.
    """
    from index.embedding.st_embedder import load_embedder

    set_threads(1)
    embedder = load_embedder(config.model)
    report = refresh_index(config, embedder, force=force, progress=progress)
    _release(embedder)
    return Searcher(report.data, embedder, config.search), report


def reload_searcher(searcher: Searcher, config: CoreConfig) -> tuple[Searcher, RefreshReport]:
    """A new Searcher over a refreshed index, reusing the loaded model (for /reload)."""
    report = refresh_index(config, searcher.embedder)
    _release(searcher.embedder)
    return Searcher(report.data, searcher.embedder, config.search, searcher.calibration), report


def _release(embedder: object) -> None:
    """Frees what only building needs, for embedders that can (index.embedding.st_embedder's, once questions go through ONNX)."""
    release = getattr(embedder, "release_model", None)
    if release is not None:
        release()
