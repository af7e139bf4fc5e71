"""A page's lines before they are read: where a line is cut in two or ends early by the page's own conventions (a
row of a question-and-answer table, a reporter named after the question, an editor's credit, a time stamped after the
words, a 【答】 or a speaker's label after a sentence in the same paragraph)."""

from __future__ import annotations

import re

from index.parsing.orgs import is_unit_name
from index.parsing.people import is_person_name
from index.parsing.segment import Span
from index.parsing.speakers import Label, find_label, is_stamp_line, read_label

QUESTION_END = re.compile(r"[？?][”’」』）)]*(?:\*\*|__)?$")


def page_lines(text: str, lines: list[Span]) -> tuple[list[Span], dict[int, Label], dict[int, str]]:
    """The page's lines cut where its conventions cut them; the reporter each question line names after it; and the
    unit each answer's last line names after it ("……（答复单位：市住建局）")."""
    lines = _without_reader_credits(text, _at_answer_marks(text, _without_trailing_stamps(text, _without_trailing_credits(
        text, _at_qa_cells(text, _without_leading_stamps(text, _across_page_jumps(text, lines)))))))
    lines, signers = _signers_after_answers(text, lines)
    lines, askers = _askers_after_questions(text, lines)
    return lines, askers, signers


# a newspaper's jump lines: "（下转第3版）" where an article leaves its page, "（上接第1版）" where it goes on (a page
# by number or by its letter and number: 第3版, A3版, B2)
_PAGE_REF = r"(?:第?[\d一二三四五六七八九十]{1,3}版|[A-Z]\d{0,2}版?)"
_JUMP_MARK = re.compile(rf"[（(]下转{_PAGE_REF}[）)]")
_JUMP_OUT = re.compile(rf"[ \t\u3000]*{_JUMP_MARK.pattern}[ \t\u3000]*$")
_JUMP_IN = re.compile(rf"[ \t\u3000]*[（(]上接{_PAGE_REF}[）)][ \t\u3000]*")


MIN_BAND_REPEATS = 3
_BAND = re.compile(r"^(?=.*[\u4e00-\u9fff]{2})[^。！？!?；;：:]{4,30}$")  # words, not a rule of ━ or a label


def repeated_bands(lines: list[str]) -> frozenset[str]:
    """Short lines a page repeats on every screen or page ("对话区长｜珩南这一年" atop each of an H5's screens):
    furniture, never words of the answer they fall in."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.strip()] = counts.get(line.strip(), 0) + 1
    return frozenset(line for line, n in counts.items() if n >= MIN_BAND_REPEATS and _BAND.match(line))


def jumps_between(text: str, start: int, end: int) -> bool:
    """Whether an article's jump to another page ("（下转第3版）") lies between two of its lines."""
    return _JUMP_MARK.search(text, start, end) is not None


def _across_page_jumps(text: str, lines: list[Span]) -> list[Span]:
    """An article that jumps pages read without what lies between its "（下转第3版）" and its "（上接第1版）" (the
    other articles of both pages, their credits, the page line, the jump's heading): those are no one's words here.
    Without the "上接" mark, the article goes on at the next speaker's label."""
    out: list[Span] = []
    jumped = False
    for line in lines:
        if jumped:
            resumed = _JUMP_IN.match(text, line.start, line.end)
            if resumed is None and find_label(text[line.start : line.end]) is None:
                continue
            jumped = False
            if resumed is not None:
                if resumed.end() >= line.end:
                    continue
                line = Span(resumed.end(), line.end)
        elif (jump := _JUMP_OUT.search(text, line.start, line.end)) is not None:
            jumped = True
            if jump.start() > line.start:
                out.append(Span(line.start, jump.start()))
            continue
        out.append(line)
    return out


