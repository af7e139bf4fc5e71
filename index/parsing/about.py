"""What the text says about the interview: its title lines, header block, the people it introduces and who answers
(index.parsing.cast), its bureau and city, outlet and date; the front matter overrides it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from index.parsing.blocks import Layout, Segment
from index.parsing.cast import COURT_SECTION, Cast, is_institution
from index.parsing.english import english_person, is_english
from index.parsing.header import Header
from index.parsing.metadata import AFTER_ANOTHER, MADE_BY, OWN_SECTION, find_interviewee
from index.parsing.orgs import find_city, fullest, is_unit_name, main_unit, org_mentions, qualify, split_place
from index.parsing.people import (ACCOUNT, KIN_WORDS, ROLE_UNIT, TOGETHER_AFTER_NAME, PersonDesc, is_person_name,
                                  names_apart_from_units, parse_people, parse_person, split_org_role)
from index.parsing.sources import SourceText
from index.parsing.speakers import GENERIC_ANSWERS, PUBLISHER, LabelReading, read_label
from index.records import Metadata
from index.text import pos_tokens, to_simplified

# the press office, the city government hosting, the outlet: never the unit that answers (a district's or county's
# government does answer: 凤屿区人民政府副区长)
_HOSPITAL = re.compile(r"医院$")  # a public hospital answers as itself, but no page is a hospital's bureau's
_HOST_UNITS = re.compile(r"新闻办|新闻办公室|政府办|政府办公室|(?<![区县镇乡]人民)(?<![区县镇乡])政府$|广播电视台|电视台|日报|晚报|报社|网$")
# a 12345 hotline's centre, named in a digest's title: it passes the public's calls to the units that answer them
_INSTITUTE = re.compile(r"研究院$|研究所$")  # a city's institute answers as a unit, and is no interview's bureau first
_GOVERNMENT_HEAD = re.compile(r"(?:常务)?副?(?:市|区|县|州|盟|旗|镇|乡)长")
_RELAY_UNIT = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}市)?123\d\d")


def intro_text(text: str, layout: Layout, segments: list[Segment]) -> str:
    """What introduces the people: the lines above the first turn and the words asked before the first answer
    ("今天我们邀请市农业农村局局长赵刚")."""
    first_answer = next((i for i, s in enumerate(segments) if not s.asks and s.blocks), len(segments))
    opening = [b for s in segments[:first_answer] for b in s.blocks]
    return "\n".join(text[b.start : b.end] for b in layout.pre + opening)


def _asked_text(text: str, segments: list[Segment]) -> str:
    """Everything the host and reporters said: where "出席今天发布会的有：…" and "今天我们请到了……" are."""
    return "\n".join(text[b.start : b.end] for s in segments if s.asks for b in s.blocks)


# "（来源：澧川市人力资源和社会保障局）" on a line of its own, at the end of a 政策问答 as often as at the top
_CLOSING_SOURCE = re.compile(r"^[（(](?:来源|信息来源|稿源)[:：][ \t\u3000]*(?P<source>[^（）()\s：:]{2,40})[ \t\u3000]*[）)][ \t\u3000]*$",
                             re.M)


_REPRINTED_FROM = re.compile(r"(?:原载|转载自|转自|摘自|刊于)《([^》\n]{2,12})》")


def _separated(text: str) -> str:
    """丨 (U+4E28, a CJK character) where a page uses it as a bar ("专访丨市医保局局长……") read as the bar ｜."""
    return text.replace("丨", "｜")


_SOURCE_FIELD = re.compile(r"(?:来源|发布机构|发布单位)[:：][ \t\u3000]*([^\s：:（）()【】|｜]{4,30})")
SOURCE_FIELD_CHARS = 600  # a page's info line is near its top
# the issuer's byline under a title: the unit and the date on a line of their own ("葭汭市人力资源和社会保障局 2025年5月26日")
_BYLINE = re.compile(r"^[ \t\u3000]*(?P<unit>[^\s：:（）()【】|｜]{4,30})[ \t\u3000]+"
                     r"(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-./]\d{1,2}[-./]\d{1,2})[ \t\u3000]*$", re.M)


def interview_metadata(source: SourceText, layout: Layout, segments: list[Segment], header: Header) -> tuple[Metadata, Cast]:
    """What the text says about the interview (overridden by the front matter), and who answers in it."""
    text, title = _separated(source.text), layout.title  # offsets unchanged: one character for one
    titles = _separated("\n".join([*title.headlines, title.first_line or "", source.hints.get("title") or "",
                                    header.topic or ""]))
    closing = [m["source"] for m in _CLOSING_SOURCE.finditer(text)]  # "（来源：澧川市人力资源和社会保障局）" at the end
    closing += _REPRINTED_FROM.findall(text)  # "（原载《菱塘日报》2025年4月18日第3版）": the paper it first ran in
    outlets = [o for o in (title.outlet, source.hints.get("outlet"), source.hints.get("site"), *header.sources,
                           *closing) if o]
    city = find_city(titles, text, [*outlets, *([title.bureau] if title.bureau else [])])  # the issuer's line too
    front_bureau = source.metadata.get("bureau")
    if front_bureau and split_place(front_bureau)[0] not in ("", "市"):
        city = split_place(front_bureau)[0] if split_place(front_bureau)[0].endswith("市") else city
    cities = (city,) if city else ()
    intro = intro_text(text, layout, segments)
    people = _people(header, titles, intro, _asked_text(text, segments), segments, text, cities,
                     box_people(layout.guest_box))
    if city is None and (city := _city_of_own_account(people, outlets)):
        cities = (city,)
    cast = Cast(people, city, text, cities, site=source.hints.get("site"))
    people = [cast.placed(person) for person in people]  # "镇党委委员、副镇长": of the document's own town
    signed = Counter(s.speaker for s in segments if not s.asks and is_unit_name(s.speaker))  # a 留言板's replies
    # the unit that signs most replies, when it signs more than half of them (a 留言板's, a 人民建议征集's), else the one
    # the title, header and people name (in a joint 解读 one answer signed by the second issuer does not decide)
    answers = sum(1 for s in segments if not s.asks)
    signer = signed.most_common(1)[0] if signed else None
    publisher = _publisher_of_its_kind(people, outlets)
    answering = [read_label(s.speaker) for s in segments if not s.asks]
    # "答：" on most answers, and people only under labels of their own: the page answers itself, if it introduces no one
    generic = any(r.person and r.person.name for r in answering) and \
        2 * sum(1 for r in answering if r.word in GENERIC_ANSWERS) > len(answering)
    # who the page names before they speak (its header, title, lead), answerer labels aside
    named_before = _people(header, titles, intro, _asked_text(text, segments), [], text, cities, box_people(layout.guest_box))
    named_in_page = named_before and _people(header, titles, intro, "", [], "", cities, box_people(layout.guest_box))
    introduced = named_before if publisher or generic else []
    if publisher and introduced:
        publisher = None  # the page names its people before they speak: who they are says whose it is
    unit_answers = generic and not introduced
    source_unit = next((main_unit(org) for line in [*outlets, *_SOURCE_FIELD.findall(text[:SOURCE_FIELD_CHARS]),
                                                     *_BYLINE.findall(text[:SOURCE_FIELD_CHARS])]
                        for org in ([o for _, o in org_mentions(line, cities)] or [line.strip()])  # "县农业农村局"
                        if is_unit_name(line.strip())), None)
    speaks_itself = unit_answers or any(s.speaker == PUBLISHER for s in segments)  # the page answers itself
    found = cast.unit((signer[0] if signer and 2 * signer[1] > answers else None)
                      or publisher
                      or (source_unit if speaks_itself else None)
                      or _hearing_holder(text[:SOURCE_FIELD_CHARS])
                      or _closing_signer_answering(text, segments, cast)
                      or _maker(text, cities)
                      or _station_owner(titles)
                      or _source_answering_most(source_unit, segments, cast)
                      or _site_answering(source_unit, text, segments, cast)
                      or _issuer_answering(source.hints.get("site"), segments, cast)  # a page header's unit that answers
                      or _issuer_answering(_footer_owner(text), segments, cast)  # "……局　地址：……　版权所有"
                      or _issuer_answering(title.bureau, segments, cast)
                      or _issuer_answering(_site_owner(title.first_line), segments, cast)
                      # no one introduced (or only in the questions, one after another: a broadcast calling each
                      # official in turn): the unit that answers most
                      or (None if header.guests or named_in_page or source_unit or title.bureau
                          else _unit_answering_most(segments, cast, intro))
                      or _unless_letters_signed(_main_org(people, titles, header, text, cities), text, segments, cast)
                      or (title.bureau if title.bureau and is_unit_name(title.bureau) else None)  # the issuer's line
                      or (signer[0] if signer else None)
                      or next((main_unit(org) for line in closing for _, org in org_mentions(line, cities)), None)
                      # a page no one speaks on: the unit its info line gives as the source ("来源：箬溪市住房公积金管理中心")
                      or source_unit) or cast.unit(source_unit) \
        or _court_of_sections(people, text)  # a court's 庭 and 执行局 answering: the court the record names
    given = "bureau" in source.metadata  # the front matter's bureau, "" for unknown, replaces the one read
    # 市…局 in a text whose city is clear; 市交通局 as the text writes it in full (市交通运输局)
    bureau = (qualify(fullest(front_bureau, text, cities), city) or front_bureau) if given and front_bureau else (
        front_bureau if given else found)
    cast = Cast(people, city, text, cities, bureau or "", {found: bureau or ""} if given and found else None,
                unit_answers, next((line for line in (title.bureau, title.first_line) if line and is_unit_name(line)), None),
                source.hints.get("site"))
    main = cast.main
    metadata = Metadata(
        title=_headline(title.headlines, source.hints.get("title")) or header.topic or source.hints.get("title")
        or title.first_line,
        series=title.series,
        episode=title.episode,
        bureau=bureau,
        interviewee=cast.as_written(main.name or main.role) if main else None,
        role=cast.as_written(main.role) if main and main.name else None,
        outlet=title.outlet or _outlet_from_askers(segments) or source.hints.get("outlet") or next(iter(header.sources), None),
        reporters=title.reporters,
        date=title.date or _header_date(header) or source.hints.get("date"),
        url=source.hints.get("url"),
    )
    return replace(metadata, **{**source.metadata, **({"bureau": bureau} if given else {})}), cast


def _headline(headlines: list[str], page_title: str | None) -> str | None:
    """The first headline, unless it is only a unit's name (a list's cell, a masthead) and the page has a title."""
    first = headlines[0] if headlines else None
    return page_title if first and page_title and is_unit_name(first.strip()) else first


_LEVEL = re.compile(r"中级|高级|基层|分(?=局)")


def _publisher_of_its_kind(people: list[PersonDesc], outlets: list[str]) -> str | None:
    """A column whose answerers the page names only where they answer ("答疑法官：温叙白（璟湖区人民法院立案庭庭长）"): the
    unit that publishes it, when it is of the kind the first answerer's is (a city's court, a district's answering)."""
    first = next((p.org for p in people if p.org), None)
    if first is None:
        return None
    kind = _LEVEL.sub("", split_place(main_unit(first))[1])
    for outlet in outlets:
        unit = outlet.strip()
        if is_unit_name(unit) and not _HOST_UNITS.search(unit) and _LEVEL.sub("", split_place(unit)[1]) == kind \
                and unit != first:
            return unit
    return None


