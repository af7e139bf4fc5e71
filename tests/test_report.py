"""The query-log report: groupings, --since, summary, Markdown escaping and CSV round trip."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.querylog import LogRow, QueryLog, QueryLogError
from bot.report import (
    CSV_COLUMNS,
    aggregate,
    build_report,
    parse_since,
    question_key,
    render_csv,
    render_markdown,
    summary,
)
from index.records import Hit, Passage, SearchResult

SALT = "report-salt-0123456789abcdef"
BUREAU_A = "威海市海洋发展局"
BUREAU_B = "某市自然资源局"


def result(answered: bool = True, pid: str = "a#1", bureau: str = BUREAU_A) -> SearchResult:
    if not answered:
        return SearchResult("q", False)
    hit = Hit(Passage(pid, "i", "answer", "文本", 0, 2, "i.txt", bureau, "人", "人"), 0.9)
    return SearchResult("q", True, (hit,))


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 4, 20, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def logged(tmp_path: Path) -> tuple[Path, Clock]:
    """A log with ten days of questions: old ones before 2024-05-01, recent ones after."""
    path = tmp_path / "q.sqlite3"
    clock = Clock()
    with QueryLog(path, SALT, retention_days=0, clock=clock) as log:
        log.record("private", 1, "旧问题？", result(pid="old#1"))  # 2024-04-20, before --since
        log.record("private", 1, "旧问题", result(answered=False))
        clock.now = datetime(2024, 5, 1, 0, 0, tzinfo=UTC)  # exactly at the --since bound: included
        a = log.record("private", 1, "海域使用金可以缓缴吗？", result(pid="a#1"))
        b = log.record("group", 2, "海域使用金 可以缓缴吗?", result(pid="a#1"))
        c = log.record("supergroup", 3, "海域使用金可以缓缴吗", result(pid="a#1"))
        d = log.record("private", 4, "海域使用金可以缓缴吗？", result(pid="a#1"))
        clock.now += timedelta(hours=5)
        e = log.record("inline", 5, "渔港建设进展如何", result(pid="b#2", bureau=BUREAU_B))
        f = log.record("private", 6, "渔港建设进展如何", result(pid="b#2", bureau=BUREAU_B))
        log.record("private", 7, "明天天气怎么样", result(answered=False))
        log.record("private", 8, "明天天气怎么样？", result(answered=False))
        log.record("terminal", "bob", "a | b \\ c", result(answered=False))
        for row, user, value in ((a, 1, -1), (b, 2, -1), (c, 3, 1), (d, 4, 1), (e, 5, -1), (f, 6, 1)):
            assert log.feedback(row, user, value)
    return path, clock


def test_question_key_groups_variants() -> None:
    assert question_key("海域使用金 可以缓缴吗?") == question_key("海域使用金可以缓缴吗？") == "海域使用金可以缓缴吗"
    assert question_key("What IS it?") == question_key("what is it") == "whatisit"
    assert question_key("？？") == "??"  # all punctuation: kept rather than emptied


def test_report_groupings(logged: tuple[Path, Clock]) -> None:
    path, _ = logged
    report = build_report(path, None)
    top = report.top_questions[0]
    assert (top.question, top.count, top.answered) == ("海域使用金可以缓缴吗?", 4, 4)  # NFKC: ？ -> ?
    assert top.last_asked == "2024-05-01T00:00:00.000000Z"
    assert [(q.question, q.count) for q in report.top_questions[1:4]] == [
        ("明天天气怎么样", 2), ("渔港建设进展如何", 2), ("旧问题?", 2)]  # same count: the most recent first
    assert [(q.question, q.count, q.answered) for q in report.unanswered] == [
        ("明天天气怎么样", 2, 0), ("a | b \\ c", 1, 0), ("旧问题", 1, 0)]
    assert [(p.passage_id, p.thumbs_down, p.thumbs_up, p.shown, p.bureau) for p in report.disliked_passages] == [
        ("a#1", 2, 2, 4, BUREAU_A), ("b#2", 1, 1, 2, BUREAU_B)]
    assert [(b.bureau, b.questions, b.thumbs_up, b.thumbs_down) for b in report.bureaus] == [
        (BUREAU_A, 5, 2, 2), (BUREAU_B, 2, 1, 1)]
    s = report.summary
    assert (s["total"], s["answered"], s["unanswered"], s["thumbs_up"], s["thumbs_down"], s["users"]) == (
        11, 7, 4, 3, 3, 9)
    assert s["answered_share"] == round(7 / 11, 4)
    assert s["top_bureaus"] == [{"bureau": BUREAU_A, "questions": 5}, {"bureau": BUREAU_B, "questions": 2}]


def test_since_filters_by_utc_day(logged: tuple[Path, Clock]) -> None:
    path, _ = logged
    report = build_report(path, date(2024, 5, 1))
    assert report.summary["total"] == 9 and report.summary["since"] == "2024-05-01"
    assert "旧问题" not in {q.question for q in report.top_questions + report.unanswered}
    assert [b.questions for b in report.bureaus] == [4, 2]
    later = summary(path, datetime(2024, 5, 1, 1, 0, tzinfo=UTC))
    assert (later["total"], later["answered"], later["thumbs_down"]) == (5, 2, 1)
    assert summary(path, date(2024, 6, 1))["total"] == 0


def test_report_from_an_open_log_matches_the_path(logged: tuple[Path, Clock]) -> None:
    path, clock = logged
    with QueryLog(path, SALT, retention_days=0, clock=clock) as log:
        from_log = build_report(log, None)
        assert summary(log) == from_log.summary
        log.record("private", 9, "新问题", result())  # the reader never blocks the writer
    from_path = build_report(path, None)
    assert from_path.summary["total"] == from_log.summary["total"] + 1
    assert from_path.top_questions[0] == from_log.top_questions[0]


def test_aggregate_is_pure_over_rows() -> None:
    rows = [LogRow(1, "2024-05-01T00:00:00.000000Z", "private", "问？", True, ("p#1", "p#2"), "局", -1),
            LogRow(2, "2024-05-02T00:00:00.000000Z", "private", "问", True, ("p#2",), "局", -1),
            LogRow(3, "2024-05-03T00:00:00.000000Z", "private", "问", True, ("p#1",), "局", -1),
            LogRow(4, "2024-05-03T00:00:00.000000Z", "group", "空", False, (), None, None)]
    report = aggregate(rows, {"total": 4}, limit=1, generated_at="now")
    assert [(q.question, q.count, q.last_asked[:10]) for q in report.top_questions] == [("问", 3, "2024-05-03")]
    assert [(p.passage_id, p.thumbs_down) for p in report.disliked_passages] == [("p#1", 2)]  # credited to the top hit
    assert [(q.question, q.count) for q in report.unanswered] == [("空", 1)]
    assert report.generated_at == "now"


def split_cells(line: str) -> list[str]:
    """A Markdown table row split on unescaped pipes, as GFM does."""
    cells = re.findall(r"(?:\\.|[^|\\])+", line.strip().strip("|"))
    return [c.strip() for c in cells]


def test_markdown_tables_escape_pipes(logged: tuple[Path, Clock]) -> None:
    path, _ = logged
    text = render_markdown(build_report(path, date(2024, 5, 1)))
    assert text.startswith("# Query log report\n")
    assert "since 2024-05-01 (UTC)" in text
    for heading in ("## Summary", "## Most asked questions", "## Unanswered questions", "## Passages with the most 👎",
                    "## Questions per bureau"):
        assert heading in text
    asked = "| 4 | a \\| b \\\\ c | 1 | 0 | 2024-05-01 05:00 |"
    unanswered = "| 2 | a \\| b \\\\ c | 1 | 2024-05-01 05:00 |"
    assert asked in text.splitlines() and unanswered in text.splitlines()
    assert len(split_cells(asked)) == 5 and len(split_cells(unanswered)) == 4
    assert re.sub(r"\\(.)", r"\1", split_cells(asked)[1]) == "a | b \\ c"  # unescapes to the question
    assert "| a#1 | 威海市海洋发展局 | 2 | 2 | 4 |" in text


def test_markdown_of_an_empty_log(tmp_path: Path) -> None:
    QueryLog(tmp_path / "q.sqlite3", SALT).close()
    report = build_report(tmp_path / "q.sqlite3", None)
    assert report.summary["answered_share"] == 0.0 and report.summary["total"] == 0
    text = render_markdown(report)
    assert "all retained questions" in text and text.count("_none_") == 4


def test_csv_round_trips_through_csv_reader(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    tricky = ['逗号,引号"和换行', "=HYPERLINK(\"http://x\")", "a | b", "-1+1"]
    with QueryLog(path, SALT) as log:
        for i, question in enumerate(tricky):
            for _ in range(i + 1):
                log.record("private", 1, question, result(answered=False))
        log.record("private", 1, "有答案", result(pid="p,1", bureau='局,"甲"'))
    text = render_csv(build_report(path, None))
    parsed = list(csv.reader(io.StringIO(text)))
    assert tuple(parsed[0]) == CSV_COLUMNS
    assert all(len(row) == len(CSV_COLUMNS) for row in parsed)
    by_section: dict[str, list[list[str]]] = {}
    for row in parsed[1:]:
        by_section.setdefault(row[0], []).append(row)
    summary_rows = {row[2]: row[4] for row in by_section["summary"]}
    assert summary_rows["total"] == "11" and summary_rows["answered"] == "1"
    unanswered = [(row[1], row[2], row[4]) for row in by_section["unanswered"]]
    assert unanswered == [("1", "'-1+1", "4"), ("2", "a | b", "3"), ("3", "'=HYPERLINK(\"http://x\")", "2"),
                          ("4", '逗号,引号"和换行', "1")]
    assert [row[2:4] for row in by_section["bureau"]] == [['局,"甲"', ""]]
    assert by_section.get("disliked_passage") is None


def test_missing_log_and_since_parsing(tmp_path: Path) -> None:
    with pytest.raises(QueryLogError, match="no query log"):
        build_report(tmp_path / "none.sqlite3", None)
    assert not (tmp_path / "none.sqlite3").exists()
    assert parse_since(" 2024-05-01 ") == date(2024, 5, 1)
    with pytest.raises(ValueError, match="2024-05-01"):
        parse_since("May 1")
