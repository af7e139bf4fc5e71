"""The query log's charts measure Chinese labels with a Chinese font, even when matplotlib's font cache was written
before that font was installed (a fresh machine: `make install` imports matplotlib before `make browser` installs
fonts-wqy-microhei)."""

from __future__ import annotations

import warnings

import pytest

from bot.web import charts


def test_a_font_installed_after_the_cache_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    chinese = [entry for entry in font_manager.fontManager.ttflist if entry.name in charts.FONTS[:-2]]
    if not chinese:  # the cache may already be the stale one: the system must have the font (make browser)
        assert any("wqy" in path for path in font_manager.findSystemFonts()), "run: make browser (fonts-wqy-microhei)"
    files = {entry.fname for entry in chinese}  # every face of those files (a .ttc holds two): the cache knew none
    stale = [entry for entry in font_manager.fontManager.ttflist if entry.fname not in files]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    monkeypatch.setattr(charts, "_FONTS_CHECKED", False)
    font_manager.fontManager._findfont_cached.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            svg = charts.bar_chart("最常问的问题", ["失业保险金每月发多少钱", "公积金怎么提取"], [3, 2])
    finally:
        font_manager.fontManager._findfont_cached.cache_clear()
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []
    assert "失业保险金每月发多少钱" in svg
    assert any(entry.name in charts.FONTS[:-2] for entry in font_manager.fontManager.ttflist)
