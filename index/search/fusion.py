"""Pure scoring maths: rank fusion, feature scaling, the abstention model. No models, no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], k: float = 60.0,
                           weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """RRF: each list of ids (best first) adds weight / (k + rank) to its ids; returns (id, score), best first."""
    scores: dict[int, float] = {}
    for index, ranking in enumerate(rankings):
        weight = 1.0 if weights is None else weights[index]
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def minmax(values: np.ndarray) -> np.ndarray:
    """Scales to [0, 1] over the candidates (all zeros when they are all equal)."""
    values = np.asarray(values, dtype=np.float32)
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.zeros_like(values)
    return (values - low) / (high - low)


def weighted_fusion(features: Mapping[str, np.ndarray], weights: Mapping[str, float]) -> np.ndarray:
    """Sum of min-max scaled features times their weights (features missing from `weights` count 0)."""
    total: np.ndarray | None = None
    for name, weight in weights.items():
        if weight == 0.0 or name not in features:
            continue
        part = weight * minmax(features[name])
        total = part if total is None else total + part
    if total is None:
        size = len(next(iter(features.values()))) if features else 0
        return np.zeros(size, dtype=np.float32)
    return total


def sigmoid(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))


@dataclass(frozen=True, slots=True)
class AbstentionModel:
    """Logistic regression on evidence of the best hit: P(the interviews answer this question)."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float

    def probability(self, evidence: Mapping[str, float]) -> float:
        z = self.intercept
        for name, coef, mean, scale in zip(self.features, self.coefficients, self.means, self.scales):
            z += coef * (float(evidence.get(name, 0.0)) - mean) / (scale or 1.0)
        return sigmoid(z)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000,
                 learning_rate: float = 0.1) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Plain L2-regularised logistic regression by gradient descent on standardised columns.

    Returns (coefficients, intercept, means, scales). Small enough to audit; no extra dependency.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales < 1e-9] = 1.0
    z = (x - means) / scales
    w = np.zeros(z.shape[1])
    b = 0.0
    n = len(y)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        grad_w = z.T @ (p - y) / n + l2 * w / n
        grad_b = float(np.mean(p - y))
        w -= learning_rate * grad_w
        b -= learning_rate * grad_b
    return w, b, means, scales
