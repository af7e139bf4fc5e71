"""Fits the fusion weights and the three-outcome decision on the TUNING sets and writes the calibration file.

    .venv/bin/python benchmarks/calibrate.py [--output index/search/calibration.json] [--json]

Every fitted number is also estimated leave-one-interview-out: for each interview of the tuning sets, the weights,
the decision model and its thresholds are fitted on the questions of the other interviews and applied to its
questions; the figures printed (and stored under "notes") are those held-out predictions, by style. The dev sets
(tests/data/dev) are never read here: benchmarks/retrieval.py measures them. Re-run after changing the embedding
model, the features, or the tuning sets.

With the reader (index/reading; `--reader`, on when benchmarks/train_reader.py has trained its interview folds), each
question is read by the fold reader that never saw its interview, and the reader's decision
(index.search.decision.ReaderDecision: its gate, which candidates it reads, when the second goes first, a logistic
model on the decision's and the reader's log-odds, its thresholds) is fitted the same way, leave-one-interview-out
beside the decision without it; it is adopted (`search.reader: auto` uses it) only when it beats that decision held
out (READER_ADOPTION).
"""

from __future__ import annotations

import argparse
import copy
import math
import datetime as dt
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import load_corpus, question_sets  # noqa: E402
from bot.config import load_config  # noqa: E402
from index.embedding.st_embedder import load_embedder  # noqa: E402
from index.evaluation import Question, evaluate  # noqa: E402
from index.records import SearchResult  # noqa: E402
from index.search.decision import (BASE_LOGIT_LIMIT, CALIBRATION_FILE, READER_FEATURES,  # noqa: E402
                                   READER_LOGIT_LIMIT, Calibration, Decision, DecisionModel, ReaderDecision, Tree,
                                   TreeDecisionModel, clipped_logit, decision_to_dict)
from index.search.fusion import minmax  # noqa: E402
from index.search.query import parse_query  # noqa: E402
from index.search.features import CANDIDATE_FEATURES as FEATURES, DECISION_FEATURES as EVIDENCE, RANKING_ONLY  # noqa: E402
from index.search.features import SPREAD_FLOORS  # noqa: E402
from index.search.searcher import Searcher  # noqa: E402

MAX_MISSED_ANSWERS = 0.01  # the lower threshold keeps at least 99% of answerable (held-out) questions answered
MAX_CONFIDENT_WRONG = 0.04  # the upper one lets at most 4% of unanswerable ones through with high confidence
HARD_NEGATIVES = 30  # wrong passages per question that the pairwise ranking fit compares with the right one
C_RANKING = 1.0  # inverse L2 strength of the ranking fit (scikit-learn's default; features are scaled)
C_DECISION = 0.1  # of the decision fit: stronger, as its evidence is correlated and its questions few (chosen by
# leave-one-interview-out over 0.1, 0.3, 1.0)
# `--decision trees`: gradient-boosted trees, shallow and strongly regularised (not the default: their thresholds,
# fitted in-sample like the logistic model's, are optimistic, and the dev sets did not confirm the held-out gain).
TREE_DEPTH = 2
TREE_ROUNDS = 50
TREE_LEARNING_RATE = 0.05
TREE_MIN_LEAF = 40
TREE_L2 = 5.0
NEUTRAL = DecisionModel((), (), 0.0, (), (), 0.0, 0.0)  # no evidence read: every question answered
# The reader's decision: its gate lets at most GATE_MISSED of answerable questions go unread (they are refused, as
# without the reader, since the gate is at most the lower threshold); its high threshold keeps unanswerable questions
# answered with high confidence at most READER_CONFIDENT_WRONG and the first passage of high answers right at least
# HIGH_PRECISION; its lower one keeps MAX_MISSED_ANSWERS.
GATE_MISSED = 0.005
READER_CONFIDENT_WRONG = 0.03
HIGH_PRECISION = 0.97
CLOSE_GRID = (0.0, 0.02, 0.05, 0.1, 0.2)  # read the second candidate within this fused gap (share of the weights)
SWAP_GRID = (math.inf, 0.5, 0.3, 0.2, 0.1)  # the second goes first when the reader prefers it by more than this


