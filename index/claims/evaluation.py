"""Scoring whole-text checks against labelled texts (benchmarks/claims.py, tests/test_claims_quality.py).

A labelled text (YAML): `id`, `kind` (news, press_release, wechat, misquote), `text`, and `sentences`: for each
attributed sentence (and, as a reminder, some tricky unattributed ones) a `match` (words that occur in that sentence
only), its `speaker` (null: not attributed), and for attributed ones the `verdict` expected, `passage` (words of the
passage it is about), `paraphrase` (true: other words that keep every fact, so consistent with that passage) and
`differs` (the pair). `passage` may list several phrases: a claim whose facts span the parts of one answer is right
with any of them. Sentences not listed are not attributed. Pure apart from reading the files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.claims.document import DocumentCheck, Sentence
from index.claims.records import VERDICTS, Verification
from index.claims.speakers import abbreviates
from index.errors import InterviewQAError

WORST_FIRST = ("differs", "not_found", "consistent", "verbatim")


class LabelError(InterviewQAError):
    """A labelled text that cannot be scored (a `match` found in no sentence, or in two)."""


@dataclass(frozen=True, slots=True)
class Label:
    match: str
    speaker: str | None
    verdict: str | None = None
    passage: tuple[str, ...] = ()  # words of the right passage (any of them: a claim may span an answer's parts)
    paraphrase: bool = False


@dataclass(frozen=True, slots=True)
class LabelledText:
    id: str
    kind: str
    text: str
    labels: tuple[Label, ...]


def load_texts(folder: Path) -> list[LabelledText]:
    import yaml

    texts = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        labels = tuple(Label(s["match"], s.get("speaker"), s.get("verdict"), _phrases(s.get("passage")),
                             bool(s.get("paraphrase"))) for s in data["sentences"])
        texts.append(LabelledText(data["id"], data["kind"], data["text"], labels))
    return texts


def _phrases(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def same_speaker(expected: str, got: str | None) -> bool:
    """The same person (by name) or the same body (a short name of it counts: 住建局 for 澜州市住房和城乡建设局)."""
    return got is not None and (expected == got or abbreviates(got, expected) or abbreviates(expected, got))


def sentence_verdict(check: DocumentCheck, sentence: Sentence) -> tuple[str | None, Verification | None]:
    """One verdict for a sentence: the worst of its statements' (a split quotation is two statements)."""
    verifications = [c.verification for c in check.claims_in(sentence) if c.verification is not None]
    verdicts = {v.verdict for v in verifications}
    for verdict in WORST_FIRST:
        if verdict in verdicts:
            return verdict, next(v for v in verifications if v.verdict == verdict)
    return None, None


@dataclass
class Report:
    """Attribution precision and recall (a sentence counts as found when its speaker is right too), accuracy by
    expected verdict, the paraphrases called consistent with the right passage, and every miss."""

    attributed_expected: int = 0
    attributed_found: int = 0
    attributed_right: int = 0  # found, and the speaker right
    flagged_wrongly: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)  # expected verdict -> sentences
    verdicts_right: Counter[str] = field(default_factory=Counter)
    paraphrases: int = 0
    paraphrases_right: int = 0
    verbatim_called_else: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.attributed_right / self.attributed_found if self.attributed_found else 1.0

    @property
    def recall(self) -> float:
        return self.attributed_right / self.attributed_expected if self.attributed_expected else 1.0

    def accuracy(self, verdict: str) -> float | None:
        return self.verdicts_right[verdict] / self.verdicts[verdict] if self.verdicts[verdict] else None

    @property
    def paraphrase_rate(self) -> float | None:
        return self.paraphrases_right / self.paraphrases if self.paraphrases else None

    def to_dict(self) -> dict[str, Any]:
        return {"attribution": {"expected": self.attributed_expected, "found": self.attributed_found,
                                "right": self.attributed_right, "precision": round(self.precision, 4),
                                "recall": round(self.recall, 4)},
                "verdicts": {v: {"sentences": self.verdicts[v], "right": self.verdicts_right[v],
                                 "accuracy": None if self.accuracy(v) is None else round(self.accuracy(v) or 0, 4)}
                             for v in VERDICTS},
                "paraphrases": {"sentences": self.paraphrases, "consistent_right_passage": self.paraphrases_right,
                                "rate": None if self.paraphrase_rate is None else round(self.paraphrase_rate, 4)},
                "verbatim_called_else": self.verbatim_called_else, "misses": self.misses}


def score(texts: Iterable[LabelledText], check: Callable[[str], DocumentCheck]) -> Report:
    """Checks every text with `check` and scores it against its labels."""
    report = Report()
    for labelled in texts:
        checked = check(labelled.text)
        for sentence in checked.sentences:
            _score_sentence(report, labelled, checked, sentence)
    return report


def _label_of(labelled: LabelledText, sentence: Sentence) -> Label | None:
    found = [label for label in labelled.labels if label.match in sentence.text]
    if len(found) > 1:
        raise LabelError(f"{labelled.id}: two labels for one sentence: {sentence.text[:40]}")
    return found[0] if found else None


def _score_sentence(report: Report, labelled: LabelledText, checked: DocumentCheck, sentence: Sentence) -> None:
    label = _label_of(labelled, sentence)
    expected = label.speaker if label else None
    got = sentence.attributions[0].speaker if sentence.attributions else None
    where = {"text": labelled.id, "sentence": sentence.text}
    if sentence.attributions:
        report.attributed_found += 1
    if expected:
        report.attributed_expected += 1
    if expected and sentence.attributions and same_speaker(expected, got):
        report.attributed_right += 1
    elif expected or sentence.attributions:
        report.misses.append({**where, "miss": "attribution", "expected": expected, "got": got})
    if not (label and expected and label.verdict):
        return
    verdict, verification = sentence_verdict(checked, sentence)
    report.verdicts[label.verdict] += 1
    if verdict == label.verdict:
        report.verdicts_right[label.verdict] += 1
    else:
        report.misses.append({**where, "miss": "verdict", "expected": label.verdict, "got": verdict,
                              "differences": [d.to_dict() for d in verification.differences] if verification else []})
    if label.verdict == "verbatim" and verdict != "verbatim":
        report.verbatim_called_else += 1
    if label.paraphrase:
        report.paraphrases += 1
        first = verification.hits[0].passage.text if verification and verification.hits else ""
        right_passage = any(phrase in first for phrase in label.passage)
        if verdict == "consistent" and (right_passage or not label.passage):
            report.paraphrases_right += 1
        elif verdict == "consistent":
            report.misses.append({**where, "miss": "passage", "expected": label.passage, "got": first[:60]})
