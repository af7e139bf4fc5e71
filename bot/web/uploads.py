"""A text to check, from an uploaded file or a file on the command line: .txt/.md (UTF-8 with or without BOM,
UTF-16 with BOM, GB18030/GBK: the corpus reader's decoding), .html (the article text, as for the corpus) or .docx
(python-docx: one line per paragraph, then the table cells). Offsets reported for a checked text are into the text
returned here."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from index.errors import InterviewQAError

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIXES = (".docx",)
ACCEPTED = TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES
MAX_DOCX_UNPACKED = 50 * 1024 * 1024  # a .docx that unpacks to more than this is refused (a zip bomb)


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
        raise UploadError(f"{name}: only .txt, .md, .html and .docx files can be checked")
    if not data.strip():
        raise UploadError(f"{name}: the file is empty")
    if suffix in DOCX_SUFFIXES:
        return _docx_text(name, data)
    from index.parsing.sources import decode_bytes

    text, _ = decode_bytes(data, name)  # raises CorpusParseError (an InterviewQAError) for binary data
    if suffix in HTML_SUFFIXES:
        from index.parsing.html_text import extract_article

        text = extract_article(text).text
        if not text.strip():
            raise UploadError(f"{name}: no article text found in the HTML page")
    return text


def read_path(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UploadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UploadError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise UploadError(f"{path}: permission denied") from None
    return read_document(path.name, data)


def _docx_text(name: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_DOCX_UNPACKED:
                raise UploadError(f"{name}: the document unpacks to more than {MAX_DOCX_UNPACKED // 1024 // 1024} MB")
    except zipfile.BadZipFile:
        raise UploadError(f"{name}: not a .docx document (not a zip archive)") from None
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise UploadError(f"{name}: not a readable .docx document ({type(error).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    text = "\n".join(lines)
    if not text.strip():
        raise UploadError(f"{name}: the document has no text")
    return text