@dataclass
class Item:
    """One tuning question with what fitting needs: its candidates' features, which of them are right."""

    question: Question
    corpus: str
    group: str  # the interview it was written for: the unit of cross-validation
    vetoed: bool
    vectors: tuple[np.ndarray, np.ndarray] | None = None
    scaled: np.ndarray | None = None  # (candidates, features), min-max scaled per question
    relevant: np.ndarray | None = None  # (candidates,) bool


def with_calibration(searcher: Searcher, calibration: Calibration) -> Searcher:
    """The same searcher (index tables shared, not rebuilt) with other weights and decision."""
    other = copy.copy(searcher)
    other.calibration = calibration
    return other


def prepare(searchers: dict[str, Searcher], sets: dict[str, list[Question]], embedder) -> list[Item]:
    items: list[Item] = []
    for corpus, questions in sets.items():
        searcher = searchers[corpus]
        texts = {q.q: searcher.retrieval_texts(q.q) for q in questions}
        wanted = sorted({t for group in texts.values() for t in group})
        vectors = dict(zip(wanted, embedder.embed_queries(wanted)))
        for q in questions:
            group = q.file or "(none)"
            vecs = (vectors[texts[q.q][0]], vectors[texts[q.q][-1]])
            probe = searcher.search(q.q, query_vector=vecs[0], focus_vector=vecs[1], explain=True)
            vetoed = probe.reason == "empty" or bool(probe.explanation and "veto" in probe.explanation)
            item = Item(q, corpus, group, vetoed, vecs)
            if not vetoed:
                parts = parse_query(searcher.normalize(q.q))
                scored = searcher.score(searcher.context(parts, *vecs))
                item.scaled = np.stack([minmax(scored.features[f], SPREAD_FLOORS.get(f, 0.0)) for f in FEATURES], axis=1)
                texts_ = [searcher.data.passages[int(r)].text for r in scored.rows]
                item.relevant = np.asarray([bool(q.expect) and any(e in t for e in q.expect) for t in texts_])
            items.append(item)
    return items


def fit_weights(items: list[Item], leave_out: frozenset[str] = frozenset()) -> dict[str, float]:
    """Pairwise logistic regression: the right passage against the hardest wrong ones, on scaled features (those in
    `leave_out` get no weight: the decision's fusion leaves RANKING_ONLY out).

    Features that come out with a negative weight are dropped and the rest refitted, so every weight reads "more of
    this evidence, higher rank". Weights are scaled so that the largest is 1."""
    from sklearn.linear_model import LogisticRegression

    columns = [k for k, name in enumerate(FEATURES) if name not in leave_out]
    diffs = []
    for item in items:
        if item.scaled is None or item.relevant is None or not item.relevant.any():
            continue
        scaled = item.scaled[:, columns]
        positive = scaled[item.relevant].max(axis=0)
        negatives = scaled[~item.relevant]
        hardest = negatives[np.argsort(-negatives.sum(axis=1))[:HARD_NEGATIVES]]
        diffs.append(positive - hardest)
    x = np.concatenate(diffs)
    keep = list(range(len(columns)))
    while True:
        xx = np.concatenate([x[:, keep], -x[:, keep]])
        yy = np.concatenate([np.ones(len(x)), np.zeros(len(x))])
        model = LogisticRegression(C=C_RANKING, fit_intercept=False, max_iter=2000).fit(xx, yy)
        weights = model.coef_[0]
        if (weights >= 0).all():
            break
        keep = [k for k, w in zip(keep, weights) if w >= 0]
    top = float(weights.max()) or 1.0
    named = {FEATURES[columns[k]]: float(w) / top for k, w in zip(keep, weights)}
    return {f: round(named.get(f, 0.0), 4) for f in FEATURES if f not in leave_out}


