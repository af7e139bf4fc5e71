"""Retrieval benchmark: BM25-only, dense-only and the full pipeline on the dev sets, in one run, by way of asking.

    .venv/bin/python benchmarks/retrieval.py [--json] [--scale 100000] [--misses]

Two corpora (benchmarks/corpora.py): the shipped one (the seed interview) with tests/data/dev/seed.jsonl, and the
13-bureau one with tests/data/dev/bureaus.jsonl. The dev sets are never read by calibrate.py. Each baseline gets a
"not found" threshold on its own top score, fitted on the tuning sets at no more than 1% answerable questions
refused, so every row is measured the same way; baselines have no "low confidence" outcome. Latency is warm,
single-threaded, one question at a time, embedding included. The scale part times the pipeline on a synthetic index
(random unit vectors, texts of the corpus's characters) with real question embeddings.
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

from benchmarks.corpora import load_corpus, question_sets  # noqa: E402
from bot.config import load_config  # noqa: E402
from index.embedding.st_embedder import load_embedder  # noqa: E402
from index.evaluation import Question, Report, evaluate  # noqa: E402
from index.records import Hit, Passage, SearchResult  # noqa: E402
from index.search.searcher import Searcher  # noqa: E402
from index.store.folder import IndexData  # noqa: E402
from index.store.keyword import KeywordIndex  # noqa: E402
from index.store.vectors import VectorIndex, set_threads  # noqa: E402
from index.text import normalize_query  # noqa: E402

MAX_FALSE_REFUSAL = 0.01
TOP_K = 3
TARGETS = {"answered": 0.98, "answered_high": 0.85, "R@1": 0.93, "R@3": 0.98, "MRR": 0.95, "bureau_right": 0.97,
           "not_found": 0.80, "not_found_or_low": 0.95}
Answer = Callable[[str], SearchResult]


def percentile_ms(samples: list[float], q: float) -> float:
    return round(float(np.percentile(np.asarray(samples) * 1000, q)), 2)


def baseline(searcher: Searcher, feature: str) -> Callable[[str, float], SearchResult]:
    """A one-signal search: rank by `feature` alone, refuse when its top value is under the threshold."""

    def run(question: str, threshold: float) -> SearchResult:
        query = normalize_query(question)
        if not query:
            return SearchResult(question, False, reason="empty")
        if feature == "bm25":
            scores = searcher.data.text_keywords.scores(query)
            order = np.argsort(-scores, kind="stable")[:TOP_K]
            top = [(int(i), float(scores[i])) for i in order]
        else:
            vector = searcher.embedder.embed_queries([query])[0]
            ids, sims = searcher.data.vectors.search(vector, TOP_K)
            top = [(int(i), float(s)) for i, s in zip(ids, sims)]
        if not top or top[0][1] < threshold:
            return SearchResult(question, False, reason="not_covered")
        hits = tuple(Hit(searcher.data.passages[i], s) for i, s in top)
        return SearchResult(question, True, hits, confidence="high")

    return run


def fit_threshold(run: Callable[[str, float], SearchResult], tuning: list[Question]) -> float:
    """The highest threshold that refuses at most MAX_FALSE_REFUSAL of the answerable tuning questions."""
    tops = sorted(run(q.q, -1e9).hits[0].score for q in tuning if q.expect is not None)
    return tops[int(MAX_FALSE_REFUSAL * len(tops))] - 1e-6 if tops else 0.0


def measure(answer: Answer, questions: list[Question]) -> tuple[Report, list[float]]:
    for question in questions[:20]:  # warm-up
        answer(question.q)
    pairs, times = [], []
    for question in questions:
        start = time.perf_counter()
        result = answer(question.q)
        times.append(time.perf_counter() - start)
        pairs.append((question, result))
    return evaluate(pairs), times


def row(name: str, report: Report, times: list[float]) -> dict:
    o = report.overall.to_dict()
    return {"name": name, **{k: o[k] for k in ("R@1", "R@3", "MRR", "bureau_right", "answered", "answered_high",
                                                "not_found", "not_found_or_low")},
            "p50_ms": percentile_ms(times, 50), "p95_ms": percentile_ms(times, 95)}


def synthetic_index(size: int, dim: int, seed_texts: list[str], rng: np.random.Generator) -> IndexData:
    """`size` passages of random corpus characters with random unit vectors, three sentences each."""
    alphabet = np.array(sorted({c for t in seed_texts for c in t if "\u4e00" <= c <= "\u9fff"}))
    texts = ["".join(rng.choice(alphabet, 150)) for _ in range(size)]
    passages = tuple(
        Passage(passage_id=f"syn-{i}", interview_id=f"int-{i // 20}", kind="answer", text=t, start=0, end=len(t),
                file=f"synthetic/{i // 20}.txt", bureau=f"某市{i % 50}局", interviewee="某某", speaker="某某",
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


def by_style_table(reports: dict[str, Report]) -> list[str]:
    styles = sorted({s for r in reports.values() for s in r.by_style})
    names = list(reports)
    lines = ["| style | n | " + " | ".join(f"{n} R@1" for n in names) + " | " + " | ".join(
        f"{n} answered / not found" for n in names) + " | pipeline high / low |",
             "|---|---|" + "---|" * (2 * len(names) + 1)]
    for style in styles:
        first = reports[names[0]].by_style[style]
        answerable = first.answerable > 0
        r1 = [f"{reports[n].by_style[style].recall_at_1:.2f}" if answerable else "—" for n in names]
        ok = [f"{(reports[n].by_style[style].answered if answerable else reports[n].by_style[style].not_found):.2f}"
              for n in names]
        p = reports["pipeline"].by_style[style]
        mix = (f"{p.answered_high:.2f} / {p.answered - p.answered_high:.2f}" if answerable
               else f"{1 - p.not_found_or_low:.2f} / {p.not_found_or_low - p.not_found:.2f}")
        lines.append(f"| {style} | {first.questions} | " + " | ".join(r1) + " | " + " | ".join(ok) + f" | {mix} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--scale", type=int, default=100_000, help="synthetic passages for the scale test (0: skip)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list the pipeline's misses")
    args = parser.parse_args()

    config = load_config(args.config)
    embedder = load_embedder(config.model)
    set_threads(1)
    dev, tuning = question_sets("dev"), question_sets("tuning")
    out: dict[str, object] = {"machine": f"{platform.machine()}, Python {platform.python_version()}"}
    for corpus_name, questions in dev.items():
        data = load_corpus(corpus_name, config.core, embedder).data
        searcher = Searcher(data, embedder, config.search)
        answers: dict[str, Answer] = {}
        for name, feature in (("bm25", "bm25"), ("dense", "dense")):
            run = baseline(searcher, feature)
            threshold = fit_threshold(run, tuning[corpus_name])
            answers[name] = lambda q, run=run, t=threshold: run(q, t)
        answers["pipeline"] = lambda q: searcher.search(q, top_k=TOP_K)
        reports, rows = {}, []
        for name, answer in answers.items():
            report, times = measure(answer, questions)
            reports[name] = report
            rows.append(row(name, report, times))
        out[corpus_name] = {"questions": len(questions), "rows": rows,
                            "by_style": {n: {s: v.to_dict() for s, v in r.by_style.items()} for n, r in reports.items()}}
        if not args.json:
            print(f"\n## {corpus_name}: {len(questions)} dev questions ({reports['pipeline'].overall.answerable} "
                  f"answerable), {len(data.passages)} passages\n")
            keys = list(rows[0])
            print("| " + " | ".join(keys) + " |\n|" + "---|" * len(keys))
            for r in rows:
                print("| " + " | ".join(str(r[k]) for k in keys) + " |")
            print("| target | " + " | ".join(str(TARGETS.get(k, "")) for k in keys[1:]) + " |\n")
            print("\n".join(by_style_table(reports)))
            if args.misses:
                for miss in reports["pipeline"].misses:
                    print("  -", json.dumps(miss, ensure_ascii=False))
    if args.scale:
        out["scale"] = scale(args.scale, embedder, config, dev["shipped"])
        if not args.json:
            s = out["scale"]
            print(f"\nscale: {s['passages']} synthetic passages: search p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms")
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def scale(size: int, embedder, config, questions: list[Question]) -> dict:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(7)
    shipped = load_corpus("shipped", config.core, embedder).data
    data = synthetic_index(size, embedder.dim, [p.text for p in shipped.passages], rng)
    searcher = Searcher(data, embedder, config.search)
    texts = [q.q for q in questions[:60]]
    for text in texts[:5]:
        searcher.search(text)
    times = []
    for text in texts:
        start = time.perf_counter()
        searcher.search(text)
        times.append(time.perf_counter() - start)
    return {"passages": size, "p50_ms": percentile_ms(times, 50), "p95_ms": percentile_ms(times, 95)}


if __name__ == "__main__":
    sys.exit(main())
