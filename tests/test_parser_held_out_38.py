"""45. What the thirty-eighth batch of layouts (held out) found, each rule tested on text of its own: a user guide's
numbered questions, a 局长走流程 record, 110 call recordings, a 12366 table drawn with box characters and a travel
site's 问大家 page (tests/test_parser_held_out.py holds sections 1 to 36, _30 to _37 sections 37 to 44)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text

GUIDE = """澄州医保码使用指南

澄州市医疗保障局 编

2 激活医保码

第一步：关注“澄州医保”公众号；
第二步：点击底部菜单“医保码”。

4 常见问题

4.1 医保码截图能用吗？

不能。医保码每60秒自动刷新一次，截图无法使用。

4.2 在外地看病能用医保码吗？

可以扫码，但要先办理异地就医备案。
"""


def test_a_guides_numbered_questions_ask_and_its_steps_are_no_speakers() -> None:
    interview = parse_text(GUIDE)
    assert [t.question for t in interview.turns] == ["医保码截图能用吗？", "在外地看病能用医保码吗？"]
    assert {p.speaker for p in interview.passages if p.kind == "answer"} == {"澄州市医疗保障局"}


VISIT = """局长走流程｜体验个体工商户开办

澄州市市场监督管理局办公室　　2027年5月14日

体验人\t市市场监督管理局党组书记、局长　杨永刚

上午8时50分，杨永刚来到市政务服务中心。接待他的是市市场监督管理局登记注册科科员周小雨。

杨永刚：开米线店办执照要带啥材料？

周小雨：带上经营者本人的身份证和经营场所的使用证明就行。

随后，城北区市场监管局派驻专区的食品经营许可审查员吴海燕接过了话头。在专区另一侧，入驻专区的澄州农商银行城北支行客户经理郑晓东迎了上来。

杨永刚：食品经营许可证也在这儿办吗？

吴海燕：在这儿一起办，小餐饮实行告知承诺制。

杨永刚：个体户要不要开对公账户？

郑经理：不是必须开，用个人账户收款也可以。
"""


def test_a_visit_records_official_asks_as_the_citizen_and_those_named_in_passing_answer() -> None:
    interview = parse_text(VISIT)
    assert [(t.asker, t.answerer) for t in interview.turns] == [
        ("提问人 杨永刚", "周小雨"), ("提问人 杨永刚", "吴海燕"), ("提问人 杨永刚", "郑晓东")]
    speakers = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert speakers["周小雨"] == ("登记注册科科员", "澄州市市场监督管理局")  # not "接待他的是……"
    assert speakers["吴海燕"] == ("食品经营许可审查员", "澄州市城北区市场监管局")  # the unit that sent her, as written
    assert speakers["郑晓东"] == ("澄州农商银行城北支行客户经理", "")  # a bank's people speak for no bureau


CALLS = """# 110接警录音（文字版）

原创　澄州公安　*2027年4月8日*

点击上方蓝字 **澄州公安** 关注我们｜澄州市公安局官方账号

我们选了两段录音，请本期讲述人——市公安局指挥中心接警员乔雨萌、申浩然带大家听一听。

### 录音①｜钥匙锁屋里了

*接警时间：1月17日 23:42　　接警员：乔雨萌*

**报警人**：我钥匙锁屋里了，你们能派警察来开门吗？

**接警员**：开锁不属于110的出警范围，您可以联系备案的开锁企业。

### 录音②｜楼上装修

*接警时间：2月23日 07:12　　接警员：申浩然　　三方转接：澄州市政务服务便民热线中心　话务员　韩晓*

**报警人**：楼上装修天天砸墙，你们管不管？

**接警员**：装修噪声不属于110的出警范围，我帮您转接12345。

