"""The query log's charts, drawn server-side by matplotlib as SVG images (the pages stay script-free): questions per
day by outcome, the most asked questions, the unanswered ones, the passages with the most 👎.

Text stays text in the SVG (`svg.fonttype: none`): the browser draws the Chinese with its own fonts, and a
question from the log is XML-escaped by matplotlib like any label. matplotlib's object API (no pyplot) under a lock:
charts are drawn in worker threads.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot import texts
from bot.querylog import LogRow

DAYS = 30  # the daily chart covers this many days up to the last question
BARS = 10  # questions or passages in a bar chart
LABEL_CHARS = 24  # a longer question is cut with …
ANSWERED_COLOR, NOT_FOUND_COLOR, BAR_COLOR, DISLIKED_COLOR = "#2f6f4f", "#c8553d", "#3d5a80", "#8d3b72"
FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
         "DejaVu Sans", "sans-serif"]
_LOCK = threading.Lock()
_FONTS_CHECKED = False  # the system's fonts compared with matplotlib's cache once per process


@dataclass(frozen=True, slots=True)
class DailyCounts:
    days: tuple[date, ...]
    answered: tuple[int, ...]
    not_found: tuple[int, ...]


def daily_counts(rows: Iterable[LogRow], days: int = DAYS) -> DailyCounts:
    """Questions per UTC day, answered and not, for the `days` days up to the last question (empty days count 0)."""
    answered: Counter[date] = Counter()
    missed: Counter[date] = Counter()
    for row in rows:
        day = date.fromisoformat(row.ts[:10])
        (answered if row.answered else missed)[day] += 1
    seen = set(answered) | set(missed)
    if not seen:
        return DailyCounts((), (), ())
    last = max(seen)
    span = tuple(last - timedelta(days=n) for n in range(days - 1, -1, -1))
    return DailyCounts(span, tuple(answered[d] for d in span), tuple(missed[d] for d in span))


def _short(text: str, width: int = LABEL_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _add_fonts_installed_since_the_cache() -> None:
    """Teach matplotlib the system fonts its font cache misses: the cache is written once (per matplotlib version),
    so a CJK font installed after the first import is otherwise never used and every label's width is measured
    with DejaVu Sans (a warning per missing glyph)."""
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # a font file matplotlib cannot read is simply not used
                continue


def _svg(draw) -> str:  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    global _FONTS_CHECKED
    with _LOCK:
        if not _FONTS_CHECKED:
            _add_fonts_installed_since_the_cache()
            _FONTS_CHECKED = True

    style = {"svg.fonttype": "none", "svg.hashsalt": "interview-qa", "font.family": "sans-serif",
             "font.sans-serif": FONTS, "font.size": 10, "axes.spines.top": False, "axes.spines.right": False}
    with _LOCK, matplotlib.rc_context(style):
        import logging

        logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # missing fonts of the list are fine
        figure = Figure(figsize=(7.2, 3.2), layout="constrained")
        draw(figure)
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        return out.getvalue()


def daily_chart(counts: DailyCounts) -> str:
    def draw(figure) -> None:  # type: ignore[no-untyped-def]
        axes = figure.add_subplot()
        if not counts.days:
            _empty(axes)
            return
        x = range(len(counts.days))
        axes.bar(x, counts.answered, color=ANSWERED_COLOR, label=texts.STAFF_CHART_ANSWERED)
        axes.bar(x, counts.not_found, bottom=counts.answered, color=NOT_FOUND_COLOR, label=texts.STAFF_CHART_NOT_FOUND)
        step = max(1, len(counts.days) // 6)
        axes.set_xticks(list(x)[::step], [d.strftime("%m-%d") for d in counts.days][::step])
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.legend(loc="upper left", frameon=False)
        axes.set_title(texts.STAFF_CHART_DAILY, loc="left")
    return _svg(draw)


def bar_chart(title: str, labels: Sequence[str], values: Sequence[int], color: str = BAR_COLOR) -> str:
    """Horizontal bars, the largest on top."""
    labels, values = list(labels)[:BARS], list(values)[:BARS]

    def draw(figure) -> None:  # type: ignore[no-untyped-def]
        figure.set_figheight(max(1.6, 0.36 * len(labels) + 0.9))
        axes = figure.add_subplot()
        axes.set_title(title, loc="left")
        if not labels:
            _empty(axes)
            return
        y = range(len(labels))
        axes.barh(y, values, color=color)
        axes.set_yticks(list(y), [_short(label) for label in labels])
        axes.invert_yaxis()
        axes.xaxis.get_major_locator().set_params(integer=True)
        for i, value in enumerate(values):
            axes.text(value, i, f" {value}", va="center")
    return _svg(draw)


def _empty(axes) -> None:  # type: ignore[no-untyped-def]
    axes.text(0.5, 0.5, texts.STAFF_CHART_NONE, ha="center", va="center", transform=axes.transAxes)
    axes.set_axis_off()
