"""Speaker labels a page gives its lines by its own conventions, beyond "name：" (index.parsing.speakers): a headline
shaped like a label, ◆/◇ marks, 微访谈 accounts, bare speaker lines, officials under headings that name them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import replace

from index.parsing import english
from index.parsing.blocks import Block
from index.parsing.exam_items import label_exam_items
from index.parsing.line_cuts import QUESTION_END, UNNAMED_SIGNER, repeated_bands
from index.parsing.metadata import TitleBlock, classify_title_line, is_boilerplate
from index.parsing.orgs import is_unit_name
from index.parsing.people import ACCOUNT, PersonDesc, is_person_name, parse_people, parse_person, short_title, split_org_role
from index.parsing.segment import enumerator_end
from index.parsing.speakers import (ACCOUNT_REPLY, GENERIC_ANSWERS, Label, bare_label, find_label, read_label,
                                     without_trailing_stamp)

FULL_STOP = re.compile(r"[。！？!?；;…][”’」』）)]*$")


def label_lines(lines: list[str], labels: list[Label | None], header: set[int], marked: set[int],
                host: str | None = None) -> set[int]:
    """Labels what the page's conventions label (in place), after the header was read; returns the lines that are
    no one's words (between an official's heading and its first question)."""
    _symbol_marked_turns(lines, labels)
    _spaced_speaker_lines(lines, labels, header)
    _accounts_as_people(lines, labels)
    _english_host(lines, labels)
    _bare_speaker_lines(lines, labels, header, host)
    _host_by_name(lines, labels, host)
    signatures = _tagged_entries(lines, labels)
    _answerer_fields(lines, labels, signatures)
    _entry_askers(lines, labels)
    _askers_named_in_fields(lines, labels)
    _parts_named_per_record(lines, labels)
    _record_subjects(lines, labels)
    _untagged_ask(lines, labels)
    _salutations_under_replies(lines, labels)
    badges = _badges_after_questions(lines, labels)
    narration = _broadcast_script(lines, labels)
    _mention_replies(lines, labels)
    _topic_headings(lines, labels)
    _badge_lines(lines, labels)
    _callers_in_a_report(lines, labels)
    label_exam_items(lines, labels)
    skipped = (_speaker_headings(lines, labels, marked) | _on_screen_text(lines, labels) | _comments_and_titles(lines)
               | _translations(lines) | _signature(lines) | _repeated_bands(lines, labels) | _thread_replies(lines, labels)
               | narration | _entry_furniture(lines, labels) | signatures | _record_tags(lines, labels)
               | _quoted_comment_replies(lines, labels) | _photo_captions(lines, labels) | badges)
    for i in skipped:
        labels[i] = None
    _answers_after_questions(labels, skipped | header)
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


_CAPTION = re.compile(r"^[ \t\u3000]*[▲△][ \t\u3000]*\S")
MIN_CAPTIONS = 2


def _photo_captions(lines: list[str], labels: list[Label | None]) -> set[int]:
    """A photo's caption that quotes no one ("▲ 活动现场，居民排队咨询医保政策。"), on a page of captioned photos, and
    the report's own words right under it ("据了解，……"): no one's answer, never the end of the answer above them."""
    captions = [i for i, line in enumerate(lines) if _CAPTION.match(line)]
    if len(captions) < MIN_CAPTIONS:
        return set()
    skipped = {i for i in captions if labels[i] is None}
    for i in sorted(skipped):
        after = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        if after is not None and labels[after] is None and _REPORT_SUMMARY.match(lines[after].strip()):
            skipped.add(after)
    return skipped


# a comment's reply ("└ 市水务局回复：……", "└ 网友“老街坊”回复：……") and its time and likes ("07-10 10:12　👍 326")
_REPLY_LABEL = re.compile(r"^(?P<who>.{2,30}?)(?:回复|答复)$")
_REPLY_LINE = re.compile(r"^(?:[└├┗┣╰]─*[ \t\u3000]*)?(?P<who>[^@：:\n][^：:\n]{1,29}?)(?:回复|答复)[ \t\u3000]*[：:]")
_COMMENT_META = re.compile(r"^\d{1,2}-\d{1,2}[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t\u3000]*(?:👍|赞|点赞)[ \t\u3000]*\d+)?$")


def _thread_replies(lines: list[str], labels: list[Label | None]) -> set[int]:
    """In a comment thread, a unit's reply is that unit's words ("市水务局回复：" labels 市水务局); another reader's
    reply and each comment's time and likes are no one's answer."""
    skipped: set[int] = set()
    for i, line in enumerate(lines):
        words = line.strip()
        if _COMMENT_META.match(words):
            skipped.add(i)
            continue
        label = labels[i]
        who = (_REPLY_LABEL.match(label.name) if label is not None else None) or _REPLY_LINE.match(words)
        if who is None:
            continue
        if read_label(who["who"].strip()).side == "ask":  # 网友“老街坊”回复：a reader answering a reader
            skipped.add(i)
        elif label is not None:  # "……回复：" says it is someone's reply: a speaker, however seldom
            labels[i] = replace(label, name=who["who"].strip(), synthetic=True)
    return skipped


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


# a mail's or a letter's sign-off at the end: contact lines, the sender's unit and name, a date, "如有疑问请随时联系"
_CONTACT = re.compile(r"^(?:电话|手机|联系电话|地址|通讯地址|邮箱|电子邮箱|E-?mail|传真|邮编|网址)[ \t]*[：:]", re.I)
_SIGN_OFF = re.compile(r"^(?:如有(?:疑问|问题|需要)[^。]{0,12}联系[^。]{0,6}|此致|敬礼|顺颂(?:商祺|时祺)?|特此(?:回复|函复|说明))[。！!]?$")
_SIGN_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$")
MIN_SIGNATURE_LINES = 2


def _signature(lines: list[str]) -> set[int]:
    """The lines of a sign-off at the very end of the text (a contact line, the sender's unit, the sender's name,
    a date, and the closing words before them): no one's answer."""
    found: list[int] = []
    contact = False
    for i in range(len(lines) - 1, -1, -1):
        words = lines[i].strip()
        if _CONTACT.match(words):
            contact = True
        elif not (is_unit_name(words) or is_person_name(words) or _SIGN_DATE.match(words)
                  or (found and _SIGN_OFF.match(words))):
            break
        found.append(i)
    return set(found) if contact and len(found) >= MIN_SIGNATURE_LINES else set()