@dataclass
class ReadRow:
    """One question as the decision (and the reader) see it under given fusion weights: the decision's evidence with
    its first candidate first (and with the second, when that one is in the same group of what it names and within
    the widest CLOSE_GRID gap), what the reader says of each, and whether each is right."""

    item: Item
    decision: dict[str, float]  # the decision's evidence (read off features.decision_position)
    evidence: list[dict[str, float]]  # the same, of the candidates the reader reads
    gap: float | None  # fused gap from the first to the second (a share of the weights); None: no second to read
    reader: list[float]
    right: list[bool]


def read_rows(items: list[Item], searchers: dict[str, Searcher], weights: tuple[dict[str, float], dict[str, float]],
              readers: FoldReaders | None = None) -> list[ReadRow]:
    """The ReadRow of each question (none is vetoed) under `weights`, read by its fold's reader when `readers`."""
    from index.reading.use import second_to_read, windows_of
    from index.search.features import decision_position, ranking_order

    rows = []
    for item in items:
        embedder = searchers[item.corpus].embedder
        searcher = with_calibration(searchers[item.corpus], Calibration(embedder.name, weights[0], NEUTRAL,
                                                                       fingerprint=embedder.fingerprint,
                                                                       decision_weights=weights[1]))
        parts = parse_query(searcher.normalize(item.question.q))
        scored = searcher.score(searcher.context(parts, *item.vectors))
        order = ranking_order(scored)
        positions = [int(order[0])]
        second = second_to_read(scored, order, max(CLOSE_GRID))
        gap = None
        if second is not None:
            positions.append(second)
            gap = (float(scored.fused[positions[0]]) - float(scored.fused[second])) / (scored.weight_sum or 1.0)
        evidence = [searcher.evidence.decision_features(scored, p) for p in positions]
        decided = decision_position(scored)
        decision = evidence[0] if decided == positions[0] else searcher.evidence.decision_features(scored, decided)
        expect = item.question.expect
        right = [bool(expect) and any(e in searcher.data.passages[int(scored.rows[p])].text for e in expect)
                 for p in positions]
        reader = []
        if readers is not None:
            windows = windows_of(searcher.data, searcher.evidence.sentence_start, scored, positions)
            reader = [float(x) for x in readers.read(item.group, scored.context.text, windows)]
        rows.append(ReadRow(item, decision, evidence, gap, reader, right))
    return rows


def evidence_rows(rows: list[ReadRow]) -> np.ndarray:
    return np.asarray([[row.decision[name] for name in EVIDENCE] for row in rows], dtype=np.float64)


class FoldReaders:
    """Each tuning question read by the reader of the interview fold that never saw its interview
    (benchmarks/train_reader.py's folds, exported to ONNX under the run folder); what they read is kept on disk."""

    def __init__(self, run: Path, config) -> None:  # type: ignore[no-untyped-def]
        from index.embedding.identity import resolve_model
        from index.embedding.question_encoder import encoder_dir
        from index.reading.build import export_reader
        from index.reading.reader import Reader, adapter_digest, read_meta

        folds = json.loads((run / "folds.json").read_text("utf-8"))
        self.fold_of: dict[str, int] = folds["fold_of"]
        ref = resolve_model(config.model)
        encoder = encoder_dir(config.model.cache_dir, ref.fingerprint or "")
        self.readers = {}
        for k in sorted(set(self.fold_of.values())):
            adapter = run / f"fold{k}"
            folder = run / "onnx" / f"fold{k}-{adapter_digest(adapter)[:12]}"
            if read_meta(folder) is None:
                export_reader(adapter, ref.folder, encoder, folder, ref.fingerprint or "", ref.name, quantize=False)
            self.readers[k] = Reader(folder)
        self.run = run
        self.digest = f"folds:{run.name}"  # while fitting; the written decision names the committed adapter
        self.memo_path = run / "scores.json"
        self.memo: dict[str, float] = json.loads(self.memo_path.read_text("utf-8")) if self.memo_path.exists() else {}

    def read(self, group: str, question: str, windows: list[str]) -> np.ndarray:
        fold = self.fold_of[group]
        keys = [f"{fold}\0{question}\0{w}" for w in windows]
        missing = [w for k, w in zip(keys, windows) if k not in self.memo]
        if missing:
            for key, p in zip([f"{fold}\0{question}\0{w}" for w in missing],
                              self.readers[fold].probabilities(question, missing)):
                self.memo[key] = float(p)
        return np.asarray([self.memo[k] for k in keys], dtype=np.float32)

    def for_group(self, group: str) -> "GroupReader":
        return GroupReader(self, group)

    def save(self) -> None:
        temp = self.memo_path.with_suffix(".tmp")
        temp.write_text(json.dumps(self.memo, ensure_ascii=False), encoding="utf-8")
        temp.replace(self.memo_path)


