"""The torch-free question path: the exported encoder folder, the light tokenizer (same ids as `tokenizers`), the
float and quantized graphs against PyTorch, which variant answers, and a real CLI that never imports torch."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embedding.question_encoder import (QUANTIZED_RECIPE, VARIANT_FILES, QuestionEncoder, choose_variant,
                                              like_length_groups, read_meta)
from index.parsing.sources import decode_bytes
from tests.conftest import MODEL_CACHE, ROOT, SEED

HEAVY = ("torch", "sentence_transformers", "transformers")


def read_text(path: Path) -> str:
    """A corpus file's text, decoded as the index builder decodes it (the fixtures use several encodings)."""
    return decode_bytes(path.read_bytes(), path.name)[0]


SAMPLE_QUESTIONS, SAMPLE_LONGEST = 240, 20


def question_sets() -> list[str]:
    paths = [*(ROOT / "tests" / "data").rglob("*.jsonl"), *(ROOT / "benchmarks" / "data").rglob("*.jsonl")]
    paths = [p for p in paths if not p.name.startswith("dialogues-")]  # the question sets (dialogues: their turns)
    return [json.loads(line)["q"] for path in paths for line in path.read_text("utf-8").splitlines() if line.strip()]


def corpus_paragraphs() -> list[str]:
    files = [SEED, *sorted((ROOT / "tests" / "fixtures").rglob("*.txt")), *sorted((ROOT / "tests" / "fixtures").rglob("*.md"))]
    return [p for f in files for p in read_text(f).split("\n\n") if p.strip()]


EDGES = ["", " ", "  多个  空格\t和\n换行  ", "\x00\x01控制\x07字符\x7f", "a<mask>b", "<mask>海洋", "x\x1c<mask>",
         "<s> </s> <pad> <unk>", "😀😁🌊 emoji", "𠜎𠜱 𠀀𠀁 〇", "ｆｕｌｌ－ｗｉｄｔｈ　１２３", "①②③ ⅣⅤ ㈠",
         "海洋 经济 " * 400, "海洋 ocean 🌊 " * 120, "Ǆǅǆ ﬁ ﬂ Å Ω", "\u200b\u200d零宽\ufeff", "A股5G 1.35亿元 13500万元"]


def random_texts(count: int, seed: int = 7) -> list[str]:
    """Mixed scripts, punctuation, digits and spaces, including characters outside the vocabulary."""
    rng = random.Random(seed)
    pools = ["海洋经济发展局党建疫情缓缴资金渔船", "abcXYZ ", "0123456789.%", "，。！？；：“”（）《》、", " \t\n",
             "ㄅㄆㄇ가나다ひらがなカタカナ", "Ωαβγдждéàü", "\u3400\u4db5\U00020000\U0002a6d6", "😀🌊🚢"]
    out = []
    for _ in range(count):
        length = rng.randint(1, 60)
        out.append("".join(rng.choice(rng.choice(pools)) for _ in range(length)))
    return out


@pytest.fixture(scope="session")
def encoder_folder(real_embedder) -> Path:
    assert real_embedder.query_encoder is not None, "the export must succeed for the default model"
    return real_embedder.query_encoder.folder


# --- which variant answers (no model needed) -----------------------------------------------------------------

META = {"fingerprint": "abc", "variants": {"float.onnx": {}, "q4.onnx": {"recipe": QUANTIZED_RECIPE}}}


def test_auto_takes_the_quantized_encoder_only_where_the_benchmark_found_retrieval_equal() -> None:
    equal = {"fingerprint": "abc", "recipe": QUANTIZED_RECIPE, "equal": True}
    assert choose_variant("auto", META, equal) == "quantized"
    assert choose_variant("auto", META, {**equal, "equal": False}) == "float"
    assert choose_variant("auto", META, {**equal, "fingerprint": "another model"}) == "float"
    assert choose_variant("auto", META, {**equal, "recipe": "another recipe"}) == "float"
    assert choose_variant("auto", META, {}) == "float"
    assert choose_variant("float", META, equal) == "float"
    assert choose_variant("quantized", META, {}) == "quantized"
    assert choose_variant("quantized", {"variants": {"float.onnx": {}}}, equal) == "float"  # none written


# --- the real model ------------------------------------------------------------------------------------------

