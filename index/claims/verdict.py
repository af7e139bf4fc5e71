"""The verdict on a claim. Search (the same scoring and order as questions) finds the candidate passages;
`index.claims.alignment` decides whether the wording is in one of them (verbatim); otherwise `index.claims.facts`
compares the claim's facts with each candidate: all equal in the passage the claim is about -> consistent, one
contradicted there -> differs, none said there -> not_found. `index.claims.stitching` covers claims quoted from
several places. The rules: docs/claims.md."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from index.claims.alignment import align_forms, rank, tokenised_passage
from index.claims.facts import SUBSTANTIVE, Comparison, FactPair, Weights, compare, read_facts
from index.claims.framing import claim_forms
from index.claims.records import NOT_FOUND, Alignment, Difference, MatchedFact, Verification
from index.claims.stitching import stitch
from index.limits import MAX_CLAIM_CHARS
from index.records import Hit, IndexData, Passage
from index.search.features import ranking_order
from index.text import normalize_query

if TYPE_CHECKING:
    from index.search.service import SearchService

CANDIDATES = 8  # passages the wording is aligned with
FACT_CANDIDATES = 5  # passages the facts are compared with (the first of the group search ranks first)
FACTLESS_COVERAGE = 0.8  # a claim with no facts is consistent only when the passage shares this much of its wording
MIN_COVERAGE = 0.3  # ... and a claim whose facts all match, this much


def verify_claim(claim: str, passage_texts: Sequence[str]) -> Alignment:
    """The best alignment of the claim's wording over the passages, joins of several passages included (pure)."""
    full, body, span = claim_forms(claim)
    if not full.norm or not passage_texts:
        return NOT_FOUND if not full.norm else Alignment("not_found", None, None, (), 0.0, (), span)
    passages = [tokenised_passage(t) for t in passage_texts]
    results = [align_forms(full, body, span, p, k) for k, p in enumerate(passages)]
    best = max(results, key=rank)
    if best.alignment.verdict == "verbatim":
        return best.alignment
    checked = body if body is not None and best.alignment.claim_span == span else full
    stitched = stitch(checked, passages)
    if stitched is not None:
        alignment, gaps = stitched
        unmatched = best.unmatched if best.alignment.verdict == "differs" else len(checked.norm)
        if gaps < unmatched:
            return replace(alignment, claim_span=span if checked is body else (0, len(claim)))
    return best.alignment


@dataclass(frozen=True, slots=True)
class Judgement:
    """The facts' verdict against the passage the claim is about (`index` among the candidates)."""

    verdict: str
    index: int | None
    comparison: Comparison | None


def fact_verdict(comparison: Comparison) -> str:
    """consistent / differs / not_found from a claim's facts against one passage: a place it names that the passage
    neither names nor belongs to makes it about something else."""
    if any(f.kind == "place" for f in comparison.missing):
        return "not_found"  # a claim about another place is not about this passage
    if comparison.conflicts:
        return "differs"
    substantive = comparison.substantive
    if substantive == 0:
        return "consistent" if comparison.coverage >= FACTLESS_COVERAGE else "not_found"
    matched = comparison.matched_substantive
    if matched == substantive:
        return "consistent" if comparison.coverage >= MIN_COVERAGE else "not_found"
    return "differs" if matched else "not_found"


ELSEWHERE_IN_ANSWER = 0.9  # a fact found in the rest of the passage's answer counts a little less than in it


def _explained(comparison: Comparison, length: int) -> tuple[float, float]:
    """How well a passage (of `length` characters) explains the claim: its facts matched or contradicted there
    (weighted by how surely they are about the same thing, and less when in the rest of its answer), then the
    wording shared."""
    def weight(pair: FactPair) -> float:
        inside = pair.record is not None and pair.record.end <= length
        return pair.support * (1.0 if inside else ELSEWHERE_IN_ANSWER)

    facts = sum(weight(p) for p in comparison.matched if p.claim.kind in SUBSTANTIVE)
    facts += 0.8 * sum(weight(p) for p in comparison.conflicts)
    return facts, comparison.coverage


