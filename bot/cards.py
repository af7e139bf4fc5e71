"""HTML cards for Telegram (parse mode HTML): pure functions from the reply model to message texts and buttons.

Every text that comes from the corpus or from a user is `html.escape`d; the best sentence of a hit is in <b>;
`split_html` cuts a text into messages under 4,096 characters at sentence ends, never inside a tag or an entity,
closing the open tags at the cut and opening them again in the next message.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.conversation import (
    About,
    Action,
    Answer,
    BureauChoice,
    BureauSelected,
    ClaimCheck,
    CorpusInfo,
    Hint,
    InterviewList,
    NotFound,
    Reply,
    SourceDetails,
    Stats,
    TurnContext,
    Welcome,
    passage_payload,
)
from index.store.builder import RefreshReport
from bot.render import source_rows
from index.records import Hit, Passage

MAX_MESSAGE = 4096
TAG_ORDER = ("b", "u", "s", "i")  # nesting order when spans of several kinds overlap
_TOKENS = re.compile(r"<[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);|[^<&]+|[<&]")
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*\n*|\n+)|[^。！？；!?;\n]+")
_BREAK_END = re.compile(r"(?:[。！？；!?;][”’」』）)]*|\n)\s*$")
_KIND = {"intro": "导语", "summary": "访谈总结"}
VERDICT = {
    "verbatim": "✅ 原文如此：这一说法的措辞见于访谈原文。",
    "differs": "⚠️ 与原文有出入：访谈中有相近的说法，但以下内容不同。",
    "not_found": "❌ 访谈中没有找到这一说法。",
}


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: callback `data` (at most 64 bytes) or a `url`."""

    text: str
    data: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Card:
    """Messages to send in order; the buttons go under the last one."""

    chunks: tuple[str, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()


def escape(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def mark(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """`text` escaped, with each (start, end, tag) span wrapped in <tag>; overlapping spans nest properly."""
    clipped = [(max(0, s), min(len(text), e), t) for s, e, t in spans if t in TAG_ORDER]
    clipped = [(s, e, t) for s, e, t in clipped if s < e]
    cuts = sorted({0, len(text), *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    pieces: list[tuple[tuple[str, ...], str]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        tags = tuple(t for t in TAG_ORDER if any(s <= a and b <= e and t == tag for s, e, tag in clipped))
        if pieces and pieces[-1][0] == tags:
            pieces[-1] = (tags, pieces[-1][1] + text[a:b])
        else:
            pieces.append((tags, text[a:b]))
    out = []
    for tags, piece in pieces:
        out.append("".join(f"<{t}>" for t in tags) + escape(piece) + "".join(f"</{t}>" for t in reversed(tags)))
    return "".join(out)


def highlight(text: str, span: tuple[int, int] | None) -> str:
    """The passage escaped, its best sentence in bold."""
    return mark(text, [(span[0], span[1], "b")] if span else [])


# -- splitting ------------------------------------------------------------------------------------------------
def _atoms(source: str, piece: int) -> list[str]:
    """Tags, entities and sentences (long ones cut to `piece` characters): the units a message is cut between."""
    atoms: list[str] = []
    for token in _TOKENS.findall(source):
        if token.startswith("<") or (token.startswith("&") and len(token) > 1):
            atoms.append(token)
            continue
        for sentence in _SENTENCE.findall(token):
            atoms.extend(sentence[i:i + piece] for i in range(0, len(sentence), piece))
    return atoms


def _tag(token: str) -> tuple[str, bool] | None:
    """(name, is_closing) for a tag token, None for text."""
    m = re.match(r"<(/?)([a-zA-Z][\w-]*)", token)
    return (m.group(2).lower(), bool(m.group(1))) if m else None


def split_html(source: str, limit: int = MAX_MESSAGE) -> list[str]:
    """`source` cut into well-formed pieces of at most `limit` characters, at sentence ends where possible."""
    if len(source) <= limit:
        return [source] if _visible(source).strip() else []
    atoms = _atoms(source, max(1, limit // 4))
    stacks: list[tuple[tuple[str, str], ...]] = []  # open (name, opening token) after each atom
    breaks: list[bool] = []
    stack: list[tuple[str, str]] = []
    for atom in atoms:
        tag = _tag(atom)
        if tag and not tag[1]:
            stack.append((tag[0], atom))
        elif tag and stack and stack[-1][0] == tag[0]:
            stack.pop()
        stacks.append(tuple(stack))
        if tag is not None:  # a closing tag right after a sentence end is as good a place to cut
            breaks.append(bool(tag[1] and breaks and breaks[-1]))
        else:  # an entity (&amp;) ends in ";" but is no sentence end
            breaks.append(not atom.startswith("&") and bool(_BREAK_END.search(atom)))

    def opening(open_tags: Sequence[tuple[str, str]]) -> str:
        return "".join(token for _, token in open_tags)

    def closing(open_tags: Sequence[tuple[str, str]]) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(open_tags))

    chunks: list[str] = []
    i = 0
    while i < len(atoms):
        before = stacks[i - 1] if i else ()
        size, j, best = len(opening(before)), i, None
        while j < len(atoms) and size + len(atoms[j]) + len(closing(stacks[j])) <= limit:
            size += len(atoms[j])
            if breaks[j]:
                best = j
            j += 1
        if j == len(atoms):
            end = j - 1
        else:
            end = best if best is not None else max(i, j - 1)
        chunks.append(opening(before) + "".join(atoms[i:end + 1]) + closing(stacks[end]))
        i = end + 1
    return [c for c in chunks if _visible(c).strip()]


def _visible(source: str) -> str:
    return html.unescape(re.sub(r"<[^<>]*>", "", source))


# -- cards ----------------------------------------------------------------------------------------------------
def speaker_line(p: Passage) -> str:
    speaker = f"{escape(p.speaker)}（{escape(p.role)}）" if p.role else escape(p.speaker)
    kind = _KIND.get(p.kind)
    return f"🏛 {escape(p.bureau or '—')} · {speaker}{f' · {kind}' if kind else ''}"


def question_line(p: Passage) -> str | None:
    return f"❓ {escape(p.asker or '记者')}问：{escape(p.question)}" if p.question else None


def source_html(p: Passage) -> str:
    """Outlet, series, title, date and URL, where known."""
    parts = [x for x in (p.outlet, p.series, f"《{p.title}》" if p.title else None, p.date) if x]
    line = "📰 " + " · ".join(escape(x) for x in parts) if parts else f"📰 {escape(p.file)}"
    return line + (f"\n🔗 {escape(p.url)}" if p.url else "")


def _quote(p: Passage, body: str) -> str:
    heading = f"【{escape(p.heading)}】\n" if p.heading and not p.text.startswith(p.heading) and p.kind == "answer" \
        else ""
    return f"{heading}<blockquote>{body}</blockquote>"


def hit_card(hit: Hit, number: int | None = None, total: int | None = None) -> str:
    """One answer: bureau, speaker and role, the reporter's question, the verbatim passage (best sentence in
    bold), the source."""
    p = hit.passage
    lines = [f"<i>第 {number}/{total} 条</i>"] if number and total and total > 1 else []
    lines.append(speaker_line(p))
    if (question := question_line(p)) is not None:
        lines.append(question)
    lines.append(_quote(p, highlight(p.text, hit.best_sentence)))
    lines.append(source_html(p))
    return "\n".join(lines)


def answer_card(reply: Answer) -> Card:
    numbered = reply.key is not None and len(reply.hits) > 1
    cards = [hit_card(hit, reply.first_number + i if numbered else None, len(reply.hits))
             for i, hit in enumerate(reply.shown)]
    head = f"<i>（只在「{escape(reply.bureau)}」的访谈中查找）</i>\n" if reply.bureau else ""
    rows: list[tuple[Button, ...]] = []
    if reply.has_more and reply.key:
        rows.append((Button("更多结果 ▶", Action("m", reply.key, reply.page + 1).encode()),))
    for i, hit in enumerate(reply.shown):
        n = f" {reply.first_number + i}" if len(reply.shown) > 1 else ""
        pid = hit.passage.passage_id
        rows.append((Button(f"完整回答{n}", Action("c", pid).encode()), Button(f"出处{n}", Action("s", pid).encode())))
    if reply.log_id is not None:
        rows.append((Button("👍 有帮助", Action("f", f"+{reply.log_id}").encode()),
                     Button("👎 没帮助", Action("f", f"-{reply.log_id}").encode())))
    return Card(tuple(split_html(head + "\n\n".join(cards))), tuple(rows))


def not_found_card(reply: NotFound) -> Card:
    where = f"在「{escape(reply.bureau)}」的访谈中" if reply.bureau else "访谈中"
    lines = [f"{where}没有找到与这个问题相关的内容。本机器人只引用已发表的访谈原文，不会自己编写答案。"]
    if reply.bureaus:
        lines.append("目前收录的访谈来自：" + "、".join(f"{escape(b)}（{n}篇）" for b, n in reply.bureaus) + "。")
    if reply.examples:
        lines.append("可以试着这样问：\n" + "\n".join(f"• {escape(q)}" for q in reply.examples))
    lines.append("发送 /bureaus 查看各单位的访谈，/help 查看用法。")
    return Card(tuple(split_html("\n\n".join(lines))))


def context_card(reply: TurnContext) -> Card:
    first = reply.turn[0] if reply.turn else reply.passage
    lines = ["📖 <b>完整回答</b>", speaker_line(first)]
    if (question := question_line(first)) is not None:
        lines.append(question)
    for p in reply.turn or (reply.passage,):
        pointer = "👉 " if p.passage_id == reply.passage.passage_id and len(reply.turn) > 1 else ""
        lines.append(pointer + _quote(p, escape(p.text)))
    lines.append(source_html(first))
    source = Button("出处", Action("s", reply.passage.passage_id).encode())
    return Card(tuple(split_html("\n".join(lines))), ((source,),))


def source_card(reply: SourceDetails, bot_username: str | None = None) -> Card:
    p = reply.passage
    lines = ["📰 <b>出处</b>"] + [f"{name}：{escape(value)}" for name, value in source_rows(p)]
    if bot_username:
        lines.append(f"分享这段原文：{escape(deep_link(bot_username, passage_payload(p.passage_id)))}")
    return Card(tuple(split_html("\n".join(lines))))


def verification_card(reply: ClaimCheck) -> Card:
    v = reply.verification
    lines = [f"🔎 说法：{escape(v.claim)}", VERDICT.get(v.verdict, escape(v.verdict))]
    for d in v.differences:
        kind = "数字" if d.kind == "number" else "文字"
        claim = f"<s>{escape(d.claim)}</s>" if d.claim else "（无）"
        record = f"<u>{escape(d.record)}</u>" if d.record else "（无）"
        lines.append(f"• {kind}：说法「{claim}」，原文「{record}」" + (f"（{escape(d.note)}）" if d.note else ""))
    for e in v.alignment.equivalents:
        lines.append(f"• 写法不同、数值相同：「{escape(e.claim)}」=「{escape(e.record)}」")
    if v.verdict == "not_found":
        lines.append("（只核对措辞是否见于原文。想找相关内容，可以直接提问。）")
    if v.hits:
        hit = v.hits[0]
        p = hit.passage
        spans = [(hit.best_sentence[0], hit.best_sentence[1], "b")] if hit.best_sentence else []
        spans += [(s, e, "u") for s, e in v.alignment.diff_spans]
        lines += ["", "原文（粗体为对应的句子，下划线为不同之处）：", speaker_line(p)]
        if (question := question_line(p)) is not None:
            lines.append(question)
        lines += [_quote(p, mark(p.text, spans)), source_html(p)]
        buttons: tuple[tuple[Button, ...], ...] = ((Button("完整回答", Action("c", p.passage_id).encode()),
                                                     Button("出处", Action("s", p.passage_id).encode())),)
    else:
        buttons = ()
    return Card(tuple(split_html("\n".join(lines))), buttons)


def bureaus_card(reply: BureauChoice) -> Card:
    if not reply.bureaus:
        return Card(("访谈库还是空的。",))
    text = ("访谈库收录了以下单位的访谈。点单位名查看它的访谈；点「只问这个单位」后，"
            "下一个问题只在该单位的访谈中查找。")
    rows = tuple((Button(f"{name}（{n}篇）", Action("i", token).encode()),
                  Button("只问这个单位", Action("b", token).encode())) for name, n, token in reply.bureaus)
    return Card((text,), rows)


def interviews_card(reply: InterviewList, bot_username: str | None = None) -> Card:
    lines = [f"「{escape(reply.bureau)}」的访谈（{len(reply.interviews)}篇）："]
    for n, i in enumerate(reply.interviews, 1):
        who = f"{i.interviewee}（{i.role}）" if i.role else i.interviewee
        parts = [x for x in (who, i.outlet, i.date) if x]
        lines.append(f"{n}. 《{escape(i.title or '无标题')}》{escape('，'.join(parts))}，{i.passages}段原文")
        if i.url:
            lines.append(f"   {escape(i.url)}")
        if bot_username:
            lines.append(f"   从头阅读：{escape(deep_link(bot_username, passage_payload(i.first_passage_id)))}")
    return Card(tuple(split_html("\n".join(lines))))


def _corpus_line(c: CorpusInfo) -> str:
    names = "、".join(escape(b) for b, _ in c.bureaus) or "（无）"
    return f"目前收录 {c.interviews} 篇访谈、{c.passages} 段原文，来自 {len(c.bureaus)} 个单位：{names}。"


def welcome_card(reply: Welcome, bot_username: str | None = None) -> Card:
    lines = ["👋 你好！我用政府部门已发表访谈的<b>原文</b>回答问题：谁说的、回答记者的哪个问题、发表在哪里。"
             "访谈里没有的内容，我会如实说“没有找到”，不会自己编写答案。", _corpus_line(reply.corpus)]
    if reply.examples:
        lines.append("直接输入问题即可，例如：\n" + "\n".join(f"• {escape(q)}" for q in reply.examples))
    lines.append("命令：\n/ask 问题 —— 提问（群聊中用 /ask 或 @我）\n/bureaus —— 按单位查看访谈、只问某个单位\n"
                 "/verify 说法 —— 核对一个说法与原文是否一致\n/about —— 关于本机器人\n/help —— 用法")
    if bot_username:
        lines.append(f"在任何聊天中输入 @{escape(bot_username)} 问题，可以把原文分享出去。")
    return Card(("\n\n".join(lines),))


def about_card(reply: About) -> Card:
    text = ("本机器人回答关于政府部门已发表访谈的问题。每个回答都是访谈原文的逐字引用，并注明谁说的、"
            "回答的是记者的哪个问题、发表在哪里；访谈中没有的内容，会如实告知“没有找到”，从不自己编写答案。\n\n"
            + _corpus_line(reply.corpus) + "\n\n用 /verify 可以核对一个说法是否与原文一致。")
    return Card((text,))


def stats_card(reply: Stats) -> Card:
    c = reply.corpus
    hours, rest = divmod(int(reply.uptime), 3600)
    text = (f"📊 运行时间：{hours}小时{rest // 60}分{rest % 60}秒\n"
            f"原文 {c.passages} 段，访谈 {c.interviews} 篇，单位 {len(c.bureaus)} 个\n"
            f"自启动以来：回答 {reply.answered} 个问题，没有找到 {reply.not_found} 个，提示 {reply.hints} 次")
    if reply.log is not None:
        log = reply.log
        bureaus = "、".join(f"{escape(b['bureau'])}（{b['questions']}）" for b in log.get("top_bureaus", [])) or "—"
        text += (f"\n\n📒 提问记录：共 {log['total']} 个问题，找到答案 {log['answered_share']:.0%}，"
                 f"👍 {log['thumbs_up']} / 👎 {log['thumbs_down']}，提问人数 {log['users']}\n"
                 f"问得最多的单位：{bureaus}\n完整报告：interview-qa report")
    return Card((text,))


def render(reply: Reply, bot_username: str | None = None) -> Card:
    """Any reply model as a Telegram card."""
    match reply:
        case Hint():
            return Card((escape(reply.text),))
        case Answer():
            return answer_card(reply)
        case NotFound():
            return not_found_card(reply)
        case TurnContext():
            return context_card(reply)
        case SourceDetails():
            return source_card(reply, bot_username)
        case ClaimCheck():
            return verification_card(reply)
        case BureauChoice():
            return bureaus_card(reply)
        case InterviewList():
            return interviews_card(reply, bot_username)
        case BureauSelected():
            return Card((f"好的，下一个问题只在「{escape(reply.bureau)}」的访谈中查找。请直接输入问题。",))
        case About():
            return about_card(reply)
        case Stats():
            return stats_card(reply)
        case Welcome():
            return welcome_card(reply, bot_username)
    raise TypeError(f"no card for {type(reply).__name__}")


# -- inline mode ----------------------------------------------------------------------------------------------
def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


@dataclass(frozen=True, slots=True)
class InlineArticle:
    id: str
    title: str
    description: str
    html: str
    link: str | None  # opens the passage in the bot


def inline_article(hit: Hit, bot_username: str | None = None) -> InlineArticle:
    """A hit as an inline result: the card (cut to one message, marked 节选 when cut) with its source."""
    p = hit.passage
    card = hit_card(hit)
    chunks = split_html(card, MAX_MESSAGE - 10)
    text = chunks[0] if len(chunks) == 1 else chunks[0] + "\n（节选）"
    sentence = p.text[hit.best_sentence[0]:hit.best_sentence[1]] if hit.best_sentence else p.text
    title = f"{p.speaker}：{_short(sentence, 60)}"
    description = " · ".join(x for x in (p.bureau, p.outlet, p.title) if x)
    link = deep_link(bot_username, passage_payload(p.passage_id)) if bot_username else None
    return InlineArticle(p.passage_id, title, _short(description, 100), text, link)


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def reload_card(report: RefreshReport, corpus: CorpusInfo, seconds: float) -> Card:
    """What /reload changed."""
    def files(names: Sequence[str]) -> str:
        shown = "、".join(escape(n) for n in names[:10])
        return shown + (f" 等{len(names)}个" if len(names) > 10 else "")

    if not report.rebuilt:
        lines = [f"✅ 访谈库没有变化（用时 {seconds:.1f} 秒）。"]
    else:
        lines = [f"✅ 访谈库已重新加载（用时 {seconds:.1f} 秒）。"]
        if report.parsed:
            lines.append(f"新增或更新 {len(report.parsed)} 个文件：{files(report.parsed)}")
        if report.removed:
            lines.append(f"删除 {len(report.removed)} 个文件：{files(report.removed)}")
        lines.append(f"未变 {len(report.reused)} 个文件。")
    lines.append(_corpus_line(corpus))
    if report.warnings:
        lines.append("⚠️ 警告：\n" + "\n".join(f"• {escape(w)}" for w in report.warnings[:20]))
    return Card(tuple(split_html("\n".join(lines))))
