"""Whole-text checks scored on labelled texts: attribution precision and recall, accuracy by verdict, paraphrases
called consistent with the right passage, verbatim claims called anything else.

    .venv/bin/python benchmarks/claims.py [--set dev|tuning] [--misses] [--json]

The texts (fictional news reports, press releases, WeChat-style posts and posts that misquote, each attributed
sentence labelled with its speaker and verdict; index/claims/evaluation.py says how) are checked with
`index.claims.document.check_document` against the "claims" corpus (the seed, the 12 bureaus and the 13 layout
documents: benchmarks/corpora.py) with the configured model, as `interview-qa verify --file` checks a file. Dev
texts (tests/data/claims/dev) are never tuned on; the rules were tuned on benchmarks/data/claims/tuning.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import load_corpus  # noqa: E402
from index.claims.document import check_document  # noqa: E402
from index.claims.evaluation import Report, load_texts, score  # noqa: E402
from index.claims.records import VERDICTS  # noqa: E402

SETS = {"dev": ROOT / "tests" / "data" / "claims" / "dev", "tuning": ROOT / "benchmarks" / "data" / "claims" / "tuning"}
TARGET = 0.95
PARAPHRASE_TARGET = 0.85


def table(name: str, texts: int, report: Report) -> list[str]:
    def cell(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    a = report
    lines = [f"## {name}: {texts} texts, {a.attributed_expected} attributed sentences",
             "", "| measure | value | target |", "|---|---|---|",
             f"| attribution precision | {cell(a.precision)} ({a.attributed_right}/{a.attributed_found}) | {TARGET} |",
             f"| attribution recall | {cell(a.recall)} ({a.attributed_right}/{a.attributed_expected}) | {TARGET} |"]
    for verdict in VERDICTS:
        lines.append(f"| {verdict} accuracy | {cell(a.accuracy(verdict))} "
                     f"({a.verdicts_right[verdict]}/{a.verdicts[verdict]}) | {TARGET} |")
    lines.append(f"| paraphrases consistent, right passage | {cell(a.paraphrase_rate)} "
                 f"({a.paraphrases_right}/{a.paraphrases}) | {PARAPHRASE_TARGET} |")
    lines.append(f"| verbatim claims called anything else | {a.verbatim_called_else} | 0 |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--set", choices=sorted(SETS), default="dev")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from bot.config import load_config
    from index.embedding.st_embedder import load_embedder
    from index.search.searcher import Searcher

    config = load_config(args.config)
    embedder = load_embedder(config.model)
    searcher = Searcher(load_corpus("claims", config.core, embedder).data, embedder, config.search)
    texts = load_texts(SETS[args.set])
    began = time.perf_counter()
    report = score(texts, lambda text: check_document(searcher, text))
    seconds = time.perf_counter() - began
    if args.json:
        print(json.dumps({"set": args.set, "texts": len(texts), "seconds": round(seconds, 2), **report.to_dict()},
                         ensure_ascii=False, indent=2))
        return 0
    print("\n".join(table(args.set, len(texts), report)))
    print(f"\n{len(texts)} texts checked in {seconds:.1f} s")
    if args.misses:
        for miss in report.misses:
            print(json.dumps(miss, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