_KIND_SUFFIX = re.compile(r"(?:局|委员会|委|办公室|办|中心)$")


def _city_of_own_account(people: list[PersonDesc], outlets: list[str]) -> str | None:
    """The city of a page that names its bureau only as 市…局, from the bureau's own account or site named with it:
    "汀澜医保" publishing 市医保局's interview is 汀澜市's (the city, then the bureau's name without 局)."""
    for person in people:
        if not person.org or not person.org.startswith("市") or person.org.startswith("市场"):
            continue
        core = _KIND_SUFFIX.sub("", person.org[1:])
        for outlet in outlets:
            stem = to_simplified(outlet.strip())
            if len(core) >= 2 and stem.endswith(core) and re.fullmatch(r"[\u4e00-\u9fff]{2,3}", stem[: -len(core)]):
                return stem[: -len(core)] + "市"
    return None


def box_people(lines: list[str]) -> list[PersonDesc]:
    """The people of a guest box: a name on one line and its unit and title on the next (郭明远 / 茗川市……主任), or
    both on one line (a biography under them passed over); the box ends at the first line that is none of these."""
    people: list[PersonDesc] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if is_person_name(line) and i + 1 < len(lines) and (org_role := split_org_role(lines[i + 1]))[1]:
            people.append(PersonDesc(line, org_role[0], org_role[1]))
            i += 2
        elif found := [p for p in parse_people(line) if p.name and (p.org or p.role)]:
            people += found
            i += 1
        elif people and line.endswith("。"):  # a guest's short biography under the name and title
            i += 1
        else:
            break
    return people


