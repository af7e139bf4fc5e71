"""42. What the thirty-fifth batch of layouts (held out) found, each rule tested on text of its own: a video's
storyboard, a deputies' reception record, a taxpayers' class, a field class with marked turns and a pupils' interview
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _34 sections 37 to 41)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text

STORYBOARD = """《每周一答》第9期视频脚本

出品\t澄州市12345政务服务便民热线管理中心
主播\t黎欣
本期出镜\t澄州市住房和城乡建设局物业监管科科长　荀立
澄州市12345政务服务便民热线管理中心副主任　靳棠

镜号\t画面\t字幕/声音\t时长
1\t片头动画\t【音效】片头音乐\t3″
2\t全屏问题卡\t【问题卡】 市民来电：物业合同到期了，老物业不走怎么办？\t8″
3\t嘉宾出镜。 字幕条：澄州市住房和城乡建设局物业监管科科长　荀立\t同期声：原物业应当在合同终止之日起15日内退出。\t20″
4\t空镜：小区大门\t同期声（续）：超过15日拒不退出的，不得再收物业费。\t10″
5\t主播中景\t主播：靳主任，打12345高峰期要等多久？\t4″
6\t靳棠近景\t靳主任：高峰时段平均等待38秒。\t12″

澄州市12345政务服务便民热线管理中心

2026年11月20日
"""


def test_a_storyboards_live_sound_is_the_guest_its_caption_names(tmp_path: Path) -> None:
    path = tmp_path / "storyboard.txt"
    path.write_text(STORYBOARD, encoding="utf-8")
    interview = parse_file(path)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("物业合同到期了，老物业不走怎么办？", "荀立"), ("靳主任，打12345高峰期要等多久？", "靳棠")]
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert any("不得再收物业费" in p.text for p in answers if p.speaker == "荀立")  # 同期声（续）: the same guest
    assert not any("片头音乐" in p.text for p in interview.passages)  # a cue
    # the centre signs the script and answers on it: its bureau (a 12345 centre is a unit of its own)
    assert interview.metadata.bureau == "澄州市12345政务服务便民热线管理中心"


DIGEST = """澄州市12345政务服务便民热线运行中心5月热点问题答复汇编

一、老旧小区加装电梯有没有补贴？
答复单位：市住建局
答：每台补贴20万元。

二、灵活就业人员怎么交医保？
答复单位：市医保局
答：在手机上就能登记缴费。

澄州市12345政务服务便民热线运行中心

2026年6月5日
"""


def test_a_12345_digest_of_the_units_replies_is_theirs_not_the_centres() -> None:
    assert parse_text(DIGEST).metadata.bureau != "澄州市12345政务服务便民热线运行中心"


RECEPTION = """临江街道人大代表联络站“代表接待日”活动记录

接待代表
市人大代表 聂清（澄州正衡律师事务所主任）
列席单位
区住房和城乡建设局副局长 卜振
区城管局相关负责人

11月12日，代表们在澄江区临江街道人大代表联络站接待群众，地址澄江区临江街38号，澄江区实验中学的老师也来了。

【来访人】瀔河苑小区居民 尹先生

【反映问题】我们老小区加装电梯，二楼两户坚决反对，怎么办？

【答复】卜局长：加装电梯要由本单元三分之二以上业主同意。

【代表意见】单岚代表：建议区住建局把瀔河苑列入协调试点。

【办理情况】当场答复。

【来访人】快递员 小蒋

【反映问题】快递网点关门了，还欠我两个月工资，能要回来吗？

【答复】聂清代表：没签劳动合同，不等于没有劳动关系。

【来访人】居民 郑阿姨

【反映问题】夜市烧烤摊一直摆到凌晨，谁来管？

【答复】区城管局相关负责人：从下周起执法队员驻点到23:30。
"""


def test_a_deputies_reception_record_answers_by_the_units_present_and_a_deputy_for_no_bureau() -> None:
    interview = parse_text(RECEPTION)
    assert [(t.question[:8], t.answerer) for t in interview.turns if t.answer] == [
        ("我们老小区加装电", "卜振"), ("快递网点关门了，", "聂清"), ("夜市烧烤摊一直摆", "相关负责人")]
    speakers = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert speakers["卜振"] == "澄江区住房和城乡建设局"  # the document's one district, from "区……"
    assert speakers["相关负责人"] == "澄江区城管局"  # not "建议区": 建议 is a word, no district
    assert speakers["聂清"] == ""
    assert not any("建议区住建局" in p.text or "当场答复" in p.text for p in interview.passages if p.kind == "answer")


CLASS = """“纳税人学堂”第27期课堂实录

