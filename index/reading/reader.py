"""The reader when answering, torch-free: the probability that a window of a passage answers a question.

The reader folder (`<cache>/readers/<digest>-v1/`, written by index.reading.build from the committed adapter) holds
reader.json, the merged transformer as ONNX (float.onnx; int8.onnx, dynamic int8), the word embedding table as a
float16 array read from disk on demand (words.npy: only the rows of the tokens seen are paged in, so the 250k-piece
table costs no memory up front) and the tokenizer. A missing or tampered adapter, or a folder built from another
one, leaves the reader off with one warning: the decision without it stands."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("interview_qa.reader")

READER_FORMAT = 1
ADAPTER_DIR = Path(__file__).with_name("adapter")
MANIFEST = "manifest.json"
READER_META = "reader.json"
ADAPTER_FILES = ("adapter_config.json", "adapter_model.safetensors", "head.safetensors")
VARIANT_FILES = {"float": "float.onnx", "quantized": "int8.onnx"}
WORDS_FILE = "words.npy"
MAX_TOKENS = 96  # question + window, with the special tokens
MAX_QUESTION_TOKENS = 32
QUERY_PREFIX, WINDOW_PREFIX = "query: ", "passage: "


def pair_ids(tokenizer: Any, question: str, window: str, max_tokens: int = MAX_TOKENS,
             max_question: int = MAX_QUESTION_TOKENS) -> list[int]:
    """`<s> query: Q </s> passage: W </s>` as token ids: the question cut to `max_question` tokens, the window to what
    is left of `max_tokens` (each keeps its closing `</s>`). The same at training time and when answering."""
    q = tokenizer.encode_ids(QUERY_PREFIX + question)
    if len(q) > max_question:
        q = q[: max_question - 1] + q[-1:]
    w = tokenizer.encode_ids(WINDOW_PREFIX + window)[1:]
    room = max(2, max_tokens - len(q))
    if len(w) > room:
        w = w[: room - 1] + w[-1:]
    return q + w


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def adapter_problem(folder: Path = ADAPTER_DIR) -> str | None:
    """Why the adapter folder cannot be used (missing, unreadable, a file changed since the manifest was written),
    or None."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as error:
        return f"no readable {MANIFEST} in {folder} ({type(error).__name__})"
    if not isinstance(manifest, dict) or manifest.get("format") != READER_FORMAT:
        return f"{folder / MANIFEST} is not a reader manifest of format {READER_FORMAT}"
    files = manifest.get("files") or {}
    for name in ADAPTER_FILES:
        path = folder / name
        if not path.is_file():
            return f"{path} is missing"
        if files.get(name) != file_digest(path):
            return f"{path} differs from the manifest (changed or damaged)"
    return None


def adapter_digest(folder: Path = ADAPTER_DIR) -> str:
    """One hash over the adapter's files and manifest: the reader folder built from it is named after it."""
    digest = hashlib.sha256()
    for name in (*ADAPTER_FILES, MANIFEST):
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
    return digest.hexdigest()


def read_manifest(folder: Path = ADAPTER_DIR) -> dict[str, Any]:
    return json.loads((folder / MANIFEST).read_text("utf-8"))


def reader_dir(cache_dir: Path, fingerprint: str, digest: str) -> Path:
    """Where the reader built from adapter `digest` for the base model `fingerprint` lives."""
    key = hashlib.sha256(f"{fingerprint}\0{digest}".encode()).hexdigest()[:16]
    return Path(cache_dir) / "readers" / f"{key}-v{READER_FORMAT}"


def read_meta(folder: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads((Path(folder) / READER_META).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) and meta.get("format") == READER_FORMAT else None


class Reader:
    """question + windows -> probabilities that each window answers the question (ONNX Runtime, one thread)."""

    def __init__(self, folder: Path, variant: str = "float", threads: int = 1) -> None:
        from index.embedding.question_encoder import _session, load_tokenizer
        from index.errors import ModelUnavailableError

        meta = read_meta(folder)
        if meta is None or VARIANT_FILES.get(variant) not in meta.get("variants", {}):
            raise ModelUnavailableError(f"no {variant} reader in {folder}: run `interview-qa model build`")
        self.folder, self.variant = Path(folder), variant
        self.digest: str = meta["adapter"]
        self.max_tokens = int(meta.get("max_tokens", MAX_TOKENS))
        self.max_question = int(meta.get("max_question", MAX_QUESTION_TOKENS))
        self._pad = int(meta["pad_id"])
        try:
            self._tokenizer = load_tokenizer(self.folder, 512)
            self._words = np.load(self.folder / WORDS_FILE, mmap_mode="r")
            self._session = _session(self.folder / VARIANT_FILES[variant], threads)
        except Exception as exc:  # noqa: BLE001 - a damaged folder: one clear line
            raise ModelUnavailableError(f"the reader in {folder} does not load ({type(exc).__name__}: {exc}); "
                                        "delete the folder and run `interview-qa model build`") from exc
        self._lock = threading.Lock()
        self.calls = 0  # ONNX runs so far (benchmarks count them)

    def ids(self, question: str, window: str) -> list[int]:
        with self._lock:
            return pair_ids(self._tokenizer, question, window, self.max_tokens, self.max_question)

    def logits(self, question: str, windows: Sequence[str]) -> np.ndarray:
        if not windows:
            return np.zeros(0, dtype=np.float32)
        rows = [self.ids(question, w) for w in windows]
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), self._pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        embeds = np.asarray(self._words[ids], dtype=np.float32)
        self.calls += 1
        out = self._session.run(None, {"inputs_embeds": embeds, "attention_mask": mask})[0]
        return np.asarray(out, dtype=np.float32).reshape(-1)

    def probabilities(self, question: str, windows: Sequence[str]) -> np.ndarray:
        z = np.clip(self.logits(question, windows), -30.0, 30.0)
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


def load_reader(cache_dir: Path, fingerprint: str, variant: str = "float",
                adapter: Path = ADAPTER_DIR, fitted_for: str | None = None) -> Reader | None:
    """The reader built from the committed adapter for this base model, or None with one warning saying why (the
    decision without the reader then stands). `fitted_for`: the adapter digest its decision was fitted for (another
    one's reader would never be asked). The float graph when the wanted one was not kept at build."""
    from index.errors import ModelUnavailableError

    problem = adapter_problem(adapter)
    if problem is None and read_manifest(adapter).get("base", {}).get("fingerprint") != fingerprint:
        # another embedding model: expected, and its decision is not the shipped one either (calibration warns)
        log.info("reader off: the adapter was trained for another model")
        return None
    digest = adapter_digest(adapter) if problem is None else ""
    if problem is None and fitted_for is not None and fitted_for != digest:
        problem = "its decision was fitted for another adapter: run benchmarks/calibrate.py"
    if problem is None:
        folder = reader_dir(cache_dir, fingerprint, digest)
        meta = read_meta(folder)
        if meta is None:
            problem = f"it was not built for this adapter yet ({folder}): run `interview-qa model build`"
        else:
            if VARIANT_FILES.get(variant) not in meta.get("variants", {}):
                variant = "float"  # the quantized graph was not kept (it strayed from float on the probes)
            try:
                return Reader(folder, variant)
            except ModelUnavailableError as error:
                problem = str(error)
    log.warning("reader off (%s); the decision without it stands", problem)
    return None
