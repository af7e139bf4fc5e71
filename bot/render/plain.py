"""Plain text for the terminal chat and the command line: reply models, search results, verdicts, and a parsed
corpus file (for an operator checking a new interview)."""

from __future__ import annotations

import re

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot import texts
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
from bot.render.common import source_parts
from index.records import Hit, Interview, Passage, SearchResult
from index.search.bureaus import same_kind_elsewhere

if TYPE_CHECKING:
    from index.claims.records import Verification
    from index.parsing.check import FileCheck

Emphasis = Callable[[str], str]
SHORT_CHARS = 70  # a passage in the inspection of a file
SHORT_TURN_CHARS = 60  # a question or an answer there


def _short(text: str, width: int = SHORT_CHARS) -> str:
    flat = text.replace("\n", " / ")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render_inspection(interview: Interview) -> str:
    """A parsed file for an operator: metadata, turns, passages with their offsets, warnings."""
    meta = interview.metadata
    lines = [f"file: {interview.file}", "metadata:"]
    for key, value in meta.to_dict().items():
        shown = " ".join(value) if isinstance(value, list) else value
        lines.append(f"  {key:12} {shown if shown else '—'}")
    lines.append(f"turns: {len(interview.turns)}")
    for i, turn in enumerate(interview.turns, 1):
        lines.append(f"  {i}. {turn.asker or '—'}：{_short(turn.question, SHORT_TURN_CHARS)}")
        lines.append(f"     {turn.answerer or '—'}：{_short(turn.answer, SHORT_TURN_CHARS)}")
    lines.append(f"passages: {len(interview.passages)}")
    for p in interview.passages:
        where = f"[{p.start}:{p.end}]"
        head = f" 【{p.heading}】" if p.heading else ""
        lines.append(f"  {p.passage_id} {p.kind:7} {where:12}{head}")
        lines.append(textwrap.indent(_short(p.text), "      "))
    if interview.warnings:
        lines.append("warnings:")
        lines.extend(f"  - {w}" for w in interview.warnings)
    return "\n".join(lines)


def render_corpus_check(checks: Sequence[FileCheck], skipped: Sequence[str]) -> str:
    """`corpus check`: a line per file (format, layout, bureau, city, speakers, turns, passages, warnings), those
    that need a look first and marked with !, then what the walk left out and a count."""
    lines = []
    for c in checks:
        mark = "!" if c.needs_a_look else " "
        if c.error:
            lines.append(f"{mark} {c.file}  {c.format}  cannot be read: {c.error}")
            continue
        speakers = "、".join(c.speakers[:CHECK_SPEAKERS]) + ("…" if len(c.speakers) > CHECK_SPEAKERS else "")
        lines.append(f"{mark} {c.file}  {c.format}  {c.layout}  bureau: {c.bureau or '(unknown)'}  "
                     f"city: {c.city or '(unknown)'}  speakers: {speakers or '—'}  turns: {c.turns}  "
                     f"passages: {c.passages}  warnings: {len(c.warnings)}")
        lines.extend(f"    - {w}" for w in c.warnings)
    lines.extend(f"  {s}" for s in skipped)
    look = sum(1 for c in checks if c.needs_a_look)
    lines.append(f"{len(checks)} file{'s' if len(checks) != 1 else ''}, {look} need{'s' if look == 1 else ''} a look"
                 + (f", {len(skipped)} left out" if skipped else ""))
    return "\n".join(lines)


CHECK_SPEAKERS = 4  # speakers named on a line of `corpus check`
_BARE_LABEL = re.compile(rf"^(?:{'|'.join(texts.BARE_LABELS)})\d*$", re.I)  # such interviews name nobody


def known_name(label: str | None) -> str | None:
    """A speaker or asker worth showing: None for 问, 答, Q, A and empty labels."""
    return label if label and not _BARE_LABEL.match(label.strip()) else None


def _speaker_line(p: Passage) -> str:
    """Bureau · speaker (role), leaving out what is unknown."""
    speaker = known_name(p.speaker)
    parts = [p.bureau or None, texts.with_role(speaker, p.role) if speaker else p.role]
    return texts.DETAILS_SEPARATOR_SPEAKER.join(x for x in parts if x)


def _asker(asker: str | None) -> str | None:
    """Who asked, as shown: the named asker, 记者 when nobody is named, nothing for a bare 问/Q label."""
    if asker is None:
        return texts.DEFAULT_ASKER
    return known_name(asker)


