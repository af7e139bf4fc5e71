"""Forms filled in at a service window and published together (一次性告知单, 咨询登记表, 答复单): each form's fields one
to a line, the key then the value ("咨询内容\t……", "告知内容\t1．……", "告知窗口\t市医疗保障局窗口", "告知人\t医保窗口工作人员
聂晓彤"). Read as the question (咨询内容, a 追问) and the answer of whoever signs the form, credited to the unit of the
window they sign for; a supplementary answer ("补充告知（税务）") to whoever signs as its 补充告知人."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.parsing.metadata import is_boilerplate
from index.parsing.orgs import is_unit_name
from index.parsing.people import is_person_name, split_org_role
from index.parsing.reflow import unwrap

_FIELD = re.compile(r"^[ \t\u3000]*(?P<key>[\u4e00-\u9fff]{2,8}(?:[（(][\u4e00-\u9fff]{1,16}[）)])?)"
                    r"(?:\t|[ \u3000]{2,}|[ \t\u3000]*[：:])[ \t\u3000]*(?P<value>\S.*)$")
_KEY_ALONE = re.compile(r"^[ \t\u3000]*(?P<key>[\u4e00-\u9fff]{2,8})[ \t\u3000]*[：:][ \t\u3000]*(?P<value>)$")  # "意见内容：" over its lines
_ASK_KEY = re.compile(r"(?:咨询|诉求|反映|来电|来信|求助|意见|投诉|吹哨)(?:内容|事项|问题)|问题描述|"
                      r"(?:办事人|办事群众|咨询人|来电人|群众|企业)?(?:追问|再问|补充咨询)")
_ANSWER_KEY = re.compile(r"(?P<extra>追加|补充)?(?:追问|配合(?:部门|单位)|现场)?(?:告知|答复|回复|解答|回应)(?:内容|意见|说明)?"
                         r"(?:[（(](?P<who>[\u4e00-\u9fff]{1,16})[）)])?")  # "追问回应（苗家宁）", "配合部门回应（……局）"
_SIGNER_KEY = re.compile(r"(?P<extra>补充)?(?:告知|答复|回复|解答|经办|承办|报到)人")
_UNIT_KEY = re.compile(r"(?P<extra>补充)?(?:告知|答复|回复|解答|经办|承办|处理|办理|报到)(?:窗口|单位|部门|科室)")
# "回复内容：（暂无）", "（正在办理中，办结后补充公示）": not answered yet; "回复人：—": no one named
_NO_ANSWER_YET = re.compile(r"[（(]?(?:暂无|无|待回复|待答复|办理中)[）)]?|[—-]+|[（(][^（）()]{0,8}(?:暂无|办理中|整理中|待回复|待答复)[^（）()]{0,20}[）)]"
                            r"|[（(][^（）()]{0,30}(?:办结后|正在)[^（）()]{0,30}(?:公开|公示|答复|回复)[^（）()]{0,10}[）)]")
_UNIT_PARTS = re.compile(r"(?P<unit>[^、，,（）()]{2,40})[（(](?P<part>主办|协办|牵头|配合)[）)]")  # "……局（主办）、……公司（协办）"
_STATIONED = re.compile(r"(?:驻中心|驻厅|进驻|入驻)$")  # "市不动产登记中心驻中心窗口": the 市不动产登记中心's
_DESC_THEN_NAME = re.compile(r"^(?P<desc>\S.{1,40}?)[ \t\u3000]+(?P<name>[\u4e00-\u9fff·]{2,4})$")
_VALUE_GOES_ON = re.compile(r"[（(][\u4e00-\u9fff]{1,6}[）)](?:[、，,][^\s：:]{2,40})?")  # "（协办）" cut off its unit
_RULE = re.compile(r"[─━═\-—_=*·]{3,}")
_NAMED_COMPANY = re.compile(r"[\u4e00-\u9fff]{4,}(?:有限公司|有限责任公司|集团|公司)")
_COMPANY = re.compile(r"(?:有限公司|有限责任公司|集团)(?:[\u4e00-\u9fff]{2,8}?(?:分公司|子公司))?$")
MIN_FORMS = 2


@dataclass
class _Answer:
    extra: str  # "补充" when a supplementary answer, signed by its own 补充告知人
    paragraphs: list[str]
    who: str | None = None  # whom its key names in brackets ("追问回应（苗家宁）", "配合部门回应（……住房和城乡建设局）")


@dataclass
class _Form:
    turns: list[tuple[str, list[str]] | _Answer] = field(default_factory=list)  # ("ask", paragraphs) or an answer
    signers: dict[str, str] = field(default_factory=dict)  # "" or "补充" -> the signer's words
    units: dict[str, str] = field(default_factory=dict)


def _key_kind(key: str) -> tuple[str, str] | None:
    """("ask" | "answer" | "signer" | "unit", the 补充 of a supplementary part) of a form's key, None for other fields."""
    if _ASK_KEY.fullmatch(key):
        return "ask", ""
    for kind, pattern in (("signer", _SIGNER_KEY), ("unit", _UNIT_KEY), ("answer", _ANSWER_KEY)):
        if match := pattern.fullmatch(key):
            return kind, match["extra"] if match["extra"] == "补充" else ""
    return None


