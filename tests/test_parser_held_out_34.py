"""41. What the thirty-fourth batch of layouts (held out) found, each rule tested on text of its own: a petition's
处理意见书, a village broadcast's script, a press release's 答问 table, a hotline's tagged calls and a 院坝会 record
(tests/test_parser_held_out.py holds sections 1 to 36, _30 to _33 sections 37 to 40)."""

from __future__ import annotations

from pathlib import Path

from index.parsing.orgs import fullest, is_unit_name, main_unit
from index.parsing.parser import parse_file, parse_text

PETITION = """澄州市住房和城乡建设局
信访事项处理意见书

李某某：

你反映的信访事项，我局已依法受理。现将处理意见告知如下。

一、关于楼顶漏水的诉求

诉求内容：我家顶楼漏水三个月了，维修资金什么时候能批下来？

核查情况：经现场查看，屋面防水层老化，情况属实。

处理意见：我局已完成维修资金使用备案，屋面维修将于下月开工。

二、关于楼下饭店油烟的诉求

诉求内容：楼下饭店油烟太大，这事到底归谁管？

澄东区城市管理局核查处理意见：经我局中队现场核查，该店已安装油烟净化设施。

会办单位澄州市生态环境局意见：经检测，油烟排放浓度符合标准。
"""


def test_a_petition_reply_is_the_units_and_names_no_one_it_is_addressed_to() -> None:
    interview = parse_text(PETITION)
    assert [(t.question[:8], t.answerer) for t in interview.turns if t.answer] == [
        ("我家顶楼漏水三个", "澄州市住房和城乡建设局"),  # 核查情况 and 处理意见: one answer
        ("楼下饭店油烟太大", "澄州市澄东区城市管理局"), ("楼下饭店油烟太大", "澄州市生态环境局")]
    assert not any(p.speaker == "李某某" for p in interview.passages)  # the petitioner addressed, never an answerer


BROADCAST = """澄州市澄北区桐溪镇应急广播（乡村大喇叭）播出稿
播出时间：2026年11月3日
播出范围：全镇应急广播终端
撰稿：镇党政综合办公室
播音：男　庞远　女　蔺棠
本期录音嘉宾：
　　澄北区医疗保障局待遇保障科科长　蒯明轩

男：各位乡亲，这里是桐溪镇应急广播。
女：最近好多乡亲问明年的医保交多少钱。我们请来了区医保局的蒯科长。
【录音开始】
记者：蒯科长，明年的城乡居民医保个人交多少钱？
蒯明轩：个人缴费标准是每人每年400元，在手机上就能交。
【录音结束】
男：好，今天的节目就到这里。
"""


def test_a_broadcast_scripts_announcers_ask_and_the_town_is_its_bureau() -> None:
    interview = parse_text(BROADCAST)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("蒯科长，明年的城乡居民医保个人交多少钱？", "蒯明轩")]  # 蒯: a rarer surname of the 百家姓
    assert interview.metadata.bureau == "澄州市澄北区桐溪镇人民政府"  # the town's own broadcast
    assert not any(p.kind == "answer" and ("今天的节目" in p.text or "这里是桐溪镇" in p.text) for p in interview.passages)
    assert {p.speaker for p in interview.passages if p.kind == "answer"} == {"蒯明轩"}  # 男, 女 answer nothing


RELEASE = """澄州市供热保障工作新闻发布会
新闻通稿
发布人：澄州市城市管理局局长 阚文远
澄州市发展和改革委员会有关负责人
澄州热力集团有限公司副总经理 岑川

市城市管理局局长阚文远介绍，今年全市集中供热面积达到7000万平方米。

附件：现场答问实录
序号\t提问媒体\t提问内容\t答问人\t答问内容
1\t澄州日报\t今年什么时候开始供暖？\t阚文远\t法定供暖期为每年11月15日至次年3月15日。
2\t澄州晚报\t供暖价格会不会调整？\t市发展改革委有关负责人\t本供暖季居民供热价格不作调整。
3\t澄州新闻网\t室温不达标能退费吗？\t岑川、阚文远\t岑川：低于18℃的按日退还热费。阚文远：我补充一点，我们对企业实行考核。
"""


def test_a_press_releases_answer_table_is_read_as_its_speakers_answers(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_text(RELEASE, encoding="utf-8")
    interview = parse_file(path)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("今年什么时候开始供暖？", "阚文远"), ("供暖价格会不会调整？", "有关负责人"),
        ("室温不达标能退费吗？", "岑川"), ("室温不达标能退费吗？", "阚文远")]
    answers = {p.speaker: p.bureau for p in interview.passages if p.kind == "answer"}
    assert answers["有关负责人"] == "澄州市发展和改革委员会"  # the guest list's unnamed 负责人 line is read
    assert not any(p.kind == "answer" and "7000万平方米" in p.text for p in interview.passages)  # reported: no answer