def render_hit_text(hit: Hit, number: int | None = None, emphasis: Emphasis | None = None) -> str:
    """One answer card as plain text: who said it, to which question, the verbatim quote, the source.

    `emphasis` wraps the best sentence (e.g. in ANSI bold on a terminal); by default it is not marked."""
    p = hit.passage
    kind = texts.PASSAGE_KINDS.get(p.kind)
    who = texts.DETAILS_SEPARATOR_SPEAKER.join(x for x in (_speaker_line(p), kind) if x)
    lines = [f"{f'[{number}] ' if number else ''}{who}".strip()]
    if p.question:
        lines.append(texts.asked_plain(_asker(p.asker), p.question))
    if p.heading and p.heading not in p.text:
        lines.append(texts.heading(p.heading))
    text = p.text
    if emphasis is not None and hit.best_sentence:
        start, end = hit.best_sentence
        text = text[:start] + emphasis(text[start:end]) + text[end:]
    lines.append(texts.quotation(text))
    lines.append(texts.source_plain(source_line(hit)))
    return "\n".join(lines)


def source_rows(p: Passage) -> list[tuple[str, str]]:
    """The source details of a passage as (label, value) pairs, the empty ones left out."""
    values = {"bureau": p.bureau, "interviewee": texts.with_role(p.interviewee, p.role),
              "speaker": p.speaker if p.speaker != p.interviewee else None, "asker": p.asker,
              "title": texts.book_title(p.title) if p.title else None, "series": p.series, "outlet": p.outlet,
              "date": p.date, "url": p.url, "file": texts.file_span(p.file, p.start, p.end, texts.DETAILS_SEPARATOR),
              "passage_id": p.passage_id}
    return [(texts.SOURCE_LABELS[key], value) for key, value in values.items() if value]


def source_line(hit: Hit) -> str:
    """The source on one line: outlet, title, date, URL, and the file with the character span."""
    p = hit.passage
    parts = [*source_parts(p, series=False), *([p.url] if p.url else [])]
    parts.append(texts.file_span(p.file, p.start, p.end))
    return texts.DETAILS_SEPARATOR.join(parts)


def low_confidence_head() -> str:
    """The two lines above a low-confidence answer: what it is (the closest passage), and that the reader should
    check whether it answers (true both when it does and when it does not)."""
    return f"{texts.LOW_CONFIDENCE}\n{texts.LOW_CONFIDENCE_CHECK}\n"


def render_result_text(result: SearchResult) -> str:
    """A search result for the command line: the hits, or "not found" and why; low confidence said first."""
    read = texts.read_with(result.context.with_question) + "\n" if result.context else ""
    if not result.answered:
        return read + texts.NOT_FOUND_CLI + "\n" + texts.not_found_reason(result.reason)
    head = [read, low_confidence_head()] if result.confidence == "low" else [read]
    body = "\n\n".join(render_hit_text(hit, i) for i, hit in enumerate(result.hits, 1))
    found = same_kind_elsewhere([hit.passage.bureau for hit in result.hits])
    tail = "\n\n" + texts.also_elsewhere(found, more=False) if found else ""
    return "".join(head) + body + tail + _suggestions(result.suggestions)


EXPLAIN_MIN_CONTRIBUTION = 0.05  # smaller pushes on the log-odds are left out of --explain


