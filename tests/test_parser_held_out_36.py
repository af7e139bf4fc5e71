"""43. What the thirty-sixth batch of layouts (held out) found, each rule tested on text of its own: a copy deck's
experts, a survey's answer guide, a notice's numbered questions, a brigade's briefing and a large-print booklet
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _35 sections 37 to 42)."""

from __future__ import annotations

from index.parsing.orgs import fullest, is_unit_name, main_unit
from index.parsing.parser import parse_text

BOARDS = """# 世界气象日科普展板文案

- 主办：澄州市气象局

## 展板02　你问我答

**本板答疑专家**：澄州市气象局应急与减灾科科长　宋佳

**市民问**：暴雨预警四种颜色有啥区别？

**宋科长答**：按严重程度分四级，蓝色最轻，红色最重。

## 展板03　预报篇

**本板答疑专家**：市气象台首席预报员　范强

**种植户问**：降水概率70%是啥意思？

**范首席答**：是说出现降水的可能性是70%。

**宋科长补充**：我补充一句，预警短信可以免费订阅。
"""


def test_a_copy_decks_experts_answer_under_surname_title_and_answer_marks() -> None:
    interview = parse_text(BOARDS)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("暴雨预警四种颜色有啥区别？", "宋佳"), ("降水概率70%是啥意思？", "范强"), ("降水概率70%是啥意思？", "宋佳")]
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert {p.speaker: p.role for p in answers}["范强"] == "首席预报员"
    assert not any("应急与减灾科科长" in p.text for p in answers)  # the expert's line is a field, no one's words


GUIDE = """澄州市人口抽样调查入户登记应答口径

澄州市统计局

一、关于调查本身

1. 住户问：你们是哪个单位的？
   调查员答：我们是受澄州市统计局委托开展调查的调查员。

2. 住户问：参加调查有没有小礼品？
   【调查员提示】此问题不作现场答复，如实记录住户意见。

3. 住户问：调查结果什么时候公布？
   调查员答：计划在明年3月底前公布。

二、关于户口登记的问题（本部分口径由市公安局人口管理支队提供）

4. 住户问：孩子没上户口，这次登记了会被罚款吗？
   调查员答：不会。抽样调查登记的情况不会用于处罚。
"""


def test_an_answer_guides_staff_answer_for_the_unit_each_section_names() -> None:
    interview = parse_text(GUIDE)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("你们是哪个单位的？", "澄州市统计局"), ("调查结果什么时候公布？", "澄州市统计局"),
        ("孩子没上户口，这次登记了会被罚款吗？", "人口管理支队")]
    assert not any("不作现场答复" in p.text for p in interview.passages if p.kind == "answer")


NOTICE = """关于部分区域计划停水的通告

澄州市水务局

一、停水范围
二、临时供水点
三、停水期间注意事项怎么办？

停水答疑

记者就此采访了市水务局有关负责人、澄州水务集团有限公司供水调度中心主任张峰和澄河区住房和城乡建设局物业管理科科长孙悦。

1. 这次为什么要停水？
市水务局有关负责人：这次停水是为了配合道路改造，迁改一根供水主管道。

2. 我家住高层，水箱里的水能撑多久？
孙科长：一般能满足住户4到6个小时的用水。
"""


def test_numbered_questions_before_speakers_labels_are_asked_and_a_listed_unit_stays_whole() -> None:
    interview = parse_text(NOTICE)
    assert [(t.question, t.answerer) for t in interview.turns] == [
        ("这次为什么要停水？", "有关负责人"), ("我家住高层，水箱里的水能撑多久？", "孙悦")]
    speakers = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert speakers["孙悦"] == "澄州市澄河区住房和城乡建设局"  # 和 after a name parts two people, not 住房和城乡


BRIEFING = """消防工作简报
澄山区消防救援大队办公室编

11月18日，澄山区消防救援大队走进工业园。大队防火监督科科长陈远带队检查，市消防救援支队防火监督处高级工程师何静一同参加。

二、现场答疑摘要
1．问：叉车下班后集中在车间角落充电，行不行？
答（陈远）：不行。叉车充电要设置独立的充电区域。
补充（何静）：我补充一点。锂电池热失控几秒钟就会起火。
2．问：消防维保能不能企业自己做？
答（何静）：每日巡查企业可以自己做，年度检测要请有资质的机构。
"""


def test_a_briefings_own_brigade_and_a_second_answer_in_brackets() -> None:
    interview = parse_text(BRIEFING)
    assert [(t.question[:6], t.answerer) for t in interview.turns if t.answer] == [
        ("叉车下班后集", "陈远"), ("叉车下班后集", "何静"), ("消防维保能不", "何静")]
    speakers = {p.speaker: (p.role, p.bureau) for p in interview.passages if p.kind == "answer"}
    assert speakers["陈远"] == ("防火监督科科长", "澄山区消防救援大队")  # "大队……科": the brigade's own section
    assert speakers["何静"] == ("防火监督处高级工程师", "市消防救援支队")
    assert interview.metadata.bureau == "澄山区消防救援大队"


BOOKLET = """惠残政策问答（大字版）
澄州市残疾人联合会 编印

一、就业篇
我是肢体残疾，想自己开个小店，政府有什么扶持？
可以申请最高30万元的创业担保贷款，由财政贴息。
解答单位：市人社局就业促进科
在此基础上，市残联对持证残疾人自主创业的，再给予一次性补贴5000元。
解答单位：市残联教育就业部
残疾人看病，医保上有什么照顾？
主要有三项照顾。一是参保有资助。二是康复项目能报销。
三是门诊慢特病待遇：患有严重精神障碍的，可以申请门诊慢特病待遇。
解答单位：市医疗保障局待遇保障科
"""


def test_a_booklets_answer_signed_by_two_units_is_two_answers() -> None:
    interview = parse_text(BOOKLET)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("我是肢体残疾，想自己开个小店，政府有什么扶持？", "就业促进科"),
        ("我是肢体残疾，想自己开个小店，政府有什么扶持？", "教育就业部"),
        ("残疾人看病，医保上有什么照顾？", "待遇保障科")]  # "三是……：" is a point of the answer, no speaker
    assert {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}["教育就业部"] == "澄州市残疾人联合会"


def test_the_peoples_organisations_by_their_short_names() -> None:
    assert is_unit_name("市残联康复部") and main_unit("市残联康复部") == "市残联"
    assert fullest("市残联", "澄州市残疾人联合会 编印", ("澄州市",)) == "市残疾人联合会"
