"""Speaker labels that open a turn ("记者：", "【主持人】：", "09:31:06 主持人", "邢海文：") and who they are."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text import to_simplified

ROLE_UNIT = (
    r"(?:一级|二级|三级|四级)?(?:机关党委|党组|党委|党工委|党总支|党支部)?(?:常务)?(?:副)?"
    r"(?:书记|局长|厅长|处长|科长|部长|主任|院长|所长|站长|队长|馆长|校长|行长|社长|会长|理事长|秘书长|主席|"
    r"巡视员|调研员|总经理|经理|董事长|总工程师|总经济师|总会计师|新闻发言人|发言人|负责人|成员|委员|市长|区长|"
    r"县长|镇长|乡长|总编辑|专员|督察长|总监|干部)"
)
MAX_OUTLET_LABEL_CHARS = 12  # a longer label is a sentence with a colon, not a speaker
PERSON_NAME_CHARS = (2, 4)  # a Chinese personal name
ROLE = rf"{ROLE_UNIT}(?:[、，,\s兼和及]*{ROLE_UNIT})*"
ORG_SUFFIX = r"(?:管委会|委员会|办公室|管理区|局|厅|委|办|部|院|中心|署|所|会|公司|集团|政府|处|站|队|馆|园区|大学|医院)"
_ROLE_FULL = re.compile(rf"^{ROLE}$")
_ROLE_ANY = re.compile(ROLE_UNIT)
_ORG_END = re.compile(rf"{ORG_SUFFIX}$")

_TIMESTAMP = re.compile(r"^(?P<time>\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)[ \t\u3000]+(?P<name>[^：:。，！？；\n]{1,40}?)"
                        r"[ \t\u3000]*(?:[：:][ \t\u3000]*|$)")
_BRACKET = re.compile(r"^(?P<md>\*\*|__)?【(?P<name>[^】\n]{1,40})】(?P=md)?[ \t\u3000]*[：:]?(?:\*\*|__)?[ \t\u3000]*")
_PLAIN = re.compile(r"^(?P<md>\*\*|__)?(?P<name>[^：:\n。，！？；,!?“”\"'()（）《》【】*]{1,24}?)[ \t\u3000]*"
                    r"(?P=md)?[：:](?:\*\*|__)?[ \t\u3000]*")
_ASCII_LABEL = re.compile(r"^(?:Q|A|Q\d+|A\d+|Host|Reporter|Interviewer|Interviewee)$", re.I)
_ASKER = re.compile(r"记者|主持|^问\d*$|^Q\d*$|提问|采访者|^Host$|^Reporter$|^Interviewer$", re.I)
_ANSWERER = re.compile(r"^答\d*$|^A\d*$|^Interviewee$", re.I)
_OUTLET = re.compile(r"报|电视|广播|新闻|媒体|传媒|网$|台$|社$|壹点|客户端|杂志|频道|融媒")
# Whom a speech addresses, not who speaks: "新闻界的各位朋友：大家上午好！", "女士们、先生们：", "尊敬的各位来宾："
_SALUTATION = re.compile(r"各位|诸位|尊敬的|亲爱的|们$|^大家$")
KNOWN_ROLES = re.compile(r"^(?:记者|问|答|主持人|Q|A|Q\d+|A\d+|问\d+|答\d+)$", re.I)
NOT_LABELS = re.compile(
    r"^(?:编者按|编者的话|编后|导语|摘要|原标题|标题|来源|稿源|责任编辑|编辑|校对|审核|作者|通讯员|摄影|图|文|时间|地点|"
    r"日期|注|附|备注|关键词|链接|网址|电话|邮箱|地址|说明|提示|本期嘉宾|嘉宾|主题|访谈嘉宾|访谈主题|访谈时间)$"
)


@dataclass(frozen=True, slots=True)
class Label:
    """A speaker label at the start of a line: who speaks and where their words start in that line."""

    name: str
    content_offset: int  # in the line, after the label and its colon
    bracketed: bool = False
    timestamped: bool = False
    explicit_colon: bool = True


def find_label(line: str) -> Label | None:
    """The speaker label opening `line`, if the line has the shape of one (acceptance is decided per document)."""
    if match := _TIMESTAMP.match(line):
        name = match.group("name").strip(" *_")
        if name and not NOT_LABELS.match(name):
            return Label(name, match.end(), timestamped=True)
    if match := _BRACKET.match(line):
        name = re.sub(r"\s+", " ", match.group("name").strip())
        return Label(name, match.end(), bracketed=True)
    if match := _PLAIN.match(line):
        name = match.group("name").strip()
        if not name or NOT_LABELS.match(name) or re.fullmatch(r"[\d\s.:]+", name) or "http" in name.lower():
            return None
        if _SALUTATION.search(name):
            return None
        if re.fullmatch(r"[A-Za-z0-9 ]+", name) and not _ASCII_LABEL.match(name):
            return None
        if re.search(r"[:/\\=<>]", name):
            return None
        return Label(name, match.end())
    return None


def is_asker(name: str, interviewee: str | None = None) -> bool:
    """Whether a label belongs to the side that asks (reporter, host, outlet) rather than the one that answers."""
    name = to_simplified(name)  # 記者 is 记者
    bare = name.split()[-1] if name.split() else name
    if _ANSWERER.match(name) or (interviewee and interviewee in name):
        return False
    if _ASKER.search(name):
        return True
    if _ROLE_ANY.search(name):
        return False
    return bool(_OUTLET.search(bare))


def accepted_labels(candidates: list[Label], intro_text: str) -> set[str]:
    """Names that really are speakers: known roles, bracketed or timed labels, outlets, repeated ones, named in the intro."""
    counts: dict[str, int] = {}
    for label in candidates:
        counts[label.name] = counts.get(label.name, 0) + 1
    accepted = set()
    for label in candidates:
        name = to_simplified(label.name)
        if (
            label.bracketed
            or label.timestamped
            or KNOWN_ROLES.match(name)
            or _ASCII_LABEL.match(name)
            or "记者" in name
            or "主持" in name
            or counts[label.name] >= 2
            or (len(name) <= MAX_OUTLET_LABEL_CHARS and _OUTLET.search(name) and not _ROLE_ANY.search(name))
            or (len(label.name) >= 2 and label.name in intro_text)
        ):
            accepted.add(label.name)
    # A name that answers right after an accepted asker is a speaker too (a one-question interview: 记者：… 张三：…).
    for previous, label in zip(candidates, candidates[1:]):
        if previous.name in accepted and is_asker(previous.name) and not is_asker(label.name) and len(label.name) <= MAX_OUTLET_LABEL_CHARS:
            accepted.add(label.name)
    return accepted


def split_org_role(desc: str) -> tuple[str | None, str | None]:
    """"威海市海洋发展局党组书记、局长" -> ("威海市海洋发展局", "党组书记、局长"); (None, None) when it is neither."""
    desc = desc.strip(" ，,、")
    if _ROLE_FULL.match(desc):
        return None, desc
    for end in range(2, len(desc)):
        org, role = desc[:end], desc[end:].strip()
        if _ORG_END.search(org) and _ROLE_FULL.match(role):
            return org.strip(), role
    if _ORG_END.search(desc):
        return desc, None
    return None, None


def bracket_parts(name: str) -> tuple[str | None, str | None, str]:
    """"威海市海洋发展局 局长 邢海文" or "威海市海洋发展局局长邢海文" -> (bureau, role, person); "主持人" -> (None, None, "主持人")."""
    parts = name.split()
    if len(parts) == 1:
        last_role = None
        for last_role in _ROLE_ANY.finditer(name):
            pass
        person = name[last_role.end() :] if last_role else ""
        if last_role and PERSON_NAME_CHARS[0] <= len(person) <= PERSON_NAME_CHARS[1]:
            org, role = split_org_role(name[: last_role.end()])
            return org, role, person
        return None, None, name
    person = parts[-1]
    org, role = split_org_role("".join(parts[:-1]))
    if org is None and role is None and len(parts) >= 3:
        org, role = parts[0], " ".join(parts[1:-1])
    return org, role, person


_ROLE_IN_BRACKETS = re.compile(r"^(?P<person>[^（(）)\s]{2,4})\s*[（(](?P<desc>[^（(）)]{2,40})[）)]$")


def is_generic_answerer(name: str) -> bool:
    """"答", "A", "Interviewee": a label that says someone answers, not who."""
    return bool(_ANSWERER.match(name))


def speaker_parts(label: str) -> tuple[str | None, str | None, str]:
    """The bureau, role and person of any answerer label: "澜州市海洋与渔业局副局长 许文涛", "市海洋与渔业局副局长许文涛",
    "许文涛（副局长）", "许文涛" (role and bureau None); "答" stays "答"."""
    label = label.strip()
    if match := _ROLE_IN_BRACKETS.match(label):
        org, role = split_org_role(match.group("desc"))
        if org or role:
            return org, role, match.group("person")
    return bracket_parts(label)
