"""Speaker labels a page gives its lines by its own conventions, beyond "name：" (index.parsing.speakers): a headline
shaped like a label, ◆/◇ marks, bare speaker lines, officials under headings that name them; entry pages' fields
(index.parsing.entry_labels) and broadcast and social pages' cues (index.parsing.media_labels) are read apart."""

from __future__ import annotations

import re
import unicodedata
from itertools import takewhile
from dataclasses import replace

from index.parsing.entry_labels import (answerer_fields, seated_titles, answers_after_questions, askers_named_in_fields, comments_and_titles,
                                        entry_askers, entry_furniture, parts_named_per_record, quoted_comment_replies,
                                        record_subjects, record_tags, signature_lines, tagged_entries, thread_replies)
from index.parsing.declared import declared_cast, declared_marks
from index.parsing.documents import FOOTNOTE_MARK
from index.parsing.exam_items import label_exam_items
from index.parsing.line_cuts import QUESTION_END, repeated_bands
from index.parsing.media_labels import (accounts_as_people, broadcast_script, callers_in_a_report, english_host,
                                        mention_replies, names_nobody, narration_lines, on_screen_text, photo_captions,
                                        topic_headings, translated_lines)
from index.parsing.metadata import TitleBlock, classify_title_line, is_boilerplate
from index.parsing.people import parse_person, split_org_role
from index.parsing.segment import enumerator_end
from index.parsing.speakers import Label, bare_label, find_label, read_label, without_trailing_stamp

_FULL_STOP = re.compile(r"[。！？!?；;…][”’」』）)]*$")


def label_lines(lines: list[str], labels: list[Label | None], header: set[int], marked: set[int],
                host: str | None = None) -> set[int]:
    """Labels what the page's conventions label (in place), after the header was read; returns the lines that are
    no one's words (between an official's heading and its first question)."""
    _symbol_marked_turns(lines, labels)
    _cast_lines(lines, labels, header)
    _answerers_by_question_number(lines, labels)
    _footnoted_answerers(lines, labels)
    _spaced_speaker_lines(lines, labels, header)
    accounts_as_people(lines, labels)
    english_host(lines, labels)
    _bare_speaker_lines(lines, labels, header, host)
    _handed_over_lines(lines, labels, header)
    _tagged_askers(lines, labels, header)
    _signed_notes(lines, labels, header)
    _case_records(lines, labels, header)
    _parted_asker_lines(lines, labels, header)
    _host_by_name(lines, labels, host)
    signatures = tagged_entries(lines, labels)
    pending = answerer_fields(lines, labels, signatures)
    entry_askers(lines, labels)
    askers_named_in_fields(lines, labels)
    parts_named_per_record(lines, labels)
    record_subjects(lines, labels)
    seating = seated_titles(lines, labels)
    _untagged_ask(lines, labels)
    _salutations_under_replies(lines, labels)
    badges = _badges_after_questions(lines, labels)
    narration = broadcast_script(lines, labels)
    mention_replies(lines, labels)
    topic_headings(lines, labels)
    _badge_lines(lines, labels)
    callers_in_a_report(lines, labels)
    label_exam_items(lines, labels)
    skipped = (_speaker_headings(lines, labels, marked) | on_screen_text(lines, labels) | comments_and_titles(lines)
               | translated_lines(lines) | signature_lines(lines) | _repeated_bands(lines, labels)
               | thread_replies(lines, labels) | narration | narration_lines(lines) | entry_furniture(lines, labels)
               | signatures | record_tags(lines, labels) | quoted_comment_replies(lines, labels)
               | photo_captions(lines, labels) | badges | pending | seating)
    for i in skipped:
        labels[i] = None
    answers_after_questions(labels, skipped | header)
    _headings_over_askers(lines, labels, skipped | header)
    _questions_before_answers(lines, labels, skipped | header)
    _section_answerers(lines, labels)
    _experts_named_above(lines, labels, skipped)
    _case_facts_before_questions(labels)
    return skipped


# whom a reply addresses as it opens: "子涵同学：", "王先生：", "尊敬的网友："
_ADDRESSED = re.compile(r"(?:尊敬的|亲爱的)?[\u4e00-\u9fff]{0,4}(?:同学|小朋友|先生|女士|阿姨|大爷|师傅|老师|网友|市民|朋友)(?:们)?")


def _salutations_under_replies(lines: list[str], labels: list[Label | None]) -> None:
    """A reply's first words addressing whom it answers ("**局长回信**：" over "子涵同学：你观察得真仔细！"): the
    reply's own words, no one else speaking."""
    previous: int | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        label = labels[i]
        if label is not None and previous is not None and _ADDRESSED.fullmatch(label.name.strip()):
            above = labels[previous]
            if above is not None and not lines[previous][above.content_offset:].strip() \
                    and read_label(above.name).side == "answer":
                labels[i] = None
        previous = i


_ANSWER_BEFORE_SPEAKER = re.compile(r"^[ \t\u3000]*(?:\*\*|__)?(?:答|【答】|【送单】)(?:\*\*|__)?[ \t\u3000]*[：:]?")
MIN_TAGGED = 2


