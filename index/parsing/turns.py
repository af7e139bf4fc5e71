"""Who says what: question headings read as questions ("一、为什么要出台《办法》？"), runs of blocks by one speaker, one
answer said over several turns, the question in what a host or reporter said, and the question-and-answer turns."""

from __future__ import annotations

import re

from index.parsing.blocks import Block, Segment
from index.parsing.cast import Cast
from index.parsing.courtesy import is_courtesy
from index.parsing.metadata import strip_markup
from index.parsing.orgs import is_unit_name
from index.parsing.sections import is_courtesy_block, is_markdown_heading
from index.parsing.segment import SHORT_LINE, enumerator, enumerator_end, make_paragraph
from index.parsing.declared import declared_parties
from index.parsing.speakers import OPINION, PUBLISHER, Label, is_asker, is_outlet, read_label
from index.records import Turn
from index.text import sentence_spans, to_simplified

_QUESTION_END = re.compile(r"[？?][”’」』）)]*(?:\*\*|__)?$")
_QUESTION_MARKER = re.compile(r"^(?:问题?[一二三四五六七八九十\d]+[、：:.．]?|问[：:]|Q\d*[：:.．]|案例[一二三四五六七八九十\d]+[、：:.．]?)"
                              r"[ \t\u3000]*")
MAX_QUESTION_HEADING_CHARS = 120
MIN_QUESTION_HEADINGS = 2  # a document reads as headed questions from two of them on


def label_headed_questions(blocks: list[Block], text: str, marked: frozenset[int]) -> bool:
    """Labels the blocks of a document whose questions are headings with no speaker label ("一、为什么要制定《条例》？",
    "（二）……？", "**……？**"): each such heading asks, the paragraphs after it answer. False (and nothing changed)
    when fewer than two are found."""
    candidates = [b for b in blocks if not b.stamp and not b.field and _is_question_heading(b, text, marked)]
    answered = [b for b in candidates if (after := _next_words(blocks, b)) is not None and after not in candidates]
    if len(answered) < MIN_QUESTION_HEADINGS:
        return False
    _label_headings(blocks, text, candidates, "答")
    return True


def label_cases_among_speakers(blocks: list[Block], text: str, marked: frozenset[int]) -> bool:
    """Labels a page of cases or questions the page marked as headings ("案例一　……？"), answered first by the page
    itself, then by people under their own labels ("……仲裁员 蒲晓岚："): each heading asks, the unlabelled paragraphs
    after it are the publishing unit's answer. False (nothing changed) when fewer than two such headings are found."""
    candidates = [b for b in blocks if b.label is None and not b.stamp and not b.field and b.start in marked
                  and _is_question_heading(b, text, marked)]
    answered = [b for b in candidates if (after := _next_words(blocks, b)) is not None and after.label is None
                and after not in candidates]
    if len(answered) < MIN_QUESTION_HEADINGS:
        return False
    _label_headings(blocks, text, candidates, PUBLISHER)
    return True


def _label_headings(blocks: list[Block], text: str, headings: list[Block], answerer: str) -> None:
    """Each heading asks (its words after any number or 问/案例 marker); the unlabelled block after it is `answerer`'s."""
    for block in headings:
        line = text[block.start : block.end]
        lead = len(line) - len(line.lstrip("*_#＃ \t\u3000"))
        rest = line[lead:]
        marker = enumerator_end(rest) or (match.end() if (match := _QUESTION_MARKER.match(rest)) else 0)
        block.label = Label("问", lead + marker, synthetic=True)
        block.content_start = block.start + lead + marker
        following = _next_words(blocks, block)
        if following is not None and following.label is None and following not in headings:
            following.label = Label(answerer, 0, synthetic=True)
            following.content_start = following.start


# a 领导留言板, a 人民建议征集 reply, a 来信 reply, a 局长信箱; a 12345 consultation; a chatbot's knowledge base (标准问, 答案)
_ASKING_KEYS = ("留言内容", "建议内容", "来信内容", "诉求内容", "咨询内容", "标准问题", "标准问")
_REPLY_KEYS = ("回复内容", "答复内容", "办理答复", "答复意见", "回复意见", "标准答案", "答案")
_UNIT_KEYS = ("回复单位", "答复单位", "办理单位", "承办单位", "答复部门", "回复部门", "答复机构")
# other phrasings of an entry's question, listed under it to train a chatbot: never questions of their own
_PARAPHRASE_KEYS = ("相似问题", "相似问", "扩展问", "同义问")
_KEYS = "|".join((*_ASKING_KEYS, *_REPLY_KEYS, *_UNIT_KEYS, *_PARAPHRASE_KEYS))
_LIST_MARK = r"(?:[-*+•][ \t]+)?"
_BOARD_FIELD = re.compile(rf"^[ \t\u3000]*{_LIST_MARK}[ \t\u3000*_]*(?P<key>{_KEYS}|留言标题|留言时间|"
                          r"回复时间|答复时间|建议人|建议标题|来信人)[ \t\u3000*_]*[：:][ \t\u3000*_]*")
_BOARD_KEY_ALONE = re.compile(rf"[ \t\u3000]*(?:[-+•][ \t]*)?[ \t\u3000*_]*(?P<key>{_KEYS}|来信标题|留言标题|"
                              r"来信时间|留言时间|回复时间|答复时间|来信人|建议人|信件编号|信件类型|评价)[ \t\u3000*_]*[：:]?")