# the unit that holds a hearing ("珧浛市发展和改革委员会在市政务服务中心举行……听证会"): the authority that decides, whose
# hearing it is, though the applicant speaks first
_HEARING_HELD_BY = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,30}?(?:委员会|局|委|办公室|人民政府))(?:于[^，。]{0,20}?)?"
                              r"在[^，。]{0,30}?(?:举行|召开|举办)[^。]{0,40}?听证会")


# a notice signed at its end: the unit on a line, the date on the next ("……社区居民委员会\n2026年3月27日")
# (a blank line between them, the date with a remark: "2026年4月15日（此件公开发布）")
_SIGNED_AT_END = re.compile(r"^[ \t\u3000]*(?P<unit>[^\s：:（）()【】|｜，。]{4,40})[ \t\u3000]*\n(?:[ \t\u3000]*\n)?[ \t\u3000]*"
                            r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[ \t\u3000]*(?:[（(][^（）()\n]{1,12}[）)])?[ \t\u3000]*$", re.M)
SIGNATURE_TAIL_CHARS = 300  # a notice's signature is in its last lines (a fiction note or footer may follow it)


def _closing_signer(text: str) -> str | None:
    """The unit that signs a notice at its end, with the date under it: the notice is that unit's."""
    found = [m["unit"] for m in _SIGNED_AT_END.finditer(text[-SIGNATURE_TAIL_CHARS:]) if is_unit_name(m["unit"])]
    # a collection of reply letters, each signed and dated: the last one's 落款 is its own, not the page's
    return found[-1] if found and len(_letter_signers(text)) < MIN_SIGNING_UNITS else None


MIN_SIGNING_UNITS = 3


# a leaflet's or a booklet's maker: "渼沚市医疗保障局 编印", "渼沚市医疗保障局 国家税务总局渼沚市税务局 监制"
_MADE_BY = re.compile(rf"(?P<units>[^\n：:。，！？]{{4,80}}?)[ \t\u3000]*{MADE_BY}[ \t\u3000]*$", re.M)


def _maker(text: str, cities: tuple[str, ...]) -> str | None:
    """The unit a leaflet names as its maker at the end of a line, the first of those named (a line run into the one
    above it: the unit of the document's city its words end with, else the longest with its place)."""
    for match in _MADE_BY.finditer(text):
        for words in re.split(r"[ \t\u3000、]+", match["units"].strip()):
            units = [words[k:] for k in range(len(words) - 3) if is_unit_name(words[k:])]
            unit = next((u for u in units if any(u.startswith(city) for city in cities)), None) or next(
                (u for u in units if split_place(u)[0] or u.startswith("国家")), None)
            if unit:
                return unit
    return None


# a town's or a village's own broadcast ("……白鹭镇应急广播（乡村大喇叭）播出稿"): its government's or committee's
_STATION = re.compile(r"(?P<place>(?:[\u4e00-\u9fff]{2,3}?[市县区])*[\u4e00-\u9fff]{2,4}?(?P<level>镇|乡|街道|村|社区))"
                      r"(?:应急广播|广播站|大喇叭|村村响)")
_OWNER_OF = {"镇": "人民政府", "乡": "人民政府", "街道": "办事处", "村": "村民委员会", "社区": "居民委员会"}


def _station_owner(titles: str) -> str | None:
    """The unit whose broadcast a title names: a town's government, a street's office, a village's committee."""
    match = _STATION.search(titles)
    return f"{match['place']}{_OWNER_OF[match['level']]}" if match else None


def _hearing_holder(text: str) -> str | None:
    """The unit a page says holds the hearing it records, if it is one."""
    match = _HEARING_HELD_BY.search(text)
    return match["org"] if match and is_unit_name(match["org"]) else None


def _people(header: Header, titles: str, intro: str, asked: str, segments: list[Segment], text: str,
            cities: tuple[str, ...], box: list[PersonDesc]) -> list[PersonDesc]:
    """The interview's people, the main interviewee first: the guest list, the host's introduction, the title, the
    sentence that names the interviewee, and the answerer labels (a host or a reporter is no interviewee)."""
    people = [g for g in [*header.guests, *box] if not _HOST_UNITS.search(g.org or "")]
    # a transcript in English (its speakers' labels in pinyin), not a Chinese one with its English translation beside it
    in_english = any(is_english(s.speaker) for s in segments if s.speaker)
    for source in (intro, asked):
        for line in source.splitlines():
            named = _this_unit_named(line, cities)
            people += [p for p in parse_people(_as_listed(named), lead_in=True) if not _city_as_name(p, cities)]
            if "出镜" in line:  # the patterns are slow; a line without their last words cannot match
                people += [p for m in _APPEARS.finditer(line) if (p := _appearing(m["who"], cities)) is not None]
            if re.search(r"答复|回复|解答", line):
                people += [p for m in _INTRODUCED.finditer(line)
                           if (p := _introduced((m["org"] or "") + m["who"])) is not None]
            if in_english and (listed := english_person(line)) is not None:  # "Lu Qingyuan, Director-General of …"
                people.append(PersonDesc(*listed))
            if named != line:  # "采访了该局有关负责人": the unit's 负责人, named by role
                people += [p for p in _title_people(named, cities) if p.role and _ROLE_ONLY.search(p.role)]
    people += _title_people(titles, cities)
    # a record's fields that name who received the visitor and who came along ("陪同接待：市自然资源和规划局……副局长 邬晴")
    people += [p for m in _PERSON_FIELD.finditer(text) if (p := parse_person(m["who"])) is not None and p.name]
    # a written reply asking to be quoted as someone ("引用时请注明“滢珩市教育局有关负责人表示”"): who answers
    people += [p for m in _QUOTE_AS.finditer(intro) if (p := parse_person(m["who"])) is not None and (p.name or p.role)]
    answerers = [read_label(s.speaker) for s in segments if not s.asks]
    named = [r.person.name for r in answerers if r.person and r.person.name]
    named_intro = "\n".join(_this_unit_named(line, cities) for line in intro.splitlines())  # 该局: the unit named
    for name in [*dict.fromkeys(named)] or [None]:  # the sentence that introduces each who answers by name
        said = find_interviewee(ACCOUNT.sub("", to_simplified(named_intro)), name and to_simplified(name))  # 訪 is 访
        if said.name or said.bureau:  # "……谷雨桐、医药服务管理科科长 晏川": the unit after the list's last 、
            unit = names_apart_from_units(said.bureau or "")  # "苏立衡和该局……科": the unit after the name and 和
            people.append(PersonDesc(said.name, unit.rsplit("、", 1)[-1] or None, said.role))
    for reading in answerers:
        if reading.person is not None:
            people.append(reading.person)
    people += _named_in_passing(answerers, people, text)
    return [p for p in people if p.name or p.role]


# a lead introducing guests as children call them: "……供水管理科的工程师岑立川叔叔，和……办公室的副主任阮晴阿姨"
_KIN_AFTER_NAME = re.compile(rf"(?<=[\u4e00-\u9fff]{{2}})(?:{KIN_WORDS})(?=[，,、。；;和]|$)")
_HOSTS_OF_THE_PLACE = re.compile(r"(?:来到|走进|走访|深入)(?P<unit>[\u4e00-\u9fff]{2,24}?(?:学校|中学|小学|幼儿园|医院|卫生院|"
                                 r"卫生服务中心|服务中心|养老院|福利院|站|所))(?:的[\u4e00-\u9fff]{2,10})?[，,](?:和|与|同|跟)"
                                 r"(?=(?:校长|副校长|院长|副院长|站长|所长|主任|(?:[\u4e00-\u9fff]{0,6}门诊)?护士长)[\u4e00-\u9fff]{2,3})")


def _place_posts_named(text: str) -> str:
    """"来到……实验中学，和校长伏秀兰" as "来到……实验中学，……实验中学校长伏秀兰": a post with no unit, after the place
    the visit came to, is that place's."""
    text = _HOSTS_OF_THE_PLACE.sub(lambda m: m.group()[:-1] + m["unit"], text)
    return _COMPANY_THEN_POST.sub("", text)  # "……所在的……有限公司，人力资源部经理宫丽娜": the company's manager


# a company named, then after a comma a post of a company's with no unit and a name: the post is that company's
_COMPANY_THEN_POST = re.compile(r"(?<=有限公司|股份公司)[，,](?=[\u4e00-\u9fff]{0,8}?(?:经理|总监|主管|董事长|总经理|工程师)"
                                r"[\u4e00-\u9fff]{2,3}(?:[，,、。；;]|也|一同|一起|和|与))")


_OF_BEFORE_POST = re.compile(r"(?<=[科处室局所站队办院])的(?=[\u4e00-\u9fff]{0,6}?(?:师|员|长|主任)[\u4e00-\u9fff]{2,3}[，,、。；;和]?)")


def _as_listed(line: str) -> str:
    """A lead's sentence with the words between a unit, a post and a name taken out, as a guest list writes them."""
    line = _place_posts_named(TOGETHER_AFTER_NAME.sub("", line))  # "……项目经理汝佳一起，与……": the name, then 一起
    if not _KIN_AFTER_NAME.search(line):
        return line
    return re.sub(r"[，,]和", "，", _OF_BEFORE_POST.sub("", _KIN_AFTER_NAME.sub("", line)))


def _closing_signer_answering(text: str, segments: list[Segment], cast: Cast) -> str | None:
    """The unit that signs the page at its end, unless every answer on it is another unit's by name (a 12345
    centre's digest of the units' replies is theirs, not the centre's)."""
    signer = _closing_signer(text)
    if signer is None:
        return None
    units = _answers_by_unit(segments, cast)
    return signer if not units or "" in units or cast.unit(signer) in units else None


def _answers_by_unit(segments: list[Segment], cast: Cast) -> Counter[str]:
    """How many answers each unit gives ("" for an answer whose unit the labels do not say)."""
    return Counter(cast(s.speaker)[2] for s in segments if not s.asks and s.blocks)


def _unless_letters_signed(unit: str | None, text: str, segments: list[Segment], cast: Cast) -> str | None:
    """A unit the title or the header names, unless the page collects reply letters that units signed and dated (three
    units or more) and it answers none: the unit that signs most is then the page's (its issuer answers nothing)."""
    if unit and len(_letter_signers(text)) >= MIN_SIGNING_UNITS and cast.unit(unit) not in _answers_by_unit(segments, cast):
        return None
    return unit


def _letter_signers(text: str) -> set[str]:
    """The units that sign and date a letter on the page (a 落款: the unit on a line, the date on the next)."""
    return {m["unit"] for m in _SIGNED_AT_END.finditer(text) if is_unit_name(m["unit"])}


def _source_answering_most(source_unit: str | None, segments: list[Segment], cast: Cast) -> str | None:
    """The unit a page gives as its source ("来源：县农业农村局") when its people answer more than any other unit's
    (a bureau's report of its own event, where an expert it invited answers first)."""
    if not source_unit:
        return None
    units = _answers_by_unit(segments, cast)
    units.pop("", None)
    ranked = units.most_common(2)
    own = cast.unit(source_unit)
    if ranked and ranked[0][0] == own and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return source_unit
    return None


_HOST_LINE = re.compile(r"(?:^|[ \t\u3000])主办(?:单位)?[：:][ \t\u3000]*(?P<unit>[^\s：:，,]{2,30})", re.M)


MIN_ANSWERS_OF_MOST = 3


def _unit_answering_most(segments: list[Segment], cast: Cast, intro: str) -> str | None:
    """The unit whose people answer the most (three or more, more than any other) on a page that introduces no one
    and names none of the units answering before they do (a paper's 你问我答, each answer by whichever unit the question
    is for; not a notice its units publish jointly)."""
    answering = _answers_by_unit(segments, cast)
    asking = [read_label(s.speaker).word for s in segments if s.asks]
    reporter_asks = bool(asking) and all(word == "记者" for word in asking)  # units a reporter says he went to
    if not reporter_asks and any(cast.unit(org) in answering for _, org in org_mentions(intro, cast.cities)):
        return None
    ranked = [(unit, n) for unit, n in answering.most_common(2) if unit]
    if ranked and ranked[0][1] >= MIN_ANSWERS_OF_MOST and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _site_answering(source_unit: str | None, text: str, segments: list[Segment], cast: Cast) -> str | None:
    """The unit a page gives as its source ("来源：潏嵕市应急管理局") when it is the site's own ("主办：……", the same unit)
    and answers on it: its page, though a unit below it answers more (a shelter's office on the 应急局's page)."""
    if not source_unit:
        return None
    own = cast.unit(source_unit)
    hosts = {cast.unit(m["unit"]) for m in _HOST_LINE.finditer(text) if is_unit_name(m["unit"])}
    return source_unit if own and own in hosts and _answers_by_unit(segments, cast).get(own) else None


def _site_owner(line: str | None) -> str | None:
    """The unit a page's first line names as the site's owner ("淠岈市岈山区人民政府门户网站")."""
    owner = re.sub(r"(?:门户网站|网站|官网)$", "", (line or "").strip())
    return owner if owner != (line or "").strip() and is_unit_name(owner) else None


def _issuer_answering(issuer: str | None, segments: list[Segment], cast: Cast) -> str | None:
    """The unit on a document's issuer line ("洣嶓市嶓山区应急管理局　2027年4月18日" under its title) when its own people
    answer in it (a drill's script, where the district's 副区长 speaks first)."""
    if not issuer or not is_unit_name(issuer):
        return None
    return issuer if cast.unit(issuer) in _answers_by_unit(segments, cast) else None


# a page's footer naming the unit it belongs to: "洄岬市卫生健康委员会　地址：……　电话：……　版权所有", "主办单位：……"
_FOOTER_OWNER = re.compile(r"^[ \t\u3000]*(?:主办(?:单位)?[：:][ \t\u3000]*)?(?P<unit>[\u4e00-\u9fff]{4,30}?)[ \t\u3000]+"
                           r"(?=[^\n]*?(?:版权所有|地址[：:]))[^\n]*$", re.M)
FOOTER_CHARS = 400


def _footer_owner(text: str) -> str | None:
    """The unit a page's footer names as its owner, in its last lines."""
    found = [m["unit"] for m in _FOOTER_OWNER.finditer(text[-FOOTER_CHARS:]) if is_unit_name(m["unit"])]
    return found[-1] if found else None


_POSTS_BEFORE = re.compile(r"[^\s，。；：:、（()）“”的]{2,30}$")


def _own_section_resolved(person: PersonDesc, before: list[PersonDesc]) -> PersonDesc:
    """"局渔政支队支队长鲍启帆" after "市海洋与渔业局……副局长阮海澄": a section of the 局 of the one named before, its
    name in the post."""
    if person.org and (own := OWN_SECTION.match(person.org)) and (
            units := [p.org for p in before if p.org and p.org.endswith(own.group()) and not OWN_SECTION.match(p.org)]):
        return PersonDesc(person.name, units[-1], person.org[1:] + (person.role or ""))
    return person


def _named_in_passing(answerers: list[LabelReading], people: list[PersonDesc], text: str) -> list[PersonDesc]:
    """Who an answerer called by surname and title ("郁厂长：") or by name alone ("巫晓禾：") is, when no list names
    them: the person the text introduces in passing by role and full name ("……环保能源有限公司厂长郁成林带着小记者们……",
    "县农业技术推广中心推广研究员巫晓禾、……")."""
    found: list[PersonDesc] = []
    described = _described_in_brackets(text)  # "袁卫东（岈山区人民政府副区长）" anywhere in the text
    text = _place_posts_named(text)
    for surname, title in dict.fromkeys(r.title for r in answerers if r.title and r.title[1]):  # in the text's order
        if any(p.name and p.name.startswith(surname) and (p.role or "").endswith(title) for p in [*people, *found]):
            continue
        if len(same := [p for p in described if p.name and p.name.startswith(surname)]) == 1 and not any(
                p.name and p.name.startswith(surname) for p in people):
            found.append(same[0])  # "袁河长：" the one 袁 the text describes in brackets
            continue
        in_full = _TITLE_IN_FULL.get(title, "")  # "贺总": the text writes "……总经理贺春燕"
        for match in re.finditer(rf"[^\s，。；：:、（()）“”的]{{0,30}}?{re.escape(title)}{in_full}(?=[ \t\u3000]?{re.escape(surname)})", text):
            name = _full_name_at(text, match.end() + (text[match.end()] in " \t\u3000"))  # "……医保办主任　贝思齐"
            if text[match.start() - 1:match.start()] == "、" and (before := _POSTS_BEFORE.search(text, 0, match.start() - 1)) \
                    and all(split_org_role(before.group())):  # a unit and a post, no one's name
                # "市海洋与渔业局党组成员、副局长阮海澄": the unit and every post
                person = parse_person(names_apart_from_units(f"{before.group()}、{match.group()}{name}")) if name else None
            else:
                person = parse_person(_last_listed(match.group() + name)) if name else None
            if person is not None and person.name == name:
                found.append(_own_section_resolved(person, [*people, *found]))
                break
        else:  # "盛老师", "郜首席" as people address them: the one person of that surname the text describes
            described_here = {p.name: p for p in _posts_then_names(text, surname)}
            if len(described_here) == 1:
                found.append(_own_section_resolved(next(iter(described_here.values())), [*people, *found]))
    for name in dict.fromkeys(r.person.name for r in answerers
                              if r.person and r.person.name and not (r.person.org or r.person.role)):
        if any(p.name == name and (p.org or p.role) for p in [*people, *found]):
            continue
        if bracketed := next((p for p in described if p.name == name), None):
            found.append(bracketed)  # "何俊（区水利局河湖管理股股长）" in a list above
            continue
        for listed in re.finditer(rf"[^\s，。；：:（()）“”的]{{2,40}}?、(?={re.escape(name)})", text):
            # "……接警员乔雨萌、申浩然": the second of a list that describes the first
            person = next((p for p in parse_people(listed.group() + name) if p.name == name and p.role), None)
            if person is not None:
                found.append(person)
                break
        else:
            _described_before(name, text, found)
    return found


def _posts_then_names(text: str, surname: str) -> list[PersonDesc]:
    """The people of that surname the text writes after their unit and post, as a lead lists them
    ("……天文辅导员盛可岚，")."""
    out = []
    for match in re.finditer(rf"[^\s，。；：:（()）“”的]{{2,30}}?{re.escape(surname)}[\u4e00-\u9fff]{{1,2}}(?=[，,、。；;和在])", text):
        whole = parse_person(match.group())  # "……展教部副部长、天文辅导员盛可岚": every post, else the last listed
        person = whole if whole is not None and whole.name else parse_person(_last_listed(match.group()))
        if person is not None and person.name and person.name.startswith(surname) and (person.org or person.role):
            out.append(person)
    return out


# the posts a short title after a surname stands for, as people address them: "贺总" (总经理), "骆工" (工程师)
_TITLE_IN_FULL = {"总": "(?:经理|裁|监|工程师|经济师|会计师)?", "工": "(?:程师)?"}
_NAME_DESCRIBED = re.compile(r"(?P<name>[\u4e00-\u9fff·]{2,4})[（(](?P<desc>[^（）()\n，。；]{3,40})(?:[，,][^（）()\n]{0,60})?[）)]")


def _described_in_brackets(text: str) -> list[PersonDesc]:
    """The people the text names with their unit and post in brackets after them ("何俊（区水利局河湖管理股股长）")."""
    people: list[PersonDesc] = []
    for match in _NAME_DESCRIBED.finditer(text):
        for name in (match["name"][-3:], match["name"][-2:]):
            if is_person_name(name) and (person := parse_person(match["desc"] + name)) is not None \
                    and person.name == name and (person.org or person.role):
                people.append(person)
                break
    return people


def _described_before(name: str, text: str, found: list[PersonDesc]) -> None:
    """The person the text introduces by role (and unit) right before their name (the unit that sent them before
    that: "……市场监管局派驻专区的……审查员吴海燕")."""
    for match in re.finditer(rf"[^\s，。；：:、（()）“”的]{{2,30}}?[ \t\u3000]?(?={re.escape(name)})", text):
        person = parse_person(_last_listed(_NARRATED_ACT.sub("", match.group()) + name))  # "……中队长　甄立" too
        if person is not None and person.name == name and person.role:
            if not person.org and (sent := _SENT_BY.search(text, max(0, match.start() - 40), match.start())):
                unit = next((sent["by"][k:] for k in range(len(sent["by"]) - 1) if is_unit_name(sent["by"][k:])), None)
                person = PersonDesc(person.name, unit, person.role) if unit else person
            found.append(person)
            return


# the unit that sent someone named after it: "峋阳区市场监管局派驻专区的食品经营许可审查员吴海燕"
# what the writer did before naming them: "记者联系了" (……供电公司客户服务中心主任高丽), "随后采访了"
_NARRATED_ACT = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:联系|采访|找到|询问|请教|走访|致电|拨通|见到|问)了")
_SENT_BY = re.compile(r"(?P<by>[\u4e00-\u9fff]{2,24}?)(?:派驻|派到|进驻|入驻|驻)[\u4e00-\u9fff]{0,6}的$")


