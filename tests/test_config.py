"""config.yaml is validated once, at load: every wrong value is one line naming its key."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from bot.config import AppConfig, FileSettings, load_config
from index.errors import ConfigError


@pytest.mark.parametrize(("yaml_text", "key"), [
    ("search: {top_k: -1}", "search.top_k"),
    ("search: {top_k: 0}", "search.top_k"),
    ("search: {candidates: -5}", "search.candidates"),
    ("search: {max_query_chars: 0}", "search.max_query_chars"),
    ("search: {min_confidence: 2}", "search.min_confidence"),
    ("search: {top_k: many}", "search.top_k"),
    ("index: {faiss_type: annoy}", "index.faiss_type"),
    ("index: {hnsw_m: -3}", "index.hnsw_m"),
    ("telegram: {mode: carrier-pigeon}", "telegram.mode"),
    ("telegram: {webhook: {port: 70000}}", "telegram.webhook.port"),
    ("telegram: {questions_per_minute: -1}", "telegram.questions_per_minute"),
    ("corpus: {max_passage_chars: 3}", "corpus.max_passage_chars"),
    ("model: {threads: 0}", "model.threads"),
    ("query_log: {enabled: maybe}", "query_log.enabled"),
    ("search: {topk: 3}", "search.topk"),
    ("serach: {}", "serach"),
])
def test_a_wrong_value_is_one_error_naming_its_key(tmp_path: Path, yaml_text: str, key: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(yaml_text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert f"`{key}`" in message and "\n" not in message and str(path) in message


def test_good_values_load_typed_and_paths_resolve_next_to_the_file(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "config.yaml"
    path.parent.mkdir()
    path.write_text("search: {top_k: '5', min_confidence: 0.3}\ntelegram: {admins: 42, mode: webhook}\n"
                    "index: {dir: idx, faiss_type: hnsw}\nquery_log:\n", encoding="utf-8")
    config = load_config(path)
    assert config.search.top_k == 5 and config.search.min_confidence == 0.3
    assert config.telegram.admins == (42,) and config.telegram.mode == "webhook"
    assert config.index.dir == path.parent / "idx" and config.index.faiss_type == "hnsw"
    assert config.query_log.enabled is False and config.source == path


def test_the_shipped_config_yaml_is_valid() -> None:
    shipped = load_config(Path(__file__).resolve().parents[1] / "config.yaml")
    assert shipped.search.top_k >= 1 and shipped.telegram.mode == "polling"
    # every section of the settings can be written in the file (a section added to one and not the other is refused)
    assert set(FileSettings.model_fields) == {f.name for f in fields(AppConfig)} - {"source"}


def test_a_yaml_bomb_is_a_short_error_that_never_prints_the_whole_value(tmp_path: Path) -> None:
    """Issue 25, item 8: the validation error printed the expanded value (45 s, 5.5 GB, 2 GB of stderr)."""
    import time

    levels = [f"&l0 [{', '.join(['lol'] * 9)}]"]
    levels += [f"&l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 7)]  # 9**7 = 4.8 million strings
    path = tmp_path / "config.yaml"
    path.write_text(f"search:\n  top_k: [{', '.join(levels)}]\n", encoding="utf-8")
    began = time.monotonic()
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert time.monotonic() - began < 5
    assert "`search.top_k`" in message and "\n" not in message and len(message) < len(str(path)) + 300
    assert "[['lol'," in message and "…" in message


@pytest.mark.parametrize(("written", "read"), [("on", "on"), ("off", "off"), ('"on"', "on"), ("auto", "auto")])
def test_search_reader_on_or_off_written_bare_is_read_as_meant(tmp_path: Path, written: str, read: str) -> None:
    """YAML 1.1 reads a bare on/off as a boolean; `search.reader: on` still means "on"."""
    path = tmp_path / "config.yaml"
    path.write_text(f"search:\n  reader: {written}\n", encoding="utf-8")
    assert load_config(path).search.reader == read


def test_search_reader_refuses_other_values(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("search:\n  reader: sometimes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="search.reader"):
        load_config(path)
