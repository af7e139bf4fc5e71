"""Fits the fusion weights and the "not found" model on the TUNING set and writes index/calibration.json.

    .venv/bin/python benchmarks/calibrate.py [--tuning FILE ...] [--max-false-refusal 0.01]

The dev set (tests/data/questions.jsonl) is never read here: it measures what this fitted.
Re-run after changing the embedding model or the corpus substantially.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import load_config  # noqa: E402
from index.store.builder import refresh_index  # noqa: E402
from index.embedding.st_embedder import load_embedder  # noqa: E402
from index.evaluation import Question, load_questions  # noqa: E402
from index.search.abstention import CALIBRATION_FILE, AbstentionModel, Calibration  # noqa: E402
from index.search.fusion import minmax  # noqa: E402
from index.search.searcher import Searcher  # noqa: E402
from index.text import normalize_query  # noqa: E402

ABSTAIN_FEATURES = ("dense_max", "dense_latin", "latin", "bm25_top", "coverage_top", "coverage_corpus", "absent_nouns")
FUSION_FEATURES = ("dense_text", "dense_sentence", "dense_heading", "dense_question", "lead_question", "bm25_text",
                   "bm25_meta", "lead_keywords", "answer_kind", "bm25_sentence")
_NEUTRAL = AbstentionModel(("dense_max",), (0.0,), 0.0, (0.0,), (1.0,), 0.0)


def fit_logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """L2-regularised logistic regression (scikit-learn) on standardised columns: (coefficients, intercept,
    means, scales), the coefficients in standardised units."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scales = np.where(scaler.scale_ < 1e-9, 1.0, scaler.scale_)
    model = LogisticRegression(C=1.0, max_iter=1000).fit((x - scaler.mean_) / scales, y)
    return model.coef_[0], float(model.intercept_[0]), scaler.mean_, scales


def fit_fusion_weights(searcher: Searcher, questions: list[Question],
                       vectors: dict[str, np.ndarray]) -> dict[str, float]:
    """Pointwise logistic regression: is this passage the right one, from its min-max scaled features.

    Features that come out with a negative weight are dropped and the rest refitted, so every weight reads
    "more of this evidence, higher rank". Weights are scaled so that bm25_text is 1.
    """
    rows, labels = [], []
    for question in questions:
        if not question.expect:
            continue
        query = normalize_query(question.q)
        scored = searcher.score(query, query_vector=vectors[query])
        rows.append(np.stack([minmax(scored.features[f]) for f in FUSION_FEATURES], axis=1))
        labels.append([any(e in searcher.data.passages[int(r)].text for e in question.expect) for r in scored.rows])
    x, y = np.concatenate(rows), np.concatenate(labels).astype(float)
    keep = list(range(len(FUSION_FEATURES)))
    while True:
        coefficients, _, _, scales = fit_logistic(x[:, keep], y)
        weights = coefficients / scales
        if (weights >= 0).all():
            break
        keep = [k for k, w in zip(keep, weights) if w >= 0]
    named = {FUSION_FEATURES[k]: float(w) for k, w in zip(keep, weights)}
    unit = named.get("bm25_text") or max(named.values())
    return {f: round(named.get(f, 0.0) / unit, 4) for f in FUSION_FEATURES}


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
    parser.add_argument("--tuning", nargs="+", default=[str(ROOT / "benchmarks" / "data" / name)
                                                         for name in ("tuning.jsonl", "tuning2.jsonl")])
    parser.add_argument("--max-false-refusal", type=float, default=0.01)
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--output", default=str(CALIBRATION_FILE))
    args = parser.parse_args()

    config = load_config(args.config)
    embedder = load_embedder(config.model)
    data = refresh_index(config.core, embedder).data
    questions = [q for path in args.tuning for q in load_questions(Path(path))]
    queries = sorted({normalize_query(q.q) for q in questions})
    vectors = dict(zip(queries, embedder.embed_queries(queries)))

    probe = Searcher(data, embedder, config.search, Calibration(embedder.name, {"bm25_text": 1.0}, _NEUTRAL))
    weights = fit_fusion_weights(probe, questions, vectors)
    quality = ranking_quality(Searcher(data, embedder, config.search, Calibration(embedder.name, weights, _NEUTRAL)),
                              questions, vectors)
    print(f"fusion weights {weights}: tuning R@1 {quality[0]:.3f} R@3 {quality[1]:.3f} MRR {quality[2]:.3f}")

    searcher = Searcher(data, embedder, config.search, Calibration(embedder.name, weights, _NEUTRAL))
    rows, labels, decisive = [], [], []
    for question in questions:
        query = normalize_query(question.q)
        scored = searcher.score(query, query_vector=vectors[query])
        order = np.argsort(-scored.fused, kind="stable")
        evidence = searcher.evidence(scored, order)
        rows.append([evidence[name] for name in ABSTAIN_FEATURES])
        labels.append(1 if question.expect is not None else 0)
        decisive.append(bool(evidence["decisive"]))
    x, y, ruled = np.asarray(rows), np.asarray(labels), np.asarray(decisive)
    # The rules of index.search.rules settle some questions; the model learns on the others.
    coefficients, intercept, means, scales = fit_logistic(x[~ruled], y[~ruled])
    z = (x - means) / scales @ coefficients + intercept
    probability = np.where(ruled, 0.0, 1 / (1 + np.exp(-z)))
    print(f"rules settle {int(ruled.sum())} questions ({int((ruled & (y == 0)).sum())} unanswerable, "
          f"{int((ruled & (y == 1)).sum())} answerable)")
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
            "tuning_files": [Path(p).name for p in args.tuning],
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
