"""Telegram cards (parse mode HTML): pure functions from the reply models to message texts and buttons.

Every text that comes from the corpus or from a user is `html.escape`d; the best sentence of a hit is in <b>;
`split_html` cuts a text into messages under 4,096 characters at sentence ends, never inside a tag or an entity,
closing the open tags at the cut and opening them again in the next message.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot import texts
from bot.conversation.actions import Action, passage_payload
from bot.render.common import cut_by_spans, source_parts
from bot.conversation.replies import (
    About,
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
)
from bot.render.plain import known_name, source_rows
from index.records import Hit, Passage
from index.records import RefreshReport
from index.text import sentence_spans

MAX_MESSAGE = 4096  # Telegram's limit on a message, in characters
INLINE_MARGIN = 10  # room for the 节选 mark under a cut inline card
SHOWN_FILES = 10  # files named in a /reload report; the rest are counted
SHOWN_WARNINGS = 20
TITLE_CHARS, DESCRIPTION_CHARS = 60, 100  # of an inline result
TAG_ORDER = ("b", "u", "s", "i")  # nesting order when spans of several kinds overlap
_TOKENS = re.compile(r"<[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);|[^<&]+|[<&]")
_BREAK_END = re.compile(r"(?:[。！？；!?;][”’」』）)]*|\n)\s*$")


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: callback `data` (at most 64 bytes), a `url`, or a `web_app` URL (a Telegram Mini App)."""

    text: str
    data: str | None = None
    url: str | None = None
    web_app: str | None = None


@dataclass(frozen=True, slots=True)
class WebLinks:
    """The web pages at `web.public_url`: 出处 opens a passage's permalink, 阅读全文 its interview at the passage
    (as a Mini App where Telegram allows one: a private chat and an https address; a link otherwise)."""

    base: str
    mini_app: bool

    def permalink(self, p: Passage) -> str:
        return f"{self.base}/p/{quote(p.passage_id)}"

    def interview(self, p: Passage) -> str:
        return f"{self.base}/i/{quote(p.interview_id)}#p-{quote(p.passage_id)}"


def web_links(public_url: str | None, private: bool) -> WebLinks | None:
    if not public_url:
        return None
    base = public_url.rstrip("/")
    return WebLinks(base, private and base.startswith("https://"))


@dataclass(frozen=True, slots=True)
class Card:
    """Messages to send in order; the buttons go under the last one."""

    chunks: tuple[str, ...]
    buttons: tuple[tuple[Button, ...], ...] = ()


def escape(text: str | None) -> str:
    return html.escape(text or "", quote=False)


def bold(text: str) -> str:
    return f"<b>{text}</b>"


