"""An experiment, not part of the product: does a linear map on the question's vector, trained on the tuning
questions, rank passages better by cosine alone? Prints dense R@1 held out by interview and on the dev sets.

    .venv/bin/python benchmarks/query_adapter.py [--l2 0.001 0.01 0.1 1.0]

The map W (384 x 384 for e5-small) starts at the identity; each tuning question's vector times W, normalised, is
scored against every passage of its corpus, and a softmax loss (temperature TEMPERATURE) puts its right passages
(those holding an expected phrase) first, with an L2 penalty on W - I. "Held out": the tuning interviews in 4 folds,
each scored by a map trained on the other three. Results: docs/measurements.md ("A linear query adapter").
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpora import load_corpus, question_sets  # noqa: E402
from bot.config import load_config  # noqa: E402
from index.embedding.st_embedder import load_embedder  # noqa: E402
from index.text import normalize_query  # noqa: E402

TEMPERATURE = 0.03
EPOCHS = 60
BATCH = 32
FOLDS = 4
Row = tuple[str, np.ndarray, list[int], str]  # corpus, question vector, right passages, interview


def rows_of(kind: str, names: list[str], corpora: dict, config, embedder) -> list[Row]:  # type: ignore[no-untyped-def]
    """The answerable questions of the sets, embedded, with the rows of the passages that hold their answer."""
    sets, rows = question_sets(kind), []
    for name in names:
        if name not in corpora:
            corpora[name] = load_corpus(name, config.core, embedder).data
        texts = [p.text for p in corpora[name].passages]
        questions = [q for q in sets[name] if q.expect]
        vectors = embedder.embed_queries([normalize_query(q.q) for q in questions])
        for question, vector in zip(questions, vectors):
            right = [i for i, text in enumerate(texts) if any(e in text for e in question.expect)]
            if right:
                rows.append((name, np.asarray(vector, dtype=np.float32), right, question.file or name))
    return rows


def train(rows: list[Row], passages: dict, l2: float, seed: int = 0):  # type: ignore[no-untyped-def]
    import torch

    torch.manual_seed(seed)
    dim = rows[0][1].shape[0]
    delta = torch.zeros(dim, dim, requires_grad=True)
    optimiser = torch.optim.Adam([delta], lr=1e-3)
    order = list(rows)
    for epoch in range(EPOCHS):
        random.Random(epoch + seed).shuffle(order)
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            loss = torch.zeros(())
            for name, vector, right, _ in batch:
                query = torch.from_numpy(vector) @ (torch.eye(dim) + delta)
                scores = passages[name] @ (query / query.norm()) / TEMPERATURE
                loss = loss + torch.logsumexp(scores, 0) - torch.logsumexp(scores[right], 0)
            loss = loss / len(batch) + l2 * (delta ** 2).sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return (torch.eye(dim) + delta).detach().numpy()


def recall_at_1(rows: list[Row], passages: dict, adapter: np.ndarray | None = None) -> float:
    hits = 0
    for name, vector, right, _ in rows:
        query = vector if adapter is None else vector @ adapter
        query = query / np.linalg.norm(query)
        hits += int(np.argmax(passages[name].numpy() @ query)) in right
    return hits / max(1, len(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, nargs="+", default=[0.001, 0.01, 0.1, 1.0])
    args = parser.parse_args()
    import torch

    config = load_config(str(ROOT / "config.yaml"))
    embedder = load_embedder(config.model)
    corpora: dict = {}
    tuning = rows_of("tuning", ["shipped", "bureaus", "layouts2"], corpora, config, embedder)
    dev_sets = ["shipped", "bureaus", "layouts", "layouts3"]
    dev = rows_of("dev", dev_sets, corpora, config, embedder)
    passages = {name: torch.from_numpy(np.asarray(data.passage_vectors, dtype=np.float32))
                for name, data in corpora.items()}
    interviews = sorted({row[3] for row in tuning})
    random.Random(1).shuffle(interviews)
    folds = [set(interviews[i::FOLDS]) for i in range(FOLDS)]
    print("| L2 | held out | " + " | ".join(f"{name} dev" for name in dev_sets) + " |")
    print("|---" * (2 + len(dev_sets)) + "|")
    baseline = [recall_at_1([r for r in dev if r[0] == name], passages) for name in dev_sets]
    print(f"| none | {recall_at_1(tuning, passages):.3f} | " + " | ".join(f"{v:.3f}" for v in baseline) + " |")
    for l2 in args.l2:
        held = 0.0
        for fold in folds:
            scored = [r for r in tuning if r[3] in fold]
            adapter = train([r for r in tuning if r[3] not in fold], passages, l2)
            held += recall_at_1(scored, passages, adapter) * len(scored)
        adapter = train(tuning, passages, l2)
        figures = [recall_at_1([r for r in dev if r[0] == name], passages, adapter) for name in dev_sets]
        print(f"| {l2:g} | {held / len(tuning):.3f} | " + " | ".join(f"{v:.3f}" for v in figures) + " |")


if __name__ == "__main__":
    main()