# "……即可申请退费。（答复单位：市住建局）": the unit that answered, named after its answer
# and "（此问由溠岍市卫生健康委员会提供）" under an answer in a booklet of one unit's answers: that question's unit
_SIGNER_AFTER = re.compile(r"[ \t\u3000]*[（(](?:(?:答复|回复|办理|承办)单位[:：][ \t\u3000]*(?P<unit>[^（）()\n]{2,30})|"
                           r"(?:解答|答复|回复)人?[:：][ \t\u3000]*(?P<by>[^（）()\n：:]{2,40})|"
                           r"(?:此|本|该)(?:问|题|条|问题)(?:解答|答复|回答|内容)?由(?P<giver>[^（）()\n]{2,30}?)(?:提供|解答|答复|回复|供稿))[）)]"
                           r"[ \t\u3000]*$")


# a unit alone after a generic answer's last sentence, behind a dash or in brackets: who gave it (a 手机报's 你问我答)
_UNIT_AFTER = re.compile(r"(?<=[。！!])[ \t\u3000]*(?:——|－－)?[ \t\u3000]*[（(]?(?P<unit>[^（）()\s。！？，、：:]{4,30})[）)]?[ \t\u3000]*$")
UNNAMED_SIGNER = "\x00"  # marks a signature that renames a generic answer label only ("答：")


def _signer(match: re.Match[str]) -> str:
    """The unit, or the person with their post ("钮思源（市教育局基础教育科科长）"), or the role, that signs."""
    if by := match["by"]:  # "（解答：市教育局基础教育科科长　钮思源）", "（解答：市应急管理局）", "（解答：……有关负责人）"
        named = re.fullmatch(r"(?P<desc>\S.{1,36}?)[ \t\u3000]+(?P<name>[\u4e00-\u9fff·]{2,4})", by.strip())
        return f"{named['name']}（{named['desc']}）" if named and is_person_name(named["name"]) else by.strip()
    return (match["unit"] or match["giver"]).strip()


# "**辟谣单位**：湑峣市水务局" on a line of its own under a 辟谣榜's answer: the unit that checked and answered
# and a FAQ card's "责任单位：市人力资源和社会保障局　咨询电话：0128-6220 3345"
_SIGNER_LINE = re.compile(r"[ \t\u3000]*(?:\*\*|__)?(?P<key>辟谣单位|核实单位|核查单位|回应单位|求证单位|责任单位|解答单位|答复单位|回复单位)"
                          r"(?:\*\*|__)?"
                          r"[ \t\u3000]*[：:][ \t\u3000]*(?:\*\*|__)?(?P<unit>[^\s*_（）()：:]{2,30}?)(?:\*\*|__)?"
                          r"(?:[ \t\u3000]+(?:咨询电话|联系电话|电话)[：:][ \t\u3000]*[\d\- ]{3,20})?[ \t\u3000]*$")


_HEADING_KEYS = frozenset({"答复单位", "回复单位"})
# "解答人：读者服务部副主任　季晓岚（工号L0107）" on a line of its own under an answer: who answered, with their post
_PERSON_SIGNS = re.compile(r"[ \t\u3000]*(?:解答人|解答馆员|答疑人)[ \t\u3000]*[：:][ \t\u3000]*"
                           r"(?P<desc>[^\s：:（）()]{2,30})[ \t\u3000]+(?P<name>[\u4e00-\u9fff·]{2,4})"
                           r"(?:[（(][^（）()\n]{1,16}[）)])?[ \t\u3000]*$")


# "—— 户籍民警　岑晓雯", "—— 本问由……委员会解答" right-aligned under an answer (a poster's card), the next card's "答"
# badge run into it in a PDF's text layer
_DASH_SIGNS = re.compile(r"[ \t\u3000]*(?:——|－－|--)[ \t\u3000]*(?:(?:(?P<desc>[^\s：:（）()]{2,30})[ \t\u3000]+)?"
                         r"(?P<name>[\u4e00-\u9fff·]{2,4})|(?:此|本|该)(?:问|题|条|问题)(?:解答|答复|回答|内容)?由(?P<giver>[^\s（）()]{2,30}?)"
                         r"(?:提供|解答|答复|回复))(?:[ \t\u3000]*(?P<badge>答)[ \t\u3000]+\S.*)?[ \t\u3000]*")