def signed_by(labels: list[Label | None], signers: dict[int, str]) -> None:
    """Each answer whose last line names the unit that answered ("（答复单位：市住建局）") is that unit's: its label
    (【答复】, 答：) is renamed, its paragraphs before the signature read with it."""
    for at, unit in signers.items():
        opening = next((i for i in range(at, -1, -1) if labels[i] is not None), None)
        label = labels[opening] if opening is not None else None
        generic_only = unit.startswith(UNNAMED_SIGNER)  # a unit after the words: it signs what no one else does
        unit = unit.removeprefix(UNNAMED_SIGNER)
        if label is not None and read_label(label.name).side == "answer" and (
                not generic_only or label.name.strip() in GENERIC_ANSWERS):
            labels[opening] = Label(unit, label.content_offset, synthetic=True)


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


def signed_by_blocks(blocks: Sequence[Block]) -> bool:
    """The same for answers labelled once the paragraphs are read (a booklet's question headings, their answers
    after them): the answer a signed paragraph ends is that unit's. True when a label changed."""
    changed = False
    for at, block in enumerate(blocks):
        if block.signer is None:
            continue
        opening_at = next((k for k in range(at, -1, -1) if blocks[k].label is not None), None)
        signed_at = next((k for k in range(at - 1, (opening_at or 0) - 1, -1) if blocks[k].signer is not None), None)
        if signed_at is not None and signed_at + 1 <= at and blocks[signed_at + 1].label is None:
            # a second unit's paragraphs after the first unit's signed ones, under one question: an answer of its own
            blocks[signed_at + 1].label = Label(block.signer, 0, synthetic=True)
            changed = True
            continue
        opening = blocks[opening_at] if opening_at is not None else None
        if opening is not None and opening.label is not None and opening.label.name != block.signer \
                and read_label(opening.label.name).side == "answer":
            opening.label = Label(block.signer, opening.label.content_offset, synthetic=True)
            changed = True
    return changed


MIN_TRANSLATED = 3
_LATIN_LETTERS = re.compile(r"[A-Za-z]")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


MIN_TRANSLATION_LETTERS = 20  # a heading in English ("Summary") is no translation of a paragraph


def _is_english(line: str) -> bool:
    letters = len(_LATIN_LETTERS.findall(line))
    return letters >= MIN_TRANSLATION_LETTERS and letters > 2 * len(_CHINESE.findall(line))


def _translations(lines: list[str]) -> set[int]:
    """A bilingual page whose every Chinese paragraph is followed by its English one ("问：……" / "Q: ……"): the English
    paragraphs are its translation, read apart from the Chinese turns (left out)."""
    english = [i for i, line in enumerate(lines) if _is_english(line)]
    after_chinese = [i for i in english if i and not _is_english(lines[i - 1]) and _CHINESE.search(lines[i - 1])]
    if len(after_chinese) < MIN_TRANSLATED or len(after_chinese) < 0.8 * len(english):
        return set()
    return set(english)


# words shown on a video's screen, "【屏幕文字】网友问：……": the question shown is asked, the other captions said by no one
_ON_SCREEN = re.compile(r"屏幕文字|字幕|画面文字|屏显|画面字幕")


# a live stream's overlays: viewers' scrolling comments and the platform's notices ("【弹幕】昵称：……", "【系统】直播间人数
# 突破5000人"); the host reads out the comments that are asked
_OVERLAY = re.compile(r"弹幕|系统|系统消息|系统提示|礼物|福袋|直播间公告")


def _on_screen_text(lines: list[str], labels: list[Label | None]) -> set[int]:
    skipped: set[int] = set()
    for i, label in enumerate(labels):
        if label is not None and label.bracketed and _OVERLAY.fullmatch(label.name):
            skipped.add(i)
        if label is None or not _ON_SCREEN.fullmatch(label.name):
            continue
        inner = find_label(lines[i][label.content_offset:])
        if inner is not None and read_label(inner.name).side == "ask":
            labels[i] = Label(inner.name, label.content_offset + inner.content_offset, synthetic=True)
        else:
            skipped.add(i)
    return skipped