def mark(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """`text` escaped, with each (start, end, tag) span wrapped in <tag>; overlapping spans nest properly."""
    out = []
    for piece, marks in cut_by_spans(text, [(s, e, t) for s, e, t in spans if t in TAG_ORDER]):
        tags = [t for t in TAG_ORDER if t in marks]
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
        for sentence in _sentences(token):
            atoms.extend(sentence[i:i + piece] for i in range(0, len(sentence), piece))
    return atoms


def _sentences(text: str) -> list[str]:
    """The text cut after each sentence (index.text.sentence_spans), nothing left out: the pieces join back to it."""
    cuts = [end for _, end in sentence_spans(text)]
    bounds = [0, *cuts[:-1], len(text)] if cuts else [0, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]


def _tag(token: str) -> tuple[str, bool] | None:
    """(name, is_closing) for a tag token, None for text."""
    m = re.match(r"<(/?)([a-zA-Z][\w-]*)", token)
    return (m.group(2).lower(), bool(m.group(1))) if m else None


def _open_tags_and_breaks(atoms: Sequence[str]) -> tuple[list[tuple[tuple[str, str], ...]], list[bool]]:
    """For each atom: the tags open after it (name, opening token), and whether a message may end after it."""
    stacks: list[tuple[tuple[str, str], ...]] = []
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
    return stacks, breaks


def _opening(open_tags: Sequence[tuple[str, str]]) -> str:
    return "".join(token for _, token in open_tags)


def _closing(open_tags: Sequence[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(open_tags))


def split_html(source: str, limit: int = MAX_MESSAGE) -> list[str]:
    """`source` cut into well-formed pieces of at most `limit` characters, at sentence ends where possible."""
    if len(source) <= limit:
        return [source] if _visible(source).strip() else []
    atoms = _atoms(source, max(1, limit // 4))
    stacks, breaks = _open_tags_and_breaks(atoms)
    chunks: list[str] = []
    i = 0
    while i < len(atoms):
        before = stacks[i - 1] if i else ()
        size, j, best = len(_opening(before)), i, None
        while j < len(atoms) and size + len(atoms[j]) + len(_closing(stacks[j])) <= limit:
            size += len(atoms[j])
            if breaks[j]:
                best = j
            j += 1
        if j == len(atoms):
            end = j - 1
        else:
            end = best if best is not None else max(i, j - 1)
        chunk = _opening(before) + "".join(atoms[i:end + 1]) + _closing(stacks[end])
        if len(chunk) > limit:  # tags nested so deep that even one piece of text does not fit inside them
            chunk = "".join(atom for atom in atoms[i:end + 1] if _tag(atom) is None)  # the text, unformatted
        chunks.append(chunk)
        i = end + 1
    return [c for c in chunks if _visible(c).strip()]


def _visible(source: str) -> str:
    return html.unescape(re.sub(r"<[^<>]*>", "", source))


def _card(lines: Iterable[str], separator: str = "\n", buttons: tuple[tuple[Button, ...], ...] = ()) -> Card:
    """Lines joined and split into messages."""
    return Card(tuple(split_html(separator.join(lines))), buttons)


# -- pieces of a card -----------------------------------------------------------------------------------------
def speaker_line(p: Passage) -> str:
    """🏛 bureau · speaker (role) · kind, leaving out what is unknown (a 问/答 interview names nobody)."""
    speaker = known_name(p.speaker)
    who = texts.with_role(escape(speaker), escape(p.role)) if speaker else escape(p.role)
    parts = [escape(p.bureau) if p.bureau else None, who or None, texts.PASSAGE_KINDS.get(p.kind)]
    known = " · ".join(x for x in parts if x)
    return f"🏛 {known}" if known else ""


def question_line(p: Passage) -> str | None:
    if not p.question:
        return None
    asker = texts.DEFAULT_ASKER if p.asker is None else known_name(p.asker)
    return f"❓ {texts.asked(escape(asker) if asker else None, escape(p.question))}"


def source_html(p: Passage) -> str:
    """Outlet, series, title, date and URL, where known."""
    parts = source_parts(p)
    line = "📰 " + " · ".join(escape(x) for x in parts) if parts else f"📰 {escape(p.file)}"
    return line + (f"\n🔗 {escape(p.url)}" if p.url else "")


def _quote(p: Passage, body: str) -> str:
    shows_heading = p.heading and p.heading not in p.text and p.kind == "answer"
    heading = texts.heading(escape(p.heading)) + "\n" if shows_heading else ""
    return f"{heading}<blockquote>{body}</blockquote>"


def _passage_buttons(p: Passage, suffix: str = "", web: WebLinks | None = None) -> tuple[Button, ...]:
    context = Button(texts.BUTTON_CONTEXT + suffix, Action("c", p.passage_id).encode())
    if web is None:
        return context, Button(texts.BUTTON_SOURCE + suffix, Action("s", p.passage_id).encode())
    read = (Button(texts.BUTTON_READ_ALL + suffix, web_app=web.interview(p)) if web.mini_app
            else Button(texts.BUTTON_READ_ALL + suffix, url=web.interview(p)))
    return context, Button(texts.BUTTON_SOURCE + suffix, url=web.permalink(p)), read


def _corpus_line(c: CorpusInfo) -> str:
    names = "、".join(escape(b) for b, _ in c.bureaus) or texts.NONE
    return texts.corpus_line(c.interviews, c.passages, len(c.bureaus), names)


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"• {escape(item)}" for item in items)


def deep_link(bot_username: str, payload: str) -> str:
    return f"https://t.me/{bot_username}?start={payload}"


# -- cards ----------------------------------------------------------------------------------------------------
def hit_card(hit: Hit, number: int | None = None, total: int | None = None) -> str:
    """One answer: bureau, speaker and role, the reporter's question, the verbatim passage (best sentence in
    bold), the source."""
    p = hit.passage
    lines = [f"<i>{texts.position(number, total)}</i>"] if number and total and total > 1 else []
    if speaker := speaker_line(p):
        lines.append(speaker)
    if (question := question_line(p)) is not None:
        lines.append(question)
    lines.append(_quote(p, highlight(p.text, hit.best_sentence)))
    lines.append(source_html(p))
    return "\n".join(lines)


def answer_card(reply: Answer, web: WebLinks | None = None) -> Card:
    numbered = reply.key is not None and len(reply.hits) > 1
    cards = [hit_card(hit, reply.first_number + i if numbered else None, len(reply.hits))
             for i, hit in enumerate(reply.shown)]
    head = f"<i>{escape(texts.read_with(reply.read_with))}</i>\n" if reply.read_with else ""
    head += f"<i>{texts.only_in_bureau(escape(reply.bureau))}</i>\n" if reply.bureau else ""
    if reply.confidence == "low":
        head += f"<b>{texts.LOW_CONFIDENCE}</b>\n<i>{texts.LOW_CONFIDENCE_CHECK}</i>\n\n"
    rows: list[tuple[Button, ...]] = []
    if reply.has_more and reply.key:
        rows.append((Button(texts.BUTTON_MORE, Action("m", reply.key, reply.page + 1).encode()),))
    tail = f"\n\n<i>{escape(texts.also_elsewhere(reply.elsewhere, reply.has_more))}</i>" if reply.elsewhere else ""
    if reply.suggestions and reply.key and reply.page == 0:
        tail += "\n\n" + bold(texts.MAY_ASK) + "\n" + "\n".join(
            escape(texts.suggestion_line(n, q)) for n, q in enumerate(reply.suggestions, 1))
        rows.extend((Button(texts.suggestion_button(q), Action("q", reply.key, n).encode()),)
                    for n, q in enumerate(reply.suggestions))
    for i, hit in enumerate(reply.shown):
        n = f" {reply.first_number + i}" if len(reply.shown) > 1 else ""
        rows.append(_passage_buttons(hit.passage, n, web))
    if reply.log_id is not None:
        rows.append((Button(texts.BUTTON_HELPFUL, Action("f", f"+{reply.log_id}").encode()),
                     Button(texts.BUTTON_UNHELPFUL, Action("f", f"-{reply.log_id}").encode())))
    return Card(tuple(split_html(head + "\n\n".join(cards) + tail)), tuple(rows))


def not_found_card(reply: NotFound) -> Card:
    where = texts.searched_in(escape(reply.bureau) if reply.bureau else None)
    lines = [f"<i>{escape(texts.read_with(reply.read_with))}</i>"] if reply.read_with else []
    lines += [texts.NOT_FOUND_BOT.format(where=where), escape(texts.not_found_reason(reply.reason))]
    if reply.bureaus:
        lines.append(texts.covered_bureaus("、".join(texts.bureau_count(escape(b), n) for b, n in reply.bureaus)))
    if reply.examples:
        lines.append(texts.TRY_ASKING + "\n" + _bullets(reply.examples))
    lines.append(texts.NOT_FOUND_NEXT)
    return _card(lines, "\n\n")


def context_card(reply: TurnContext, web: WebLinks | None = None) -> Card:
    first = reply.turn[0] if reply.turn else reply.passage
    lines = [f"📖 {bold(texts.FULL_ANSWER)}", *[x for x in (speaker_line(first),) if x]]
    if (question := question_line(first)) is not None:
        lines.append(question)
    for p in reply.turn or (reply.passage,):
        pointer = "👉 " if p.passage_id == reply.passage.passage_id and len(reply.turn) > 1 else ""
        lines.append(pointer + _quote(p, escape(p.text)))
    lines.append(source_html(first))
    source = (Button(texts.BUTTON_SOURCE, Action("s", reply.passage.passage_id).encode()) if web is None
              else Button(texts.BUTTON_SOURCE, url=web.permalink(reply.passage)))
    return _card(lines, buttons=((source,),))


def source_card(reply: SourceDetails, bot_username: str | None = None) -> Card:
    p = reply.passage
    lines = [f"📰 {bold(texts.SOURCE)}"] + [f"{name}：{escape(value)}" for name, value in source_rows(p)]
    if bot_username:
        lines.append(texts.share_passage(escape(deep_link(bot_username, passage_payload(p.passage_id)))))
    return _card(lines)


def verification_card(reply: ClaimCheck, web: WebLinks | None = None) -> Card:
    v = reply.verification
    lines = [f"🔎 {texts.claim(escape(v.claim))}", texts.VERDICTS.get(v.verdict, escape(v.verdict))]
    for d in v.differences:
        claimed = f"<s>{escape(d.claim)}</s>" if d.claim else texts.NONE
        record = f"<u>{escape(d.record)}</u>" if d.record else texts.NONE
        note = texts.note(escape(d.note)) if d.note else ""
        lines.append(f"• {texts.difference(texts.difference_kind(d.kind, d.fact), claimed, record)}{note}")
    for e in v.alignment.equivalents:
        lines.append(f"• {texts.equivalent(escape(e.claim), escape(e.record))}")
    if v.facts:
        lines.append(texts.FACTS_MATCHED + "；".join(texts.fact_matched(f.kind, escape(f.claim), escape(f.record))
                                                    for f in v.facts))
    if v.verdict == "not_found":
        lines.append(texts.VERIFY_SCOPE)
    if not v.hits:
        return _card(lines)
    hit = v.hits[0]
    p = hit.passage
    spans = [(hit.best_sentence[0], hit.best_sentence[1], "b")] if hit.best_sentence else []
    spans += [(s, e, "u") for s, e in v.alignment.diff_spans]
    spans += [(s, e, "i") for s, e in v.alignment.fact_spans]
    lines += ["", texts.VERIFY_RECORD, *[x for x in (speaker_line(p),) if x]]
    if (question := question_line(p)) is not None:
        lines.append(question)
    lines += [_quote(p, mark(p.text, spans)), source_html(p)]
    return _card(lines, buttons=(_passage_buttons(p, web=web),))


def bureaus_card(reply: BureauChoice) -> Card:
    if not reply.bureaus:
        return Card((texts.EMPTY_LIBRARY,))
    rows = [(Button(texts.bureau_count(name, n), Action("i", token).encode()),
             Button(texts.BUTTON_ONLY_BUREAU, Action("b", token).encode())) for name, n, token in reply.bureaus]
    paging = []
    if reply.page > 0:
        paging.append(Button(texts.BUTTON_PREVIOUS_BUREAUS, Action("l", "bureaus", reply.page - 1).encode()))
    if reply.page + 1 < reply.pages:
        paging.append(Button(texts.BUTTON_MORE_BUREAUS, Action("l", "bureaus", reply.page + 1).encode()))
    if paging:
        rows.append(tuple(paging))
    head = texts.BUREAUS_INTRO + (f"\n\n{texts.page_of(reply.page + 1, reply.pages)}" if reply.pages > 1 else "")
    return Card((head,), tuple(rows))


def interviews_card(reply: InterviewList, bot_username: str | None = None) -> Card:
    lines = [texts.interviews_heading(escape(reply.bureau), len(reply.interviews))]
    for n, i in enumerate(reply.interviews, 1):
        parts = [x for x in (texts.with_role(i.interviewee, i.role), i.outlet, i.date) if x]
        details = escape(texts.DETAILS_SEPARATOR.join(parts))
        lines.append(texts.interview_line(n, escape(i.title or texts.UNTITLED), details, i.passages))
        if i.url:
            lines.append(f"   {escape(i.url)}")
        if bot_username:
            link = deep_link(bot_username, passage_payload(i.first_passage_id))
            lines.append(f"   {texts.read_from_start(escape(link))}")
    return _card(lines)


def welcome_card(reply: Welcome, bot_username: str | None = None) -> Card:
    lines = [texts.welcome(bold), _corpus_line(reply.corpus)]
    if reply.examples:
        lines.append(texts.WELCOME_EXAMPLES + "\n" + _bullets(reply.examples))
    lines.append(texts.WELCOME_COMMANDS)
    if bot_username:
        lines.append(texts.share_inline(escape(bot_username)))
    return Card(("\n\n".join(lines),))


def about_card(reply: About) -> Card:
    return Card(("\n\n".join((texts.ABOUT, _corpus_line(reply.corpus), texts.ABOUT_VERIFY)),))


def stats_card(reply: Stats) -> Card:
    c = reply.corpus
    hours, rest = divmod(int(reply.uptime), 3600)
    text = "📊 " + texts.stats(hours, rest // 60, rest % 60, c.passages, c.interviews, len(c.bureaus),
                               reply.answered, reply.not_found, reply.hints)
    if reply.log is not None:
        log = reply.log
        bureaus = "、".join(f"{escape(b['bureau'])}（{b['questions']}）" for b in log.get("top_bureaus", []))
        summary = texts.stats_log(log["total"], log["answered_share"], log["thumbs_up"], log["thumbs_down"],
                                  log["users"])
        text += f"\n\n📒 {summary}\n{texts.stats_bureaus(bureaus or texts.NO_VALUE)}\n{texts.STATS_LOG_REPORT}"
    return Card((text,))


def render(reply: Reply, bot_username: str | None = None, web: WebLinks | None = None) -> Card:
    """Any reply model as a Telegram card; with `web`, the source buttons open the web pages."""
    match reply:
        case Hint():
            return Card((escape(reply.text),))
        case Answer():
            return answer_card(reply, web)
        case NotFound():
            return not_found_card(reply)
        case TurnContext():
            return context_card(reply, web)
        case SourceDetails():
            return source_card(reply, bot_username)
        case ClaimCheck():
            return verification_card(reply, web)
        case BureauChoice():
            return bureaus_card(reply)
        case InterviewList():
            return interviews_card(reply, bot_username)
        case BureauSelected():
            return Card((texts.bureau_selected(escape(reply.bureau)),))
        case About():
            return about_card(reply)
        case Stats():
            return stats_card(reply)
        case Welcome():
            return welcome_card(reply, bot_username)
    raise TypeError(f"no card for {type(reply).__name__}")


# -- inline mode and /reload ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InlineArticle:
    """One result of an inline query: its list entry (title, description) and the message it sends (html)."""

    id: str
    title: str
    description: str
    html: str
    link: str | None  # opens the passage in the bot


def inline_article(hit: Hit, bot_username: str | None = None) -> InlineArticle:
    """A hit as an inline result: the card (cut to one message, marked 节选 when cut) with its source."""
    p = hit.passage
    chunks = split_html(hit_card(hit), MAX_MESSAGE - INLINE_MARGIN)
    text = chunks[0] if len(chunks) == 1 else chunks[0] + "\n" + texts.EXCERPT
    sentence = p.text[hit.best_sentence[0]:hit.best_sentence[1]] if hit.best_sentence else p.text
    title = texts.inline_title(p.speaker, _short(sentence, TITLE_CHARS))
    description = " · ".join(x for x in (p.bureau, p.outlet, p.title) if x)
    link = deep_link(bot_username, passage_payload(p.passage_id)) if bot_username else None
    return InlineArticle(p.passage_id, title, _short(description, DESCRIPTION_CHARS), text, link)


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def reload_card(report: RefreshReport, corpus: CorpusInfo, seconds: float) -> Card:
    """What /reload changed."""
    def files(names: Sequence[str]) -> str:
        shown = "、".join(escape(n) for n in names[:SHOWN_FILES])
        return shown + (texts.more_files(len(names)) if len(names) > SHOWN_FILES else "")

    if not report.rebuilt:
        lines = [texts.reload_unchanged(seconds)]
    else:
        lines = [texts.reload_done(seconds)]
        if report.parsed:
            lines.append(texts.reload_parsed(len(report.parsed), files(report.parsed)))
        if report.removed:
            lines.append(texts.reload_removed(len(report.removed), files(report.removed)))
        lines.append(texts.reload_reused(len(report.reused)))
    lines.append(_corpus_line(corpus))
    if report.warnings:
        lines.append(texts.RELOAD_WARNINGS + "\n" + _bullets(report.warnings[:SHOWN_WARNINGS]))
    return _card(lines)