# any other field of an entry written as a bold key in a list ("- **所属分类**：……", "- **状态**：已发布"): a field
_BOLD_LISTED_KEY = re.compile(r"^[ \t\u3000]*[-*+•][ \t]+\*\*[\u4e00-\u9fff]{2,8}\*\*[：:]")
# "以下建议均由苇川市人力资源和社会保障局研究办理并答复": the unit that replies, when no reply names its own
_REPLIES_BY = re.compile(r"由(?P<unit>[\u4e00-\u9fff]{2,24}?(?:局|委员会|委|办公室|中心))(?:研究|负责)?(?:办理|答复|回复)")
MIN_BOARD_REPLIES = 2


# a 答网友问 page that writes who asked and who replied AFTER the words: "网友：南渚听雨 留言时间：……" under the
# question, "答复单位：渚阳市医疗保障局 答复时间：……" under the reply
_ASKER_AFTER_WORDS = re.compile(r"^[ \t\u3000*_]*(?:网友|留言人|提问人|来信人|网民)[：:][ \t\u3000]*\S.*?"
                                r"(?:留言时间|提问时间|来信时间|时间)[：:]")
_UNIT_AFTER_WORDS = re.compile(r"^[ \t\u3000*_]*(?:答复单位|回复单位|办理单位)[：:][ \t\u3000]*(?P<unit>[^\s\u3000]+)")


def label_postfix_board(blocks: list[Block], text: str) -> bool:
    """Labels the blocks of a 答网友问 page whose asker and replying unit come after the words: the paragraph above
    each asker line asks (a 网友), the paragraphs between it and the next 答复单位 line answer for that unit; the asker,
    unit and status lines are fields. False (nothing changed) when fewer than two messages have replies."""
    lines = [text[b.start:b.end].strip() for b in blocks]
    askers = [i for i, line in enumerate(lines) if _ASKER_AFTER_WORDS.match(line)]
    units = {i: match["unit"] for i, line in enumerate(lines) if (match := _UNIT_AFTER_WORDS.match(line))}
    if len(askers) < MIN_BOARD_REPLIES or len(units) < MIN_BOARD_REPLIES:
        return False
    for n, at in enumerate(askers):
        following = askers[n + 1] - 1 if n + 1 < len(askers) else len(blocks)
        unit_at = next((i for i in units if at < i < following + 1), None)
        question = blocks[at - 1] if at and at - 1 not in units and at - 1 not in askers else None
        if question is not None:
            question.label, question.content_start = Label("网友", 0, synthetic=True), question.start
        blocks[at].label, blocks[at].field = None, True
        reply = blocks[at + 1 : unit_at] if unit_at is not None else blocks[at + 1 : following]
        for j, block in enumerate(reply):
            if unit_at is None:  # "办理状态：办理中": no reply yet
                block.label, block.field = None, True
            elif j == 0:
                block.label, block.content_start = Label(units[unit_at], 0, synthetic=True), block.start
            else:
                block.label = None
    for i in units:
        blocks[i].label, blocks[i].field = None, True
    return True


# a 网络问政 page whose replies are each headed "回复单位：X" and whose message has no key of its own, under its
# 留言编号/留言人/留言时间/办理状态 fields
_UNIT_HEAD = re.compile(r"^[ \t\u3000*_]*(?:回复单位|答复单位|办理单位)[：:][ \t\u3000]*(?P<unit>[^\s\u3000]{2,30})[ \t\u3000]*$")
_MESSAGE_META = re.compile(r"^[ \t\u3000*_]*(?:留言编号|信件编号|留言人|来信人|留言时间|来信时间|提问时间|办理状态|回复时间|答复时间|"
                           r"网友评价|评价|满意度)[：:]|^[【\[]?(?:咨询|求助|投诉|建议|表扬|举报)[】\]]$")


def label_unit_led_board(blocks: list[Block], text: str, marked: frozenset[int] = frozenset()) -> bool:
    """Labels such a page: the paragraph above a message's fields-then-first-reply is the message (a 网友's), the
    paragraphs after each 回复单位 line answer for that unit; the fields, and each message's title above them (the first
    one's too, though no reply comes before it), are fields. False (nothing changed) when the page has fewer than two
    such replies."""
    lines = [text[b.start:b.end].strip() for b in blocks]
    units = {i: match["unit"] for i, line in enumerate(lines) if (match := _UNIT_HEAD.match(line))}
    if len(units) < MIN_BOARD_REPLIES:
        return False
    meta = {i for i, line in enumerate(lines) if _MESSAGE_META.match(line)}
    replying: str | None = None
    for i, block in enumerate(blocks):
        if i in units:
            block.label, block.field = None, True
            before = next((j for j in range(i - 1, -1, -1) if j not in meta), None)
            if before is not None and replying is None and before not in units:  # a message's first reply
                message = blocks[before]
                message.label, message.content_start, message.field = Label("网友", 0, synthetic=True), message.start, False
                above = next((j for j in range(before - 1, -1, -1) if j not in meta), None)
                if above is not None and above < before - 1 and above not in units and \
                        _is_question_heading(blocks[above], text, marked):
                    blocks[above].label, blocks[above].field = None, True  # the first message's title, as the others'
            replying = units[i]
            if i + 1 < len(blocks):
                reply = blocks[i + 1]
                reply.label, reply.content_start = Label(replying, 0, synthetic=True), reply.start
        elif i in meta:
            block.label, block.field = None, True
            if not _UNIT_HEAD.match(lines[i]) and re.match(r"^[ \t\u3000]*(?:网友评价|评价|满意度)", lines[i]):
                replying = None  # the message's replies end at its rating
        elif replying is not None and i - 1 not in units:
            block.label = None  # a reply's further paragraphs
        elif replying is None and i - 1 not in units and i > min(units):
            block.label, block.field = None, True  # a message's title, the page's lists: nobody's words
    return True


