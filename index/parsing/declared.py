"""What a page declares its labels stand for: short forms ("以下简称“姜”"), a unit's mascot, one-letter labels
("“法”指答疑法官……"), a video's "我", a column's author, a script's parts, a seat table and a notice's parties."""

from __future__ import annotations

import re
from dataclasses import replace

from index.parsing.orgs import is_unit_name
from index.parsing.people import PersonDesc, is_person_name, parse_person, split_org_role
from index.parsing.speakers import ASK_WORDS, Label, read_label
from index.text import to_simplified


# "局长姜澄明（以下简称“姜”）", "本刊记者（以下简称“记”）": a magazine names each speaker once, then labels by the short form
_ALIAS = re.compile(r"(?P<before>[^，。；：、（(\s]{1,40})[（(]以下简称[:：]?[“\"「]?(?P<alias>[\u4e00-\u9fff]{1,3})[”\"」]?[）)]")
MAX_NAME_CHARS = 4
# a record's one-letter labels, each declared for whom it stands: "“法”指答疑法官岳明澜，“执”指执行局法官葛松年"
_LETTER_DECLARED = re.compile(r"[“\"「](?P<alias>[\u4e00-\u9fff]{1,2})[”\"」](?:指|即|代表|为)(?P<who>[^，,。；;、“”\"「」\n]{3,30})")
# who a video or an article's "我" is, declared after their name: "……局长 聂远帆（片中“我”）", "（文中“我”）"
_FIRST_PERSON_DECLARED = re.compile(r"(?P<who>[^，。；：:（(\n]{2,40}?)[（(](?:片中|文中|视频中|下文|以下)[“\"「]"
                                    r"(?P<alias>我|笔者|本人)[”\"」](?:[^（）()\n]{0,10})[）)]")


# "我是湉岫市医疗保障局的IP形象“医保小岫”": a unit's mascot, who speaks for the unit
_MASCOT = re.compile(r"(?:我是|就是|是)?(?P<unit>[\u4e00-\u9fff]{2,30}?(?:局|委员会|委|办公室|中心|院|厅|政府))的(?:官方)?(?:IP形象|吉祥物|卡通形象|"
                     r"虚拟形象|虚拟代言人|数字人|形象代言人)[“\"「](?P<alias>[\u4e00-\u9fff]{2,8})[”\"」]")


# the one who writes a column in the first person: "**本期作者**：许晓棠（……网格员）"
_AUTHOR = re.compile(r"^[ \t\u3000>*_]*(?:本期|本文|本篇)?作者[*_]*[ \t\u3000]*[：:][ \t\u3000*_]*"
                     r"(?P<name>[\u4e00-\u9fff·]{2,4})(?=[（(　 \t]|$)", re.M)
FIRST_PERSON_ANSWERS = ("我的回答", "我的答复", "我的回复", "我的解答", "我答", "我来答")


# a procurement notice's 联系方式: "1．采购人信息" then "名　称：沨崟市教育局", or "采购人：沨崟市教育局" on one line
_PARTY_DECLARED = re.compile(r"^[ \t\u3000]*(?:\d{1,2}[．.、][ \t\u3000]*)?(?P<party>采购人|采购代理机构|招标人|招标代理机构|"
                             r"集中采购机构)(?:信息[ \t\u3000]*\n+[ \t\u3000]*名[ \t\u3000]*称|名称)?[ \t\u3000]*[：:][ \t\u3000]*"
                             r"(?P<unit>[\u4e00-\u9fff]{4,30}?(?:局|委员会|委|中心|办公室|政府|院|学校|公司))[ \t\u3000]*$",
                             re.M)


# a script's cast of parts, one a line ("技术专家：区水利局水旱灾害防御股股长 丁一鸣"), when the script then labels its
# speakers by the part ("技术专家：……", "现场指挥（补充）：……")
_PART_DECLARED = re.compile(r"^[ \t\u3000]*(?P<part>[\u4e00-\u9fff]{2,6})(?:[（(][^（）()\n]{1,10}[）)])?[ \t\u3000]*[：:][ \t\u3000]*"
                            r"(?P<who>[^：:\n。；;，,]{4,40}?)[ \t\u3000]*$", re.M)
MIN_PART_USES = 2  # the declaration and one line spoken under the part at least


