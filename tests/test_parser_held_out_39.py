"""46. What the thirty-ninth batch of layouts (held out) found, each rule tested on text of its own: a river chief's
patrol log, a spot check by phone, a panel's defence of projects, a developer forum and an oral history
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _38 sections 37 to 45)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text

PATROL = """澄州市桐岭区人民政府门户网站

区级河长巡河日志公开

巡河河长：区级河长　袁卫东（桐岭区人民政府副区长）
陪同人员：镇级河长　吴丽娟（白沙镇党委副书记、镇长）
　　　　　何俊（区水利局河湖管理股股长）

【沿河群众问答】
09:18　垂钓市民 张师傅：河长好！这段河还让钓鱼吗？
09:19　袁河长：水源保护区内禁止垂钓，其他河段可以。
09:20　何俊：我补充一下，禁渔期用单杆钓的不罚。
10:29　柳湾村村民 李大妈：有人半夜往河边倒垃圾，我们找谁？
10:30　吴镇长：您直接打镇河长办的电话。

【处理意见】
区级河长袁卫东要求白沙镇5月15日前完成垃圾清运。
"""


def test_a_patrol_logs_people_are_read_from_the_brackets_after_their_names() -> None:
    interview = parse_text(PATROL)
    assert interview.metadata.bureau == "澄州市桐岭区人民政府"  # the site's owner, its 副区长 answering
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("这段河还让钓鱼吗？", "袁卫东"), ("这段河还让钓鱼吗？", "何俊"),  # "河长好！" a greeting, no part of it
        ("有人半夜往河边倒垃圾，我们找谁？", "吴丽娟")]
    speakers = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert speakers["吴丽娟"] == "澄州市桐岭区白沙镇人民政府"
    assert not any("垃圾清运" in p.text for p in interview.passages if p.kind == "answer")  # 【处理意见】 a section


CHECK = """澄州市应急管理局关于防汛责任人电话抽查情况的通报

（一）城东区临江街道

抽查对象：临江街道办事处副主任　孙海燕（街道防汛责任人）
抽查时间：5月19日21:14　　抽查人：市应急管理局防汛抗旱科　郑凯

抽查人：您负责的片区有几处易涝点？
孙海燕：我们临江街道有4处易涝点。

（二）岘北区石桥镇

抽查对象：岘北区石桥镇党委副书记、镇长　韦建华（镇防汛行政责任人）
抽查时间：5月21日05:52　　抽查人：市应急管理局防汛抗旱科　唐敏

问：石桥镇有几处地质灾害隐患点？
答：全镇有3处地质灾害隐患点，都在青石村。
"""


def test_a_spot_checks_answers_are_its_subjects() -> None:
    interview = parse_text(CHECK)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [("您负责的片区", "孙海燕"), ("石桥镇有几处", "韦建华")]
    speakers = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert speakers["韦建华"] == ("党委副书记、镇长", "澄州市岘北区石桥镇人民政府")
    assert not any("抽查时间" in p.text or "5月21日05:52" in p.text for p in interview.passages)


def test_a_spot_checks_finding_is_the_records_own_words_not_the_last_subjects() -> None:
    text = CHECK + """
（三）岘北区石桥镇青石村

抽查对象：青石村村委会主任（地质灾害隐患点监测员）
抽查情况：5月21日06:20、06:45两次拨打均无人接听，已责成石桥镇对其批评教育。
"""
    interview = parse_text(text)
    assert [t.answerer for t in interview.turns] == ["孙海燕", "韦建华"]  # the unanswered call is no one's turn
    finding = next(p for p in interview.passages if "无人接听" in p.text)
    assert finding.kind != "answer" and finding.speaker not in ("孙海燕", "韦建华")


PANEL = """2027年澄州市民生实事候选项目评审答辩会实录

澄州市发展和改革委员会（市民生实事工作办公室） 2027年1月10日

主 持 人：市发展和改革委员会副主任 贺文涛
评审专家：澄州大学教授 史立平（组长）；市人大代表 何建平
答辩单位：市卫生健康委员会副主任 卢婷；市教育局副局长 钟明；市发展和改革委员会社会发展科科长 袁晓东

