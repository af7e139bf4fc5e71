"""Pure scoring maths: features scaled over the candidates and summed with weights. No models, no I/O."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

FLAT = 1e-9  # a feature whose spread over the candidates is below this says nothing about their order


def minmax(values: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """Scales to [0, 1] over the candidates (all zeros when they are all equal); with a floor, a spread below it
    counts as that floor (the best candidate then gets less than 1)."""
    values = np.asarray(values, dtype=np.float32)
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    spread = max(high - low, floor)
    if spread < FLAT:
        return np.zeros_like(values)
    return (values - low) / spread


def weighted_fusion(features: Mapping[str, np.ndarray], weights: Mapping[str, float],
                    floors: Mapping[str, float] | None = None) -> np.ndarray:
    """Sum of min-max scaled features (each with its spread floor, if any) times their weights (features missing
    from `weights` count 0)."""
    floors = floors or {}
    total: np.ndarray | None = None
    for name, weight in weights.items():
        if weight == 0.0 or name not in features:
            continue
        part = weight * minmax(features[name], floors.get(name, 0.0))
        total = part if total is None else total + part
    if total is None:
        size = len(next(iter(features.values()))) if features else 0
        return np.zeros(size, dtype=np.float32)
    return total


def informative_weight(features: Mapping[str, np.ndarray], weights: Mapping[str, float]) -> float:
    """The most a fused score can be over these candidates: features equal for every candidate (no bureau named)
    add nothing; 1.0 when none differs."""
    total = sum(w for name, w in weights.items() if w > 0 and name in features and np.ptp(features[name]) > FLAT)
    return total or 1.0
