"""Retrieval benchmark: BM25-only, dense-only and the full pipeline on the dev sets, in one run, by way of asking.

    .venv/bin/python benchmarks/retrieval.py [--json] [--scale 100000] [--misses] [--encoders [--write-verdict]]
                                             [--sets NAME ...] [--pooled]

Two corpora (benchmarks/corpora.py): the shipped one (the seed interview) with tests/data/dev/seed.jsonl, and the
13-bureau one with tests/data/dev/bureaus.jsonl. The dev sets are never read by calibrate.py. Each baseline gets a
"not found" threshold on its own top score, fitted on the tuning sets at no more than 1% answerable questions
refused, so every row is measured the same way; baselines have no "low confidence" outcome. Latency is warm,
single-threaded, one question at a time, embedding included. The scale part times the pipeline on a synthetic index
(random unit vectors, texts of the corpus's characters) with real question embeddings.

With the reader (index/reading) built and its decision fitted (calibration.json), each table has a row
`pipeline+reader` beside `pipeline` (the same search with search.reader on, float reader), with the share of questions
it read (`read`) and its cost; `--readers` compares the float and the int8 reader on both dev sets, and with
`--write-verdict` records in calibration.json which answers (int8 where each set's R@1, R@3, answered, high and not
found are no lower than float's by more than one question). Every row gives p50/p95 and mean ms, and searches per
second on one core (1000 / mean ms: questions are answered one at a time, on one thread).

`--sets` runs only the named dev sets; `--pooled` adds the "pooled" corpus: every interview of every dev set in one
index (some 150 documents of some forty cities), asked every dev set's answerable questions, as a deployment that
holds many cities' same bureaus would be (the unanswerable ones were written for their own corpus, which the others
may answer). With two or more new-layout sets run (`layouts...`), a last line gives them together: all their
questions, each asked over its own batch's corpus, scored as one set.

The tables above use the float question encoder (the reference). `--encoders` then runs the pipeline on both dev
sets with the float and the quantized question encoder side by side (index/embedding/question_encoder.py): R@1,
R@3, MRR, every outcome, latency, and the questions whose outcome or rank of the first right passage differs. The
quantized encoder keeps retrieval equal when at most one dev question differs; `--write-verdict` records the result
in index/embedding/quantized.json, which `model.question_encoder: auto` follows.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import load_corpus, question_sets  # noqa: E402
from bot.config import load_config  # noqa: E402
from index.embedding.st_embedder import load_embedder  # noqa: E402
from index.evaluation import Question, Report, evaluate  # noqa: E402
from index.records import Hit, Passage, SearchResult  # noqa: E402
from index.search.searcher import Searcher  # noqa: E402
from index.records import IndexData  # noqa: E402
from index.store.keyword import KeywordIndex  # noqa: E402
from index.store.vectors import VectorIndex, set_threads  # noqa: E402
from index.text import normalize_query, to_simplified  # noqa: E402

MAX_FALSE_REFUSAL = 0.01
TOP_K = 3
TARGETS = {"answered": 0.98, "answered_high": 0.85, "R@1": 0.93, "R@3": 0.98, "MRR": 0.95, "bureau_right": 0.97,
           "not_found": 0.80, "not_found_or_low": 0.95}
Answer = Callable[[str], SearchResult]


def percentile_ms(samples: list[float], q: float) -> float:
    return round(float(np.percentile(np.asarray(samples) * 1000, q)), 2)


def baseline(searcher: Searcher, feature: str) -> Callable[[str, float], SearchResult]:
    """A one-signal search: rank by `feature` alone, refuse when its top value is under the threshold."""

    def run(question: str, threshold: float) -> SearchResult:
        query = normalize_query(question)
        if not query:
            return SearchResult(question, False, reason="empty")
        if feature == "bm25":
            scores = searcher.data.text_keywords.scores(query)
            order = np.argsort(-scores, kind="stable")[:TOP_K]
            top = [(int(i), float(scores[i])) for i in order]
        else:
            vector = searcher.embedder.embed_queries([query])[0]
            ids, sims = searcher.data.vectors.search(vector, TOP_K)
            top = [(int(i), float(s)) for i, s in zip(ids, sims)]
        if not top or top[0][1] < threshold:
            return SearchResult(question, False, reason="not_covered")
        hits = tuple(Hit(searcher.data.passages[i], s) for i, s in top)
        return SearchResult(question, True, hits, confidence="high")

    return run


def fit_threshold(run: Callable[[str, float], SearchResult], tuning: list[Question]) -> float:
    """The highest threshold that refuses at most MAX_FALSE_REFUSAL of the answerable tuning questions."""
    tops = sorted(run(q.q, -1e9).hits[0].score for q in tuning if q.expect is not None)
    return tops[int(MAX_FALSE_REFUSAL * len(tops))] - 1e-6 if tops else 0.0


Asked = list[tuple[Question, SearchResult]]  # each question with its result


def measure(answer: Answer, questions: list[Question], reader=None) -> tuple[Report, list[float], float | None, Asked]:  # type: ignore[no-untyped-def]
    """The report, each question's time, the share of questions the reader read (None without a reader), and each
    question with its result."""
    for question in questions[:20]:  # warm-up
        answer(question.q)
    pairs, times = [], []
    calls = reader.calls if reader is not None else 0
    for question in questions:
        start = time.perf_counter()
        result = answer(question.q)
        times.append(time.perf_counter() - start)
        pairs.append((question, result))
    read = (reader.calls - calls) / max(1, len(questions)) if reader is not None else None
    return evaluate(pairs), times, read, pairs


def bureau_by_city(pairs: Asked, data: IndexData) -> dict[str, str]:
    """The pipeline's top hit's bureau right ("right/asked") split by whether the question names a city of the corpus,
    and, when it does not, whether the corpus has the kind of bureau it asks in one city or in several (then other
    cities' same bureaus answer it with their own figures)."""
    cities: dict[str, set[str]] = {}  # kind of bureau -> the cities that have one
    for passage in data.passages:
        if passage.bureau and "市" in passage.bureau:
            city, kind = passage.bureau.split("市", 1)
            cities.setdefault(kind, set()).add(city)
    names = {city for found in cities.values() for city in found}
    groups: dict[str, list[int]] = {"names its city": [0, 0], "no city, one city has that bureau": [0, 0],
                                    "no city, several have it": [0, 0]}
    for question, result in pairs:
        if question.expect is None or not question.bureau:
            continue
        text = to_simplified(question.q)
        kind = question.bureau.split("市", 1)[1] if "市" in question.bureau else ""
        group = ("names its city" if any(city in text for city in names) else
                 "no city, several have it" if len(cities.get(kind, ())) > 1 else "no city, one city has that bureau")
        groups[group][0] += bool(result.hits) and result.hits[0].passage.bureau == question.bureau
        groups[group][1] += 1
    return {name: f"{right}/{asked}" for name, (right, asked) in groups.items()}


def row(name: str, report: Report, times: list[float], read: float | None = None) -> dict:
    o = report.overall.to_dict()
    mean = float(np.mean(times)) * 1000 if times else float("nan")
    return {"name": name, **{k: o[k] for k in ("R@1", "R@3", "MRR", "bureau_right", "answered", "answered_high",
                                                "R@1_high", "not_found", "not_found_or_low")},
            "read": "" if read is None else round(read, 3),
            "p50_ms": percentile_ms(times, 50), "p95_ms": percentile_ms(times, 95), "mean_ms": round(mean, 2),
            "per_s_core": round(1000 / mean, 1) if mean else ""}


def reader_of(embedder, config, variant: str = "float"):  # type: ignore[no-untyped-def]
    """The reader built for the committed adapter (interview-qa model build), or None."""
    from index.reading.reader import load_reader

    return load_reader(config.model.cache_dir, embedder.fingerprint, variant)


def with_reader(searcher: Searcher, reader, config) -> Searcher | None:  # type: ignore[no-untyped-def]
    """The searcher with the reader on (search.reader: on), when the reader and its fitted decision are there."""
    from dataclasses import replace

    if reader is None or searcher.calibration.reader is None or searcher.calibration.reader.adapter != reader.digest:
        return None
    return Searcher(searcher.data, searcher.embedder, replace(config.search, reader="on"), searcher.calibration,
                    reader)


def synthetic_index(size: int, dim: int, seed_texts: list[str], rng: np.random.Generator) -> IndexData:
    """`size` passages of random corpus characters with random unit vectors, three sentences each."""
    alphabet = np.array(sorted({c for t in seed_texts for c in t if "\u4e00" <= c <= "\u9fff"}))
    texts = ["".join(rng.choice(alphabet, 150)) for _ in range(size)]
    passages = tuple(
        Passage(passage_id=f"syn-{i}", interview_id=f"int-{i // 20}", kind="answer", text=t, start=0, end=len(t),
                file=f"synthetic/{i // 20}.txt", bureau=f"某市{i % 50}局", interviewee="某某", speaker="某某",
                question=f"问题{i // 20}", heading=None, turn=0)
        for i, t in enumerate(texts)
    )

    def unit(n: int) -> np.ndarray:
        v = rng.standard_normal((n, dim)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    vectors = unit(size)
    sentences = [t[k * 50 : (k + 1) * 50] for t in texts for k in range(3)]
    return IndexData(
        manifest={}, passages=passages, passage_vectors=vectors, sentence_vectors=unit(3 * size),
        sentence_owner=np.repeat(np.arange(size, dtype=np.int32), 3),
        sentence_spans=np.tile(np.array([[0, 50], [50, 100], [100, 150]], dtype=np.int32), (size, 1)),
        heading_vectors=np.zeros((0, dim), np.float32), passage_heading=np.full(size, -1, np.int32),
        question_vectors=unit(size // 20 + 1), passage_question=(np.arange(size) // 20).astype(np.int32),
        vectors=VectorIndex.build(vectors), text_keywords=KeywordIndex.build(texts),
        meta_keywords=KeywordIndex.build([p.question or "" for p in passages]),
        sentence_keywords=KeywordIndex.build(sentences), vocabulary={},
    )


def by_style_table(reports: dict[str, Report]) -> list[str]:
    styles = sorted({s for r in reports.values() for s in r.by_style})
    names = list(reports)
    lines = ["| style | n | " + " | ".join(f"{n} R@1" for n in names) + " | " + " | ".join(
        f"{n} answered / not found" for n in names) + " | " + " | ".join(
        f"{n} high / low" for n in ("pipeline", "pipeline+reader") if n in reports) + " |",
             "|---|---|" + "---|" * (2 * len(names) + sum(n in reports for n in ("pipeline", "pipeline+reader")))]
    for style in styles:
        first = reports[names[0]].by_style[style]
        answerable = first.answerable > 0
        r1 = [f"{reports[n].by_style[style].recall_at_1:.2f}" if answerable else "—" for n in names]
        ok = [f"{(reports[n].by_style[style].answered if answerable else reports[n].by_style[style].not_found):.2f}"
              for n in names]
        mixes = []
        for name in [n for n in ("pipeline", "pipeline+reader") if n in reports]:
            p = reports[name].by_style[style]
            mixes.append(f"{p.answered_high:.2f} / {p.answered - p.answered_high:.2f}" if answerable
                         else f"{1 - p.not_found_or_low:.2f} / {p.not_found_or_low - p.not_found:.2f}")
        lines.append(f"| {style} | {first.questions} | " + " | ".join(r1) + " | " + " | ".join(ok) + " | "
                     + " | ".join(mixes) + " |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--scale", type=int, default=100_000, help="synthetic passages for the scale test (0: skip)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list the pipeline's misses")
    parser.add_argument("--sets", nargs="+", help="only these dev sets (default: all)")
    parser.add_argument("--pooled", action="store_true", help="also every answerable dev question over all interviews")
    parser.add_argument("--encoders", action="store_true", help="compare the float and quantized question encoders")
    parser.add_argument("--readers", action="store_true", help="compare the float and int8 readers")
    parser.add_argument("--write-verdict", action="store_true",
                        help="with --encoders: record the comparison in index/embedding/quantized.json; with "
                             "--readers: the reader variant in index/search/calibration.json")
    args = parser.parse_args()

    config = load_config(args.config)
    embedder = load_embedder(config.model)
    set_threads(1)
    dev, tuning = question_sets("dev"), question_sets("tuning")
    if args.sets:
        dev = {name: dev[name] for name in args.sets}
    if args.pooled:
        dev["pooled"] = [q for questions in question_sets("dev").values() for q in questions if q.expect is not None]
    out: dict[str, object] = {"machine": f"{platform.machine()}, Python {platform.python_version()}"}
    reader = reader_of(embedder, config)
    together: Asked = []  # the pipeline's answers on every new-layout set, each asked over its own corpus
    together_sets = 0
    for corpus_name, questions in dev.items():
        data = load_corpus(corpus_name, config.core, embedder).data
        searcher = Searcher(data, embedder, config.search)
        answers: dict[str, Answer] = {}
        for name, feature in (("bm25", "bm25"), ("dense", "dense")):
            run = baseline(searcher, feature)
            # a corpus without tuning questions (layouts) gives the baselines no "not found" threshold
            threshold = fit_threshold(run, tuning[corpus_name]) if corpus_name in tuning else float("-inf")
            answers[name] = lambda q, run=run, t=threshold: run(q, t)
        answers["pipeline"] = lambda q: searcher.search(q, top_k=TOP_K)
        reading = with_reader(searcher, reader, config)
        if reading is not None:
            answers["pipeline+reader"] = lambda q: reading.search(q, top_k=TOP_K)
        reports, rows, results = {}, [], {}
        for name, answer in answers.items():
            report, times, read, results[name] = measure(answer, questions,
                                                         reader if name == "pipeline+reader" else None)
            reports[name] = report
            rows.append(row(name, report, times, read))
        by_city = bureau_by_city(results["pipeline"], data)
        if corpus_name.startswith("layouts"):
            together += results["pipeline"]
            together_sets += 1
        out[corpus_name] = {"questions": len(questions), "rows": rows, "bureau_by_city": by_city,
                            "by_style": {n: {s: v.to_dict() for s, v in r.by_style.items()} for n, r in reports.items()}}
        if not args.json:
            print(f"\n## {corpus_name}: {len(questions)} dev questions ({reports['pipeline'].overall.answerable} "
                  f"answerable), {len(data.passages)} passages\n")
            keys = list(rows[0])
            print("| " + " | ".join(keys) + " |\n|" + "---|" * len(keys))
            for r in rows:
                print("| " + " | ".join(str(r[k]) for k in keys) + " |")
            print("| target | " + " | ".join(str(TARGETS.get(k, "")) for k in keys[1:]) + " |\n")
            print("\n".join(by_style_table(reports)))
            print("\npipeline, top hit's bureau right: " + "; ".join(f"{k} {v}" for k, v in by_city.items()))
            if args.misses:
                for miss in reports["pipeline"].misses:
                    print("  -", json.dumps(miss, ensure_ascii=False))
    if together_sets > 1:
        report = evaluate(together)
        out["layouts_together"] = report.overall.to_dict()
        if not args.json:
            print(f"\n## every new-layout set together ({report.overall.answerable} answerable, each over its own "
                  "batch's corpus): pipeline " + ", ".join(f"{k} {v}" for k, v in report.overall.to_dict().items()
                                                            if k in TARGETS))
    if args.readers:
        out["readers"] = compare_readers(embedder, config, dev, args.write_verdict)
        if not args.json:
            print_readers(out["readers"])
    if args.encoders:
        out["encoders"] = compare_encoders(embedder, config, dev, args.write_verdict)
        if not args.json:
            print_encoders(out["encoders"])
    if args.scale:
        out["scale"] = scale(args.scale, embedder, config, question_sets("dev")["shipped"])
        if not args.json:
            s = out["scale"]
            print(f"\nscale: {s['passages']} synthetic passages: search p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms")
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


MAX_DIFFERING = 1  # dev questions answered differently by the quantized encoder that still count as equal
ENCODER_FIGURES = ("R@1", "R@3", "MRR", "answered", "answered_high", "not_found", "not_found_or_low")


def outcome(question: Question, result: SearchResult) -> tuple[str, int | None]:
    """What a question got: high / low / not found, and the rank (1-3) of the first passage with an expected phrase."""
    if not result.answered:
        return "not_found", None
    rank = next((i + 1 for i, hit in enumerate(result.hits[:TOP_K]) if question.expect
                 and any(e in hit.passage.text for e in question.expect)), None)
    return str(result.confidence), rank


def compare_encoders(embedder, config, dev: dict[str, list[Question]], write: bool) -> dict:  # type: ignore[no-untyped-def]
    """The pipeline with the float and the quantized question encoder on each dev set (see the module docstring)."""
    import datetime as dt

    from index.embedding.question_encoder import QUANTIZED_RECIPE, VERDICT_FILE, QuestionEncoder

    if embedder.query_encoder is None:
        raise SystemExit("no ONNX question encoder for this model: run `interview-qa model build`")
    folder = embedder.query_encoder.folder
    encoders = {"float": QuestionEncoder(folder, "float", 1, embedder.query_prompt, embedder.passage_prompt)}
    encoders["quantized"] = encoders["float"].with_variant("quantized")
    report: dict[str, object] = {"recipe": QUANTIZED_RECIPE, "model": embedder.name,
                                 "fingerprint": embedder.fingerprint, "sets": {}}
    differing: list[dict] = []
    for corpus_name, questions in dev.items():
        data = load_corpus(corpus_name, config.core, embedder).data
        rows, outcomes = {}, {}
        for name, encoder in encoders.items():
            searcher = Searcher(data, encoder, config.search)
            answers = []
            for question in questions[:20]:  # warm-up
                searcher.search(question.q, top_k=TOP_K)
            times = []
            for question in questions:
                start = time.perf_counter()
                answers.append(searcher.search(question.q, top_k=TOP_K))
                times.append(time.perf_counter() - start)
            rows[name] = row(name, evaluate(zip(questions, answers)), times)
            outcomes[name] = [outcome(q, r) for q, r in zip(questions, answers)]
        for question, a, b in zip(questions, outcomes["float"], outcomes["quantized"]):
            if a != b:
                differing.append({"set": corpus_name, "q": question.q, "float": a, "quantized": b})
        report["sets"][corpus_name] = {"questions": len(questions), "rows": rows}  # type: ignore[index]
    report["differing"] = differing
    report["equal"] = len(differing) <= MAX_DIFFERING
    report["measured"] = dt.date.today().isoformat()
    report["machine"] = f"{platform.machine()}, Python {platform.python_version()}"
    if write:
        VERDICT_FILE.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


READER_FIGURES = ("R@1", "R@3", "answered", "answered_high", "not_found")


def compare_readers(embedder, config, dev: dict[str, list[Question]], write: bool) -> dict:  # type: ignore[no-untyped-def]
    """The pipeline with the float and the int8 reader on each dev set: int8 answers when, on every set, each of
    READER_FIGURES is no lower than float's by more than one question."""
    import datetime as dt

    from index.search.decision import CALIBRATION_FILE

    readers = {"float": reader_of(embedder, config, "float"), "quantized": reader_of(embedder, config, "quantized")}
    if any(r is None for r in readers.values()):
        raise SystemExit("no float and int8 reader built for the committed adapter: run `interview-qa model build`")
    report: dict[str, object] = {"sets": {}}
    equal = True
    for corpus_name, questions in dev.items():
        data = load_corpus(corpus_name, config.core, embedder).data
        rows = {}
        for name, reader in readers.items():
            searcher = with_reader(Searcher(data, embedder, config.search), reader, config)
            if searcher is None:
                raise SystemExit("the reader's decision is not fitted for the committed adapter: run calibrate.py")
            result, times, read, _ = measure(lambda q: searcher.search(q, top_k=TOP_K), questions, reader)
            rows[name] = row(name, result, times, read)
            rows[name]["_counts"] = {"answerable": result.overall.answerable, "unanswerable": result.overall.unanswerable}
        for figure in READER_FIGURES:
            n = rows["float"]["_counts"]["unanswerable" if figure == "not_found" else "answerable"]
            # in questions (the rows hold shares rounded to 4 places, which alone cannot tell one question apart)
            if round(rows["quantized"][figure] * n) < round(rows["float"][figure] * n) - 1:
                equal = False
        for r in rows.values():
            r.pop("_counts")
        report["sets"][corpus_name] = rows  # type: ignore[index]
    report["variant"] = "quantized" if equal else "float"
    report["measured"] = dt.date.today().isoformat()
    if write:
        raw = json.loads(CALIBRATION_FILE.read_text("utf-8"))
        raw["reader"]["variant"] = report["variant"]
        raw.setdefault("notes", {})["reader_variants"] = report
        CALIBRATION_FILE.write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def print_readers(report: dict) -> None:
    print("\n## reader: float vs int8\n")
    keys = ["set", "reader", *READER_FIGURES, "read", "p50_ms", "p95_ms", "mean_ms"]
    print("| " + " | ".join(keys) + " |\n|" + "---|" * len(keys))
    for name, rows in report["sets"].items():
        for variant, r in rows.items():
            print("| " + " | ".join([name, variant, *(str(r[k]) for k in keys[2:])]) + " |")
    print(f"\nthe reader that answers: {report['variant']}")


def print_encoders(report: dict) -> None:
    print(f"\n## question encoder: float vs quantized ({report['recipe']})\n")
    keys = ["set", "encoder", *ENCODER_FIGURES, "p50_ms", "p95_ms"]
    print("| " + " | ".join(keys) + " |\n|" + "---|" * len(keys))
    for name, entry in report["sets"].items():
        for encoder, r in entry["rows"].items():
            print("| " + " | ".join([name, encoder, *(str(r[k]) for k in ENCODER_FIGURES),
                                     str(r["p50_ms"]), str(r["p95_ms"])]) + " |")
    print(f"\nquestions answered differently: {len(report['differing'])} (equal when <= {MAX_DIFFERING}): "
          f"{'quantized keeps retrieval equal' if report['equal'] else 'float stays the default'}")
    for d in report["differing"]:
        print(f"  - [{d['set']}] float {d['float']} / quantized {d['quantized']}: {d['q']}")


def scale(size: int, embedder, config, questions: list[Question]) -> dict:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(7)
    shipped = load_corpus("shipped", config.core, embedder).data
    data = synthetic_index(size, embedder.dim, [p.text for p in shipped.passages], rng)
    searcher = Searcher(data, embedder, config.search)
    texts = [q.q for q in questions[:60]]
    for text in texts[:5]:
        searcher.search(text)
    times = []
    for text in texts:
        start = time.perf_counter()
        searcher.search(text)
        times.append(time.perf_counter() - start)
    return {"passages": size, "p50_ms": percentile_ms(times, 50), "p95_ms": percentile_ms(times, 95)}


if __name__ == "__main__":
    sys.exit(main())