def _untagged_ask(lines: list[str], labels: list[Label | None]) -> None:
    """On a page that tags each answer before its speaker ("答：市商务局……局长 乔振东：", "【送单】钟启航："), the people
    it names without the tag ask ("上海瀚川……有限公司董事长 卫栋：", a 客商 at a 推介会)."""
    tagged = {i for i, (line, label) in enumerate(zip(lines, labels))
              if label is not None and (tag := _ANSWER_BEFORE_SPEAKER.match(line))
              and (inner := find_label(line[tag.end():])) is not None and inner.name == label.name}
    if len(tagged) < MIN_TAGGED:
        return
    answering = {label.name for i, label in enumerate(labels) if i in tagged and label is not None}
    for i, label in enumerate(labels):
        if label is None or i in tagged or label.name in answering or label.synthetic:
            continue
        reading = read_label(label.name)
        if reading.side == "answer" and reading.person is not None and reading.person.name and reading.title is None:
            labels[i] = replace(label, name=f"提问人 {label.name}")


def _badges_after_questions(lines: list[str], labels: list[Label | None]) -> set[int]:
    """A "问" badge on a line of its own right after a question (a poster's card in a PDF's text layer, the badge drawn
    after the words): the question above it asks, with the badge's word; the badge is no one's words."""
    badges: set[int] = set()
    for i, line in enumerate(lines):
        if line.strip() != "问" or labels[i] is not None:
            continue
        above = next((j for j in range(i - 1, -1, -1) if lines[j].strip()), None)
        if above is not None and labels[above] is None and QUESTION_END.search(lines[above].strip()):
            labels[above] = Label("问", 0, synthetic=True)
            badges.add(i)
    return badges


def _repeated_bands(lines: list[str], labels: list[Label | None]) -> set[int]:
    """A band the page repeats (index.parsing.line_cuts.repeated_bands) and a page counter ("1/8"): furniture."""
    bands = repeated_bands(lines)
    return {i for i, (line, label) in enumerate(zip(lines, labels))
            if label is None and (line.strip() in bands or _PAGE_COUNTER.match(line.strip()))}


_PAGE_COUNTER = re.compile(r"^\d{1,3}[ \t]*/[ \t]*\d{1,3}$")
MAX_LISTED_QUESTION_CHARS = 150


_HEADING_MARKS = re.compile(r"^[ \t\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?(?:\d{1,3}[ \t\u3000]*[｜|丨][ \t\u3000]*)?")


def _headings_over_askers(lines: list[str], labels: list[Label | None], aside: set[int]) -> None:
    """An unlabelled heading that asks ("## 01｜网传“……”？") right over an asker's paragraph ("**传言**：……"): the
    same asker's question, its number badge left out."""
    for i, label in enumerate(labels):
        if label is None or read_label(label.name).side != "ask":
            continue
        before = next((j for j in range(i - 1, -1, -1) if j not in aside and lines[j].strip()), None)
        if before is None or labels[before] is not None:
            continue
        line = lines[before].strip()
        if _asks_itself(lines, i, label):
            continue  # "## 📍1号摊位｜工钱被拖欠……？" over "**🙋 石桥村　老周**：" who asks in his words: the booth's heading
        if lines[before].lstrip().startswith("#") and QUESTION_END.search(line) and len(line) <= MAX_LISTED_QUESTION_CHARS:
            labels[before] = Label(label.name, _HEADING_MARKS.match(lines[before]).end(), synthetic=True)  # type: ignore[union-attr]


def _asks_itself(lines: list[str], i: int, label: Label) -> bool:
    """Whether the asker labelled on line i asks in their own words (a question mark in them, on the label's line or,
    for a label alone on its line, the next)."""
    words = lines[i][label.content_offset:].strip()
    if not words:
        words = next((line.strip() for line in lines[i + 1:] if line.strip()), "")
    return bool(re.search(r"[？?]", words))


def _questions_before_answers(lines: list[str], labels: list[Label | None], aside: set[int]) -> None:
    """A page whose answers are labelled (答：, or by who speaks) and whose questions are not ("1. ……？" on the line
    above): the unlabelled line that asks, right before an answer's label, is the question."""
    for i, label in enumerate(labels):
        reading = read_label(label.name) if label is not None else None
        if reading is None or reading.side != "answer":
            continue
        before = next((j for j in range(i - 1, -1, -1) if j not in aside), None)
        if before is None or labels[before] is not None:
            continue
        line = lines[before].strip()
        # under a speaker's own label ("市水务局有关负责人：") only a numbered question is one: "2. ……？"
        numbered = enumerator_end(line) > 0
        if reading.word not in ("答", "A") and not numbered:
            continue
        above = next((lines[j].strip() for j in range(before - 1, -1, -1) if lines[j].strip()), "")
        if reading.word not in ("答", "A") and enumerator_end(above) > 0 and QUESTION_END.search(above):
            continue  # "三、……？" / "四、……？": an agenda's items, listed one under another, not one asked here
        if QUESTION_END.search(line) and len(line) <= MAX_LISTED_QUESTION_CHARS:  # "1. ……？": the words after its number
            start = len(lines[before]) - len(lines[before].lstrip())
            start += enumerator_end(lines[before][start:])
            start += len(lines[before][start:]) - len(lines[before][start:].lstrip())
            labels[before] = Label("问", start, synthetic=True)