def _last_listed(words: str) -> str:
    """The last person of a run that lists several ("……主任张海峰和漷河区……科长孙悦" -> "漷河区……科长孙悦")."""
    return names_apart_from_units(words).rsplit("、", 1)[-1]


def _full_name_at(text: str, start: int) -> str | None:
    """The name that starts at `start`: three characters, or two when the word splitter reads two and a verb after
    them ("王芳说"); None when neither is a name."""
    window = text[start:start + 4]
    tokens = pos_tokens(window)
    two = len(tokens) > 1 and len(tokens[0][0]) == 2 and tokens[1][1].startswith(("v", "p")) \
        or bool(TOGETHER_AFTER_NAME.match(window, 2))  # "汝佳一起": two characters, then 一起
    for name in ((window[:2], window[:3]) if two else (window[:3], window[:2])):
        if is_person_name(name):
            return name
    return None


_ROLE_ONLY = re.compile(r"负责(?:人|同志)$")
_PERSON_FIELD = re.compile(r"^(?:\*\*|__)?(?:接待领导|接访领导|带班领导|陪同接待|陪同领导|陪同人员|(?:本板|本期|本场|本版)?答疑专家|"
                           r"解答专家|答疑嘉宾)(?:\*\*|__)?[ \t\u3000]*[：:](?:\*\*|__)?[ \t\u3000]*"
                           r"(?P<who>[^\n：:]{2,40}?)[ \t\u3000]*$", re.M)
