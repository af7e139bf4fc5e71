"""The header block above a transcript: "访谈主题：…", "访谈时间：…", "访谈嘉宾：" with one guest a line, "发布人：…",
"主持人：…", "地点：…", "来源：…", and the same as table rows of a .docx or a web page ("发布机构\t溪宁市农业农村局\t
发布日期\t2024-05-20"), several fields on one line ("来源：溪宁市人民政府网　　发布时间：2024-05-16").

A line is a header field when its key is one of these and what follows is a value, not a sentence: "主持人：林悦"
in the header is the host's name; "主持人：各位网友，大家好！" is the host speaking.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.parsing.metadata import is_boilerplate
from index.parsing.people import PersonDesc, is_person_name, parse_people, parse_person, split_org_role
from index.text import to_simplified

_KEYS = {
    "topic": ("访谈主题", "主题", "访谈题目", "题目", "标题", "发布会主题", "访谈话题", "稿件标题", "本期主题", "Subject"),  # and a mail's 主题
    "time": ("访谈时间", "时间", "发布时间", "日期", "发布日期", "直播时间", "召开时间", "成文日期", "访谈日期", "采访时间",
             "播出", "播出时间", "首播", "见报日期", "刊发日期", "出版日期", "发送时间", "会议时间", "Sent", "Date"),
    "place": ("地点", "访谈地点", "发布会地点", "会议地点", "采访地点"),
    "guests": ("访谈嘉宾", "嘉宾", "本期嘉宾", "嘉宾介绍", "发布人", "出席人员", "出席嘉宾", "出席领导", "受访者", "受访人",
               "访谈对象", "主讲人", "主讲", "列席单位", "列席领导", "出席单位", "接待代表", "出镜", "本期出镜", "出镜嘉宾", "新闻发言人", "发言人", "答问人", "解读人", "本期上场", "上场嘉宾", "问政对象",
               "点评嘉宾", "特邀嘉宾", "点评专家", "本期上线单位及嘉宾", "上线单位及嘉宾", "上线嘉宾", "本期上线嘉宾",
               "做客嘉宾", "本期做客嘉宾", "应询人员", "应询人", "应询单位及人员", "到会应询人员", "参与回复人员",
               "回复人员", "答复人员", "列席人员", "列席", "口述人", "口述者", "宣讲答疑", "宣讲人", "宣讲人员", "答疑人员", "宣讲嘉宾",
               "答疑嘉宾", "本期作者", "到场答复", "现场答复", "到场领导", "到场嘉宾", "答复领导", "答辩单位", "答辩人", "答辩人员",
               "巡河河长", "巡查河长", "陪同人员", "陪同", "磋商对象", "被磋商单位",
               "被申请人代理人", "被申请人委托代理人"),  # a 行政复议 hearing: the unit under review answers  # a column's author this issue, who answers in it ("我的回答：")
    "host": ("主持人", "主持", "节目主持人", "访谈主持人", "节目主持", "主播", "主审人"),
    "reporter": ("记者", "采访记者", "主持记者", "采访人", "作者", "访谈人"),  # "记者：芷川广播电视台 何思远" in a header, not a question
    "source": ("来源", "信息来源", "稿源", "发布机构", "发布单位", "发文机关", "解读机关", "解读单位", "发布部门", "主办单位",
               "供稿单位", "解读部门", "起草单位", "发件人", "主办", "出品", "出品单位", "From"),
    "other": ("访谈状态", "索引号", "主题分类", "文号", "有效性", "浏览次数", "阅读次数", "点击数", "阅读", "字号", "访谈栏目", "栏目",
              "所属栏目", "访谈形式", "责任编辑", "编辑", "审核", "生效日期", "失效日期", "公开方式", "分类", "现场市民代表",
              "答复类型", "办理结果", "公开属性", "访谈平台", "直播平台", "访谈方式", "现场评议员", "评议员", "版次", "字数", "稿件状态",
              "导出时间", "稿件编号", "签发人", "签发时间", "播出频率", "热线电话",
              "短信平台", "微信公众号", "收件人", "抄送", "附件", "To", "Cc", "Attachments", "带队", "带队领导", "走访企业",
              "走访单位", "走访对象", "所有者", "创建者", "最近修改", "最后修改", "最后编辑", "最近编辑", "参会人员", "记录人",
              "本次议题", "会议议题", "议题", "记录", "承办", "承办单位", "协办", "协办单位", "参加人员", "本文作者",
              "播出范围", "播出频次", "撰稿", "撰稿人", "播音", "播音员", "录制", "监制",  # a broadcast script's head
              "期数", "片长", "时长", "联合制作", "制作", "发布平台",  # and a video's
              "评审专家", "评审组", "评委", "专家组", "提问专家", "体验人", "体验方式", "体验事项",  # and a panel's askers
              "档号", "采集单位", "整理", "整理人", "形式", "发布形式", "发布方式", "承办检察官", "办案检察官", "人民监督员",
              "听审时间", "听审地点", "听审员", "申请人", "申请人代理人", "申请人委托代理人", "被申请人", "旁听人员",
              "客厅主人", "群众代表",  # a 政协 委员会客厅's hosts (its members, who ask) and the public  # and an oral history's record
              "播出平台", "播出渠道", "同步直播", "直播渠道", "文字整理", "整理单位", "速记", "文字速记"),  # a programme's transcript
}
_KEY_OF = {key: kind for kind, keys in _KEYS.items() for key in keys}
_FIELD = re.compile(r"^[【\[［]?(?P<key>[\u4e00-\u9fff \u3000]{2,12}?|From|Sent|Date|To|Cc|Subject|Attachments)[】\]］]?"
                    r"[ \t\u3000]*[：:][ \t\u3000]*(?P<value>.*)$")
_CELLS = re.compile(r"\t+")
# a key spaced out to line up with longer ones: "地    点：", "主 持 人："
_SPACED_KEY = re.compile(r"^(?:[\u4e00-\u9fff][ \u3000]+){1,3}[\u4e00-\u9fff](?=[ \u3000]*[：:])")
# "韩立峰　渚阳市生态环境局党组书记、局长": a guest's name, then unit and title (a video's name caption), with no key
_NAME_FIRST = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,4})[ \t\u3000]+[\u4e00-\u9fff]")
_FIELDS_ON_ONE_LINE = re.compile(r"[ \t\u3000]{2,}|\t")
_SENTENCE = re.compile(r"[。！？!?]|[，,].*[，,]")
MAX_VALUE_CHARS = 80  # a longer "key：…" line is a sentence
MAX_KEY_CHARS = 8  # a key alone on its line, no colon, is at most this long ("接待时间", "主 持 人")
# what follows a source on a news page's info line, one space apart ("来源：松陵日报 记者：苏晴 2024-08-06 07:30")
_SOURCE_TAIL = re.compile(r"\s+(?=(?:全媒体|融媒体|首席|见习|特约)?(?:记者|作者|通讯员|编辑|责任编辑|发布时间|更新时间|时间|日期)|"
                          r"(?:19|20)\d{2}\s*[-/年.]|[\u4e00-\u9fff]{2,6}[：:])")  # or any other key: "解读文件：《…》"


# the next field on one line, one space after a value or run into it ("…15:00 地点：…中心发布人：……", as a PDF line
# joins them): a known key of who speaks, hosts, where or when, then its colon
_NEXT_KEY = re.compile(r"[ \t]+(?=(?:发布人|主持人|嘉宾|访谈嘉宾|出席人员|地点|时间)[：:])|"
                       r"(?<=[\u4e00-\u9fff])(?<!新闻)(?=(?:发布人|主持人|访谈嘉宾|出席人员)[：:])")
_MAIL_ADDRESS = re.compile(r"[ \t]*<[^<>@]+@[^<>]+>[;；]?")  # a space in it too: a hard-wrapped copy cut it there


def _plain(line: str) -> str:
    """A line without Markdown emphasis and list bullets ("- **发布人**：")."""
    return re.sub(r"^(?:[-*+•·●]|\d+[.)])[ \t]+", "", re.sub(r"\*\*|__", "", line.strip())).strip()


# a list entry that names someone first, then says who they are: "叶知秋（YZQ）：篁澍市人社局党组成员、副局长"
_NAME_THEN_DESC = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,4})[ \t\u3000]*(?:[（(][A-Za-z]{1,5}[）)])?[ \t\u3000]*[：:][ \t\u3000]*"
                             r"(?P<desc>[^：:。！？]{2,60})$")
_MENTIONS_ONLY = re.compile(r"^(?P<key>[\u4e00-\u9fff]{2,10})[：:][ \t\u3000]*(?P<value>(?:@[^\s@]{2,20}[ \t\u3000]*)+)$")
# an entry of a list of people by mention: "@俞牧之　篁澍市工业和信息化局党组成员、副局长"
LISTED_MENTION = re.compile(r"^@(?P<name>[^\s@：:]{2,20})[ \t\u3000]+(?P<desc>\S.{1,60})$")
# a heading that is only a guests or host key ("## 本期嘉宾", "## 主播"): the list under it
_KEY_HEADING = re.compile(r"^(?:#{1,6}[ \t]+(?P<key>[\u4e00-\u9fff]{2,8})|"
                          r"(?:\*\*|__)(?P<bold>[\u4e00-\u9fff]{2,8})(?:\*\*|__))$")


def _listed_person(line: str) -> str:
    """A guest list's entry as unit, role and name ("篁澍市人社局党组成员、副局长 叶知秋"), or the line itself."""
    line = _plain(line)
    if mention := LISTED_MENTION.match(line):  # "@俞牧之　篁澍市工业和信息化局党组成员、副局长"
        return f"{mention['desc']} {mention['name']}" if is_person_name(mention["name"]) else mention["desc"]
    match = _NAME_THEN_DESC.match(line)
    return f"{match['desc']} {match['name']}" if match and is_person_name(match["name"]) else line


