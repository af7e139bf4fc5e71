"""The boundaries between the parts: index/ never reaches into the front ends, each heavy library has one module that
imports it, the conversation and the renderers do no I/O and know nothing of Telegram, every user-facing text lives
in bot/texts.py, and the terminal chat runs without python-telegram-bot."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_CORPUS, ROOT

# Each of these libraries is imported by exactly this module, or these (index/ and bot/ scanned).
ONLY_IMPORTER = {
    "faiss": "index/store/vectors.py",
    "bm25s": "index/store/keyword.py",
    "sentence_transformers": "index/embedding/st_embedder.py",
    "torch": ("index/embedding/st_embedder.py", "index/reading/model.py"),  # the embedder; the reader (build time)
    "peft": "index/reading/model.py",
    "onnxruntime": "index/embedding/question_encoder.py",
}
NO_IO = ("sqlite3", "psycopg", "bot.querylog", "bot.report", "bot.cli", "telegram", "bot.telegram", "bot.state.database",
         "bot.state.store", "bot.state.postgres_log")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def sources(*folders: str) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def imported(path: Path) -> set[str]:
    """Every module the file at `path` imports."""
    return imports_in(path.read_text("utf-8"), path.relative_to(ROOT).with_suffix("").parts[:-1])


def imports_in(source: str, package: tuple[str, ...]) -> set[str]:
    """Every module `source` (a module of `package`) imports, wherever the import is (top level, in a function,
    under TYPE_CHECKING), and `importlib.import_module("x")` / `__import__("x")` with a literal name."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            modules.add(module)
            modules.update(f"{module}.{alias.name}" for alias in node.names)  # `from bot import texts`
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called in ("import_module", "__import__"):
                modules.add(node.args[0].value)
    return modules


def imports_any(path: Path, roots: tuple[str, ...]) -> set[str]:
    """The modules of `path`'s imports that are one of `roots` or inside one."""
    return {m for m in imported(path) if any(m == root or m.startswith(root + ".") for root in roots)}


def test_the_import_scanner_sees_function_level_relative_and_dynamic_imports() -> None:
    source = ("def f():\n    import faiss\n    from ..store import keyword\n"
              "import importlib\nimportlib.import_module('telegram.ext')\n")
    assert imports_in(source, ("index", "search")) == {"faiss", "index.store", "index.store.keyword", "importlib",
                                                        "telegram.ext"}


def test_nothing_in_index_imports_the_front_ends() -> None:
    offenders = {name(path): sorted(found) for path in sources("index")
                 if (found := imports_any(path, ("bot", "telegram")))}
    assert not offenders


@pytest.mark.parametrize("library", sorted(ONLY_IMPORTER))
def test_each_heavy_library_is_imported_by_one_module(library: str) -> None:
    importers = {name(path) for path in sources("index", "bot") if imports_any(path, (library,))}
    wanted = ONLY_IMPORTER[library]
    assert importers == ({wanted} if isinstance(wanted, str) else set(wanted))


def test_python_telegram_bot_is_imported_only_by_bot_telegram() -> None:
    importers = {name(path) for path in sources("index", "bot") if imports_any(path, ("telegram",))}
    assert importers and all(path.startswith("bot/telegram/") for path in importers), importers


def test_the_conversation_and_the_renderers_do_no_io_and_know_no_telegram() -> None:
    offenders = {name(path): sorted(found) for path in sources("bot/conversation", "bot/render")
                 if (found := imports_any(path, NO_IO))}
    assert not offenders


def test_every_user_facing_text_is_in_bot_texts() -> None:
    """String literals with Chinese characters (docstrings aside) appear only in bot/texts.py."""
    offenders = []
    for path in sources("bot"):
        if name(path) == "bot/texts.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        offenders += [f"{name(path)}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
                      if isinstance(node, ast.Constant) and isinstance(node.value, str)
                      and id(node) not in docstrings and _IDEOGRAPH.search(node.value)]
    assert not offenders


CHAT = """
import sys

import index.embedding.st_embedder
from tests.fakes import FakeEmbedder

index.embedding.st_embedder.load_embedder = lambda config: FakeEmbedder()
import index.service
index.service.load_question_encoder = lambda model: None  # the fake model has no ONNX question encoder
import bot.cli

code = bot.cli.main(["--config", sys.argv[1], "chat"])
print("telegram imported:", "telegram" in sys.modules)
sys.exit(code)
"""


def test_the_terminal_chat_runs_without_importing_telegram(tmp_path: Path) -> None:
    """`interview-qa chat` over the fictional corpus with the fake embedder: a question, an answer, quit."""
    config = tmp_path / "config.yaml"
    config.write_text(f"corpus: {{dir: {FIXTURE_CORPUS}}}\nindex: {{dir: {tmp_path / 'index'}}}\n"
                      "search: {min_confidence: 0.0}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", CHAT, str(config)], input="创新券怎么申请？\nquit\n",
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    *chat, last = result.stdout.rstrip("\n").split("\n")
    assert last == "telegram imported: False"
    assert "创新券" in "\n".join(chat) and "出处：" in "\n".join(chat)  # the question was answered


LIGHT_MODULES = ("bot.conversation.conversation", "bot.conversation.replies", "bot.render.plain", "bot.render.html",
                 "bot.texts", "index.records", "index.claims.records")
HEAVY = ("faiss", "bm25s", "jieba", "onnxruntime", "torch", "telegram", "starlette")
PROBE = "import importlib, sys\nimportlib.import_module(sys.argv[1])\nprint(' '.join(m for m in sys.argv[2:] if m in sys.modules))"


@pytest.mark.parametrize("module", LIGHT_MODULES)
def test_light_modules_load_no_heavy_library_even_through_others(module: str) -> None:
    """Imported in a fresh process: what a module brings in through the modules it imports counts too (the
    conversation once loaded faiss and bm25s through a record type three imports away)."""
    result = subprocess.run([sys.executable, "-c", PROBE, module, *HEAVY], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == []


def test_the_probe_sees_a_heavy_library_loaded_on_the_way() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, "index.store.folder", *HEAVY], capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert {"faiss", "bm25s"} <= set(result.stdout.split())


def test_store_and_search_do_not_import_each_other() -> None:
    store_to_search = {name(p): sorted(f) for p in sources("index/store") if (f := imports_any(p, ("index.search",)))}
    search_to_store = {name(p): sorted(f) for p in sources("index/search") if (f := imports_any(p, ("index.store",)))}
    assert not store_to_search and not search_to_store


def test_jieba_is_imported_by_one_module() -> None:
    importers = {name(path) for path in sources("index", "bot") if imports_any(path, ("jieba",))}
    assert importers == {"index/segmenter.py"}