# a video platform's comments under a clip (up to the rule before the next clip), and each clip's title line ("▶ ……")
_COMMENTS = re.compile(r"^(?:热门评论|精彩评论|网友评论|评论区|全部评论|精选评论)[（(]?\d*[）)]?$")
_RULE = re.compile(r"^[━─—=＝\-_~～·•]{3,}$")


# who answers a Q&A column's entry, as a field on its own line above the answer ("答疑法官：温叙白（……立案庭庭长）
# 答复时间：2026-02-17 16:25"), the answer's time beside it
_ANSWERER_FIELD = re.compile(r"^(?:\*\*|__)?(?:答疑法官|值班法官|答疑人|(?:本板|本期|本场|本版)?答疑专家|解答人|解答专家|答复人|回复人|答复单位|回复单位|"
                             r"接待领导|接访领导|带班领导|接待人|承办单位|办理单位|整改单位)"
                             r"(?:\*\*|__)?[ \t\u3000]*[：:][ \t\u3000]*"
                             r"(?P<who>[^\s：:]{2,40}?(?:[ \t\u3000]+[\u4e00-\u9fff·]{2,4})?)"  # "局长 祝松年": the name apart
                             r"(?:[ \t\u3000]+[\u4e00-\u9fff]{2,6}[：:].*)?$")
# an entry's own fields, nobody's words: who asked by account or phone, when, how often read, its state
_ENTRY_FIELD = re.compile(r"^(?:[-*•][ \t]+)?(?:\*\*|__)?(?:提问人|提问者|提问时间|留言时间|答复时间|回复时间|浏览|浏览量|浏览次数|"
                          r"来访人|来访时间|接访时间|接待时间|接待地点|陪同接待|陪同人员|处理方式|办理情况|"
                          r"来电时间|来电人|来电类型|来电渠道|来电号码|工单号|工单编号|受理时间|诉求人|诉求类型|回访情况|回访结果|办结时间|反映人|反映渠道|反映时间|卡点环节|"
                          r"差评编号|评价时间|评价渠道|评价对象|评价等级|"
                          r"阅读|状态|办理状态|答复状态|处理状态|咨询单号|咨询编号|咨询方式|咨询时间|咨询渠道|抽查时间|抽查方式|检查时间)(?:\*\*|__)?[ \t\u3000]*[：:]")
# a column's entry title: its category in brackets, then the question as a headline ("[立案] 网上立案被退回了……吗？")
_TAGGED_TITLE = re.compile(r"^[\[【［](?P<tag>[\u4e00-\u9fff]{1,6})[\]】］][ \t\u3000]*[^。！!：:\n]{4,60}[？?]$")


_ASKER_FIELD = re.compile(r"^(?:[-*•][ \t]+)?(?:\*\*|__)?(?:提问人|提问者|留言人|咨询人|来访人|诉求人)(?:\*\*|__)?[ \t\u3000]*[：:]"
                          r"(?:\*\*|__)?[ \t\u3000]*(?P<who>\S.{0,30}?)[ \t\u3000]*$")


# a record's field naming who asks: the official playing the citizen ("体验人\t市市场监督管理局党组书记、局长　杨永刚"),
# a panel's experts ("评审专家：……教授 史立平（组长）；市人大代表 何建平；……")
_ASKING_FIELD = re.compile(r"^[ \t\u3000]*(?:体验人|体验者|暗访人|暗访者|体验官|评审专家|评审组|评委|专家组|提问专家|质询人|"
                           r"承办检察官|办案检察官|人民监督员)"  # a 诉前磋商's prosecutor questions the units consulted
                           r"[ \t\u3000]*[：:\t][ \t\u3000]*(?P<who>\S.*)$")


def _askers_named_in_fields(lines: list[str], labels: list[Label | None]) -> None:
    """Whom a record's field names as asking ask under their own names ("杨永刚：我想……", "史立平：……？")."""
    names: set[str] = set()
    for line in lines:
        if field := _ASKING_FIELD.match(line):
            who = re.sub(r"[（(][^（）()]{1,8}[）)]", "", field["who"])  # "（组长）"
            names.update(p.name for p in parse_people(who) if p.name)
            for piece in re.split(r"[；;、，,]", who):  # "……教授 史立平", "市人大代表 何建平": the name that ends each
                if is_person_name(last := re.split(r"[ \t\u3000]+", piece.strip(" \t\u3000"))[-1]):
                    names.add(last)
    for i, label in enumerate(labels):
        if label is not None and re.sub(r"[（(][^（）()]{1,10}[）)]$", "", label.name) in names:  # "蔺秋生（人民监督员）"
            labels[i] = replace(label, name=f"提问人 {label.name}")


# a call's or a case's line of who took part, over its record: "*接警时间：……　接警员：乔雨萌　三方转接：……中心　话务员　韩晓*"
_PART_NAMED = re.compile(r"(?P<part>[\u4e00-\u9fff]{1,4}(?:员|警|官))[：:][ \t\u3000]*(?P<name>[\u4e00-\u9fff·]{2,4})(?=[ \t\u3000*_]|$)")
_PART_PASSED_TO = re.compile(r"转接[：:][ \t\u3000]*(?P<unit>[^\s：:*_]{2,30}?)[ \t\u3000]+(?P<part>[\u4e00-\u9fff]{1,4}(?:员|警|官))"
                             r"[ \t\u3000]+(?P<name>[\u4e00-\u9fff·]{2,4})(?=[ \t\u3000*_]|$)")


