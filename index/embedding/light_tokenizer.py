"""A light loader for SentencePiece-Unigram tokenizers (e5's XLM-R vocabulary of 250k pieces): the same token ids as
`tokenizers.Tokenizer.from_file(tokenizer.json)` with truncation on, for ~0.1 s and ~60 MB instead of ~0.8 s and
~290 MB. A port of tokenizers' `Unigram::encode_optimized` over a dict; `tokenizers` still normalises and
pre-tokenises. Details: docs/operations.md, "What loads when"."""

from __future__ import annotations

import array
import json
import marshal
import os
import re
import tempfile
from pathlib import Path
from typing import Any

CACHE_FORMAT = 1
_UNK_PENALTY = 10.0  # tokenizers' K_UNK_PENALTY: an unknown character scores this much below the rarest piece
# Rust's char::is_whitespace (Unicode White_Space), which tokenizers' lstrip of an added token uses
_WHITE_SPACE = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                         "\u200a\u2028\u2029\u202f\u205f\u3000")


def supported(tokenizer_json: dict[str, Any]) -> str | None:
    """Why this tokenizer.json is outside what the light loader reproduces, or None when it is inside."""
    model = tokenizer_json.get("model") or {}
    if model.get("type") != "Unigram" or model.get("byte_fallback"):
        return "not a Unigram model without byte fallback"
    for token in tokenizer_json.get("added_tokens", []):
        if not token.get("special") or token.get("normalized") or token.get("single_word") or token.get("rstrip"):
            return f"added token {token.get('content')!r} is not a plain special token"
    post = tokenizer_json.get("post_processor") or {}
    single = post.get("single") or []
    if post.get("type") != "TemplateProcessing" or [next(iter(x)) for x in single] != [
            "SpecialToken", "Sequence", "SpecialToken"]:
        return "the post-processor is not `<s> $A </s>`"
    pieces = [p for p, _ in model.get("vocab", [])]
    if any("\x00" in p for p in pieces) or len(set(pieces)) != len(pieces):
        return "pieces are not unique NUL-free strings"
    return None