def label_message_board(blocks: list[Block], text: str) -> bool:
    """Labels the blocks of a 领导留言板 / 网上问政 page: each 留言内容 asks (a 网友), each 回复内容 answers for the unit
    of the 回复单位 line before it; titles, times and units are fields. False (nothing changed) when the page has fewer
    than two messages with replies."""
    keys: list[tuple[Block, str, Block, int]] = []  # (the key's block, the key, the value's block, where the value starts)
    lines = [text[block.start:block.end] for block in blocks]
    keyed = [bool(_BOARD_FIELD.match(line) or _BOARD_KEY_ALONE.fullmatch(re.sub(r"[ \t\u3000]+", "", line)) or
                  _BOLD_LISTED_KEY.match(line)) for line in lines]
    for i, block in enumerate(blocks):
        line = lines[i]
        if (match := _BOARD_FIELD.match(line)) and line[match.end():].strip():
            keys.append((block, match["key"], block, match.end()))
        elif (alone := _BOARD_KEY_ALONE.fullmatch(re.sub(r"[ \t\u3000]+", "", line))) and i + 1 < len(blocks):  # 来 信 人： alone
            # a key with nothing under it before the next key (a draft's empty 答案) has no value
            keys.append((block, alone["key"], block if keyed[i + 1] else blocks[i + 1], 0))
    if sum(1 for _, k, _, _ in keys if k in _ASKING_KEYS) < MIN_BOARD_REPLIES or \
            sum(1 for _, k, _, _ in keys if k in _REPLY_KEYS) < MIN_BOARD_REPLIES:
        return False
    by = _REPLIES_BY.search(text)
    unit = by["unit"] if by and is_unit_name(by["unit"]) else ""
    parties = declared_parties(text)
    # an entry's other fields ("- **状态**：已发布") and what follows them up to the next key (a separator, the export's
    # footer), and the paraphrases listed under its 相似问: nobody's words
    others = [i for i, line in enumerate(lines) if _BOLD_LISTED_KEY.match(line) and not _BOARD_FIELD.match(line)
              and not _BOARD_KEY_ALONE.fullmatch(re.sub(r"[ \t\u3000]+", "", line))]
    paraphrases = [blocks.index(key_block) for key_block, key, _, _ in keys if key in _PARAPHRASE_KEYS]
    for at in others + paraphrases:
        blocks[at].label, blocks[at].field = None, True
        for j in range(at + 1, len(blocks)):
            if keyed[j]:
                break
            blocks[j].label, blocks[j].field = None, True
    for key_block, key, block, offset in keys:
        if key_block is not block or key in _PARAPHRASE_KEYS:
            key_block.label, key_block.field = None, True
        if key_block is block and not offset:  # a key with no value (a draft's empty 答案)
            block.label, block.field = None, True
            continue
        if key in _UNIT_KEYS:
            unit = text[block.start + offset:block.end].strip()
            unit = parties.get(unit, unit)  # "采购人": the unit the notice names for it
        if key in _ASKING_KEYS:
            block.label = Label("网友", offset, synthetic=True)
        elif key in _REPLY_KEYS:  # a reply whose unit no line names is still the page's answer
            block.label = Label(unit or "答", offset, synthetic=True)
        else:
            block.label, block.field = None, True
            continue
        block.content_start = block.start + offset
    return True


def _next_words(blocks: list[Block], block: Block) -> Block | None:
    """The first block after `block` that is neither a header field nor a time stamp: a 来源 line that a two-column
    page put between a question and its answer stands aside."""
    return next((b for b in blocks[blocks.index(block) + 1:] if not b.field and not b.stamp), None)


# a heading the page marked that names the question it answers without asking it: "关于二手房转移登记办理时限的问题"
_ABOUT_HEADING = re.compile(r"^(?:[一二三四五六七八九十\d]{1,3}[、.．]\s*)?关于[^。！？；]{2,40}的(?:问题|咨询|疑问)$")


_SECTION_NUMBER = re.compile(r"^[ \t\u3000]*\d{1,2}(?:\.\d{1,2}){1,2}[ \t\u3000]+(?=\S)")  # "4.3　……？" a guide's question


