"""Opening the search service: the question encoder, the index brought up to date, the Searcher (once per process).

Answering never imports torch; a changed corpus or model loads PyTorch to embed the new texts, then frees it (while
serving, in a child process: index.store.child). What loads when: docs/operations.md."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from index.embedding.protocol import Embedder
from index.errors import CorpusUnavailableError, InterviewQAError
from index.search.searcher import Searcher
from index.settings import CoreConfig, ModelConfig
from index.records import RefreshReport
from index.store.builder import Notify, model_identity, refresh_index, up_to_date
from index.store.folder import check_writable, load
from index.store.vectors import set_threads

SEARCH_WORKERS = 2  # search threads: a question embeds on one core (index.embedding), so two use both cores

log = logging.getLogger("interview_qa.index")
OnRefreshed = Callable[[Searcher, RefreshReport], None]


def load_question_encoder(model: ModelConfig) -> Any | None:
    """The torch-free question encoder of the configured model (index.embedding.question_encoder), or None when it
    was not exported yet (or model.onnx_queries is off). Raises ModelUnavailableError when it is damaged."""
    if not model.onnx_queries:
        return None
    from index.embedding.identity import resolve_model
    from index.embedding.question_encoder import QuestionEncoder, choose_variant, encoder_dir, read_meta

    ref = resolve_model(model)
    if ref.fingerprint is None:
        return None
    folder = encoder_dir(model.cache_dir, ref.fingerprint)
    meta = read_meta(folder)
    if meta is None or meta.get("fingerprint") != ref.fingerprint or meta.get("name") != ref.name:
        return None
    variant = choose_variant(model.question_encoder, meta)
    return QuestionEncoder(folder, variant, model.threads, model.query_prompt, model.passage_prompt)


def load_reader(config: CoreConfig, fingerprint: str) -> Any | None:
    """The reader (index.reading) when search.reader and the calibration want it: "off" never, "auto" when the
    calibration found it beats the decision without it, "on" whenever its decision was fitted. None otherwise, or
    with one warning when it cannot be had (a missing or changed adapter, a reader not built yet)."""
    if config.search.reader == "off":
        return None
    from index.search.decision import Calibration

    try:
        decision = Calibration.read().reader
    except (OSError, ValueError, KeyError, TypeError):
        decision = None
    if decision is None or (config.search.reader == "auto" and not decision.adopted):
        return None
    from index.reading.reader import load_reader as load

    return load(config.model.cache_dir, fingerprint, decision.variant, fitted_for=decision.adapter)


def open_searcher(config: CoreConfig, progress: bool = False, force: bool = False, notify: Notify | None = None,
                  on_refreshed: OnRefreshed | None = None) -> tuple[Searcher, RefreshReport]:
    """A Searcher over the index brought up to date (only changed files re-embedded).

    `notify` hears what takes time (a build waiting for another, texts to embed with an estimate). With
    `on_refreshed`, a stale index that still loads is served at once while it is refreshed in a background thread,
    and `on_refreshed(new searcher, report)` is called when the new index is live (the bot keeps answering).
    """
    set_threads(1)
    encoder = None if force else load_question_encoder(config.model)
    if encoder is not None and (served := _as_it_is(config, encoder, on_refreshed, notify)) is not None:
        return served
    check_writable(config.index.dir)  # before the model load, which takes seconds
    if encoder is None:
        builder = _builder(config.model)
        report = refresh_index(config, builder, force=force, progress=progress, notify=notify)
        answering = _answering(config.model, builder)
        return Searcher(report.data, answering, config.search, reader=load_reader(config, answering.fingerprint)), report
    if on_refreshed is not None and _in_child(encoder):  # serve's first build: in a child process too
        report = _refresh_in_child(config, encoder, notify)
        return Searcher(report.data, encoder, config.search, reader=load_reader(config, encoder.fingerprint)), report
    builder = _LazyBuilder(config.model, encoder)  # PyTorch loaded only if texts are embedded, and freed again
    try:
        report = refresh_index(config, builder, force=force, progress=progress, notify=notify)
    finally:
        _done_with(builder)
    return Searcher(report.data, encoder, config.search, reader=load_reader(config, encoder.fingerprint)), report


def _as_it_is(config: CoreConfig, encoder: Embedder, on_refreshed: OnRefreshed | None,
              notify: Notify | None) -> tuple[Searcher, RefreshReport] | None:
    """A Searcher over the index as it is: when it is current; for serve (`on_refreshed`) also when it is stale
    (refreshed in the background meanwhile) or when the corpus folder cannot be read (the reason logged). None: the
    index must be built first."""
    try:
        report = up_to_date(config, model_identity(config, encoder))
    except CorpusUnavailableError as error:
        if on_refreshed is None or (stale := _loadable(config)) is None:
            raise
        log.error("index: %s; serving the previous index (%d passages)", error, len(stale.data.passages))
        return Searcher(stale.data, encoder, config.search, reader=load_reader(config, encoder.fingerprint)), stale
    if report is not None:
        return Searcher(report.data, encoder, config.search, reader=load_reader(config, encoder.fingerprint)), report
    if on_refreshed is not None and (stale := _loadable(config)) is not None:
        reader = load_reader(config, encoder.fingerprint)
        _refresh_in_background(config, encoder, stale, on_refreshed, notify, reader)
        return Searcher(stale.data, encoder, config.search, reader=reader), stale
    return None


def reload_searcher(searcher: Searcher, config: CoreConfig, notify: Notify | None = None) -> tuple[Searcher, RefreshReport]:
    """A new Searcher over a refreshed index, with the question encoder already loaded (for /reload)."""
    encoder = searcher.embedder
    report = up_to_date(config, model_identity(config, encoder))
    if report is None:
        check_writable(config.index.dir)
        report = _refresh_while_serving(config, encoder, notify)
    return Searcher(report.data, encoder, config.search, searcher.calibration, searcher.reader), report


def _loadable(config: CoreConfig) -> RefreshReport | None:
    """The live index as it is (stale), if it loads, for serving while the new one is built."""
    try:
        data = load(config.index.dir)
    except InterviewQAError:
        return None
    return RefreshReport(data, False, reason="served while the index is refreshed")


def _refresh_in_background(config: CoreConfig, encoder: Embedder, stale: RefreshReport,
                           on_refreshed: OnRefreshed, notify: Notify | None, reader: Any | None = None) -> None:
    def work() -> None:
        try:
            check_writable(config.index.dir)
            report = _refresh_while_serving(config, encoder, notify)
        except InterviewQAError as error:
            log.error("index: the background refresh failed, still serving the previous index: %s", error)
            return
        on_refreshed(Searcher(report.data, encoder, config.search, reader=reader), report)

    log.info("index: serving the previous index (%d passages) while the changed corpus is indexed",
             len(stale.data.passages))
    threading.Thread(target=work, name="index-refresh", daemon=True).start()


def _refresh_while_serving(config: CoreConfig, answering: Embedder, notify: Notify | None) -> RefreshReport:
    """A refresh of serve (in the background, /reload): in a child process when questions go through the question
    encoder, so that PyTorch (loaded only if there are texts to embed) and all the refresh takes never load in the
    serving process; otherwise with the embedder that answers (PyTorch itself, or a test's fake)."""
    if _in_child(answering):
        return _refresh_in_child(config, answering, notify)
    return refresh_index(config, answering, notify=notify)


def _in_child(answering: Embedder) -> bool:
    from index.embedding.question_encoder import QuestionEncoder

    return isinstance(answering, QuestionEncoder)


def _refresh_in_child(config: CoreConfig, encoder: Embedder, notify: Notify | None) -> RefreshReport:
    from index.store.child import ModelIdentity, refresh_in_child

    return refresh_in_child(config, ModelIdentity(encoder.name, encoder.fingerprint, int(encoder.dim)), notify)


def _done_with(builder: Any) -> None:
    if isinstance(builder, _LazyBuilder) and builder.loaded is not None:
        _release(builder.loaded)


class _LazyBuilder:
    """The identity of the question encoder's model; the PyTorch model is loaded only when texts must be embedded
    (a removed file, a changed setting that re-parses, or a refresh that finds every vector reused need none)."""

    def __init__(self, model: ModelConfig, encoder: Embedder) -> None:
        self.model, self.name, self.fingerprint, self.dim = model, encoder.name, encoder.fingerprint, encoder.dim
        self.loaded: Any = None

    def _load(self) -> Any:
        if self.loaded is None:
            self.loaded = _builder(self.model)
        return self.loaded

    def embed_queries(self, texts: Any) -> Any:
        return self._load().embed_queries(texts)

    def embed_passages(self, texts: Any, progress: bool = False) -> Any:
        return self._load().embed_passages(texts, progress=progress)


def _builder(model: ModelConfig) -> Any:
    """The PyTorch embedder that builds the index (and exports the question encoder), freed after each build."""
    from index.embedding.st_embedder import load_embedder

    return load_embedder(model)


def _answering(model: ModelConfig, builder: Any) -> Embedder:
    """What answers questions once the index is built: the question encoder (sharing the builder's tokenizer), the
    PyTorch model freed meanwhile; the PyTorch model itself when this model has no ONNX export."""
    from index.embedding.question_encoder import choose_variant, read_meta

    built = getattr(builder, "query_encoder", None)
    if built is None:
        return builder
    encoder = built.with_variant(choose_variant(model.question_encoder, read_meta(built.folder) or {}), model.threads)
    _release(builder)
    return encoder


def _release(builder: Any) -> None:
    """Frees the PyTorch model (~0.5 GB; loaded again by the next refresh that has texts to embed)."""
    release = getattr(builder, "release_model", None)
    if release is not None:
        release()


def searcher_opener(config: CoreConfig, notify: Notify | None = None, on_refreshed: OnRefreshed | None = None
                    ) -> Callable[[], Searcher]:
    """What a front end opens its searcher with: the real model and index, the corpus warnings logged (see
    open_searcher for `notify` and `on_refreshed`)."""
    def open_real_searcher() -> Searcher:
        searcher, report = open_searcher(config, notify=notify, on_refreshed=on_refreshed)
        for warning in report.warnings:
            log.warning("corpus: %s", warning)
        return searcher
    return open_real_searcher


def searcher_reloader(config: CoreConfig) -> Callable[[Searcher], tuple[Searcher, RefreshReport]]:
    """What /reload and the staff reload run: the index refreshed from the corpus, the model already loaded."""
    def reload(searcher: Searcher) -> tuple[Searcher, RefreshReport]:
        return reload_searcher(searcher, config)
    return reload