_QUOTE_AS = re.compile(r"(?:注明|署名|表述为)[为是]?[“\"「](?P<who>[^”\"」]{4,30}?)(?:表示|介绍|说|称)?[”\"」]")
# "……局党组书记、局长邱明远出镜": someone the sentence describes, then appearing on a video
_APPEARS = re.compile(rf"(?P<who>[^，。；：:\s]{{2,40}}?{ROLE_UNIT}[\u4e00-\u9fff]{{2,3}}?)(?=出镜)")


# "……请教了望津街道社会保障服务所所长邓雨辰，下面是她的答复。", "……的社区民警吴峻，他的答复如下": someone a
# column's author asked, named before their answer
_INTRODUCED = re.compile(rf"(?:(?P<org>[^，。；：:\s（(了]{{4,40}}?(?:公司|中心|局|所|站|队|委员会|办事处|医院|学校))[，,])?"
                         rf"(?P<who>[^，。；：:\s（(了]{{0,40}}?{ROLE_UNIT}[\u4e00-\u9fff]{{2,3}}?)(?=[，,]?(?:下面|以下)?是?"
                         r"(?:他|她)?(?:的|给了|给出了?|作了|作出了?)(?:答复|回复|解答))")


def _introduced(who: str) -> PersonDesc | None:
    """The person of "溠岍市公安局岍北分局望津派出所的社区民警吴峻", with the unit as written."""
    person = parse_person(who.replace("的", ""))
    return person if person is not None and person.name and person.org else None


