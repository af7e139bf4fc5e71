"""53. What the forty-sixth batch of layouts (held out) found, and what earlier batches left alone, each rule tested on
text of its own (tests/test_parser_held_out.py holds sections 1 to 36, _30 to _45 sections 37 to 52)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.cast import is_institution
from index.parsing.orgs import is_unit_name, main_unit
from index.parsing.parser import parse_file
from index.parsing.people import PersonDesc, parse_person
from index.parsing.speakers import find_label, read_label


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


FIVE_QUESTIONS = """# 记者三问停车收费

汶澜晚报记者　卢一舟　　2027-03-28 07:30　　来源：汶澜晚报

（本文为虚构示例。）

停车难、停车贵，记者采访了市发展改革委、市城管局和市市场监管局。

**一问：停车费谁来定？**

**市发展改革委价格科科长　裘明远：** 路内停车是政府定价，每小时不超过4元。

**二问：占道停车谁来管？**

**市城管局副局长　郦文川：** 我们管路内泊位，今年新增了1200个。

**三问：收费不明码标价怎么办？**

**市市场监管局价格监督科科长　訾晓雨：** 可以拨打12315投诉。

**四问：夜间停车能免费吗？**

**郦文川：** 夜间22点到次日7点，路内泊位免费。

**五问：泊位还会再加吗？**

**郦文川：** 明年再加800个。
"""


def test_a_byline_with_a_date_is_no_label_and_a_reporters_units_answer_for_the_one_answering_most(tmp_path: Path) -> None:
    path = tmp_path / "five.md"
    path.write_text(FIVE_QUESTIONS, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "汶澜市城管局"  # three of five answers; the city from the paper's name
    assert [t.asker for t in interview.turns if t.answer] == ["记者"] * 5  # no turn asked by the byline
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("裘明远", "汶澜市发展改革委"), ("郦文川", "汶澜市城管局"), ("訾晓雨", "汶澜市市场监管局")}


MEETUP = """汶澜市台办　｜　活动实录

两岸青年见面会答问实录

主持人：市台办宣传处　方若芸

臺青 林沛妤（高雄人，交换实习生）：
实习的时候受伤了怎么办？

市人社局就业促进科科长 卓小帆：
接收实习生的单位必须购买实习责任保险。

林沛妤（追问）：
实习完留下来工作，有没有鼓励？

卓科长：
签一年以上劳动合同的，一次性补贴1万元。
"""


def test_taiwan_youth_ask_and_a_name_with_its_follow_up_asks_again(tmp_path: Path) -> None:
    assert read_label("臺青 林沛妤（高雄人，交换实习生）").side == "ask"
    assert read_label("林沛妤（追问）").side == "ask"
    path = tmp_path / "meetup.txt"
    path.write_text(MEETUP, encoding="utf-8")
    turns = [(t.question[:4], t.answerer) for t in parse_file(path, path.name).turns if t.answer]
    assert turns == [("实习的时", "卓小帆"), ("实习完留", "卓小帆")]


BRIEFING = """岿山遗址发掘成果新闻通气会（速记稿）

时间：2027年11月8日上午10:00

主持人：汶澜市文物局办公室主任 童可欣

通报及答问：

汶澜市文物局副局长 鄢明哲

汶澜市考古研究院院长 苗青禾

汶澜市自然资源和规划局副局长 贝立群

童可欣：欢迎参加今天的通气会。先由鄢明哲副局长通报发掘情况，然后回答大家的提问。

鄢明哲：今年发掘面积2600平方米，出土文物1140余件。

汶澜日报记者：这次最重要的发现是什么？

苗青禾：遗址中部发现了一圈环壕，周长大约720米。

汶澜新闻网记者：规划的道路还修不修？