def _is_question_heading(block: Block, text: str, marked: frozenset[int]) -> bool:
    line = text[block.start : block.end]
    if "\n" in line.strip() or len(line) > MAX_QUESTION_HEADING_CHARS:
        return False
    if block.start in marked and _ABOUT_HEADING.match(strip_markup(line)):  # <h2>关于……的问题</h2>
        return True
    if not _QUESTION_END.search(line.strip()):
        return False
    bare = strip_markup(line)
    inner = bare.rstrip("？?”’」』）) ")
    emphasised = block.start in marked or line.lstrip().startswith(("**", "__", "#"))
    numbered = enumerator(bare) is not None or _QUESTION_MARKER.match(bare) or _SECTION_NUMBER.match(bare)
    if emphasised or numbered:  # a context sentence may come first: "农民口袋鼓起来是大家最关心的。今年……如何？"
        return not re.search(r"[！!；;]", inner)
    return not re.search(r"[。！!；;]", inner) and len(bare) <= SHORT_LINE * 1.5


def segments_of(body: list[Block]) -> list[Segment]:
    """Runs of blocks by one speaker; a label-only line hands its words to the following blocks."""
    segments: list[Segment] = []
    for block in body:
        if block.stamp or block.field:
            continue
        if block.label is not None:
            name = block.label.name
            segments.append(Segment(name, is_asker(name)))
            if not block.label_only:
                segments[-1].blocks.append(block)
        elif segments:
            segments[-1].blocks.append(block)
        else:
            continue
        answered_by = _ANSWERED_BY.match(block.first_line[block.label.content_offset if block.label else 0:].strip())
        unit = answered_by and (answered_by["by"] or answered_by["of"])
        if unit and not segments[-1].asks and segments[-1].blocks == [block] and is_unit_name(unit):
            # "（本问题由市水利局解答）", "（市财政局有关负责人）" opening the answer: that unit, or its 负责人, answers
            segments[-1].speaker = unit + (answered_by["role"] or "")  # type: ignore[index]
    return segments


_ANSWERED_BY = re.compile(r"^[（(](?:(?:本问题|此问题|该问题|本题)?由(?P<by>[^（）()，,。]{2,24}?)(?:负责)?(?:解答|答复|回答|作答)|"
                          r"(?P<of>[^（）()，,。]{2,20}?)(?P<role>(?:有关|相关)?负责(?:人|同志)))[）)]")


def has_answers(segments: list[Segment]) -> bool:
    return any(not s.asks and s.blocks for s in segments)


def merge_answers(segments: list[Segment], cast: Cast) -> list[Segment]:
    """One answer said over consecutive turns of one speaker (a time stamp or a label between them) is one answer."""
    merged: list[Segment] = []
    asked: Segment | None = None
    for segment in segments:
        if segment.asks and asked is not None and segment.blocks and asked.blocks and \
                _CONTINUED.sub("", _bare(segment, cast.text)) == _bare(asked, cast.text) and \
                _CONTINUED.search(_bare(segment, cast.text)):
            continue  # the question again over its answer's next page or slide ("……？（续）"): the same question
        asked = segment if segment.asks else asked
        previous = merged[-1] if merged else None
        if (previous is not None and not previous.asks and not segment.asks and previous.blocks and segment.blocks
                and cast(previous.speaker)[0] == cast(segment.speaker)[0]):
            previous.blocks.extend(segment.blocks)
            continue
        merged.append(segment)
    return merged


_CONTINUED = re.compile(r"[ \t\u3000]*[（(](?:续|续上页|续表|接上页)[）)]$")


def _bare(segment: Segment, text: str) -> str:
    return re.sub(r"\s+", "", _segment_text(segment, text))


# a reply that only passes the matter on: "由承办单位按程序答复来访人。", "转市城市管理局办理。"
_HANDS_OFF = re.compile(r"(?:由|转|转交|转请)(?:承办单位|有关部门|相关部门|[\u4e00-\u9fff]{2,20}?(?:局|委|办|中心|单位|部门))"
                        r"[^。！？\n]{0,16}?(?:答复|回复|办理|处理)[^。！？\n]{0,10}[。！]?")


def _hands_off(segment: Segment, text: str) -> bool:
    """An answer whose first paragraph only passes the question to another unit, says it is not this unit's and
    where to ask, or notes a suggestion for a meeting to discuss (a heading may follow it)."""
    first, *rest = [make_paragraph(text, b.content_start, b.end).text.strip() for b in segment.blocks]
    passed = bool(_HANDS_OFF.fullmatch(first)) or (len(first) <= MAX_HAND_OFF_CHARS and _PASSED_TO.search(first)
                                                     is not None and _ANSWERED_LATER.search(first) is not None) or (
        len(first) <= MAX_REFERRAL_CHARS and _NOT_OURS.search(first) is not None
        and _ASK_ELSEWHERE.search(first) is not None) or (
        len(first) <= MAX_HAND_OFF_CHARS and _NOTED_FOR.search(first) is not None)
    return passed and all(len(r) <= SHORT_LINE and not re.search(r"[。！？；]", r) for r in rest)


# "……已转芪崦市崦西县人民政府办理，办理结果由承办单位另行答复诉求人。": passed on, to be answered elsewhere
_PASSED_TO = re.compile(r"已?(?:转交?|转至|转给|转请|移交)[\u4e00-\u9fff]{2,30}?(?:办理|处理|研究|核查|核实|整改|(?<=[局委办心所队站])(?=[，,]))")
_ANSWERED_LATER = re.compile(r"另行答复|另行回复|按程序答复|由承办单位|直接答复|(?:下一期|另行|后续)公示|"
                             r"(?:答复|回复)后(?:将)?(?:在[^。，]{0,8})?(?:刊登|刊发|公布|发布|公示)|"
                             r"(?:核实|核查|办理)?结果将(?:在[^。，]{0,8})?(?:发布|公布|公示|告知|反馈)|"
                             r"(?:答复|回复)(?:内容|意见)?将(?:在[^。，]{0,12})?(?:发布|公布|公示|告知|反馈)")
