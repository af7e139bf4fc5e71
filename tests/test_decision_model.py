"""The decision models as stored in calibration.json: read back, evaluated in plain Python, explained, checked."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from index.search.decision import (Calibration, DecisionModel, Tree, TreeDecisionModel, decision_from_dict,
                                   decision_to_dict)

# Two stumps and one depth-2 tree over two features; split nodes carry the mean value of the leaves below them.
TREES = TreeDecisionModel(
    ("a", "b"),
    (Tree((0, -1, -1), (0.5, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.1, -1.0, 1.2)),
     Tree((1, -1, -1), (2.0, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, 0.5, -0.5)),
     Tree((0, 1, -1, -1, -1), (0.2, 1.0, 0.0, 0.0, 0.0), (1, 3, 0, 0, 0), (2, 4, 0, 0, 0),
          (0.0, -0.2, 0.3, -0.4, 0.0))),
    0.25, 0.2, 0.8)


def test_trees_add_their_leaves_to_the_baseline() -> None:
    # a=0.1 (<= 0.5, <= 0.2), b=3.0 (> 2.0, > 1.0): leaves -1.0, -0.5, 0.0
    assert TREES.probability({"a": 0.1, "b": 3.0}) == pytest.approx(1 / (1 + math.exp(-(0.25 - 1.0 - 0.5 + 0.0))))
    # a=0.9 (> 0.5, > 0.2), b=0.0 (<= 2.0): leaves 1.2, 0.5, 0.3; a value equal to a threshold goes left
    assert TREES.probability({"a": 0.9, "b": 2.0}) == pytest.approx(1 / (1 + math.exp(-(0.25 + 1.2 + 0.5 + 0.3))))


def test_contributions_and_bias_add_up_to_the_log_odds() -> None:
    evidence = {"a": 0.1, "b": 0.4, "unused": 7.0}
    contributions = dict(TREES.logit(evidence))
    assert set(contributions) == {"a", "b"}
    bias = TREES.baseline + sum(tree.value[0] for tree in TREES.trees)
    p = TREES.probability(evidence)
    assert bias + sum(contributions.values()) == pytest.approx(math.log(p / (1 - p)))
    # a: tree 1 goes from 0.1 to -1.0, tree 3 from 0.0 to -0.2; b: tree 2 from 0.0 to 0.5, tree 3 from -0.2 to -0.4
    assert contributions["a"] == pytest.approx(-1.3) and contributions["b"] == pytest.approx(0.3)


def test_a_missing_feature_is_an_error_not_a_zero() -> None:
    with pytest.raises(KeyError):
        TREES.probability({"a": 0.3})


def test_outcomes_cut_at_the_thresholds() -> None:
    assert TREES.outcome(0.1) is None and TREES.outcome(0.5) == "low" and TREES.outcome(0.9) == "high"
    assert TREES.outcome(0.1, min_confidence=0.05) == "low"


@pytest.mark.parametrize("model", [TREES, DecisionModel(("a", "b"), (1.5, -0.5), 0.1, (0.2, 0.0), (1.0, 2.0),
                                                        0.3, 0.7)])
def test_models_survive_the_calibration_file(model: DecisionModel | TreeDecisionModel) -> None:
    again = decision_from_dict(json.loads(json.dumps(decision_to_dict(model))))
    assert type(again) is type(model) and again.features == model.features
    for evidence in ({"a": 0.1, "b": 3.0}, {"a": 0.9, "b": 0.0}, {"a": 0.5, "b": 2.0}):
        assert again.probability(evidence) == pytest.approx(model.probability(evidence), abs=1e-6)
    assert (again.low, again.high) == (model.low, model.high)


def test_a_file_without_kind_holds_a_logistic_model() -> None:
    raw = decision_to_dict(DecisionModel(("a",), (2.0,), 0.0, (0.5,), (1.0,), 0.4, 0.6))
    del raw["kind"]
    assert isinstance(decision_from_dict(raw), DecisionModel)


@pytest.mark.parametrize("broken", [
    {"kind": "forest"},
    {"kind": "trees", "features": ["a"], "baseline": 0.0, "low": 0.1, "high": 0.9,
     "trees": [{"feature": [0, -1], "threshold": [0.5, 0.0], "left": [1, 0], "right": [2, 0], "value": [0, 1]}]},
    {"kind": "trees", "features": ["a"], "baseline": 0.0, "low": 0.1, "high": 0.9,
     "trees": [{"feature": [3, -1, -1], "threshold": [0.5, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
                "value": [0, 1, 2]}]},
    {"kind": "trees", "features": ["a"], "baseline": 0.0, "low": 0.1, "high": 0.9,
     "trees": [{"feature": [0, -1, -1], "threshold": [0.5], "left": [1, 0, 0], "right": [2, 0, 0],
                "value": [0, 1, 2]}]},
    {"kind": "trees", "features": ["a"], "baseline": 0.0, "low": 0.1, "high": 0.9,  # node 1 points back to 1: a cycle
     "trees": [{"feature": [0, 0, -1], "threshold": [0.5, 0.5, 0], "left": [1, 1, 0], "right": [2, 2, 0],
                "value": [0, 1, 2]}]},
])
def test_a_broken_decision_is_refused(broken: dict) -> None:
    with pytest.raises((ValueError, KeyError)):
        decision_from_dict(broken)


def test_a_broken_tree_file_falls_back_to_the_uncalibrated_decision(tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    raw = {"model": "m", "fingerprint": "f", "weights": {"bm25_text": 1.0},
           "decision": {"kind": "trees", "features": ["a"], "baseline": 0.0, "low": 0.1, "high": 0.9, "trees": [{}]}}
    path.write_text(json.dumps(raw), encoding="utf-8")
    calibration = Calibration.load("f", {"bm25_text"}, {"a"}, path)
    assert not calibration.fitted
    raw["decision"] = decision_to_dict(TREES)
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert Calibration.load("f", {"bm25_text"}, {"a", "b"}, path).fitted
    assert not Calibration.load("f", {"bm25_text"}, {"a"}, path).fitted  # a feature this version lacks


def test_boosted_trees_fitted_by_calibrate_give_scikit_learns_probabilities() -> None:
    """calibrate.py --decision trees: the converted trees, written and read back, predict as scikit-learn does."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("sklearn")
    from benchmarks import calibrate

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, len(calibrate.EVIDENCE)))
    y = (x[:, 0] + x[:, 1] * x[:, 2] + rng.normal(scale=0.5, size=400)) > 0
    model = calibrate.fit_trees(x, y)  # raises if its own prediction differs from scikit-learn's
    again = decision_from_dict(json.loads(json.dumps(decision_to_dict(model))))
    assert isinstance(again, TreeDecisionModel) and len(again.trees) == calibrate.TREE_ROUNDS
    for row in x[:50]:
        evidence = dict(zip(calibrate.EVIDENCE, row))
        assert again.probability(evidence) == pytest.approx(model.probability(evidence), abs=1e-5)
        p = again.probability(evidence)
        bias = again.baseline + sum(tree.value[0] for tree in again.trees)
        assert bias + sum(c for _, c in again.logit(evidence)) == pytest.approx(math.log(p / (1 - p)), abs=1e-5)


def test_the_decisions_own_fusion_weights_are_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "calibration.json"
    raw = {"model": "m", "fingerprint": "f", "weights": {"bm25_text": 1.0, "word_coverage": 0.5},
           "decision_weights": {"bm25_text": 0.7}, "decision": decision_to_dict(TREES)}
    path.write_text(json.dumps(raw), encoding="utf-8")
    calibration = Calibration.load("f", {"bm25_text", "word_coverage"}, {"a", "b"}, path)
    assert calibration.fitted and calibration.decision_weights == {"bm25_text": 0.7}
    raw["decision_weights"] = {"bm25_text": 0.7, "gone": 1.0}  # a feature this version lacks
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert not Calibration.load("f", {"bm25_text", "word_coverage"}, {"a", "b"}, path).fitted
    del raw["decision_weights"]  # an older file: the decision reads the ranking's order
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert Calibration.load("f", {"bm25_text", "word_coverage"}, {"a", "b"}, path).decision_weights is None