贝立群：路肯定要修，但在遗址段向东绕行约1.2公里。
"""


def test_a_listed_guest_of_a_rare_surname_speaks_and_a_citys_institute_is_a_unit(tmp_path: Path) -> None:
    assert parse_person("汶澜市自然资源和规划局副局长　贝立群") == PersonDesc("贝立群", "汶澜市自然资源和规划局", "副局长")
    assert is_unit_name("汶澜市考古研究院") and not is_institution("汶澜市考古研究院")
    assert is_institution("雁汀大学考古研究院")  # a university's is outside government
    path = tmp_path / "briefing.txt"
    path.write_text(BRIEFING, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:4], t.answerer) for t in interview.turns if t.question and t.answer] == [
        ("这次最重", "苗青禾"), ("规划的道", "贝立群")]  # the host's hand-over asks nothing
    assert {(p.speaker, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("鄢明哲", "汶澜市文物局"), ("苗青禾", "汶澜市考古研究院"), ("贝立群", "汶澜市自然资源和规划局")}


CONFERENCE = """全市秋粮收购视频调度会实录

视频回放　时长 01:12:36　点击播放

主会场：汶澜市粮食和物资储备局局长　桑际川；汶澜市农业农村局种植业管理科科长　郜晴
澜北县分会场：澜北县粮食和物资储备局局长　冼德海
澜西县分会场、澜城区分会场：县（区）粮食部门负责同志
主持人：汶澜市粮食和物资储备局副局长　蒯书宁

〖主会场〗主持人 蒯书宁：各分会场，能听到吗？请依次提问。
〖澜北县分会场〗种粮大户 隗长庚：今年什么时候开秤收购？
〖主会场〗桑局长：全市10月10日统一开秤。
〖澜西县分会场〗种粮合作社理事长 鞠永福：卖粮以后多久能拿到钱？
〖澜北县分会场〗澜北县粮食和物资储备局局长 冼德海：当天到账，最迟不超过第二天。
"""


def test_a_video_conferences_venue_tags_give_way_to_the_speakers_and_a_cooperatives_head_asks(tmp_path: Path) -> None:
    label = find_label("〖澜北县分会场〗种粮大户 隗长庚：今年什么时候开秤？")
    assert label is not None and label.name == "种粮大户 隗长庚" and read_label(label.name).side == "ask"
    path = tmp_path / "conference.txt"
    path.write_text(CONFERENCE, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:4], t.answerer) for t in interview.turns if t.answer] == [
        ("今年什么", "桑际川"), ("卖粮以后", "冼德海")]
    assert interview.metadata.bureau == "汶澜市粮食和物资储备局"


TRAINING = """业务培训会分组讨论问题解答汇总

汶澜市人民防空办公室　2027年5月23日整理

第一讲　《人防工程平时使用管理办法》解读

主讲人：市人防办工程管理科科长　房振宇

第二讲　人防工程维护管理与物业服务衔接

主讲人：市住房和城乡建设局物业管理科副科长　阙明珠

问题1　第二组（物业服务企业）：人防车位到底能不能卖？

解答（第一讲主讲人）：人防车位不能出售，只能出租。

问题2　第一组（县（区）人防部门）：防护门坏了，维修的钱谁出？

解答（第二讲主讲人）：从人防车位租金收益中列支。
"""


def test_answers_labelled_by_the_lecture_are_its_lecturers_and_numbered_groups_ask(tmp_path: Path) -> None:
    assert is_unit_name("市人防办") and main_unit("市人防办工程管理科") == "市人防办"
    assert not is_unit_name("市里怎么办")
    path = tmp_path / "training.txt"
    path.write_text(TRAINING, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:4], t.answerer) for t in interview.turns if t.answer] == [
        ("人防车位", "房振宇"), ("防护门坏", "阙明珠")]
    assert {(p.speaker, p.role, p.bureau) for p in interview.passages if p.kind == "answer"} == {
        ("房振宇", "工程管理科科长", "汶澜市人民防空办公室"), ("阙明珠", "物业管理科副科长", "汶澜市住房和城乡建设局")}


def test_a_number_cut_after_its_point_or_dash_at_a_pdf_lines_end_is_joined_whole() -> None:
    from index.parsing.pdf_layout import _join_lines

    assert _join_lines(["北延线向东绕行约1.", "2公里。"]) == "北延线向东绕行约1.2公里。"
    assert _join_lines(["举报电话0154-", "6120 3377。"]) == "举报电话0154-6120 3377。"
    assert _join_lines(["Call 0154", "6120 now."]) == "Call 0154 6120 now."  # words keep their space
