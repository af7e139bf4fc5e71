"""The decision between the three outcomes, and the calibration file that holds it beside the fusion weights.

A logistic regression (DecisionModel: the default, and the uncalibrated fallback's form) or small boosted trees
(TreeDecisionModel, `calibrate.py --decision trees`, evaluated here in plain Python) gives the probability that the
interviews answer the question; two thresholds cut it into "high", "low" and "not found". `calibration.json` is
trusted only for the model fingerprint and features it names. Details: docs/search.md."""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("interview_qa.search")
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
# Without a calibration for the model in use: rank by both retrievers, and answer when at least half of the
# question's content words (weighted by rarity) occur in the corpus; a model-free, scale-free rule of thumb.
UNCALIBRATED_WEIGHTS = {"dense_text": 0.5, "dense_sentence": 0.25, "bm25_text": 1.0, "bm25_sentence": 0.25,
                        "bureau_match": 0.5}
UNCALIBRATED_COVERAGE = 0.5
UNCALIBRATED_STEEPNESS = 8.0  # logit per unit of coverage: 0.25 more coverage is ~0.88 probability
UNCALIBRATED_HIGH = 0.8  # without a calibration, "high" needs most of the question's words in the best passage


def sigmoid(z: float) -> float:
    """1 / (1 + e^-z) without overflow for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def cut(probability: float, low: float, high: float, min_confidence: float | None = None) -> str | None:
    """The outcome of a probability: "high" at or above `high`, None (not found) below `low` (or `min_confidence`,
    from the config, when set), else "low"."""
    low = low if min_confidence is None else min_confidence
    if probability < low or low >= 1.0:  # a probability is below 1.0 in exact arithmetic
        return None
    return "high" if probability >= max(high, low) else "low"


@dataclass(frozen=True, slots=True)
class DecisionModel:
    """Logistic regression on evidence of the best hit: P(the interviews answer this question), cut in three."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    low: float  # below: not found
    high: float  # at or above: the answer; between: the closest passage, said to be only close

    def outcome(self, probability: float, min_confidence: float | None = None) -> str | None:
        """"high", "low" or None (not found); `min_confidence` (config) replaces the lower threshold."""
        return cut(probability, self.low, self.high, min_confidence)

    def logit(self, evidence: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's contribution to the log-odds (for --explain)."""
        return [(name, coefficient * (float(evidence[name]) - mean) / (scale or 1.0))
                for name, coefficient, mean, scale in zip(self.features, self.coefficients, self.means, self.scales)]

    def probability(self, evidence: Mapping[str, float]) -> float:
        """Every feature must be in `evidence` (a KeyError otherwise: a missing feature is never read as 0)."""
        z = self.intercept
        for name, coefficient, mean, scale in zip(self.features, self.coefficients, self.means, self.scales):
            z += coefficient * (float(evidence[name]) - mean) / (scale or 1.0)
        return sigmoid(z)


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree as flat lists: node i splits on `feature[i]` at `threshold[i]` (x <= threshold goes to
    `left[i]`, else `right[i]`), or is a leaf when `feature[i]` < 0. `value[i]` is the node's log-odds: the leaf's
    output, or for a split the training-count-weighted mean of the leaves below it (for per-feature contributions)."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def path(self, x: list[float]) -> list[int]:
        """The nodes from the root to the leaf that `x` falls in."""
        node, nodes = 0, [0]
        while self.feature[node] >= 0:
            node = self.left[node] if x[self.feature[node]] <= self.threshold[node] else self.right[node]
            nodes.append(node)
        return nodes

    def to_dict(self) -> dict[str, list[Any]]:
        return {"feature": list(self.feature), "threshold": list(self.threshold),
                "left": list(self.left), "right": list(self.right), "value": [round(v, 6) for v in self.value]}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Tree:
        tree = cls(tuple(int(f) for f in raw["feature"]), tuple(float(t) for t in raw["threshold"]),
                   tuple(int(n) for n in raw["left"]), tuple(int(n) for n in raw["right"]),
                   tuple(float(v) for v in raw["value"]))
        sizes = {len(tree.feature), len(tree.threshold), len(tree.left), len(tree.right), len(tree.value)}
        if len(sizes) != 1 or not tree.feature:
            raise ValueError("a tree's node lists differ in length or are empty")
        n = len(tree.feature)
        # children come after their parent (as scikit-learn numbers them): no node outside the tree, no cycle
        if any(f >= 0 and not (i < tree.left[i] < n and i < tree.right[i] < n) for i, f in enumerate(tree.feature)):
            raise ValueError("a tree's node points outside the tree or back up it")
        return tree


@dataclass(frozen=True, slots=True)
class TreeDecisionModel:
    """Gradient-boosted trees on evidence of the best hit: P(the interviews answer this question), cut in three.
    The log-odds are `baseline` plus each tree's leaf value."""

    features: tuple[str, ...]
    trees: tuple[Tree, ...]
    baseline: float
    low: float
    high: float

    def outcome(self, probability: float, min_confidence: float | None = None) -> str | None:
        """"high", "low" or None (not found); `min_confidence` (config) replaces the lower threshold."""
        return cut(probability, self.low, self.high, min_confidence)

    def _row(self, evidence: Mapping[str, float]) -> list[float]:
        return [float(evidence[name]) for name in self.features]  # a missing feature is a KeyError, never 0

    def logit(self, evidence: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's contribution to the log-odds (for --explain): along each tree's path, the change of the
        node's value at the splits on that feature; the roots' values and `baseline` are the bias, not listed."""
        x = self._row(evidence)
        shares = [0.0] * len(self.features)
        for tree in self.trees:
            nodes = tree.path(x)
            for parent, child in zip(nodes, nodes[1:]):
                shares[tree.feature[parent]] += tree.value[child] - tree.value[parent]
        return list(zip(self.features, shares))

    def probability(self, evidence: Mapping[str, float]) -> float:
        x = self._row(evidence)
        return sigmoid(self.baseline + sum(tree.value[tree.path(x)[-1]] for tree in self.trees))


Decision = DecisionModel | TreeDecisionModel


def decision_to_dict(model: Decision) -> dict[str, Any]:
    """The model as plain numbers for calibration.json."""
    if isinstance(model, TreeDecisionModel):
        return {"kind": "trees", "features": list(model.features), "baseline": round(model.baseline, 6),
                "trees": [t.to_dict() for t in model.trees], "low": round(model.low, 4), "high": round(model.high, 4)}
    return {"kind": "logistic", "features": list(model.features),
            "coefficients": [round(c, 6) for c in model.coefficients], "intercept": round(model.intercept, 6),
            "means": [round(m, 6) for m in model.means], "scales": [round(s, 6) for s in model.scales],
            "low": round(model.low, 4), "high": round(model.high, 4)}


def decision_from_dict(a: Mapping[str, Any]) -> Decision:
    """The model stored by decision_to_dict (a file without "kind" holds a logistic model)."""
    kind = a.get("kind", "logistic")
    if kind == "trees":
        features = tuple(a["features"])
        trees = tuple(Tree.from_dict(t) for t in a["trees"])
        if any(f >= len(features) for t in trees for f in t.feature):
            raise ValueError("a tree splits on a feature the model does not list")
        return TreeDecisionModel(features, trees, float(a["baseline"]), float(a["low"]), float(a["high"]))
    if kind != "logistic":
        raise ValueError(f"unknown decision model kind {kind!r}")
    return DecisionModel(tuple(a["features"]), tuple(float(c) for c in a["coefficients"]),
                         float(a["intercept"]), tuple(float(m) for m in a["means"]),
                         tuple(float(s) for s in a["scales"]), float(a["low"]), float(a["high"]))


READER_FEATURES = ("base_logit", "reader_logit")
BASE_LOGIT_LIMIT = 10.0  # the decision's own log-odds, clipped, as the reader decision reads them
READER_LOGIT_LIMIT = 8.0  # the reader's log-odds, clipped


def clipped_logit(probability: float, limit: float) -> float:
    p = min(max(probability, 1e-12), 1.0 - 1e-12)
    return max(-limit, min(limit, math.log(p / (1.0 - p))))


@dataclass(frozen=True, slots=True)
class ReaderDecision:
    """The decision once the reader has read the best candidate (index.reading): a logistic model on the decision's
    own log-odds and the reader's, with its own thresholds. The reader reads only questions whose probability
    without it is at least `gate` (below: not found, as without the reader), the first candidate and the second
    when its fused score is within `close` of the first's (a share of the weights); the second goes first when the
    reader gives it more than `swap` over the first. Nor does it read a question whose probability without it is at
    least `ceiling` (the decision's high threshold): a high answer stands as the decision gave it, since held out
    those are right as they are and reading them only took answers away. Fitted for the adapter whose digest is
    `adapter`; `adopted`: it beat the decision without the reader held out (benchmarks/calibrate.py), so
    `search.reader: auto` uses it."""

    model: DecisionModel
    gate: float
    close: float
    swap: float
    adapter: str
    adopted: bool = False
    variant: str = "float"  # the reader graph that answers: float, or quantized where the dev sets found it equal
    ceiling: float = math.inf  # base probability from which the question is settled without the reader (high)

    @property
    def low(self) -> float:
        return self.model.low

    @property
    def high(self) -> float:
        return self.model.high

    def evidence(self, base_probability: float, reader_probability: float) -> dict[str, float]:
        return {"base_logit": clipped_logit(base_probability, BASE_LOGIT_LIMIT),
                "reader_logit": clipped_logit(reader_probability, READER_LOGIT_LIMIT)}

    def to_dict(self) -> dict[str, Any]:
        return {"decision": decision_to_dict(self.model), "gate": round(self.gate, 4), "close": round(self.close, 4),
                "swap": self.swap if math.isinf(self.swap) else round(self.swap, 4), "adapter": self.adapter,
                "adopted": self.adopted, "variant": self.variant,
                "ceiling": self.ceiling if math.isinf(self.ceiling) else round(self.ceiling, 4)}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> ReaderDecision:
        model = decision_from_dict(raw["decision"])
        if not isinstance(model, DecisionModel) or set(model.features) != set(READER_FEATURES):
            raise ValueError("the reader decision is not a logistic model on the reader's features")
        variant = str(raw.get("variant", "float"))
        if variant not in ("float", "quantized"):
            raise ValueError(f"unknown reader variant {variant!r}")
        return cls(model, float(raw["gate"]), float(raw["close"]), float(raw["swap"]), str(raw["adapter"]),
                   bool(raw.get("adopted", False)), variant, float(raw.get("ceiling", math.inf)))


UNCALIBRATED_MODEL = DecisionModel(("coverage_corpus",), (UNCALIBRATED_STEEPNESS,),
                                   0.0, (UNCALIBRATED_COVERAGE,), (1.0,), 0.5, UNCALIBRATED_HIGH)


@dataclass(frozen=True, slots=True)
class Calibration:
    """Fusion weights and the abstention model, fitted on the tuning sets by benchmarks/calibrate.py."""

    model: str
    weights: dict[str, float]
    decision: Decision
    notes: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""
    fitted: bool = True  # False: the uncalibrated fallback
    reader: ReaderDecision | None = None  # the decision with the reader (None: never fitted, or unreadable)
    # the fusion weights of the order whose first passage the decision reads, fitted without the ranking-only
    # features (index.search.features.RANKING_ONLY); None: the ranking's own
    decision_weights: dict[str, float] | None = None

    @classmethod
    def uncalibrated(cls, model: str = "", fingerprint: str = "") -> Calibration:
        return cls(model, dict(UNCALIBRATED_WEIGHTS), UNCALIBRATED_MODEL, {}, fingerprint, fitted=False)

    @classmethod
    def read(cls, path: Path | None = None) -> Calibration:
        """The file as written, without checks (benchmarks and tests)."""
        path = path or CALIBRATION_FILE
        raw = json.loads(path.read_text(encoding="utf-8"))
        model = decision_from_dict(raw["decision"])
        reader = ReaderDecision.from_dict(raw["reader"]) if raw.get("reader") else None
        decision_weights = raw.get("decision_weights")
        return cls(raw.get("model", ""), {k: float(v) for k, v in raw["weights"].items()}, model,
                   raw.get("notes", {}), raw.get("fingerprint", ""), reader=reader,
                   decision_weights=None if decision_weights is None else
                   {k: float(v) for k, v in decision_weights.items()})

    @classmethod
    def load(cls, fingerprint: str, fusion_features: Collection[str], evidence_features: Collection[str],
             path: Path | None = None) -> Calibration:
        """The calibration for the model with this fingerprint, or the uncalibrated fallback with a warning."""
        path = path or CALIBRATION_FILE
        try:
            calibration = cls.read(path)
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("calibration %s cannot be read (%s); using an uncalibrated decision", path, error)
            return cls.uncalibrated(fingerprint=fingerprint)
        problem = calibration.mismatch(fingerprint, fusion_features, evidence_features)
        if problem:
            log.warning("calibration %s not used: %s; using an uncalibrated decision (run benchmarks/calibrate.py "
                        "for this model)", path, problem)
            return cls.uncalibrated(calibration.model, fingerprint)
        return calibration

    def mismatch(self, fingerprint: str, fusion_features: Collection[str],
                 evidence_features: Collection[str]) -> str | None:
        """Why this calibration does not fit the model and the features of this version, or None."""
        if self.fingerprint != fingerprint:
            return f"it was fitted for another model ({self.model or 'unknown'}, fingerprint {self.fingerprint[:12]})"
        unknown = sorted((set(self.weights) | set(self.decision_weights or {})) - set(fusion_features))
        unknown += sorted(set(self.decision.features) - set(evidence_features))
        if unknown:
            return f"it uses features this version does not compute ({', '.join(unknown)})"
        return None
