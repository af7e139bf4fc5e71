"""Which reading a follow-up gets: a small logistic model over evidence read off the question and both readings,
fitted on the tuning dialogues and reported leave-one-interview-out (benchmarks/dialogues.py), stored in
followup.json with the fingerprint of the embedding model it was fitted for. Without a fit for the model in use, a
rule of thumb stands in (one warning says why)."""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger("interview_qa.dialogue")
FOLLOWUP_FILE = Path(__file__).with_name("followup.json")
# Evidence for "this question needs its conversation" (1) against "it stands alone" (0).
READING_FEATURES = ("points_back", "continues", "named", "chars", "content_words", "new_words", "alone_high",
                    "alone_p", "context_p", "same_top", "alone_in_earlier")


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True, slots=True)
class Logistic:
    """P = sigmoid(intercept + sum(coefficient * (x - mean) / scale)); `cut` is the probability it is read at."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    cut: float

    def probability(self, evidence: Mapping[str, float]) -> float:
        """Every feature must be in `evidence` (a KeyError otherwise: a missing feature is never read as 0)."""
        z = self.intercept
        for name, c, m, s in zip(self.features, self.coefficients, self.means, self.scales):
            z += c * (float(evidence[name]) - m) / (s or 1.0)
        return sigmoid(z)

    def contributions(self, evidence: Mapping[str, float]) -> dict[str, float]:
        return {name: round(c * (float(evidence[name]) - m) / (s or 1.0), 4)
                for name, c, m, s in zip(self.features, self.coefficients, self.means, self.scales)}

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(self.features), "coefficients": [round(c, 6) for c in self.coefficients],
                "intercept": round(self.intercept, 6), "means": [round(m, 6) for m in self.means],
                "scales": [round(s, 6) for s in self.scales], "cut": round(self.cut, 4)}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Logistic:
        model = cls(tuple(raw["features"]), tuple(float(c) for c in raw["coefficients"]), float(raw["intercept"]),
                    tuple(float(m) for m in raw["means"]), tuple(float(s) for s in raw["scales"]), float(raw["cut"]))
        if not len(model.features) == len(model.coefficients) == len(model.means) == len(model.scales):
            raise ValueError("a model's lists differ in length")
        return model


def rule_of_thumb() -> Logistic:
    """Without a fit: a question that points back, opens as a continuation or names nothing of its own is read with
    its context, unless it alone is answered with high confidence or brings words of its own."""
    return Logistic(READING_FEATURES, (2.0, 2.0, -2.0, 0.0, -0.5, -1.0, -2.0, 0.0, 0.0, 0.0, 0.0), 1.0,
                    (0.0,) * len(READING_FEATURES), (1.0,) * len(READING_FEATURES), 0.5)


@dataclass(frozen=True, slots=True)
class Choice:
    """The fitted reading choice, and what the fit reported (held-out figures)."""

    reading: Logistic
    fingerprint: str = ""
    notes: dict[str, Any] = field(default_factory=dict)
    fitted: bool = True

    @classmethod
    def unfitted(cls, fingerprint: str = "") -> Choice:
        return cls(rule_of_thumb(), fingerprint, {}, fitted=False)

    def to_dict(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "reading": self.reading.to_dict(), "notes": self.notes}

    @classmethod
    def read(cls, path: Path | None = None) -> Choice:
        raw = json.loads((path or FOLLOWUP_FILE).read_text(encoding="utf-8"))
        return cls(Logistic.from_dict(raw["reading"]), str(raw["fingerprint"]), dict(raw.get("notes", {})))

    @classmethod
    def load(cls, fingerprint: str, path: Path | None = None) -> Choice:
        """The fit for the model with this fingerprint, or the rule of thumb with a warning (read once a process)."""
        return _load(cls, fingerprint, path or FOLLOWUP_FILE)

    @classmethod
    def load_now(cls, fingerprint: str, path: Path) -> Choice:
        try:
            choice = cls.read(path)
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("follow-up fit %s cannot be read (%s); using the rule of thumb", path, error)
            return cls.unfitted(fingerprint)
        unknown = set(choice.reading.features) - set(READING_FEATURES)
        if choice.fingerprint != fingerprint or unknown:
            why = "another model" if choice.fingerprint != fingerprint else f"unknown features {sorted(unknown)}"
            log.warning("follow-up fit %s not used (fitted for %s); using the rule of thumb (run "
                        "benchmarks/dialogues.py --fit for this model)", path, why)
            return cls.unfitted(fingerprint)
        return choice


@lru_cache(maxsize=8)
def _load(cls: type[Choice], fingerprint: str, path: Path) -> Choice:
    return cls.load_now(fingerprint, path)