def build_cache(tokenizer_json: Path, out_path: Path) -> None:
    """Writes the cache `LightUnigramTokenizer` loads (atomically; ~5 MB). ValueError when `supported` says no."""
    data = json.loads(Path(tokenizer_json).read_text(encoding="utf-8"))
    if (why := supported(data)) is not None:
        raise ValueError(why)
    model, post = data["model"], data["post_processor"]
    pieces = [p for p, _ in model["vocab"]]
    scores = [float(s) for _, s in model["vocab"]]
    longest: dict[str, int] = {}  # first character -> longest piece starting with it (bounds the lattice)
    for piece in pieces:
        if piece:
            longest[piece[0]] = max(longest.get(piece[0], 0), len(piece))
    shell = dict(data, added_tokens=[], post_processor=None, truncation=None, padding=None,
                 model={"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]], "byte_fallback": False})
    special = post["special_tokens"]
    blob = {
        "format": CACHE_FORMAT,
        "shell": json.dumps(shell, ensure_ascii=False),  # normaliser + pre-tokeniser, for tokenizers to rebuild
        "pieces": "\x00".join(pieces),  # one string + raw doubles unmarshal ~10x faster than a list of pairs
        "scores": array.array("d", scores).tobytes(),
        "longest": longest,
        "unk_id": int(model["unk_id"]),
        "added": [(t["content"], int(t["id"]), bool(t.get("lstrip"))) for t in data.get("added_tokens", [])],
        "bos": list(special[post["single"][0]["SpecialToken"]["id"]]["ids"]),
        "eos": list(special[post["single"][2]["SpecialToken"]["id"]]["ids"]),
    }
    out_path = Path(out_path)
    fd, temp = tempfile.mkstemp(prefix=out_path.name + ".", dir=out_path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(blob, handle)
        os.chmod(temp, 0o644)
        os.replace(temp, out_path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


class LightUnigramTokenizer:
    """`encode_ids(text)`: `<s> pieces </s>`, the pieces cut on the right to fit `max_length` tokens in all."""

    def __init__(self, cache_path: Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        with open(cache_path, "rb") as handle:
            blob: dict[str, Any] = marshal.load(handle)
        if blob.get("format") != CACHE_FORMAT:
            raise ValueError(f"{cache_path}: unknown format")
        shell = Tokenizer.from_str(blob["shell"])
        self._normalizer, self._pre_tokenizer = shell.normalizer, shell.pre_tokenizer
        pieces = blob["pieces"].split("\x00")
        self._ids: dict[str, int] = dict(zip(pieces, range(len(pieces))))
        self._scores = array.array("d")
        self._scores.frombytes(blob["scores"])
        self._longest: dict[str, int] = blob["longest"]
        self._unk_id: int = blob["unk_id"]
        self._unk_score = min(self._scores) - _UNK_PENALTY
        self._bos: list[int] = blob["bos"]
        self._eos: list[int] = blob["eos"]
        self.max_length = int(max_length)
        added = sorted(blob["added"], key=lambda t: -len(t[0]))  # the longest match first, as tokenizers does
        self._added = {content: (token_id, lstrip) for content, token_id, lstrip in added}
        self._added_re = re.compile("|".join(re.escape(c) for c, _, _ in added)) if added else None

    def encode_ids(self, text: str) -> list[int]:
        ids: list[int] = []
        for segment, token_id in self._split_added(text):
            if token_id is not None:
                ids.append(token_id)
                continue
            normalized = self._normalizer.normalize_str(segment) if self._normalizer else segment
            if not normalized:
                continue
            words = self._pre_tokenizer.pre_tokenize_str(normalized) if self._pre_tokenizer else [(normalized, None)]
            for word, _ in words:
                ids.extend(self._viterbi(word))
        room = self.max_length - len(self._bos) - len(self._eos)
        return self._bos + ids[: max(0, room)] + self._eos

    def _split_added(self, text: str) -> list[tuple[str, int | None]]:
        """The text cut around special tokens written in it (`<mask>` also takes the whitespace before it)."""
        if self._added_re is None:
            return [(text, None)]
        parts: list[tuple[str, int | None]] = []
        last = 0
        for match in self._added_re.finditer(text):
            token_id, lstrip = self._added[match.group()]
            start = match.start()
            if lstrip:
                while start > last and text[start - 1] in _WHITE_SPACE:
                    start -= 1
            if start > last:
                parts.append((text[last:start], None))
            parts.append((match.group(), token_id))
            last = match.end()
        if last < len(text):
            parts.append((text[last:], None))
        return parts

    def _viterbi(self, word: str) -> list[int]:
        """The best-scoring split of `word` into pieces (tokenizers' Unigram.encode_optimized, by characters)."""
        n = len(word)
        ids, scores, longest = self._ids, self._scores, self._longest
        best = [0.0] * (n + 1)
        start_of = [-1] * (n + 1)
        piece_of = [0] * (n + 1)
        for i in range(n):
            here = best[i]
            single = False
            for j in range(i + 1, min(n, i + longest.get(word[i], 0)) + 1):
                token_id = ids.get(word[i:j])
                if token_id is None:
                    continue
                score = scores[token_id] + here
                if start_of[j] < 0 or score > best[j]:
                    best[j], start_of[j], piece_of[j] = score, i, token_id
                single = single or j == i + 1
            if not single:
                score = self._unk_score + here
                if start_of[i + 1] < 0 or score > best[i + 1]:
                    best[i + 1], start_of[i + 1], piece_of[i + 1] = score, i, self._unk_id
        out: list[int] = []
        unk_end = -1  # consecutive unknowns become one token (whose text may then be a piece)
        end = n
        while end > 0:
            start = start_of[end]
            if piece_of[end] == self._unk_id:
                if unk_end < 0:
                    unk_end = end
            else:
                if unk_end >= 0:
                    out.append(ids.get(word[end:unk_end], self._unk_id))
                    unk_end = -1
                out.append(piece_of[end])
            end = start
        if unk_end >= 0:
            out.append(ids.get(word[:unk_end], self._unk_id))
        out.reverse()
        return out