@pytest.mark.model
def test_the_encoder_folder_describes_itself(encoder_folder: Path, real_embedder) -> None:
    meta = read_meta(encoder_folder)
    assert meta is not None and meta["fingerprint"] == real_embedder.fingerprint and meta["dim"] == 384
    assert meta["max_length"] == 512 and meta["pad_id"] == 1
    assert set(meta["variants"]) == set(VARIANT_FILES.values())
    assert meta["variants"]["q4.onnx"]["recipe"] == QUANTIZED_RECIPE
    assert meta["variants"]["q4.onnx"]["agreement"] >= 0.999
    assert (encoder_folder / "tokenizer.light").is_file()


@pytest.mark.model
def test_the_light_tokenizer_gives_the_ids_of_tokenizers(encoder_folder: Path) -> None:
    """Every text search or the index embeds, odd inputs, and random mixed-script strings: the same ids, truncated
    to 512 tokens the same way, as tokenizers.Tokenizer.from_file configured as sentence-transformers calls it."""
    from tokenizers import Tokenizer

    from index.embedding.light_tokenizer import LightUnigramTokenizer

    library = Tokenizer.from_file(str(encoder_folder / "tokenizer.json"))
    library.enable_truncation(512, strategy="longest_first", direction="right")
    light = LightUnigramTokenizer(encoder_folder / "tokenizer.light", 512)
    texts = [f"query: {q}" for q in question_sets()] + [f"passage: {p}" for p in corpus_paragraphs()]
    texts += EDGES + [f"query: {e}" for e in EDGES] + random_texts(3000)
    mismatches = [t for t in texts if light.encode_ids(t) != library.encode(t).ids]
    assert not mismatches, mismatches[:5]
    assert max(len(library.encode(t).ids) for t in texts) == 512  # truncation was exercised


def test_texts_are_run_in_groups_of_like_length() -> None:
    lengths = [30, 12, 13, 80, 12, 33, 14, 90]
    groups = like_length_groups(lengths, max_size=2)
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))  # every text once
    assert all(len(g) <= 2 for g in groups)
    assert all(max(lengths[i] for i in g) <= min(lengths[i] for i in g) * 1.1 + 2 for g in groups)
    assert [lengths[g[0]] for g in groups] == sorted(lengths[g[0]] for g in groups)  # shortest first
    assert like_length_groups([]) == [] and like_length_groups([5]) == [[0]]


@pytest.mark.model
def test_both_variants_agree_with_pytorch_on_a_sample_of_the_questions(encoder_folder: Path, real_embedder) -> None:
    """A seeded sample of every question set (the longest questions always in): running all of them took ~55 s."""
    everything = question_sets()
    longest = sorted(everything, key=len)[-SAMPLE_LONGEST:]
    questions = longest + random.Random(0).sample([q for q in everything if q not in longest], SAMPLE_QUESTIONS)
    reference = real_embedder.model.encode(questions, prompt="query: ", normalize_embeddings=True,
                                           convert_to_numpy=True, batch_size=64)
    floats = QuestionEncoder(encoder_folder, "float")
    quantized = floats.with_variant("quantized")
    assert np.min(np.sum(floats.embed_queries(questions) * reference, axis=1)) > 0.9999
    assert np.min(np.sum(quantized.embed_queries(questions) * reference, axis=1)) > 0.9995
    one = floats.embed_queries([questions[0]])
    np.testing.assert_allclose(one, floats.embed_queries(questions[:3])[:1], atol=1e-5)  # padding changes nothing
    alone = np.vstack([floats.embed_queries([q]) for q in questions[:40]])
    np.testing.assert_allclose(floats.embed_queries(questions[:40]), alone, atol=1e-5)  # a batch = one by one


@pytest.mark.model
def test_a_damaged_encoder_folder_is_one_clear_error(encoder_folder: Path, tmp_path: Path) -> None:
    import shutil

    from index.errors import ModelUnavailableError

    copy = tmp_path / "encoder"
    shutil.copytree(encoder_folder, copy, ignore=shutil.ignore_patterns("*.data"))
    with pytest.raises(ModelUnavailableError, match="does not load"):
        QuestionEncoder(copy, "float")


# --- the real command line, in fresh processes ----------------------------------------------------------------

