"""55. What the forty-eighth batch of layouts (held out) found, each rule tested on text of its own: an SMS platform's
log, voice messages published as their speech-to-text, a vox pop answered by circled number, a research report's
coded interviewees and an online briefing's chat area (tests/test_parser_held_out.py holds sections 1 to 36, _30 to
_47 sections 37 to 54)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.declared import declared_codes
from index.parsing.numbered_replies import circled_replies_as_text
from index.parsing.orgs import main_unit
from index.parsing.parser import parse_file
from index.parsing.sms_export import sms_export_as_text
from index.parsing.speakers import find_label, read_label
from index.parsing.voice_notes import voice_notes_as_text

SMS = """12393医保短信咨询回复选登

【第1组】
↑上行　138****6021　2027-04-02 08:47
居民医保什么时候开始交？
↓下行　106590158123930　2027-04-02 10:15
【汶澜市医疗保障局】您好！集中缴费期为9月1日至12月31日。
↓下行　106590158123930　2027-04-02 10:32
【国家税务总局汶澜市税务局】您好！可通过“汶澜税务”公众号缴纳。
【第2组】
↑上行　150****7742　2027-05-23 11:05
生育津贴怎么领
↓下行　106590158123930　2027-05-23 11:05
【汶澜市医疗保障局】您好，您的短信已收到，我们将在工作时间内尽快回复。
↓下行　106590158123930　2027-05-23 14:18
【汶澜市医疗保障局】您好！生育津贴实行“免申即享”。（1/2）
↓下行　106590158123930　2027-05-23 14:18
一般在出院后15个工作日内到账。（2/2）
"""


def test_an_sms_log_is_read_by_its_directions_and_each_reply_is_its_signatures_unit(tmp_path: Path) -> None:
    text = sms_export_as_text(SMS)
    assert text is not None and "市民 尾号6021：居民医保什么时候开始交？" in text
    assert "短信已收到" not in text  # an automatic receipt answers nothing
    assert "汶澜市医疗保障局：一般在出院后15个工作日内到账。（2/2）" in text  # an unsigned part is its first part's
    path = tmp_path / "sms.txt"
    path.write_text(SMS, encoding="utf-8")
    turns = [(t.question[:4], t.answerer) for t in parse_file(path, path.name).turns if t.question and t.answer]
    assert turns == [("居民医保", "汶澜市医疗保障局"), ("居民医保", "国家税务总局汶澜市税务局"), ("生育津贴", "汶澜市医疗保障局")]


VOICE = """局长听语音｜第9期

🎙️ 来自 汶东区 · 网约车司机 老甘

0′52″▮▮▮▮▯▯▯

转文字庞局长您好！我没有单位，能不能自己交养老保险？

🎙️ 局长 庞致远 回复

1′38″▮▮▮▮▮▮▮▮▯

转文字老甘您好。灵活就业人员可以自己参保。

🎙️ 来自 汶山区 · 应届毕业生 小柏

0′41″▮▮▮▯▯▯▯

转文字我还没找到工作，有没有见习岗位？

🎙️ 副局长 乔书岚 回复

1′12″▮▮▮▮▮▮▯▯

转文字今年我市一共募集了见习岗位2400个。
"""


def test_voice_bubbles_are_turns_of_whom_their_headers_name_and_their_lengths_are_no_ones() -> None:
    text = voice_notes_as_text(VOICE)
    assert text is not None and "0′52″" not in text
    assert "网友 网约车司机 老甘：庞局长您好！" in text and "局长 庞致远：老甘您好。" in text
    assert read_label("网友 网约车司机 老甘").side == "ask"


STREET = """# 街头随机问

**①** 等车经常要等20多分钟，能不能多发几趟车？

——在公交站等车的郝女士（34岁）

**②** 老人坐公交是不是免费的？

——在公园门口遛弯的巴大爷（68岁）

**③** 公园的厕所晚上几点关门？

——夜跑的全女士（31岁）

**回应②｜市交通运输局副局长　宓建华：**65周岁以上的老年人免费乘坐。

**回应①｜市交通运输局副局长　宓建华：**早高峰发车间隔缩短到8分钟。
"""


def test_replies_by_circled_number_follow_the_questions_they_name_and_an_unanswered_one_goes() -> None:
    text = circled_replies_as_text(STREET)
    assert text is not None
    assert "问：老人坐公交是不是免费的？\n\n市交通运输局副局长　宓建华：65周岁以上的老年人免费乘坐。" in text
    assert "厕所" not in text and "郝女士" not in text  # the list and who put each question go with it


def test_coded_interviewees_are_the_posts_their_table_gives_and_open_turns() -> None:
    table = "编码\t单位\t科室及职务\nM1\t汶澜市民政局\t养老服务科科长\nH1\t汶澜市卫生健康委员会\t老龄健康科科长\n"
    assert declared_codes(table) == {"M1": "汶澜市民政局养老服务科科长", "H1": "汶澜市卫生健康委员会老龄健康科科长"}
    assert declared_codes("M1\t汶澜市民政局\t养老服务科科长\n") == {}  # one row is no table


def test_a_chat_areas_screen_name_asks_and_a_candidate_asks_and_an_exam_office_is_its_institutes() -> None:
    label = find_label("【聊天区】“橙子妈妈”：指标到校生是怎么分的？")
    assert label is not None and read_label(label.name).side == "ask"
    assert read_label("考生 蔚小禾").side == "ask"
    assert main_unit("汶澜市教育考试院中招办") == "汶澜市教育考试院"


def test_a_line_shaped_like_a_voice_header_that_no_words_follow_stays() -> None:
    text = voice_notes_as_text(VOICE + "\n感谢大家的留言，没来得及选登的我们会尽快回复\n\n🎙️ 来自 汶东区 · 退休职工 钮阿姨\n")
    assert text is not None and "感谢大家的留言，没来得及选登的我们会尽快回复" in text  # no 转文字 under it: kept
    assert "来自 汶东区 · 退休职工 钮阿姨" in text