def _parts(text: str) -> dict[str, tuple[str, PersonDesc]]:
    """The parts a script declares for its people and then labels lines with: {"技术专家": (the line, 丁一鸣 …)}."""
    found: dict[str, tuple[str, PersonDesc]] = {}
    for match in _PART_DECLARED.finditer(text):
        part, person = match["part"], parse_person(match["who"])
        if person is None or not person.name or not (person.org or person.role) or part in found:
            continue
        uses = re.findall(rf"^[ \t\u3000]*{part}(?:[（(][^（）()\n]{{1,10}}[）)])?[ \t\u3000]*[：:]", text, re.M)
        if len(uses) >= MIN_PART_USES:
            found[part] = (match.group().strip(), person)
    return found


def declared_parts(text: str) -> dict[str, str]:
    """The answering parts a script declares, each as a label that names its person ({"技术专家": "丁一鸣（区水利局……股长）"});
    not the parts that ask (解说, 主持人)."""
    return {part: f"{person.name}（{person.org or ''}{person.role or ''}）" for part, (_, person) in _parts(text).items()
            if not re.fullmatch(ASK_WORDS, part) and read_label(part).side != "ask"}


def declaring_lines(lines: list[str]) -> list[int]:
    """The lines that declare a script's parts: no one's words."""
    declared = {line for line, _ in _parts("\n".join(lines)).values()}
    return [i for i, line in enumerate(lines) if line.strip() in declared] if declared else []


# a record's seat table: "  2号席　……局党组成员、副局长　瞿立衡", "  1号席　主持人　……副区长　聂冠群"
_SEAT_DECLARED = re.compile(r"^[ \t\u3000]*(?P<seat>\d{1,2}号(?:席|座|位))[ \t\u3000]+(?P<host>主持人[ \t\u3000]+)?"
                            r"(?P<who>[^\s：:。，][^\n：:。，]{3,60}?)[ \t\u3000]*$", re.M)


def declared_seats(text: str) -> dict[str, str]:
    """The people a seat table puts in each seat, as labels that name them ({"2号席": "……副局长　瞿立衡", "1号席":
    "主持人 聂冠群"}), when the record labels its lines by seat."""
    found: dict[str, str] = {}
    for match in _SEAT_DECLARED.finditer(text):
        person = parse_person(match["who"])
        if person is None or not person.name or match["seat"] in found:
            continue
        found[match["seat"]] = f"主持人 {person.name}" if match["host"] else match["who"].strip()  # read as a label
    return found


def declared_parties(text: str) -> dict[str, str]:
    """The units a procurement notice names for its parties ({"采购人": "沨崟市教育局"})."""
    found: dict[str, str] = {}
    for match in _PARTY_DECLARED.finditer(text):
        found.setdefault(match["party"], match["unit"])
    return found


# a note pairing bracketed labels with names: "说明：实录中以〔〕标注发言人，对应如下：〔市长〕符云舟，〔常务副市长〕简伯衡"
_BRACKET_DECLARED = re.compile(r"[〔【\[［](?P<alias>[\u4e00-\u9fff]{1,8})[〕】\]］][ \t\u3000]*(?:为|是|即)?"
                               r"(?P<who>[\u4e00-\u9fff·]{2,4})(?=[，,；;。、）)\s]|$)")
MIN_BRACKET_DECLARED = 2  # two pairs on one line at least: a key to the labels, not a tag before a name


# a record's note naming the unit a part stands for: "“承办单位”即澪嵃市城市管理局，“价格主管部门”即……"
_UNIT_DECLARED = re.compile(r"[“\"「](?P<alias>[\u4e00-\u9fff]{2,8})[”\"」](?:即|指|是|为)(?P<unit>[\u4e00-\u9fff]{4,30}?"
                            r"(?:局|委员会|委|办公室|中心|院|政府|厅|支队|大队))(?=[，,；;。、）)\s]|$)")


def declared_units(text: str) -> dict[str, str]:
    """The units a note names for a record's parts ({"承办单位": "澪嵃市城市管理局"}), when it labels replies by part."""
    return {m["alias"]: m["unit"] for m in _UNIT_DECLARED.finditer(text) if is_unit_name(m["unit"])}


# a coded interviewee opening a line: "M1：……", "H1：……"
CODE_LABEL = re.compile(r"^[ \t\u3000]*(?P<code>[A-Z]{1,2}\d{0,2})[ \t]*[：:][ \t\u3000]*")
# a report's key to its coded interviewees, a table row each: "M1	潖嵻市民政局	养老服务科科长"
_CODE_ROW = re.compile(r"^[ \t\u3000]*(?P<code>[A-Z]{1,2}\d{0,2})[ \t\u3000|｜]+(?P<unit>[^\s|｜]{4,30})[ \t\u3000|｜]+"
                       r"(?P<role>[^\s|｜]{2,20})[ \t\u3000|｜]*$", re.M)
