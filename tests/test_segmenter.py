"""jieba started from stored tables (index.segmenter) cuts and tags exactly as stock jieba, in fresh processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from index.parsing.sources import decode_bytes
from tests.conftest import ROOT

CUT = """
import json, sys
from pathlib import Path
from index import segmenter
texts = json.loads(Path(sys.argv[1]).read_text("utf-8"))
if sys.argv[2] == "library":
    import jieba, jieba.posseg
    jieba.setLogLevel(60)
    started = "library"
else:
    jieba, posseg = segmenter.jieba_modules()
    started = segmenter.STARTED
print(json.dumps({
    "started": started,
    # tagging (an HMM over each character) is twenty times slower than cutting: a spread sample of some 800 texts,
    # the last ones (odd inputs) always in, keeps the test's time flat as batches of fixtures come
    "pos": [[[p.word, p.flag] for p in jieba.posseg.lcut(t)]
            for t in [*texts[:-6:max(1, len(texts) // 800)], *texts[-6:]]],
    "search": [jieba.lcut_for_search(t) for t in texts],
    "cut": [jieba.lcut(t) for t in texts],
    "freq": [jieba.dt.FREQ.get(w) for w in ("海洋", "海域使用金", "的", "不存在的词语")],
    "total": jieba.dt.total,
}, ensure_ascii=False))
"""


def read_text(path: Path) -> str:
    """A corpus file's text, decoded as the index builder decodes it (the fixtures use several encodings)."""
    return decode_bytes(path.read_bytes(), path.name)[0]


def texts() -> list[str]:
    """The corpus, every question set, and odd inputs: what search and the index builder cut."""
    out = [p for f in sorted((ROOT / "tests" / "fixtures").rglob("*")) if f.suffix in (".txt", ".md")
           for p in read_text(f).split("\n\n") if p.strip()]
    out += [p for p in (ROOT / "corpus").glob("*.txt") for p in read_text(p).split("\n\n") if p.strip()]
    for path in [*(ROOT / "tests" / "data").rglob("*.jsonl"), *(ROOT / "benchmarks" / "data").rglob("*.jsonl")]:
        items = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        out += [turn["q"] for item in items for turn in item.get("turns", [item])]  # questions, and dialogues' turns
    return out + ["", " ", "A股 5G 1.35亿元 ＡＢＣ", "青岛市南浦县的海洋局局长叫什么", "😀海洋🌊", "\t\n混合\x00控制"]


def cut(texts_file: Path, mode: str, cache: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "INTERVIEW_QA_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", CUT, str(texts_file), mode], env=env, capture_output=True,
                          text=True, check=True, timeout=300)
    return json.loads(done.stdout)


def test_jieba_from_stored_tables_cuts_and_tags_like_stock_jieba(tmp_path: Path) -> None:
    texts_file = tmp_path / "texts.json"
    texts_file.write_text(json.dumps(texts(), ensure_ascii=False), encoding="utf-8")
    cache = tmp_path / "cache"
    library = cut(texts_file, "library", cache)
    first = cut(texts_file, "project", cache)  # no tables yet: stock start, and the tables are written
    assert first["started"] == "stock" and list((cache / "jieba").glob("tables-*.marshal"))
    second = cut(texts_file, "project", cache)  # the fast start
    assert second["started"] == "tables"
    for run in (first, second):
        for key in ("pos", "search", "cut", "freq", "total"):
            assert run[key] == library[key], key


def test_an_unwritable_cache_falls_back_to_stock_jieba(tmp_path: Path) -> None:
    texts_file = tmp_path / "texts.json"
    texts_file.write_text(json.dumps(["疫情期间海域使用金可以缓缴吗"], ensure_ascii=False), encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    run = cut(texts_file, "project", blocker / "cache")
    assert run["started"] == "stock" and run["pos"] == cut(texts_file, "library", blocker)["pos"]
