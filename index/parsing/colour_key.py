"""Answers told apart only by their font colour, as a summary in Word explains in a line of its own ("蓝色字体为市教育局
答复，绿色字体为市市场监督管理局答复"): each coloured answer's tag gets its unit ("答复：" -> "答复（市教育局）：")."""

from __future__ import annotations

import colorsys
import re

# "蓝色字体为市教育局答复", "绿色字体为……答复", "紫色文字表示……的回复"
_LEGEND = re.compile(r"(?P<colour>[红橙黄绿青蓝紫粉棕灰])色(?:字体|文字|字)?(?:为|是|表示|系)"
                     r"(?P<unit>[\u4e00-\u9fff]{2,30}?)(?:的)?(?:答复|回复|解答|意见)")
_ANSWER_TAG = re.compile(r"^(?P<tag>[ \t\u3000]*(?:答复|回复|解答|答))(?P<colon>[ \t\u3000]*[：:])")
MIN_SATURATION = 0.25  # below it a colour is a grey (black text, a grey note): no answerer's
# hue (0-360) ranges of the colour words a legend uses
_HUES = (("红", 0, 15), ("橙", 15, 45), ("黄", 45, 70), ("绿", 70, 170), ("青", 170, 195), ("蓝", 195, 255),
         ("紫", 255, 320), ("粉", 320, 345), ("红", 345, 361))


def colour_legend(text: str) -> dict[str, str]:
    """The colour word of each answering unit the document's legend names ({"蓝": "市教育局"})."""
    return {match["colour"]: match["unit"] for match in _LEGEND.finditer(text)}


def colour_word(hex_rgb: str | None) -> str | None:
    """The colour word for a font colour ("0070C0" -> "蓝"); None for black, greys and automatic colour."""
    if not hex_rgb or not re.fullmatch(r"[0-9A-Fa-f]{6}", hex_rgb):
        return None
    red, green, blue = (int(hex_rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if saturation < MIN_SATURATION or lightness < 0.08 or lightness > 0.92:
        return None
    degrees = hue * 360
    return next(word for word, low, high in _HUES if low <= degrees < high)


def with_answerer(text: str, colour: str | None, legend: dict[str, str]) -> str:
    """An answer's paragraph with the unit its colour stands for in its tag; the text as it is otherwise."""
    unit = legend.get(colour_word(colour) or "")
    if not unit or not (tag := _ANSWER_TAG.match(text)):
        return text
    return f"{tag['tag']}（{unit}）{text[tag.end('tag'):]}"
