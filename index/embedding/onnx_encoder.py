"""Query embeddings through ONNX Runtime: the same transformer, mean pooling and normalisation as the
sentence-transformers model it was exported from (index.embedding.st_embedder checks that the vectors agree), 2-3x faster
per short question on a CPU than eager PyTorch. The only module that imports onnxruntime."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


class OnnxQueryEncoder:
    """Tokenizer -> exported transformer with pooling -> L2-normalised float32 vectors."""

    def __init__(self, path: Path, tokenizer: Any, max_length: int | None, threads: int = 1) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, threads)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = tokenizer
        self._max_length = max_length
        self.path = path

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        # the same tokenizer settings as sentence-transformers' encode, so the shared tokenizer is never reconfigured
        features = self._tokenizer(list(texts), padding=True, truncation="longest_first", max_length=self._max_length,
                                   return_tensors="np")
        inputs = {"input_ids": features["input_ids"].astype(np.int64),
                  "attention_mask": features["attention_mask"].astype(np.int64)}
        vectors = self._session.run(None, inputs)[0]
        return np.ascontiguousarray(vectors, dtype=np.float32)
