"""Who asks and who answers on entry pages (letters, hotline logs, message boards, inspection records): fields
such as 提问人： or 答复单位：, 【来电诉求】/【热线答复】 tags, signatures, comment threads and their furniture."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from index.parsing.blocks import Block
from index.parsing.line_cuts import UNNAMED_SIGNER
from index.parsing.metadata import AFTER_ANOTHER
from index.parsing.orgs import is_unit_name
from index.parsing.people import PersonDesc, is_person_name, parse_people, parse_person, short_title
from index.parsing.speakers import ACCOUNT_REPLY, GENERIC_ANSWERS, Label, read_label


# a comment's reply ("└ 市水务局回复：……", "└ 网友“老街坊”回复：……") and its time and likes ("07-10 10:12　👍 326")
_REPLY_LABEL = re.compile(r"^(?P<who>.{2,30}?)(?:回复|答复)$")
_REPLY_LINE = re.compile(r"^(?:[└├┗┣╰]─*[ \t\u3000]*)?(?P<who>[^@：:\n][^：:\n]{1,29}?)(?:回复|答复)[ \t\u3000]*[：:]")
_COMMENT_META = re.compile(r"^\d{1,2}-\d{1,2}[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t\u3000]*(?:👍|赞|点赞)[ \t\u3000]*\d+)?$")


def thread_replies(lines: list[str], labels: list[Label | None]) -> set[int]:
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


# a mail's or a letter's sign-off at the end: contact lines, the sender's unit and name, a date, "如有疑问请随时联系"
_CONTACT = re.compile(r"^(?:电话|手机|联系电话|地址|通讯地址|邮箱|电子邮箱|E-?mail|传真|邮编|网址)[ \t]*[：:]", re.I)
_SIGN_OFF = re.compile(r"^(?:如有(?:疑问|问题|需要)[^。]{0,12}联系[^。]{0,6}|此致|敬礼|顺颂(?:商祺|时祺)?|特此(?:回复|函复|说明))[。！!]?$")
_SIGN_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$")
MIN_SIGNATURE_LINES = 2


def signature_lines(lines: list[str]) -> set[int]:
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


_PUPILS_ADDRESSED = re.compile(r"(?:亲爱的)?[\u4e00-\u9fff、]{2,20}?(?:同学|同学们|小朋友|小朋友们)")


def signed_by(labels: list[Label | None], signers: dict[int, str]) -> None:
    """Each answer whose last line names the unit that answered ("（答复单位：市住建局）") is that unit's: its label
    (【答复】, 答：) is renamed, its paragraphs before the signature read with it."""
    for at, unit in signers.items():
        opening = next((i for i in range(at, -1, -1) if labels[i] is not None), None)
        label = labels[opening] if opening is not None else None
        generic_only = unit.startswith(UNNAMED_SIGNER)  # a unit after the words: it signs what no one else does
        unit = unit.removeprefix(UNNAMED_SIGNER)
        if label is not None and (read_label(label.name).side == "answer" or _PUPILS_ADDRESSED.fullmatch(label.name)) and (
                not generic_only or label.name.strip() in GENERIC_ANSWERS):  # "邝一凡同学：" opening a reply letter
            labels[opening] = Label(unit, label.content_offset, synthetic=True)


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


# a video platform's comments under a clip (up to the rule before the next clip), and each clip's title line ("▶ ……")
_COMMENTS = re.compile(r"^(?:热门评论|精彩评论|网友评论|评论区|全部评论|精选评论)[（(]?\d*[）)]?$")
_RULE = re.compile(r"^[━─—=＝\-_~～·•]{3,}$")


# who answers a Q&A column's entry, as a field on its own line above the answer ("答疑法官：温叙白（……立案庭庭长）
# 答复时间：2026-02-17 16:25"), the answer's time beside it
_ANSWERER_KEY = (r"^[【\[]?(?:\*\*|__)?(?:答疑法官|值班法官|答疑人|(?:本板|本期|本场|本版)?答疑专家|解答人|解答专家|答复人|回复人|回答人|答复单位|回复单位|"
                             r"接待领导|接访领导|带班领导|接待人|承办单位|办理单位|整改单位|(?:回应|答复|回复)(?:主体|部门))"
                 r"(?:\*\*|__)?[ \t\u3000]*[：:][ \t\u3000]*(?:\*\*|__)?")
_ANSWERER_FIELD = re.compile(_ANSWERER_KEY +  # "局长 祝松年": the name apart; a sentence names no one ("正在核实。")
                             r"(?P<who>[^\s：:。；;！？【】\[\]]{2,40}?(?:[ \t\u3000]+[\u4e00-\u9fff·]{2,4})?)(?:\*\*|__)?[】\]]?"
                             r"(?:[ \t\u3000]+[\u4e00-\u9fff]{2,6}[：:].*)?$")
# an entry's own fields, nobody's words: who asked by account or phone, when, how often read, its state
_ENTRY_FIELD = re.compile(r"^(?:[-*•][ \t]+)?(?:第\d{1,4}条[ \t\u3000]+)?(?:\*\*|__)?(?:提问人|提问者|提问时间|留言时间|答复时间|回复时间|浏览|浏览量|浏览次数|"
                          r"来访人|来访时间|接访时间|接待时间|接待地点|陪同接待|陪同人员|处理方式|办理情况|"
                          r"来电时间|来电人|来电类型|来电渠道|来电号码|工单号|工单编号|受理时间|诉求人|诉求类型|回访情况|回访结果|办结时间|反映人|反映渠道|反映时间|卡点环节|"
                          r"差评编号|评价时间|评价渠道|评价对象|评价等级|"
                          r"阅读|状态|办理状态|答复状态|处理状态|咨询单号|咨询编号|咨询方式|咨询时间|咨询渠道|抽查时间|抽查方式|检查时间)(?:\*\*|__)?[ \t\u3000]*[：:]")
# a column's entry title: its category in brackets, then the question as a headline ("[立案] 网上立案被退回了……吗？")
_TAGGED_TITLE = re.compile(r"^[\[【［](?P<tag>[\u4e00-\u9fff]{1,6})[\]】］][ \t\u3000]*[^。！!：:\n]{4,60}[？?]$")


_ASKER_FIELD = re.compile(r"^(?:[-*•][ \t]+)?(?:第\d{1,4}条[ \t\u3000]+)?(?:\*\*|__)?(?:提问人|提问者|留言人|咨询人|来访人|诉求人)(?:\*\*|__)?"
                          r"[ \t\u3000]*[：:](?:\*\*|__)?[ \t\u3000]*(?P<who>\S.{0,30}?)"
                          r"(?:[ \t\u3000]+[\u4e00-\u9fff]{2,6}[：:].*)?[ \t\u3000]*$")  # "第1条　提问人：……　提问时间：……"


# a record's field naming who asks: the official playing the citizen ("体验人\t市市场监督管理局党组书记、局长　杨永刚"),
# a panel's experts ("评审专家：……教授 史立平（组长）；市人大代表 何建平；……")
_ASKING_FIELD = re.compile(r"^[ \t\u3000]*(?P<key>体验人|体验者|暗访人|暗访者|体验官|评审专家|评审组|评委|专家组|提问专家|质询人|"
                           r"承办检察官|办案检察官|人民监督员|访谈人|采访人)"  # a 诉前磋商's prosecutor questions the units
                           r"[ \t\u3000]*[：:\t][ \t\u3000]*(?P<who>\S.*)$")


def askers_named_in_fields(lines: list[str], labels: list[Label | None]) -> None:
    """Whom a record's field names as asking ask under their own names ("杨永刚：我想……", "史立平：……？")."""
    names: set[str] = set()
    interviewers: set[str] = set()  # "访谈人：林小禾（……）": who interviews asks as a reporter does, by questions
    for line in lines:
        if field := _ASKING_FIELD.match(line):
            before = set(names)
            who = re.sub(r"[（(][^（）()]{1,20}[）)]", "", field["who"])  # "（组长）", "（文学院2026级汉语言文学）"
            names.update(p.name for p in parse_people(who) if p.name)
            for piece in re.split(r"[；;、，,]", who):  # "……教授 史立平", "市人大代表 何建平": the name that ends each
                if is_person_name(last := re.split(r"[ \t\u3000]+", piece.strip(" \t\u3000"))[-1]):
                    names.add(last)
            if field["key"] in ("访谈人", "采访人"):
                interviewers |= names - before
    for i, label in enumerate(labels):
        if label is not None and (name := re.sub(r"[（(][^（）()]{1,10}[）)]$", "", label.name)) in names:
            labels[i] = replace(label, name=f"{'记者' if name in interviewers else '提问人'} {label.name}")  # "蔺秋生（人民监督员）"


