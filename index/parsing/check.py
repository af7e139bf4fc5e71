"""What was read from each corpus file, for `interview-qa corpus check` and the staff console: its format, the
layout found, the bureau and city, who answers, how many turns and passages, and what needs a look."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from index.errors import CorpusParseError
from index.parsing.corpus import CorpusFile, corpus_files, parse_corpus_file
from index.parsing.orgs import split_place
from index.records import Interview

LAYOUTS = ("online_interview", "press_conference", "press_qa", "interview", "paragraphs")
_PRESS_CONFERENCE = re.compile(r"发布会")
_PRESS_QA = re.compile(r"答记者问|解读|问答")
_ONLINE = re.compile(r"在线访谈|做客|网上访谈|网络访谈|直播间")


@dataclass(frozen=True, slots=True)
class FileCheck:
    """One corpus file as the parser read it; `error` when it could not be read at all."""

    file: str
    format: str
    layout: str | None = None
    bureau: str | None = None
    city: str | None = None
    speakers: tuple[str, ...] = ()
    turns: int = 0
    passages: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None

    @property
    def needs_a_look(self) -> bool:
        """Unreadable, or read with warnings, without a bureau or its city, or without question-and-answer turns."""
        return bool(self.error or self.warnings or not self.bureau or not self.city or not self.turns)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["speakers"] = list(self.speakers)
        data["warnings"] = list(self.warnings)
        data["needs_a_look"] = self.needs_a_look
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileCheck:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**{**fields, "speakers": tuple(fields.get("speakers", ())), "warnings": tuple(fields.get("warnings", ()))})


def file_format(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix or "?")


def layout_of(interview: Interview) -> str:
    """The layout the file reads as: a gov-site online interview, a press conference, an answer to reporters or a
    policy explanation, another interview, or paragraphs (no turns)."""
    if not interview.turns:
        return "paragraphs"
    words = " ".join(filter(None, (interview.metadata.title, interview.metadata.series, interview.text[:300])))
    askers = {t.asker for t in interview.turns}
    if _PRESS_CONFERENCE.search(words):
        return "press_conference"
    if _ONLINE.search(words) or any(a.startswith(("网友", "網友")) for a in askers):
        return "online_interview"
    if _PRESS_QA.search(words):
        return "press_qa"
    return "interview"


def check_interview(interview: Interview) -> FileCheck:
    bureau = interview.metadata.bureau or None
    place = split_place(bureau)[0] if bureau else ""
    speakers = tuple(dict.fromkeys(p.speaker for p in interview.passages if p.kind == "answer" and p.speaker))
    return FileCheck(interview.file, file_format(interview.file), layout_of(interview), bureau,
                     place if place not in ("", "市") else None, speakers,
                     sum(1 for t in interview.turns if t.question and t.answer), len(interview.passages),
                     interview.warnings)


def check_file(file: CorpusFile, max_chars: int) -> FileCheck:
    try:
        return check_interview(parse_corpus_file(file, max_chars))
    except CorpusParseError as error:
        return FileCheck(file.name, file_format(file.name), error=error.reason)


def checks_of_index(manifest: dict[str, Any]) -> list[FileCheck]:
    """The checks an index build recorded for each file (as `check_corpus` gives them), those that need a look
    first: what is served, without reading the files again."""
    checks = [FileCheck.from_dict(entry["check"]) for entry in manifest.get("files", {}).values() if "check" in entry]
    return sorted(checks, key=lambda c: (not c.needs_a_look, c.file))


def check_corpus(directory: Path, max_chars: int) -> tuple[list[FileCheck], list[str]]:
    """Every corpus file checked, those that need a look first (then by name); and what the walk left out."""
    files, skipped = corpus_files(directory)
    checks = [check_file(f, max_chars) for f in files]
    return sorted(checks, key=lambda c: (not c.needs_a_look, c.file)), skipped
