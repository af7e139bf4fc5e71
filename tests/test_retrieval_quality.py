"""The dev set through the real pipeline: PRODUCT.md's quality targets hold (a regression guard, not tuning)."""

from __future__ import annotations

import pytest

from index.evaluation import evaluate, load_questions
from tests.conftest import ROOT

DEV_SET = ROOT / "tests" / "data" / "questions.jsonl"


def test_dev_set_is_what_the_issue_asks_for() -> None:
    questions = load_questions(DEV_SET)
    answerable = [q for q in questions if q.expect]
    assert len(answerable) >= 60 and len(questions) - len(answerable) >= 12
    corpus = (ROOT / "corpus" / "weihai-ocean-development-bureau-2020.txt").read_text(encoding="utf-8")
    flat = corpus.replace("\n", "")
    assert all(any(phrase in flat for phrase in q.expect or ()) for q in answerable)
    assert sum(any(c.isascii() and c.isalpha() for c in q.q) and q.q.isascii() for q in questions) >= 2


@pytest.mark.model
def test_dev_set_meets_the_quality_targets(real_searcher) -> None:
    questions = load_questions(DEV_SET)
    report = evaluate((q, real_searcher.search(q.q, top_k=3)) for q in questions)
    assert report.recall_at_1 >= 0.93, report.misses
    assert report.recall_at_3 >= 0.98, report.misses
    assert report.mrr >= 0.95
    assert report.abstain_recall >= 0.85, [m for m in report.misses if m["expect"] is None]
    assert report.false_refusal <= 0.05


@pytest.mark.model
def test_the_seed_questions_of_the_product_spec(real_searcher) -> None:
    result = real_searcher.search("疫情期间海域使用金可以缓缴吗？")
    assert result.answered and "1.35亿元" in result.hits[0].passage.text
    assert result.hits[0].passage.speaker == "邢海文" and result.hits[0].passage.bureau == "威海市海洋发展局"
    traditional = real_searcher.search("疫情期間海域使用金可以緩繳嗎？")
    assert traditional.hits[0].passage.passage_id == result.hits[0].passage.passage_id
    for question in ("明天威海天气怎么样？", "海洋发展局的电话号码是多少？", "红烧肉怎么做？"):
        assert not real_searcher.search(question).answered, question