@dataclass
class GroupReader:
    """The reader a searcher uses for the questions of one interview (ReaderLike)."""

    readers: FoldReaders
    group: str

    @property
    def digest(self) -> str:
        return self.readers.digest

    def probabilities(self, question: str, windows) -> np.ndarray:  # type: ignore[no-untyped-def]
        return self.readers.read(self.group, question, list(windows))


def fit_decision(x: np.ndarray, y: np.ndarray, kind: str = "logistic") -> Decision:
    """The decision model of that kind on the evidence rows `x` (columns EVIDENCE), thresholds left open."""
    return fit_trees(x, y) if kind == "trees" else fit_logistic(x, y)


def fit_logistic(x: np.ndarray, y: np.ndarray) -> DecisionModel:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scales = np.where(scaler.scale_ < 1e-9, 1.0, scaler.scale_)
    model = LogisticRegression(C=C_DECISION, max_iter=3000).fit((x - scaler.mean_) / scales, y)
    return DecisionModel(tuple(EVIDENCE), tuple(float(c) for c in model.coef_[0]), float(model.intercept_[0]),
                         tuple(float(m) for m in scaler.mean_), tuple(float(s) for s in scales), 0.0, 1.0)


def fit_trees(x: np.ndarray, y: np.ndarray) -> TreeDecisionModel:
    """Boosted trees on the evidence, converted to plain numbers (checked against scikit-learn's own prediction)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(max_depth=TREE_DEPTH, max_iter=TREE_ROUNDS,
                                           learning_rate=TREE_LEARNING_RATE, min_samples_leaf=TREE_MIN_LEAF,
                                           l2_regularization=TREE_L2, early_stopping=False, random_state=0).fit(x, y)
    baseline = float(np.ravel(model._baseline_prediction)[0])
    trees = tuple(_tree(predictors[0].nodes) for predictors in model._predictors)
    decision = TreeDecisionModel(tuple(EVIDENCE), trees, baseline, 0.0, 1.0)
    ours = np.asarray([decision.probability(dict(zip(EVIDENCE, row))) for row in x])
    if not np.allclose(ours, model.predict_proba(x)[:, 1], atol=1e-6):
        raise RuntimeError("the converted trees do not reproduce scikit-learn's probabilities")
    return decision


def _tree(nodes: np.ndarray) -> Tree:
    """One of scikit-learn's histogram-boosting trees as a Tree: leaves keep their value; a split gets the mean of
    the leaves below it, weighted by their training counts (what the tree predicts before that split is read)."""
    n = len(nodes)
    value = [float(v) for v in nodes["value"]]
    count = [float(c) for c in nodes["count"]]
    for i in reversed(range(n)):  # children come after their parent
        if not nodes["is_leaf"][i]:
            left, right = int(nodes["left"][i]), int(nodes["right"][i])
            total = count[left] + count[right]
            value[i] = (value[left] * count[left] + value[right] * count[right]) / total if total else 0.0
            count[i] = total
    leaf = nodes["is_leaf"].astype(bool)
    return Tree(tuple(-1 if leaf[i] else int(nodes["feature_idx"][i]) for i in range(n)),
                tuple(0.0 if leaf[i] else float(nodes["num_threshold"][i]) for i in range(n)),
                tuple(0 if leaf[i] else int(nodes["left"][i]) for i in range(n)),
                tuple(0 if leaf[i] else int(nodes["right"][i]) for i in range(n)), tuple(value))


def thresholds(probability: np.ndarray, answerable: np.ndarray, settled: int) -> tuple[float, float]:
    """low: the highest cut that keeps >= 1 - MAX_MISSED_ANSWERS of answerable questions answered; high: the
    lowest cut above it that lets <= MAX_CONFIDENT_WRONG of unanswerable ones through with high confidence.
    `settled` unanswerable questions were refused by the rules before the model: they count as refused."""
    grid = np.linspace(0.0, 1.0, 1001)
    pos, neg = probability[answerable], probability[~answerable]
    total = neg.size + settled
    low = max((t for t in grid if np.mean(pos < t) <= MAX_MISSED_ANSWERS), default=0.0)
    high = min((t for t in grid if t >= low and (total == 0 or np.sum(neg >= t) / total <= MAX_CONFIDENT_WRONG)),
               default=1.0)
    return float(low), float(high)


def fit(items: list[Item], searchers: dict[str, Searcher], kind: str = "logistic",
        readers: FoldReaders | None = None) -> Calibration:
    """Weights, then the decision model on the evidence those weights rank, then its thresholds (in-sample); with
    `readers`, then the reader's decision on top of it."""
    weights = (fit_weights(items), fit_weights(items, RANKING_ONLY))  # ranking's, the decision's
    kept = [i for i in items if not i.vetoed]
    rows = read_rows(kept, searchers, weights, readers)
    x = evidence_rows(rows)
    y = np.asarray([i.question.expect is not None for i in kept])
    model = fit_decision(x, y, kind)
    probability = np.asarray([model.probability(dict(zip(EVIDENCE, row))) for row in x])
    settled = sum(1 for i in items if i.vetoed and i.question.expect is None)
    low, high = thresholds(probability, y, settled)
    embedder = next(iter(searchers.values())).embedder
    decision = replace(model, low=low, high=high)
    reader = fit_reader(rows, decision, items, readers.digest) if readers is not None else None
    return Calibration(embedder.name, weights[0], decision, {}, embedder.fingerprint, reader=reader,
                       decision_weights=weights[1])


