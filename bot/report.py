"""What the query log says: most asked and unanswered questions, disliked passages, bureaus; Markdown and CSV.

`interview-qa report [--since DATE] [--format md|csv]` is `render_markdown(build_report(path, since))` (or
`render_csv`); the bot's admin /stats shows `summary(log, since)`. Dates are UTC days. 👍/👎 on a question are
credited to its top passage, the one the answer showed first.
"""

from __future__ import annotations

import csv
import io
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.querylog import (
    LogRow,
    LogSource,
    QueryLog,
    begin_snapshot,
    connect_reader,
    format_ts,
    iter_rows,
    summarize,
    utc_now,
)

Source = QueryLog | LogSource | str | os.PathLike[str]
CSV_COLUMNS = ("section", "rank", "item", "detail", "count", "answered", "thumbs_up", "thumbs_down")


@dataclass(frozen=True, slots=True)
class QuestionStat:
    """A group of questions with the same wording (case, spaces and end punctuation aside)."""

    question: str  # the most frequent wording in the group
    count: int
    answered: int
    last_asked: str


@dataclass(frozen=True, slots=True)
class PassageStat:
    passage_id: str
    bureau: str | None
    shown: int  # times it was the top hit
    thumbs_up: int
    thumbs_down: int


@dataclass(frozen=True, slots=True)
class BureauStat:
    bureau: str
    questions: int  # answered questions whose top hit came from this bureau
    thumbs_up: int
    thumbs_down: int


@dataclass(frozen=True, slots=True)
class Report:
    since: date | datetime | None
    generated_at: str
    summary: dict[str, Any]
    top_questions: tuple[QuestionStat, ...] = ()
    unanswered: tuple[QuestionStat, ...] = ()
    disliked_passages: tuple[PassageStat, ...] = ()
    bureaus: tuple[BureauStat, ...] = ()