_ANSWER_END = re.compile(r"[。！!）)”][ \t\u3000]*$")  # a dash line signs words that end a sentence, not a headline


def _dash_signer(text: str, line: Span) -> tuple[str, int] | None:
    """Who signs the answer above on a dash line ("岑晓雯（户籍民警）", a unit), and where the line's own words start
    again (a badge run into it), or None."""
    match = _DASH_SIGNS.fullmatch(text, line.start, line.end)
    if match is None:
        return None
    if match["giver"]:
        return (match["giver"], match.start("badge") if match["badge"] else line.end) if is_unit_name(match["giver"]) \
            else None
    if not is_person_name(match["name"]):
        return None
    signer = f"{match['name']}（{match['desc']}）" if match["desc"] else match["name"]  # "—— 郗明远": a name alone
    return signer, match.start("badge") if match["badge"] else line.end


def _signers_after_answers(text: str, lines: list[Span]) -> tuple[list[Span], dict[int, str]]:
    out: list[Span] = []
    signers: dict[int, str] = {}
    # "答复单位：……" signs the answer above it on a page whose people sign theirs below them too ("解答人：……"); on
    # others it heads the reply under it
    signs_below = any(_PERSON_SIGNS.fullmatch(text, line.start, line.end) for line in lines)
    dated = _letters_signed_and_dated(text, lines)
    for k, line in enumerate(lines):
        if k in dated:  # a letter's 落款: the unit on a line, the date on the next, under the reply
            if dated[k] and out:
                signers[len(out) - 1] = dated[k]
            continue
        if out and _ANSWER_END.search(text, out[-1].start, out[-1].end) and (dashed := _dash_signer(text, line)) is not None:
            signers[len(out) - 1] = dashed[0]
            if dashed[1] < line.end:
                out.append(Span(dashed[1], line.end))  # "答 冉所长补充：……": the next answer
            continue
        if (person := _PERSON_SIGNS.fullmatch(text, line.start, line.end)) is not None and out \
                and is_person_name(person["name"]):
            signers[len(out) - 1] = f"{person['name']}（{person['desc']}）"
            continue
        if (own := _SIGNER_LINE.fullmatch(text, line.start, line.end)) is not None and out and is_unit_name(own["unit"]) \
                and (signs_below or own["key"] not in _HEADING_KEYS):
            signers[len(out) - 1] = own["unit"]
            continue
        if (bare := _UNIT_AFTER.search(text, line.start, line.end)) is not None and bare.start() > line.start \
                and is_unit_name(bare["unit"]):
            signers[len(out)] = UNNAMED_SIGNER + bare["unit"]  # "……。——市住房公积金管理中心", "……。（市……中心）"
            out.append(Span(line.start, bare.start()))
            continue
        match = _SIGNER_AFTER.search(text, line.start, line.end)
        if match is not None and match.start() > line.start:
            signers[len(out)] = _signer(match)
            line = Span(line.start, match.start())
        elif match is not None and out:  # the signature on a line of its own, under the answer
            signers[len(out) - 1] = _signer(match)
            continue
        out.append(line)
    return out, signers


# "……和大家交流。 10:00:31": a live transcript's time stamp after the words, to the second
_TRAILING_STAMP = re.compile(r"[ \t\u3000]+[\[【(（]?\d{1,2}[:：]\d{2}[:：]\d{2}[\]】)）]?$|"
                             r"[ \t\u3000]*[\[【]\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[\]】]$")  # "……？[14:02]" too
MIN_TRAILING_STAMPS = 3  # a page that stamps its lines so, not one line that ends with a time


# a table of questions and answers (.docx, one row a line, cells apart by tabs) under a header row "问题 | 解答"
_QA_HEADER = re.compile(r"^(?:问题|问|提问|咨询问题|常见问题|群众关心的问题)\t+(?:解答|答复|回答|答|回复|政策解答|解读)$")