def field_key(key: str) -> str | None:
    """The kind of a header key, spaces ignored ("主 持 人" is 主持人); None when it is none."""
    key = re.sub(r"[ \u3000]+", "", to_simplified(key))  # 訪談嘉賓 is 访谈嘉宾
    return _KEY_OF.get(key) or ("guests" if _GUESTS_KEY.fullmatch(key) else None)


# a key naming the guests of some kind of programme or the answerers of an issue: "直播嘉宾", "连线嘉宾", "本期答复人"
_GUESTS_KEY = re.compile(r"[\u4e00-\u9fff]{1,4}(?:嘉宾|答复人|回复人|答问人|答疑人)|本期答疑|答疑人员|(?:送单|答疑|服务|宣讲)团队|"
                         # a video conference's venues: "主会场：……局长 桑际川；……", "浰西县分会场、浰城区分会场：……"
                         r"(?:[\u4e00-\u9fff]{0,8}?(?:主会场|分会场)、)*[\u4e00-\u9fff]{0,8}?(?:主会场|分会场)|"
                         r"(?:通报|介绍|发布)(?:及|和|并)?(?:答问|答疑)|"  # "通报及答问：" over the officials' lines
                         r"[\u4e00-\u9fff]{0,6}(?:答疑|解答|出席|到场)的(?:有|是)")  # "本期到场答疑的有："