# a call's or a case's line of who took part, over its record: "*接警时间：……　接警员：乔雨萌　三方转接：……中心　话务员　韩晓*"
_PART_NAMED = re.compile(r"(?P<part>[\u4e00-\u9fff]{1,4}(?:员|警|官))[：:][ \t\u3000]*(?P<name>[\u4e00-\u9fff·]{2,4})(?=[ \t\u3000*_]|$)")
_PART_PASSED_TO = re.compile(r"转接[：:][ \t\u3000]*(?P<unit>[^\s：:*_]{2,30}?)[ \t\u3000]+(?P<part>[\u4e00-\u9fff]{1,4}(?:员|警|官))"
                             r"[ \t\u3000]+(?P<name>[\u4e00-\u9fff·]{2,4})(?=[ \t\u3000*_]|$)")


# a spot check's or a visit's line naming whom the record talks to: "抽查对象：临江街道办事处副主任　孙海燕（街道防汛责任人）"
_RECORD_SUBJECT = re.compile(r"^[ \t\u3000]*(?:抽查对象|被抽查人|检查对象|暗访对象|接访对象|回访对象)[ \t\u3000]*[：:][ \t\u3000]*"
                             r"(?P<desc>[^（(\n]{3,40}?)[ \t\u3000]*(?:[（(][^（）()\n]{1,20}[）)])?[ \t\u3000]*$")