def _at_qa_cells(text: str, lines: list[Span]) -> list[Span]:
    """Rows of a question-and-answer table cut into the question's cell and the answer's, each a line of its own;
    the header row left out."""
    header = next((i for i, line in enumerate(lines) if _QA_HEADER.match(text[line.start : line.end])), None)
    if header is None:
        return lines
    out = lines[:header]
    for line in lines[header + 1 :]:
        tab = text.find("\t", line.start, line.end)
        if tab > line.start and QUESTION_END.search(text[line.start : tab].rstrip()):
            after = tab + len(text[tab : line.end]) - len(text[tab : line.end].lstrip())
            out += [Span(line.start, tab), Span(after, line.end)]
        else:
            out.append(line)
    return out


# "……怎么办？（峤南日报记者）": a reporter's question that names its outlet after the words, with no label before them
_ASKER_AFTER = re.compile(r"(?<=[？?])[”’」』]?[ \t\u3000]*[（(](?P<who>[^（）()\n]{2,20}?记者)[）)][ \t\u3000]*$")


# a reader who sent the question in, named after it: "（读者“漻水人家”）", "（尾号0517读者）"
_READER = r"[（(](?:尾号\d{3,4})?读者(?:[“\"][^”\"\n]{1,16}[”\"])?[）)]"
_READER_AFTER = re.compile(rf"(?<=[？?])[”’」』]?[ \t\u3000]*{_READER}[ \t\u3000]*$")
_READER_CREDIT = re.compile(rf"[ \t\u3000]*{_READER}[ \t\u3000]*")


def _without_reader_credits(text: str, lines: list[Span]) -> list[Span]:
    """Questions without the reader who sent them in, after them on their line or on the next."""
    out: list[Span] = []
    for line in lines:
        if out and _READER_CREDIT.fullmatch(text, line.start, line.end) and \
                QUESTION_END.search(text[out[-1].start : out[-1].end].rstrip()):
            continue  # "（读者“漻水人家”）" on the line under the question: who sent it in, no one's words
        if (credit := _READER_AFTER.search(text, line.start, line.end)) is not None:
            line = Span(line.start, credit.start())  # "……？（尾号0517读者）": the question ends before it
        out.append(line)
    return out


def _askers_after_questions(text: str, lines: list[Span]) -> tuple[list[Span], dict[int, Label]]:
    """Lines that end in the asking reporter, ended before it; and the reporter as each one's label."""
    out: list[Span] = []
    askers: dict[int, Label] = {}
    for i, line in enumerate(lines):
        match = _ASKER_AFTER.search(text, line.start, line.end)
        if match is not None and find_label(text[line.start : line.end]) is None:
            askers[i] = Label(match["who"], 0, synthetic=True)
            line = Span(line.start, match.start())
        out.append(line)
    return out, askers


# "……欢迎咨询。（责任编辑：谭晓舟）": an editor's credit after the last sentence of the page's words
_TRAILING_CREDIT = re.compile(r"(?<=[。！？!?”」])[ \t\u3000]*[（(](?:责任编辑|值班编辑|编辑|校对|审核|审校|来源|稿源)[:：\s]"
                              r"[^（）()]{1,40}[）)][ \t\u3000]*$")


def _without_trailing_credits(text: str, lines: list[Span]) -> list[Span]:
    """Lines that end in an editor's or a source's credit end before it: it belongs to no passage."""
    out: list[Span] = []
    for line in lines:
        credit = _TRAILING_CREDIT.search(text, line.start, line.end)
        out.append(Span(line.start, credit.start()) if credit and credit.start() > line.start else line)
    return out


_MID_LINE_MARK = re.compile(r"(?<=[？?。！!])[ \t\u3000]*(?=【[问答]】)")  # "【问】……？【答】……" in one paragraph


