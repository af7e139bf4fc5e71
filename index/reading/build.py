"""Builds the reader folder from an adapter (build time: torch, transformers and peft): the LoRA weights merged into
the base model, the transformer and head exported to ONNX (float, and int8: dynamic int8 quantization), the word embedding
table as float16 beside it, the tokenizer of the question encoder, reader.json. Atomic: a folder is complete or
absent. `interview-qa model build` calls `ensure_reader`."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path

import numpy as np

from index.embedding.e5_folder import publish_folder
from index.reading.reader import (ADAPTER_DIR, MAX_QUESTION_TOKENS, MAX_TOKENS, READER_FORMAT, READER_META,
                                  VARIANT_FILES, WORDS_FILE, Reader, adapter_digest, adapter_problem, read_manifest,
                                  read_meta, reader_dir)

log = logging.getLogger("interview_qa.reader")
PROBES = (("疫情期间海域使用金可以缓缴吗？", "将海域使用金推迟到疫情结束后缴纳，缓缴资金1.35亿元。"),
          ("局长叫什么名字", "我们做了三方面工作。"), ("How much was deferred?", "海洋经济逐步回暖。"))
QUANTIZED_AGREEMENT = 0.2  # a sanity bound on the probes for the int8 reader; whether it answers as float does is
# measured on the dev sets (benchmarks/retrieval.py --readers)


def export_reader(adapter: Path, base_folder: Path, encoder_folder: Path, folder: Path, fingerprint: str,
                  name: str, quantize: bool = True) -> Path:
    """Writes the reader folder for `adapter` (checked first: a problem is a ValueError) at `folder`."""
    from index.reading.model import load_merged, probabilities, word_table

    problem = adapter_problem(adapter)
    if problem:
        raise ValueError(problem)
    manifest = read_manifest(adapter)
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
    try:
        model = load_merged(adapter, base_folder)
        from index.reading.model import export_onnx

        export_onnx(model, temp / VARIANT_FILES["float"])
        np.save(temp / WORDS_FILE, word_table(model).numpy().astype(np.float16))
        for file in ("tokenizer.json", "tokenizer.light"):
            if (encoder_folder / file).is_file():
                shutil.copyfile(encoder_folder / file, temp / file)
        encoder_meta = json.loads((encoder_folder / "encoder.json").read_text("utf-8"))
        variants: dict[str, dict[str, object]] = {VARIANT_FILES["float"]: {}}
        meta = {"format": READER_FORMAT, "name": name, "fingerprint": fingerprint, "adapter": adapter_digest(adapter),
                "layers": manifest["layers"], "max_tokens": manifest.get("max_tokens", MAX_TOKENS),
                "max_question": manifest.get("max_question_tokens", MAX_QUESTION_TOKENS),
                "pad_id": int(encoder_meta["pad_id"]), "variants": variants}
        (temp / READER_META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        probe_reader = Reader(temp, "float")
        reference = probabilities(model, [probe_reader.ids(q, w) for q, w in PROBES])
        if np.max(np.abs(reference - _probabilities(probe_reader))) > 1e-3:
            raise ValueError("the ONNX reader does not reproduce the PyTorch reader")
        if quantize and _write_quantized(temp):
            variants[VARIANT_FILES["quantized"]] = {}
            (temp / READER_META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
            gap = float(np.max(np.abs(reference - _probabilities(Reader(temp, "quantized")))))
            if gap > QUANTIZED_AGREEMENT:
                log.warning("quantized reader not kept: probabilities %.3f from float's on the probes", gap)
                del variants[VARIANT_FILES["quantized"]]
                (temp / VARIANT_FILES["quantized"]).unlink(missing_ok=True)
            else:
                variants[VARIANT_FILES["quantized"]] = {"gap": round(gap, 5)}
            (temp / READER_META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        publish_folder(temp, folder)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return folder


def _probabilities(reader: Reader) -> np.ndarray:
    return np.concatenate([reader.probabilities(q, [w]) for q, w in PROBES])


def _write_quantized(folder: Path) -> bool:
    """int8.onnx beside float.onnx (4-bit blocks, the question encoder's recipe, moved the reader's probabilities by
    up to 0.44 on the probes: its LoRA changes are small beside 4-bit steps)."""
    from index.embedding.question_encoder import write_int8

    return write_int8(folder / VARIANT_FILES["float"], folder / VARIANT_FILES["quantized"])


def ensure_reader(cache_dir: Path, fingerprint: str, name: str, base_folder: Path, encoder_folder: Path,
                  adapter: Path = ADAPTER_DIR) -> tuple[Path | None, str]:
    """The reader folder for the committed adapter, built when missing: (folder, what happened) or (None, why
    not)."""
    problem = adapter_problem(adapter)
    if problem is None and read_manifest(adapter).get("base", {}).get("fingerprint") != fingerprint:
        problem = "the adapter was trained for another model"
    if problem:
        return None, problem
    folder = reader_dir(cache_dir, fingerprint, adapter_digest(adapter))
    if read_meta(folder) is not None:
        return folder, "ready"
    export_reader(adapter, base_folder, encoder_folder, folder, fingerprint, name)
    return folder, "built"