MAX_HAND_OFF_CHARS = 90
# "经核查，您申请的信息不属于本机关负责公开。……建议您向溠岍市城市管理局申请获取。": not this unit's, asked elsewhere
_NOT_OURS = re.compile(r"不属于(?:本机关|本单位|本部门|本局|我局|我委|我单位)(?:负责公开|的?职责|的?职能|管辖|受理)")
_ASK_ELSEWHERE = re.compile(r"(?:建议|请)(?:您|你)?(?:直接)?向[^。；！？]{2,30}?(?:申请|咨询|反映|联系|提出)")
MAX_REFERRAL_CHARS = 160
# "您的建议我已经记下来了，报给了社区“两委”，会在……议事会上讨论": a suggestion noted and passed on to be discussed
_NOTED_FOR = re.compile(r"(?:记下来|记录下来|记下了|记录在案)[^。！？]{0,30}?(?:报给|转给|提交|反映给|交给|报送)[^。！？]{0,40}?"
                        r"(?:讨论|研究|商议|答复|回复)")


def _segment_text(segment: Segment, text: str) -> str:
    return "\n".join(make_paragraph(text, b.content_start, b.end).text for b in segment.blocks)


_OPENING = re.compile(r"^(?:各位|女士们|先生们|大家好|网友们|听众朋友|观众朋友|亲爱的|尊敬的|朋友们)|"
                      r"欢迎(?:大家)?(?:收看|收听|关注|来到|做客|出席|参加|走进|光临)|"
                      # "今天我们请来了……四个方面的嘉宾，集中回答……": the host introduces the guests
                      r"^(?:今天|今晚|本期|本场|这期)(?:我们)?(?:请来了|邀请到了?|请到了)")
_TALK_OF_QUESTIONS = re.compile(r"(?:回答|解答|答复|回应)[^。！？，,；;]{0,8}?(?:提问|问题)|提问环节|(?:开始|进行|依次|现场)提问")
_ASKS = re.compile(r"[？?]|请问|请您|请你|介绍一下|谈谈|谈一谈|说说|说一说|讲讲|讲一讲|怎么|怎样|如何|什么|哪些|哪个|哪里|"
                   r"哪儿|多少|是否|有没有|能不能|可不可以|会不会|能否|吗|呢|关心|关注|想知道|想了解|想问|问")


# A film shown in a televised 问政 (【短片】, 【暗访视频】, （播放短片）, ［暗访短片一：……］ described) or quoted before it:
# no part of the question.
_FILM = re.compile(r"^(?:>[ \t\u3000]*)*[【\[（(［〔](?:播放)?[^】\]）)］〕\n]{0,4}(?:短片|视频|VCR|片花)"
                   r"(?:[一二三四五六七八九十\d]{0,2}[：:]|[】\]）)］〕])", re.I)


_BRACKETED_FIRST = re.compile(r"^[（(](?P<words>[^（）()\n]{2,16})[）)][ \t\u3000]*")


def _without_outlet(words: str) -> str:
    """"（澄溪广播电视台）城乡公交……？" -> "城乡公交……？": the asker's outlet in brackets before the question."""
    match = _BRACKETED_FIRST.match(words)
    return words[match.end():] if match and is_outlet(match["words"].removesuffix("记者")) else words


# an editor's note under a question answered elsewhere
_DEFERRED_NOTE = re.compile(r"[（(][^（）()]{0,40}(?:会后|另行|书面|转由|交由|转请)[^（）()]{0,30}(?:答复|回复|解答)[^（）()]{0,10}[）)]")


