"""The English -> Chinese dictionary: CC-CEDICT read backwards, restricted to the corpus, looked up phrase first."""

from __future__ import annotations

import pytest

from index.lexicon.english_units import units_in_question
from index.lexicon.english import (dictionary_keywords, english_key, english_map, english_tokens, is_english,
                                   read_cedict, word_forms)

CEDICT = """\
# CC-CEDICT
# a comment line
費 费 [fei4] /to cost; to spend/fee/charge/expenses/surname Fei/
費用 费用 [fei4 yong4] /cost; expenses/fee/CL:筆|笔[bi3]/
推遲 推迟 [tui1 chi2] /to postpone; to put off; to defer/
醫療保險 医疗保险 [yi1 liao2 bao3 xian3] /medical insurance/
醫療 医疗 [yi1 liao2] /medical treatment/
保險 保险 [bao3 xian3] /insurance/to insure/safe; secure/
最低工資 最低工资 [zui4 di1 gong1 zi1] /minimum wage/
工資 工资 [gong1 zi1] /wages/pay/
漁船 渔船 [yu2 chuan2] /fishing boat (fishing vessel)/
海洋 海洋 [hai3 yang2] /ocean/
大洋 大洋 [da4 yang2] /ocean/
洋 洋 [yang2] /ocean/
騙保 骗保 [pian4 bao3] /variant of 騙保險|骗保险/
出海口 出海口 [chu1 hai3 kou3] /estuary; outlet to the sea/
設立 设立 [she4 li4] /to set up; to establish/
系列 系列 [xi4 lie4] /series; set/
"""
VOCABULARY = {"费用": 40, "推迟": 3, "医疗保险": 5, "医疗": 9, "保险": 12, "最低工资": 1, "工资": 7, "渔船": 4,
              "海洋": 30, "大洋": 1, "洋": 50, "骗保": 2, "设立": 6,
              "系列": 8}


def test_a_sense_is_looked_up_without_its_article_brackets_and_hyphens() -> None:
    assert english_key("to defer") == "defer"
    assert english_key("fishing boat (fishing vessel)") == "fishing boat"
    assert english_key("sea-use fee") == "sea use fee"
    assert english_key("CL:筆|笔[bi3]") is None
    assert english_key("variant of 騙保險|骗保险") is None
    assert english_key("an extremely long sense of many words") is None  # longer than a phrase is looked up


def test_cedict_is_read_entry_by_entry_with_each_sense() -> None:
    entries = dict(read_cedict(CEDICT.splitlines()))
    assert entries["费"] == ["cost", "spend", "fee", "charge", "expenses"]  # "surname Fei" is no translation
    assert entries["推迟"] == ["postpone", "put off", "defer"]
    assert "骗保" not in entries  # a variant only


def test_the_inverted_dictionary_keeps_only_corpus_words_of_two_characters_or_more() -> None:
    mapping = english_map(VOCABULARY, CEDICT.splitlines())
    assert mapping["fee"] == ["费用"]  # 费 is one character, and the corpus does not use it as a word
    assert mapping["defer"] == ["推迟"]
    assert mapping["ocean"] == ["海洋", "大洋"]  # the corpus's most used first; 洋 alone finds nothing in bigrams
    assert mapping["insurance"] == ["保险"] and mapping["medical insurance"] == ["医疗保险"]
    assert "estuary" not in mapping  # 出海口 is not a word of the corpus


def test_words_are_looked_up_in_their_base_forms() -> None:
    assert "fee" in word_forms("fees") and "policy" in word_forms("policies")
    assert "defer" in word_forms("deferred") and "fish" in word_forms("fishing")
    assert english_tokens("Lanzhou's sea-use fee") == ["lanzhou", "sea", "use", "fee"]


def test_a_phrase_is_tried_before_its_words() -> None:
    mapping = english_map(VOCABULARY, CEDICT.splitlines())
    found, covered, missing = dictionary_keywords("Can I get medical insurance and the minimum wage?", mapping)
    assert found == ["医疗保险", "最低工资"]  # not 医疗 + 保险, not 工资
    assert covered == 4 and missing == ["get"]
    found, _, _ = dictionary_keywords("How many fishing boats and what fees were deferred?", mapping)
    assert found == ["渔船", "费用", "推迟"]
    found, _, _ = dictionary_keywords("Did they set up a platform?", mapping)
    assert found == ["设立"]  # a phrase may end in a particle; "set" alone would be 系列
    assert dictionary_keywords("what is the weather like", {}) == ([], 0, ["weather", "like"])


@pytest.mark.parametrize(("question", "english"), [
    ("What did the Weihai ocean bureau do about sea cucumber farming?", True),
    ("how much is the ETC discount in 栖川?", True),  # a Chinese name in an English sentence
    ("what has the 澜州市农业农村局 done for farmers", True),
    ("lanzhou typhoon insurance", True),
    ("iPhone怎么截长图？", False),  # a product's name in a Chinese sentence
    ("用Python怎么读取一个JSON文件？", False),
    ("怎么把PDF转成Word", False),
    ("ETC卡怎么办理", False),
    ("海洋牧场建了多少个", False),
])
def test_a_question_is_english_when_most_of_its_words_are(question: str, english: bool) -> None:
    assert is_english(question) is english


@pytest.mark.parametrize(("question", "units"), [
    ("How do I apply for a passport at the Jingfeng public security bureau?", ["市公安局"]),
    ("What is the minimum wage set by the Jiaohao labour department this year?", ["市人力资源和社会保障局"]),
    ("How does Lanzhou's market regulation bureau keep its inspectors honest?", ["市市场监督管理局"]),
    ("Is the Bureau of the Ecology and Environment open on Saturdays?", ["市生态环境局"]),
    ("Health Commission of Qichuan: how many beds?", ["市卫生健康委员会"]),
    ("In Mingmao, will government office car parks open at night?", []),  # an office is no unit named
    ("Which fisheries bureau runs the summer fishing ban?", []),  # a unit the table does not know
])
def test_an_english_question_names_units_by_their_usual_english_names(question: str, units: list[str]) -> None:
    assert units_in_question(question) == units
