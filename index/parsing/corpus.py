"""The corpus folder: which files it holds and their hashes; each one parsed on demand."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.errors import CorpusParseError
from index.records import Interview
from index.parsing.parser import DEFAULT_MAX_PASSAGE_CHARS, parse_file
from index.parsing.sources import SUPPORTED_SUFFIXES


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A file of the corpus, named by its path relative to the corpus folder (with `/`)."""

    name: str
    path: Path
    sha256: str


def corpus_files(directory: Path) -> tuple[list[CorpusFile], list[str]]:
    """Every supported file under `directory`, sorted by name; other files are named in the warnings."""
    if not directory.is_dir():
        raise CorpusParseError(str(directory), "the corpus folder does not exist")
    files: list[CorpusFile] = []
    warnings: list[str] = []
    for path in sorted(_walk(directory)):
        name = path.relative_to(directory).as_posix()
        if path.name.startswith((".", "_")) or path.stem.upper() == "README":
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            warnings.append(f"{name}: skipped: not a corpus file type ({', '.join(SUPPORTED_SUFFIXES)})")
            continue
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as error:
            warnings.append(f"{name}: skipped: {error.strerror or error}")
            continue
        files.append(CorpusFile(name, path, digest))
    return files, warnings


def _walk(directory: Path) -> Iterator[Path]:
    for path in directory.rglob("*"):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(directory).parts[:-1]):
            yield path


def parse_corpus_file(file: CorpusFile, max_chars: int = DEFAULT_MAX_PASSAGE_CHARS) -> Interview:
    return parse_file(file.path, file.name, max_chars)