def parse_since(text: str) -> date:
    """`--since 2024-05-01` -> date; ValueError with the expected format otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--since wants a date like 2024-05-01, not {text!r}") from None


def question_key(question: str) -> str:
    """The grouping key: NFKC, case-folded, without whitespace or leading/trailing punctuation."""
    text = "".join(unicodedata.normalize("NFKC", question).casefold().split())
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(text[end - 1])[0] in "PS":
        end -= 1
    return text[start:end] or text


def summary(log: Source, since: date | datetime | None = None) -> dict[str, Any]:
    """The /stats numbers: total, answered share, 👍/👎, distinct users, top bureaus (SQL aggregates, fast)."""
    conn = connect_reader(log)
    try:
        return summarize(conn, since)
    finally:
        conn.close()


class _Group:
    __slots__ = ("wordings", "count", "answered", "last")

    def __init__(self) -> None:
        self.wordings: Counter[str] = Counter()
        self.count = 0
        self.answered = 0
        self.last = ""

    def add(self, row: LogRow) -> None:
        self.wordings[row.question] += 1
        self.count += 1
        self.answered += row.answered
        self.last = max(self.last, row.ts)

    def stat(self) -> QuestionStat:
        return QuestionStat(self.wordings.most_common(1)[0][0], self.count, self.answered, self.last)


def _ranked_questions(groups: dict[str, _Group], limit: int) -> tuple[QuestionStat, ...]:
    """Most asked first; ties: most recently asked, then by text (stable sorts, last key first)."""
    stats = sorted((g.stat() for g in groups.values()), key=lambda s: s.question)
    stats.sort(key=lambda s: s.last_asked, reverse=True)
    stats.sort(key=lambda s: s.count, reverse=True)
    return tuple(stats[:limit])


def aggregate(rows: Iterable[LogRow], summary_data: dict[str, Any], since: date | datetime | None = None,
              limit: int = 20, generated_at: str | None = None) -> Report:
    """The report tables from log rows (pure; memory grows with distinct questions, not rows)."""
    asked: dict[str, _Group] = {}
    unanswered: dict[str, _Group] = {}
    passages: dict[str, list[Any]] = {}  # id -> [bureau, shown, up, down]
    bureaus: dict[str, list[int]] = {}  # bureau -> [questions, up, down]
    for row in rows:
        key = question_key(row.question)
        asked.setdefault(key, _Group()).add(row)
        if not row.answered:
            unanswered.setdefault(key, _Group()).add(row)
            continue
        up, down = int(row.feedback == 1), int(row.feedback == -1)
        if row.passage_ids:
            entry = passages.setdefault(row.passage_ids[0], [row.bureau, 0, 0, 0])
            entry[1] += 1
            entry[2] += up
            entry[3] += down
        if row.bureau:
            counts = bureaus.setdefault(row.bureau, [0, 0, 0])
            counts[0] += 1
            counts[1] += up
            counts[2] += down
    disliked = [PassageStat(pid, b, shown, up, down) for pid, (b, shown, up, down) in passages.items() if down]
    disliked.sort(key=lambda p: (-p.thumbs_down, p.thumbs_up, p.passage_id))
    bureau_stats = [BureauStat(b, n, up, down) for b, (n, up, down) in bureaus.items()]
    bureau_stats.sort(key=lambda b: (-b.questions, b.bureau))
    return Report(
        since=since,
        generated_at=generated_at or format_ts(utc_now()),
        summary=summary_data,
        top_questions=_ranked_questions(asked, limit),
        unanswered=_ranked_questions(unanswered, limit),
        disliked_passages=tuple(disliked[:limit]),
        bureaus=tuple(bureau_stats),
    )


def build_report(path_or_log: Source, since: date | datetime | None = None, limit: int = 20) -> Report:
    """Reads the log (a path or an open `QueryLog`) through its own read-only connection."""
    conn = connect_reader(path_or_log)
    try:
        begin_snapshot(conn)  # one snapshot: the summary and the tables see the same rows
        data = summarize(conn, since)
        report = aggregate(iter_rows(conn, since), data, since, limit)
        conn.execute("COMMIT")
        return report
    finally:
        conn.close()


def _md_cell(value: object) -> str:
    """A Markdown table cell: backslashes and pipes escaped, line breaks folded."""
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.split()) or " "


def _md_table(headers: Iterable[str], rows: list[list[object]]) -> str:
    heads = list(headers)
    if not rows:
        return "_none_\n"
    lines = ["| " + " | ".join(_md_cell(h) for h in heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _summary_rows(s: dict[str, Any]) -> list[list[object]]:
    bureaus = ", ".join(f"{b['bureau']} ({b['questions']})" for b in s.get("top_bureaus", []))
    return [["questions", s["total"]], ["answered", s["answered"]], ["unanswered", s["unanswered"]],
            ["answered share", f"{s['answered_share']:.1%}"], ["👍", s["thumbs_up"]], ["👎", s["thumbs_down"]],
            ["distinct users", s["users"]], ["top bureaus", bureaus or "-"]]


def _when(ts: str) -> str:
    """Stored UTC text -> `2024-05-01 08:30` for tables read by people."""
    return ts[:16].replace("T", " ")


def render_markdown(report: Report) -> str:
    span = f"since {report.since.isoformat()} (UTC)" if report.since else "all retained questions"
    parts = [
        "# Query log report\n",
        f"{span}; generated {report.generated_at}\n",
        "## Summary\n", _md_table(["metric", "value"], _summary_rows(report.summary)),
        "## Most asked questions\n",
        _md_table(["#", "question", "asked", "answered", "last asked (UTC)"],
                  [[i, q.question, q.count, q.answered, _when(q.last_asked)]
                   for i, q in enumerate(report.top_questions, 1)]),
        "## Unanswered questions (what the corpus should add)\n",
        _md_table(["#", "question", "asked", "last asked (UTC)"],
                  [[i, q.question, q.count, _when(q.last_asked)] for i, q in enumerate(report.unanswered, 1)]),
        "## Passages with the most 👎\n",
        _md_table(["#", "passage id", "bureau", "👎", "👍", "shown"],
                  [[i, p.passage_id, p.bureau or "", p.thumbs_down, p.thumbs_up, p.shown]
                   for i, p in enumerate(report.disliked_passages, 1)]),
        "## Questions per bureau\n",
        _md_table(["bureau", "questions", "👍", "👎"],
                  [[b.bureau, b.questions, b.thumbs_up, b.thumbs_down] for b in report.bureaus]),
    ]
    return "\n".join(parts)


def _csv_text(value: object) -> str:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_rows(report: Report) -> list[list[object]]:
    """The report as rows of CSV_COLUMNS: one section per kind of table."""
    s = report.summary
    rows: list[list[object]] = [["summary", "", name, "", s[name], "", "", ""] for name in
                                ("total", "answered", "unanswered", "answered_share", "thumbs_up", "thumbs_down",
                                 "users")]
    rows.append(["summary", "", "since", s.get("since") or "", "", "", "", ""])
    rows += [["top_question", i, q.question, q.last_asked, q.count, q.answered, "", ""]
             for i, q in enumerate(report.top_questions, 1)]
    rows += [["unanswered", i, q.question, q.last_asked, q.count, q.answered, "", ""]
             for i, q in enumerate(report.unanswered, 1)]
    rows += [["disliked_passage", i, p.passage_id, p.bureau or "", p.shown, "", p.thumbs_up, p.thumbs_down]
             for i, p in enumerate(report.disliked_passages, 1)]
    rows += [["bureau", i, b.bureau, "", b.questions, "", b.thumbs_up, b.thumbs_down]
             for i, b in enumerate(report.bureaus, 1)]
    return rows


def render_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in report_rows(report):
        writer.writerow([_csv_text(row[2]) if i == 2 else _csv_text(c) if i == 3 else c for i, c in enumerate(row)])
    return out.getvalue()
