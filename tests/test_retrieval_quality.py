"""The dev sets through the real pipeline (real model, real indexes): a regression guard on the figures measured when
the calibration was fitted (benchmarks/retrieval.py prints them against PRODUCT.md's targets; docs/measurements.md).

The floors sit a little under the measured figures, so that a change that makes answers worse fails here; they are
not the product's targets, several of which the pipeline does not reach yet (see the README, "Current figures")."""

from __future__ import annotations

import shutil

import pytest

from index.evaluation import evaluate, load_questions
from tests.conftest import MODEL_CACHE, ROOT, SEED

DEV = ROOT / "tests" / "data" / "dev"
# (measured on 2026-12-01 and 2026-12-05, floor): the floor is what this test asserts. not_found went from 0.64 to
# 0.59 on 2026-12-05, when the calibration was refitted with the second batch of layouts (the price of answering
# more of their questions: false refusals there fell from 4% to 2%); R@1, R@3, MRR, bureau and answered rose.
SHIPPED_FLOORS = {"recall_at_1": 0.90, "recall_at_3": 0.94, "mrr": 0.92, "answered": 0.97, "not_found_or_low": 0.90,
                  "bureau_right": 0.97}
BUREAUS_FLOORS = {"recall_at_1": 0.82, "recall_at_3": 0.90, "mrr": 0.86, "answered": 0.95, "not_found_or_low": 0.82,
                  "bureau_right": 0.90, "not_found": 0.56}


@pytest.fixture(scope="session")
def bureaus_searcher(real_embedder):  # -> index.search.searcher.Searcher
    """The real model over the 13-bureau corpus; its index kept in the model cache between runs (only changed
    files are embedded again)."""
    from index.search.searcher import Searcher
    from index.settings import CoreConfig, CorpusConfig, IndexConfig, ModelConfig
    from index.store.builder import refresh_index

    folder = MODEL_CACHE / "test-corpus-bureaus"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for path in [*(ROOT / "tests" / "fixtures" / "bureaus").iterdir(), SEED]:
        shutil.copy(path, folder / path.name)
    config = CoreConfig(corpus=CorpusConfig(dir=folder), model=ModelConfig(cache_dir=MODEL_CACHE),
                        index=IndexConfig(dir=MODEL_CACHE / "test-index-bureaus"))
    return Searcher(refresh_index(config, real_embedder).data, real_embedder, config.search)


def check(report, floors: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    o = report.overall
    measured = {name: getattr(o, name) for name in floors}
    low = {name: round(value, 3) for name, value in measured.items() if value is None or value < floors[name]}
    assert not low, (low, [m for m in report.misses][:15])


@pytest.mark.model
def test_the_shipped_interview_dev_set(real_searcher) -> None:
    questions = load_questions(DEV / "seed.jsonl")
    check(evaluate((q, real_searcher.search(q.q, top_k=3)) for q in questions), SHIPPED_FLOORS)


@pytest.mark.model
def test_the_thirteen_bureaus_dev_set(bureaus_searcher) -> None:
    questions = load_questions(DEV / "bureaus.jsonl")
    check(evaluate((q, bureaus_searcher.search(q.q, top_k=3)) for q in questions), BUREAUS_FLOORS)


@pytest.mark.model
def test_the_examples_of_the_product_spec(real_searcher) -> None:
    result = real_searcher.search("疫情期间海域使用金可以缓缴吗？")
    assert result.answered and result.confidence == "high" and "1.35亿元" in result.hits[0].passage.text
    assert result.hits[0].passage.speaker == "邢海文" and result.hits[0].passage.bureau == "威海市海洋发展局"
    polite = real_searcher.search("你好，请问疫情期间海域使用金可以缓缴吗？")
    assert polite.answered and polite.hits[0].passage.passage_id == result.hits[0].passage.passage_id
    traditional = real_searcher.search("疫情期間海域使用金可以緩繳嗎？")
    assert traditional.hits[0].passage.passage_id == result.hits[0].passage.passage_id
    for question in ("明天威海天气怎么样？", "红烧肉怎么做？", "你好", "青岛市海洋发展局出台了哪些政策？"):
        assert not real_searcher.search(question).answered, question
    assert real_searcher.search("海洋发展局的电话号码是多少？").confidence != "high"


@pytest.mark.model
def test_another_citys_bureau_never_gets_this_citys_answer(bureaus_searcher) -> None:
    same_kind = bureaus_searcher.search("栖川市农业农村局疫情期间怎么帮农民卖菜？")
    assert same_kind.answered and same_kind.hits[0].passage.bureau == "栖川市农业农村局"
    for question in ("威海市农业农村局疫情期间怎么帮农民卖菜？", "栖川市医保局异地就医怎么备案？"):
        result = bureaus_searcher.search(question)
        assert not result.answered and result.reason and result.reason.startswith("unknown_bureau"), question


@pytest.mark.model
def test_a_question_naming_a_city_gets_that_citys_passage_first(bureaus_searcher) -> None:
    # both cities' agriculture bureaus talk about rebuilding rural toilets; each city's question gets its own
    for city in ("澜州", "栖川"):
        result = bureaus_searcher.search(f"{city}农村改厕做得怎么样")
        assert result.answered and result.hits[0].passage.bureau.startswith(city), (city, result.hits[:1])


# The dev dialogues of the 13-bureau corpus (tests/data/dev/dialogues-bureaus.jsonl), asked turn by turn through the
# follow-up layer with the shipped fit (index/dialogue/followup.json): measured 2026-12-05 (docs/measurements.md).
DIALOGUE_FLOORS = {"follow_up_r1": 0.90, "switch_as_alone": 1.0, "first_as_alone": 1.0, "unanswerable_not_high": 0.85}


@pytest.mark.model
def test_the_thirteen_bureaus_dev_dialogues(bureaus_searcher) -> None:
    from index.dialogue.evaluation import ask, load_dialogues, score
    from index.dialogue.followups import FollowUps

    followups = FollowUps(bureaus_searcher)
    assert followups.choice.fitted  # the shipped fit is for this model
    scores = score(o for d in load_dialogues(DEV / "dialogues-bureaus.jsonl") for o in ask(followups, d, top_k=3))
    low = {name: round(getattr(scores, name), 3) for name, floor in DIALOGUE_FLOORS.items()
           if getattr(scores, name) < floor}
    assert not low, (low, scores.misses)
    assert scores.searches_max <= 2  # at most one search more than the question alone