def render_explanation(result: SearchResult) -> str:
    """What `search --explain` prints: the decision and its evidence, then the first candidates' evidence."""
    e = result.explanation or {}
    context = _context_lines(e["context"]) if "context" in e else []
    if "veto" in e:
        return "\n".join([*context, f"decision: not found, settled by a sign alone: {e['veto']}"])
    if "decision" not in e:  # 还有呢: the rest of the answer, no search
        return "\n".join(context)
    d = e.get("decision", {})
    lines = [f"decision: {result.confidence or 'not found'} (probability {d.get('probability', 0):.3f}; "
             f"thresholds low {d.get('thresholds', {}).get('low', 0):.3f}, high {d.get('thresholds', {}).get('high', 0):.3f}; "
             f"{'calibrated' if e.get('calibrated') else 'UNCALIBRATED'})"]
    contributions = sorted(d.get("contributions", {}).items(), key=lambda kv: -abs(kv[1]))
    lines.append("  evidence (value, contribution to the log-odds):")
    for name, contribution in contributions:
        if abs(contribution) >= EXPLAIN_MIN_CONTRIBUTION:
            lines.append(f"    {name:18s} {d['evidence'].get(name, 0):8.3f}  {contribution:+.3f}")
    if reader := e.get("reader"):
        read = ", ".join(f"{r['passage_id']} {r['probability']:.3f}" for r in reader["read"])
        lines.append(f"  reader: read {read}{' (the second put first)' if reader['swapped'] else ''}; probability "
                     f"{reader['probability']:.3f} (without the reader {reader['base']:.3f}; thresholds low "
                     f"{reader['thresholds']['low']:.3f}, high {reader['thresholds']['high']:.3f})")
    if e.get("bureaus_named") or e.get("places_named"):
        lines.append(f"  bureaus named: {e.get('bureaus_named')}; places named: {e.get('places_named')}")
    lines.append(f"  keywords: {e.get('keywords', '')}")
    weights = e.get("weights", {})
    for candidate in e.get("candidates", []):
        top = sorted(((weights.get(n, 0) * v[1], n) for n, v in candidate["features"].items()), reverse=True)[:4]
        parts = ", ".join(f"{n} {s:.2f}" for s, n in top if s > 0)
        lines.append(f"  candidate {candidate['passage_id']} ({candidate['bureau']}): fused {candidate['fused']:.3f}"
                     f" <- {parts}")
    return "\n".join([*context, *lines])


def _context_lines(c: dict[str, Any]) -> list[str]:
    """How --explain says whether and how the conversation was used."""
    if c.get("how") == "more":
        return [f"context: the rest of the answer to the earlier question {c.get('with')!r}, no search "
                f"(next: {', '.join(c.get('next', [])) or 'nothing left'})"]
    if c.get("complete"):
        return [f"context: not used: a complete question (settled by a sign alone, or answered with high confidence "
                f"alone with words the conversation did not have; {c.get('searches', 1)} search)"]
    r = c.get("reading", {})
    used = r.get("probability", 0) >= r.get("cut", 1)
    lines = [f"context: {'used: searched as ' + repr(c.get('read_as')) if used else 'not used: read alone'} "
             f"(the choice {r.get('probability', 0):.3f} against its cut {r.get('cut', 0):.2f}; "
             f"{'fitted' if c.get('fitted') else 'rule of thumb'}; {c.get('searches', 2)} searches)"]
    for name, push in sorted(r.get("contributions", {}).items(), key=lambda kv: -abs(kv[1])):
        if abs(push) >= EXPLAIN_MIN_CONTRIBUTION:
            lines.append(f"    {name:18s} {c.get('evidence', {}).get(name, 0):8.3f}  {push:+.3f}")
    return lines


def _suggestions(suggestions: tuple[str, ...], hint: str = "") -> str:
    if not suggestions:
        return ""
    lines = [texts.suggestion_line(n, q) for n, q in enumerate(suggestions, 1)]
    return "\n\n" + texts.MAY_ASK + hint + "\n" + "\n".join(lines)