# a FAQ's group heading naming the unit that answers under it: "（二）户口登记（湑峣市公安局解答）"
_SECTION_ANSWERER = re.compile(r"[（(](?:本部分(?:口径|内容|问题)?|以下(?:口径|内容)?)?(?:由|以下由)?"
                               r"(?P<unit>[\u4e00-\u9fff]{2,30}?(?:局|委员会|委|办公室|中心|院|政府|支队|大队))"
                               r"(?:负责)?(?:解答|答复|回答|回复|供稿|提供)[）)][ \t\u3000]*$")
MAX_SECTION_HEADING_CHARS = 50
_GENERIC_ANSWER = re.compile(r"答|回答|答复|A|Ａ|解答")


def _section_answerers(lines: list[str], labels: list[Label | None]) -> None:
    """Each generic answer label ("答：") under a group heading that names the unit answering that group is the
    unit's, up to the next such heading."""
    unit: str | None = None
    for i, line in enumerate(lines):
        words = line.strip()
        if labels[i] is None and len(words) <= MAX_SECTION_HEADING_CHARS and (named := _SECTION_ANSWERER.search(words)):
            unit = named["unit"]
        elif unit and (label := labels[i]) is not None and _GENERIC_ANSWER.fullmatch(label.name.strip()):
            labels[i] = Label(unit, label.content_offset, synthetic=True)


# a case's expert named under its heading ("答疑律师：许砚秋"), whom its "【律师答】" labels then mean
_EXPERT_LINE = re.compile(r"^[ \t\u3000]*(?:答疑|解答|点评|释法|主讲)(?P<role>律师|专家|法官|医生|检察官)[ \t\u3000]*[：:][ \t\u3000]*"
                          r"(?P<name>[\u4e00-\u9fff·]{2,4})[ \t\u3000]*$")
_EXPERT_LABEL = re.compile(r"(?P<role>律师|专家|法官|医生|检察官)(?:答|说|解答|点评)")


def _experts_named_above(lines: list[str], labels: list[Label | None], skipped: set[int]) -> None:
    """Each "律师答" label is the expert the line "答疑律师：……" last named; that line is a field, nobody's words."""
    named: dict[str, str] = {}
    for i, line in enumerate(lines):
        if expert := _EXPERT_LINE.match(line):
            named[expert["role"]] = expert["name"]
            labels[i] = None
            skipped.add(i)
        elif (label := labels[i]) is not None and (role := _EXPERT_LABEL.fullmatch(label.name.strip())) \
                and role["role"] in named:
            labels[i] = Label(named[role["role"]], label.content_offset, synthetic=True)


def _case_facts_before_questions(labels: list[Label | None]) -> None:
    """A case's facts ("【案情简介】") are told before its question only when an asker's label follows them before any
    answer ("【消费者问】"); under a question heading they are the answer's first words (unlabelled)."""
    for i, label in enumerate(labels):
        if label is None or read_label(label.name).word != "案情":
            continue
        after = next((l for l in labels[i + 1:] if l is not None and read_label(l.name).word != "案情"), None)
        if after is None or read_label(after.name).side != "ask":
            labels[i] = None


_BADGE_LINE = re.compile(r"^[【\[]?(?P<badge>[问答]|[QA]|[ＱＡ])[】\]]?$")
MIN_BADGES = 2


def _badge_lines(lines: list[str], labels: list[Label | None]) -> None:
    """"问" and "答" alone on their lines (an H5's round badges, a slide's), each before the words it marks: the
    labels of a page that has at least two of each."""
    found = {i: m["badge"] for i, line in enumerate(lines) if labels[i] is None and i + 1 < len(lines)
             and (m := _BADGE_LINE.match(line.strip()))}
    kinds = [unicodedata.normalize("NFKC", b) for b in found.values()]
    if sum(k in "问Q" for k in kinds) >= MIN_BADGES and sum(k in "答A" for k in kinds) >= MIN_BADGES:
        for i, badge in found.items():
            labels[i] = Label(unicodedata.normalize("NFKC", badge), len(lines[i]))


HEADLINE_LINES = 3
HEADLINE_SEARCH_LINES = 12
_RULE_LINE = re.compile(r"^[ \t\u3000]*[=＝\-—_~～·•━─]{3,}[ \t\u3000]*$")
_NOT_HEADLINES = frozenset({"boilerplate", "source", "date", "meta", "byline", "series", "note", "section"})


