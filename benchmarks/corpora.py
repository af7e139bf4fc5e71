"""The two corpora the product is measured on, and their question sets, for calibrate.py and retrieval.py.

- "shipped": `corpus/` as shipped (the seed interview of 威海市海洋发展局);
- "bureaus": the 12 fictional interviews of tests/fixtures/bureaus (two fictional cities, overlapping topics)
  plus the seed: 13 bureaus of three cities;
- "layouts": the 13 fictional documents of tests/fixtures/layouts, in the layouts government sites publish
  (在线访谈, 新闻发布会, 答记者问, 政策解读, news pages; .docx and .pdf too) for two other cities; dev questions only:
  nothing is fitted on them;
- "layouts2": 10 more documents in those layouts (tests/fixtures/layouts2), written apart from the first batch for
  two more cities; tuning questions only;
- "layouts3": 6 more (tests/fixtures/layouts3), written apart again for two more cities, with its dev questions
  written blind to the system by the same hand (tests/data/dev/layouts3.jsonl); nothing is fitted on them;
- "layouts4to7": the 28 documents of tests/fixtures/layouts4 to layouts7 (four batches written blind to the parser,
  eight more cities), with dev questions written blind to the system (tests/data/dev/layouts4to7.jsonl); nothing is
  fitted on them; "layouts8to13" (39 documents, twelve cities), "layouts14to19" (36 documents, twelve more),
  "layouts20", "layouts21" and "layouts22" (6 documents and two more cities each) and "layouts23to24" (12, four
  cities) and "layouts25" (6, two more) the same over the later batches;
- "claims": the seed, the bureaus and the layouts together (26 documents of five cities): the record the labelled
  texts of benchmarks/claims.py are checked against.
- "pooled": every interview above in one corpus (the seed, the bureaus and all twenty-five batches of layouts but the
  first batch's scanned PDF: some 150 documents of some forty cities), asked every dev set's answerable questions
  (benchmarks/retrieval.py --pooled): a deployment's scale, where many cities have the same kind of bureau;
- "fixtures": the small fictional interviews of tests/fixtures/corpus (no question set asks about them; the
  reader learns from their reporters' questions, benchmarks/reader_data.py).
Tuning sets (benchmarks/data/tuning/) fit; dev sets (tests/data/dev/) measure and are never read by calibrate.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.embedding.protocol import Embedder  # noqa: E402
from index.evaluation import Question, load_questions  # noqa: E402
from index.settings import CoreConfig, CorpusConfig, IndexConfig  # noqa: E402
from index.store.builder import refresh_index  # noqa: E402
from index.records import IndexData  # noqa: E402

SHIPPED = ROOT / "corpus"
BUREAUS = ROOT / "tests" / "fixtures" / "bureaus"
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
LAYOUTS2 = ROOT / "tests" / "fixtures" / "layouts2"
LAYOUTS3 = ROOT / "tests" / "fixtures" / "layouts3"
DEV_DIR = ROOT / "tests" / "data" / "dev"
_BATCH_RANGE = re.compile(r"layouts(?P<first>\d+)(?:to(?P<last>\d+))?")
FIRST_LATER_BATCH = 4  # batches 1 to 3 have sets of their own shape (above)


def later_layout_sets(dev: Path = DEV_DIR) -> dict[str, list[Path]]:
    """Each dev set over the fourth batch of layouts and after, with the fixture folders it asks about: layoutsN.jsonl
    asks about batch N, layoutsAtoB.jsonl about batches A to B; in the order of their batches."""
    found = []
    for path in dev.glob("layouts*.jsonl"):
        if (match := _BATCH_RANGE.fullmatch(path.stem)) and int(match["first"]) >= FIRST_LATER_BATCH:
            first, last = int(match["first"]), int(match["last"] or match["first"])
            found.append((first, path.stem, [ROOT / "tests" / "fixtures" / f"layouts{n}" for n in range(first, last + 1)]))
    return {name: folders for _, name, folders in sorted(found)}


LATER_LAYOUTS = later_layout_sets()
FIXTURES = ROOT / "tests" / "fixtures" / "corpus"  # the small fictional interviews of the tests (the reader's data)
WORK = ROOT / ".cache" / "benchmarks"
TUNING = {"shipped": ROOT / "benchmarks" / "data" / "tuning" / "seed.jsonl",
          "bureaus": ROOT / "benchmarks" / "data" / "tuning" / "bureaus.jsonl",
          "layouts2": ROOT / "benchmarks" / "data" / "tuning" / "layouts2.jsonl"}
DEV = {"shipped": ROOT / "tests" / "data" / "dev" / "seed.jsonl",
       "bureaus": ROOT / "tests" / "data" / "dev" / "bureaus.jsonl",
       "layouts": ROOT / "tests" / "data" / "dev" / "layouts.jsonl",
       "layouts3": ROOT / "tests" / "data" / "dev" / "layouts3.jsonl",
       **{name: ROOT / "tests" / "data" / "dev" / f"{name}.jsonl" for name in LATER_LAYOUTS}}


@dataclass(frozen=True)
class Corpus:
    name: str
    data: IndexData


def corpus_folder(name: str) -> Path:
    """The corpus folder for "shipped", "bureaus", "layouts" (the scanned PDF, which needs OCR, left out) or
    "single:<file>" (one interview of tests/fixtures/bureaus alone); all but the first are assembled under
    .cache/benchmarks."""
    if name == "shipped":
        return SHIPPED
    if name == "fixtures":
        return FIXTURES
    if name.startswith("single:"):
        file = name.split(":", 1)[1]
        folder = WORK / f"single-{file}"
        wanted = {file: BUREAUS / file}
    elif name == "claims":
        folder = WORK / "claims-corpus"
        wanted = {p.name: p for p in [*BUREAUS.iterdir(), *SHIPPED.iterdir(), *LAYOUTS.iterdir()]
                  if p.is_file() and "scan" not in p.name}
    elif name == "pooled":
        folder = WORK / "pooled-corpus"
        sources = [BUREAUS, SHIPPED, LAYOUTS, LAYOUTS2, LAYOUTS3, *(f for fs in LATER_LAYOUTS.values() for f in fs)]
        wanted = {p.name: p for source in sources for p in source.iterdir()
                  if p.is_file() and not (source == LAYOUTS and "scan" in p.name)}
    elif name in LATER_LAYOUTS:
        folder = WORK / f"{name}-corpus"
        wanted = {p.name: p for source in LATER_LAYOUTS[name] for p in source.iterdir() if p.is_file()}
    elif name in ("layouts", "layouts2", "layouts3"):
        folder = WORK / f"{name}-corpus"
        source = {"layouts": LAYOUTS, "layouts2": LAYOUTS2, "layouts3": LAYOUTS3}[name]
        wanted = {p.name: p for p in source.iterdir() if p.is_file() and "scan" not in p.name}
    else:
        folder = WORK / "bureaus-corpus"
        wanted = {p.name: p for p in [*BUREAUS.iterdir(), *SHIPPED.iterdir()] if p.is_file()}
    folder.mkdir(parents=True, exist_ok=True)
    for stale in set(p.name for p in folder.iterdir()) - set(wanted):
        (folder / stale).unlink()
    for name_, source in wanted.items():
        target = folder / name_
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
    return folder


def load_corpus(name: str, config: CoreConfig, embedder: Embedder) -> Corpus:
    """The index of one corpus, built or refreshed under .cache/benchmarks with the configured model."""
    folder = corpus_folder(name)
    core = CoreConfig(corpus=CorpusConfig(dir=folder, max_passage_chars=config.corpus.max_passage_chars),
                      model=config.model, index=IndexConfig(dir=WORK / f"index-{name.replace(':', '-')}"),
                      search=config.search)
    return Corpus(name, refresh_index(core, embedder).data)


def question_sets(kind: str, single: bool = False) -> dict[str, list[Question]]:
    """{"shipped": [...], "bureaus": [...]} of the tuning or the dev sets; with `single`, also each bureau
    interview's own questions asked of that interview alone ("single:<file>"), as a corpus of one interview is
    (the shipped corpus is one)."""
    paths = TUNING if kind == "tuning" else DEV
    sets = {name: load_questions(path) for name, path in paths.items()}
    if single:
        files = sorted({q.file for q in sets["bureaus"] if q.file and (BUREAUS / q.file).is_file()})
        for file in files:
            sets[f"single:{file}"] = [q for q in sets["bureaus"] if q.file == file]
    return sets


def cli_command() -> list[str]:
    """How a benchmark runs `interview-qa`: the installed script, else `python -m bot.cli`."""
    exe = Path(sys.executable).with_name("interview-qa")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bot.cli"]


def serve_environment(config: Path, **extra: str) -> dict[str, str]:
    """The environment of a `serve` a benchmark starts: its config, a free port, nothing downloaded, this code."""
    return {**os.environ, "INTERVIEW_QA_CONFIG": str(config), "INTERVIEW_QA_WEB_PORT": "0", "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(ROOT), **extra}


def build_index_first(config: Path, env: dict[str, str] | None = None) -> None:
    """`interview-qa build` with `config`, in its own process, as `make index` does before `make run`: a server
    started afterwards finds its index current, so its peak memory is its own, not the build's PyTorch."""
    done = subprocess.run([*cli_command(), "build"], env={**os.environ, **(env or {}), "INTERVIEW_QA_CONFIG": str(config)},
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"interview-qa build failed:\n{done.stderr[-3000:]}")
