"""Building and refreshing the index: only new or changed corpus files are parsed and embedded again."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from index.settings import CoreConfig
from index.parsing.check import FileCheck, check_interview, file_format
from index.parsing.corpus import CorpusFile, corpus_files, parse_corpus_file
from index.embedding.protocol import Embedder
from index.errors import (CorpusParseError, CorpusUnavailableError, IndexCorruptError, IndexNotBuiltError,
                          IndexOutdatedError)
from index.store.keyword import KeywordIndex
from index.text import to_simplified
from index.records import IndexData, Interview, Passage, RefreshReport
from index.store.folder import (PARSER_VERSION, build_lock, library_versions, load, read_manifest,
                                restore_current, save)
from index.lexicon.english import english_map, searched_question
from index.lexicon.places import foreign_places, place_names, searchable_text
from index.text import evidence_sentences
from index.vocabulary import document_frequencies
from index.store.vectors import VectorIndex


@dataclass(slots=True)
class _Plan:
    passages: list[Passage] = field(default_factory=list)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    parsed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)


def passage_embedding_text(passage: Passage) -> str:
    """What the passage vector and keyword index see: its heading (or, for an answer without one, the question it
    answers: question and answer are one unit) before its text. The quote itself is `passage.text` alone."""
    if passage.heading and passage.heading not in passage.text:
        return f"{passage.heading}\n{passage.text}"
    if passage.kind == "answer" and not passage.heading and (question := searched_question(passage.question)):
        return f"{question}\n{passage.text}"
    return passage.text


def model_identity(config: CoreConfig, embedder: Embedder) -> dict[str, Any]:
    return {"name": embedder.name, "fingerprint": embedder.fingerprint, "dim": int(embedder.dim),
            "query_prompt": config.model.query_prompt, "passage_prompt": config.model.passage_prompt}


TABLES_VERSION = 2  # bump when what a build derives and stores for search changes (1: places.json, 2: english.json)


def index_settings(config: CoreConfig) -> dict[str, Any]:
    return {"parser_version": PARSER_VERSION, "tables_version": TABLES_VERSION, "max_passage_chars": config.corpus.max_passage_chars,
            "faiss_type": config.index.faiss_type, "hnsw_m": config.index.hnsw_m, "ivf_lists": config.index.ivf_lists}


Notify = Callable[[str], None]
DEFAULT_SECONDS_PER_TEXT = 0.01  # embedding one text on 2 cores, until a build of this index has measured it


def up_to_date(config: CoreConfig, identity: dict[str, Any]) -> RefreshReport | None:
    """The live index, when it matches the corpus, the model `identity` and the settings; None when it does not (or
    there is none, or it is damaged: refresh_index says why). Takes no lock and writes nothing, so a current index
    can be searched on a read-only mount."""
    index_dir = config.index.dir
    try:
        manifest = read_manifest(index_dir)
    except (IndexNotBuiltError, IndexCorruptError):
        return None
    if manifest.get("model") != identity or manifest.get("settings") != index_settings(config):
        return None
    files, skipped = corpus_files(config.corpus.dir, config.corpus.follow_external_links)
    current = {f.name: f.sha256 for f in files}
    if {name: entry.get("sha256") for name, entry in manifest.get("files", {}).items()} != current:
        return None
    try:
        data = load(index_dir)
    except IndexCorruptError:
        return None
    if data.manifest != manifest:  # rebuilt between the two reads: judge the new one next time
        return None
    return RefreshReport(data, False, reused=tuple(current), warnings=_warnings(manifest, skipped),
                         reason="up to date")


def refresh_index(config: CoreConfig, embedder: Embedder, force: bool = False, progress: bool = False,
                  notify: Notify | None = None) -> RefreshReport:
    """Brings the index in line with the corpus, the model and the settings; a no-op when nothing changed.

    `notify` hears, in one line each, what is about to take time: waiting for another build, and how many texts
    are embedded with an estimate of how long that takes."""
    identity = model_identity(config, embedder)
    if not force and (fresh := up_to_date(config, identity)) is not None:
        restore_current(config.index.dir)  # a build found without CURRENT (deleted): point at it again
        return fresh
    index_dir = config.index.dir
    with build_lock(index_dir, notify):
        return _refresh_locked(config, embedder, identity, force, progress, notify)


def _refresh_locked(config: CoreConfig, embedder: Embedder, identity: dict[str, Any], force: bool, progress: bool,
                    notify: Notify | None) -> RefreshReport:
    index_dir = config.index.dir
    files, skipped = corpus_files(config.corpus.dir, config.corpus.follow_external_links)
    old: IndexData | None = None
    reason = ""
    try:
        old = load(index_dir)
    except IndexNotBuiltError:
        reason = "no index yet"
    except IndexOutdatedError as error:
        reason = f"the index format changed ({error})"
    except IndexCorruptError as error:
        reason = f"the index was damaged and is rebuilt ({error})"
    _refuse_emptied(config, files, old)
    settings = index_settings(config)
    current = {f.name: f.sha256 for f in files}
    if old is not None:
        same_model = old.manifest.get("model") == identity and old.manifest.get("settings") == settings
        old_files = {name: entry["sha256"] for name, entry in old.manifest.get("files", {}).items()}
        if same_model and old_files == current and not force:
            restore_current(index_dir)  # a build found without CURRENT (deleted): point at it again
            return RefreshReport(old, False, reused=tuple(current), warnings=_warnings(old.manifest, skipped),
                                 reason="up to date")
        if not same_model:
            reason = "the model or index settings changed"
            old = None if old.manifest.get("model") != identity else old
        else:
            reason = "the corpus changed" if old_files != current else "forced rebuild"
    reusable = old if old is not None and old.manifest.get("settings") == settings and not force else None
    changed = [f for f in files if not (reusable and reusable.manifest.get("files", {}).get(f.name, {}).get(
        "sha256") == f.sha256)]
    if notify and changed:
        notify(f"index: {reason}: reading {len(changed)} file{'s' if len(changed) != 1 else ''} of {len(files)}")
    plan = _plan(files, reusable, config.corpus.max_passage_chars)
    vector_source = old if old is not None and old.manifest.get("model") == identity else None
    rate = _seconds_per_text(old.manifest if old is not None else None)
    data, embedded, seconds = _assemble(plan.passages, embedder, config, vector_source, progress, notify, rate)
    old_names = set(old.manifest.get("files", {})) if old is not None else set()
    manifest = {"model": identity, "settings": settings, "files": plan.files, "skipped": skipped,
                "versions": library_versions(), "corpus_dir": str(config.corpus.dir),
                "embedding": _embedding_record(old.manifest if old is not None else None, embedded, seconds)}
    data = _with_manifest(data, manifest)
    save(data, index_dir)
    return RefreshReport(
        load(index_dir), True, tuple(plan.parsed), tuple(plan.reused), tuple(sorted(old_names - set(current))),
        embedded, _warnings(manifest, skipped), reason,
    )


def _refuse_emptied(config: CoreConfig, files: list[CorpusFile], old: IndexData | None) -> None:
    """A corpus that suddenly has no file where the live index has some (an unmounted volume, a wrong folder) is
    refused: an empty index would answer nothing, and the previous one would have to be embedded again."""
    entries = old.manifest.get("files", {}).values() if old is not None else ()
    indexed = sum(1 for entry in entries if entry.get("passages", 0) > 0)
    if not files and indexed:
        raise CorpusUnavailableError(
            str(config.corpus.dir), "emptied", f"the corpus folder has no interview files now, where the index has "
            f"{indexed}: the previous index is kept (to index an empty corpus, delete {config.index.dir})", indexed)


def _seconds_per_text(manifest: dict[str, Any] | None) -> float:
    record = (manifest or {}).get("embedding") or {}
    texts, seconds = record.get("texts", 0), record.get("seconds", 0.0)
    return seconds / texts if texts >= 50 and seconds > 0 else DEFAULT_SECONDS_PER_TEXT


def _embedding_record(manifest: dict[str, Any] | None, texts: int, seconds: float) -> dict[str, Any]:
    """How fast this machine embedded texts, for the next build's estimate (the last build that measured enough)."""
    if texts >= 50:
        return {"texts": texts, "seconds": round(seconds, 3)}
    return dict((manifest or {}).get("embedding") or {})