def fit_reader(rows: list[ReadRow], decision: Decision, items: list[Item], adapter: str) -> ReaderDecision:
    """The reader's decision on the rows (each read by a reader that never saw its interview): the gate, the
    candidates read and when the second goes first (the most right first passages), the logistic model and its
    thresholds (module constants)."""
    from sklearn.linear_model import LogisticRegression

    answerable = np.asarray([r.item.question.expect is not None for r in rows])
    base = np.asarray([decision.probability(r.evidence[0]) for r in rows])
    all_answerable = sum(1 for i in items if i.question.expect is not None)
    all_unanswerable = sum(1 for i in items if i.question.expect is None)
    vetoed_answerable = sum(1 for i in items if i.vetoed and i.question.expect is not None)
    grid = np.linspace(0.0, decision.low, 201)
    gate = max((float(t) for t in grid if np.sum(base[answerable] < t) <= GATE_MISSED * max(1, all_answerable)),
               default=0.0)
    ceiling = decision.high  # a high answer stands as the decision gave it
    settled = np.asarray([decision.probability(r.decision) >= ceiling for r in rows])
    read = (base >= gate) & ~settled

    def outcome(close: float, swap: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        first_base, first_reader, first_right = base.copy(), np.zeros(len(rows)), np.zeros(len(rows), dtype=bool)
        for i, r in enumerate(rows):
            take = 0
            if r.gap is not None and r.gap <= close and r.reader[1] - r.reader[0] > swap:
                take = 1
                first_base[i] = decision.probability(r.evidence[1])
            first_reader[i], first_right[i] = r.reader[take], r.right[take]
        return first_base, first_reader, first_right

    best = None
    for close in CLOSE_GRID:
        for swap in SWAP_GRID:
            _, _, right = outcome(close, swap)
            score = (int(np.sum(right & read & answerable)), -close, swap)
            if best is None or score > best[0]:
                best = (score, close, swap)
    assert best is not None
    _, close, swap = best
    first_base, first_reader, first_right = outcome(close, swap)
    features = np.asarray([[clipped_logit(b, BASE_LOGIT_LIMIT), clipped_logit(q, READER_LOGIT_LIMIT)]
                           for b, q in zip(first_base, first_reader)])
    x, y = features[read], answerable[read]
    means, scales = x.mean(axis=0), np.where(x.std(axis=0) < 1e-9, 1.0, x.std(axis=0))
    fitted = LogisticRegression(C=1.0, max_iter=3000).fit((x - means) / scales, y)
    model = DecisionModel(READER_FEATURES, tuple(float(c) for c in fitted.coef_[0]), float(fitted.intercept_[0]),
                          tuple(float(m) for m in means), tuple(float(v) for v in scales), 0.0, 1.0)
    probability = np.asarray([model.probability(dict(zip(READER_FEATURES, row))) for row in features])
    unread_answerable = int(np.sum(answerable & (base < gate))) + vetoed_answerable
    settled_wrong = int(np.sum(~answerable & settled))
    settled_right = [r.right[0] for r, a, h in zip(rows, answerable, settled) if a and h]
    cuts = np.linspace(0.0, 1.0, 1001)
    low = max((float(t) for t in cuts if unread_answerable + np.sum(answerable & read & (probability < t))
               <= MAX_MISSED_ANSWERS * max(1, all_answerable)), default=0.0)

    def confident(t: float) -> bool:
        wrong = settled_wrong + np.sum(~answerable & read & (probability >= t))
        right = [*settled_right, *first_right[answerable & read & (probability >= t)]]
        return (wrong <= READER_CONFIDENT_WRONG * max(1, all_unanswerable)
                and (not right or float(np.mean(right)) >= HIGH_PRECISION))

    high = min((float(t) for t in cuts if t >= low and confident(t)), default=1.0)
    return ReaderDecision(replace(model, low=low, high=high), gate, close, swap, adapter, ceiling=ceiling)


def cross_validate(items: list[Item], searchers: dict[str, Searcher], kind: str = "logistic",
                   readers: FoldReaders | None = None
                   ) -> tuple[dict[str, list[tuple[Question, SearchResult]]], dict[str, list[tuple[Question, SearchResult]]]]:
    """Leave one interview out: the held-out interview's questions searched with everything fitted on the others;
    with `readers`, also with the reader's decision (the second result)."""
    results: dict[str, list[tuple[Question, SearchResult]]] = defaultdict(list)  # corpus -> held-out results
    with_reader: dict[str, list[tuple[Question, SearchResult]]] = defaultdict(list)
    groups = sorted({i.group for i in items})
    for group in groups:
        train = [i for i in items if i.group != group]
        held = [i for i in items if i.group == group]
        calibration = fit(train, searchers, kind, readers)
        without = replace(calibration, reader=None)
        for item in held:
            searcher = with_calibration(searchers[item.corpus], without)
            result = searcher.search(item.question.q, top_k=3, query_vector=item.vectors[0],
                                     focus_vector=item.vectors[1])
            results[item.corpus].append((item.question, result))
            if readers is not None:
                reading = with_calibration(searchers[item.corpus], calibration)
                reading.config = replace(reading.config, reader="on")
                reading.reader = readers.for_group(item.group)
                result = reading.search(item.question.q, top_k=3, query_vector=item.vectors[0],
                                        focus_vector=item.vectors[1])
                with_reader[item.corpus].append((item.question, result))
        if readers is not None:
            readers.save()
        print(f"  fold {group}: {len(held)} questions", file=sys.stderr, flush=True)
    return results, with_reader


def beats(with_reader: dict[str, object], without: dict[str, object]) -> bool:
    """READER_ADOPTION: on every corpus, more high-confidence answers plus "not found" together, no fewer right first
    passages, answered within a point, and no more unanswerable questions answered with high confidence (or at most
    READER_CONFIDENT_WRONG)."""
    for corpus, w in with_reader.items():
        b = without[corpus]
        gain = (w["answered_high"] + w["not_found"]) - (b["answered_high"] + b["not_found"])  # type: ignore[operator]
        if not (gain > 0 and w["R@1"] >= b["R@1"] - 1e-9 and w["answered"] >= b["answered"] - 0.01  # type: ignore[operator]
                and 1 - w["not_found_or_low"] <= max(1 - b["not_found_or_low"], READER_CONFIDENT_WRONG)):  # type: ignore[operator]
            return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--output", default=str(CALIBRATION_FILE))
    parser.add_argument("--no-cv", action="store_true", help="skip the leave-one-interview-out estimate")
    parser.add_argument("--decision", choices=("logistic", "trees"), default="logistic",
                        help="the decision model: logistic regression (default) or boosted trees")
    parser.add_argument("--reader", default="auto",
                        help="the reader's fold run (.cache/reader/runs/<run>), 'auto' (the run named in the committed "
                             "adapter's manifest, when its folds are there) or 'off'")
    args = parser.parse_args()

    config = load_config(args.config)
    embedder = load_embedder(config.model)
    sets = question_sets("tuning", single=True)
    searchers = {}
    for name in sets:
        corpus = load_corpus(name, config.core, embedder)
        searchers[name] = Searcher(corpus.data, embedder, config.search,
                                   Calibration(embedder.name, {f: 1.0 for f in FEATURES}, NEUTRAL,
                                               fingerprint=embedder.fingerprint))
    items = prepare(searchers, sets, embedder)
    readers = fold_readers(args.reader, config)
    print(f"{len(items)} tuning questions, {sum(i.vetoed for i in items)} settled by the rules, "
          f"{len({i.group for i in items})} interviews", file=sys.stderr)

    notes: dict[str, object] = {}
    adopted = False
    if not args.no_cv:
        held_out, held_out_reader = cross_validate(items, searchers, args.decision, readers)
        for prefix, outcome in (("cv", held_out), ("cv_reader", held_out_reader)):
            for corpus, pairs in sorted(outcome.items()):
                if corpus.startswith("single:"):
                    continue
                report = evaluate(pairs)
                notes[f"{prefix}_{corpus}"] = {"overall": report.overall.to_dict(),
                                               "by_style": {s: v.to_dict() for s, v in sorted(report.by_style.items())}}
                print_report(f"leave-one-interview-out{', with the reader' if prefix == 'cv_reader' else ''}, {corpus}",
                             report)
        if readers is not None:
            corpora = [c for c in held_out_reader if not c.startswith("single:")]
            adopted = beats({c: notes[f"cv_reader_{c}"]["overall"] for c in corpora},  # type: ignore[index]
                            {c: notes[f"cv_{c}"]["overall"] for c in corpora})  # type: ignore[index]
            print(f"\nreader {'adopted' if adopted else 'not adopted'}: "
                  f"{'it beats' if adopted else 'it does not beat'} the decision without it held out")

    calibration = fit(items, searchers, args.decision, readers)
    if calibration.reader is not None:
        calibration = replace(calibration, reader=replace(calibration.reader, adopted=adopted,
                                                          adapter=committed_adapter(readers.run)))  # type: ignore[union-attr]
        r = calibration.reader
        print(f"reader: gate {r.gate:.3f}, second read within {r.close}, swapped over {r.swap}; low {r.low:.3f}, "
              f"high {r.high:.3f}; {describe(r.model)}")
        readers.save()  # type: ignore[union-attr]
    print(f"weights: {calibration.weights}")
    print(f"decision weights: {calibration.decision_weights}")
    d = calibration.decision
    print(f"decision: low {d.low:.3f}, high {d.high:.3f}; {describe(d)}")
    write(calibration, notes, sets, Path(args.output))
    print(f"wrote {args.output}")
    return 0


def committed_adapter(run: Path) -> str:
    """The digest of the committed adapter when it is the final reader of `run` (the one whose folds were read
    here), else "" (the decision is then never used: gather the final reader with benchmarks/train_reader.py, and
    fit again; the fold readers' scores are kept, so that is quick)."""
    from index.reading.reader import ADAPTER_DIR, adapter_digest, adapter_problem, read_manifest

    if adapter_problem(ADAPTER_DIR) is None and read_manifest(ADAPTER_DIR).get("run") == run.name:
        return adapter_digest(ADAPTER_DIR)
    print(f"reader: the committed adapter is not the final reader of {run.name}: its decision will not be used",
          file=sys.stderr)
    return ""


def fold_readers(setting: str, config) -> FoldReaders | None:  # type: ignore[no-untyped-def]
    """The fold readers of `--reader`, or None (off, or no trained folds: one line says so)."""
    from index.reading.reader import ADAPTER_DIR, adapter_problem, read_manifest

    if setting == "off":
        return None
    if setting == "auto":
        if adapter_problem(ADAPTER_DIR):
            print(f"reader: none ({adapter_problem(ADAPTER_DIR)})", file=sys.stderr)
            return None
        run = ROOT / ".cache" / "reader" / "runs" / str(read_manifest(ADAPTER_DIR).get("run", ""))
    else:
        run = Path(setting)
    if not (run / "folds.json").exists():
        print(f"reader: its interview folds are not in {run}: run benchmarks/train_reader.py (the decision is "
              "fitted without the reader)", file=sys.stderr)
        return None
    return FoldReaders(run, config)


def describe(d: Decision) -> str:
    """The fitted decision in one line: coefficients, or how many trees split on each feature."""
    if isinstance(d, DecisionModel):
        return ", ".join(f"{n} {c:+.2f}" for n, c in zip(d.features, d.coefficients))
    splits = defaultdict(int)
    for tree in d.trees:
        for f in tree.feature:
            if f >= 0:
                splits[d.features[f]] += 1
    return f"{len(d.trees)} trees; splits: " + ", ".join(f"{n} {k}" for n, k in sorted(splits.items(),
                                                                                     key=lambda x: -x[1]))


def print_report(title: str, report) -> None:  # type: ignore[no-untyped-def]
    o = report.overall
    print(f"\n{title}: R@1 {o.recall_at_1:.3f} R@3 {o.recall_at_3:.3f} MRR {o.mrr:.3f} bureau "
          f"{o.bureau_right if o.bureau_right is not None else float('nan'):.3f} | answered {o.answered:.3f} "
          f"high {o.answered_high:.3f} | not found {o.not_found:.3f} nf-or-low {o.not_found_or_low:.3f}")
    for style, s in sorted(report.by_style.items()):
        if s.answerable:
            print(f"  {style:13s} n={s.questions:3d} R@1 {s.recall_at_1:.2f} answered {s.answered:.2f} "
                  f"high {s.answered_high:.2f} bureau {s.bureau_right if s.bureau_right is not None else 0:.2f}")
        else:
            print(f"  {style:13s} n={s.questions:3d} not found {s.not_found:.2f} nf-or-low {s.not_found_or_low:.2f}")


def write(calibration: Calibration, notes: dict[str, object], sets: dict[str, list[Question]], path: Path) -> None:
    d = calibration.decision
    data = {
        "model": calibration.model,
        "fingerprint": calibration.fingerprint,
        "weights": calibration.weights,
        "decision_weights": calibration.decision_weights,
        "decision": decision_to_dict(d),
        "reader": calibration.reader.to_dict() if calibration.reader is not None else None,
        "notes": {"fitted": dt.date.today().isoformat(),
                  "tuning_sets": {name: len(questions) for name, questions in sets.items()},
                  "max_missed_answers": MAX_MISSED_ANSWERS, "max_confident_wrong": MAX_CONFIDENT_WRONG, **notes},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