def read_fields(line: str) -> list[tuple[str, str]] | None:
    """(kind, value) of each header field on a line; None when the line is not made of header fields."""
    if (heading := _KEY_HEADING.match(line.strip())) and field_key(key := heading["key"] or heading["bold"]) in (
            "guests", "host"):  # "## 本期嘉宾", "**本期答复人**": the list under it
        return [(field_key(key) or "other", "")]
    if (mentions := _MENTIONS_ONLY.match(_plain(line))) and field_key(mentions["key"]) is None:
        return [("other", mentions["value"])]  # "企业服务专员：@钟离晴 @费一鸣": who is on it, by mention
    line = _SPACED_KEY.sub(lambda m: re.sub(r"[ \t\u3000]+", "", m[0]), _plain(line))  # "地    点：", "主 持 人："
    cells = [c.strip() for c in _CELLS.split(line) if c.strip()]
    if len(cells) >= 2 and all(field_key(c.rstrip("：:")) is not None for c in cells[0::2]):
        return [(field_key(k.rstrip("：:")) or "other", v) for k, v in zip(cells[0::2], cells[1::2] + [""])]
    fields: list[tuple[str, str]] = []
    for piece in _FIELDS_ON_ONE_LINE.split(_NEXT_KEY.sub("  ", line)):
        piece = piece.strip()
        if not piece:
            continue
        match = _FIELD.match(piece)
        kind = field_key(match["key"]) if match else None
        if match is None or kind is None:
            if fields and kind is None and match is None:  # a value with spaces in it: "溪宁广播电视台主持人　苏晴"
                fields[-1] = (fields[-1][0], f"{fields[-1][1]} {piece}".strip())
                continue
            return None
        value = match["value"].strip()
        fields.append((kind, _SOURCE_TAIL.split(value, 1)[0] if kind == "source" else value))
    if not fields:
        return None
    for kind, value in fields:
        if len(value) > MAX_VALUE_CHARS or (kind in ("guests", "host", "reporter") and value and _SENTENCE.search(value)):
            return None
        cut_off = not value and len(fields) > 1 and (kind, value) == fields[-1]  # "……　作者：" / its name a line down
        if kind == "reporter" and not cut_off and (not value or _SENTENCE.search(value) or re.search(r"[？?]", value)):
            return None  # "记者：骆科长，您好！……？" asks
        if kind == "host" and value and host_person(value) is None and not value.startswith("@"):
            return None  # "主持人：好的" speaks; "主持人：@茗川发布" is the host's account
    return fields


