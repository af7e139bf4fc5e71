"""44. What the thirty-seventh batch of layouts (held out) found, each rule tested on text of its own: a news item on
citizens at a standing meeting, a register of a service hall's 一次性告知单, a library's 咨询台 page, a drill's script
and a joint notice to travellers (tests/test_parser_held_out.py holds sections 1 to 36, _30 to _36 sections 37 to 43)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text
from index.parsing.pdf_layout import _opens_turn

MEETING = """澄州市财政局
当前位置：首页 > 工作动态 > 财政要闻

市民代表列席市政府常务会议　面对面谈“菜市场改造”

发布时间：2027-05-12　　来源：市财政局办公室

　　5月11日，市政府召开常务会议。会后，副市长梁文卓，市商务局党组书记、局长顾承宇，市财政局副局长章敏与列席代表进行了交流。

【面对面交流】

列席代表 孙丽华：我们小区边上的菜市场太旧了，今年能改造吗？
顾承宇：孙女士，今年全市改造农贸市场12个，您说的那个已经列入。
章敏：我补充一下，市级财政今年安排改造资金6000万元。
列席代表 孙丽华：梁市长，改造期间买菜去哪里？
梁文卓：改造期间每个市场都设临时疏解点，步行不超过10分钟。
"""


def test_citizens_at_a_meeting_ask_and_the_lead_names_who_answers() -> None:
    interview = parse_text(MEETING)
    assert [(t.asker, t.answerer) for t in interview.turns] == [
        ("列席代表 孙丽华", "顾承宇"), ("列席代表 孙丽华", "章敏"), ("列席代表 孙丽华", "梁文卓")]
    bureaus = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert bureaus["章敏"] == "澄州市财政局"  # named only in the lead, below a breadcrumb that is no speaker's label
    assert bureaus["顾承宇"] == "澄州市商务局"
    assert bureaus["梁文卓"] == "澄州市人民政府"  # a 副市长 speaks for the city's government, not for the page's bureau


FORMS = """一次性告知单选登（2027年第3期）

澄州市政务服务中心　　2027年6月2日

告知单（一）

咨询内容\t我想把个体户的经营者改成我自己，原经营者要到场吗？
告知内容\t1．不用到场，原经营者可以在小程序上电子签名。
2．材料齐全的当场办结。
办事人追问\t食品经营许可证要跟着改吗？
追加告知\t要同步变更，本窗口一并受理。
告知窗口\t综合受理窗口（A区1号）
告知人\t综合受理窗口首席代办员　沈晓雯
告知时间\t2027年5月6日

告知单（二）

咨询内容\t二手房过户要准备什么？要交哪些税？
告知内容\t买卖双方带身份证、不动产权证书和买卖合同到窗口办理。
告知窗口\t市不动产登记中心驻中心窗口（B区2号）
告知人\t不动产登记窗口负责人　许志刚
补充告知（税务）\t满两年的住房免征增值税。
补充告知窗口\t国家税务总局澄州市城南区税务局驻中心办税窗口（B区5号）
补充告知人\t驻中心办税窗口负责人　姜涛
告知时间\t2027年5月9日
"""


def test_a_register_of_window_forms_reads_each_signer_with_the_unit_of_their_window(tmp_path: Path) -> None:
    path = tmp_path / "forms.txt"
    path.write_text(FORMS, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "澄州市政务服务中心"
    assert [(t.question[:8], t.answerer) for t in interview.turns] == [
        ("我想把个体户的经", "沈晓雯"), ("食品经营许可证要", "沈晓雯"), ("二手房过户要准备", "许志刚"), ("二手房过户要准备", "姜涛")]
    speakers = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert speakers["沈晓雯"] == ("综合受理窗口首席代办员", "澄州市政务服务中心")  # a window of no unit: the hall's own
    assert speakers["许志刚"] == ("不动产登记窗口负责人", "澄州市不动产登记中心")
    assert speakers["姜涛"] == ("驻中心办税窗口负责人", "国家税务总局澄州市城南区税务局")  # the 补充告知人 signs the 补充告知
    assert not any("告知时间" in p.text or "2027年5月6日" in p.text for p in interview.passages)


LIBRARY = """<html><head><meta name="SiteName" content="澄州市图书馆"><title>咨询台问答公开_澄州市图书馆</title></head>
<body><div class="main"><h1>咨询台问答公开（2027年第5期）</h1>
<p>本期选登读者的部分咨询及馆员解答。</p>
<div class="qa-meta">咨询单号：CK0101　｜　咨询方式：到馆</div>
<p class="q"><span class="badge">问</span><span class="asker">读者（证号尾号1234）</span>：押金能退吗？</p>
<p><span class="badge">答</span>您好！持读者证和身份证到总服务台就能退。</p>
<p class="signer">解答人：读者服务部副主任　陈晓岚（工号L01）</p>
<div class="qa-meta">咨询单号：CK0102　｜　咨询方式：电话</div>
<p class="q"><span class="badge">问</span>想查五十年代的土地登记资料，馆里有吗？</p>
<p><span class="badge">答</span>原始档案不在本馆收藏范围，已转请市档案馆答复。</p>
<p class="signer">解答人：地方文献部副研究馆员　蔡文博</p>
<p><span class="badge">转</span>市档案馆藏有1950年至1956年的土地房产所有证存根，可以到查档大厅查阅。</p>
<p class="signer">答复单位：澄州市档案馆利用服务科</p>
</div></body></html>"""


def test_a_librarys_badges_and_signatures_say_who_asks_and_who_answers(tmp_path: Path) -> None:
    path = tmp_path / "desk.html"
    path.write_text(LIBRARY, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert interview.metadata.bureau == "澄州市图书馆"  # the site's, not the 读者服务部 its first answerer works in
    assert [(t.asker, t.answerer) for t in interview.turns] == [
        ("读者（证号尾号1234）", "陈晓岚"), ("问", "蔡文博"), ("问", "利用服务科")]
    answers = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert answers["陈晓岚"] == ("读者服务部副主任", "澄州市图书馆")
    assert answers["利用服务科"][1] == "澄州市档案馆"  # signed below by the unit the question was passed to
    assert not any("咨询单号" in p.text for p in interview.passages)


DRILL = """桐岭区2027年防汛应急演练方案