def _about(seconds: float) -> str:
    if seconds < 90:
        return f"about {max(1, round(seconds))} s"
    if seconds < 5400:
        return f"about {round(seconds / 60)} min"
    return f"about {seconds / 3600:.1f} h"


def _warnings(manifest: dict[str, Any], skipped: list[str]) -> tuple[str, ...]:
    found = [w for entry in manifest.get("files", {}).values() for w in entry.get("warnings", [])]
    return tuple(skipped + found)


def unknown_metadata(interview: Interview) -> list[str]:
    """What of a file's metadata could not be read: "bureau", "city" (for the build summary)."""
    from index.parsing.orgs import split_place

    bureau = interview.metadata.bureau
    if not bureau:
        return ["bureau", "city"]
    return ["city"] if split_place(bureau)[0] in ("", "市") else []


def _plan(files: list[CorpusFile], old: IndexData | None, max_chars: int) -> _Plan:
    plan = _Plan()
    old_files = old.manifest.get("files", {}) if old is not None else {}
    for file in files:
        entry = old_files.get(file.name)
        if old is not None and entry and entry["sha256"] == file.sha256:
            plan.passages.extend(p for p in old.passages if p.file == file.name)
            plan.files[file.name] = entry
            plan.reused.append(file.name)
            continue
        plan.parsed.append(file.name)
        try:
            interview = parse_corpus_file(file, max_chars)
        except CorpusParseError as error:
            plan.files[file.name] = {"sha256": file.sha256, "passages": 0, "warnings": [f"{file.name}: skipped: {error.reason}"],
                                     "check": FileCheck(file.name, file_format(file.name), error=error.reason).to_dict()}
            continue
        plan.passages.extend(interview.passages)
        plan.files[file.name] = {"sha256": file.sha256, "passages": len(interview.passages),
                                 "interview_id": interview.interview_id, "warnings": list(interview.warnings),
                                 "unknown": unknown_metadata(interview), "check": check_interview(interview).to_dict()}
    return plan


