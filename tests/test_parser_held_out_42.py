"""49. What the forty-second batch of layouts (held out) found, each rule tested on text of its own: a 吹哨报到 ledger,
a 政策直通车 list of orders, an investment fair's 当面问, a 手机报's 你问我答 and a director's letters to pupils
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _41 sections 37 to 48)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.parser import parse_file, parse_text

LEDGER = """“企业吹哨·部门报到”事项办理台账
澄州市营商环境建设局
【事项1】编号：CS-01
吹哨企业：澄州华锐精密机械有限公司
吹哨内容：二期厂房的规划设计方案一直卡在审查环节，什么时候能批？
报到部门：市自然资源和规划局（牵头）、城东区住房和城乡建设局（配合）
报到人：市自然资源和规划局国土空间规划科科长　甘明华
现场回应：控规局部调整已通过专家论证，6月底前报市政府批复。
配合部门回应（城东区住房和城乡建设局）：桩基工程施工许可可以分段办理。
【事项2】编号：CS-02
吹哨企业：澄州启明新能源科技有限公司
吹哨内容：新厂房的专用变压器，外线工程要排队三个月，能不能快一点？
报到部门：国网澄州供电公司
报到人：国网澄州供电公司客户服务中心副主任　苗家安
现场回应：我们已把贵公司列入“重点项目接电绿色通道”，7月15日前送电。
企业追问：送电以后还想装屋顶光伏，要不要重新报装？
追问回应（苗家安）：屋顶光伏需要另外提交并网申请，10个工作日内办结。
【事项3】编号：CS-03
吹哨企业：澄州恒丰建材有限公司
吹哨内容：中标合同款被拖欠了8个多月，谁来管？
报到部门：市工业和信息化局
报到人：—
现场回应：（已报到，正在协调付款计划，办结后在下期台账中公开。）
"""


def test_a_ledgers_items_are_answered_by_who_reports_and_by_the_unit_each_reply_names(tmp_path: Path) -> None:
    path = tmp_path / "ledger.txt"
    path.write_text(LEDGER, encoding="utf-8")
    interview = parse_file(path, path.name)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("二期厂房的规", "甘明华"), ("二期厂房的规", "澄州市城东区住房和城乡建设局"),
        ("新厂房的专用", "苗家安"), ("送电以后还想", "苗家安")]  # 事项3: not answered yet
    people = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert people["苗家安"] == ("国网澄州供电公司客户服务中心副主任", "")  # the company's, no bureau's


ORDERS = """“人社政策直通车”进园区

发布单位：澄州市人力资源和社会保障局

送单团队\t市人社局就业促进科科长　钟启明
\t市社会保险事业服务中心副主任　房若兰

二、点单与送单

点单1　澄州瑞科电子有限公司　人力资源部经理　邵明霞

我们公司返聘的退休员工上班时受了伤，能不能算工伤？

【送单】市社会保险事业服务中心　房若兰：可以参保。我市从今年5月起开展超龄从业人员单项参加工伤保险。

点单2　澄州悦达服饰有限公司　生产副总　汤国华

旺季车间工人每天加班3个小时，工人自己也愿意，这样算不算违法？

【送单】钟启明：工人愿意也不行，每月加班不得超过36小时。

点单3　澄州海联电子有限公司　行政经理　范婉婷

员工长期派驻在外省，看病怎么报销？

【送单】市医疗保障局（会后书面答复）：可以办理异地长期居住备案，在当地直接结算。
"""


def test_orders_are_asked_under_their_line_and_each_tagged_reply_is_its_speakers() -> None:
    interview = parse_text(ORDERS)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("我们公司返聘", "房若兰"), ("旺季车间工人", "钟启明"), ("员工长期派驻", "澄州市医疗保障局")]
    people = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert people["房若兰"] == ("副主任", "澄州市社会保险事业服务中心")  # from the 送单团队 list


FAIR = """客商“当面问” 部门“现场答”

来源：澄州市商务局

主持人 孟庆山：下面进入“客商当面问”环节。

上海瀚川新材料科技有限公司董事长 卫东：我们想在澄州建生产基地，用地和电价有什么支持？

答：市商务局党组书记、局长 乔振华：谢谢卫董事长的提问。新材料项目可以享受用地和电价优惠。

答：城北区人民政府副区长 冷思源：我补充一下。园区东区还有一块50亩净地。

