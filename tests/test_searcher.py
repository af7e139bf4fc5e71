"""Search over a small index with the fake embedder: normalisation, filters, duplicates, abstention, hits."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.store.builder import refresh_index
from index.store.folder import load
from index.settings import CoreConfig, CorpusConfig, IndexConfig, SearchConfig
from index.search.fusion import weighted_fusion
from index.lexicon.english import MAX_TRANSLATED_WORDS
from index.search.features import (QueryContext, Scored, decision_position, holds_word, named_priority,
                                   ranking_order, year_missing)
from index.records import Passage
from index.search.query import parse_query
from index.search.searcher import DUPLICATE_COSINE, Searcher, dedupe_key
from index.text import normalize_query
from tests.conftest import FIXTURE_CORPUS, SEED
from tests.fakes import FakeEmbedder


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    for name in ("fictional-wen-da.txt", "fictional-host.txt"):
        shutil.copy(FIXTURE_CORPUS / name, folder / name)
    return folder


def searcher_for(tmp_path: Path, corpus: Path, dim: int = 64, **search: object) -> Searcher:
    config = CoreConfig(corpus=CorpusConfig(dir=corpus), index=IndexConfig(dir=tmp_path / "index"))
    embedder = FakeEmbedder(dim)
    data = refresh_index(config, embedder).data
    return Searcher(data, embedder, SearchConfig(**{"min_confidence": 0.0, **search}))


def test_query_normalisation() -> None:
    assert normalize_query("疫情期間海域使用金可以緩繳嗎") == "疫情期间海域使用金可以缓缴吗"
    assert normalize_query("/ask@InterviewQABot  海洋牧场？") == "海洋牧场?"
    assert normalize_query("@InterviewQABot 海洋\u200b牧场\x07") == "海洋牧场"
    assert normalize_query("ＡＢＣ１２３") == "ABC123"
    assert len(normalize_query("海" * 5000, max_chars=200)) == 200


def test_the_right_passage_comes_first_and_hits_carry_their_source(tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    result = searcher.search("海域使用金推迟到疫情结束后缴纳")
    assert result.answered
    top = result.hits[0]
    assert "1.35亿元" in top.passage.text
    data = result.to_dict()
    assert set(data) == {"query", "answered", "confidence", "reason", "suggestions", "hits", "context"}
    assert data["confidence"] in ("high", "low") and data["reason"] is None and data["context"] is None
    hit = data["hits"][0]
    assert set(hit) == {"passage_id", "text", "score", "bureau", "interviewee", "question", "heading", "kind", "source"}
    assert set(hit["source"]) == {"file", "start", "end", "title", "outlet", "date", "url"}
    assert hit["bureau"] == "威海市海洋发展局" and hit["kind"] == "answer" and hit["question"]
    start, end = top.best_sentence
    assert "海域使用金推迟到疫情结束后缴纳" in top.passage.text[start:end]


def test_traditional_chinese_finds_the_same_passage(tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    simplified = searcher.search("伏季休渔从什么时候开始")
    traditional = searcher.search("伏季休漁從什麼時候開始")
    assert traditional.hits[0].passage.passage_id == simplified.hits[0].passage.passage_id


def test_bureau_filter(tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    result = searcher.search("补贴", bureau="海川市住房和城乡建设局")
    assert result.answered and {h.passage.bureau for h in result.hits} == {"海川市住房和城乡建设局"}
    assert not searcher.search("补贴", bureau="没有这个局").answered
    assert [b for b, _ in searcher.bureaus()] == sorted(
        ["威海市海洋发展局", "海川市海洋渔业局", "海川市住房和城乡建设局"], key=lambda b: b)  # one interview each


def test_near_duplicate_passages_are_collapsed(tmp_path: Path, corpus: Path) -> None:
    copy = corpus / "fictional-wen-da-reprint.txt"
    copy.write_text((corpus / "fictional-wen-da.txt").read_text(encoding="utf-8").replace("。", "．"), encoding="utf-8")
    searcher = searcher_for(tmp_path, corpus, top_k=5)
    result = searcher.search("休渔期间渔民生活补助每人每月多少")
    keys = [dedupe_key(h.passage.text) for h in result.hits]
    assert len(keys) == len(set(keys))
    assert sum("每人每月补助1500元" in h.passage.text for h in result.hits) == 1


def test_two_officials_answers_to_one_long_question_are_both_shown(tmp_path: Path) -> None:
    """Passage vectors embed the question with the answer: two short answers to one long question are all but the
    same vector, yet two answers, never one passage said twice."""
    folder = tmp_path / "answers"
    folder.mkdir()
    asked = "我说说灌溉的事。" + "西边那片丘陵的渠道都是七八十年代修的土渠，塌的塌、漏的漏，去年大旱水送不到田里，" * 4 + "这事归哪个部门管？"
    (folder / "meeting.txt").write_text(
        f"澜州市水利局座谈会记录\n\n嘉宾：澜州市水利局农村水利科科长 韩立峰；澜州市农业农村局副局长 钱晓岚\n\n"
        f"网友：{asked}\n\n韩立峰：干渠归水利部门，明年汛前完工。\n\n钱晓岚：田间渠道归农业农村部门。\n", encoding="utf-8")
    searcher = searcher_for(tmp_path, folder, top_k=5, min_confidence=0.0)
    vectors = searcher.data.passage_vectors
    answers = [i for i, p in enumerate(searcher.data.passages) if p.kind == "answer"]
    assert len(answers) == 2 and float(vectors[answers[0]] @ vectors[answers[1]]) > DUPLICATE_COSINE
    speakers = [h.passage.speaker for h in searcher.search("丘陵的土渠塌了漏了归哪个部门管").hits]
    assert "韩立峰" in speakers and "钱晓岚" in speakers


def test_empty_and_punctuation_only_questions_are_not_answered(tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    for question in ("", "   ", "？？？", "/ask", "@InterviewQABot"):
        result = searcher.search(question)
        assert not result.answered and result.hits == ()


def test_abstention_threshold_decides(tmp_path: Path, corpus: Path) -> None:
    never = searcher_for(tmp_path, corpus, min_confidence=1.0)
    assert not never.search("海域使用金推迟到疫情结束后缴纳").answered
    assert never.search("海域使用金推迟到疫情结束后缴纳").to_dict()["hits"] == []


def test_the_signs_that_settle_a_question_refuse_it_even_with_no_threshold(tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)  # min_confidence 0: only the decisive signs can refuse
    for question, reason in (("青岛市海洋发展局出台了哪些政策？", "unknown_place:青岛市"), ("你好", "small_talk"),
                             ("2023年海洋局做了什么", "unknown_year:2023"),
                             ("威海市农业农村局今年做了什么", "unknown_bureau:威海市农业农村局"),
                             ("南浦市住建局加装电梯补贴多少", "unknown_place:南浦市")):
        result = searcher.search(question)
        assert not result.answered and result.reason == reason and result.hits == (), question
        assert result.to_dict()["reason"] == reason and result.to_dict()["confidence"] is None
    assert searcher.search("海洋局怎么推进精致模范机关建设？").answered  # 海洋局 is short for 海洋发展局
    assert searcher.search("你好，请问疫情期间海域使用金可以缓缴吗？").answered  # a greeting before a question


def test_a_question_in_english_naming_a_unit_of_the_corpus_city_that_no_interview_is_of_is_refused(
        tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)  # the seed: 威海市海洋发展局
    for question in ("What has the Weihai agriculture bureau done about seed subsidies?",
                     "How does the Bureau of Public Security of Weihai handle ID cards?"):
        result = searcher.search(question)
        assert not result.answered and result.reason.startswith("unknown_bureau:威海市"), question
    named = searcher.search("What has the Weihai ocean development bureau done about marine ranches?")
    assert not (named.reason or "").startswith("unknown_bureau")  # a unit the table cannot name: no sign either way
    elsewhere = searcher.search("What has the transport bureau done about ferries?")
    assert not (elsewhere.reason or "").startswith("unknown_bureau")  # no city named: it may be any city's


def test_low_confidence_answers_come_with_suggestions_of_what_the_interviews_answer(tmp_path: Path,
                                                                                    corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    always_low = replace(searcher.calibration, decision=replace(searcher.calibration.decision, low=0.0, high=1.0))
    low = Searcher(searcher.data, searcher.embedder, replace(searcher.config, min_confidence=None), always_low)
    result = low.search("海域使用金推迟到疫情结束后缴纳")
    assert result.answered and result.confidence == "low" and result.hits
    shown = {h.passage.question for h in result.hits[:1]} | {h.passage.heading for h in result.hits[:1]}
    assert 1 <= len(result.suggestions) <= 3 and len(set(result.suggestions)) == len(result.suggestions)
    assert not shown & set(result.suggestions)  # what else the interviews answer, not the passage shown
    passages_questions = {p.question for p in searcher.data.passages} | {p.heading for p in searcher.data.passages}
    assert set(result.suggestions) <= passages_questions


def test_explain_gives_the_evidence_of_the_ranking_and_the_decision(tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    result = searcher.search("海域使用金推迟到疫情结束后缴纳", explain=True)
    explanation = result.explanation
    assert explanation is not None and explanation["candidates"][0]["passage_id"] == result.hits[0].passage.passage_id
    decision = explanation["decision"]
    assert set(decision["evidence"]) >= set(searcher.calibration.decision.features)
    assert abs(decision["probability"] - result.probability) < 1e-3
    assert result.to_dict(explain=True)["explanation"] == explanation and "explanation" not in result.to_dict()
    vetoed = searcher.search("你好", explain=True)
    assert vetoed.explanation == {"veto": "small_talk"}


def test_search_many_gives_the_same_answers(tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    questions = ["海域使用金推迟", "伏季休渔", "", "加装电梯补贴", "海域使用金推迟"]
    one_by_one = [searcher.search(q) for q in questions]
    together = searcher.search_many(questions)
    ids = lambda r: (r.answered, [h.passage.passage_id for h in r.hits])  # noqa: E731
    assert [ids(r) for r in together] == [ids(r) for r in one_by_one]


def test_turn_context_and_passage_lookup(tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    hit = searcher.search("海域使用金推迟到疫情结束后缴纳").hits[0]
    turn = searcher.turn_passages(hit.passage)
    assert hit.passage in turn and [p.start for p in turn] == sorted(p.start for p in turn)
    assert turn[0].text.startswith("今年以来") and len(turn) == 4
    assert searcher.passage(hit.passage.passage_id) == hit.passage
    assert searcher.passage("nope") is None


def test_large_corpora_use_a_candidate_pool_with_the_same_best_hit(tmp_path: Path, corpus: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    searcher = searcher_for(tmp_path, corpus)
    exact = searcher.search("加装电梯政府补贴多少").hits[0].passage.passage_id
    monkeypatch.setattr("index.search.searcher.EXACT_SEARCH_LIMIT", 3)
    pooled = replace(searcher.config, candidates=5)
    assert Searcher(searcher.data, searcher.embedder, pooled, searcher.calibration).search(
        "加装电梯政府补贴多少").hits[0].passage.passage_id == exact


def test_fusion_maths() -> None:
    scores = weighted_fusion({"a": np.array([1.0, 3.0, 2.0]), "b": np.array([5.0, 5.0, 5.0])}, {"a": 2.0, "b": 1.0})
    np.testing.assert_allclose(scores, [0.0, 2.0, 1.0])


def test_a_share_that_barely_differs_over_the_candidates_is_not_scaled_to_a_full_point() -> None:
    from index.search.features import SPREAD_FLOORS

    # one candidate holds a common word of the question (8% of its weight), the others none: min-max scaling alone
    # would give it the whole weight, as if it held every word
    coverage = np.array([0.08, 0.0, 0.0])
    scores = weighted_fusion({"word_coverage": coverage}, {"word_coverage": 1.0}, SPREAD_FLOORS)
    np.testing.assert_allclose(scores, coverage / SPREAD_FLOORS["word_coverage"], rtol=1e-6)
    assert scores[0] < 0.5
    wide = np.array([0.9, 0.1, 0.0])  # a spread above the floor is scaled as before
    np.testing.assert_allclose(weighted_fusion({"word_coverage": wide}, {"word_coverage": 1.0}, SPREAD_FLOORS),
                               [1.0, 0.1 / 0.9, 0.0], rtol=1e-6)


def keywords(searcher: Searcher, question: str) -> str:
    """What search gives the keyword indexes for a question (the question's context, as search builds it; the
    question's own vectors given, so that only what the keywords need is embedded)."""
    blank = np.zeros(searcher.embedder.dim, dtype=np.float32)
    return searcher.context(parse_query(normalize_query(question)), blank, blank).keywords


def test_an_english_question_is_searched_with_its_words_translated_by_the_dictionary(tmp_path: Path,
                                                                                     corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    assert searcher.data.english and all(len(w) >= 2 for words in searcher.data.english.values() for w in words)
    translated = keywords(searcher, "How much sea-use fee was deferred during the epidemic?").split()
    assert "推迟" in translated  # "deferred" -> "to defer", a sense of 推迟 (CC-CEDICT), a word of the corpus
    assert keywords(searcher, "海域使用金可以缓缴吗").split() == ["海域使用金", "缓缴"]  # Chinese: nothing added
    loaded = load(tmp_path / "index")
    assert loaded.english == searcher.data.english  # stored with the build (english.json), checksummed


def test_english_words_the_dictionary_lacks_get_the_corpus_words_nearest_to_them(tmp_path: Path,
                                                                                 corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus, dim=8192)  # wide enough that hashed words do not collide
    searcher = Searcher(replace(searcher.data, english={}), searcher.embedder, searcher.config, searcher.calibration)
    assert searcher.data.terms and len(searcher.data.terms) == len(searcher.data.term_vectors)
    calls = len(searcher.embedder.embedded)
    chinese = keywords(searcher, "海域使用金可以缓缴吗")
    assert chinese.split() == ["海域使用金", "缓缴"]  # question words out, nothing translated
    assert len(searcher.embedder.embedded) == calls  # no Latin script: no word embedded

    terms = list(searcher.data.terms)

    class Dictionary(FakeEmbedder):
        """English words land on the vectors of their translations, as a multilingual model would put them."""

        words = {"deferred": "缓缴", "usage": "使用"}

        def embed_queries(self, texts):  # type: ignore[no-untyped-def]
            plain = super().embed_queries(texts).copy()
            for i, text in enumerate(texts):
                if text in self.words:
                    plain[i] = searcher.data.term_vectors[terms.index(self.words[text])]
            return plain

    dictionary = Dictionary(8192)
    english = Searcher(searcher.data, dictionary, searcher.config, searcher.calibration)
    found = keywords(english, "how much usage fee was deferred")
    assert "缓缴" in found.split() and "使用" in found.split()
    assert sorted(dictionary.embedded) == ["deferred", "fee", "usage"]  # content words, each once

    dictionary.embedded.clear()
    again = keywords(english, "was the usage fee deferred").split()
    assert "缓缴" in again and "使用" in again  # the same words, remembered: no model call
    assert dictionary.embedded == []
    keywords(english, " ".join(f"word{letter}" for letter in "abcdefghijklmnop"))  # 16 new words
    assert len(dictionary.embedded) == MAX_TRANSLATED_WORDS


def test_a_bureau_filter_is_applied_before_the_candidate_pool(tmp_path: Path, corpus: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    searcher = searcher_for(tmp_path, corpus)
    question = "疫情期间海域使用金可以缓缴吗"  # the seed (威海) answers it: a pool drawn from all passages holds only 威海's
    bureau = "海川市住房和城乡建设局"
    monkeypatch.setattr("index.search.searcher.EXACT_SEARCH_LIMIT", 2)
    pooled = Searcher(searcher.data, searcher.embedder, replace(searcher.config, candidates=2), searcher.calibration)
    scored = pooled.score(normalize_query(question))
    assert all(pooled.data.passages[int(r)].bureau != bureau for r in scored.rows)  # the unfiltered pool
    filtered = pooled.score(normalize_query(question), bureau=bureau)
    assert filtered.rows.size and all(pooled.data.passages[int(r)].bureau == bureau for r in filtered.rows)
    assert pooled.search(question, bureau=bureau).hits[0].passage.bureau == bureau


def test_a_calibration_for_another_model_is_not_used(tmp_path: Path, corpus: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    from index.search.decision import Calibration
    from index.search.features import CANDIDATE_FEATURES as FEATURES, DECISION_FEATURES as EVIDENCE

    shipped = Calibration.read()
    assert shipped.mismatch(shipped.fingerprint, FEATURES, EVIDENCE) is None  # the shipped file fits this version
    with caplog.at_level("WARNING"):
        other = Calibration.load("another-model", FEATURES, EVIDENCE)
    assert not other.fitted and "fitted for another model" in caplog.text
    with caplog.at_level("WARNING"):
        missing = Calibration.load(shipped.fingerprint, FEATURES[:1], EVIDENCE)
    assert not missing.fitted and "does not compute" in caplog.text
    searcher = searcher_for(tmp_path, corpus)
    fallback = Searcher(searcher.data, searcher.embedder, replace(searcher.config, min_confidence=None), other)
    result = fallback.search("海域使用金推迟到疫情结束后缴纳")  # works uncalibrated: answers what the corpus says
    assert result.answered and "1.35亿元" in result.hits[0].passage.text
    assert not fallback.search("明天去巴黎的机票多少钱").answered


def _scored(fused: list[float], bureau_match: list[float], place_match: list[float], pointed: bool,
            places: bool) -> Scored:
    vector = np.zeros(4, dtype=np.float32)
    context = QueryContext("q", "q", vector, vector, places=("澜州市",) if places else (),
                           pointed=frozenset({"澜州市农业农村局"}) if pointed else frozenset())
    features = {"bureau_match": np.asarray(bureau_match, dtype=np.float32),
                "place_match": np.asarray(place_match, dtype=np.float32)}
    fused_scores = np.asarray(fused, dtype=np.float32)
    return Scored(np.arange(len(fused)), features, fused_scores, context, 1.0, named_priority(features, context))


def test_the_decision_reads_the_first_passage_of_its_own_order() -> None:
    scored = _scored([0.9, 0.5, 0.7], [0, 0, 0], [0, 0, 0], pointed=False, places=False)
    assert decision_position(scored) == 0  # no weights of its own: the ranking's first
    scored = replace(scored, base=np.asarray([0.2, 0.6, 0.4], dtype=np.float32), base_weight_sum=2.0)
    assert int(ranking_order(scored)[0]) == 0 and decision_position(scored) == 1
    assert scored.decision_fused[1] == 2.0
    named = _scored([0.9, 0.5, 0.7], [0, 0, 0], [0, 1, 1], pointed=False, places=True)
    named = replace(named, base=np.asarray([0.2, 0.4, 0.6], dtype=np.float32))
    assert decision_position(named) == 2  # the named city's passages first, as in the ranking


def test_word_coverage_reorders_without_moving_the_decision(tmp_path: Path, corpus: Path) -> None:
    """A ranking-only feature changes the order, never the probability: the decision reads its own fusion."""
    searcher = searcher_for(tmp_path, corpus)
    weights = dict(searcher.calibration.weights)
    same = replace(searcher.calibration, weights={**weights, "word_coverage": 0.0}, decision_weights=weights)
    heavy = replace(searcher.calibration, weights={**weights, "word_coverage": 50.0}, decision_weights=weights)
    moved = 0
    for question in ("海域使用金推迟到疫情结束后缴纳", "海洋牧场建了多少个", "渔民转产转业有什么补贴", "明天去巴黎的机票多少钱"):
        a, b = replace_calibration(searcher, same).search(question), replace_calibration(searcher, heavy).search(question)
        assert a.probability == pytest.approx(b.probability) and a.confidence == b.confidence
        moved += [h.passage.passage_id for h in a.hits] != [h.passage.passage_id for h in b.hits]
    assert moved  # the heavy weight did reorder some answer
    scored = replace_calibration(searcher, heavy).score("海洋牧场建了多少个")
    coverage = scored.features["word_coverage"]
    assert coverage.max() <= 1.0 + 1e-6 and coverage.min() >= 0.0
    best = searcher.data.passages[int(scored.rows[int(np.argmax(coverage))])]
    assert "海洋牧场" in best.text


def test_a_number_in_chinese_numerals_finds_the_passage_that_writes_it_in_digits(tmp_path: Path, corpus: Path) -> None:
    """A citizen writes 一百多个 where the interview says 100多个: both the keyword search and word coverage see it."""
    assert holds_word("七十", "70周岁以上老年人") and holds_word("一百多个", "达成100多个合作意向")
    assert not holds_word("七十", "65周岁以上老年人") and not holds_word("七十", "全市共170人")  # the number, not its digits
    searcher = searcher_for(tmp_path, corpus)
    question = "大走访达成了一百多个合作意向吗"
    context = searcher.context(parse_query(normalize_query(question)))
    assert context.keywords.split()[-1] == "100"
    scored = searcher.score(context)
    coverage = dict(zip((searcher.data.passages[int(r)].text for r in scored.rows), scored.features["word_coverage"]))
    holder = next(text for text in coverage if "100多个合作意向" in text)
    plain = replace(context, text=context.text.replace("一百多个", "很多个"))
    without = searcher.score(plain)
    row = next(i for i, r in enumerate(without.rows) if searcher.data.passages[int(r)].text == holder)
    assert coverage[holder] > float(without.features["word_coverage"][row])


def replace_calibration(searcher: Searcher, calibration) -> Searcher:  # type: ignore[no-untyped-def]
    import copy

    other = copy.copy(searcher)
    other.calibration = calibration
    return other


def test_the_passages_of_a_named_bureau_or_city_come_first_then_by_score() -> None:
    # another city's passage matches best (0.9), but the question names this city (or this bureau)
    by_place = _scored([0.9, 0.5, 0.7], [0, 0, 0], [0, 1, 1], pointed=False, places=True)
    assert ranking_order(by_place).tolist() == [2, 1, 0]
    by_bureau = _scored([0.9, 0.5, 0.7], [0, 1, 0], [0, 1, 1], pointed=True, places=True)
    assert ranking_order(by_bureau).tolist() == [1, 2, 0]  # the bureau, its city, the rest
    unnamed = _scored([0.9, 0.5, 0.7], [0, 0, 0], [0, 1, 1], pointed=False, places=False)
    assert ranking_order(unnamed).tolist() == [0, 2, 1]
    # a named city that no candidate belongs to changes nothing
    nowhere = _scored([0.9, 0.5, 0.7], [0, 0, 0], [0, 0, 0], pointed=False, places=True)
    assert nowhere.priority is None and ranking_order(nowhere).tolist() == [0, 2, 1]


def test_the_decision_sees_how_much_better_an_unnamed_passage_matches(tmp_path: Path, corpus: Path) -> None:
    searcher = searcher_for(tmp_path, corpus)
    # the lift subsidy is 海川's (住建局); asked of 威海 (the seed's city), 威海's passages still come first
    for city, leads in (("海川", False), ("威海", True)):
        question = f"{city}加装电梯政府补贴多少"
        result = searcher.search(question, explain=True)
        assert result.explanation is not None and f"{city}市" in result.explanation["places_named"]
        lead = result.explanation["decision"]["evidence"]["outside_lead"]
        scored = searcher.score(question)
        priority = scored.priority
        assert priority is not None
        top = decision_position(scored)  # read under the decision's own fusion weights
        assert searcher.data.passages[int(scored.rows[top])].bureau.startswith(city)
        fused, weight_sum = scored.decision_fused
        outside = fused[priority < priority[top]]
        expected = max(0.0, float(outside.max()) - float(fused[top])) / weight_sum
        assert lead == pytest.approx(expected, abs=1e-3) and (lead > 0) is leads, (city, lead)


def test_a_chinese_question_with_latin_words_is_read_as_chinese_its_english_words_still_translated(
        tmp_path: Path, corpus: Path) -> None:
    """"iPhone怎么截长图" is Chinese (three Chinese words against one Latin): the decision reads it as Chinese; a Latin
    word that maps onto the corpus (ocean -> 海洋) still searches for its counterpart."""
    searcher = searcher_for(tmp_path, corpus)
    mixed = searcher.search("Oceanographic海域使用金怎么缴纳", explain=True)  # most of its letters are Latin
    assert mixed.explanation["decision"]["evidence"]["english"] == 0.0
    context = searcher.context(parse_query(normalize_query("海域使用金 ocean 疫情期间怎么缴纳")))
    assert "海洋" in context.translated
    english = searcher.search("How was the sea area use fee paid during the epidemic?", explain=True)
    assert english.explanation["decision"]["evidence"]["english"] == 1.0


def _passage(text: str, date: str | None = None, title: str | None = None, question: str | None = None) -> Passage:
    return Passage("p1", "i1", "answer", text, 0, len(text), "f.txt", "澜州市医疗保障局", "纪慧敏", "纪慧敏",
                   date=date, title=title, question=question)


def test_a_year_the_question_names_and_the_passage_does_not_give_counts_against_it() -> None:
    """2021年 asked of an interview of 2020: the year is missing. An undated passage that names no year is not held
    to it: a date that could not be read decides nothing."""
    dated = _passage("2020年，我市城乡居民个人缴费标准为每人每年280元。", date="2020-11-02")
    assert year_missing("澜州2021年城乡居民医保个人缴费涨到多少了？", dated)
    assert not year_missing("澜州2020年城乡居民医保个人缴费是多少？", dated)
    assert not year_missing("城乡居民医保个人缴费是多少？", dated)  # no year asked
    assert not year_missing("2024年安全生产月的主题是什么", _passage("今年安全生产月的主题是……", date="2024-06-03"))
    assert not year_missing("2024年安全生产月的主题是什么", _passage("今年的主题是……", title="2024年安全生产月发布会"))
    assert not year_missing("2021年缴费涨到多少", _passage("个人缴费标准为每人每年280元。"))  # undated, no year
    assert year_missing("2021年缴费涨到多少", _passage("个人缴费标准为每人每年280元。", date="2020-11-02"))
    assert not year_missing("2021年缴费涨到多少", _passage("全市2000多人参保。"))  # a number, not a date
    assert year_missing("2025年新增多少学位", _passage("2024-09-03 08:15 来源：云山日报 今年秋季新增学位……"))  # a dateline
    # a rule that bounds the years it covers gives every year on its side: a car registered in 2010 is one "before 2012"
    scrapped = _passage("个人报废2012年6月30日前注册登记的燃油乘用车，补贴2万元；2018年起购买的新车另计。", date="2025-06-03")
    assert not year_missing("我那台2010年上牌的老油车报废能补多少钱", scrapped)
    assert not year_missing("2020年买的车能补吗", scrapped)
    assert year_missing("2015年买的车能补吗", scrapped)  # after 2012's bound, before 2018's: neither rule says
    # a part of a year is no bound: "2024年前三季度" says nothing of 2020
    assert year_missing("2020年新增多少学位", _passage("2024年前三季度新增学位1.2万个。", date="2024-10-09"))
    # the year in the question the passage answers, shown with it: "2022年交房……" asked, the answer says when
    answered = _passage("开发企业补缴到位后，预计4月底前首批200户可以拿证。", date="2026-04-15",
                        question="锦棠苑小区2022年交房，至今未办理不动产权证。")
    assert not year_missing("我们小区2022年就收房了，房产证什么时候能办下来？", answered)
    assert year_missing("我们小区2019年就收房了，房产证什么时候能办下来？", answered)
