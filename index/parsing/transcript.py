"""The transcript a rewritten export becomes (a chat, a forum thread, a Weibo topic page): the page's own lines above,
then each answered question as `网友“昵称”：……` followed by its replies, each `who：……`, blocks a blank line apart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def transcript(head: Sequence[str], asked: Iterable[tuple[str, str, Sequence[tuple[str, str]]]]) -> str:
    """`head` (empty parts left out), then each (asker, question, [(who, reply), …])."""
    out = [part for part in head if part]
    for asker, question, replies in asked:
        out.append(f"网友“{asker}”：{question}")
        out.extend(f"{who}：{said}" for who, said in replies)
    return "\n\n".join(part for part in out if part) + "\n"