def _assemble(passages: list[Passage], embedder: Embedder, config: CoreConfig, old: IndexData | None,
              progress: bool, notify: Notify | None = None,
              seconds_per_text: float = DEFAULT_SECONDS_PER_TEXT) -> tuple[IndexData, int, float]:
    cache = _VectorCache(embedder, old)
    heading_rows: dict[str, int] = {}
    question_rows: dict[str, int] = {}
    owners: list[int] = []
    spans: list[tuple[int, int]] = []
    sentences: list[str] = []
    passage_heading, passage_question = [], []
    for row, passage in enumerate(passages):
        for start, end in evidence_sentences(passage.text):
            owners.append(row)
            spans.append((start, end))
            sentences.append(passage.text[start:end])
        passage_heading.append(heading_rows.setdefault(passage.heading, len(heading_rows)) if passage.heading else -1)
        asked = searched_question(passage.question)
        passage_question.append(question_rows.setdefault(asked, len(question_rows)) if asked else -1)
    texts = [passage_embedding_text(p) for p in passages]
    vocabulary = document_frequencies(passages)
    terms = cross_lingual_terms(vocabulary)
    cache.request("passage", texts + sentences + list(heading_rows))
    cache.request("query", list(question_rows) + terms)
    pending = sum(len(texts) for texts in cache.missing.values())
    if notify and pending:
        notify(f"index: embedding {pending} new text{'s' if pending != 1 else ''} "
               f"({_about(pending * seconds_per_text)} on this machine)")
    started = time.perf_counter()
    cache.compute(progress)
    seconds = time.perf_counter() - started
    passage_vectors = cache.matrix("passage", texts)
    data = IndexData(
        manifest={},
        passages=tuple(passages),
        passage_vectors=passage_vectors,
        sentence_vectors=cache.matrix("passage", sentences),
        sentence_owner=np.asarray(owners, dtype=np.int32),
        sentence_spans=np.asarray(spans, dtype=np.int32).reshape(-1, 2),
        heading_vectors=cache.matrix("passage", list(heading_rows)),
        passage_heading=np.asarray(passage_heading, dtype=np.int32),
        question_vectors=cache.matrix("query", list(question_rows)),
        passage_question=np.asarray(passage_question, dtype=np.int32),
        vectors=VectorIndex.build(passage_vectors, config.index.faiss_type, config.index.hnsw_m, config.index.ivf_lists),
        text_keywords=KeywordIndex.build(texts),
        meta_keywords=KeywordIndex.build([f"{p.heading or ''}\n{searched_question(p.question) or ''}" for p in passages]),
        sentence_keywords=KeywordIndex.build(sentences),
        vocabulary=vocabulary,
        terms=tuple(terms),
        term_vectors=cache.matrix("query", terms),
        place_names=(names := place_names()),
        foreign_places=foreign_places(names, searchable_text(passages)),
        english=english_map(vocabulary),
    )
    return data, cache.computed, seconds