_RECORD_FINDING = re.compile(r"(?:抽查|检查|暗访|核查|回访|走访)(?:情况|结果)")
_SUBJECT_ANSWERS = frozenset({"答", "被抽查人", "被检查人", "被访人", "受访人", "对方"})


def record_subjects(lines: list[str], labels: list[Label | None]) -> None:
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


# a line seating officials at a table, round by round: "【第二轮｜1号桌】入座：市文化广电和旅游局局长 屈星野、……"
_SEATED = re.compile(r"^[ \t\u3000]*(?:[【\[［][^】\]］\n]{1,20}[】\]］])?[ \t\u3000]*(?:入座|就座|落座|转桌|换桌)"
                     r"(?:嘉宾|领导|负责人)?[ \t\u3000]*[：:][ \t\u3000]*(?P<who>\S.{3,120})$")


def seated_titles(lines: list[str], labels: list[Label | None]) -> set[int]:
    """A bare post ("局长：", "副局长：") or a surname and post ("覃局长：") under a line seating officials is the one
    seated there with that post, up to the next such line (the same "副局长" is someone else at the next table).
    Returns the seating lines: no one's words."""
    seated: list[PersonDesc] = []
    seating: set[int] = set()
    for i, line in enumerate(lines):
        if match := _SEATED.match(line.strip()):
            seated = [p for piece in AFTER_ANOTHER.split(match["who"]) for p in parse_people(piece.strip()) if p.name]
            seating.add(i)
            continue
        if not seated or (label := labels[i]) is None:
            continue
        post = label.name.strip(" *_\u3000")
        title = short_title(post)
        person = next((p for p in seated if p.role and p.role.split("、")[-1] == post), None) or next(
            (p for p in seated if title and p.role and p.role.endswith(title[1]) and p.name.startswith(title[0])), None)
        if person is not None:
            labels[i] = replace(label, name=f"{person.org or ''}{person.role} {person.name}")  # as the seat line writes it
    return seating


def parts_named_per_record(lines: list[str], labels: list[Label | None]) -> None:
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


_QUESTION_KEYS = frozenset({"问题", "提问内容", "问题内容"})  # an export's field of the words asked, under "提问人："


def entry_askers(lines: list[str], labels: list[Label | None]) -> None:
    """An entry's question labelled by what it is ("问题描述：") is asked by the entry's "提问人：": each entry's
    question its own, though all are labelled alike."""
    asker = None
    for i, line in enumerate(lines):
        if field := _ASKER_FIELD.match(line.strip()):
            asker = field["who"].strip("*_ ")
        elif (label := labels[i]) is not None and asker and (label.name in _QUESTION_KEYS or (
                (reading := read_label(label.name)).side == "ask" and reading.word == "网友" and reading.nickname is None)):
            labels[i] = replace(label, name=f"提问人 {asker}")
            asker = None


_ANSWERER_KEY_ALONE = re.compile(_ANSWERER_KEY)
# a reply's own words: "答复意见", "办理回复", and where one stands ("回应情况", "办理状态")
_REPLYING = r"(?:答复|回复|回应|办理|处理)"
_REPLY_WORDS = re.compile(rf"{_REPLYING}(?:意见|内容|结果|回复|答复)?")
_STATUS_REPLY = re.compile(rf"{_REPLYING}(?:情况|状态|进展)")


