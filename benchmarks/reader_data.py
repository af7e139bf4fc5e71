"""The reader's training examples, made by rules in code from the TUNING sets and the fixture interviews they ask
about (never the dev sets, tests/data/dev, nor the interviews only they ask about): each a question, a window of a
passage (index.reading.windows) and whether the window answers it.

- answer: an answerable tuning question with the window around the sentence(s) holding an expected phrase; and the
  window the searcher itself would read in that passage, when it holds one (what the reader sees when answering);
- reporter: each reporter's question with the first window of the answer it got;
- minimal: the answer window with the answer sentence(s) removed (refilled from the sentences around them), so the
  topic stays and the detail goes: the "uncovered" question by construction;
- other: the question's two best-ranked other windows of the same interview (its answer passage left out);
- unanswerable: each unanswerable tuning question (uncovered, other bureau, off topic) with the window of its
  best-ranked passage in the interview it was written for.

Every example carries its interview (`group`), so that the reader can be trained and scored by interview folds.

    .venv/bin/python benchmarks/reader_data.py [--output .cache/reader/examples.jsonl]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import FIXTURES, TUNING, load_corpus  # noqa: E402
from index.evaluation import Question, load_questions  # noqa: E402
from index.reading.windows import WINDOW_CHARS, grow, passage_window, window_text  # noqa: E402
from index.search.features import ranking_order  # noqa: E402
from index.search.query import parse_query  # noqa: E402
from index.search.searcher import Searcher  # noqa: E402

OTHER_WINDOWS = 2  # best-ranked other passages of the same interview per question
DEFAULT_OUTPUT = ROOT / ".cache" / "reader" / "examples.jsonl"
# the corpora the examples come from: the tuning sets' corpora, and the fixture interviews (reporters' questions only)
CORPORA = ("shipped", "bureaus", "layouts2", "fixtures")


@dataclass(frozen=True)
class Example:
    group: str  # the interview (its file name): the unit of the folds
    question: str
    window: str
    label: int  # 1: the window answers the question
    kind: str  # answer, serving, reporter, minimal, other, unanswerable
    pair: int = -1  # for a minimal pair: the index of its positive

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def tuning_questions() -> dict[str, list[Question]]:
    """The tuning sets by corpus (benchmarks/corpora.py's names); the fixture interviews have none."""
    return {name: load_questions(path) for name, path in TUNING.items()}


def training_files(sets: dict[str, list[Question]]) -> set[str]:
    """The interviews the reader may learn from: those the tuning sets ask about, and the fixture interviews."""
    files = {q.file for questions in sets.values() for q in questions if q.file}
    files |= {p.name for p in FIXTURES.iterdir() if p.is_file()}
    return files


def sentence_table(searcher: Searcher, row: int) -> tuple[list[tuple[int, int]], int]:
    """The evidence sentences of passage `row` (spans in its text) and the index of the first in the index arrays."""
    start, end = int(searcher.evidence.sentence_start[row]), int(searcher.evidence.sentence_start[row + 1])
    return [tuple(map(int, s)) for s in searcher.data.sentence_spans[start:end]], start


def serving_window(searcher: Searcher, row: int, vector: np.ndarray) -> str:
    """What the reader reads of passage `row` when answering (the searcher calls the same function)."""
    return passage_window(searcher.data, searcher.evidence.sentence_start, row, vector)


def answer_sentences(text: str, spans: list[tuple[int, int]], expect: Iterable[str]) -> list[int]:
    """Indices of the sentences that hold (part of) an expected phrase."""
    hits: set[int] = set()
    for phrase in expect:
        at = text.find(phrase)
        while at >= 0:
            hits |= {i for i, (s, e) in enumerate(spans) if s < at + len(phrase) and at < e}
            at = text.find(phrase, at + 1)
    return sorted(hits)


def corpus_examples(name: str, searcher: Searcher, questions: list[Question], files: set[str],
                    embedder) -> list[Example]:  # type: ignore[no-untyped-def]
    data = searcher.data
    out: list[Example] = []
    interview_of_file: dict[str, str] = {}
    for p in data.passages:
        interview_of_file.setdefault(Path(p.file).name, p.interview_id)
    # reporters' questions: the first window of the answer they got (the passage that opens the answer)
    leads = np.flatnonzero(searcher.evidence.is_lead)
    reporter_rows = [int(r) for r in leads if data.passages[r].question and Path(data.passages[r].file).name in files]
    for row in reporter_rows:
        p = data.passages[row]
        spans, _ = sentence_table(searcher, row)
        if spans:
            out.append(Example(Path(p.file).name, p.question or "", window_text(p.text, spans, grow(spans, [0])), 1,
                               "reporter"))
    asked = [q for q in questions if q.file in files and q.file in interview_of_file]
    texts = {q.q: searcher.retrieval_texts(q.q) for q in asked}
    wanted = sorted({t for group in texts.values() for t in group})
    vectors = dict(zip(wanted, embedder.embed_queries(wanted))) if wanted else {}
    for q in asked:
        parts = parse_query(searcher.normalize(q.q))
        if not parts.core:
            continue
        vecs = (vectors[texts[q.q][0]], vectors[texts[q.q][-1]])
        context = searcher.context(parts, *vecs)
        scored = searcher.score(context, interview_id=interview_of_file[q.file])
        if scored.rows.size == 0:
            continue
        order = [int(scored.rows[i]) for i in ranking_order(scored)]
        question = context.text
        if q.expect is None:
            out.append(Example(q.file, question, serving_window(searcher, order[0], context.vector), 0,
                               "unanswerable"))
            continue
        right = [r for r in order if any(e in data.passages[r].text for e in q.expect)]
        if right:
            row = right[0]
            text = data.passages[row].text
            spans, _ = sentence_table(searcher, row)
            core = answer_sentences(text, spans, q.expect)
            if core:
                positive = window_text(text, spans, grow(spans, core[:1] if _too_long(spans, core) else core))
                out.append(Example(q.file, question, positive, 1, "answer"))
                anchor = len(out) - 1
                kept = grow(spans, _neighbours(spans, core), skip=frozenset(core))
                if kept:
                    out.append(Example(q.file, question, window_text(text, spans, kept), 0, "minimal", anchor))
            served = serving_window(searcher, row, context.vector)
            if any(e in served for e in q.expect) and all(served != x.window for x in out[-2:]):
                out.append(Example(q.file, question, served, 1, "serving"))
        others = [r for r in order if not any(e in data.passages[r].text for e in q.expect)][:OTHER_WINDOWS]
        for row in others:
            out.append(Example(q.file, question, serving_window(searcher, row, context.vector), 0, "other"))
    return out


def _too_long(spans: list[tuple[int, int]], core: list[int]) -> bool:
    return sum(spans[i][1] - spans[i][0] for i in core) > WINDOW_CHARS


def _neighbours(spans: list[tuple[int, int]], core: list[int]) -> list[int]:
    """The sentences right around the answer ones, to grow the minimal-pair window from."""
    around = {i for c in core for i in (c - 1, c + 1) if 0 <= i < len(spans)} - set(core)
    return sorted(around)[:1] if around else []


def build(embedder, config) -> list[Example]:  # type: ignore[no-untyped-def]
    from index.search.decision import Calibration

    sets = tuning_questions()
    files = training_files(sets)
    examples: list[Example] = []
    for name in CORPORA:
        corpus = load_corpus(name, config.core, embedder)
        searcher = Searcher(corpus.data, embedder, config.search, Calibration.read())
        questions = sets.get(name, [])
        made = corpus_examples(name, searcher, questions, files, embedder)
        offset = len(examples)
        examples += [Example(e.group, e.question, e.window, e.label, e.kind, e.pair + offset if e.pair >= 0 else -1)
                     for e in made]
        print(f"{name}: {len(made)} examples", file=sys.stderr, flush=True)
    return examples


def data_hash(examples: list[Example]) -> str:
    digest = hashlib.sha256()
    for e in examples:
        digest.update(json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def write(examples: list[Example], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_text("".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in examples), encoding="utf-8")
    temp.replace(path)


def read(path: Path) -> list[Example]:
    return [Example(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT))
    args = parser.parse_args()
    from bot.config import load_config
    from index.embedding.st_embedder import load_embedder

    config = load_config(args.config)
    examples = build(load_embedder(config.model), config)
    write(examples, Path(args.output))
    kinds: dict[str, int] = {}
    for e in examples:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    print(f"{len(examples)} examples ({kinds}), {len({e.group for e in examples})} interviews, "
          f"hash {data_hash(examples)[:16]}: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
