"""50. What the forty-third batch of layouts (held out) found, each rule tested on text of its own: a TV station's live
special with its links, a 人大 outreach point's consultation, a legal-aid market day's booths, a forum's panel on a
web page and a press conference held on the move (tests/test_parser_held_out.py holds sections 1 to 36, _30 to _42
sections 37 to 49)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text
from index.parsing.people import split_org_role
from index.parsing.speakers import find_label

LIVE = """汶澜广播电视台　汶澜融媒　　首页 | 新闻 | 直播 | 节目回看 | 专题
当前位置：首页 > 节目回看 > 特别报道
==============================
【抗旱特别直播】保供水、保灌溉——《汶澜新闻》特别直播文字实录
播出时间：2027年8月2日 19:00—19:40
播出平台：汶澜新闻综合频道，“汶澜发布”视频号同步直播
文字整理：融媒体中心新闻部　　来源：汶澜广播电视台
==============================

[19:00:05]
【演播室】主持人 罗映雪：
观众朋友，晚上好。我们马上连线在南塘村的前方记者周岩。

[19:02:10]
【现场连线】前方记者 周岩（南塘镇南塘村）：
映雪，我现在是在南塘村的机井旁。我身边的就是南塘镇人民政府副镇长蒋兰舟。
记者 周岩：
蒋镇长，村里的灌溉用水现在够不够？
【现场采访】南塘镇人民政府副镇长 蒋兰舟：
够用。镇里新打了机井6眼，每天能多供水3000立方米。

[19:10:30]
【演播室】主持人 罗映雪：
现在我们电话连线市水利局副局长许开源。许局长，您好。
【电话连线】汶澜市水利局副局长　许开源：
主持人好，观众朋友们好。
【演播室】主持人 罗映雪：
许局长，水库的蓄水还能撑多久？
【电话连线】许开源：
全市大中型水库现在蓄水1.2亿立方米，按目前的用水量，能保障城区供水到10月底。
【演播室】主持人 罗映雪：
许局长，农田灌溉的电费有没有补贴？
【电话连线】许开源：
抗旱期间机井灌溉的电费，市财政按每度电0.2元给予补贴。
"""


def test_a_live_specials_tags_say_where_each_speaker_is_and_the_label_after_them_says_who(tmp_path: Path) -> None:
    path = tmp_path / "live.txt"
    path.write_text(LIVE, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.title == "【抗旱特别直播】保供水、保灌溉——《汶澜新闻》特别直播文字实录"
    assert interview.metadata.bureau == "汶澜市水利局"  # the unit that answers most, not the first one called
    turns = [(t.asker, t.answerer, t.question[:9]) for t in interview.turns if t.answer]
    assert turns == [("记者 周岩", "蒋兰舟", "蒋镇长，村里的灌溉"), ("主持人 罗映雪", "许开源", "许局长，水库的蓄水"),
                     ("主持人 罗映雪", "许开源", "许局长，农田灌溉的")]
    answers = {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert answers == {("蒋兰舟", "汶澜市南塘镇人民政府"), ("许开源", "汶澜市水利局")}
    assert not any("播出平台" in (t.asker or "") or "文字整理" in (t.answerer or "") for t in interview.turns)


def test_a_tag_that_names_no_one_gives_way_to_the_label_after_it() -> None:
    label = find_label("【电话连线】汶澜市水利局副局长　许开源：全市大中型水库……")
    assert label is not None and label.name == "汶澜市水利局副局长\u3000许开源"
    assert find_label("【抗旱特别直播】保供水、保灌溉——《汶澜新闻》特别直播文字实录") is None  # a column's tag, a headline
    tagged = find_label("【群众问】村民 罗大哥：路灯什么时候修？")  # a side's tag keeps its own reading
    assert tagged is not None and tagged.name.endswith("罗大哥")


def test_who_a_reporter_presents_on_the_spot_is_of_the_unit_after_the_words_that_present_them() -> None:
    assert split_org_role("我身边的就是南塘镇人民政府副镇长") == ("南塘镇人民政府", "副镇长")
    assert split_org_role("南塘镇人民政府副镇长") == ("南塘镇人民政府", "副镇长")


CONSULTATION = """《汶澜市电动自行车管理条例（草案）》立法意见征询会记录
（汶澜市人大常委会基层立法联系点）
主 持 人\t汶澜市人大常委会法制工作委员会立法一处处长　林书远
起草单位到会人员\t市公安局交通警察支队副支队长　籍明远
二、问答情况
居民代表 何阿姨（东湖社区）：电动车进楼道充电，草案管不管？
市公安局交通警察支队副支队长　籍明远：管。草案第十二条禁止在楼道、楼梯间停放充电，违者处200元罚款。
电动车销售店经营者 钟晓：店里改装车卖得多，草案对改装怎么处罚？
籍副支队长：销售改装电动自行车的，没收车辆，并处每辆500元罚款。
外卖骑手 小冯：我们一天跑几十单，头盔必须一直戴吗？
籍副支队长：驾驶电动自行车上路必须佩戴头盔，这一条对骑手同样适用。
执业律师 王可（汶澜明德律师事务所）：扣车以后多久能领回？
籍副支队长：接受处理后当场可以领回，最长不超过15日。
"""


def test_a_consultations_askers_are_described_by_their_trade_and_a_deputy_head_by_surname_and_title() -> None:
    interview = parse_text(CONSULTATION)
    turns = [(t.asker, t.answerer, t.question[:8]) for t in interview.turns if t.answer]
    assert turns == [("居民代表 何阿姨（东湖社区）", "籍明远", "电动车进楼道充电"),
                     ("电动车销售店经营者 钟晓", "籍明远", "店里改装车卖得多"),
                     ("外卖骑手 小冯", "籍明远", "我们一天跑几十单"),
                     ("执业律师 王可（汶澜明德律师事务所）", "籍明远", "扣车以后多久能领")]
    assert {p.role for p in interview.passages if p.speaker == "籍明远"} == {"交通警察支队副支队长"}


MARKET_DAY = """# 法治“赶大集”｜东湖镇大集上的咨询摊