澄州市桐岭区应急管理局　2027年5月18日

一、演练目的

检验我区防汛预警和转移避险工作机制。

二、角色分工

总指挥：区人民政府副区长 孔立新
副总指挥：区应急管理局局长 高文渊
现场指挥：柳溪镇党委副书记、镇长 罗海涛
解说（兼答疑主持）：区融媒体中心主持人 温晴

三、演练脚本

（一）预警发布

解说：各位村民大家好！洪水来了，我们该往哪里跑？请大家跟着演练一起看。
总指挥：我宣布，演练开始！
现场指挥：各包保干部立即入户通知转移！

（二）现场答疑

村民 周大爷：转移以后吃住要自己掏钱吗？
副总指挥：吃住都免费，每人每天补助60元。
现场指挥（补充）：柳溪镇设了4个安置点。

（三）演练讲评

总指挥：这次演练组织有序，达到了预期效果。

四、保障措施

演练期间柳溪镇沿河道路实行临时交通管制，桐岭区柳溪镇卫生院派出保障小组。
"""


def test_a_drill_scripts_parts_speak_for_the_people_it_casts_and_its_sections_end_answers() -> None:
    interview = parse_text(DRILL)
    assert interview.metadata.bureau == "澄州市桐岭区应急管理局"  # the issuer's line, its own people answering
    asked = [(t.question, t.answerer) for t in interview.turns if t.question]
    assert asked == [("转移以后吃住要自己掏钱吗？", "高文渊"), ("转移以后吃住要自己掏钱吗？", "罗海涛")]
    answers = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert answers == {"孔立新": "澄州市桐岭区人民政府", "高文渊": "澄州市桐岭区应急管理局",
                       "罗海涛": "澄州市桐岭区柳溪镇人民政府"}  # the town with the district the text writes above it
    assert not any("区应急管理局局长 高文渊" in p.text for p in interview.passages)  # the cast list is no one's words
    told = [p for p in interview.passages if "临时交通管制" in p.text]
    assert len(told) == 1 and told[0].kind != "answer"  # after the next section's heading: the document's, indexed


def test_a_pdf_line_a_script_opens_with_its_parts_label_starts_a_paragraph() -> None:
    assert _opens_turn("副总指挥：吃住都免费。", frozenset({"副总指挥"}))
    assert not _opens_turn("副总指挥：吃住都免费。")  # no word, person or title: only the document's own use says


NOTICE = """# 出境旅客须知｜通关常见问题

原创　澄州口岸　*2027年1月20日*

点击上方蓝字「澄州口岸」关注我们（澄州市人民政府口岸办公室官方账号）

**联合发布**：澄州市人民政府口岸办公室　澄州海关　澄州出入境边防检查站　澄州国际机场有限公司

## 旅客问答

🙋 **旅客问**：出境带多少现金要申报？

🛃 **海关答**：人民币现钞超过2万元的，应当向海关书面申报。

🙋 **旅客问**：航班取消了，晚上在机场过夜有人管吗？

✈️ **机场答**（澄州国际机场有限公司旅客服务中心值班经理　钱书文）：我们安排酒店。

🛂 **边检答**：我们补充一下，边检通道24小时开放。

---

**往期推荐**

- [出境游必看](https://mp.example/1)

**精选留言**

**海外打工人**　广东　1月20日

化妆品超过5000块要全部交税吗？

> **作者**　回复：不是，海关仅对超出部分征税。

👍 52

**山那边**　澄州　1月20日

去年排了一个小时队。

👍 17
"""


def test_a_joint_notices_icons_short_unit_names_and_replied_comments(tmp_path: Path) -> None:
    path = tmp_path / "notice.md"
    path.write_text(NOTICE, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("出境带多少现", "澄州海关"), ("航班取消了，", "钱书文"), ("航班取消了，", "澄州出入境边防检查站"),
        ("化妆品超过5", "澄州市人民政府口岸办公室")]
    answers = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert answers["钱书文"] == ("澄州国际机场有限公司旅客服务中心值班经理", "")  # a company's people speak for no bureau
    assert not any("去年排了一个小时队" in p.text for p in interview.passages if p.kind == "answer")