# "……都能领吗？ 韦立群：谢谢你的提问。": a speaker's label after a sentence's end and a space, in one paragraph (a
# caption's "……？　市医疗保障局待遇保障科科长 孔维（右）答：……" too)
_MID_LINE_SPEAKER = re.compile(r"(?<=[？?。！!])[ \t\u3000]+(?=[^\s：:，。！？]{2,16}：|[^\s：:，。！？]{2,24}[ \u3000][^\s：:，。！？]{2,10}：)")


def _at_answer_marks(text: str, lines: list[Span]) -> list[Span]:
    """A line cut where a 【答】 or 【问】, or a speaker's label (a person, a reporter, the host), follows a sentence's
    end: each opens a turn of its own."""
    out: list[Span] = []
    for line in lines:
        start = line.start
        marks = [*_MID_LINE_MARK.finditer(text, line.start, line.end),
                 *(m for m in _MID_LINE_SPEAKER.finditer(text, line.start, line.end) if _names_speaker(text, m.end()))]
        for match in sorted(marks, key=lambda m: m.start()):
            if match.start() > start:
                out.append(Span(start, match.start()))
                start = match.end()
        out.append(Span(start, line.end))
    return out


def _names_speaker(text: str, at: int) -> bool:
    label = find_label(text[at : at + 40])
    if label is None or not label.explicit_colon:
        return False
    reading = read_label(label.name)
    return reading.word is not None or reading.person is not None or reading.title is not None or bool(reading.outlet)


# "00:11 这位网友问的，……": a video transcript's time at the start of each line of what is said
_LEADING_STAMP = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?[ \t\u3000]+(?=\S)")


def _without_leading_stamps(text: str, lines: list[Span]) -> list[Span]:
    """Lines that open with a time and then words no label opens start after the time, when the page stamps its
    lines that way (a label after a time, "09:31:06 主持人：", is read with its time by `find_label`)."""
    stamps = [_LEADING_STAMP.match(text, line.start, line.end) for line in lines]
    words = [bool(stamp) and find_label(text[line.start : line.end]) is None  # not "09:31:40 主持人"
             for line, stamp in zip(lines, stamps)]
    if sum(words) < MIN_TRAILING_STAMPS:
        return lines
    return [Span(stamp.end(), line.end) if stamp and plain else line for line, stamp, plain in zip(lines, stamps, words)]


def _without_trailing_stamps(text: str, lines: list[Span]) -> list[Span]:
    """Lines ending in a time stamp end before it, when the page stamps its lines that way: the stamp is when the
    words were posted, not part of them."""
    stamps = [None if is_stamp_line(text[line.start:line.end]) else _TRAILING_STAMP.search(text, line.start, line.end)
              for line in lines]  # "06-12 10:24:40" alone: a live feed's time, the day with it
    if sum(1 for line, stamp in zip(lines, stamps) if stamp and stamp.start() > line.start) < MIN_TRAILING_STAMPS:
        return lines
    return [Span(line.start, stamp.start()) if stamp and stamp.start() > line.start else line
            for line, stamp in zip(lines, stamps)]


_LETTER_DATE = re.compile(r"[ \t\u3000]*\d{4}年\d{1,2}月\d{1,2}日[ \t\u3000]*")


def _letters_signed_and_dated(text: str, lines: list[Span]) -> dict[int, str]:
    """The sign-offs of reply letters ("湨岎市城市管理局" on a line, "2028年5月6日" on the next, under the letter's last
    paragraph): the unit's line maps to the unit, the date's to ""; two or more such letters, or none is read."""
    words = [text[line.start:line.end].strip() for line in lines]
    found: dict[int, str] = {}
    for k in range(1, len(lines) - 1):
        after = next((j for j in range(k + 1, len(lines)) if words[j]), None)
        if after is not None and is_unit_name(words[k]) and _LETTER_DATE.fullmatch(words[after]) \
                and _ANSWER_END.search(words[k - 1] or next((w for w in reversed(words[:k]) if w), "")):
            found[k], found[after] = words[k], ""
    return found if len(found) >= 2 * MIN_LETTERS else {}


MIN_LETTERS = 2
