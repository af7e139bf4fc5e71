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