# a spot check's or a visit's line naming whom the record talks to: "抽查对象：临江街道办事处副主任　孙海燕（街道防汛责任人）"
_RECORD_SUBJECT = re.compile(r"^[ \t\u3000]*(?:抽查对象|被抽查人|检查对象|暗访对象|接访对象|回访对象)[ \t\u3000]*[：:][ \t\u3000]*"
                             r"(?P<desc>[^（(\n]{3,40}?)[ \t\u3000]*(?:[（(][^（）()\n]{1,20}[）)])?[ \t\u3000]*$")
_RECORD_FINDING = re.compile(r"(?:抽查|检查|暗访|核查|回访|走访)(?:情况|结果)")
_SUBJECT_ANSWERS = frozenset({"答", "被抽查人", "被检查人", "被访人", "受访人", "对方"})


def _record_subjects(lines: list[str], labels: list[Label | None]) -> None:
    """The answers of each record are its subject's ("答：", "被抽查人：", "孙海燕：", "韦镇长：" under "抽查对象：……"),
    named with their unit and post, up to the next record's subject line."""
    subject: PersonDesc | None = None
    for i, line in enumerate(lines):
        if match := _RECORD_SUBJECT.match(line):
            subject = parse_person(match["desc"])
            labels[i] = None
            continue
        label = labels[i]
        if subject is not None and label is not None and _RECORD_FINDING.fullmatch(label.name):
            labels[i] = None  # "抽查情况：两次拨打均无人接听": the record's own finding, no one's answer
            continue
        if subject is None or subject.name is None or label is None:
            continue
        title = short_title(label.name)
        if label.name in _SUBJECT_ANSWERS or label.name == subject.name or (
                title is not None and subject.name.startswith(title[0])):
            labels[i] = replace(label, name=f"{subject.name}（{subject.org or ''}{subject.role or ''}）")


def _parts_named_per_record(lines: list[str], labels: list[Label | None]) -> None:
    """Labels that name a part ("**接警员**：", "**民警**：") stand for the person the record's line of who took part
    names for it, from that line to the next such line (a new call, a new case)."""
    named: dict[str, str] = {}
    for i, line in enumerate(lines):
        words = line.strip().strip("*_ ")
        found = {m["part"]: f"{m['name']}（{m['unit']}{m['part']}）" for m in _PART_PASSED_TO.finditer(words)
                 if is_person_name(m["name"])}
        found.update({m["part"]: m["name"] for m in _PART_NAMED.finditer(words)
                      if is_person_name(m["name"]) and m["part"] not in found})
        if labels[i] is None and found:
            named = found
        elif labels[i] is not None and labels[i].name in named:  # type: ignore[union-attr]
            labels[i] = replace(labels[i], name=named[labels[i].name])  # type: ignore[union-attr,arg-type]


def _entry_askers(lines: list[str], labels: list[Label | None]) -> None:
    """An entry's question labelled by what it is ("问题描述：") is asked by the entry's "提问人：": each entry's
    question its own, though all are labelled alike."""
    asker = None
    for i, line in enumerate(lines):
        if field := _ASKER_FIELD.match(line.strip()):
            asker = field["who"].strip("*_ ")
        elif (label := labels[i]) is not None and asker and (reading := read_label(label.name)).side == "ask" \
                and reading.word == "网友" and reading.nickname is None:
            labels[i] = replace(label, name=f"提问人 {asker}")
            asker = None


def _answerer_fields(lines: list[str], labels: list[Label | None], signatures: Collection[int] = ()) -> None:
    """"答疑法官：温叙白（……）" on its own line: the answer below is 温叙白's, under a label that names no one
    ("答复意见：") too, up to the next question."""
    who, parts = None, {}
    for i, line in enumerate(lines):
        field = _ANSWERER_FIELD.match(line.strip()) if i not in signatures else None
        # "承办单位：市交通运输局（主办）、……街道办事处（协办）": each unit by the part it plays
        parts_named = {m["part"]: m["unit"] for m in _UNIT_AND_PART.finditer(field["who"]) if is_unit_name(m["unit"])} \
            if field else {}
        if field and (parts_named or read_label(field["who"]).side == "answer"):
            who, parts = next(iter(parts_named.values()), field["who"]), parts_named
            labels[i] = Label(who, len(line), synthetic=True)
        elif who is not None and (reply := _REPLY_KEY.match(line)):  # "办理结果：", "【协办单位答复】" under the field
            part = _PART_REPLIES.fullmatch(reply["bracketed"] or reply["plain"])
            # "【协办单位答复】": the unit that plays that part; "洹棹市医疗保障局整改情况：" that unit
            name = parts.get(part["part"], who) if part else (reply["unit"] or who)
            labels[i] = Label(name, reply.end(), synthetic=True)
        elif (label := labels[i]) is not None and who is not None and read_label(label.name).side == "ask":
            who, parts = None, {}