def judge(claim: str, passages: Sequence[Passage], weights: Weights, places: frozenset[str],
          answer_of: Callable[[Passage], str] | None = None) -> Judgement:
    """The passage among the candidates (in search order) that best explains the claim's facts, and the verdict.
    `answer_of`: the whole answer a passage belongs to, itself first (where its facts are looked for)."""
    facts = read_facts(claim, places)
    best: tuple[tuple[float, float], int, Comparison] | None = None
    for index, passage in enumerate(passages):
        comparison = compare(facts, claim, passage.text, weights, places,
                             metadata=f"{passage.bureau} {passage.title or ''}",
                             answer=answer_of(passage) if answer_of else None)
        score = _explained(comparison, len(passage.text))
        if best is None or score > best[0]:
            best = (score, index, comparison)
    if best is None:
        return Judgement("not_found", None, None)
    _, index, comparison = best
    verdict = fact_verdict(comparison)
    return Judgement(verdict, index if verdict != "not_found" else None, comparison)


@dataclass(frozen=True, slots=True)
class CorpusTables:
    """What claim checks read of a corpus once: the word weights, the place names facts are read with, the cities."""

    weights: Weights
    places: frozenset[str]
    cities: tuple[str, ...]
    answers: dict[tuple[str, str, int | None], tuple[Passage, ...]]  # the passages of each answer, in source order

    def answer(self, passage: Passage) -> str:
        """The passage's text, then the rest of the answer it was cut from (an answer cut at its sub-headings is
        still one answer)."""
        rest = [p.text for p in self.answers.get(_turn(passage), ()) if p.passage_id != passage.passage_id]
        return "\n".join([passage.text, *rest])


def _turn(passage: Passage) -> tuple[str, str, int | None]:
    return passage.interview_id, passage.kind, passage.turn


_tables: dict[int, tuple[IndexData, CorpusTables]] = {}


def corpus_tables(data: IndexData) -> CorpusTables:
    """The tables of one index (made once, kept while it is in use)."""
    cached = _tables.get(id(data))
    if cached is not None and cached[0] is data:
        return cached[1]
    cities = sorted({m.group(0) for p in data.passages if p.bureau and (m := re.match(r".{2,4}?[市县]", p.bureau))})
    places = frozenset(set(cities) | {c[:-1] for c in cities if len(c) > 2} | set(data.place_names or ()))
    answers: dict[tuple[str, str, int | None], list[Passage]] = {}
    for passage in data.passages:
        answers.setdefault(_turn(passage), []).append(passage)
    tables = CorpusTables(Weights(data.vocabulary, len(data.passages)), places, tuple(cities),
                          {key: tuple(sorted(group, key=lambda p: p.start)) for key, group in answers.items()})
    if len(_tables) >= 4:
        _tables.clear()
    _tables[id(data)] = (data, tables)
    return tables


def text_city(data: IndexData, text: str) -> str | None:
    """The corpus city a whole text is about: the one it names most (澜州日报讯, 澜州市……), if one does."""
    counts = {city: text.count(city[:-1] if len(city) > 2 else city) for city in corpus_tables(data).cities}
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def speaking_for(organisation: str | None, city: str | None, cities: Sequence[str]) -> str | None:
    """The body a statement is attributed to, with the text's city when it names none (市住建局 -> 澜州市住建局);
    the city alone for a speaker named without a body."""
    if city is None or (organisation and any(c[:-1] in organisation for c in cities)):
        return organisation
    if organisation is None:
        return city
    return city[:-1] + organisation if organisation.startswith("市") else city + organisation


def _candidates(searcher: SearchService, text: str) -> tuple[list[int], list[float], list[float]]:
    """Rows of the candidate passages in search's order, their fused scores, and their priority (the bureau or city
    the text names first)."""
    scored = searcher.score(text[: searcher.config.max_query_chars * 2])
    order = ranking_order(scored)[:CANDIDATES]
    priority = [float(scored.priority[i]) if scored.priority is not None else 0.0 for i in order]
    return [int(scored.rows[i]) for i in order], [float(scored.fused[i]) for i in order], priority


