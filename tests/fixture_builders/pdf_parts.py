"""What the .pdf fixture builders share: a canvas that draws each page's running header and footer once the page
count is known ("第 N 页 共 M 页"), and Chinese line breaking. reportlab is no project dependency: see each builder's
docstring."""

from __future__ import annotations

import re
from collections.abc import Collection

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas


def kinsoku_lines(text: str, font: str, size: float, width: float, indent: float = 0.0, *, atom: re.Pattern[str],
                  no_start: Collection[str], no_end: Collection[str]) -> list[str]:
    """Lines no wider than `width` (the first one indented), cut between `atom`'s tokens with the usual CJK rules: no
    line opens with closing punctuation (`no_start`, the token before carried down with it) and none ends with an
    opening one (`no_end`)."""
    lines: list[list[str]] = [[]]
    used = indent
    for token in atom.findall(text):
        w = pdfmetrics.stringWidth(token, font, size)
        if used + w > width and lines[-1]:
            carry: list[str] = []
            if token[0] in no_start:
                carry.insert(0, lines[-1].pop())
            while lines[-1] and lines[-1][-1][-1] in no_end:
                carry.insert(0, lines[-1].pop())
            lines.append(carry)
            used = sum(pdfmetrics.stringWidth(t, font, size) for t in carry)
        lines[-1].append(token)
        used += w
    return ["".join(line) for line in lines]


class PageCountCanvas(rl_canvas.Canvas):
    """Keeps every page until the document is saved, then draws `decorate(total)` on each."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._saved: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self.decorate(total)
            super().showPage()
        super().save()

    def decorate(self, total: int) -> None:
        raise NotImplementedError


def running_header(page: rl_canvas.Canvas, font: str, left: str, right: str, footer: str, *, margin_mm: float,
                   rule: str, fill: str = "#666666", footer_size: float | None = None) -> None:
    """Draws a government PDF's running header (issuer left, document kind right, a coloured rule under them) and its
    footer (the page number, centred) on an A4 page."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    w, h = A4
    page.saveState()
    page.setFont(font, 9)
    page.setFillColor(HexColor(fill))
    page.drawString(margin_mm * mm, h - 12 * mm, left)
    page.drawRightString(w - margin_mm * mm, h - 12 * mm, right)
    page.setStrokeColor(HexColor(rule))
    page.line(margin_mm * mm, h - 13.5 * mm, w - margin_mm * mm, h - 13.5 * mm)
    if footer_size is not None:
        page.setFont(font, footer_size)
    page.drawCentredString(w / 2, 10 * mm, footer)
    page.restoreState()