**话务员**：我们会派单给属地街道，24小时内联系您。
"""


def test_call_recordings_parts_stand_for_the_people_each_calls_line_names(tmp_path: Path) -> None:
    path = tmp_path / "calls.md"
    path.write_text(CALLS, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("我钥匙锁屋里", "乔雨萌"), ("楼上装修天天", "申浩然"), ("楼上装修天天", "韩晓")]
    speakers = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert speakers["申浩然"] == ("指挥中心接警员", "澄州市公安局")  # the second of "接警员乔雨萌、申浩然"
    assert speakers["韩晓"] == ("话务员", "澄州市政务服务便民热线中心")  # the unit the call was passed to


TABLE = """国家税务总局澄州市税务局
12366热线征期热点问题

┌──┬──────────┬────────────────┐
│序号│热点问题            │解　　答                        │
├──┴──────────┴────────────────┤
│一、个人所得税                                              │
├──┬──────────┬────────────────┤
│1   │汇算什么时候开始？要│2027年3月1日至6月30日。3月20日前│
│    │不要预约？          │需要预约。                      │
├──┼──────────┼────────────────┤
│2   │城乡居民医保个人交多│每人每年400元。（本题解答由澄州市│
│    │少钱？              │医疗保障局提供）                │
├──┼──────────┼────────────────┤
│3   │个体户能缴存住房公积│该问题已转市住房公积金管理中心研│
│    │金吗？              │究答复，答复内容将在下期发布。  │
└──┴──────────┴────────────────┘

注：以上解答依据现行政策整理。
"""


def test_a_table_drawn_with_box_characters_reads_each_row_as_a_question_and_its_answer(tmp_path: Path) -> None:
    path = tmp_path / "hot.txt"
    path.write_text(TABLE, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("汇算什么时候开始？要不要预约？", "国家税务总局澄州市税务局"),
        ("城乡居民医保个人交多少钱？", "澄州市医疗保障局")]  # the row's credit; the row passed on is no turn
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert answers[0].text == "2027年3月1日至6月30日。3月20日前需要预约。"  # the wrapped cell rejoined
    assert not any("以上解答依据" in p.text for p in answers)


ASK_PAGE = """<html><head><title>峋山风景名胜区问答_途悦旅行</title></head><body>
<main><section class="poi-head"><h1>峋山风景名胜区</h1><p>地址：澄州市城北区峋山路1号</p></section>
<aside class="official-box"><div><b>峋山景区管委会</b> <span class="tag-official">官方</span></div>
<div class="auth">认证信息：澄州市峋山风景名胜区管理委员会</div></aside>
<section class="qa-list"><h2>问大家</h2>
<div class="ask-item"><div class="ask-q"><span class="q-icon">问</span> 能带狗进景区吗？</div>
<div class="ask-meta">豆包妈妈　提问于 2027-04-15</div>
<div class="answer"><span class="ans-name">周末爬山人</span> <span class="tag-user">去过</span><p>应该不行。</p></div>
<div class="answer official"><span class="ans-name">峋山景区管委会</span> <span class="tag-official">官方</span>
<p>除导盲犬外，宠物不能入园。</p></div></div>
<div class="ask-item"><div class="ask-q"><span class="q-icon">问</span> 导游带我们去玉器店买到假货，该找谁？</div>
<div class="ask-meta">不想再跟团了　提问于 2027-04-28</div>
<div class="answer official"><span class="ans-name">澄州文旅</span> <span class="tag-gov">政务 澄州市文化广电和旅游局官方账号</span>
<p>可以拨打12345旅游投诉专线，我们将依法处理。</p></div></div>
<div class="ask-item"><div class="ask-q"><span class="q-icon">问</span> 山顶有卖吃的吗？</div>
<div class="answer"><span class="ans-name">山野闲人</span><p>有个小卖部。</p></div></div>
</section></main></body></html>"""


def test_a_community_qa_page_is_answered_by_its_official_accounts_only(tmp_path: Path) -> None:
    path = tmp_path / "ask.html"
    path.write_text(ASK_PAGE, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("能带狗进景区吗？", "澄州市峋山风景名胜区管理委员会"), ("导游带我们去玉器店买到假货，该找谁？", "澄州市文化广电和旅游局")]
    assert not any("应该不行" in p.text or "小卖部" in p.text for p in interview.passages)  # travellers speak for no one
