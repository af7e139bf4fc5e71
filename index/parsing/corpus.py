"""The corpus folder: which files it holds and their hashes; each one parsed on demand. Hidden names (`.`) are
ignored, drafts (`_`) and README files skipped with a warning, links followed once (loops, and links outside the
folder unless `follow_external_links`, skipped with a warning); a folder that cannot be read is a
CorpusUnavailableError, never an empty corpus. The rules: docs/corpus.md."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.errors import CorpusUnavailableError
from index.records import Interview
from index.parsing.parser import DEFAULT_MAX_PASSAGE_CHARS, parse_file
from index.parsing.sources import SUPPORTED_SUFFIXES, skip_reason, unsupported_type


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A file of the corpus, named by its path relative to the corpus folder (with `/`)."""

    name: str
    path: Path
    sha256: str


def corpus_files(directory: Path, follow_external_links: bool = False) -> tuple[list[CorpusFile], list[str]]:
    """Every supported file under `directory`, sorted by name; what is left out is named in the warnings."""
    if not directory.is_dir():
        kind = "not_a_folder" if directory.exists() else "missing"
        raise CorpusUnavailableError(str(directory), kind, "the corpus folder does not exist" if kind == "missing"
                                     else "the corpus folder is not a folder")
    files: list[CorpusFile] = []
    warnings: list[str] = []
    for name, path, skipped in sorted(_walk(directory, follow_external_links)):
        if skipped:
            warnings.append(f"{name}: {skipped}")
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            warnings.append(f"{name}: skipped: {unsupported_type(path.suffix)}")
            continue
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            warnings.append(f"{name}: skipped: {error.strerror or error}")
            continue
        files.append(CorpusFile(name, path, digest))
    return files, warnings


def _walk(directory: Path, follow_external_links: bool = False) -> Iterator[tuple[str, Path, str | None]]:
    """(name, path, None) for each file to read, or (name, path, "skipped…: why") for what is left out. Folders are
    followed through links, each real folder once: a link back to a folder already read is a loop."""
    seen: set[str] = set()
    root = os.path.realpath(directory)

    def outside(path: Path) -> bool:
        real = os.path.realpath(path)
        return not follow_external_links and real != root and not real.startswith(root.rstrip(os.sep) + os.sep)

    def visit(folder: Path, prefix: str) -> Iterator[tuple[str, Path, str | None]]:
        seen.add(os.path.realpath(folder))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            if not prefix:  # the corpus folder itself: an error, never an empty corpus
                why = error.strerror or str(error)
                raise CorpusUnavailableError(str(directory), "unreadable", f"the corpus folder cannot be read ({why})",
                                             detail=why) from None
            yield prefix, folder, f"skipped: cannot read the folder: {error.strerror or error}"
            return
        for entry in entries:
            name, path = prefix + entry.name, Path(entry.path)
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() and not path.exists():
                yield name, path, f"skipped: a link to something missing ({os.readlink(path)})"
            elif entry.is_symlink() and outside(path):
                what, slash = ("folder", "/") if path.is_dir() else ("file", "")
                yield (name + slash, path, f"skipped: a link to a {what} outside the corpus folder "
                       f"({os.path.realpath(path)}; corpus.follow_external_links: true reads it)")
            elif path.is_dir():
                if reason := skip_reason(entry.name):
                    count = sum(len(files) for _, _, files in os.walk(path))
                    yield f"{name}/", path, f"skipped folder ({count} file{'' if count == 1 else 's'}): {reason}"
                elif os.path.realpath(path) in seen:
                    yield f"{name}/", path, "skipped: a link to a folder already read (a loop)"
                else:
                    yield from visit(path, name + "/")
            elif path.is_file():
                reason = skip_reason(entry.name)
                yield name, path, f"skipped: {reason}" if reason else None

    yield from visit(directory, "")


def parse_corpus_file(file: CorpusFile, max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Interview:
    return parse_file(file.path, file.name, max_chars)