def check_claim(searcher: SearchService, claim: str, show: int = 3, about: str | None = None) -> Verification:
    """The verdict on a claim (see the module docstring). `about`: the bureau the claim is attributed to, named to
    search so that its passages rank first (a whole text says who is speaking; a claim alone names it or not)."""
    normalized = normalize_query(claim, MAX_CLAIM_CHARS)
    if not normalized or searcher.passage_count == 0:
        alignment = verify_claim(normalized, [])
        return Verification(claim, alignment.verdict, alignment.differences, (), alignment)
    rows, scores, priority = _candidates(searcher, f"{about}：{normalized}" if about else normalized)
    passages = [searcher.data.passages[r] for r in rows]
    alignment = verify_claim(normalized, [p.text for p in passages])
    if alignment.verdict == "verbatim":
        return _verification(claim, alignment, passages, scores, show)
    span = alignment.claim_span or claim_forms(normalized)[2]
    end = span[1]
    while end < len(normalized) and not normalized[end].isalnum():
        end += 1  # the closing mark of a quoted name at the end (“……示范区”) belongs to the name
    body = normalized[span[0]:end]
    tables = corpus_tables(searcher.data)
    first_group = [p for p, rank_ in zip(passages, priority) if rank_ == priority[0]][:FACT_CANDIDATES]
    judgement = judge(body, first_group, tables.weights, tables.places, tables.answer)
    if judgement.verdict == "not_found" or judgement.index is None or judgement.comparison is None:
        return Verification(claim, "not_found", (), (), replace(NOT_FOUND, claim_span=span,
                                                                 similarity=alignment.similarity))
    chosen = passages.index(first_group[judgement.index])
    facts_alignment = _facts_alignment(judgement, chosen, span, len(passages[chosen].text))
    verification = _verification(claim, facts_alignment, passages, scores, show)
    matched = tuple(MatchedFact(p.claim.text, p.record.text if p.record else "", p.claim.kind)
                    for p in judgement.comparison.matched)
    return replace(verification, facts=matched)


def _facts_alignment(judgement: Judgement, index: int, span: tuple[int, int], length: int) -> Alignment:
    comparison = judgement.comparison
    assert comparison is not None
    differences = [Difference(p.claim.text, p.record.text if p.record else "",
                              "number" if p.claim.kind in ("number", "date") else "text", fact=p.claim.kind)
                   for p in comparison.conflicts]
    if judgement.verdict == "differs":
        differences += [Difference(f.text, "", "number" if f.kind in ("number", "date") else "text", fact=f.kind)
                        for f in comparison.missing if f.kind in SUBSTANTIVE]
    # spans in the passage itself (facts found in the rest of its answer are listed, not marked)
    diff_spans = tuple((p.record.start, p.record.end) for p in comparison.conflicts
                       if p.record and 0 <= p.record.start and p.record.end <= length)
    fact_spans = tuple((p.record.start, p.record.end) for p in comparison.matched
                       if p.record and 0 <= p.record.start and p.record.end <= length)
    everything = [*diff_spans, *fact_spans]
    record_span = (min(a for a, _ in everything), max(b for _, b in everything)) if everything else None
    return Alignment(judgement.verdict, index, record_span, tuple(differences),  # type: ignore[arg-type]
                     round(comparison.coverage, 4), diff_spans, span, (), (), fact_spans)


def _verification(claim: str, alignment: Alignment, passages: list[Passage], scores: list[float],
                  show: int) -> Verification:
    """The verdict with the passages behind it: those the claim was found in first, then the other candidates."""
    used = [index for index, _, _ in alignment.sources] or [alignment.passage_index]
    first = [i for i in dict.fromkeys(used) if i is not None]
    hits = []
    for index in first + [i for i in range(len(passages)) if i not in first]:
        span = alignment.record_span if index == alignment.passage_index else None
        hits.append(Hit(passages[index], round(scores[index], 6), span))
        if len(hits) >= max(show, len(first)):
            break
    return Verification(claim, alignment.verdict, alignment.differences, tuple(hits), alignment)