_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text a user typed, safe to print on a terminal: escape sequences and control characters taken out."""
    return _CONTROL.sub("", text)


def render_verification_text(verification: Verification) -> str:
    lines = [texts.claim(printable(verification.claim)), texts.VERDICTS_PLAIN[verification.verdict]]
    for d in verification.differences:
        kind = texts.difference_kind(d.kind, d.fact)
        lines.append(f"  - {texts.difference(kind, printable(d.claim) or texts.NONE, d.record or texts.NONE)}")
    if verification.facts:
        matched = "；".join(texts.fact_matched(f.kind, printable(f.claim), f.record) for f in verification.facts)
        lines.append(f"  {texts.FACTS_MATCHED}{matched}")
    for equal in verification.alignment.equivalents:
        lines.append(f"  - {texts.equivalent(equal.claim, equal.record)}")
    for number, hit in enumerate(verification.hits, 1):
        lines.append("")
        lines.append(render_hit_text(hit, number))
    return "\n".join(lines)


# -- reply models -------------------------------------------------------------------------------------------------
def _corpus_line(c: CorpusInfo) -> str:
    names = "、".join(b for b, _ in c.bureaus) or texts.NONE
    return texts.corpus_line(c.interviews, c.passages, len(c.bureaus), names)


def _bullets(items: tuple[str, ...]) -> str:
    return "".join(f"\n  • {item}" for item in items)


def _answer(reply: Answer, emphasis: Emphasis | None) -> str:
    numbered = reply.key is not None and len(reply.hits) > 1
    cards = [render_hit_text(hit, reply.first_number + i if numbered else None, emphasis)
             for i, hit in enumerate(reply.shown)]
    where = texts.position(reply.first_number, len(reply.hits)) if numbered else None
    head = texts.read_with(reply.read_with) + "\n" if reply.read_with else ""
    head += texts.only_in_bureau(reply.bureau) + "\n" if reply.bureau else ""
    if reply.confidence == "low":
        head += low_confidence_head()
    tail = "\n" + texts.also_elsewhere(reply.elsewhere, reply.has_more) if reply.elsewhere else ""
    tail += _suggestions(reply.suggestions, texts.TERMINAL_SUGGESTION_HINT) if reply.page == 0 else ""
    return head + "\n\n".join(cards) + "\n" + texts.terminal_answer_tail(where, reply.has_more) + tail


def _not_found(reply: NotFound) -> str:
    lines = [texts.read_with(reply.read_with)] if reply.read_with else []
    lines += [texts.NOT_FOUND_PLAIN.format(where=texts.searched_in(reply.bureau)), texts.not_found_reason(reply.reason)]
    if reply.bureaus:
        lines.append(texts.covered_bureaus("、".join(texts.bureau_count(b, n) for b, n in reply.bureaus)))
    if reply.examples:
        lines.append(texts.TRY_ASKING + _bullets(reply.examples))
    return "\n".join(lines)


def _context(reply: TurnContext) -> str:
    first = reply.turn[0] if reply.turn else reply.passage
    lines = [texts.FULL_ANSWER + "：", *[x for x in (_speaker_line(first),) if x]]
    if first.question:
        lines.append(texts.asked_plain(_asker(first.asker), first.question))
    for p in reply.turn or (reply.passage,):
        pointer = "▶ " if p.passage_id == reply.passage.passage_id and len(reply.turn) > 1 else "  "
        shows_heading = p.heading and p.heading not in p.text and p.kind == "answer"
        heading = texts.heading(p.heading) if p.heading and shows_heading else ""
        lines.append(f"{pointer}{heading}{texts.quotation(p.text)}")
    whole = replace(first, end=max(p.end for p in reply.turn or (reply.passage,)))
    lines.append(texts.source_plain(source_line(Hit(whole, 0.0))))
    return "\n".join(lines)


def _interviews(reply: InterviewList) -> str:
    lines = [texts.interviews_heading(reply.bureau, len(reply.interviews))]
    for n, i in enumerate(reply.interviews, 1):
        who = texts.with_role(i.interviewee, i.role)
        details = texts.DETAILS_SEPARATOR.join(x for x in (who, i.outlet, i.date, i.url) if x)
        lines.append(texts.terminal_interview_line(n, i.title or texts.UNTITLED, details))
    return "\n".join(lines)


def _welcome(reply: Welcome) -> str:
    lines = [texts.TERMINAL_GREETING, _corpus_line(reply.corpus)]
    if reply.examples:
        lines.append(texts.TERMINAL_EXAMPLES + _bullets(reply.examples))
    return "\n".join(lines + [texts.TERMINAL_HELP])


def render_plain(reply: Reply, emphasis: Emphasis | None = None) -> str:
    """Any reply model as plain text."""
    match reply:
        case Hint():
            return reply.text
        case Answer():
            return _answer(reply, emphasis)
        case NotFound():
            return _not_found(reply)
        case TurnContext():
            return _context(reply)
        case SourceDetails():
            return texts.SOURCE + "：\n" + "\n".join(f"  {k}：{v}" for k, v in source_rows(reply.passage))
        case ClaimCheck():  # the passage the claim was aligned with, as on Telegram
            return render_verification_text(replace(reply.verification, hits=reply.verification.hits[:1]))
        case InterviewList():
            return _interviews(reply)
        case BureauChoice():
            return "\n".join(texts.bureau_count(name, n) for name, n, _ in reply.bureaus)
        case BureauSelected():
            return texts.terminal_bureau_selected(reply.bureau)
        case About():
            return texts.TERMINAL_ABOUT + "\n" + _corpus_line(reply.corpus)
        case Stats():
            return texts.terminal_stats(_corpus_line(reply.corpus), reply.answered, reply.not_found)
        case Welcome():
            return _welcome(reply)
    raise TypeError(f"no plain text for {type(reply).__name__}")