def _appearing(who: str, cities: tuple[str, ...]) -> PersonDesc | None:
    """The person of "X局党组书记、局长邱明远" with only the unit kept of what comes before it ("合集简介：……",
    "……转给了溠岍市公安局岍北分局望津派出所的社区民警吴峻")."""
    person = parse_person(who)
    if person is None or not person.name or not person.org:
        return None
    named = org_mentions(person.org, cities)
    return PersonDesc(person.name, named[-1][1], person.role) if named else None


# "局党组书记": a post of the unit the sentence named before it (a 局's, a 委's), not a unit of its own
_OWN_UNIT_POST = re.compile(r"(?:(?<=[，。；、：:\s])|^)(?P<unit>局|委)(?=党组|党委)")
_THIS_UNIT = re.compile(r"该(?=局|委|厅|办|中心)(?:局|委员会|委|厅|办公室|办|中心)")


def _city_as_name(person: PersonDesc, cities: tuple[str, ...]) -> bool:
    """"海川市水务局党组书记" read as 海川 of 市水务局: the city's name is no person's."""
    return bool(person.name and person.org and any((person.name + person.org).startswith(city) for city in cities))


def _this_unit_named(line: str, cities: tuple[str, ...]) -> str:
    """"苓川市农业农村局印发……记者就此采访了该局有关负责人": 该局 is the unit the sentence named before it."""
    for match in reversed(list(_THIS_UNIT.finditer(line))):
        named = [org for start, org in org_mentions(line[: match.start()], cities) if start + len(org) <= match.start()]
        if named:
            line = line[: match.start()] + named[-1] + line[match.end():]
    for match in reversed(list(_OWN_UNIT_POST.finditer(line))):  # "市农业农村局召开……局党组书记、局长戚怀瑾"
        named = [org for start, org in org_mentions(line[: match.start()], cities)
                 if start + len(org) <= match.start() and org.endswith(match["unit"])]
        if named:
            line = line[: match.start()] + named[-1] + line[match.end():]
    return line