【项目陈述】（略）

何建平：夜间门诊开到几点？
卢婷：试点的8家社区医院夜间门诊开到晚上9点。
史立平：托管的老师是不是又让在校老师加班？
钟局长：在校教师自愿参加，按每天200元发放补助。
史立平：最后哪些项目能当选，是谁说了算？
主持人 贺文涛：这个问题请社会发展科袁晓东科长说明一下。
袁晓东：专家评审打分占30%，网上投票占40%。
"""


def test_a_panels_experts_ask_and_the_units_defending_answer() -> None:
    interview = parse_text(PANEL)
    assert interview.metadata.bureau == "澄州市发展和改革委员会"  # the issuer's line, its own 科长 answering
    assert [(t.asker, t.answerer) for t in interview.turns if t.answer] == [
        ("提问人 何建平", "卢婷"), ("提问人 史立平", "钟明"), ("提问人 史立平", "袁晓东")]  # the host's hand-over no question


FORUM = """[首页](https://data.example/) ｜ [数据目录](https://data.example/catalog) ｜ **开发者社区**

# 开发者社区精选问答

来源：澄州市政务服务和数据管理局

## 1. 【接口调用】公交实时到站接口晚上返回空数组，是接口坏了吗？

**dev_小林**　提问于 2027-03-03 23:41

晚上11点以后返回的 `data` 总是空的。

**dev_阿杰**：同问，我这边也是。

**运维回复｜澄州数联科技有限公司　工程师　谢明**

接口本身是正常的，该线路当时没有在途车辆。

**数据提供单位｜澄州市交通运输局**

全市公交车辆定位数据每15秒上报一次。

## 2. 【其他】平台有没有开放历史天气数据？

**GeoCat**：好像要去气象部门申请。

## 3. 【账号】企业开发者认证需要上传哪些材料？

**官方回复｜澄州市政务服务和数据管理局　数据资源科科长　高晓峰**

营业执照扫描件和经办人身份证。
"""


def test_a_developer_forums_headed_replies_answer_its_topics(tmp_path: Path) -> None:
    path = tmp_path / "forum.md"
    path.write_text(FORUM, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:8], t.answerer) for t in interview.turns] == [
        ("公交实时到站接口", "谢明"), ("公交实时到站接口", "澄州市交通运输局"), ("企业开发者认证需", "高晓峰")]
    speakers = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert speakers["谢明"] == "" and speakers["高晓峰"] == "澄州市政务服务和数据管理局"
    assert not any("同问" in p.text or "气象部门" in p.text for p in interview.passages)  # other users: no one's
    assert not any("数据目录" in p.text for p in interview.passages)  # the site's menu


ORAL = """<html><head><title>口述史｜两代公交人眼里的四十年_澄州市交通运输局</title></head><body><div class="article">
<h1>口述史｜两代公交人眼里的四十年</h1>
<p>来源：市交通运输局办公室</p>
<table><tr><th>采 访 人</th><td>林楠（市档案馆征集编研科）</td></tr>
<tr><th>口 述 人</th><td><p>邵国庆（市交通运输局二级调研员，1987年至2003年任市公交公司调度员）</p>
<p>彭秀兰（澄州公共交通集团有限公司12路驾驶员，全国劳动模范）</p></td></tr></table>
<p>采访人：邵老，您还记得第一条公交线路是哪一年开的吗？</p>
<p>邵国庆：记得，1987年5月1日开的，1路车，一共就4辆车。</p>
<p>采访人：彭师傅，您开12路开了多少年了？</p>
<p>彭秀兰：到今年是24年了。</p>
</div></body></html>"""


def test_an_oral_historys_narrators_are_read_from_the_record_above_it(tmp_path: Path) -> None:
    path = tmp_path / "oral.html"
    path.write_text(ORAL, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.asker, t.answerer) for t in interview.turns] == [("采访人", "邵国庆"), ("采访人", "彭秀兰")]
    speakers = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert speakers["邵国庆"] == ("二级调研员", "澄州市交通运输局")
    assert speakers["彭秀兰"] == ("澄州公共交通集团有限公司12路驾驶员", "")  # a bus company's driver: no bureau