MIN_CODES = 2


def declared_codes(text: str) -> dict[str, str]:
    """The units and posts a code table gives its coded interviewees ({"M1": "潖嵻市民政局养老服务科科长"}), when
    the record labels them by code ("M1：")."""
    rows = {m["code"]: m["unit"] + m["role"] for m in _CODE_ROW.finditer(text) if is_unit_name(m["unit"])}
    return rows if len(rows) >= MIN_CODES else {}


def declared_brackets(text: str) -> dict[str, str]:
    """The people a note pairs with bracketed labels ({"市长": "符云舟", "人社局长": "柯语晨"})."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        pairs = [(m["alias"], m["who"]) for m in _BRACKET_DECLARED.finditer(line) if is_person_name(m["who"])]
        if len(pairs) >= MIN_BRACKET_DECLARED:
            for alias, who in pairs:
                found.setdefault(alias, who)
    return found


def label_aliases(text: str) -> dict[str, str]:
    """Short forms declared for speakers ("以下简称“姜”") and the names they stand for (姜澄明; 记者), and a unit's
    mascot ("……局的IP形象“医保小岫”"), who stands for its unit."""
    aliases: dict[str, str] = {}
    text = to_simplified(text)
    for match in _ALIAS.finditer(text):
        before, alias = match["before"], match["alias"]
        at = before.rfind(alias)
        if at >= 0 and 2 <= len(before) - at <= MAX_NAME_CHARS:  # 姜澄明, 记者: the name opens with its short form
            aliases.setdefault(alias, before[at:])
    for match in _MASCOT.finditer(text):
        aliases.setdefault(match["alias"], match["unit"])
    for party, unit in declared_parties(text).items():  # "采购人：" answering for 沨崟市教育局
        aliases.setdefault(party, unit)
    for part, person in declared_parts(text).items():  # "技术专家：" speaking for 丁一鸣
        aliases.setdefault(part, person)
    for alias, unit in declared_units(text).items():  # "承办单位回应：" is the 城市管理局's
        aliases.setdefault(alias, unit)
    for code, post in declared_codes(text).items():  # "M1：" is the 民政局's 养老服务科科长
        aliases.setdefault(code, post)
    for alias, person in declared_brackets(text).items():  # "〔人社局长〕" is 柯语晨's, as the note says
        aliases.setdefault(alias, person)
    for slot, person in declared_lecturers(text).items():  # "解答（第一讲主讲人）：" is 房振宇's
        aliases.setdefault(slot, person)
    for seat, person in declared_seats(text).items():  # "〔2号席〕：" speaking for the seat table's 瞿立衡
        aliases.setdefault(seat, person)
    for match in _LETTER_DECLARED.finditer(text):  # "笔录中“法”指答疑法官岳明澜，“执”指……": "法：" is 岳明澜
        aliases.setdefault(match["alias"], re.sub(r"^(?:答疑|承办|主审|审理)(?=法官|检察官)", "", match["who"].strip()))
    for match in _FIRST_PERSON_DECLARED.finditer(text):  # "……局长 聂远帆（片中“我”）": "我：" is he
        if (person := parse_person(match["who"])) is not None and person.name:
            aliases.setdefault(match["alias"], match["who"].strip())
    if (author := _AUTHOR.search(text)) and is_person_name(author["name"]):
        for first_person in FIRST_PERSON_ANSWERS:  # "我的回答：" in a grid worker's diary: its author answers
            aliases.setdefault(first_person, author["name"])
    return aliases


def with_aliases_resolved(labels: list[Label | None], aliases: dict[str, str]) -> list[Label | None]:
    """Labels with each declared short form read as the name it stands for ("姜：" is 姜澄明's)."""
    if not aliases:
        return labels
    return [replace(label, name=aliases[_part_of(label.name)])
            if label is not None and _part_of(label.name) in aliases else label for label in labels]


def _part_of(name: str) -> str:
    """A label without what the speaker adds ("现场指挥（补充）" is 现场指挥's), or the slot an answer names in
    brackets ("解答（第一讲主讲人）" is 第一讲主讲人's)."""
    name = re.sub(r"[（(](?:补充|追问|再问|续|接上|插话)[）)]$", "", to_simplified(name))
    slot = _SLOT_ANSWERS.fullmatch(name)
    return slot["slot"] if slot else re.sub(r"(?<=..)(?:回应|答复|回复)$", "", name)  # "承办单位回应": 承办单位's


_SLOT_ANSWERS = re.compile(r"(?:解答|答|回答|答复|答疑)[（(](?P<slot>第[一二三四五六七八九十\d]{1,3}(?:讲|课|场)[^（）()]{0,6})[）)]")
# a training's programme: "第一讲　《……》解读" with "主讲人：市人防办工程管理科科长　房振宇" on a line below it
_LECTURE = re.compile(r"^[ \t\u3000]*(?P<slot>第[一二三四五六七八九十\d]{1,3}(?:讲|课|场))(?![\u4e00-\u9fff]*[：:])", re.M)
_LECTURER = re.compile(r"^[ \t\u3000]*(?P<part>主讲人|主讲|授课人|授课老师|讲师)[ \t\u3000]*[：:][ \t\u3000]*(?P<who>[^\n]{4,40}?)[ \t\u3000]*$", re.M)
MAX_LECTURE_ROW_CHARS = 200


def declared_lecturers(text: str) -> dict[str, str]:
    """Who gives each lecture of a training's programme, as a label that names them ({"第一讲主讲人": "市人防办……科长
    房振宇"}), when answers are labelled by the lecture ("解答（第一讲主讲人）：")."""
    found: dict[str, str] = {}
    starts = list(_LECTURE.finditer(text))
    for n, lecture in enumerate(starts):
        end = min(starts[n + 1].start() if n + 1 < len(starts) else len(text), lecture.end() + MAX_LECTURE_ROW_CHARS)
        if (who := _LECTURER.search(text, lecture.end(), end)) and (person := parse_person(who["who"])) and person.name:
            found.setdefault(f"{lecture['slot']}{who['part']}", who["who"].strip())
    return found


# a book's note on the marks its interviews open turns with: "“■”为采访者提问，“□”为祁远舟的回答，“◇”为沈若微的回答"
_MARK_DECLARED = re.compile(r"[“\"「](?P<mark>[◆◇■□●○▲△★☆])[”\"」][ \t\u3000]*(?:为|是|指|代表|表示)"
                            r"(?P<who>[^，,。；;、“”\"「」\n]{2,20}?)的?(?P<verb>提问|发问|问题|回答|答问|答复|问|答)(?=[，,。；;、）)]|$)")


def declared_marks(text: str) -> dict[str, str]:
    """What each declared mark opens: "问" for the one who asks, the name of the one who answers ({"■": "问", "□":
    "祁远舟"}); empty unless both sides are declared."""
    marks = {m["mark"]: "问" if m["verb"] in ("提问", "发问", "问题", "问") else m["who"].strip()
             for m in _MARK_DECLARED.finditer(to_simplified(text))}
    return marks if "问" in marks.values() and len(set(marks.values())) >= 2 else {}


# a play script's cast, one a line before the scenes: "鞠晓岚——市文化广电和旅游局党组成员、副局长", "苗　苗——返乡大学生，……"
# (a two-character name padded to three with a space)
_CAST_MEMBER = re.compile(r"^[ \t\u3000]*(?P<name>[\u4e00-\u9fff·](?:[ \t\u3000]?[\u4e00-\u9fff·]){1,3})[ \t\u3000]*"
                          r"(?:——|—|－－|--)[ \t\u3000]*(?P<desc>[^\n]{2,60}?)[ \t\u3000]*$")
MIN_CAST = 3


def declared_cast(lines: list[str]) -> dict[str, str]:
    """A script's cast list (three names or more, each "NAME——who they are"): each name, its spaces taken out, with the
    label its lines are read under: the host, a unit's or a body's person by their post, anyone else a citizen."""
    cast: dict[str, str] = {}
    for line in lines:
        if not (member := _CAST_MEMBER.match(line)):
            continue
        name, desc = re.sub(r"[ \t\u3000]", "", member["name"]), member["desc"].strip()
        if re.search(r"^第|[幕场节章]$", name):  # "第一幕——……": a scene, not a person
            continue
        org, role = split_org_role(desc)
        if re.search(r"主持", desc):
            cast[name] = f"主持人 {name}"
        elif org and role:
            cast[name] = f"{desc} {name}"
        else:
            cast[name] = f"群众 {name}"
    return cast if len(cast) >= MIN_CAST else {}