def _title_people(titles: str, cities: tuple[str, ...]) -> list[PersonDesc]:
    """The unit in a title and who speaks for it: "市医疗保障局负责人就《…》答记者问", "专访市交通运输局局长李振远"."""
    people = []
    for line in titles.splitlines():
        for start, org in org_mentions(line, cities):
            rest = AFTER_ANOTHER.split(line[start + len(org):])[0]  # "局长祁远舟、……局副局长沈若微": one at a time
            after = re.match(r"^(?P<desc>(?:有关|相关)?负责(?:人|同志)|[^\s，,：:。！？—《“”]{2,16})"
                             r"(?:[ \t\u3000]+(?P<name>[\u4e00-\u9fff·]{2,4})$)?", rest)  # "……区长 韦清和": the name apart
            person = parse_person(org + after["desc"] + (f" {after['name']}" if after["name"] else "")) if after else None
            if person is not None and person.org:
                people.append(person)
    return people


_COURT = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:中级|高级)?人民(?:法院|检察院)")


def _court_of_sections(people: list[PersonDesc], text: str) -> str | None:
    """The court (or procuratorate) a record names, when those who answer are of its sections only ("民事审判第三庭副
    庭长", "执行局执行实施一处法官"): theirs."""
    if not people or not all(p.org is None or COURT_SECTION.fullmatch(p.org) for p in people) or \
            not any(p.org for p in people):
        return None
    court = _COURT.search(text[:SOURCE_FIELD_CHARS * 2])
    return court.group() if court else None