def question_text(segment: Segment, text: str) -> str:
    """The question in what the host or a reporter said before an answer: what follows their last greeting,
    welcome, courtesy or hand-over ("郑局长您好，欢迎做客《问政澜州》。", "下面请何静怡副局长介绍……"), when it asks
    something; "" when it asks nothing (the answer is then a statement, such as a speaker's opening at a press
    conference)."""
    kept: list[str] = []
    handed_over = False
    for block in segment.blocks:
        words = _without_outlet(strip_markup(make_paragraph(text, block.content_start, block.end).text))
        words = _ITEM_NUMBER.sub("", words)  # "01这次出台的《办法》……？": a FAQ item's number run into its question
        words = _ASKER_NOTE.sub("", words)  # "（跑友“嵴上风”，……夜跑团）我连着……？": who asks, in brackets first
        words = _QUOTE_MARK.sub("", words)  # "> 我们今年想……": a Markdown blockquote's marks
        words = _ENGLISH_THANKS.sub("", words)  # "Thank you. Many foreign travelers say …": ". " ends no sentence here
        words = _LEADING_GREETING.sub("", words)  # "您好，我在城东上班……": a greeting clause before the question
        if quoted := _QUOTED_THEN_TOLD.match(words):  # "……我该怎么办？”来电的是市民周女士。": the caller's words
            words = quoted["asked"]
        if _FILM.match(words):  # what the host asks is after the film, and about it
            kept = []
            continue
        if kept and _DEFERRED_NOTE.fullmatch(words.strip()):
            break  # "（该问题涉及市交通运输局职能，会后由……书面答复。）": the question ends, what follows is not asked
        if kept and is_markdown_heading(block, text):
            continue  # "### 📦 电商创业" under a question nobody answered: the next topic's heading
        if (kept and _ASIDE.fullmatch(words.strip())) or _CUE.fullmatch(words.strip()):
            continue  # "（这个问题我请教了……，下面是她的答复。）": the writer's aside after the question, no part of it;
            # "（音乐）", "【节目间歇】": a programme's cue
        sentences = [words[a:b] for a, b in sentence_spans(words)]
        polite = [bool(is_courtesy(sentence) or (_OPENING.search(to_simplified(sentence))
                                                 and not re.search(r"[？?]", sentence))) for sentence in sentences]  # 网友们想知道……？
        end = len(sentences)
        while end > 0 and polite[end - 1] and not all(polite[:end - 1]):
            end -= 1  # "……最多能贷多少？这两个问题请祁局长一并回答。": a hand-over after the question ends it
        if not re.search(r"[？?]", "".join(sentences[:end])):
            end = len(sentences)  # "……介绍有关情况，并回答大家关心的问题。首先请万局长介绍。": no question before it
        last = max((i for i in range(end) if polite[i]), default=None)
        if last is None:
            if handed_over:
                kept, handed_over = [], False  # the question after a hand-over line is a new one
            kept.append("".join(sentences[:end]).strip() if end < len(sentences) else words)
            continue
        rest = "".join(sentences[last + 1 : end]).strip()  # sentences are contiguous but for the spaces between
        if not rest and all(polite) and re.search(r"[？?]", "".join(kept)):
            handed_over = True  # "请两位嘉宾分别谈谈。" a line after a question: it ends the question
            continue
        kept, handed_over = [], False
        if rest:
            kept.append(rest)
    # a prosecutor's 通报 on a line of its own, then "请问水务局，……？": what was asked is the question
    if segment.speaker.startswith("提问人 "):
        while len(kept) > 1 and not re.search(r"[？?]", kept[0]) and re.search(r"[？?]", "".join(kept[1:])):
            kept.pop(0)
    # "我们先请邝局长给大家开个头。" or a question put off to later a line, then the question a line
    if segment.speaker.startswith(("主持", "主播")):
        while len(kept) > 1 and (len(kept[0]) <= MAX_TRANSITION_CHARS or _DEFERRAL.search(kept[0])) \
                and not _asks(kept[0]) and _asks("".join(kept[1:])):
            kept.pop(0)
    question = "\n".join(kept)
    first = segment.blocks[0].label if segment.blocks else None
    # a 留言, a 建议, a citizen's own words: they ask as they are, a complaint without a question mark too
    message = (first is not None and (first.synthetic or read_label(first.name).word in _CITIZEN_WORDS
                                      or _ASKED_LABEL.fullmatch(first.name.strip()) is not None)) or \
        segment.speaker.startswith(("诉求 ", "提问人 ")) or (  # an appeal under "诉求N｜……", an entry's 提问人: its words ask
            first is None and read_label(segment.speaker).word in _CITIZEN_WORDS)  # "读者来信 周先生：" over the letter
    # "……通报情况，然后回答大家的提问。": words about the questions to come ask nothing
    return question if message or _ASKS.search(_TALK_OF_QUESTIONS.sub("", to_simplified(question))) else ""


_SCENE = re.compile(r"[（(](?:画面|现场画面|镜头|场景)[：:][^（）()]{2,80}[）)]")  # a record's note of what the camera shows


def _ends_with_scene(segment: Segment, text: str) -> bool:
    """An answer followed by a note of what the camera shows next ("（画面：当事人将桌椅收回店内……）"): the scene moves on."""
    last = segment.blocks[-1] if segment.blocks else None
    return last is not None and _SCENE.fullmatch(make_paragraph(text, last.content_start, last.end).text.strip()) is not None


_CUE = re.compile(r"[（(【\[][\u4e00-\u9fff]{2,12}[）)】\]]")  # a bracketed cue alone: "（音乐）" (not a quiz's "（　）")
_ASIDE = re.compile(r"[（(][^（）()]{4,}[）)]")  # a paragraph wholly in brackets
_ASKED_LABEL = re.compile(r"问\d*")  # "问：……的批复文件。": what a 问 label opens is the question, a request too
_THANKS_AT_END = re.compile(r"(?:谢谢|感谢|多谢)[啊呀啦了哈您你大家]*[。！!～~\s]*$")


def _thanks_back(segment: Segment, text: str) -> bool:
    """An asker's words after an answer that ask nothing and end with thanks (a programme's cue after them aside):
    taking the answer."""
    said = [words for b in segment.blocks if not _CUE.fullmatch((words := make_paragraph(text, b.content_start,
                                                                                           b.end).text).strip())]
    words = "\n".join(said)
    return bool(_THANKS_AT_END.search(words)) and not _ASKS.search(to_simplified(words))  # no question mark either


_SENTENCE_MARKS = re.compile(r"[。！？!?；;，,]")


def _asks(words: str) -> bool:
    """Words that ask: a question mark, or in a speech-to-text line with no punctuation at all, a word that asks."""
    if re.search(r"[？?]", words):
        return True
    return not _SENTENCE_MARKS.search(words) and bool(_ASKS.search(to_simplified(words)))


