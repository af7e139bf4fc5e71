"""The SentencePiece tokenizer of e5-small rebuilt for `tokenizers`: the normalisation map becomes a SentencePiece
"precompiled charsmap" (a darts-clone double array over the UTF-8 bytes of each code point + a pool of NUL-terminated
replacements), which the `tokenizers` Precompiled normalizer reads; pieces + scores become a Unigram model."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from index.embedding.e5_format import E5Vocab

if TYPE_CHECKING:
    from tokenizers import Tokenizer



def _encode_offset(offset: int) -> int:
    if offset < 1 << 21:
        return offset << 10
    if offset % 256 == 0 and offset < 1 << 29:
        return ((offset >> 8) << 10) | (1 << 9)
    raise ValueError(f"double-array offset {offset} cannot be encoded")


def build_double_array(keys: dict[bytes, int]) -> list[int]:
    """A darts-clone double array (32-bit units) mapping each non-empty, NUL-free byte key to its value."""
    root: dict[int, dict] = {}
    for key, value in keys.items():
        if not key or 0 in key or not 0 <= value < 1 << 31:
            raise ValueError(f"cannot store key {key!r} -> {value}")
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[-1] = value  # type: ignore[assignment]  # -1 marks the end of a key and holds its value
    units = [0] * 1024
    used = bytearray(1024)
    used[0] = 1
    used_bases: set[int] = set()
    first_free = 1
    stack: list[tuple[dict, int]] = [(root, 0)]
    while stack:
        node, pos = stack.pop()
        labels = sorted(k for k in node if k != -1)
        if -1 in node:
            labels.insert(0, 0)  # the leaf hangs under label 0
        while used[first_free]:
            first_free += 1
        probe = first_free
        while True:
            base = probe ^ labels[0]
            if base not in used_bases and base:
                need = (base | 0xFF) + 1
                if need > len(units):
                    grow = need - len(units) + 1024
                    units.extend([0] * grow)
                    used.extend(bytes(grow))
                if all(not used[base ^ lab] for lab in labels):
                    break
            probe += 1
            while probe < len(used) and used[probe]:
                probe += 1
            if probe >= len(used):
                units.extend([0] * 1024)
                used.extend(bytes(1024))
        used_bases.add(base)
        units[pos] |= _encode_offset(pos ^ base)
        for lab in labels:
            used[base ^ lab] = 1
        if -1 in node:
            units[pos] |= 1 << 8  # has_leaf
            units[base] = (1 << 31) | node[-1]
        for lab in labels:
            if lab:
                units[base ^ lab] = lab
                stack.append((node[lab], base ^ lab))
    end = max(i for i, u in enumerate(used) if u)
    return units[: ((end >> 8) + 1) << 8]


def double_array_lookup(units: list[int], key: bytes) -> int | None:
    """The value of the shortest key that is a prefix of `key` (what SentencePiece and `tokenizers` use)."""
    pos = units[0] >> 10 << ((units[0] & 512) >> 6)
    for byte in key:
        pos ^= byte
        if pos >= len(units) or units[pos] & ((1 << 31) | 0xFF) != byte:
            return None
        unit = units[pos]
        pos ^= unit >> 10 << ((unit & 512) >> 6)
        if unit >> 8 & 1:
            return units[pos] & ((1 << 31) - 1)
    return None


def build_precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """The per-code-point normalisation map as a SentencePiece precompiled charsmap."""
    pool = bytearray()
    where: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for cp in sorted(norm_map):
        if cp == 0 or 0xD800 <= cp < 0xE000:
            continue  # NUL ends a key and surrogates never reach a tokenizer
        out = norm_map[cp]
        if out not in where:
            where[out] = len(pool)
            pool += out.encode("utf-8") + b"\0"
        keys[chr(cp).encode("utf-8")] = where[out]
    units = build_double_array(keys)
    return struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + bytes(pool)


def build_tokenizer(vocab: E5Vocab) -> Tokenizer:
    """The XLM-R style Unigram tokenizer: charsmap, space folding, Metaspace `▁`, `<s> $A </s>`."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(vocab.pieces, vocab.scores.tolist(), strict=True)],
                                   unk_id=vocab.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(build_precompiled_charsmap(vocab.norm_map)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos}:0 $A:0 {eos}:0", pair=f"{bos}:0 $A:0 {eos}:0 {eos}:0 $B:0 {eos}:0",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)])
    specials = [i for i, p in enumerate(vocab.pieces) if p.startswith("<") and p.endswith(">") and len(p) <= 8
                and vocab.scores[i] == 0.0]
    for i in sorted({vocab.bos, vocab.eos, vocab.pad, vocab.unk, *specials}):
        piece = vocab.pieces[i]
        tok.add_special_tokens([AddedToken(piece, special=True, normalized=False, lstrip=piece == "<mask>")])
    return tok


def special_token_names(vocab: E5Vocab) -> dict[str, str]:
    p = vocab.pieces
    names = {"bos_token": p[vocab.bos], "eos_token": p[vocab.eos], "sep_token": p[vocab.eos],
             "cls_token": p[vocab.bos], "unk_token": p[vocab.unk], "pad_token": p[vocab.pad]}
    if "<mask>" in p[-8:]:
        names["mask_token"] = "<mask>"
    return names