def headline_is_no_label(lines: list[str], labels: list[Label | None]) -> None:
    """A first line shaped like a label is a headline ("栖川市教育局局长沈望舒：让每个孩子在家门口上好学",
    "专访市交通运输局局长邵振华：织密“一张网”") when its words end no sentence and no other line has that label."""
    # the first line of words, after a breadcrumb, a paper's page line, a source or a date (and a site's nav bar and
    # the rule under it, blank lines aside)
    top = [i for i, line in enumerate(lines[:HEADLINE_SEARCH_LINES]) if line.strip() and not _RULE_LINE.match(line)]
    first = next((i for i in top[:HEADLINE_LINES] if not is_boilerplate(lines[i]) and (
        labels[i] is not None or classify_title_line(lines[i], TitleBlock()) not in _NOT_HEADLINES)), None)
    if first is None or labels[first] is None:
        return
    label, words = labels[first], lines[first][labels[first].content_offset:].strip()
    # a column's name in brackets before a headline that asks: "【代表问政】老旧小区改造，怎样改到居民心坎上？"
    headline = not _FULL_STOP.search(words) or (label.bracketed and QUESTION_END.search(words) is not None
                                                 and names_nobody(label))
    if words and headline and sum(1 for l in labels if l and l.name == label.name) == 1:
        labels[first] = None


# "周岚清  各位记者朋友……", "贺子谦\t感谢……": a speaker's name, then a tab or two spaces instead of a colon
_SPACED_SPEAKER = re.compile(r"^(?P<name>[^\s：:，。！？][^\t：:，。！？]{0,40}?)(?:\t+|[ \u3000]{2,})(?=\S)")
MIN_SPACED_SPEAKERS = 3


