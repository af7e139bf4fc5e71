"""Retrieval benchmark: BM25-only, dense-only and the full pipeline on the dev set, in one run; latency at scale.

    .venv/bin/python benchmarks/retrieval.py [--json] [--questions tests/data/questions.jsonl] [--scale 100000]

Baselines get their own "not found" threshold, fitted on the tuning sets the way calibrate.py fits the pipeline's
(at most 1% false refusals there), so every row is measured the same way. Latency is
warm (after a first pass) on this machine, single-threaded requests, the query embedding included.
The scale part builds a synthetic index (random unit vectors, texts drawn from the corpus's characters) and times
the pipeline's search on it with real query embeddings.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import load_config  # noqa: E402
from index.store.builder import refresh_index  # noqa: E402
from index.embedding.st_embedder import load_embedder  # noqa: E402
from index.evaluation import Question, evaluate, load_questions  # noqa: E402
from index.store.keyword import KeywordIndex  # noqa: E402
from index.records import Hit, Passage, SearchResult  # noqa: E402
from index.search.searcher import Searcher  # noqa: E402
from index.store.folder import IndexData  # noqa: E402
from index.text import normalize_query  # noqa: E402
from index.store.vectors import VectorIndex, set_threads  # noqa: E402

MAX_FALSE_REFUSAL = 0.01


def percentile_ms(samples: list[float], q: float) -> float:
    return round(float(np.percentile(np.asarray(samples) * 1000, q)), 2)


def baseline(searcher: Searcher, feature: str) -> Callable[[str, float], SearchResult]:
    """A one-signal search: rank by `feature` alone, refuse when its top value is under the threshold."""

    def run(question: str, threshold: float) -> SearchResult:
        query = normalize_query(question)
        if not query:
            return SearchResult(question, False)
        if feature == "bm25_text":
            scores = searcher.data.text_keywords.scores(query)
            order = np.argsort(-scores, kind="stable")[:3]
            top = [(int(i), float(scores[i])) for i in order]
        else:
            vector = searcher.embedder.embed_queries([query])[0]
            ids, sims = searcher.data.vectors.search(vector, 3)
            top = [(int(i), float(s)) for i, s in zip(ids, sims)]
        if not top or top[0][1] < threshold:
            return SearchResult(question, False)
        return SearchResult(question, True, tuple(Hit(searcher.data.passages[i], s) for i, s in top))

    return run


def fit_threshold(run: Callable[[str, float], SearchResult], tuning: list[Question]) -> float:
    """The highest threshold that refuses at most MAX_FALSE_REFUSAL of the answerable tuning questions."""
    tops = []
    for question in tuning:
        result = run(question.q, -1e9)
        tops.append((question.expect is not None, result.hits[0].score if result.hits else -1e9))
    answerable = sorted(s for good, s in tops if good)
    allowed = int(MAX_FALSE_REFUSAL * len(answerable))
    return answerable[allowed] - 1e-6 if answerable else 0.0


def measure(name: str, answer: Callable[[str], SearchResult], questions: list[Question]) -> dict:
    for question in questions:  # warm-up pass
        answer(question.q)
    pairs, times = [], []
    for _ in range(2):
        pairs = []
        for question in questions:
            start = time.perf_counter()
            result = answer(question.q)
            times.append(time.perf_counter() - start)
            pairs.append((question, result))
    report = evaluate(pairs)
    return {"name": name, "R@1": round(report.recall_at_1, 4), "R@3": round(report.recall_at_3, 4),
            "MRR": round(report.mrr, 4), "abstain_precision": round(report.abstain_precision, 4),
            "abstain_recall": round(report.abstain_recall, 4), "false_refusal": round(report.false_refusal, 4),
            "p50_ms": percentile_ms(times, 50), "p95_ms": percentile_ms(times, 95)}


def synthetic_index(size: int, dim: int, seed_texts: list[str], rng: np.random.Generator) -> IndexData:
    """`size` passages of random corpus characters with random unit vectors, three sentences each."""
    alphabet = np.array(sorted({c for t in seed_texts for c in t if "\u4e00" <= c <= "\u9fff"}))
    texts = ["".join(rng.choice(alphabet, 150)) for _ in range(size)]
    passages = tuple(
        Passage(passage_id=f"syn-{i}", interview_id=f"int-{i // 20}", kind="answer", text=t, start=0, end=len(t),
                file=f"synthetic/{i // 20}.txt", bureau=f"局{i % 50}", interviewee="某某", speaker="某某",
                question=f"问题{i // 20}", heading=None, turn=0)
        for i, t in enumerate(texts)
    )

    def unit(n: int) -> np.ndarray:
        v = rng.standard_normal((n, dim)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    vectors = unit(size)
    sentences = [t[k * 50 : (k + 1) * 50] for t in texts for k in range(3)]
    return IndexData(
        manifest={}, passages=passages, passage_vectors=vectors, sentence_vectors=unit(3 * size),
        sentence_owner=np.repeat(np.arange(size, dtype=np.int32), 3),
        sentence_spans=np.tile(np.array([[0, 50], [50, 100], [100, 150]], dtype=np.int32), (size, 1)),
        heading_vectors=np.zeros((0, dim), np.float32), passage_heading=np.full(size, -1, np.int32),
        question_vectors=unit(size // 20 + 1), passage_question=(np.arange(size) // 20).astype(np.int32),
        vectors=VectorIndex.build(vectors), text_keywords=KeywordIndex.build(texts),
        meta_keywords=KeywordIndex.build([p.question or "" for p in passages]),
        sentence_keywords=KeywordIndex.build(sentences), vocabulary={},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", default=str(ROOT / "tests" / "data" / "questions.jsonl"))
    parser.add_argument("--tuning", nargs="+", default=[str(ROOT / "benchmarks" / "data" / name)
                                                         for name in ("tuning.jsonl", "tuning2.jsonl")])
    parser.add_argument("--scale", type=int, default=100_000, help="synthetic passages for the scale test (0: skip)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    config = load_config(ROOT / "config.yaml")
    set_threads(1)
    embedder = load_embedder(config.model)
    searcher = Searcher(refresh_index(config.core, embedder).data, embedder, config.search)
    questions = load_questions(Path(args.questions))
    tuning = [q for path in args.tuning for q in load_questions(Path(path))]

    rows = []
    for name, feature in (("bm25", "bm25_text"), ("dense", "dense_text")):
        run = baseline(searcher, feature)
        threshold = fit_threshold(run, tuning)
        rows.append(measure(name, lambda q, run=run, t=threshold: run(q, t), questions))
    rows.append(measure("pipeline", lambda q: searcher.search(q, top_k=3), questions))

    scale = None
    if args.scale:
        rng = np.random.default_rng(7)
        data = synthetic_index(args.scale, embedder.dim, [p.text for p in searcher.data.passages], rng)
        big = Searcher(data, embedder, config.search, searcher.calibration)
        queries = [q.q for q in questions]
        for query in queries[:20]:
            big.search(query)
        times = []
        for query in queries * 2:
            start = time.perf_counter()
            big.search(query)
            times.append(time.perf_counter() - start)
        scale = {"passages": args.scale, "p50_ms": percentile_ms(times, 50), "p95_ms": percentile_ms(times, 95)}

    if args.json:
        print(json.dumps({"rows": rows, "scale": scale}, ensure_ascii=False))
        return 0
    print(f"machine: {platform.machine()}, {platform.python_version()}, torch threads {config.model.threads}; "
          f"questions: {Path(args.questions).name} ({len(questions)})")
    header = ("name", "R@1", "R@3", "MRR", "abstain_precision", "abstain_recall", "false_refusal", "p50_ms", "p95_ms")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(row[h]) for h in header) + " |")
    if scale:
        print(f"\nscale: {scale['passages']} synthetic passages: search p50 {scale['p50_ms']} ms, p95 {scale['p95_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
