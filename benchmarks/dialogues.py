"""Follow-up questions: fit the reading choice on the tuning dialogues, and score the dev dialogues.

    .venv/bin/python benchmarks/dialogues.py [--fit] [--sets dev|tuning|all] [--json] [--misses] [--alone]

Tuning dialogues (benchmarks/data/tuning/dialogues-*.jsonl: the seed interview asked alone, 8 of the 12 fictional
bureau interviews in the 13-bureau corpus, the second batch of layouts) fit; dev dialogues
(tests/data/dev/dialogues-*.jsonl: the other 4 bureau interviews in the 13-bureau corpus, the first batch of
layouts) are never read by the fit. `--fit` asks every tuning follow-up both ways (alone, and with the earlier
question), fits the two logistic models of index/dialogue/choice.py, reports them leave-one-interview-out (each
interview's dialogues decided by models fitted on the other interviews'), and writes index/dialogue/followup.json.
Then each set is asked turn by turn through FollowUps, as a chat keeps its history, and scored: follow-up R@1
(ellipsis, pronoun, "more"), topic switches answered exactly as alone, unanswerable follow-ups "not found" or low,
first turns unchanged, searches per follow-up.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import load_corpus  # noqa: E402
from bot.config import load_config  # noqa: E402
from index.dialogue.choice import FOLLOWUP_FILE, READING_FEATURES, Choice, Logistic  # noqa: E402
from index.dialogue.evaluation import Dialogue, ask, is_right, load_dialogues, score  # noqa: E402
from index.dialogue.followups import FollowUps, joined_text, settled  # noqa: E402
from index.dialogue.phrasing import asks_for_more  # noqa: E402
from index.dialogue.turns import Turn, remember  # noqa: E402
from index.embedding.st_embedder import load_embedder  # noqa: E402
from index.search.searcher import Searcher  # noqa: E402

TUNING = {"shipped": ROOT / "benchmarks/data/tuning/dialogues-seed.jsonl",
          "bureaus": ROOT / "benchmarks/data/tuning/dialogues-bureaus.jsonl",
          "layouts2": ROOT / "benchmarks/data/tuning/dialogues-layouts2.jsonl"}
DEV = {"bureaus": ROOT / "tests/data/dev/dialogues-bureaus.jsonl",
       "layouts": ROOT / "tests/data/dev/dialogues-layouts.jsonl"}
FOLLOWING = ("ellipsis", "pronoun", "unanswerable")  # follow-ups that need their conversation, to the reading choice
REGULARISATION = 1.0


def both_readings(followups: FollowUps, dialogues: list[Dialogue]) -> list[dict[str, Any]]:
    """Every follow-up that is not "more", searched alone and with the earlier question, with the choice's evidence
    (the history as the current choice reads it)."""
    records = []
    for dialogue in dialogues:
        history: tuple[Turn, ...] = ()
        for turn in dialogue.turns:
            if history and not (asks_for_more(turn.q) and history[-1].hits):
                earlier = history[-1]
                alone = followups.searcher.search(turn.q)
                joined = followups.searcher.search(joined_text(earlier, turn.q))
                evidence = followups.evidence(turn.q, earlier, alone, joined)
                records.append({"file": dialogue.file, "dialogue": dialogue.id, "kind": turn.kind, "q": turn.q,
                                "evidence": evidence, "complete": settled(alone) or bool(evidence["new_words"] > 0
                                                                                         and evidence["alone_high"]),
                                "alone_right": is_right(alone, turn.expect),
                                "joined_right": is_right(joined, turn.expect),
                                "joined_high": joined.confidence == "high"})
            history = remember(history, followups.read(turn.q, history).turn)
    return records


def fit_logistic(rows: list[dict[str, float]], labels: list[int], features: tuple[str, ...]) -> Logistic:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[r[f] for f in features] for r in rows], dtype=float)
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=1000)
    model.fit((x - means) / scales, np.array(labels))
    return Logistic(features, tuple(float(c) for c in model.coef_[0]), float(model.intercept_[0]),
                    tuple(float(m) for m in means), tuple(float(s) for s in scales), 0.5)


def reading_samples(records: list[dict[str, Any]]) -> tuple[list[dict[str, float]], list[int]]:
    return [r["evidence"] for r in records], [int(r["kind"] in FOLLOWING) for r in records]


def reading_cut(records: list[dict[str, Any]], probabilities: list[float]) -> float:
    """The lowest cut that reads no topic switch with its context (then the most follow-ups right)."""
    switches = [p for r, p in zip(records, probabilities) if r["kind"] == "switch"]
    return min(0.95, max([0.5, *[p + 1e-6 for p in switches]]))


def fit(records: list[dict[str, Any]]) -> Logistic:
    """The reading model, fitted on the follow-ups the decisive sign leaves open (complete questions stay alone)."""
    records = [r for r in records if not r["complete"]]
    reading = fit_logistic(*reading_samples(records), READING_FEATURES)
    return replace(reading, cut=reading_cut(records, [reading.probability(r["evidence"]) for r in records]))


def held_out(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Each interview's follow-ups decided by the models fitted on the other interviews'."""
    by_kind: dict[str, list[bool]] = defaultdict(list)
    switched = []
    for file in sorted({r["file"] for r in records}):
        train = [r for r in records if r["file"] != file]
        reading = fit(train)
        for r in (r for r in records if r["file"] == file):
            joined = not r["complete"] and reading.probability(r["evidence"]) >= reading.cut
            if r["kind"] == "switch":
                switched.append(joined)
            if not joined:
                right = r["alone_right"]
            elif r["kind"] == "unanswerable":
                right = not r["joined_high"] or not r["evidence"]["asked_covered"]
            else:
                right = r["joined_right"]
            by_kind[r["kind"]].append(right)
    out = {kind: {"turns": len(v), "right": round(sum(v) / len(v), 4)} for kind, v in sorted(by_kind.items())}
    out["switch_read_alone"] = round(1 - sum(switched) / max(1, len(switched)), 4)
    out["complete_by_sign"] = sum(1 for r in records if r["complete"])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--fit", action="store_true", help="fit on the tuning dialogues and write followup.json")
    parser.add_argument("--sets", choices=("dev", "tuning", "all"), default="dev")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--alone", action="store_true", help="ask every turn on its own (the product before follow-ups)")
    args = parser.parse_args()
    config = load_config(args.config)
    embedder = load_embedder(config.model)
    searchers: dict[str, Searcher] = {}

    def searcher(corpus: str) -> Searcher:
        if corpus not in searchers:
            searchers[corpus] = Searcher(load_corpus(corpus, config.core, embedder).data, embedder, config.search)
        return searchers[corpus]

    report: dict[str, Any] = {"date": time.strftime("%Y-%m-%d")}
    if args.fit:
        records = []
        for corpus, path in TUNING.items():
            records += both_readings(FollowUps(searcher(corpus), Choice.unfitted()), load_dialogues(path))
        reading = fit(records)
        report["held_out"] = held_out(records)
        report["tuning_follow_ups"] = len(records)
        choice = Choice(reading, embedder.fingerprint,
                        {"fitted": report["date"], "tuning_follow_ups": len(records), "held_out": report["held_out"]})
        FOLLOWUP_FILE.write_text(json.dumps(choice.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {FOLLOWUP_FILE}", file=sys.stderr)
    choice = Choice.load(embedder.fingerprint)
    sets = {"dev": [("dev", DEV)], "tuning": [("tuning", TUNING)], "all": [("tuning", TUNING), ("dev", DEV)]}[args.sets]
    for kind, paths in sets:
        for corpus, path in paths.items():
            followups = FollowUps(searcher(corpus), choice)
            outcomes = [o for d in load_dialogues(path) for o in ask(followups, d, alone=args.alone)]
            scores = score(outcomes).to_dict()
            if not args.misses:
                scores.pop("misses")
            report[f"{kind}:{corpus}"] = scores
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
