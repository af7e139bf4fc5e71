"""jieba, started in ~0.35 s instead of ~1.1 s: its prefix dictionary and jieba.posseg's word -> tag table read from
one file in the model cache (`$INTERVIEW_QA_CACHE/jieba/`, keyed by jieba's version and dict.txt's size, written
once, atomically; stock jieba where the cache cannot be written). The tables are jieba's own:
tests/test_segmenter.py checks it cuts and tags exactly as stock jieba. See docs/operations.md, "What loads when"."""

from __future__ import annotations

import array
import io
import marshal
import os
import sys
import tempfile
import threading
from pathlib import Path
from types import ModuleType

FORMAT = 1
STARTED = ""  # how this process started jieba: "tables" (the fast way) or "stock"
_lock = threading.Lock()
_modules: tuple[ModuleType, ModuleType] | None = None


def jieba_modules() -> tuple[ModuleType, ModuleType]:
    """(jieba, jieba.posseg), initialised, quiet; the fast start when possible. Thread-safe, once per process."""
    global _modules, STARTED
    if _modules is not None:
        return _modules
    with _lock:
        if _modules is None:
            import jieba

            jieba.setLogLevel(60)
            STARTED = "stock"
            if "jieba.posseg" not in sys.modules and not jieba.dt.initialized:
                path = tables_file()
                if path is not None and _load(path):
                    STARTED = "tables"
                elif path is not None:
                    _build(path)  # stock start now, fast from the next process on
            import jieba.posseg

            jieba.dt.check_initialized()
            _modules = (jieba, jieba.posseg)
    return _modules


def tables_file() -> Path | None:
    """Where the tables of this jieba version are kept (None when jieba's dictionary cannot be found)."""
    import jieba

    from index.settings import default_cache_dir

    if jieba.dt.dictionary != jieba.DEFAULT_DICT:  # another dictionary was set: its own loading
        return None
    try:
        size = os.path.getsize(os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME))
    except OSError:
        return None
    return default_cache_dir() / "jieba" / f"tables-{jieba.__version__}-{size}-v{FORMAT}.marshal"


def _load(path: Path) -> bool:
    """jieba's tables from `path`, before jieba.posseg is imported; False (nothing changed) when unreadable."""
    import jieba

    try:
        with open(path, "rb") as handle:
            version, total, words, counts, tagged, tag_index, tag_names = marshal.load(handle)
        if version != FORMAT:
            return False
        frequencies = array.array("q")
        frequencies.frombytes(counts)
        freq = dict(zip(words.split("\x00"), frequencies, strict=True))
        tags = dict(zip(tagged.split("\x00"), [tag_names[i] for i in tag_index], strict=True))
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        return False
    with jieba.dt.lock:
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = freq, total, True
    # jieba.posseg builds its POSTokenizer at import, parsing dict.txt for the tags: give it an empty file, then
    # the stored table
    jieba.dt.get_dict_file = lambda: io.BytesIO(b"")
    try:
        import jieba.posseg
    finally:
        del jieba.dt.get_dict_file
    jieba.posseg.dt.word_tag_tab = tags
    return True


def _build(path: Path) -> None:
    """jieba started the stock way, then its tables written to `path` (best effort)."""
    import jieba
    import jieba.posseg

    jieba.dt.check_initialized()
    freq, tags = jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab
    tag_names = sorted(set(tags.values()))
    if len(tag_names) > 255 or any("\x00" in w for w in freq) or any("\x00" in w for w in tags):
        return
    index = {tag: i for i, tag in enumerate(tag_names)}
    data = (FORMAT, jieba.dt.total, "\x00".join(freq), array.array("q", freq.values()).tobytes(),
            "\x00".join(tags), bytes(index[tags[w]] for w in tags), tag_names)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    except OSError:
        return  # a read-only cache: stock jieba every time
    try:
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(data, handle)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError:
        pass
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def general_frequency(word: str) -> tuple[int, int]:
    """(how often jieba's general dictionary counts `word`, the dictionary's total count)."""
    jieba, _ = jieba_modules()
    return jieba.dt.FREQ.get(word, 0), jieba.dt.total


def dictionary_path() -> str:
    """jieba's general dictionary file (word, frequency, part of speech per line)."""
    import jieba

    return os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