# a page of entries each tagged by lines of one or two words: "来电诉求" over the caller's words, "热线答复" or
# "转办回复" over an answer, signed under it ("答复律师：俞清禾　……律师事务所律师", "答复单位：市人社局……支队")
_ASK_TAG = re.compile(r"(?:来电|来信|群众|职工|网友|市民)?(?:诉求|反映|咨询)(?:内容|问题)?|来电内容|问题描述")
_ANSWER_TAG = re.compile(r"(?:热线|转办|律师|专家|部门|单位|工会|窗口|平台)(?:答复|回复|解答)|答复内容|回复内容")
_SIGNATURE_FIELD = re.compile(r"^(?:答复|回复|解答|答疑)(?:律师|专家|人|单位|部门)[ \t\u3000]*[：:][ \t\u3000]*"
                              r"(?P<who>[^\s：:][^：:\n]{1,40}?)[ \t\u3000]*$")
_NAME_THEN_WHO = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,4})[ \t\u3000]+(?P<desc>\S{2,40})$")
MIN_TAGGED_ENTRIES = 2


# a meeting's record of what was decided or taken away under a question ("【现场定】……", "【带回办】……"): no one's
# answer (a decision is the record's, a matter taken away is answered elsewhere)
# and, at a deputies' reception, who came and the deputies' own advice to the units ("【来访人】……", "【代表意见】……")
_RECORD_TAG = re.compile(r"(?:现场|当场|会后|带回|限期)(?:定|办|督办|交办|研究)|带回办理|现场督办|办理情况|"
                         r"(?:项目|情况|工作)陈述|(?:现场|专家)?(?:评分|打分|点评)|"
                         r"来访人|来电人|反映人|代表(?:意见|建议)|(?:调查员|工作人员|内部|编者|讲解员)提示")


def _record_tags(lines: list[str], labels: list[Label | None]) -> set[int]:
    """The lines a record's own tag opens ("【现场定】", "【带回办】", "　　【调查员提示】" indented under an answer)."""
    return {i for i, label in enumerate(labels) if (label is not None and label.bracketed
            and _RECORD_TAG.fullmatch(label.name.strip())) or ((tag := _OPENING_TAG.match(lines[i].strip()))
                                                               and _RECORD_TAG.fullmatch(tag["tag"]))}


_OPENING_TAG = re.compile(r"^【(?P<tag>[^】\n]{2,10})】")


def _tagged_entries(lines: list[str], labels: list[Label | None]) -> set[int]:
    """Labels a page of tagged entries: each ask tag's paragraphs are the question, each answer tag's the answer of
    whoever signs it below (before the next tag), else of no one named. Returns the signatures' lines and those after
    them up to the next tag (the next entry's heading and fields, a page's closing lines): no one's words."""
    tags = [("ask" if _ASK_TAG.fullmatch(w) else "answer" if _ANSWER_TAG.fullmatch(w) else None)
            for w in (line.strip().strip("*_【】[]") for line in lines)]
    if tags.count("ask") < MIN_TAGGED_ENTRIES or tags.count("answer") < MIN_TAGGED_ENTRIES:
        return set()
    signatures: set[int] = set()
    for i, tag in enumerate(tags):
        if tag == "ask":
            labels[i] = Label("诉求内容", len(lines[i]), synthetic=True)
        elif tag == "answer":
            end = next((k for k in range(i + 1, len(lines)) if tags[k] is not None), len(lines))
            signed = next(((k, m["who"]) for k in range(i + 1, end) if (m := _SIGNATURE_FIELD.match(lines[k].strip()))),
                          None)
            who = "答"
            if signed is not None:  # the signature ends the answer: what follows up to the next tag is no one's
                signatures.update(range(signed[0], end))
                named = _NAME_THEN_WHO.match(signed[1])
                who = f"{named['desc']} {named['name']}" if named and is_person_name(named["name"]) else signed[1]
            labels[i] = Label(who, len(lines[i]), synthetic=True)
    return signatures


# a reply's key that names no one ("答复意见：", "办理结果：") or only the part a unit plays ("【协办单位答复】")
_REPLY_KEY = re.compile(r"^[ \t\u3000]*(?:\*\*|__)?(?:[【\[](?P<bracketed>(?:主办|协办|会办|配合)单位(?:答复|回复|意见)?)[】\]]|"
                        r"(?P<plain>(?:答复|回复|办理|处理)(?:意见|内容|结果)?|处理情况|整改情况|整改结果|"
                        r"(?:主办|协办|会办|配合)单位(?:答复|回复|意见)?|"
                        r"(?P<unit>[\u4e00-\u9fff]{4,30}?(?:局|委|中心|办公室|政府|办事处))(?:整改情况|答复|回复|办理结果|答复意见))"
                        r"(?:\*\*|__)?[ \t\u3000]*[：:])[ \t\u3000]*")
_UNIT_AND_PART = re.compile(r"(?P<unit>[^、，,（）()\s]{4,30})[（(](?P<part>[^（）()、，,\s]{1,8}?)(?:单位)?[）)]")
_PART_REPLIES = re.compile(r"(?P<part>主办|协办|会办|配合)单位(?:答复|回复|意见)?")


# a 公众号's 精选留言 as copied: "**海外仓打工人**　广东　1月20日" over the reader's words, the account's reply quoted under
# them ("> **作者**　回复：……"), its likes after ("👍 52")
_COMMENT_HEAD = re.compile(r"^(?:\*\*|__)(?P<nick>[^*_\n]{1,20})(?:\*\*|__)[ \t\u3000]+[^\n]{0,16}?\d{1,2}月\d{1,2}日[ \t\u3000]*$")
_QUOTED_REPLY = re.compile(r"^>[ \t]*(?:\*\*|__)?作者(?:\*\*|__)?[ \t\u3000]*(?:回复)?[：:][ \t\u3000]*")
_LIKES_LINE = re.compile(r"^[ \t]*(?:👍|赞)[ \t\u3000]*\d+[ \t]*$")
MIN_COMMENTS = 2