# a host called by a screen name, the real name in brackets: "“涔岙人社”新媒体主播　岙岙（宁小溪）"
_SCREEN_NAME = re.compile(r"^(?P<desc>.*?)[ \t\u3000]*(?P<screen>[^\s（()）“”\"、，,：:]{1,8})"
                          r"[（(](?P<real>[\u4e00-\u9fff·]{2,4})[）)]$")


def host_person(value: str) -> PersonDesc | None:
    """The host a header field names: a person (parse_person), or one called on air by a screen name with the real
    name in brackets, who is then the screen name (what the transcript's lines are labelled with)."""
    if (person := parse_person(value)) is not None:
        return person
    if (match := _SCREEN_NAME.match(value.strip())) and is_person_name(match["real"]):
        desc = re.sub(r"[“”\"]", "", match["desc"]).strip()
        org, role = split_org_role(desc) if desc else (None, None)
        return PersonDesc(match["screen"], org, role)
    return None


def is_guest_line(line: str) -> bool:
    """A line of a guest list: one or more people described by unit, role and name, or a unit's 负责人 unnamed
    ("……发展和改革委员会有关负责人"), and nothing else."""
    line = _listed_person(line).strip("·•-—● ")
    if not line or len(line) > MAX_VALUE_CHARS or _SENTENCE.search(line):
        return False
    people = parse_people(line) or parse_people(_NOTE_AFTER.sub("", line))  # "……检察官　蒲岚（峒山中学法治副校长）"
    return (bool(people) and all(p.name and (p.org or p.role) for p in people)) or \
        _unit_head(_NOTE_AFTER.sub("", line)) is not None


_NOTE_AFTER = re.compile(r"[（(][^（）()]{2,30}[）)]$")  # "……相关负责人（应本人要求不出现姓名）": a note after who it is
_HEAD_ROLE = re.compile(r"(?:有关|相关)?负责(?:人|同志)")


def _unit_head(line: str) -> PersonDesc | None:
    """A unit's 负责人 named by role alone ("湝峂市发展和改革委员会有关负责人")."""
    person = parse_person(line)
    return person if person and not person.name and person.org and person.role and \
        _HEAD_ROLE.fullmatch(person.role) else None


@dataclass(slots=True)
class Header:
    """What the header block says."""

    topic: str | None = None
    time: str | None = None
    place: str | None = None
    guests: list[PersonDesc] = field(default_factory=list)
    host: PersonDesc | None = None
    sources: list[str] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)  # indexes of the lines that were header fields or guest lines


def _host_below(line: str) -> str | None:
    """The host's name on the line under "主持人：" ("林悦"), or under "## 主播" with who they are ("小满（XM）：……工作室":
    a name as the host is called, which no surname list need know)."""
    line = _plain(line)
    if match := _NAME_THEN_DESC.match(line):
        return match["name"]
    return line if is_person_name(line) else None


def _caption_of_guest(line: str) -> bool:
    """"韩立峰　渚阳市生态环境局党组书记、局长": a name, then its unit and title, and nothing said (no colon)."""
    line = _plain(line)
    match = _NAME_FIRST.match(line)
    return match is not None and is_person_name(match["name"]) and not re.search(r"[：:]", line)


