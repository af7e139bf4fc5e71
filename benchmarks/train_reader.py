"""Trains the reader (index/reading): LoRA adapters and a linear head on the shipped e5-small's lower layers, on the
examples benchmarks/reader_data.py makes by rules from the tuning sets and the fixture interviews.

    .venv/bin/python benchmarks/train_reader.py [--folds 4] [--layers 6] [--epochs 3] [--seed 13] [--threads 2]

First the interview folds (--folds, at least 4 for held-out figures; 0 skips them): the interviews are split into
folds of about equal size, and for each fold a reader is trained without its interviews and scored on them. Then the
reader on every example, written with its manifest (base model fingerprint, data hash, seed, settings, the folds'
held-out figures, wall time) to index/reading/adapter/. Seeded; resumable: a run killed at any point goes on from its
last checkpoint (every --checkpoint steps, under .cache/reader/runs/) when started again with the same settings;
a finished fold or final run is not trained again. `interview-qa model build` exports the reader to ONNX.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import reader_data  # noqa: E402
from index.reading.reader import (ADAPTER_DIR, ADAPTER_FILES, MANIFEST, MAX_QUESTION_TOKENS, MAX_TOKENS,  # noqa: E402
                                  READER_FORMAT, file_digest, pair_ids)

RUNS = ROOT / ".cache" / "reader" / "runs"


def settings_key(args: argparse.Namespace, data_hash: str) -> str:
    wanted = {k: getattr(args, k) for k in ("layers", "rank", "alpha", "dropout", "epochs", "batch", "lr", "seed",
                                            "max_tokens", "folds")}
    return hashlib.sha256(json.dumps({**wanted, "data": data_hash}, sort_keys=True).encode()).hexdigest()[:12]


def assign_folds(examples: list[reader_data.Example], folds: int) -> dict[str, int]:
    """Interviews to folds: the largest first, each to the fold with the fewest examples so far (deterministic)."""
    sizes: dict[str, int] = {}
    for e in examples:
        sizes[e.group] = sizes.get(e.group, 0) + 1
    totals = [0] * folds
    out: dict[str, int] = {}
    for group in sorted(sizes, key=lambda g: (-sizes[g], g)):
        k = min(range(folds), key=lambda i: (totals[i], i))
        out[group] = k
        totals[k] += sizes[group]
    return out


def batches(n: int, size: int, seed: int, epoch: int) -> list[list[int]]:
    order = np.random.default_rng(seed * 1000 + epoch).permutation(n).tolist()
    return [order[i:i + size] for i in range(0, n, size)]


def tensors(rows: list[list[int]], pad: int):  # type: ignore[no-untyped-def]
    import torch

    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1
    return ids, mask


def train(name: str, rows: list[list[int]], labels: list[int], args: argparse.Namespace, base_folder: Path,
          pad: int, out: Path) -> dict[str, float]:
    """One reader on `rows`; resumable from out/checkpoint.pt; the adapter written to `out` when done."""
    import torch
    from peft import get_peft_model_state_dict, set_peft_model_state_dict
    from tqdm import tqdm

    from index.reading.model import Pooled, load_base, save_adapter, with_lora

    done = out / "done.json"
    if done.exists():
        return json.loads(done.read_text())
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    base = load_base(base_folder, args.layers)
    for p in base.parameters():
        p.requires_grad_(False)
    model = Pooled(with_lora(base, args.rank, args.alpha, args.dropout), int(base.config.hidden_size))
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=0.01)
    per_epoch = (len(rows) + args.batch - 1) // args.batch
    total = per_epoch * args.epochs
    warmup = max(1, total // 20)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (total - s) / max(1, total - warmup)))
    step, spent = 0, 0.0
    checkpoint = out / "checkpoint.pt"
    if checkpoint.exists():
        state = torch.load(checkpoint, weights_only=False)
        set_peft_model_state_dict(model.transformer, state["lora"])
        model.head.load_state_dict(state["head"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        torch.set_rng_state(state["rng"])
        step, spent = int(state["step"]), float(state["seconds"])
    loss_fn = torch.nn.BCEWithLogitsLoss()
    y = torch.tensor(labels, dtype=torch.float32)
    model.train()
    bar = tqdm(total=total, initial=step, desc=name, unit="step", dynamic_ncols=True)
    began = time.perf_counter() - spent
    running = None
    for epoch in range(args.epochs):
        for b, index in enumerate(batches(len(rows), args.batch, args.seed, epoch)):
            if epoch * per_epoch + b < step:
                continue
            ids, mask = tensors([rows[i] for i in index], pad)
            loss = loss_fn(model(ids, mask), y[index])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            running = float(loss) if running is None else 0.95 * running + 0.05 * float(loss)
            bar.update(1)
            bar.set_postfix(loss=f"{running:.3f}", epoch=epoch + 1)
            if step % args.checkpoint == 0 or step == total:
                temp = checkpoint.with_suffix(".tmp")
                torch.save({"lora": get_peft_model_state_dict(model.transformer), "head": model.head.state_dict(),
                            "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(),
                            "rng": torch.get_rng_state(), "step": step,
                            "seconds": time.perf_counter() - began}, temp)
                os.replace(temp, checkpoint)
    bar.close()
    model.eval()
    save_adapter(model, out)
    result = {"steps": step, "seconds": round(time.perf_counter() - began, 1), "examples": len(rows)}
    done.write_text(json.dumps(result))
    checkpoint.unlink(missing_ok=True)
    return result


def run_manifest(folder: Path, args: argparse.Namespace, base: dict[str, object], **extra: object) -> dict:
    """The manifest of a trained adapter folder (index.reading.reader.adapter_problem checks its file hashes)."""
    manifest = {
        "format": READER_FORMAT, "base": base,
        "layers": args.layers, "max_tokens": args.max_tokens, "max_question_tokens": MAX_QUESTION_TOKENS,
        "window_chars": reader_data.WINDOW_CHARS,
        "lora": {"rank": args.rank, "alpha": args.alpha, "dropout": args.dropout},
        **extra,
        "files": {name: file_digest(folder / name) for name in ADAPTER_FILES},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def score(out: Path, rows: list[list[int]], base_folder: Path, pad: int) -> list[float]:
    """Probabilities of the reader in `out` (its manifest written) on `rows` (PyTorch, the merged model)."""
    import torch

    from index.reading.model import load_merged

    model = load_merged(out, base_folder)
    probabilities: list[float] = []
    with torch.no_grad():
        for i in range(0, len(rows), 64):
            ids, mask = tensors(rows[i:i + 64], pad)
            probabilities += torch.sigmoid(model(ids, mask)).tolist()
    return probabilities


def figures(examples: list[reader_data.Example], p: list[float], indices: list[int]) -> dict[str, object]:
    """AUC, accuracy at 0.5, mean probability by kind, and how often the answer window beats its minimal pair
    (`indices`: each example's place in the whole list, which `pair` refers to)."""
    y = np.asarray([e.label for e in examples])
    prob = np.asarray(p)
    pos, neg = prob[y == 1], prob[y == 0]
    auc = float(np.mean(pos[:, None] > neg[None, :]) + 0.5 * np.mean(pos[:, None] == neg[None, :])) \
        if pos.size and neg.size else float("nan")
    by_kind = {kind: round(float(np.mean([q for e, q in zip(examples, p) if e.kind == kind])), 4)
               for kind in sorted({e.kind for e in examples})}
    local = {g: i for i, g in enumerate(indices)}
    pairs = [(i, local[e.pair]) for i, e in enumerate(examples) if e.kind == "minimal" and e.pair in local]
    return {"examples": len(examples), "auc": round(auc, 4), "accuracy": round(float(np.mean((prob >= 0.5) == y)), 4),
            "mean_probability": by_kind, "minimal_pairs": len(pairs),
            "minimal_pair_drop": round(float(np.mean([p[a] > p[i] for i, a in pairs])), 4) if pairs else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--examples", default=str(reader_data.DEFAULT_OUTPUT))
    parser.add_argument("--output", default=str(ADAPTER_DIR))
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--only-folds", action="store_true", help="train and score the folds, not the final reader")
    parser.add_argument("--only", metavar="RUN", help="train just this one: fold0, fold1, ... or final (several "
                        "processes can train different ones at once; a last run without --only gathers them)")
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--alpha", type=int, default=16)
    parser.add_argument("--dropout", type=float, default=0.05)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1 holds up best on shared cores)")
    parser.add_argument("--checkpoint", type=int, default=25, help="steps between checkpoints")
    args = parser.parse_args()
    began = time.perf_counter()

    import torch

    from bot.config import load_config
    from index.embedding.e5_folder import ensure_builtin_model
    from index.embedding.identity import resolve_model
    from index.embedding.question_encoder import encoder_dir, load_tokenizer, read_meta

    torch.set_num_threads(args.threads)
    config = load_config(args.config)
    base_folder = ensure_builtin_model(Path(config.model.cache_dir))
    ref = resolve_model(config.model)
    encoder = encoder_dir(config.model.cache_dir, ref.fingerprint or "")
    meta = read_meta(encoder)
    if meta is None:
        raise SystemExit(f"no question encoder in {encoder}: run `interview-qa model build` first")
    tokenizer = load_tokenizer(encoder, 512)
    pad = int(meta["pad_id"])

    path = Path(args.examples)
    if not path.exists():
        from index.embedding.st_embedder import load_embedder

        reader_data.write(reader_data.build(load_embedder(config.model), config), path)
    examples = reader_data.read(path)
    data_hash = reader_data.data_hash(examples)
    rows = [pair_ids(tokenizer, e.question, e.window, args.max_tokens, MAX_QUESTION_TOKENS) for e in examples]
    labels = [e.label for e in examples]
    key = settings_key(args, data_hash)
    base = {"name": ref.name, "fingerprint": ref.fingerprint}
    run = RUNS / key
    print(f"{len(examples)} examples over {len({e.group for e in examples})} interviews (data {data_hash[:12]}); "
          f"run {run}", file=sys.stderr)

    if args.only == "final":
        train("final", rows, labels, args, base_folder, pad, run / "final")
        return 0
    held_out: dict[str, object] = {}
    if args.folds:
        folds = assign_folds(examples, args.folds)
        predictions = [float("nan")] * len(examples)
        per_fold = []
        for k in range(args.folds):
            train_idx = [i for i, e in enumerate(examples) if folds[e.group] != k]
            test_idx = [i for i, e in enumerate(examples) if folds[e.group] == k]
            out = run / f"fold{k}"
            if args.only and args.only != f"fold{k}":
                continue
            result = train(f"fold {k + 1}/{args.folds}", [rows[i] for i in train_idx], [labels[i] for i in train_idx],
                           args, base_folder, pad, out)
            run_manifest(out, args, base, fold=k, run=key,
                         interviews=sorted(g for g, f in folds.items() if f != k))
            scored = out / "held_out.json"
            if not scored.exists():
                scored.write_text(json.dumps(score(out, [rows[i] for i in test_idx], base_folder, pad)))
            for i, p in zip(test_idx, json.loads(scored.read_text())):
                predictions[i] = p
            fold_figures = figures([examples[i] for i in test_idx], [predictions[i] for i in test_idx], test_idx)
            per_fold.append({"fold": k, "held_out_interviews": sorted(g for g, f in folds.items() if f == k),
                             "train_seconds": result["seconds"], **fold_figures})
            print(f"fold {k}: {json.dumps(fold_figures, ensure_ascii=False)}", file=sys.stderr)
        if args.only:
            return 0
        overall = figures(examples, predictions, list(range(len(examples))))
        held_out = {"folds": per_fold, "overall": overall, "fold_of": folds}
        (run / "folds.json").write_text(json.dumps(held_out, ensure_ascii=False, indent=1))
        print(f"held out, all folds: {json.dumps(overall, ensure_ascii=False)}")
    if args.only_folds:
        return 0

    out = run / "final"
    result = train("final", rows, labels, args, base_folder, pad, out)
    target = Path(args.output)
    target.mkdir(parents=True, exist_ok=True)
    for name in ADAPTER_FILES:
        (target / name).write_bytes((out / name).read_bytes())
    for stale in target.iterdir():
        if stale.name not in (*ADAPTER_FILES, MANIFEST):
            stale.unlink()
    run_manifest(
        target, args, base, run=key,
        training={"epochs": args.epochs, "batch": args.batch, "lr": args.lr, "seed": args.seed, "threads": args.threads,
                  "steps": result["steps"], "seconds": result["seconds"], "trained": dt.date.today().isoformat()},
        data={"hash": data_hash, "examples": len(examples), "positives": int(sum(labels)),
              "interviews": sorted({e.group for e in examples}),
              "kinds": {k: sum(1 for e in examples if e.kind == k) for k in sorted({e.kind for e in examples})}},
        held_out={k: v for k, v in held_out.items() if k != "fold_of"})
    print(f"wrote {target} ({sum((target / n).stat().st_size for n in ADAPTER_FILES) / 1e6:.1f} MB); "
          f"wall time {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
