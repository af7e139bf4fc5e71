"""What the .pdf fixture builders share: a canvas that draws each page's running header and footer once the page
count is known ("第 N 页 共 M 页"). reportlab is no project dependency: see each builder's docstring."""

from __future__ import annotations

from reportlab.pdfgen import canvas as rl_canvas


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