HOTLINE = """12351职工热线来电选登

来源：市总工会权益保障部

来电一 工钱没拿到

来电时间：10月13日 10:02

来电人：农民工 老郜

来电诉求

我们干完活半年了，包工头还拖着16万工钱不给，怎么办？

热线答复

可以向劳动保障监察机构投诉，总承包单位负总责。

答复律师：俞清 澄州衡平律师事务所律师

转办回复

我支队已责令总承包单位先行垫付拖欠的工资。

答复单位：市人社局劳动保障监察支队

来电二 孩子学费有困难

来电时间：10月20日 16:48

来电诉求

孩子考上了大学，家里学费有困难，能申请助学金吗？

热线答复

可以申请“金秋助学”，资助标准为每人5000元。

答复人：市总工会权益保障部

责任编辑：甘露

您对本期答复满意吗？
"""


def test_tagged_calls_are_answered_by_whoever_signs_each_reply() -> None:
    interview = parse_text(HOTLINE)
    assert [(t.question[:6], t.answerer) for t in interview.turns if t.answer] == [
        ("我们干完活半", "俞清"), ("我们干完活半", "劳动保障监察支队"), ("孩子考上了大", "权益保障部")]
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert not any("来电时间" in p.text or "责任编辑" in p.text or "满意吗" in p.text for p in answers)
    assert interview.metadata.bureau == "澄州市总工会" or interview.metadata.bureau == "市总工会"


def test_a_trade_union_is_a_unit_and_its_departments_are_its_sections() -> None:
    assert is_unit_name("澄州市总工会") and is_unit_name("市总工会权益保障部")
    assert main_unit("澄州市总工会女职工委员会") == "澄州市总工会"
    # a section the text writes is no fuller form of its unit
    assert fullest("市总工会", "市总工会女职工委员会办公室主任常溪答复") == "市总工会"


YUANBA = """# 院坝会开到家门口

原创　澄北发布

**本场院坝会**

- 主持：青岗村党总支书记　龙贵
- 到场答复：
  - 桐溪镇党委副书记、镇长　冼和
  - 澄北县水利局农村供水股股长　祝清

---

### 路灯

**【群众问】** 村民 罗大哥：村里那段路晚上太黑了，啥时候能装上路灯？

**【干部答】** 冼镇长：镇里已经把它列进了今年的亮化工程，月底前装好。

**【现场定】** 列入亮化工程，11月30日前完工。

---

### 自来水

**【群众问】** 村民 蒲大姐：我们半坡上的几户，早上自来水没劲，咋办？

**【主持】** 龙书记：这个事归县水利局管，请祝股长给大家说说。

**【干部答】** 祝清：县里明年在半坡建一座加压泵站。

---

### 宅基地

**【群众问】** 返乡青年 小邬：老房子想翻建，要办什么手续？

**【带回办】** 此事涉及宅基地审批，会后由县自然资源局答复。

---

### 电商

**【群众问】** 返乡青年 小邬：我想在网上卖柑橘，镇里能支持吗？

**【干部答】** 冼镇长：镇上的电商服务中心有现成的直播间，可以免费用两年。
"""


def test_a_meetings_tags_name_the_side_and_their_labels_who_speaks() -> None:
    interview = parse_text(YUANBA)
    assert [(t.question, t.answerer) for t in interview.turns if t.answer] == [
        ("村里那段路晚上太黑了，啥时候能装上路灯？", "冼和"),
        ("我们半坡上的几户，早上自来水没劲，咋办？", "祝清"),  # the host's hand-over is no part of it
        ("我想在网上卖柑橘，镇里能支持吗？", "冼和")]  # the same asker under a new heading asks anew
    answers = [p for p in interview.passages if p.kind == "answer"]
    assert not any("现场定" in p.text or "列入亮化工程" in p.text or "宅基地审批" in p.text for p in answers)


HANDED_OVER = """主持人：很多网友问到家庭养老床位。这项政策具体怎么操作？
请两位嘉宾分别谈谈。

邵文静：家庭养老床位就是把专业照护服务延伸到老人家里。
"""


def test_a_hand_over_on_its_own_line_after_the_question_ends_it() -> None:
    assert [(t.question, t.answerer) for t in parse_text(HANDED_OVER).turns if t.answer] == [
        ("很多网友问到家庭养老床位。这项政策具体怎么操作？", "邵文静")]


def test_whose_matter_it_is_said_alone_is_an_answer() -> None:
    turns = parse_text("主持人：楼道的灯坏了该找谁？\n\n钟明：这事归物业管。\n").turns
    assert [(t.question, t.answerer, t.answer) for t in turns] == [("楼道的灯坏了该找谁？", "钟明", "这事归物业管。")]