def _main_org(people: list[PersonDesc], titles: str, header: Header, text: str, cities: tuple[str, ...]) -> str | None:
    """The unit the interview is about: the main interviewee's, else the first one the title names (not the press
    office or the outlet), else the one the source line names."""
    if people and people[0].org and _HOSPITAL.search(main_unit(people[0].org)):
        # a hospital's doctors first: the event is the bureau's that publishes it (来源：……卫生健康委员会)
        published = next((main_unit(org) for source in header.sources for _, org in org_mentions(source, cities)
                          if not _HOST_UNITS.search(org)), None)
        if published:
            return published
    for person in people:
        heads_it = bool(person.role and _GOVERNMENT_HEAD.fullmatch(person.role))  # a 市长 speaks for the 人民政府
        if person.org and (heads_it or not _HOST_UNITS.search(person.org)) and not is_institution(person.org) \
                and not _HOSPITAL.search(main_unit(person.org)) and not _INSTITUTE.search(main_unit(person.org)):
            return person.org  # a company's engineer beside a bureau's 科长: the bureau's interview
    for line in titles.splitlines():
        for _, org in org_mentions(line, cities):
            if not _HOST_UNITS.search(org) and not _RELAY_UNIT.search(org):
                return org
    for source in header.sources:
        for _, org in org_mentions(source, cities):
            if not _HOST_UNITS.search(org) and not _RELAY_UNIT.search(org):
                return main_unit(org)
    return None


def _header_date(header: Header) -> str | None:
    if header.time and (match := re.search(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})", header.time)):
        return "{}-{:02d}-{:02d}".format(*map(int, match.groups()))
    return None


def _outlet_from_askers(segments: list[Segment]) -> str | None:
    """The outlet that asked, when one outlet asked every question (the seed's 齐鲁晚报·齐鲁壹点)."""
    askers = {s.speaker for s in segments if s.asks}
    outlets = {a for a in askers if read_label(a).outlet and "记者" not in a}
    return next(iter(outlets)) if len(outlets) == 1 and len(askers) == 1 else None