来源：汶澜市司法局

3月5日，汶澜市司法局联合市医疗保障局在东湖镇大集支起咨询摊位。

- 1号摊位（法律援助）：市司法局法律援助科科长　温立群
- 2号摊位（医保）：市医疗保障局待遇保障科副科长　杭晓雨

## 📍1号摊位｜工钱被拖欠怎么办？

**🙋 西坡村　老孙**：

我在工地干了半年，老板欠我一万二不给，我该找谁？

**💬 温科长**：

可以申请法律援助，农民工讨薪不审查经济困难条件，7个工作日内作出决定。

## 📍2号摊位｜异地看病怎么报？

> 前来咨询的村民刘大姐问：去省城住院要先办备案吗？

杭晓雨答：在省内住院不用备案，持医保码直接结算。
"""


def test_a_market_days_raised_hands_ask_under_their_booths_heading_and_a_quoted_villager_asks_too(tmp_path: Path) -> None:
    path = tmp_path / "market.md"
    path.write_text(MARKET_DAY, encoding="utf-8")
    interview = parse_file(path, path.name)
    turns = [(t.asker, t.answerer, t.question) for t in interview.turns if t.answer]
    assert turns == [("西坡村\u3000老孙", "温立群", "我在工地干了半年，老板欠我一万二不给，我该找谁？"),
                     ("前来咨询的村民刘大姐问", "杭晓雨", "去省城住院要先办备案吗？")]
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("温立群", "汶澜市司法局"), ("杭晓雨", "汶澜市医疗保障局")}


ROUNDTABLE = """<html><head><title>圆桌对话实录｜乡村旅游怎么“留”住人</title>
<meta name="SiteName" content="汶澜市文化和旅游局"></head><body><div class="article">
<h1>圆桌对话实录｜乡村旅游怎么“留”住人</h1>
<p>6月2日，汶澜乡村旅游节开幕论坛举行圆桌对话。以下为对话实录。</p>
<div class="turn"><p class="who"><strong>韩可欣</strong><em>主持人</em></p>
<p>林局长，去年来汶澜乡村过夜的游客有多少？</p></div>
<div class="turn"><p class="who"><strong>林望舒</strong><em>市文化和旅游局党组书记、局长</em></p>
<p>去年乡村旅游过夜游客是86万人次，比前年增长18%。</p></div>
<div class="turn"><p class="who"><strong>韩可欣</strong><em>主持人</em></p>
<p>陈总，民宿的入住率怎么样？</p></div>
<div class="turn"><p class="who"><strong>陈思远</strong><em>汶澜山居民宿有限公司总经理</em></p>
<p>我们旺季入住率在九成以上，淡季也有五成。</p></div>
<div class="turn"><p class="who"><strong>韩可欣</strong><em>主持人</em></p>
<p>林局长，今年对新开的精品民宿有补贴吗？</p></div>
<div class="turn"><p class="who"><strong>林望舒</strong><em>市文化和旅游局党组书记、局长</em></p>
<p>有，评上精品民宿的，每家一次性奖励10万元。</p></div>
</div></body></html>
"""


def test_a_panels_bold_name_and_styled_title_are_its_speakers_lines_each_time_they_come(tmp_path: Path) -> None:
    path = tmp_path / "roundtable.html"
    path.write_text(ROUNDTABLE, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市文化和旅游局"
    turns = [(t.asker, t.answerer, t.question[:6]) for t in interview.turns if t.answer]
    assert turns == [("韩可欣 主持人", "林望舒", "林局长，去年"), ("韩可欣 主持人", "陈思远", "陈总，民宿的"),
                     ("韩可欣 主持人", "林望舒", "林局长，今年")]
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("林望舒", "汶澜市文化和旅游局"), ("陈思远", "")}  # a company's manager speaks for no bureau


WALKING = """“城市更新看变化”行进式新闻发布会实录
（汶澜市人民政府新闻办公室　2027年6月16日）
【虚构示例】本实录为测试用虚构材料。
时间：2027年6月16日9:00—11:00
形式：行进式发布（东湖小区—西街，共两站）
主持人：汶澜市人民政府新闻办公室副主任 苏明远
发布人：
汶澜市住房和城乡建设局党组书记、局长 蓟长风
汶澜市东湖区人民政府副区长 冉秋池
苏明远：各位记者朋友，上午好！今天一共走两站。
第一站 东湖小区
苏明远：先请蓟长风局长介绍一下全市老旧小区改造的情况。
蓟长风：好的。今年全市计划改造老旧小区120个，已开工96个。
汶澜日报记者：改造的钱是怎么出的？
蓟长风：中央和省级补助占六成，市、区财政承担三成，专营单位出资一成。
汶澜晚报记者：西街改造以后会不会都变成奶茶店？
苏明远：这个问题涉及街区的业态招商，西街所在的区今天没有安排发布人，我们会后请区里书面答复。
汶澜电视台记者：加装电梯每部补贴多少？
冉秋池：每部电梯区里补贴5万元。
"""


def test_a_press_office_that_hosts_is_no_bureau_and_its_host_neither_answers_nor_asks_by_handing_over(
        tmp_path: Path) -> None:
    path = tmp_path / "walking.txt"
    path.write_text(WALKING, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市住房和城乡建设局"  # the first 发布人's, below a note's tag
    turns = [(t.asker, t.answerer, t.question[:8]) for t in interview.turns if t.answer and t.question]
    assert turns == [("汶澜日报记者", "蓟长风", "改造的钱是怎么出"), ("汶澜电视台记者", "冉秋池", "加装电梯每部补贴")]
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("蓟长风", "汶澜市住房和城乡建设局"), ("冉秋池", "汶澜市东湖区人民政府")}


RECORD_TABLE = """<html><body><div class="article"><h1>执法过程公开｜一起占道经营的现场处置</h1>
<p>来源：汶澜市城市管理局</p>
<table><tr><th>协同人员</th><td>东湖街道办事处城管办主任　许晴</td></tr>
<tr><th>当事人</th><td>某水果店经营者　王某</td></tr>
<tr><th>案由</th><td>店外占道经营</td></tr></table>
<p><strong>执法队员　周勇：</strong>您好，您店门口的水果摊占用了人行道，请收回店内。</p>
<p><strong>当事人　王某：</strong>收进去还要罚款吗？</p>
<p><strong>执法队员　周勇：</strong>当场改正的，这次不予处罚。</p>
</div></body></html>
"""


def test_a_records_table_of_parties_is_no_speakers_lines(tmp_path: Path) -> None:
    path = tmp_path / "record.html"
    path.write_text(RECORD_TABLE, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert {p.speaker for p in interview.passages if p.kind == "answer"} == {"周勇"}  # 许晴 says nothing
    assert [(t.answerer, t.question) for t in interview.turns if t.answer and t.question] == [("周勇", "收进去还要罚款吗？")]