@pytest.fixture(scope="session")
def built_workspace(real_embedder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus indexed with the real model, and a config pointing at it (as `make index` leaves it)."""
    from index.settings import CoreConfig, CorpusConfig, IndexConfig, ModelConfig
    from index.store.builder import refresh_index

    folder = tmp_path_factory.mktemp("cli-real")
    (folder / "config.yaml").write_text(
        f"corpus: {{dir: {ROOT / 'corpus'}}}\nindex: {{dir: {folder / 'index'}}}\nmodel: {{cache_dir: {MODEL_CACHE}}}\n",
        encoding="utf-8")
    config = CoreConfig(corpus=CorpusConfig(dir=ROOT / "corpus"), model=ModelConfig(cache_dir=MODEL_CACHE),
                        index=IndexConfig(dir=folder / "index"))
    refresh_index(config, real_embedder)
    return folder


def run_cli(workspace: Path, *argv: str, stdin: str | None = None, env: dict[str, str] | None = None,
            config: Path | None = None) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """`python -X importtime -m bot.cli ...` from the worktree: the result and every module it imported."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "INTERVIEW_QA_CACHE": str(MODEL_CACHE), **(env or {})}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "bot.cli", "--config",
                           str(config or workspace / "config.yaml"), *argv], input=stdin, capture_output=True, text=True,
                          env=environment, cwd=workspace, timeout=300)
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return done, modules


@pytest.mark.model
@pytest.mark.parametrize("argv, stdin", [
    (("search", "疫情期间海域使用金可以缓缴吗？", "--json"), None),
    (("verify", "缓缴资金2亿元", "--json"), None),
    (("chat",), "疫情期间海域使用金可以缓缴吗？\n"),
])
def test_answering_a_question_never_imports_torch(built_workspace: Path, argv: tuple[str, ...],
                                                  stdin: str | None) -> None:
    done, modules = run_cli(built_workspace, *argv, stdin=stdin)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "1.35亿元" in done.stdout
    assert {"onnxruntime", "tokenizers", "faiss", "bm25s", "jieba"} <= {m.split(".")[0] for m in modules}
    assert not [m for m in modules if m.split(".")[0] in HEAVY]


@pytest.mark.model
def test_answering_with_the_reader_on_never_imports_torch(built_workspace: Path, real_reader) -> None:
    """search.reader: on, the reader built (as `make` leaves it): the reader reads, and torch is never imported. The
    question is one the decision answers with low confidence: a high answer stands without the reader."""
    config = built_workspace / "config.yaml"
    reading = built_workspace / "reading.yaml"
    reading.write_text(config.read_text("utf-8") + "search: {reader: on}\n", encoding="utf-8")
    done, modules = run_cli(built_workspace, "search", "海域使用金缓缴了多少钱？", "--json", "--explain",
                            env={"INTERVIEW_QA_CONFIG": str(reading)}, config=reading)
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(done.stdout)
    assert data["explanation"]["reader"]["read"] and "1.35亿元" in data["hits"][0]["text"]
    assert "onnxruntime" in {m.split(".")[0] for m in modules}
    assert not [m for m in modules if m.split(".")[0] in HEAVY]


@pytest.mark.model
async def test_the_bot_answers_without_importing_torch(built_workspace: Path, fake_bot_api) -> None:  # type: ignore[no-untyped-def]
    """`serve` in its own process against the fake Bot API: ready, answers, and never imported torch."""
    import asyncio

    env = {**os.environ, "PYTHONPATH": str(ROOT), "INTERVIEW_QA_CACHE": str(MODEL_CACHE),
           "TELEGRAM_BOT_TOKEN": fake_bot_api.token, "TELEGRAM_API_BASE_URL": fake_bot_api.base_url,
           "INTERVIEW_QA_WEB_PORT": "0"}
    log = built_workspace / "serve.log"
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-X", "importtime", "-m", "bot.cli", "--config", str(built_workspace / "config.yaml"),
            "serve", env=env, cwd=str(built_workspace), stdout=out, stderr=out)
        try:
            await fake_bot_api.wait_for("getUpdates", timeout=120)
            fake_bot_api.private_text(fake_bot_api.user(5151), "疫情期间海域使用金可以缓缴吗？")
            [reply] = await fake_bot_api.wait_for("sendMessage", timeout=60)
        finally:
            process.terminate()
            await process.wait()
    assert "1.35亿元" in reply.params["text"]
    modules = {line.split("|")[-1].strip() for line in log.read_text("utf-8", "replace").splitlines()
               if line.startswith("import time:")}
    assert {"onnxruntime", "telegram"} <= {m.split(".")[0] for m in modules}
    assert not [m for m in modules if m.split(".")[0] in HEAVY]
