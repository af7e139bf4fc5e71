"""Whole-text checks on the labelled dev texts through the real pipeline (the real model, the seed, the 12 bureaus
and the 13 layout documents indexed together, as benchmarks/claims.py scores them): a guard at the targets of
issue 23, which the pipeline met when these texts were first measured (docs/claims.md, "Measured")."""

from __future__ import annotations

import shutil

import pytest

from index.claims.document import check_document
from index.claims.evaluation import load_texts, score
from index.claims.records import VERDICTS
from tests.conftest import MODEL_CACHE, ROOT, SEED

DEV = ROOT / "tests" / "data" / "claims" / "dev"
TARGET = 0.95
PARAPHRASE_TARGET = 0.85


@pytest.fixture(scope="module")
def claims_searcher(real_embedder):  # -> index.search.searcher.Searcher
    """The real model over the seed, tests/fixtures/bureaus and tests/fixtures/layouts (the scanned PDF aside); its
    index kept in the model cache between runs (only changed files are embedded again)."""
    from index.search.searcher import Searcher
    from index.settings import CoreConfig, CorpusConfig, IndexConfig, ModelConfig
    from index.store.builder import refresh_index

    folder = MODEL_CACHE / "test-corpus-claims"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    fixtures = ROOT / "tests" / "fixtures"
    for path in [*(fixtures / "bureaus").iterdir(), *(fixtures / "layouts").iterdir(), SEED]:
        if path.is_file() and "scan" not in path.name:
            shutil.copy(path, folder / path.name)
    config = CoreConfig(corpus=CorpusConfig(dir=folder), model=ModelConfig(cache_dir=MODEL_CACHE),
                        index=IndexConfig(dir=MODEL_CACHE / "test-index-claims"))
    return Searcher(refresh_index(config, real_embedder).data, real_embedder, config.search)


@pytest.mark.model
def test_the_dev_texts_meet_the_targets(claims_searcher) -> None:  # type: ignore[no-untyped-def]
    texts = load_texts(DEV)
    assert len(texts) >= 10 and {t.kind for t in texts} == {"news", "press_release", "wechat", "misquote"}
    report = score(texts, lambda text: check_document(claims_searcher, text))
    misses = report.misses[:10]
    assert report.attributed_expected >= 90 and report.precision >= TARGET and report.recall >= TARGET, misses
    for verdict in VERDICTS:
        assert report.verdicts[verdict] >= 10, verdict
        assert (report.accuracy(verdict) or 0) >= TARGET, (verdict, misses)
    assert report.paraphrases >= 20 and (report.paraphrase_rate or 0) >= PARAPHRASE_TARGET, misses
    assert report.verbatim_called_else == 0, misses