_ITEM_NUMBER = re.compile(r"^(?:0\d(?=[\u4e00-\u9fff《“])|\d{1,2}(?:\.\d{1,2}){0,2}[ \t\u3000]+(?=\S))")  # "01这次……", "10 参保人……"
MAX_TRANSITION_CHARS = 40  # a host's line of its own before the line that asks: a transition ("好，我们继续。")
# a caller's quoted question (its opening mark before the words) and the report's words after the closing mark
_QUOTED_THEN_TOLD = re.compile(r"^(?P<asked>[^“”]*[？?][^“”]*?)”[^“”？?]*$")
_QUOTE_MARK = re.compile(r"^(?:>[ \t\u3000]*)+", re.M)
_ENGLISH_THANKS = re.compile(r"^(?i:thank you|thanks)(?i: very much| so much)?[.!,]?\s+(?=\S)")
# "您好，我在城东上班……"; a call's "喂你好 我想问一下……", "主持人你好 我是……" (a speech-to-text line, spaces for commas)
_LEADING_GREETING = re.compile(r"^(?:喂[，, ]?)?(?:(?:(?:[\u4e00-\u9fff]{1,4}?(?:局长|主任|同志|领导)|主持人|主播)?(?:您|你|大家)好|"
                               r"[\u4e00-\u9fff]{0,4}?(?:河长|镇长|区长|市长|书记|局长|处长|科长|所长|站长|院长|会长|主席|主任|老师|警官|校长|医生|领导|"
                               r"(?<=[\u4e00-\u9fff])(?:总|工))"
                               r"(?:(?:早上|上午|中午|下午|晚上)?好|辛苦了))"
                               r"(?:[，,！!][ \t\u3000]*|[ \t\u3000]+))+(?=\S)")  # "河长好！我在这儿……", "局长好！校长好！……"
# who asks, in brackets before the question of a numbered digest: "（跑友“小马过河”）", "（跑友家属 董女士）"
_ASKER_NOTE = re.compile(r"^[（(][^（）()\n]{0,6}?(?:跑友|网友|网民|市民|群众|读者|听众|观众|家长|家属|居民|村民|游客|乘客|"
                         r"考生|学生|职工|车主|业主|商户|企业)[^（）()\n]{0,30}[）)][ \t\u3000]*(?=\S)")
_CITIZEN_WORDS = frozenset({"网友", "网民", "听众", "观众", "市民", "村民", "家长", "群众"})
_HANDS_BACK = re.compile(r"(?:接着|继续|再)(?:说|讲|谈|介绍)|请继续|补充")
MAX_HAND_BACK_CHARS = 30  # a longer line says more than "go on"


def _hands_back(segment: Segment, text: str) -> bool:
    """The host giving the floor back on the same question ("您接着说。") or to another speaker to add to it
    ("请高岩同志补充。"): a short line that asks nothing new."""
    words = to_simplified(_segment_text(segment, text).strip())
    return len(words) <= MAX_HAND_BACK_CHARS and not re.search(r"[？?]", words) and bool(_HANDS_BACK.search(words))


def _relays(caller: Segment, host: Segment, text: str) -> bool:
    """The host putting a caller's words as a question ("这位听众反映的是……，请孙局长回答"): the caller (a listener, a
    网友) said something that asks no question of its own; the two are one question."""
    return host.speaker.startswith("主持") and not caller.speaker.startswith("主持") \
        and not re.search(r"[？?]", _segment_text(caller, text)) \
        and not all(is_courtesy_block(b, text) for b in caller.blocks)  # a caller's thanks is no part of what comes next


# an editor's note under a question that passes it on: "这个问题已转……中心，待其答复后在交流群内通知大家。"
# "已记录，转老万户籍地民政部门核实后答复" too
_PASSED_ON_NOTE = re.compile(r"(?:已|将)(?:[\u4e00-\u9fff]{1,4}[，,、])?(?:转交?|转至|转给|移交|上报)[\u4e00-\u9fff]{2,30}?(?:[，,].{0,20}?)?"
                             r"(?:答复|回复|通知)")


def _closed_by_note(question: Segment, text: str) -> bool:
    """A question whose last paragraph (not its first) passes it on: the next question is another one."""
    if len(question.blocks) < 2:
        return False
    last = question.blocks[-1]
    return bool(_PASSED_ON_NOTE.search(make_paragraph(text, last.content_start, last.end).text))


def _numbered(segment: Segment, text: str) -> bool:
    """A question whose label a number opens ("8. 住户问：……"): an item of its own, never the one before it again."""
    first = segment.blocks[0] if segment.blocks else None
    return first is not None and first.label is not None and bool(_ITEM_MARK.match(text[first.start:first.end].lstrip()))


_ITEM_MARK = re.compile(r"(?:\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}、)[ \t\u3000]*\S")


def _new_section(question: Segment, text: str) -> bool:
    """A Markdown heading after a question's first paragraph ("### 📦 电商创业"): what the asker says under it is
    another question, on the next topic."""
    return any(is_markdown_heading(b, text) for b in question.blocks[1:])