苏州恒瑞精工机械有限公司总经理 柏志强：澄州离海港比较远，物流成本会不会高？

答：乔振华：澄州国际陆港已经开通每周3班直达港口的海铁联运班列。
"""


def test_answers_tagged_before_their_speaker_make_the_untagged_ask() -> None:
    interview = parse_text(FAIR)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("我们想在澄州", "乔振华"), ("我们想在澄州", "冷思源"), ("澄州离海港比", "乔振华")]
    assert not any(p.speaker in ("卫东", "柏志强") for p in interview.passages if p.kind == "answer")


MOBILE = """澄州手机报·政务版
【今日天气】
澄州市区：多云转雷阵雨，24～31℃。
【要闻速览】
1.市政府召开常务会议，研究部署今年防汛工作。
【民生热线·你问我答】
❶问：买第一套房能不能用公积金付首付？（读者“澄水人家”）
答：可以。职工及其配偶购买首套自住住房的，可以提取住房公积金。——市住房公积金管理中心
❷问：想加装电梯，政府补贴多少钱？（尾号0517读者）
市住建局副局长　庞书华：每部电梯市级财政补贴15万元。
❸问：公积金一年能提几次？（尾号3308读者）
答：租房提取公积金每年可以提取一次，也可以按季度提取。（市住房公积金管理中心）
❹问：物业费涨价业主不同意也能涨吗？（尾号5521读者）
市住建局有关负责人答：普通住宅前期物业服务收费实行政府指导价。
❺问：申请公租房要排队多久？（尾号2741读者）
（本问题已转市住房保障服务中心，答复后将在下期刊登。）
【便民提醒】
·6月14日因管网改造，滨江路沿线停水，请提前储水。
"""


def test_a_columns_answers_are_signed_after_the_words_and_a_question_passed_on_gets_none() -> None:
    interview = parse_text(MOBILE)
    assert [(t.question[:6], t.answerer) for t in interview.turns if t.answerer] == [
        ("买第一套房能", "澄州市住房公积金管理中心"), ("想加装电梯，", "庞书华"), ("公积金一年能", "澄州市住房公积金管理中心"),
        ("物业费涨价业", "有关负责人")]  # ❺ passed on; 【便民提醒】 a section, no one's answer
    assert interview.metadata.bureau == "澄州市住建局"  # the unit that answers most, as the text writes it
    assert not any("停水" in p.text for p in interview.passages if p.kind == "answer")


LETTERS = """# 局长回信｜孩子们问的环保问题

来源：市生态环境局

“局长伯伯，河里的泡泡是从哪儿来的？”……日前，澄州市生态环境局党组书记、局长郗明华给孩子们回了信。

## 来信一

**王子轩**（滨河路小学四年级二班）：

> 河面上会漂着一层白色的泡泡，这些泡泡是从哪儿来的？

**局长回信**：

子轩同学：你观察得真仔细！这些泡沫有的是水里的有机物自然形成的。

—— 郗明华

**市水务局回信**：

子轩同学，你家附近的雨水排口我们已经在改造了。

## 来信二

**李沐风**（四年级二班）：

> 工地晚上十点多了还在打桩，晚上可以施工吗？

**回信**（市生态环境局大气与声环境科科长　覃雨薇）：

沐风同学：夜间22点到第二天早上6点是禁止产生噪声的建筑施工作业的。
"""


def test_a_directors_letters_are_the_pupils_questions_and_each_reply_its_signers() -> None:
    interview = parse_text(LETTERS)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [
        ("河面上会漂着", "郗明华"), ("河面上会漂着", "澄州市水务局"), ("工地晚上十点", "覃雨薇")]
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert answers[0].text.startswith("子轩同学：你观察得真仔细")  # the reply's salutation, no one else speaking
    assert not any("——" in p.text for p in answers)


def test_a_replys_salutation_to_any_reader_is_no_label() -> None:
    text = ("# 局长信箱回信选登\n\n**市民 王先生**：\n\n> 小区门口的路灯坏了三个月，谁来修？\n\n**局长回信**：\n\n"
            "王先生：您好！这段路灯由我局负责维护，已于5月15日修复。\n")
    interview = parse_text(text)
    assert [(t.question[:6], t.answerer) for t in interview.turns] == [("小区门口的路", "局长")]
    assert next(p for p in interview.passages if p.kind == "answer").text.startswith("王先生：您好")