def _quoted_comment_replies(lines: list[str], labels: list[Label | None]) -> set[int]:
    """Labels the comments the account replied to as a reader's questions and the replies as the account's; returns
    the comments' heads, likes and the comments no one replied to: no one's words here."""
    heads = [i for i, line in enumerate(lines) if _COMMENT_HEAD.match(line.strip())]
    if len(heads) < MIN_COMMENTS:
        return set()
    skipped: set[int] = set()
    for n, head in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        reply = next((k for k in range(head + 1, end) if _QUOTED_REPLY.match(lines[k].strip())), None)
        skipped.add(head)
        skipped.update(k for k in range(head + 1, end) if _LIKES_LINE.match(lines[k]))
        words = [k for k in range(head + 1, reply if reply is not None else end)
                 if lines[k].strip() and not _LIKES_LINE.match(lines[k])]
        if reply is None or not words:
            skipped.update(words)
            continue
        nick = _COMMENT_HEAD.match(lines[head].strip())["nick"].strip()  # type: ignore[index]
        labels[words[0]] = Label(f"网友“{nick}”", 0, synthetic=True)
        labels[reply] = Label(ACCOUNT_REPLY, _QUOTED_REPLY.match(lines[reply]).end(), synthetic=True)  # type: ignore[union-attr]
    return skipped


def _entry_furniture(lines: list[str], labels: list[Label | None]) -> set[int]:
    """A Q&A column's entry fields and its tagged titles, on a page of such entries whose questions are labelled:
    no one's words."""
    fields = {i for i, line in enumerate(lines) if _ENTRY_FIELD.match(line.strip())}
    if len(fields) < 2 or not any(label is not None and read_label(label.name).side == "ask" for label in labels):
        return set()
    return fields | {i for i, line in enumerate(lines) if (
        (title := _TAGGED_TITLE.match(line.strip())) and _names_no_one(title["tag"]))}


def _names_no_one(words: str) -> bool:
    """A tag that is no speaker's label ("立案", "家事"): no side's word, person, title or outlet."""
    reading = read_label(words)
    return not (reading.word or reading.person or reading.title or reading.outlet or reading.nickname)


def _comments_and_titles(lines: list[str]) -> set[int]:
    """Comments (up to a rule) and clip titles: no one's answer, unless units reply in the comments (a live page's
    评论区 answered by the bureau: the comments are then its questions and answers)."""
    skipped: set[int] = set()
    in_comments = False
    for i, line in enumerate(lines):
        words = line.strip()
        if _RULE.match(words):
            in_comments = False
        elif _COMMENTS.match(words):
            in_comments = not units_reply(lines[i + 1:])
        if in_comments or words.startswith(("▶", "►")):
            skipped.add(i)
    return skipped


def units_reply(lines: list[str]) -> bool:
    """Whether units reply in the comments that follow (up to a rule): "└ 市水务局回复：……" twice or more."""
    section = next((lines[:k] for k, line in enumerate(lines) if _RULE.match(line.strip())), lines)
    return sum(1 for line in section if (m := _REPLY_LINE.match(line.strip())) and read_label(m["who"]).side != "ask"
               and _UNIT_END.search(m["who"])) >= MIN_UNIT_REPLIES


_UNIT_END = re.compile(r"(?:局|委员会|委|办|办公室|政府|中心|院|官方)$")
MIN_UNIT_REPLIES = 2


MIN_UNANSWERED_QUESTIONS = 2


def _answers_after_questions(labels: list[Label | None], aside: set[int]) -> None:
    """A page whose questions are labelled and whose answers are not (a video's "网友问：……" then the head's words):
    the first unlabelled line after each question answers it, for the one the page is about."""
    first = next((i for i, label in enumerate(labels) if label is not None and read_label(label.name).side == "ask"),
                 len(labels))
    readings = [(read_label(label.name), label) for label in labels[first:] if label is not None]  # header keys aside
    # who answers, named ("发布于 …18" is not), or a unit a field or a reply names ("承办单位：……局")
    answering = [r for r, label in readings if r.side == "answer" and (r.word or r.person or r.title or (
        label.synthetic and is_unit_name(label.name)))]
    if answering or sum(1 for r, _ in readings if r.side == "ask") < MIN_UNANSWERED_QUESTIONS:
        return
    for i, label in enumerate(labels):
        if label is None or read_label(label.name).side != "ask":
            continue
        following = next((j for j in range(i + 1, len(labels)) if j not in aside), None)
        if following is not None and labels[following] is None:
            labels[following] = Label("答", 0, synthetic=True)


_HOST_ACCOUNT = re.compile(r"^主持(?:人)?[：:][ \t\u3000]*@(?P<account>\S{1,30})$")