def _spaced_speaker_lines(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """A transcript whose speakers' names stand before their words with a tab or two spaces and no colon (a .docx with
    the name in its own bold run), when at least three lines do so and both sides speak."""
    found: dict[int, Label] = {}
    for i, line in enumerate(lines):
        if labels[i] is not None or i in header or not (match := _SPACED_SPEAKER.match(line)):
            continue
        name = match["name"].strip()
        if bare_label(name) is not None or name.endswith("记者"):
            found[i] = Label(name, match.end())
    if len(found) >= MIN_SPACED_SPEAKERS and {read_label(l.name).side for l in found.values()} == {"ask", "answer"}:
        for i, label in found.items():
            labels[i] = label


# a script's line: a name of the cast, a space, perhaps a stage direction in brackets, then the words (no colon)
_CAST_LINE = re.compile(r"^(?:\*\*|__)?(?P<name>[\u4e00-\u9fff·](?:[ \u3000]?[\u4e00-\u9fff·]){1,3})(?:\*\*|__)?[ \t\u3000]+"
                        r"(?:[（(][^（）()\n]{1,40}[）)][ \t\u3000]*)?(?=\S)")


def _cast_lines(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """A script whose cast is listed once ("NAME——who"): a line that opens with a name of the cast and a space (no
    colon) is theirs, a stage direction in brackets after the name no part of the words."""
    cast = declared_cast(lines)
    if not cast:
        return
    for i, line in enumerate(lines):
        if i in header or not (match := _CAST_LINE.match(line)) \
                or (label := cast.get(re.sub(r"[ \u3000]", "", match["name"]))) is None:
            continue
        if labels[i] is None or labels[i].content_offset > match.end():  # "卢晓棠　我再问个实在的：……": a colon
            labels[i] = Label(label, match.end(), synthetic=True)  # inside the words is no label's


# a digest's 答疑分工: who answers which numbered questions ("第1—3问：市体育局……副局长 雍思远", "第11题：……", "问题4—5：……"), a note
# in brackets of who adds to one of them ("（第10问由赛事运营单位补充）")
_ANSWERS_BY_NUMBER = re.compile(r"^[ \t\u3000]*(?:第(?P<first>\d{1,2})(?:(?P<sep>[—–\-~～至到、])第?(?P<last>\d{1,2}))?[问题]|问题"
                                r"(?P<first2>\d{1,2})(?:(?P<sep2>[—–\-~～至到、])(?P<last2>\d{1,2}))?)[ \t\u3000]*[：:]"
                                r"[ \t\u3000]*(?P<who>[^（(\n]{4,60}?)[ \t\u3000]*(?:[（(](?P<note>[^）)\n]{2,40})[）)])?[ \t\u3000]*$")
_ADDED_BY = re.compile(r"(?:第|问题)(?P<number>\d{1,2})[问题]?由(?P<unit>[\u4e00-\u9fff]{2,20}?)补充")
_NUMBERED_QUESTION = re.compile(r"^[ \t\u3000]*(?P<number>\d{1,2})[．.、](?!\d)")
MIN_NUMBERED_ANSWERERS = 2


def _answerers_by_question_number(lines: list[str], labels: list[Label | None]) -> None:
    """A digest that names once who answers which numbered questions, then labels every answer only "答：": each
    answer is of whom the list gives its question's number; "补充：" of the one whose unit the list's note says adds."""
    by_number: dict[int, str] = {}
    adds: dict[int, str] = {}
    people: list[tuple[str, str]] = []
    declared: list[int] = []
    for i, line in enumerate(lines):
        if not (match := _ANSWERS_BY_NUMBER.match(line)) or (person := parse_person(match["who"])) is None \
                or not person.name:
            continue
        label = re.sub(r"[ \t\u3000]+", " ", match["who"].strip())
        first = int(match["first"] or match["first2"])
        last = int(match["last"] or match["last2"] or first)
        numbers = (first, last) if "、" in (match["sep"] or match["sep2"] or "") else range(first, last + 1)
        by_number.update({n: label for n in numbers})
        people.append((person.org or "", label))
        if match["note"] and (added := _ADDED_BY.search(match["note"])):
            adds[int(added["number"])] = added["unit"]
        declared.append(i)
    if len(declared) < MIN_NUMBERED_ANSWERERS:
        return
    for i in declared:
        labels[i] = None
    for number, unit in adds.items():  # the unit the note names: the listed person of that unit, or of a unit it ends
        adds[number] = next((label for org, label in people if unit in org or unit in label), "")
    number = None
    for i, line in enumerate(lines):
        if i in declared:
            continue
        if (item := _NUMBERED_QUESTION.match(line)) and (labels[i] is None or read_label(labels[i].name).side == "ask"):
            number = int(item["number"])
            continue
        label = labels[i]
        if number is None or label is None or label.name not in ("答", "补充"):
            continue
        who = by_number.get(number) if label.name == "答" else (adds.get(number) or by_number.get(number))
        if who:
            labels[i] = Label(who, label.content_offset, synthetic=True)


# a footnote under an answer saying who gave it ("注1：解答：市民政局婚姻登记处主任　冀曼青。"), or that it is who another
# note says ("注2：解答人同注1。")
_ANSWERER_NOTE = re.compile(rf"^{FOOTNOTE_MARK}(?P<number>\d{{1,3}})[：:][ \t\u3000]*(?:解答|答复|回答)(?:人|单位)?(?:[：:][ \t\u3000]*"
                            rf"(?P<who>[^。\n]{{3,60}}?)|同{FOOTNOTE_MARK}(?P<same>\d{{1,3}}))[。.]?[ \t\u3000]*$")


def _footnoted_answerers(lines: list[str], labels: list[Label | None]) -> None:
    """Answers labelled only "答：" whose answerer a footnote under each names: the answer is theirs, the note no one's."""
    named: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not (note := _ANSWERER_NOTE.match(line)):
            continue
        who = re.sub(r"[ \t\u3000]+", " ", note["who"].strip()) if note["who"] else named.get(note["same"] or "")
        if not who or (note["who"] and ((person := parse_person(note["who"])) is None or not person.name)):
            continue
        named[note["number"]] = who
        labels[i] = None
        above = next(((j, label) for j in range(i - 1, -1, -1) if (label := labels[j]) is not None), None)
        if above is not None and above[1].name in ("答", "补充"):
            labels[above[0]] = Label(who, above[1].content_offset, synthetic=True)


MIN_SPEAKER_HEADINGS = 2
_TURN_SYMBOLS = "◆◇■□●○▲△★☆"
MIN_SYMBOL_TURNS = 2


def _symbol_marked_turns(lines: list[str], labels: list[Label | None]) -> None:
    """A 专访 whose questions open with one symbol and answers with another, no names ("◆……？" / "◇……"): the
    symbol whose lines mostly ask is 问, the other 答; or each mark as the page's note declares it ("“□”为祁远舟的回答")."""
    if declared := declared_marks("\n".join(lines)):
        for i, line in enumerate(lines):
            words = line.lstrip(" \t\u3000")
            if len(words) > 1 and words[0] in declared:
                labels[i] = Label(declared[words[0]], len(line) - len(words[1:].lstrip(" \t\u3000")), synthetic=True)
        return
    marked: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        words = line.lstrip(" \t\u3000")
        if len(words) > 1 and words[0] in _TURN_SYMBOLS:
            marked.setdefault(words[0], []).append(i)
    used = sorted((m for m in marked if len(marked[m]) >= MIN_SYMBOL_TURNS), key=lambda m: -len(marked[m]))[:2]
    if len(used) != 2:
        return
    asks = {m: sum(1 for i in marked[m] if QUESTION_END.search(lines[i])) / len(marked[m]) for m in used}
    question, answer = sorted(used, key=lambda m: -asks[m])
    if asks[question] <= 0.5 or asks[answer] >= 0.5:
        return
    for mark, word in ((question, "问"), (answer, "答")):
        for i in marked[mark]:
            line = lines[i]
            offset = len(line) - len(line.lstrip(" \t\u3000")[1:].lstrip(" \t\u3000"))
            # "▲邹长贵（柳滩村种粮大户）：", "■巫晓禾：": the speaker's own label after the mark, on the mark's side
            if (inner := find_label(line[offset:])) is not None and (reading := read_label(inner.name)).side:
                name = inner.name if reading.side == ("ask" if word == "问" else "answer") or word == "答" \
                    else f"群众 {inner.name}"
                labels[i] = Label(name, offset + inner.content_offset, synthetic=True)
            elif labels[i] is None:
                labels[i] = Label(word, offset, synthetic=True)


def _speaker_headings(lines: list[str], labels: list[Label | None], marked: set[int]) -> set[int]:
    """A report of several officials answering in turn (a 两会 部门通道), each under a heading that names them and sums
    up what they said ("市教育局党委书记、局长 邵怀瑾：今年新增公办学位1.2万个"), the reporters' questions labelled and
    the answers not: each heading is no turn, the first paragraph after each question is its official's answer, a
    heading-styled paragraph that asks is a reporter's question, and what stands between a heading and its first
    question (第二位走上通道的是……) is no one's words. Returns the lines left out."""
    headings = {i: label for i, label in enumerate(labels) if label is not None and _is_speaker_heading(lines, labels, i)}
    if len({label.name for label in headings.values()}) < MIN_SPEAKER_HEADINGS:
        return set()
    skipped: set[int] = set()
    speaker: Label | None = None
    asked = False
    for i, label in enumerate(labels):
        if i in headings:
            speaker, asked, labels[i] = headings[i], False, None
            skipped.add(i)
        elif speaker is None:
            continue
        elif label is not None:
            asked = read_label(label.name).side == "ask"
        elif i in marked and QUESTION_END.search(lines[i]):
            labels[i], asked = Label("记者", 0, synthetic=True), True
        elif asked:
            labels[i], asked = Label(speaker.name, 0, synthetic=True), False
        elif not any(labels[j] is not None for j in range(_last_heading(headings, i), i)):
            skipped.add(i)  # between a heading and its first question
    return skipped


def _is_speaker_heading(lines: list[str], labels: list[Label | None], i: int) -> bool:
    label = labels[i]
    assert label is not None
    words = lines[i][label.content_offset:].strip()
    reading = read_label(label.name)
    return (reading.side == "answer" and reading.person is not None and bool(reading.person.name) and bool(words)
            and not _FULL_STOP.search(words) and sum(1 for l in labels if l and l.name == label.name) == 1
            and (following := next((l for l in labels[i + 1:] if l is not None), None)) is not None
            and read_label(following.name).side == "ask")


def _last_heading(headings: dict[int, Label], i: int) -> int:
    return max(j for j in headings if j < i) + 1


MIN_BARE_LABELS = 2


def _titles_above(line: str) -> bool:
    """The line under a name is the person's unit and title ("泠筠市住房和城乡建设局党组书记、局长"): the name heads a
    guest's card, not their words."""
    org, role = split_org_role(line)
    return bool(org and role) and not re.search(r"[。！？；]", line)


# the host giving the floor ("请任局长回答", "下面请……介绍"): a host's words, even after a question
_GIVES_FLOOR = re.compile(r"请[^。！？]{0,12}?(?:回答|回应|答复|介绍|解答|说明|发言|提问)")


# a host putting a question off: it is answered after the event, by someone not here
_DEFERS = re.compile(r"会后|课后|书面答复|书面回复|转交|转给|记录下来|记下来|另行(?:答复|回复|告知)|没有(?:安排|到场)|"
                     r"分批(?:回复|答复)|就读到这里|就到这里")  # and a host closing the session


def _host_by_name(lines: list[str], labels: list[Label | None], host: str | None) -> None:
    """Lines labelled with the name of the host the header named ("主持人：…　谢清漪", then "谢清漪：……") are the
    host's; a chair who also answers (a 议事会's 主持人 replying to a resident) answers when they speak right after
    someone else asked, and neither give the floor nor ask."""
    if not host:
        return
    previous: Label | None = None
    for i, label in enumerate(labels):
        if label is None:
            continue
        if label.name == host or (label.name.endswith(host) and (person := read_label(label.name).person) is not None
                                  and person.name == host):  # "班主任 秦岚" for the host 秦岚
            words = lines[i][label.content_offset:].strip()
            if not words:  # a label on a line of its own: the words are the lines under it
                words = "".join(lines[j] for j in takewhile(lambda j: labels[j] is None, range(i + 1, len(lines))))
            answers = previous is not None and previous.name != host and read_label(previous.name).side == "ask" \
                and not previous.name.startswith("主持") and not _GIVES_FLOOR.search(words) \
                and not QUESTION_END.search(words) and not _DEFERS.search(words)
            if not answers:
                labels[i] = replace(label, name=f"主持人 {host}")
        previous = label


def _host_line(line: str, host: str | None) -> Label | None:
    """A bare speaker line that is the host the header named ("**小满** [06:40]", a name no surname list knows)."""
    if not host:
        return None
    bare = without_trailing_stamp(line).strip("*_ \u3000")
    return Label(f"主持人 {host}", len(line)) if bare == host else None


# what a speaker's line stands over: words said (a sentence's mark, or more than a table's key: "当事人" under a
# "协同人员" row's value is the next row, not what that person said)
_SAID = re.compile(r"[。！？!?，,；;…]|\S{9,}")


def _bare_speaker_lines(lines: list[str], labels: list[Label | None], header: set[int], host: str | None = None) -> None:
    """Speaker lines without a colon ("主持人", "临渚日报记者", "卢海平", the words on the next lines), when the document
    writes its turns that way: at least two such lines after the header, and both sides speaking (with these or with
    labels of their own)."""
    found = {i: bare for i, line in enumerate(lines)
             if labels[i] is None and i not in header and i + 1 < len(lines)
             and (bare := _host_line(line, host) or bare_label(line)) and not _titles_above(lines[i + 1])
             and _SAID.search(lines[i + 1])}
    # the other side may stand alone on its lines with labels of its own ("主持人" bare, "[嘉宾]陈文涛" in brackets)
    alone = [label for line, label in zip(lines, labels) if label and label.content_offset >= len(line.rstrip())]
    if found and all(lines[i + 1].lstrip().startswith(">") for i in found):  # "**学员 温秀芝**（……）" over "> ……？":
        alone = [label for label in labels if label]  # each asker's words quoted under them, the answers labelled
    sides = {read_label(label.name).side for label in [*found.values(), *alone]}
    if len(found) >= MIN_BARE_LABELS and {"ask", "answer"} <= sides:
        for i, label in found.items():
            labels[i] = label


# a note in brackets on a line of its own saying who has the one microphone now ("（扩音器递给封晓岚）", "（封晓岚把话筒递给
# 桂长生）", "（话筒回到余小满手里）", "（话筒传给一位戴着口罩的阿姨，她说自己姓甘）"): the words after it, to the next note, are theirs
_HANDED_OVER = re.compile(r"^[ \t\u3000]*[（(](?:[\u4e00-\u9fff·]{2,4}把)?(?:话筒|麦克风|扩音器|麦克|喇叭)(?:[又再]?(?:递给|传给|交给|转给|"
                          r"递到|传到|回到|交到)|在)(?P<to>[^（）()\n]{2,60}?)(?:的)?(?:手里|手中|手上)?[）)][ \t\u3000]*$")
MIN_HANDED_OVER = 3


def _handed_over_lines(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """A record with no labels, who speaks told only by where the microphone went: the words after each note are
    of whom it names (a person the page introduces, the host), or of the citizen it describes, who asks."""
    notes = {i: match["to"] for i, line in enumerate(lines)
             if labels[i] is None and i not in header and (match := _HANDED_OVER.match(line))}
    if len(notes) < MIN_HANDED_OVER:
        return
    for i, to in notes.items():
        person = parse_person(to)
        named = person is not None and person.name == to
        labels[i] = Label(to if named else "群众", len(lines[i]), synthetic=True)


# an asker's line led by a tag in brackets describing what they came with ("【“豆包”（柯基，2岁）】郑阿姨：……"): the tag
# (a name in quotes or a note in brackets, never a column's word such as 【弹幕】) is a note
_TAG_THEN_ASKER = re.compile(r"^[ \t\u3000]*【(?=[^【】\n]*[“\"（(])[^【】\n]{1,30}】[ \t\u3000]*(?P<who>[^【】：:“”\n]{1,16}?)[：:]")


def _tagged_askers(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """Lines that open with a tag in brackets, then an asker's label: that asker asks, the tag no part of the label."""
    tagged = {i: match for i, line in enumerate(lines) if i not in header and (match := _TAG_THEN_ASKER.match(line))}
    readings = {i: read_label(match["who"].strip()) for i, match in tagged.items()}
    if sum(r.side == "ask" for r in readings.values()) < MIN_TAGGED_ASKERS:
        return
    for i, match in tagged.items():  # "老周" too, among the tagged askers: anyone but an official by name or title
        reading, who = readings[i], match["who"].strip()
        if reading.side == "ask" or (reading.person is None and reading.title is None):
            name = who if reading.side == "ask" else f"市民 {who}"
            labels[i] = Label(name, match.end(), explicit_colon=True, synthetic=True)


MIN_TAGGED_ASKERS = 2


# notes signed under their words ("……？" then "——写贴人：外卖骑手 小邝"), each answered under a line naming who took it
# down or adds ("揭贴人｜市人社局劳动关系科科长 漆明轩", "补充｜……站长 闫凯"), the words on the lines below
_NOTE_SIGNED = re.compile(r"^[ \t\u3000]*[—－-]{1,2}[ \t\u3000]*(?:写贴人|提问人|留言人|写信人)[：:][ \t\u3000]*(?P<who>\S.{0,30}?)[ \t\u3000]*$")
_NOTE_TAKEN = re.compile(r"^[ \t\u3000]*(?:揭贴人|答贴人|回答人|答复人|补充)[ \t\u3000]*[｜|][ \t\u3000]*(?P<who>\S.{1,40}?)[ \t\u3000]*$")
MIN_SIGNED_NOTES = 2


def _signed_notes(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """Notes whose asker signs under the words, each answered by whom the line after it names: the words above a
    signature are the signer's question, those under "揭贴人｜……" or "补充｜……" that person's answer."""
    signed = {i: m["who"] for i, line in enumerate(lines) if i not in header and (m := _NOTE_SIGNED.match(line))}
    taken = {i: m["who"] for i, line in enumerate(lines) if i not in header and (m := _NOTE_TAKEN.match(line))}
    if len(signed) < MIN_SIGNED_NOTES or len(taken) < MIN_SIGNED_NOTES:
        return
    for i, who in signed.items():
        first = i
        while first > 0 and labels[first - 1] is None and (first - 1) not in header and lines[first - 1].strip() \
                and not _ITEM_MARK.match(lines[first - 1]) and (first - 1) not in taken and (first - 1) not in signed:
            first -= 1
        if first < i:
            name = who if read_label(who).side == "ask" else f"市民 {who}"
            labels[first] = Label(name, 0, synthetic=True)
            labels[i] = None
    for i, who in taken.items():
        person = parse_person(who)
        labels[i] = Label(person.name if person is not None and person.name else who, len(lines[i]), synthetic=True)


_ITEM_MARK = re.compile(r"^[ \t\u3000]*(?:No\.?|NO\.?|第)?\d{1,3}[条号.．]?[ \t\u3000]*$")


# a consultation written up as a clinic's case records (a 庄稼医院's 坐诊记录): "接诊：NAME" names who sees the visitor,
# "【主诉】" is what the visitor asks, "【诊断】"/"【处方】" that one's answer, "【会诊】NAME：" another's added to it
_SEEN_BY = re.compile(r"^[ \t\u3000]*(?:接诊|坐诊|主诊|接待)(?:专家|人)?[：:][ \t\u3000]*(?P<who>[\u4e00-\u9fff·]{2,4})[ \t\u3000]*$")
_RECORD_TAG = re.compile(r"^[ \t\u3000]*【(?P<tag>主诉|诊断|处方|医嘱|建议|会诊)】[ \t\u3000]*")
_GUIDE_TAG = re.compile(r"^[ \t\u3000]*【(?:导诊|分诊|叫号)】")
MIN_CASE_RECORDS = 2


def _case_records(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """Case records: each 【主诉】 asks; the first 【诊断】 or 【处方】 after it is the answer of whom the record's 接诊 line
    names (the next tags go on with it); "【会诊】NAME：" is NAME's answer; the 接诊 line itself is no one's words."""
    seen = [i for i, line in enumerate(lines) if i not in header and _SEEN_BY.match(line)]
    complaints = [i for i, line in enumerate(lines) if (tag := _RECORD_TAG.match(line)) and tag["tag"] == "主诉"]
    if len(seen) < MIN_CASE_RECORDS or len(complaints) < MIN_CASE_RECORDS:
        return
    doctor, answered = None, True
    for i, line in enumerate(lines):
        if i in header:
            continue
        if by := _SEEN_BY.match(line):
            doctor, labels[i] = by["who"], None
        elif _GUIDE_TAG.match(line) and (label := labels[i]) is not None and not label.name.startswith("主持"):
            labels[i] = replace(label, name=f"主持人 {label.name}")  # "【导诊】于晓桐：" calls the next visitor in
        elif tag := _RECORD_TAG.match(line):
            if tag["tag"] == "主诉":
                labels[i], answered = Label("群众", tag.end(), synthetic=True), False
            elif tag["tag"] == "会诊" and (adds := find_label(line[tag.end():])) is not None:
                labels[i] = Label(adds.name, tag.end() + adds.content_offset, synthetic=True)
            elif not answered and doctor:
                labels[i], answered = Label(doctor, tag.end(), synthetic=True), True
            else:
                labels[i] = None  # "【处方】" after "【诊断】": the same answer going on
        elif labels[i] is not None and read_label(labels[i].name).side == "ask":
            doctor = None  # the next visitor called: who saw the last one sees no one now


# an asker's line of parts set apart by bars, who last: "🌐 旅居 意大利·普拉托 ｜ 当地时间 13:05 ｜ 陈女士"
_PARTED_LINE = re.compile(r"^[^｜|\n]{1,40}(?:[｜|][^｜|\n]{1,40}){0,3}[｜|][ \t\u3000]*(?P<who>[^｜|\s]{2,8})[ \t\u3000]*$")


def _parted_asker_lines(lines: list[str], labels: list[Label | None], header: set[int]) -> None:
    """Lines of parts set apart by bars whose last part is a citizen ("……｜当地时间 13:05 ｜陈女士"), the words on the
    next lines: each line is that citizen asking, when the page writes two or more such lines."""
    found = {i: Label(match["who"], len(line), synthetic=True) for i, line in enumerate(lines)
             if labels[i] is None and i not in header and i + 1 < len(lines) and (match := _PARTED_LINE.match(line.strip()))
             and (reading := read_label(match["who"])).side == "ask" and reading.nickname and _SAID.search(lines[i + 1])}
    if len(found) >= MIN_BARE_LABELS:
        for i, label in found.items():
            labels[i] = label

