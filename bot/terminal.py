"""`interview-qa chat`: the conversation in a terminal, cards as plain text; reads stdin line by line (pipes work).

Typed commands: `more` (next result), `context` (the full answer of the last result), `source` (its source),
`verify 说法`, `bureaus`, `new` (a new topic: the next question is not read with the earlier ones), `about`, `help`,
`quit`; the Chinese words 更多/完整回答/出处/核对/单位/新话题/关于/帮助/退出 and a leading `/` work too. Anything else
is a question, read with the session's earlier questions when it follows up on them (那一共缓了多少钱？还有呢？).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from bot import texts
from bot.conversation.conversation import Conversation
from bot.conversation.replies import Answer, ClaimCheck, Hint, NotFound, Question, Reply
from bot.render.plain import render_plain
from index.records import Hit

USER = 0  # the one terminal user
SESSION = "terminal"  # the conversation key of the terminal session


def _bold(text: str) -> str:
    return f"\033[1m{text}\033[0m"


@dataclass(slots=True)
class TerminalChat:
    """One terminal session: the conversation plus what `more`, `context` and `source` refer to."""

    conversation: Conversation
    emphasis: Callable[[str], str] | None = None
    last_answer: Answer | None = None
    last_hit: Hit | None = field(default=None)

    def handle(self, line: str) -> str | None:
        """The text to print for one input line; None means quit."""
        stripped = line.strip()
        word, _, rest = stripped.lstrip("/").partition(" ")
        command = texts.TERMINAL_WORDS.get(word.lower()) if stripped else None
        if command is not None and command != "verify" and rest.strip():
            command = None  # "about the sea…", "help me find…": a question, not a command (the whole line is)
        if stripped.isdigit() and self.last_answer is not None and self.last_answer.suggestions:
            number = int(stripped) - 1
            if 0 <= number < len(self.last_answer.suggestions):  # 您可能想问 by its number
                return self.render(self.conversation.prepare(USER, self.last_answer.suggestions[number], SESSION))
        if command == "quit":
            return None
        if command == "new":
            return self.render(self.conversation.forget(SESSION))
        if command == "help":
            return self.render(self.conversation.welcome())
        if command == "about":
            return self.render(self.conversation.about())
        if command == "bureaus":
            c = self.conversation
            return "\n\n".join(self.render(c.interviews(name)) for name, _ in c.corpus.bureaus) or texts.EMPTY_LIBRARY
        if command == "verify":
            claim = self.conversation.prepare_claim(USER, rest)
            return self.render(claim if isinstance(claim, Hint) else self.conversation.verify(claim))
        if command == "more":
            if self.last_answer is None or self.last_answer.key is None:
                return texts.NOTHING_TO_PAGE
            return self.render(self.conversation.page(self.last_answer.key, self.last_answer.page + 1))
        if command in ("context", "source"):
            if self.last_hit is None:
                return texts.NO_RESULT_YET
            pid = self.last_hit.passage.passage_id
            reply = self.conversation.context(pid) if command == "context" else self.conversation.source(pid)
            return self.render(reply)
        return self.render(self.conversation.ask(USER, line, key=SESSION))

    def render(self, reply: Reply | Question) -> str:
        if isinstance(reply, Question):
            result = self.conversation.search(reply)
            reply = self.conversation.record("terminal", reply, result, self.conversation.answer(reply, result))
        if isinstance(reply, Answer):
            self.last_answer, self.last_hit = reply, reply.shown[-1] if reply.shown else None
        elif isinstance(reply, NotFound):  # `context` and `more` after a "not found" refer to nothing
            self.last_answer, self.last_hit = None, None
        elif isinstance(reply, ClaimCheck) and reply.verification.hits:
            self.last_hit = reply.verification.hits[0]
        return render_plain(reply, self.emphasis)


def run_chat(conversation: Conversation, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """The read-answer loop; a prompt only when a person types (stdin is a terminal). EOF or `quit` ends it."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    interactive = stdin.isatty()
    chat = TerminalChat(conversation, _bold if stdout.isatty() else None)
    print(chat.render(conversation.welcome()) + "\n", file=stdout, flush=True)
    while True:
        if interactive:
            print(texts.TERMINAL_PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            break
        if not line.strip():
            continue
        out = chat.handle(line.rstrip("\n"))
        if out is None:
            break
        print(out + "\n", file=stdout, flush=True)
    if interactive:
        print(texts.TERMINAL_BYE, file=stdout, flush=True)
    return 0