def _accounts_as_people(lines: list[str], labels: list[Label | None]) -> None:
    """On a 微访谈, "@茗川卫健唐韵：" is 唐韵 when the guest list gives "唐韵（@茗川卫健唐韵）", and "@茗川发布：" is the host
    when "主持人：@茗川发布"; other accounts are 网友."""
    named: dict[str, str] = {}
    for line in lines:
        for match in ACCOUNT.finditer(line):
            people = parse_people(line[: match.start()].rsplit("，", 1)[-1])
            if people and people[-1].name:
                named[match["account"]] = people[-1].name
        if host := _HOST_ACCOUNT.match(line.strip()):
            named[host["account"]] = "主持人"
    for i, label in enumerate(labels):
        if label is not None and label.name.startswith("@") and label.name[1:] in named:
            labels[i] = replace(label, name=named[label.name[1:]])


# "Moderator: Xu Wanning, Spokesperson of …": who hosts an English transcript, by name
_ENGLISH_HOST = re.compile(r"^(?:Moderator|Host|Presenter|Chair|Chairperson|Emcee)s?:[ \t]*(?P<name>[A-Z][^,;:()]{2,40}?)"
                           r"[ \t]*(?:[,;(]|$)")


def _english_host(lines: list[str], labels: list[Label | None]) -> None:
    """On an English transcript whose host is introduced by name ("Moderator: Xu Wanning, …"), that line is who
    hosts, not the host speaking, and the lines labelled with the name are the host's."""
    for i, line in enumerate(lines):
        host = _ENGLISH_HOST.match(line.strip())
        if host is None or not english.is_pinyin_name(host["name"]):
            continue
        labels[i] = None
        for j, label in enumerate(labels):
            if label is not None and label.name == host["name"]:
                labels[j] = replace(label, name="主持人")


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


# a news report of officials taking calls: a paragraph opening with a caller's quoted words that ask, the caller
# named after them ("“……我该怎么办？”9时刚过，……来电的是市民周女士。", "“……？”出租车司机邓师傅说。")
_CALLER_ASKS = re.compile(r"^“(?P<asked>[^”]*[？?][^”]*)”(?P<after>[^“]{0,80})$")
_CALLER = re.compile(r"来电|市民|网友|读者|听众|群众|女士|先生|师傅|阿姨|大爷|大妈|老人|家长|司机")
# who answers, told by the report: "苏立衡详细询问了……告诉周女士", "“……”苏立衡回答", "由坐在一旁的梁予宁接听"
_REPORTED = r"(?:详细|随即|当即|当场|立即|耐心|认真|记下|告诉|补充|回答|表示|解释|介绍|说|答复|建议|提醒|接听|询问)"
_TOLD_BY = (re.compile(rf"^(?P<name>[\u4e00-\u9fff·]{{2,4}}?){_REPORTED}"),
            re.compile(rf"^“[^”]*”(?P<name>[\u4e00-\u9fff·]{{2,4}}?){_REPORTED}"),
            re.compile(r"由(?:[^，。由]{0,8}的)?(?P<name>[\u4e00-\u9fff·]{2,4}?)(?:接听|回答|答复)"))  # "由坐在一旁的……接听"
_REPORT_SUMMARY = re.compile(r"^(?:据统计|据了解|据悉|记者了解到|记者从[^，。]{2,20}获悉|活动结束时)")
MIN_CALLERS = 2


def _callers_in_a_report(lines: list[str], labels: list[Label | None]) -> None:
    """A report with no speaker labels whose paragraphs open with callers' quoted questions: each such paragraph is
    a caller asking, each paragraph after it is said by the official the report says answers (the one before when it
    names none), and the report's own summary ("据统计……") asks nothing and answers nothing."""
    if any(label is not None and not _names_nobody(label) for label in labels):
        return  # a transcript with speakers' labels ("来电一：……" over a call names nobody)
    asking = [i for i, line in enumerate(lines) if (m := _CALLER_ASKS.match(line.strip())) and _CALLER.search(m["after"])]
    if len(asking) < MIN_CALLERS:
        return
    for i in range(asking[0], len(lines)):
        line = lines[i].strip()
        if i in asking:
            labels[i] = Label("市民", 1, synthetic=True)  # the words after the opening quotation mark
        elif _REPORT_SUMMARY.match(line):
            labels[i] = Label("记者", 0, synthetic=True)
        elif (name := next((m["name"] for p in _TOLD_BY if (m := p.search(line)) and is_person_name(m["name"])),
                           None)) is not None:
            labels[i] = Label(name, 0, synthetic=True)
        elif labels[i] is not None:
            labels[i] = None  # "来电二：网购空调迟迟装不上": the report's heading over a call


HEADLINE_LINES = 3
_NOT_HEADLINES = frozenset({"boilerplate", "source", "date", "meta", "byline", "series", "note", "section"})


def _names_nobody(label: Label) -> bool:
    """A bracketed column's name ("【代表问政】"), not a speaker's ("[主持人]", "【嘉宾 周启航】")."""
    reading = read_label(label.name)
    return reading.word is None and reading.person is None and reading.title is None and not reading.outlet


