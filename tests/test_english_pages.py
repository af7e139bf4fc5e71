"""A corpus with a city's English page: English questions are judged against it in one language, and against the
Chinese interviews across languages as the decision was fitted, so its English words never answer for them."""

from __future__ import annotations


import pytest

from index.records import Passage
from index.search.searcher import Searcher
from index.settings import CoreConfig, CorpusConfig, IndexConfig, ModelConfig
from index.store.builder import refresh_index
from index.vocabulary import document_frequencies, in_english, without_passages
from tests.conftest import MODEL_CACHE, ROOT

LAYOUTS22 = ROOT / "tests" / "fixtures" / "layouts22"
ENGLISH_PAGE = "huancha-commerce-press-en.html"


def passage(text: str, n: int = 0) -> Passage:
    return Passage(passage_id=f"a.txt#{n}", interview_id="a.txt", kind="answer", text=text, start=0, end=len(text),
                   file="a.txt", bureau="澴槎市商务局", interviewee="", speaker="")


@pytest.mark.parametrize(("text", "english"), [
    ("Huancha now has 158 departure tax refund stores, up from 62 at the end of last year.", True),
    ("全市已有158家离境退税商店，比去年底增加96家。", False),
    ("我们在“澴槎商务”APP和ETC通道上线了Alipay、WeChat Pay的外卡绑定服务。", False),
    ("Lu Qingyuan：我先回答离境退税的问题。全市离境退税商店已达158家。", False),
    # a Chinese site's links: their addresses are no English words ("In Yuzong, …" matched the site's yuzong.gov.cn)
    ("[首页](https://yjj.yuzong.example.gov.cn/) ｜ [应急科普](https://yjj.yuzong.example.gov.cn/kp/)", False),
    ("详见https://www.huancha.example.gov.cn/zwgk/2025/notice-tax-refund-stores.html", False),
    ("Details: [Tax refund stores](https://www.huancha.example.gov.cn/en/refund.html) opened in May.", True),
])
def test_a_passage_is_english_when_most_of_its_words_are(text: str, english: bool) -> None:
    assert in_english(passage(text)) is english


def test_the_vocabulary_without_some_passages_counts_only_the_others() -> None:
    chinese = passage("全市离境退税商店已达158家。", 1)
    english = passage("Huancha now has 158 departure tax refund stores.", 2)
    vocabulary = document_frequencies([chinese, english])
    left = without_passages(vocabulary, [english])
    assert vocabulary["stores"] == 1 and "stores" not in left
    assert left == document_frequencies([chinese])


@pytest.fixture(scope="module")
def searcher_with_an_english_page(real_embedder, tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    config = CoreConfig(corpus=CorpusConfig(dir=LAYOUTS22), model=ModelConfig(cache_dir=MODEL_CACHE),
                        index=IndexConfig(dir=tmp_path_factory.mktemp("english-page-index")))
    data = refresh_index(config, real_embedder).data
    assert any(in_english(p) for p in data.passages if p.file == ENGLISH_PAGE)
    return Searcher(data, real_embedder, config.search)


@pytest.mark.parametrize("question", [
    "How much does a fishing license cost in Huancha?",
    "When will the new airport terminal in Huancha open?",
    "How many hospitals does Huancha have?",
    "Can foreigners buy apartments in Huancha?",
    "What is the minimum wage in Lingyun?",
])
def test_an_english_question_the_interviews_do_not_answer_is_not_found(searcher_with_an_english_page: Searcher,
                                                                        question: str) -> None:
    result = searcher_with_an_english_page.search(question)
    assert not result.answered, (result.confidence, result.hits[0].passage.text[:80] if result.hits else None)


def test_an_english_question_about_the_english_page_is_answered_from_it(searcher_with_an_english_page: Searcher) -> None:
    result = searcher_with_an_english_page.search("How many departure tax refund stores does Huancha have now?")
    assert result.answered
    top = result.hits[0].passage
    assert top.file == ENGLISH_PAGE and "158 departure tax refund stores" in top.text


def test_a_newspaper_masthead_is_no_passage_and_gives_the_paper_and_its_date() -> None:
    """Its English name ("LINGYUN DAILY") indexed as a passage made any English question about the city an answer."""
    from index.parsing.parser import parse_file

    interview = parse_file(LAYOUTS22 / "lingyun-transport-epaper.pdf", "lingyun-transport-epaper.pdf")
    assert not any("出版物号" in (p.heading or "") or "社出版" in p.text or "第01版" in p.text
                   for p in interview.passages)
    meta = interview.metadata
    assert (meta.title, meta.outlet, meta.date) == ("让公交更好坐 让出行更便捷", "泠筠日报", "2025-06-24")


def test_a_chinese_question_about_the_english_page_is_answered_from_it(searcher_with_an_english_page: Searcher) -> None:
    """Its words are looked up in the page's English (离境退税 -> departure, tax, refund; 门店 -> stores) and it is
    judged as a question across languages, as an English question about a Chinese passage is."""
    result = searcher_with_an_english_page.search("澴槎现在有多少家离境退税的门店？")
    assert result.answered
    top = result.hits[0].passage
    assert top.file == ENGLISH_PAGE and "158 departure tax refund stores" in top.text


def test_chinese_words_find_the_english_words_a_page_uses() -> None:
    from index.lexicon.english import chinese_map, english_keywords

    lines = ["門店 门店 [men2 dian4] /store/shop/\n", "退稅 退税 [tui4 shui4] /tax refund/\n",
             "錢 钱 [qian2] /coin/money/CL:筆|笔[bi3]/surname Qian/\n"]
    mapping = chinese_map({"stores", "refund", "tax", "money"}, lines)
    assert mapping == {"门店": ["stores"], "退税": ["tax", "refund"], "钱": ["money"]}
    assert english_keywords(["门店", "退税", "澴槎"], mapping) == (["stores", "tax", "refund"], 2 / 3)
