"""`interview-qa chat`: the conversation in a terminal, cards as plain text; reads stdin line by line (pipes work).

Typed commands: `more` (next result), `context` (the full answer of the last result), `source` (its source),
`verify 说法`, `bureaus`, `about`, `help`, `quit`; the Chinese words 更多/完整回答/出处/核对/单位/关于/帮助/退出 and a
leading `/` work too. Anything else is a question.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TextIO

from bot.conversation import (
    About,
    Answer,
    BureauChoice,
    BureauSelected,
    ClaimCheck,
    Conversation,
    CorpusInfo,
    Hint,
    InterviewList,
    NotFound,
    Question,
    Reply,
    SourceDetails,
    Stats,
    TurnContext,
    Welcome,
)
from bot.render import render_hit_text, render_verification_text, source_line, source_rows
from index.records import Hit

USER = 0  # the one terminal user
COMMANDS = {
    "more": "more", "更多": "more", "context": "context", "完整回答": "context", "完整": "context",
    "source": "source", "出处": "source", "verify": "verify", "核对": "verify", "bureaus": "bureaus",
    "单位": "bureaus", "about": "about", "关于": "about", "help": "help", "帮助": "help", "?": "help",
    "quit": "quit", "exit": "quit", "q": "quit", "退出": "quit",
}
HELP = ("直接输入问题，回答都是访谈原文。命令：\n"
        "  more 更多结果 · context 完整回答 · source 出处 · verify 说法（核对说法）\n"
        "  bureaus 单位与访谈 · about 关于 · help 帮助 · quit 退出")


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
        word, _, rest = line.strip().lstrip("/").partition(" ")
        command = COMMANDS.get(word.lower()) if line.strip() else None
        if command == "quit":
            return None
        if command == "help":
            return self.render(self.conversation.welcome())
        if command == "about":
            return self.render(self.conversation.about())
        if command == "bureaus":
            c = self.conversation
            return "\n\n".join(self.render(c.interviews(name)) for name, _ in c.corpus.bureaus) or "访谈库还是空的。"
        if command == "verify":
            claim = self.conversation.prepare_claim(USER, rest)
            return self.render(claim if isinstance(claim, Hint) else self.conversation.verify(claim))
        if command == "more":
            if self.last_answer is None or self.last_answer.key is None:
                return "还没有可以翻页的结果，请先提问。"
            return self.render(self.conversation.page(self.last_answer.key, self.last_answer.page + 1))
        if command in ("context", "source"):
            if self.last_hit is None:
                return "还没有结果，请先提问。"
            pid = self.last_hit.passage.passage_id
            reply = self.conversation.context(pid) if command == "context" else self.conversation.source(pid)
            return self.render(reply)
        return self.render(self.conversation.ask(USER, line))

    def render(self, reply: Reply | Question) -> str:
        if isinstance(reply, Question):
            result = self.conversation.search(reply)
            reply = self.conversation.record("terminal", reply, result, self.conversation.answer(reply, result))
        if isinstance(reply, Answer):
            self.last_answer, self.last_hit = reply, reply.shown[-1] if reply.shown else None
        elif isinstance(reply, ClaimCheck) and reply.verification.hits:
            self.last_hit = reply.verification.hits[0]
        return render_plain(reply, self.emphasis)


def render_plain(reply: Reply, emphasis: Callable[[str], str] | None = None) -> str:
    """Any reply model as plain text."""
    match reply:
        case Hint():
            return reply.text
        case Answer():
            numbered = reply.key is not None and len(reply.hits) > 1
            cards = [render_hit_text(hit, reply.first_number + i if numbered else None, emphasis)
                     for i, hit in enumerate(reply.shown)]
            tail = f"（第 {reply.first_number}/{len(reply.hits)} 条。" if numbered else "（"
            tail += ("more 更多结果 · " if reply.has_more else "") + "context 完整回答 · source 出处）"
            head = f"（只在「{reply.bureau}」的访谈中查找）\n" if reply.bureau else ""
            return head + "\n\n".join(cards) + "\n" + tail
        case NotFound():
            lines = [("在「" + reply.bureau + "」的访谈中" if reply.bureau else "访谈中")
                     + "没有找到与这个问题相关的内容。本程序只引用已发表的访谈原文，不会自己编写答案。"]
            if reply.bureaus:
                lines.append("目前收录的访谈来自：" + "、".join(f"{b}（{n}篇）" for b, n in reply.bureaus) + "。")
            if reply.examples:
                lines.append("可以试着这样问：" + "".join(f"\n  • {q}" for q in reply.examples))
            return "\n".join(lines)
        case TurnContext():
            first = reply.turn[0] if reply.turn else reply.passage
            speaker = f"{first.speaker}（{first.role}）" if first.role else first.speaker
            lines = ["完整回答：", f"{first.bureau or '—'} · {speaker}"]
            if first.question:
                lines.append(f"问（{first.asker or '记者'}）：{first.question}")
            for p in reply.turn or (reply.passage,):
                mark = "▶ " if p.passage_id == reply.passage.passage_id and len(reply.turn) > 1 else "  "
                shows_heading = p.heading and not p.text.startswith(p.heading) and p.kind == "answer"
                heading = f"【{p.heading}】" if shows_heading else ""
                lines.append(f"{mark}{heading}“{p.text}”")
            whole = replace(first, end=max(p.end for p in reply.turn or (reply.passage,)))
            lines.append("出处：" + source_line(Hit(whole, 0.0)))
            return "\n".join(lines)
        case SourceDetails():
            return "出处：\n" + "\n".join(f"  {k}：{v}" for k, v in source_rows(reply.passage))
        case ClaimCheck():  # the passage the claim was aligned with, as on Telegram
            return render_verification_text(replace(reply.verification, hits=reply.verification.hits[:1]))
        case InterviewList():
            lines = [f"「{reply.bureau}」的访谈（{len(reply.interviews)}篇）："]
            for n, i in enumerate(reply.interviews, 1):
                who = f"{i.interviewee}（{i.role}）" if i.role else i.interviewee
                details = "，".join(x for x in (who, i.outlet, i.date, i.url) if x)
                lines.append(f"  {n}. 《{i.title or '无标题'}》{details}")
            return "\n".join(lines)
        case BureauChoice():
            return "\n".join(f"{name}（{n}篇）" for name, n, _ in reply.bureaus)
        case BureauSelected():
            return f"下一个问题只在「{reply.bureau}」的访谈中查找。"
        case About():
            return ("回答关于政府部门已发表访谈的问题：每个回答都是访谈原文的逐字引用，注明谁说的、回答记者的哪个问题、"
                    "发表在哪里；访谈中没有的内容如实告知“没有找到”。\n" + _corpus_line(reply.corpus))
        case Stats():
            return f"{_corpus_line(reply.corpus)}\n回答 {reply.answered} 个，没有找到 {reply.not_found} 个。"
        case Welcome():
            lines = ["你好！我用政府部门已发表访谈的原文回答问题。", _corpus_line(reply.corpus)]
            if reply.examples:
                lines.append("例如：" + "".join(f"\n  • {q}" for q in reply.examples))
            return "\n".join(lines + [HELP])
    raise TypeError(f"no plain text for {type(reply).__name__}")


def _corpus_line(c: CorpusInfo) -> str:
    names = "、".join(b for b, _ in c.bureaus) or "（无）"
    return f"目前收录 {c.interviews} 篇访谈、{c.passages} 段原文，来自 {len(c.bureaus)} 个单位：{names}。"


def run_chat(conversation: Conversation, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """The read-answer loop; a prompt only when a person types (stdin is a terminal). EOF or `quit` ends it."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    interactive = stdin.isatty()
    chat = TerminalChat(conversation, _bold if stdout.isatty() else None)
    print(chat.render(conversation.welcome()) + "\n", file=stdout, flush=True)
    while True:
        if interactive:
            print("问> ", end="", file=stdout, flush=True)
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
        print("再见！", file=stdout, flush=True)
    return 0
