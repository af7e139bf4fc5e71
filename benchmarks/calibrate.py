"""Fits the fusion weights and the "not found" model on the TUNING set and writes index/calibration.json.

    .venv/bin/python benchmarks/calibrate.py [--tuning benchmarks/data/tuning.jsonl] [--max-false-refusal 0.02]

The dev set (tests/data/questions.jsonl) is never read here: it measures what this fitted.
Re-run after changing the embedding model or the corpus substantially.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import load_config  # noqa: E402
from index.builder import refresh_index  # noqa: E402
from index.embedder import load_embedder  # noqa: E402
from index.evaluation import Question, load_questions  # noqa: E402
from index.fusion import AbstentionModel, fit_logistic  # noqa: E402
from index.searcher import CALIBRATION_FILE, Calibration, Searcher  # noqa: E402
from index.text import normalize_query  # noqa: E402

ABSTAIN_FEATURES = ("dense_max", "dense_latin", "latin", "bm25_top", "coverage_top", "coverage_corpus", "proper_missing")
GRID = {
    "dense_text": (0.0, 0.25, 0.5),
    "dense_sentence": (0.25, 0.5, 1.0),
    "dense_heading": (0.0, 0.25),
    "dense_question": (0.0, 0.25, 0.5),
    "bm25_text": (1.0,),
    "bm25_meta": (0.0, 0.25),
}
_NEUTRAL = AbstentionModel(("dense_max",), (0.0,), 0.0, (0.0,), (1.0,), 0.0)


def ranking_quality(searcher: Searcher, questions: list[Question], vectors: dict[str, np.ndarray]) -> tuple[float, float, float]:
    """R@1, R@3, MRR of the ranking alone (no abstention) over answerable questions."""
    r1 = r3 = mrr = 0.0
    answerable = [q for q in questions if q.expect]
    for question in answerable:
        query = normalize_query(question.q)
        scored = searcher.score(query, query_vector=vectors[query])
        order = np.argsort(-scored.fused, kind="stable")
        texts = [searcher.data.passages[int(scored.rows[i])].text for i in order]
        rank = next((i + 1 for i, t in enumerate(texts) if any(e in t for e in question.expect or ())), None)
        if rank:
            r1 += rank == 1
            r3 += rank <= 3
            mrr += 1 / rank
    n = max(1, len(answerable))
    return r1 / n, r3 / n, mrr / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tuning", default=str(ROOT / "benchmarks" / "data" / "tuning.jsonl"))
    parser.add_argument("--max-false-refusal", type=float, default=0.02)
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--output", default=str(CALIBRATION_FILE))
    args = parser.parse_args()

    config = load_config(args.config)
    embedder = load_embedder(config.model)
    data = refresh_index(config.core, embedder).data
    questions = load_questions(Path(args.tuning))
    queries = sorted({normalize_query(q.q) for q in questions})
    vectors = dict(zip(queries, embedder.embed_queries(queries)))

    best: tuple[float, dict[str, float], tuple[float, float, float]] | None = None
    for values in itertools.product(*GRID.values()):
        weights = dict(zip(GRID, values))
        searcher = Searcher(data, embedder, config.search, Calibration(embedder.name, weights, _NEUTRAL, {}))
        quality = ranking_quality(searcher, questions, vectors)
        objective = quality[0] + quality[1] + quality[2]
        if best is None or objective > best[0] + 1e-9:
            best = (objective, weights, quality)
    assert best is not None
    _, weights, quality = best
    print(f"fusion weights {weights}: tuning R@1 {quality[0]:.3f} R@3 {quality[1]:.3f} MRR {quality[2]:.3f}")

    searcher = Searcher(data, embedder, config.search, Calibration(embedder.name, weights, _NEUTRAL, {}))
    rows, labels = [], []
    for question in questions:
        query = normalize_query(question.q)
        scored = searcher.score(query, query_vector=vectors[query])
        order = np.argsort(-scored.fused, kind="stable")
        evidence = searcher.evidence(scored, order)
        top_text = searcher.data.passages[int(scored.rows[order[0]])].text
        good = question.expect is not None and any(e in top_text for e in question.expect)
        rows.append([evidence[name] for name in ABSTAIN_FEATURES])
        labels.append(1 if question.expect is not None else 0)
    x, y = np.asarray(rows), np.asarray(labels)
    coefficients, intercept, means, scales = fit_logistic(x, y, l2=1.0)
    z = (x - means) / scales @ coefficients + intercept
    probability = 1 / (1 + np.exp(-z))
    threshold, refusal, recall = 0.0, 0.0, 0.0
    for candidate in np.linspace(0.01, 0.99, 99):
        fr = float(np.mean(probability[y == 1] < candidate))
        ar = float(np.mean(probability[y == 0] < candidate))
        if fr <= args.max_false_refusal and ar >= recall:
            threshold, refusal, recall = float(candidate), fr, ar
    print(f"abstention: threshold {threshold:.2f}: tuning false refusal {refusal:.3f}, abstain recall {recall:.3f}")

    calibration = {
        "model": embedder.name,
        "fingerprint": embedder.fingerprint,
        "weights": weights,
        "abstention": {
            "features": list(ABSTAIN_FEATURES),
            "coefficients": [round(float(c), 6) for c in coefficients],
            "intercept": round(float(intercept), 6),
            "means": [round(float(m), 6) for m in means],
            "scales": [round(float(s), 6) for s in scales],
            "threshold": round(threshold, 4),
        },
        "notes": {
            "fitted": dt.date.today().isoformat(),
            "tuning_file": Path(args.tuning).name,
            "tuning_questions": len(questions),
            "tuning_answerable": int(y.sum()),
            "tuning_ranking": {"R@1": round(quality[0], 4), "R@3": round(quality[1], 4), "MRR": round(quality[2], 4)},
            "tuning_false_refusal": round(refusal, 4),
            "tuning_abstain_recall": round(recall, 4),
            "max_false_refusal": args.max_false_refusal,
        },
    }
    Path(args.output).write_text(json.dumps(calibration, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
