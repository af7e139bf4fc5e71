"""53. What the forty-sixth batch of layouts (held out) found, and what earlier batches left alone, each rule tested on
text of its own (tests/test_parser_held_out.py holds sections 1 to 36, _30 to _45 sections 37 to 52)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file
from index.parsing.speakers import find_label


def test_a_place_tag_gives_way_to_a_surname_and_title_after_it() -> None:
    label = find_label("【电话连线】荀局长：今年全市新增公共充电桩两千个。")
    assert label is not None and label.name == "荀局长"


VLOG = """# 局长Vlog｜坐一趟末班车

来源：汶澜市交通运输局

（本页为虚构示例，仅供测试。）

说明：以下为视频文字稿。片中“我”为局长聂远帆；（画外音）为旁白，【字幕】为屏幕文字。

【字幕】23:52　汶澜火车站北广场
（画外音）晚上十一点五十，末班车还有八分钟发车。
我：今天不当局长，当一回乘客，看看这条线到底好不好用。
乘客 大爷：我这张老年卡，晚上坐夜班车也免费吗？
我：免费。65周岁以上的老年卡全天免费乘车，夜班线也一样。
【字幕】00:41　纺织工业园　终点站
（画外音）凌晨零点四十一分，车到终点，车上最多的时候坐了23个人。
我：夜班线开得好不好，乘客说了算，大家有意见可以拨打12328。
——
"""


def test_a_voice_over_and_on_screen_text_are_no_ones_words_even_between_one_speakers_lines(tmp_path: Path) -> None:
    path = tmp_path / "vlog.md"
    path.write_text(VLOG, encoding="utf-8")
    interview = parse_file(path, path.name)
    texts = [p.text for p in interview.passages]
    assert not [t for t in texts if "画外音" in t and not t.startswith("说明")]  # the narrator is no one we quote
    assert not [t for t in texts if "00:41" in t]  # a passage never runs over a caption between two of 我's lines
    answers = [p.text for p in interview.passages if p.kind == "answer" and p.speaker == "聂远帆"]
    assert any(t.startswith("免费。") and t.endswith("夜班线也一样。") for t in answers)
    assert any(t.startswith("夜班线开得好不好") for t in answers)
    assert all(any(ch.isalnum() for ch in t) for t in texts)  # the closing rule "——" is no passage