def _signer(signer: str | None, unit: str | None, publisher: str | None) -> tuple[str, str | None]:
    """(the label, the line that lists them among the 答问人): "聂晓彤" and "市医疗保障局医保窗口工作人员　聂晓彤", the signer
    named with the unit of the window they sign for and their post (a window of no unit named is the publisher's
    own); the window's unit alone when no one signs."""
    org = unit_of(unit) or publisher or ""
    if not signer or _NO_ANSWER_YET.fullmatch(signer):  # "回复人：—": the unit as itself
        return org or "答", None
    named = _DESC_THEN_NAME.match(signer)
    if named is None:
        return signer, None
    desc = named["desc"]
    if _NAMED_COMPANY.match(split_org_role(desc)[0] or ""):  # "国网汧溁供电公司客户服务中心副主任": a company of its own
        return named["name"], f"{desc}\u3000{named['name']}"
    overlap = next((n for n in range(min(len(org), len(desc)), 1, -1) if org.endswith(desc[:n])), 0)
    return named["name"], f"{org}{desc[overlap:]}\u3000{named['name']}"  # "……第二分公司" + "第二分公司调度室主任"


def unit_of(window: str | None) -> str | None:
    """The unit a window belongs to ("国家税务总局……税务局驻中心办税窗口（B区10号）" -> "国家税务总局……税务局"), None for a
    window of the centre itself ("综合受理窗口（A区3号）")."""
    if not window:
        return None
    window = window.strip()
    if "窗口" not in window and (is_unit_name(window) or _COMPANY.search(window)):
        return window  # "处理单位：涑崞市交通运输局": the unit itself (a company's too)
    unit = next((window[:end] for end in range(len(window) - 2, 1, -1)
                 if "窗口" in window[end:] and is_unit_name(window[:end])), None)
    return _STATIONED.sub("", unit) if unit else None


def _publisher(lines: list[str]) -> str | None:
    """The unit that publishes the forms: the first line that opens with a unit's name ("洣嶓市政务服务中心　　2027年……")."""
    for line in lines:
        first = re.split(r"[ \t\u3000]+", line.strip(), maxsplit=1)[0]
        if is_unit_name(first):
            return first
    return None


