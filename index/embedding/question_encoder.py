"""Questions embedded without torch: the model's own tokenizer and its transformer exported to ONNX (mean pooling
and L2 normalisation inside the graph), run by ONNX Runtime. The only module that imports onnxruntime.

The encoder folder (`<cache>/encoders/<digest of the fingerprint>-v3/`: encoder.json, tokenizer.json,
tokenizer.light, float.onnx, q4.onnx) is written once by `export_encoder` and only read here. What each file holds,
and when the quantized q4 graph answers (`choose_variant`): docs/operations.md, "The question encoder"."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import ModelUnavailableError

log = logging.getLogger("interview_qa.embedder")

ENCODER_FORMAT = 3
ENCODER_META = "encoder.json"
VARIANT_FILES = {"float": "float.onnx", "quantized": "q4.onnx"}
# The quantisation recipe; a verdict in quantized.json holds only for the recipe it was measured with.
QUANTIZED_RECIPE = "matmulnbits-4bit-block32-symmetric-acc4"
VERDICT_FILE = Path(__file__).with_name("quantized.json")
LIGHT_TOKENIZER = "tokenizer.light"  # index.embedding.light_tokenizer's cache, when the tokenizer is one it reproduces
MAX_BATCH = 64  # texts per ONNX run at most
LENGTH_SLACK = 0.1  # a run pads its texts to at most ~10% more tokens than its shortest (+2)


def encoder_dir(cache_dir: Path, fingerprint: str) -> Path:
    """Where the question encoder of the model with this fingerprint lives."""
    import hashlib

    digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:16]  # 64 bits: enough for a folder name
    return Path(cache_dir) / "encoders" / f"{digest}-v{ENCODER_FORMAT}"


def read_meta(folder: Path) -> dict[str, Any] | None:
    """encoder.json of a whole encoder folder of this format, or None."""
    try:
        meta = json.loads((Path(folder) / ENCODER_META).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("format") != ENCODER_FORMAT:
        return None
    return meta


def read_verdict(path: Path | None = None) -> dict[str, Any]:
    """The measured comparison of the quantized and float encoders (benchmarks/retrieval.py --encoders)."""
    try:
        data = json.loads((path or VERDICT_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def choose_variant(setting: str, meta: dict[str, Any], verdict: dict[str, Any] | None = None) -> str:
    """"float" or "quantized" for `model.question_encoder` = auto | quantized | float.

    auto: the quantized variant when it was written and the benchmark's verdict for this model and recipe says
    retrieval stays equal (no more than one dev question answered differently); float otherwise.
    """
    has_quantized = VARIANT_FILES["quantized"] in meta.get("variants", {})
    if setting == "float" or not has_quantized:
        return "float"
    if setting == "quantized":
        return "quantized"
    verdict = read_verdict() if verdict is None else verdict
    equal = (verdict.get("fingerprint") == meta.get("fingerprint") and verdict.get("recipe") == QUANTIZED_RECIPE
             and verdict.get("equal") is True)
    return "quantized" if equal else "float"


class QuestionEncoder:
    """An Embedder for questions: texts -> float32 (n, dim) L2-normalised vectors, torch-free.

    `embed_passages` works too (same transformer, passage prompt) but the index is built by the PyTorch model.
    """

    def __init__(self, folder: Path, variant: str = "float", threads: int = 1,
                 query_prompt: str | None = None, passage_prompt: str | None = None) -> None:
        meta = read_meta(folder)
        if meta is None:
            raise ModelUnavailableError(f"no question encoder in {folder}: run `interview-qa model build`")
        file = meta.get("variants", {}).get(VARIANT_FILES.get(variant, ""))
        if file is None:
            raise ModelUnavailableError(f"the question encoder in {folder} has no {variant} variant")
        self.folder = Path(folder)
        self.variant = variant
        self.path = self.folder / VARIANT_FILES[variant]
        self.name: str = meta["name"]
        self.fingerprint: str = meta["fingerprint"]
        self.dim = int(meta["dim"])
        saved = meta.get("prompts") or {}
        self.query_prompt = query_prompt if query_prompt is not None else str(saved.get("query") or "")
        self.passage_prompt = passage_prompt if passage_prompt is not None else str(
            saved.get("passage") or saved.get("document") or "")
        self.max_length = int(meta["max_length"])
        self._pad_id = int(meta["pad_id"])
        try:
            self._tokenizer = _tokenizer(self.folder, self.max_length)
            self._session = _session(self.path, threads)
        except ModelUnavailableError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged folder: one clear line
            raise ModelUnavailableError(f"the question encoder in {folder} does not load ({type(exc).__name__}: "
                                        f"{exc}); delete the folder and run `interview-qa model build`") from exc
        self._inputs = [i.name for i in self._session.get_inputs()]
        # a Rust tokenizer raises "Already borrowed" when used while being configured: it never is after this
        # point, and the lock (uncontended, microseconds) keeps it that way
        self._lock = threading.Lock()

    def with_variant(self, variant: str, threads: int = 1) -> QuestionEncoder:
        """The same encoder with another variant of the graph, sharing this one's tokenizer (loaded once)."""
        if variant == self.variant:
            return self
        meta = read_meta(self.folder) or {}
        if VARIANT_FILES.get(variant) not in meta.get("variants", {}):
            raise ModelUnavailableError(f"the question encoder in {self.folder} has no {variant} variant")
        other = object.__new__(QuestionEncoder)
        other.__dict__.update(self.__dict__)
        other.variant, other.path = variant, self.folder / VARIANT_FILES[variant]
        other._session = _session(other.path, threads)
        other._inputs = [i.name for i in other._session.get_inputs()]
        return other

    def tokenize(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(input_ids, attention_mask), int64 (n, longest), padded on the right, for the texts as given."""
        with self._lock:
            rows = [self._tokenizer.encode_ids(t) for t in texts]
        return self._padded(rows)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of the texts as given (no prompt added). Texts are run in groups of like token length: on CPU a
        padded batch costs as much as its longest text times its size (16 mixed questions at once cost ~1.8x
        their cost one by one), while short texts of one length share the fixed cost of a run."""
        texts = _as_list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            rows = [self._tokenizer.encode_ids(t) for t in texts]
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for group in like_length_groups([len(r) for r in rows]):
            out[group] = self._run(*self._padded([rows[i] for i in group]))
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode([self.query_prompt + t for t in _as_list(texts)])

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self.encode([self.passage_prompt + t for t in _as_list(texts)])

    def _padded(self, rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        width = max((len(r) for r in rows), default=0)
        ids = np.full((len(rows), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        return ids, mask

    def _run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        vectors = np.asarray(self._session.run(None, {k: feeds[k] for k in self._inputs})[0], dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)  # the graph normalises; this guards rounding
        return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def like_length_groups(lengths: Sequence[int], max_size: int = MAX_BATCH,
                       slack: float = LENGTH_SLACK) -> list[list[int]]:
    """Indices grouped by length, shortest first: a group ends at `max_size` texts or when the next text is longer
    than its first by more than `slack` (relative) + 2 tokens, so that padding wastes little."""
    groups: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if (groups and len(groups[-1]) < max_size
                and lengths[i] <= lengths[groups[-1][0]] * (1 + slack) + 2):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


class _LibraryTokenizer:
    """tokenizers.Tokenizer, set up as sentence-transformers calls it (truncation="longest_first",
    max_length=max_seq_length: the limit counts <s> and </s>; longer texts would overflow the position table)."""

    def __init__(self, path: Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(path))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length, strategy="longest_first", direction="right")

    def encode_ids(self, text: str) -> list[int]:
        return self._tokenizer.encode(text).ids


def load_tokenizer(folder: Path, max_length: int) -> Any:
    """The tokenizer of an encoder (or reader) folder: an object with `encode_ids(text) -> list[int]`."""
    return _tokenizer(folder, max_length)


def _tokenizer(folder: Path, max_length: int) -> Any:
    """The light loader when the exporter wrote its cache (checked equal there), else tokenizers itself."""
    light = folder / LIGHT_TOKENIZER
    if light.is_file():
        from index.embedding.light_tokenizer import LightUnigramTokenizer

        return LightUnigramTokenizer(light, max_length)
    return _LibraryTokenizer(folder / "tokenizer.json", max_length)


def _session(path: Path, threads: int) -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = max(1, threads)  # one question per core: two questions use both cores
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    if threads > 1:  # spinning workers would burn the core another question needs
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _as_list(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("pass a sequence of texts, not a single string")
    return [str(t) for t in texts]


def write_quantized(folder: Path) -> bool:
    """Writes the quantized variant beside float.onnx (at export time; needs the `onnx` and `onnx-ir` packages):
    onnxruntime's MatMulNBits quantizer, 4-bit blocks of 32, symmetric, int8 arithmetic (QUANTIZED_RECIPE).
    False, and nothing written, when it cannot."""
    target = folder / VARIANT_FILES["quantized"]
    try:
        import onnx
        from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

        quantizer_log = logging.getLogger("onnxruntime.quantization.matmul_nbits_quantizer")
        level = quantizer_log.level
        quantizer_log.setLevel(logging.WARNING)  # one INFO line per node otherwise
        try:
            quantizer = MatMulNBitsQuantizer(onnx.load(str(folder / VARIANT_FILES["float"])), bits=4, block_size=32,
                                             is_symmetric=True, accuracy_level=4, op_types_to_quantize=("MatMul",))
            quantizer.process()
        finally:
            quantizer_log.setLevel(level)
        onnx.save_model(quantizer.model.model, str(target), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=target.name + ".data", size_threshold=1024)
        return True
    except Exception as exc:  # noqa: BLE001 - no quantizer (onnx-ir missing), or a graph it cannot take
        log.warning("quantized question encoder not written (%s: %s)", type(exc).__name__, exc)
        drop_variant(folder, "quantized")
        return False


def drop_variant(folder: Path, variant: str) -> None:
    path = folder / VARIANT_FILES[variant]
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".data").unlink(missing_ok=True)


def write_int8(source: Path, target: Path) -> bool:
    """Dynamic int8 quantization of an ONNX graph (onnxruntime's quantize_dynamic: int8 weights per channel, int8
    arithmetic), for the reader (index.reading.build), whose small LoRA changes 4-bit blocks would wash out. False,
    and nothing written, when it cannot."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)
        return True
    except Exception as exc:  # noqa: BLE001
        log.warning("int8 graph not written (%s: %s)", type(exc).__name__, exc)
        target.unlink(missing_ok=True)
        return False