def headline_is_no_label(lines: list[str], labels: list[Label | None]) -> None:
    """A first line shaped like a label is a headline ("栖川市教育局局长沈望舒：让每个孩子在家门口上好学",
    "专访市交通运输局局长邵振华：织密“一张网”") when its words end no sentence and no other line has that label."""
    # the first line of words, after a breadcrumb, a paper's page line, a source or a date
    first = next((i for i, line in enumerate(lines[:HEADLINE_LINES]) if not is_boilerplate(line) and (
        labels[i] is not None or classify_title_line(line, TitleBlock()) not in _NOT_HEADLINES)), None)
    if first is None or labels[first] is None:
        return
    label, words = labels[first], lines[first][labels[first].content_offset:].strip()
    # a column's name in brackets before a headline that asks: "【代表问政】老旧小区改造，怎样改到居民心坎上？"
    headline = not FULL_STOP.search(words) or (label.bracketed and QUESTION_END.search(words) is not None
                                                 and _names_nobody(label))
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


MIN_SPEAKER_HEADINGS = 2
_TURN_SYMBOLS = "◆◇■□●○▲△★☆"
MIN_SYMBOL_TURNS = 2


def _symbol_marked_turns(lines: list[str], labels: list[Label | None]) -> None:
    """A 专访 whose questions open with one symbol and answers with another, no names ("◆……？" / "◇……"): the
    symbol whose lines mostly ask is 问, the other 答."""
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
            and not FULL_STOP.search(words) and sum(1 for l in labels if l and l.name == label.name) == 1
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


# a television script's cues: 【解说】 narration and 【画面】 pictures are no one's words; 【同期声】 with its caption
# "（字幕：荇嶂市交通运输局党组书记、局长　练思远）" is that person speaking (the words below); 【记者出镜】 the reporter
_CUE = re.compile(r"^[ \t\u3000]*【(?P<cue>[^】]{2,8})】[ \t\u3000]*")
_NARRATION = re.compile(r"^(?:解说|画面|演播室导语|导语|主持人导语|口播|配音|字幕|音乐|音效|片头|片尾|空镜|资料画面)$")
_SOUND_BITE = re.compile(r"^(?:同期声?|采访同期|现场同期|现场声)$")
_CAPTION_WHO = re.compile(r"^[（(]字幕[：:][ \t\u3000]*(?P<who>[^（）()]{2,60})[）)]")
_REPORTER_CUE = re.compile(r"^(?:记者出镜|出镜记者|记者现场|记者)$")
MIN_SCRIPT_CUES = 3


# a shared document's reply under a question: "@龚书禾 回复：" (the one mentioned replies), its words below; an account
# declared with its unit ("@税务企服专班　国家税务总局篁澍市税务局……账号") replies for that unit
_MENTION_REPLY = re.compile(r"^[ \t\u3000]*@(?P<who>[^\s@：:]{2,20})[ \t\u3000]*(?:回复|答复)[ \t\u3000]*[：:][ \t\u3000]*")
_ACCOUNT_OF = re.compile(r"@(?P<account>[^\s@：:]{2,20})[ \t\u3000]+(?P<unit>(?:国家税务总局)?[\u4e00-\u9fff]{2,30}?"
                         r"(?:局|委员会|委|办公室|中心|人民政府))")


def _topic_headings(lines: list[str], labels: list[Label | None]) -> None:
    """A Markdown heading labelled as the line it heads ("### 意见1：养犬登记费用" over "**意见1：**……"): the topic, not
    a turn of its own."""
    for i, label in enumerate(labels):
        if label is None or not lines[i].lstrip().startswith("#"):
            continue
        following = next((j for j in range(i + 1, len(lines)) if labels[j] is not None), None)
        if following is not None and labels[following].name == label.name and not lines[following].lstrip().startswith("#"):
            labels[i] = None


def _mention_replies(lines: list[str], labels: list[Label | None]) -> None:
    """Each "@X 回复：" line labelled X (or X's unit, for an account), whoever the @ would otherwise make an asker."""
    units = {m["account"]: m["unit"] for line in lines for m in _ACCOUNT_OF.finditer(line)
             if not is_person_name(m["account"])}
    for i, line in enumerate(lines):
        if match := _MENTION_REPLY.match(line):
            who = match["who"]
            labels[i] = Label(units.get(who, who), match.end(), synthetic=True)


def _broadcast_script(lines: list[str], labels: list[Label | None]) -> set[int]:
    """A broadcast script's cues read (in place) as speakers; returns the narration's lines (no one's words)."""
    cues = [(i, m) for i, line in enumerate(lines) if (m := _CUE.match(line))]
    if len(cues) < MIN_SCRIPT_CUES or not any(_SOUND_BITE.match(m["cue"]) for _, m in cues):
        return set()
    narration: set[int] = set()
    for i, match in cues:
        cue, rest = match["cue"], lines[i][match.end():]
        if _NARRATION.match(cue):
            narration.add(i)
            labels[i] = None
        elif _SOUND_BITE.match(cue) and (who := _CAPTION_WHO.match(rest)):
            name = re.sub(r"[ \t\u3000]+", " ", who["who"].strip())
            labels[i] = Label(name, match.end() + who.end(), synthetic=True)
        elif _REPORTER_CUE.match(cue):
            labels[i] = Label("记者", match.end(), synthetic=True)
    return narration


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
        if label.name == host:
            words = lines[i][label.content_offset:].strip()
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
    sides = {read_label(label.name).side for label in [*found.values(), *alone]}
    if len(found) >= MIN_BARE_LABELS and {"ask", "answer"} <= sides:
        for i, label in found.items():
            labels[i] = label