国家税务总局澄州市澄山区税务局 2026年12月11日

时 间：2026年12月9日 14:30
主 讲：澄山区税务局纳税服务股副股长 訾岚
答疑嘉宾：澄山区税务局社会保险费和非税收入股股长 弓海
主 持 人：澄山区税务局纳税服务股 计晨

主持人：下面进入答疑环节。

学员（某烘焙店经营者）：我是定期定额户，还要办经营所得汇算吗？

訾老师：不需要。按期缴纳了核定税款就不用汇算。

学员（某家政公司负责人）：社保费能不能按天交？

弓股长：社保费按月申报缴纳，不能按天交。
"""


def test_a_taxpayers_class_its_learners_ask_and_its_teachers_answer_for_the_tax_bureau() -> None:
    interview = parse_text(CLASS)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("我是定期定额户，还要办经营所得汇算吗？", "訾岚"), ("社保费能不能按天交？", "弓海")]
    assert interview.metadata.bureau == "国家税务总局澄州市澄山区税务局"  # as the text writes it in full
    assert not any("the bureau's city" in w for w in interview.warnings)


FIELD_CLASS = """澄南县农业农村局
田间课堂开进柳滩村

来源：县农业农村局

　　11月24日，县农业农村局在柳滩村举办田间课堂。县农业技术推广中心推广研究员巫禾、县植保植检站站长闫青来到地头授课，县农业农村局副局长穆航参加活动。澄南县今年小麦播种41万亩，澄南县各镇都已完成秋播。

　　▲邹长贵（种粮大户）：晚播的麦子今年冬天还要不要浇冻水？
　　■巫禾：冻水要看墒情定，墒情好的地块可以不浇。
　　▲村民 杭大姐：麦田里的杂草现在打除草剂行不行？
　　■闫站长：现在正是冬前化学除草的好时候。
　　▲家庭农场主 骆立强：耕地地力保护补贴啥时候发？
　　■穆航：12月20日前发放到户。
　　▲合作社负责人 凌梅：高标准农田明年建多少？
　　■穆航：明年新建3.5万亩。
"""


def test_marked_turns_keep_their_speakers_and_the_county_is_read_for_its_units() -> None:
    interview = parse_text(FIELD_CLASS)
    assert [(t.question[:6], t.answerer) for t in interview.turns if t.answer] == [
        ("晚播的麦子今", "巫禾"), ("麦田里的杂草", "闫青"), ("耕地地力保护", "穆航"), ("高标准农田明", "穆航")]
    speakers = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert speakers["巫禾"] == ("推广研究员", "澄南县农业技术推广中心")  # named in passing, in a list
    assert speakers["闫青"][1] == "澄南县植保植检站"  # "县……" in a county's page: that county
    assert interview.metadata.bureau == "澄南县农业农村局"  # its source, whose people answer most


PUPILS = """# 小记者对话局长

12月3日下午，小记者走进市城市管理局。

## 第一站：市城市管理局

**小记者 甘语桐**：局长叔叔，城管局还管垃圾吗？

**樊局长**：管。垃圾分类和处理都是我们的工作。

## 第二站：垃圾焚烧发电厂

在焚烧发电厂，运营这座电厂的澄州绿源环保能源有限公司厂长郁成林带着小记者们来到中控室。

**小记者 温一诺**：烧垃圾会不会冒出很臭的烟？

**郁厂长**：不会，烟气要经过六道工序净化。
"""


def test_a_section_heading_ends_the_answer_and_a_title_finds_the_person_named_in_passing() -> None:
    interview = parse_text(PUPILS)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer][1] == ("烧垃圾会不会冒出很臭的烟？", "郁成林")
    answers = {p.speaker: p for p in interview.passages if p.kind == "answer"}
    assert answers["郁成林"].role == "澄州绿源环保能源有限公司厂长" and answers["郁成林"].bureau == ""
    assert not any("中控室" in p.text for p in answers.values())  # the narration under "## 第二站" is no one's answer