MAX_TERMS = 20_000


def cross_lingual_terms(vocabulary: dict[str, int]) -> list[str]:
    """Chinese words of two or more characters, most used first: what an English question's words map onto."""
    words = [w for w in vocabulary if len(w) >= 2 and any("\u4e00" <= c <= "\u9fff" for c in w)]
    return sorted(words, key=lambda w: (-vocabulary[w], w))[:MAX_TERMS]


def _with_manifest(data: IndexData, manifest: dict[str, Any]) -> IndexData:
    from dataclasses import replace

    return replace(data, manifest=manifest)


class _VectorCache:
    """Embeddings by (prompt kind, text): reused from the previous build, computed once for what is new. A text is
    embedded in Simplified characters, as questions are asked (normalize_query): a page in Traditional is as near to
    a question as the same page in Simplified (the quote stays as written)."""

    def __init__(self, embedder: Embedder, old: IndexData | None) -> None:
        self.embedder = embedder
        self.vectors: dict[tuple[str, str], np.ndarray] = {}
        self.missing: dict[str, list[str]] = {"passage": [], "query": []}
        self.computed = 0
        self._simplified: dict[str, str] = {}
        if old is not None:
            self._harvest(old)

    def _key(self, text: str) -> str:
        """The text as it is embedded: in Simplified characters (converted once per text)."""
        if (simplified := self._simplified.get(text)) is None:
            simplified = self._simplified[text] = to_simplified(text)
        return simplified

    def _harvest(self, old: IndexData) -> None:
        # A passage's vector is of its embedding text as the old build's code made it, which only its parser version
        # vouches for (a question read as English or not changes it): another version's passages are embedded again.
        # Sentences, headings, questions and terms are kept from any version, by the text they were embedded as: in
        # Simplified from this version on, as written before it (so only those already in Simplified match).
        same_version = old.manifest.get("settings", {}).get("parser_version") == PARSER_VERSION
        key = self._key if same_version else (lambda text: text)
        if same_version:
            texts = [passage_embedding_text(p) for p in old.passages]
            for text, vector in zip(texts, old.passage_vectors):
                self.vectors[("passage", key(text))] = vector
        for owner, (start, end), vector in zip(old.sentence_owner, old.sentence_spans, old.sentence_vectors):
            self.vectors[("passage", key(old.passages[owner].text[start:end]))] = vector
        headings = {p.heading: int(r) for p, r in zip(old.passages, old.passage_heading) if r >= 0}
        for heading, row in headings.items():
            self.vectors[("passage", key(heading))] = old.heading_vectors[row]
        questions = {p.question: int(r) for p, r in zip(old.passages, old.passage_question) if r >= 0}
        for question, row in questions.items():
            self.vectors[("query", key(question))] = old.question_vectors[row]
        for term, vector in zip(old.terms, old.term_vectors):
            self.vectors[("query", key(term))] = vector

    def request(self, kind: str, texts: list[str]) -> None:
        seen = set(self.missing[kind])
        for text in map(self._key, texts):
            if (kind, text) not in self.vectors and text not in seen:
                self.missing[kind].append(text)
                seen.add(text)

    def compute(self, progress: bool) -> None:
        for kind, texts in self.missing.items():
            if not texts:
                continue
            if kind == "passage":
                vectors = self.embedder.embed_passages(texts, progress=progress)
            else:
                vectors = self.embedder.embed_queries(texts)
            for text, vector in zip(texts, vectors):
                self.vectors[(kind, text)] = vector
            self.computed += len(texts)
            texts.clear()

    def matrix(self, kind: str, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack([self.vectors[(kind, self._key(t))] for t in texts]).astype(np.float32, copy=False)
