"""Who a whole text attributes each statement to (index/claims/document.py and index/claims/speakers.py, pure): the
forms Chinese news uses, speakers resolved over the text, hearsay and third parties left out. Fictional sentences,
written apart from the labelled texts the rules were tuned on."""

from __future__ import annotations

import pytest

from index.claims.document import find_sentences
from index.claims.speakers import Discourse, abbreviates, is_name, read_speaker


def attributed(text: str) -> list[tuple[str, str | None, str]]:
    """(statement, speaker, how) of every attributed statement of the text, in order."""
    return [(text[a.claim_start:a.claim_end], a.speaker, a.how) for s in find_sentences(text) for a in s.attributions]


def test_pronouns_titles_and_the_bureau_resolve_to_the_last_one_named() -> None:
    text = ("临海市文化和旅游局党组书记、局长唐嘉禾日前接受专访。\n"
            "唐嘉禾介绍，今年全市接待游客1200万人次。她还透露，国庆假期旅游收入同比增长18%。\n"
            "唐局长说，全市新增A级景区6家。这位负责人表示，年内将完成古城墙修缮。\n"
            "该局还表示，文旅消费券已发放3000万元。文旅局说，夜间游览项目增加到14个。")
    assert attributed(text) == [
        ("今年全市接待游客1200万人次", "唐嘉禾", "speaker_first"),
        ("国庆假期旅游收入同比增长18%", "唐嘉禾", "speaker_first"),
        ("全市新增A级景区6家", "唐嘉禾", "speaker_first"),
        ("年内将完成古城墙修缮", "唐嘉禾", "speaker_first"),
        ("文旅消费券已发放3000万元", "临海市文化和旅游局", "speaker_first"),
        ("夜间游览项目增加到14个", "临海市文化和旅游局", "speaker_first"),
    ]


def test_leading_phrases_headlines_learned_from_and_according_to() -> None:
    text = ("临海市水利局：今年汛前完成水库除险加固23座\n"
            "记者日前从临海市水利局获悉，全市已建成山洪预警站点410个。\n"
            "在农村供水方面，临海市水利局副局长周明远表示，农村自来水普及率达到98%。\n"
            "据临海市水利局消息，新建堤防12公里。据市水利局通报，今年以来未发生水库垮坝事故。\n"
            "据了解，全市还将新建应急备用水源3处。")
    assert attributed(text) == [
        ("今年汛前完成水库除险加固23座", "临海市水利局", "headline"),
        ("全市已建成山洪预警站点410个", "临海市水利局", "learned"),
        ("农村自来水普及率达到98%", "周明远", "speaker_first"),
        ("新建堤防12公里", "临海市水利局", "according_to"),
        ("今年以来未发生水库垮坝事故", "临海市水利局", "according_to"),
        ("全市还将新建应急备用水源3处", "临海市水利局", "according_to"),
    ]


def test_quotations_with_their_speaker_and_a_quotation_that_continues_a_statement() -> None:
    text = ("“全市新增托育机构31家，托位2400个。”临海市卫生健康委员会主任邱澜说。\n"
            "邱澜说：“我们还将在社区建设普惠托育点。”\n"
            "“今年新增的托位将全部实行普惠价格。”")
    assert attributed(text) == [
        ("全市新增托育机构31家，托位2400个", "邱澜", "quotation"),
        ("我们还将在社区建设普惠托育点", "邱澜", "quotation"),
        ("今年新增的托位将全部实行普惠价格", "邱澜", "continued"),
    ]


@pytest.mark.parametrize("sentence", [
    "有网友留言说，景区门票今年要降价。",
    "业内人士认为，文旅消费还有很大潜力。",
    "有人说，古城墙修缮要拖到明年。",
    "据说今年的消费券比去年多。",
    "听景区门口的摊主说，游客比去年多了一倍。",
    "专家认为，夜间经济将带动就业。",
    "市民林女士说，现在周末带孩子出去玩方便多了。",
    "据报道，邻市的景区已经免费开放。",
    "在昨天的《局长访谈》节目中，局长唐嘉禾给大家送上了一波旅游福利。",
    "临海市文化和旅游局局长唐嘉禾做客直播间，介绍了今年文旅工作的情况。",
    "来源：临海市文化和旅游局",
    "临海市文化和旅游局：今年还有哪些优惠？",
    "“景区门票全部半价。”",  # a quotation with nobody named and no statement before it
])
def test_hearsay_third_parties_and_descriptions_of_the_interview_are_not_attributed(sentence: str) -> None:
    assert attributed(sentence) == []


def test_a_title_names_nobody_until_someone_is_named() -> None:
    reader = Discourse()
    mention = read_speaker("局长")
    assert mention is not None and reader.resolve(mention) is None  # nobody named yet: no speaker
    reader.scan("记者专访了临海市教育局局长程立。")
    assert reader.resolve(mention) is not None and reader.last_speaker is not None
    assert reader.last_speaker.name == "程立" and reader.last_speaker.org == "临海市教育局"


@pytest.mark.parametrize("phrase, kind, name", [
    ("临海市水利局党组书记、局长周明远在会上", "person", "周明远"),
    ("周明远局长", "person", "周明远"),
    ("青石区副区长林海在发布会上", "person", "林海"),
    ("市财政局", "org", "市财政局"),
    ("该局相关负责人", "org_pronoun", ""),
    ("许局长", "surname_title", "许"),
    ("他还", "pronoun", ""),
])
def test_speaker_phrases(phrase: str, kind: str, name: str) -> None:
    mention = read_speaker(phrase)
    assert mention is not None and (mention.kind, mention.name) == (kind, name)


@pytest.mark.parametrize("phrase", ["网友", "业内人士", "市民张女士", "老陈", "某公司负责人", "文章", "来源", "全市"])
def test_not_speakers(phrase: str) -> None:
    assert read_speaker(phrase) is None


def test_names_and_abbreviations() -> None:
    assert is_name("邢海文") and is_name("欧阳明") and not is_name("来源") and not is_name("方面")
    assert abbreviates("住建局", "澜州市住房和城乡建设局") and abbreviates("市人社局", "栖川市人力资源和社会保障局")
    assert not abbreviates("交通局", "澜州市住房和城乡建设局") and not abbreviates("住建局", "住建局")