def _board_message(segment: Segment) -> bool:
    """A message of a board or mailbox page (a synthetic 网友 label, or its "留言内容：" key), or an entry's matter
    under a bracketed key that says what it is ("【反映问题】"): each one asks on its own."""
    first = segment.blocks[0].label if segment.blocks else None
    return first is not None and ((first.synthetic and first.name == "网友") or first.name == "留言内容"
                                  or (first.bracketed and OPINION.fullmatch(first.name.strip()) is not None))


def _interjects(waiting: Segment, other: Segment, text: str) -> bool:
    """Another asker's words that ask nothing (a netizen's cheer on a live page), or the host handing a caller's
    question to a guest ("预付卡的问题，请市场监管局的杜局长来回答。"), while a question waits for its answer: they
    leave the question as it is."""
    asked = question_text(waiting, text)
    if not asked or (not other.speaker.startswith("主持") and not _asks(asked)):
        return False  # the host taking a call ("我们接下一位 喂你好请讲"): what the caller says is the question
    words = _segment_text(other, text)
    if other.speaker.startswith("主持"):
        return not re.search(r"[？?]", words) and not question_text(other, text)
    return not _ASKS.search(to_simplified(words))


# the host putting a question off ("这个问题我们记下来了，下播后请……私信回复您", "会后请相关部门联系您")
_DEFERRAL = re.compile(r"(?:记下来|记录下来|会后|节目后|下播后|直播后|线下|私信|转交|转给|转请)[^。！？]{0,40}(?:回复|答复|联系|解答)")


def _defers(segment: Segment, text: str) -> bool:
    """The host's words after a question nobody answered, putting it off to later: no question of their own."""
    words = _segment_text(segment, text)
    return segment.speaker.startswith(("主持", "主播")) and not re.search(r"[？?]", words) \
        and bool(_DEFERRAL.search(words))


# a host's question put to the audience and answered by what they are about to watch or hear
_WATCH_ALONG = re.compile(r"(?:请大家|让我们|大家)(?:跟着|跟随|随着)?[^。！？\n]{0,8}?一起(?:来)?(?:看|听|观看|收看|收听)[^。！？\n]{0,6}[。！!]?$")


def turns_of(segments: list[Segment], text: str, cast: Cast) -> list[Turn]:
    """Pairs each answer with the question before it; a question nobody answered stays as a turn without answer.

    Words that ask nothing and get no answer (a host's "现在开始提问", "发布会到此结束": no question mark) are no turn;
    an answer that is only courtesies ("谢谢主持人，谢谢各位。") answers nothing; the host's courtesies and stage
    directions ("下面进入网友提问环节", "首先请顾局长介绍有关情况") are no part of the question."""
    turns: list[Turn] = []
    question: Segment | None = None
    answered = False

    def close(segment: Segment) -> None:
        words = question_text(segment, text)
        if re.search(r"[？?]", words):
            turns.append(Turn(segment.speaker, words, "", ""))

    for segment in segments:
        if segment.asks:
            after_answer = bool(turns) and (answered or question is None)
            if after_answer and all(is_courtesy_block(b, text) for b in segment.blocks):
                question, answered = None, False  # "谢谢骆科长！", "这位听众您看这个答复可以吗": no question
                continue
            if answered and turns and _hands_back(segment, text):
                continue  # "您接着说。", "请高岩同志补充。": the question just answered, answered on
            if after_answer and _thanks_back(segment, text):
                continue  # "那行 那六月份我试试 谢谢啊": the caller taking the answer, no new question
            if question is not None and not answered:
                if question.speaker != segment.speaker and _interjects(question, segment, text):
                    continue  # "来了来了，前排支持！", "这个问题请梁局长来回答。" between a question and its answer
                if (question.speaker == segment.speaker and not _board_message(segment)
                        and not _closed_by_note(question, text) and not _new_section(question, text)
                        and not _numbered(segment, text)) \
                        or _relays(question, segment, text):
                    question.blocks.extend(segment.blocks)
                    continue
                close(question)
                if _defers(segment, text):
                    question = None  # "这个问题我们记下来了，下播后……回复您": the host closes it unanswered
                    continue
            question, answered = Segment(segment.speaker, True, list(segment.blocks)), False
        elif segment.blocks and all(is_courtesy_block(b, text) for b in segment.blocks):
            if question is not None and not answered:
                question = None  # greetings answering the host's welcome: what the host says next is a new question
        elif segment.blocks and all(is_markdown_heading(b, text) for b in segment.blocks):
            continue  # "## 第二幕　快递驿站" between two scenes: a heading with nothing under it says nothing
        elif segment.blocks and _hands_off(segment, text):
            question, segment.blocks = None, []  # "由承办单位按程序答复来访人。": passed on, no one's answer here
        elif segment.blocks:
            words = question_text(question, text) if question else ""
            if _WATCH_ALONG.search(words):  # "山洪来了，我们该往哪里跑？请大家跟着演练一起看。": no one is asked
                question, words = None, ""
            answer = _segment_text(segment, text)
            segment.question, segment.asker = words or None, question.speaker if question else None
            segment.turn = len(turns)
            turns.append(Turn(segment.asker or "", words, cast(segment.speaker)[0], answer))
            answered = True
            if segment.ends_section or _ends_with_scene(segment, text):
                question = None  # "（五）演练讲评", "（画面：……）" after it: who speaks next answers no question asked before
    if question is not None and not answered:
        close(question)
    return turns if any(t.answer for t in turns) else []