def answerer_fields(lines: list[str], labels: list[Label | None], signatures: Collection[int] = ()) -> set[int]:
    """"答疑法官：温叙白（……）" on its own line: the answer below is 温叙白's, under a label that names no one
    ("答复意见：") too, up to the next question. Returns the fields that name no one but say where the answer stands
    ("回应主体：相关部门正在核实，……。"): no one's words, and no answer."""
    who, parts = None, {}
    pending: set[int] = set()
    named_fields = False
    for i, line in enumerate(lines):
        field = _ANSWERER_FIELD.match(line.strip()) if i not in signatures else None
        if field is None and i not in signatures and (key := _ANSWERER_KEY_ALONE.match(line.strip())) \
                and re.search(r"[。；;！？]", line[key.end():]):
            pending.add(i)
            who, parts = None, {}
            continue
        if who is None and named_fields and (label := labels[i]) is not None and _STATUS_REPLY.fullmatch(label.name):
            # "【回应情况】" over "该意见已转有关部门研究……" where a field names each reply's unit: no unit answered
            pending.add(i)
            words = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
            if not lines[i][label.content_offset:].strip() and words is not None and labels[words] is None:
                pending.add(words)  # the tag alone on its line, its words on the next
            continue
        named_fields = named_fields or field is not None
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
    return pending


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


def record_tags(lines: list[str], labels: list[Label | None]) -> set[int]:
    """The lines a record's own tag opens ("【现场定】", "【带回办】", "　　【调查员提示】" indented under an answer)."""
    return {i for i, label in enumerate(labels) if (label is not None and label.bracketed
            and _RECORD_TAG.fullmatch(label.name.strip())) or ((tag := _OPENING_TAG.match(lines[i].strip()))
                                                               and _RECORD_TAG.fullmatch(tag["tag"]))}


_OPENING_TAG = re.compile(r"^【(?P<tag>[^】\n]{2,10})】")


def tagged_entries(lines: list[str], labels: list[Label | None]) -> set[int]:
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
                        rf"(?P<plain>{_REPLYING}(?:意见|内容|结果)?|回答内容|处理情况|整改情况|整改结果|"
                        r"(?:主办|协办|会办|配合)单位(?:答复|回复|意见)?|"
                        r"(?P<unit>[\u4e00-\u9fff]{4,30}?(?:局|委|中心|办公室|政府|办事处))(?:整改情况|答复|回复|办理结果|答复意见))"
                        r"(?:\*\*|__)?[ \t\u3000]*[：:])(?:\*\*|__)?[ \t\u3000]*")
_UNIT_AND_PART = re.compile(r"(?P<unit>[^、，,（）()\s]{4,30})[（(](?P<part>[^（）()、，,\s]{1,8}?)(?:单位)?[）)]")
_PART_REPLIES = re.compile(r"(?P<part>主办|协办|会办|配合)单位(?:答复|回复|意见)?")


# a 公众号's 精选留言 as copied: "**海外仓打工人**　广东　1月20日" over the reader's words, the account's reply quoted under
# them ("> **作者**　回复：……"), its likes after ("👍 52")
_COMMENT_HEAD = re.compile(r"^(?:\*\*|__)(?P<nick>[^*_\n]{1,20})(?:\*\*|__)[ \t\u3000]+[^\n]{0,16}?\d{1,2}月\d{1,2}日[ \t\u3000]*$")
_QUOTED_REPLY = re.compile(r"^>[ \t]*(?:\*\*|__)?作者(?:\*\*|__)?[ \t\u3000]*(?:回复)?[：:][ \t\u3000]*")
_LIKES_LINE = re.compile(r"^[ \t]*(?:👍|赞)[ \t\u3000]*\d+[ \t]*$")
MIN_COMMENTS = 2


def quoted_comment_replies(lines: list[str], labels: list[Label | None]) -> set[int]:
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


def entry_furniture(lines: list[str], labels: list[Label | None]) -> set[int]:
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


def comments_and_titles(lines: list[str]) -> set[int]:
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


def answers_after_questions(labels: list[Label | None], aside: set[int]) -> None:
    """A page whose questions are labelled and whose answers are not (a video's "网友问：……" then the head's words):
    the first unlabelled line after each question answers it, for the one the page is about."""
    first = next((i for i, label in enumerate(labels) if label is not None and read_label(label.name).side == "ask"),
                 len(labels))
    readings = [(read_label(label.name), label) for label in labels[first:] if label is not None]  # header keys aside
    # who answers, named ("发布于 …18" is not), or a unit a field or a reply names ("承办单位：……局")
    answering = [r for r, label in readings if r.side == "answer" and (r.word or r.person or r.title or (
        label.synthetic and is_unit_name(label.name)) or _REPLY_WORDS.fullmatch(label.name.strip(" *_")))]  # "办理回复："
    if answering or sum(1 for r, _ in readings if r.side == "ask") < MIN_UNANSWERED_QUESTIONS:
        return
    for i, label in enumerate(labels):
        if label is None or read_label(label.name).side != "ask":
            continue
        following = next((j for j in range(i + 1, len(labels)) if j not in aside), None)
        if following is not None and labels[following] is None:
            labels[following] = Label("答", 0, synthetic=True)
