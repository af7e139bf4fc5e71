"""A text to check, from an uploaded file or a file on the command line: .txt/.md (UTF-8 with or without BOM,
UTF-16 with BOM, GB18030/GBK: the corpus reader's decoding), .html (the article text, as for the corpus), .docx or
.pdf (the corpus reader's text, read no further than MAX_DOCUMENT_CHARS). Offsets reported for a checked text are
into the text returned here."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from index.errors import CorpusParseError, InterviewQAError
from index.limits import MAX_DOCUMENT_CHARS
from index.parsing.documents import DOCX_SUFFIXES, PDF_SUFFIXES
from index.parsing.sources import HTML_SUFFIXES, TEXT_SUFFIXES

ACCEPTED = TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES + PDF_SUFFIXES
MAX_DOCX_UNPACKED = 50 * 1024 * 1024  # a .docx that unpacks to more than this is refused (a zip bomb)
# A .docx whose word/document.xml declares more than this is refused before it is parsed. Measured (2 cores): python-docx
# reads ~0.25 s per MB of it; the 100,000 characters a check reads are 0.3-0.5 MB of XML, plain or styled in runs
# (real Word files with revision marks: a few times that). 10 MB leaves room for those, and caps the parse near 2.5 s
# (a 49 MB one took 20 s and doubled the server's memory).
MAX_DOCX_XML = 10 * 1024 * 1024
DOCX_BODY = "word/document.xml"
MAX_FILE_BYTES = 2048 * 1024  # a file given to `verify --file`: as an upload (web.max_body_kb, 2 MB by default)


class UploadError(InterviewQAError):
    """The file cannot be read as a text to check (the message says why, in English for the CLI)."""


def suffix_of(name: str) -> str:
    return Path(name).suffix.lower()


def accepted(name: str) -> bool:
    return suffix_of(name) in ACCEPTED


def read_document(name: str, data: bytes) -> str:
    """The text of an uploaded or given file; UploadError with the reason otherwise."""
    suffix = suffix_of(name)
    if suffix not in ACCEPTED:
        raise UploadError(f"{name}: only .txt, .md, .html, .docx and .pdf files can be checked")
    if not data.strip():
        raise UploadError(f"{name}: the file is empty")
    if suffix in DOCX_SUFFIXES:
        return _docx_text(name, data)
    if suffix in PDF_SUFFIXES:
        from index.parsing.pdf_layout import pdf_text

        return _checked(lambda: pdf_text(data, name, MAX_DOCUMENT_CHARS).text)
    from index.parsing.sources import decode_bytes

    text, _ = decode_bytes(data, name)  # raises CorpusParseError (an InterviewQAError) for binary data
    if suffix in HTML_SUFFIXES:
        from index.parsing.html_text import extract_article

        text = extract_article(text).text
        if not text.strip():
            raise UploadError(f"{name}: no article text found in the HTML page")
    return text


def read_path(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The text of a file given on the command line: a regular file (not a device, a pipe or a folder) of at most
    `max_bytes`, checked before anything is read; UploadError with the reason otherwise."""
    return read_document(path.name, _read_regular(path, max_bytes))


def _read_regular(path: Path, max_bytes: int) -> bytes:
    try:  # O_NONBLOCK: opening a FIFO does not wait for a writer (it is refused below)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise UploadError(f"{path}: no such file") from None
    except PermissionError:
        raise UploadError(f"{path}: permission denied") from None
    except OSError as error:
        raise UploadError(f"{path}: cannot be opened ({error.strerror or error})") from None
    try:
        _check_regular(path, os.fstat(fd), max_bytes)
    except UploadError:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)  # a file that grows meanwhile is still read no further
    if len(data) > max_bytes:
        raise UploadError(f"{path}: is more than the {_mb(max_bytes)} a text to check may be")
    return data


def _check_regular(path: Path, info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise UploadError(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise UploadError(f"{path}: not a regular file ({_kind(info.st_mode)})")
    if info.st_size > max_bytes:
        raise UploadError(f"{path}: is {_mb(info.st_size)}, more than the {_mb(max_bytes)} a text to check may be")


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    return "a socket" if stat.S_ISSOCK(mode) else "not a file"


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _docx_text(name: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_DOCX_UNPACKED:
                raise UploadError(f"{name}: the document unpacks to more than {MAX_DOCX_UNPACKED // 1024 // 1024} MB")
            if DOCX_BODY in archive.namelist() and archive.getinfo(DOCX_BODY).file_size > MAX_DOCX_XML:
                raise UploadError(f"{name}: the document's text unpacks to more than {MAX_DOCX_XML // 1024 // 1024} "
                                  "MB; split it, or paste the part to check")
    except zipfile.BadZipFile:
        raise UploadError(f"{name}: not a .docx document (not a zip archive)") from None
    from index.parsing.documents import docx_text

    return _checked(lambda: docx_text(data, name, MAX_DOCUMENT_CHARS).text)


def _checked(read) -> str:  # type: ignore[no-untyped-def]
    """A .docx or .pdf read by the corpus reader, its errors (a scan, a damaged file, too long a text) as upload
    errors."""
    try:
        return read()
    except CorpusParseError as error:
        raise UploadError(f"{error.file}: {error.reason}") from None