def _value_below(lines: list[str], labels: Sequence[object | None], i: int) -> str | None:
    """The line under an empty field when it is that field's value: no field, label or sentence itself."""
    if i + 1 >= len(lines) or labels[i + 1] is not None:
        return None
    below = _plain(lines[i + 1]).strip()
    if not below or len(below) > MAX_VALUE_CHARS or _SENTENCE.search(below) or read_fields(below) is not None:
        return None
    return below


def _ends_in_key(name: str) -> bool:
    """A label whose last word is a header field's key: a field line's tail, not a speaker."""
    words = re.split(r"[ \t\u3000]+", name.strip())
    return len(words) > 1 and field_key(words[-1]) is not None


# a page's counter after the source on its line: "来源：漎岧日报　　阅读 2.1万"
_READ_COUNT = re.compile(r"[ \t\u3000]+(?:浏览|阅读|点击)(?:次数|量)?[:：]?[ \t\u3000]*[\d.,，]+万?\+?次?$")


def read_header(lines: list[str], labels: Sequence[object | None]) -> Header:
    """The header fields above the first turn (the first labelled line that is no header field); a guests key with
    nothing after it takes the guest lines that follow it (and is a speaker's label when none follows)."""
    header = Header()
    collecting = False
    # a guest's line (name, unit and title, no colon) that comes again is a speaker's, over their words each time (a
    # forum's transcript): then no such line is a caption of the header
    seen: dict[str, int] = {}
    for line in lines:
        seen[line.strip()] = seen.get(line.strip(), 0) + 1
    speaker_lines = any(seen[line.strip()] >= 2 and _caption_of_guest(line) for line in lines if line.strip())
    for i, line in enumerate(lines):
        if i in header.lines:  # the name under "主持人：", read with it
            continue
        fields = read_fields(line)
        if fields is None and is_boilerplate(line):  # "当前位置：首页 > 在线访谈" above the header
            continue
        if fields is None and (kind := field_key(_plain(line))) is not None and len(_plain(line)) <= MAX_KEY_CHARS:
            fields = [(kind, "")]  # "接待代表" alone on its line, its value on the lines below (a table's cells)
        if fields == [("host", "")] and i + 1 < len(lines) and (host := _host_below(lines[i + 1])):
            header.host = header.host or parse_person(host) or PersonDesc(host, None, None)  # the name on the next line
            header.lines.update((i, i + 1))
            continue
        if fields is not None and len(fields) == 1 and not fields[0][1] and fields[0][0] not in ("guests", "host") \
                and (value := _value_below(lines, labels, i)) is not None:
            fields = [(fields[0][0], value)]  # "索引号：" and its value a line below: a table's cells a line each
            header.lines.add(i + 1)
        if fields is None:
            if (collecting or _caption_of_guest(line)) and is_guest_line(line) and not speaker_lines:
                listed = _listed_person(line).strip("·•-—● ")
                header.guests.extend(parse_people(listed) or parse_people(_NOTE_AFTER.sub("", listed))
                                     or [p for p in [_unit_head(_NOTE_AFTER.sub("", listed))] if p])
                header.lines.add(i)
                continue
            collecting = False
            if labels[i] is not None and not _ends_in_key(getattr(labels[i], "name", "")):
                break  # (not "祁念安　　浏览次数：1024", the rest of a field line cut after its "作者：")
            continue
        if any(kind in ("guests", "host") and not value for kind, value in fields) and len(fields) == 1 and (
                i + 1 >= len(lines) or not is_guest_line(lines[i + 1])):
            if labels[i] is not None:
                break  # "主持人：" with the words on the next line: the host speaking
            continue
        header.lines.add(i)
        collecting = False
        for kind, value in fields:
            if kind == "guests":
                header.guests.extend(parse_people(value))
                collecting = True
            elif kind == "host":
                header.host = header.host or host_person(value)
            elif kind == "source" and value:
                header.sources.append(_READ_COUNT.sub("", _MAIL_ADDRESS.sub("", value)).strip(' "“”'))  # a mail's "单位" <x@y>: the unit
            elif kind in ("topic", "time", "place") and value and getattr(header, kind) is None:
                setattr(header, kind, value)
    return header
