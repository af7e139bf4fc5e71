"""What the .docx fixture builders share: an East Asian font on a style, text with soft line breaks, and a package
rewritten with fixed timestamps so that the bytes are reproducible."""

from __future__ import annotations

import io
import zipfile

from docx.oxml.ns import qn
from docx.shared import Pt


def set_east_asian_font(style, name: str, size: float) -> None:  # type: ignore[no-untyped-def]
    style.font.name = name
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def add_text(paragraph, text: str, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Runs of `text`, a "\\n" in it becoming a soft line break inside the paragraph."""
    parts = text.split("\n")
    for i, part in enumerate(parts):
        run = paragraph.add_run(part)
        run.bold = bold
        if i < len(parts) - 1:
            run.add_break()


def stable_zip(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The package rewritten with every entry stamped `date_time`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