def form_records_as_text(body: str) -> str | None:
    """The forms as labelled turns ("群众：……", "聂晓彤（……）：……"), the lines before and after them kept above; None when
    the text is no such register."""
    lines = body.split("\n")
    kinds = _kinds(lines)
    if sum(1 for kind, _ in kinds if kind and kind[0] == "ask") < MIN_FORMS or \
            sum(1 for kind, _ in kinds if kind and kind[0] in ("signer", "unit")) < MIN_FORMS:
        return None  # forms signed by someone, or by the unit that handled them (a 找错 page's "处理单位")
    body = unwrap(body, lambda line: False, lambda line: _FIELD.match(line) is not None or _KEY_ALONE.match(line) is not None
                  or line.lstrip().startswith(("【", "[")))  # a copy cut at its width
    lines = body.split("\n")
    kinds = _kinds(lines)
    keys = [m["key"] for _, m in kinds if m is not None]
    forms: list[_Form] = []
    head: list[str] = []
    tail: list[str] = []
    open_paragraphs: list[str] | None = None  # the question or answer that unkeyed lines go on
    open_value: tuple[dict[str, str], str] | None = None  # a unit or signer field cut at the page's width
    for line, (kind, match) in zip(lines, kinds):
        if kind is None and match is None and open_value and _VALUE_GOES_ON.fullmatch(line.strip()):
            fields, key = open_value
            fields[key] += line.strip()  # "……有限公司" / "（协办）"
            continue
        open_value = None
        if match is not None and kind is None:  # another field: 告知时间, 办事人签收
            open_paragraphs = None
            if not forms and keys.count(match["key"]) == 1:
                head.append(line)  # the page's own: "来源：……", "说明：……"
            continue
        if kind is None:
            if not line.strip():
                continue
            if open_paragraphs is not None and not is_boilerplate(line) and not line.strip().startswith(("注：", "注:")) \
                    and not _RULE.fullmatch(line.strip()):  # a rule between forms ends the one above
                open_paragraphs.append(line.strip())
            else:
                open_paragraphs = None
                (tail if forms else head).append(line)
            continue
        what, extra = kind
        value = match["value"].strip()
        if what == "ask":
            if not forms or not _is_follow_up(match["key"]) or not forms[-1].turns:
                forms.append(_Form())
                tail = []
            open_paragraphs = [value] if value else []
            forms[-1].turns.append(("ask", open_paragraphs))
        elif what == "answer" and forms and _NO_ANSWER_YET.fullmatch(value):
            open_paragraphs = None
        elif what == "answer" and forms:
            open_paragraphs = [value] if value else []
            who = _ANSWER_KEY.fullmatch(match["key"])["who"]  # "追问回应（苗家宁）"; not "补充告知（税务）", a window's
            forms[-1].turns.append(_Answer(extra, open_paragraphs, who if who and (is_unit_name(who) or is_person_name(who))
                                           else None))
        elif forms:
            answers = [turn for turn in forms[-1].turns if isinstance(turn, _Answer)]
            if what == "signer" and not extra and "" in forms[-1].signers and answers and answers[-1].extra:
                extra = "补充"  # "回复人：……" under a "补充回复：" signs it
            fields = forms[-1].signers if what == "signer" else forms[-1].units
            fields[extra], open_value = value, (fields, extra)
            open_paragraphs = None
    for form in forms:  # "（正在办理中，……）" on the lines under "回复内容：": no answer yet
        form.turns = [turn for turn in form.turns if not isinstance(turn, _Answer) or (
            turn.paragraphs and not _NO_ANSWER_YET.fullmatch("".join(turn.paragraphs)))]
    forms = [form for form in forms if any(isinstance(turn, _Answer) for turn in form.turns)]  # "（暂无）": none yet
    if len(forms) < MIN_FORMS:
        return None
    publisher = _publisher(head + tail)
    listed: list[str] = []
    turns: list[str] = []
    for form in forms:
        for turn in form.turns:
            if isinstance(turn, _Answer):
                extra = turn.extra if turn.extra in form.signers else ""
                label, line = (f"【{turn.who}】" if is_unit_name(turn.who) else turn.who, None) if turn.who else \
                    _signer(form.signers.get(extra), _unit_for(form, turn.extra), publisher)  # 【……局】: a unit speaks
                if line and line not in listed:
                    listed.append(line)
                turns += [f"{label}：{turn.paragraphs[0]}", *turn.paragraphs[1:], ""]
            elif turn[1]:
                turns += [f"群众：{turn[1][0]}", *turn[1][1:], ""]
    answerers = ["", "答问人：", *listed] if listed else []
    return "\n".join([*head, *answerers, "", *tail, "", *turns])


def _kinds(lines: list[str]) -> list[tuple[tuple[str, str] | None, re.Match[str] | None]]:
    """Each line's field and what it is in a form, (None, None) for a line that is no field."""
    return [(_key_kind(m["key"]), m) if (m := _FIELD.match(line) or _KEY_ALONE.match(line)) else (None, None)
            for line in lines]


def _unit_for(form: _Form, extra: str) -> str | None:
    """The unit an answer is given for: its own key's, or the part it plays ("……局（主办）、……公司（协办）": the
    answer the 主办's, a 补充 one the 协办's)."""
    unit = form.units.get(extra) or form.units.get("")
    parts = {m["part"]: m["unit"].strip() for m in _UNIT_PARTS.finditer(unit or "")}
    main, helper = (parts.get("主办") or parts.get("牵头")), (parts.get("协办") or parts.get("配合"))
    return (helper if extra and helper else main or unit) if parts else unit


def _is_follow_up(key: str) -> bool:
    return bool(re.search(r"追问|再问|补充咨询", key))
