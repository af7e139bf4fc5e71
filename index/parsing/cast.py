"""The people of one interview (its guest list, the host's introduction, the title, the labels) and who each
answerer label stands for: a person with a role and a unit, a role standing for one (市医疗保障局负责人), or, for a
label that says only that someone answers (答, 嘉宾), the main interviewee.

A speaker is never a timestamp or a label word; a unit that cannot be read is the interview's own bureau, and
that bureau, when nothing names it, is unknown ("").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from index.lexicon.places import is_everyday_word
from index.parsing.orgs import (COURT_BUREAU, GOVERNMENT_SITE, YOUTH_LEAGUE, org_mentions, fullest, is_unit_name, main_unit,
                                qualify, split_place)
from index.parsing.people import KIN_WORDS, ROLE_UNIT, PersonDesc, is_person_name, is_speaker, parse_person
from index.parsing.speakers import ACCOUNT_REPLY, GENERIC_ANSWERS, PUBLISHER, REMINDER, UNIT_SHORT, read_label
from index.text import to_simplified

# 城市更新科, 养老服务处: a section, its unit unnamed (a 街道办事处 is a unit of its own)
_STAFF_POST = re.compile(r"(?:民警|辅警|工作人员|干事|科员)$")  # a post of whatever section one serves in
_BARE_SECTION = re.compile(r"[\u4e00-\u9fff]{2,10}(?:科|(?<!办事)处|室|股|(?<!总)(?<!宣传)(?<!组织)部)|[\u4e00-\u9fff]{1,6}庭")  # 民一庭: a court's


# a court's sections, which speak for the court: "诉讼服务中心", "民事审判第三庭", "第八检察部" (of a procuratorate)
COURT_SECTION = re.compile(r"(?![\u4e00-\u9fff]*(?:法院|检察院))(?:执行局|诉讼服务中心|立案庭|[\u4e00-\u9fff]{1,10}庭|第[一二三四五六七八九十]{1,3}检察部)"
                            r"(?:[\u4e00-\u9fff]{1,8}(?:处|科|室))?")
_OWN_KIND_SECTION = re.compile(r"(?P<kind>大队|支队|总队)(?P<section>[\u4e00-\u9fff]{2,10}(?:科|处|室|股|站))")
_NOT_PLACE_END = "社小园校景片城市辖灾厂矿营新放控护验范"  # 社区, 小区, 校区, 景区, 片区, 禁放区, 管控区, 保护区, 试验区, 示范区: no district's name ends so
_NOT_PLACE_STEM = re.compile(r"[全本我该各每这那此城辖市县区镇乡村]")  # 全县, 本区, 城区, 市县: no county's name
_DECLARED_SHORT_FORM = re.compile(r"(?P<full>[\u4e00-\u9fff]{4,30}?)[（(]以下简称[“\"「]?(?P<short>[\u4e00-\u9fff]{2,10})[”\"」]?[）)]")
_TOWN_PARTY_OFFICE = re.compile(r"(?P<town>(?:[\u4e00-\u9fff]{2,3}?[市县区])*[\u4e00-\u9fff]{2,3}?[镇乡])"
                                r"(?P<posts>党委(?:委员|成员)?、[\u4e00-\u9fff]{2,8}?(?:部|办|所|站))")
_YOUTH_LEAGUE_SHORT = frozenset({"团市委", "团区委", "团县委"})
_COMMITTEE_OFFICE = re.compile(r"(?P<stem>[\u4e00-\u9fff]{2,8}?)委员会办公室")
_OWN_DISTRICT_UNIT = re.compile(r"^[区县](?![长委])[\u4e00-\u9fff]{2,}")  # "区教育局": the district's own
_TOWN_OR_VILLAGE_UNIT = re.compile(r"(?:[镇乡]人民政府|街道办事处|(?:村|社区)(?:村民|居民)委员会)$")
_TOWN_GOVERNMENT = re.compile(r"(?P<town>[\u4e00-\u9fff]{2,14}?[镇乡])人民政府")
_VILLAGE = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:村|社区)")
# a county, town and village written one under the other ("沚西县漭塘镇岵山村", "沚西县漭塘镇人民政府"): the document's own
_PLACE_CHAIN = re.compile(r"(?P<county>[\u4e00-\u9fff]{2}县)?(?P<town>[\u4e00-\u9fff]{2}[镇乡])"
                          r"(?P<village>[\u4e00-\u9fff]{2}村)?")
_TOWN_OFFICE = re.compile(r"(?P<town>(?:[\u4e00-\u9fff]{2,3}?[市县区])*[\u4e00-\u9fff]{2,3}?[镇乡])"
                          r"(?P<office>[\u4e00-\u9fff]{2,10}?(?:办公室|办))")
# a street's office or station ("望津街道社会保障服务所"): of the 街道办事处, the office in the role
_STREET_OFFICE = re.compile(r"(?P<street>(?:[\u4e00-\u9fff]{2,3}?[市县区])*[\u4e00-\u9fff]{2,3}?街道)(?!办事处)"
                            r"(?P<office>(?![\u4e00-\u9fff]{0,4}卫生服务)[\u4e00-\u9fff]{2,12}?(?:办公室|办|所|站|中心))")
# (not a 社区卫生服务中心 or 站: a clinic of its own, the health bureau's, not the street office's)
# a street's party working committee ("桐荫街道党工委委员、副主任"): its members hold the office's posts too
_STREET_PARTY = re.compile(r"(?P<street>(?:[\u4e00-\u9fff]{2,3}?[市县区])*[\u4e00-\u9fff]{2,3}?街道)(?P<party>党工委)")
_LEADING_WORDS = "由在向到了的和与对从给经把被将为于及或并住进"  # 家住峃山区……: 住 too  # a word before a run of places, never its first character
# the place a town's, a street's, a village's or a community's unit is of, and a run of places down to it
_PLACE_OF_UNIT = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,4}?(?:社区|村|街道|镇|乡))(?=居民委员会|村民委员会|办事处|人民政府)")
_PLACES = re.compile(r"(?:[\u4e00-\u9fff]{2,3}?市)?(?:[\u4e00-\u9fff]{2,3}?[区县])?(?:[\u4e00-\u9fff]{2,3}?(?:街道|镇|乡))?"
                     r"(?:[\u4e00-\u9fff]{2,4}?(?:社区|村))?")
_LEVEL_OF = {"县": "county", "镇": "town", "乡": "town", "村": "village"}
# the head of a city's, a county's or a town's government by title alone ("副市长", "常务副县长", "镇长")
_HEAD_OF_GOVERNMENT = re.compile(r"(?:常务)?副?(?P<level>[市县镇乡])长")


def _runs_ending_with(text: str, tail: str) -> list[str]:
    """Every run of up to 14 Chinese characters the text writes before `tail`, with the tail, from each place it may
    begin ("并在渼沚市沚西县漭塘镇人民政府" gives "渼沚市沚西县漭塘镇人民政府" among others)."""
    return [m.group()[k:] for m in re.finditer(rf"[\u4e00-\u9fff]{{2,14}}?{re.escape(tail)}", text)
            for k in range(len(m.group()) - len(tail))]


def own_places(text: str) -> dict[str, str]:
    """The county, town and village the text names in chains of them most often (twice or more, or the only one)."""
    counts: dict[str, Counter[str]] = {}
    for match in _PLACE_CHAIN.finditer(text):
        if match["county"] or match["village"]:
            for level, name in match.groupdict().items():
                if name:
                    counts.setdefault(level, Counter())[name] += 1
    return {level: named.most_common(1)[0][0] for level, named in counts.items()
            if named.most_common(1)[0][1] >= 2 or len(named) == 1}


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said an answer: the name shown (a person's name, or a role), their role, and the bureau they speak for."""

    name: str
    role: str | None
    bureau: str


class Cast:
    """The interview's people, first the main interviewee; resolves answerer labels to speakers."""

    def __init__(self, people: Iterable[PersonDesc], city: str | None, text: str, cities: tuple[str, ...] = (),
                 bureau: str | None = None, renamed: dict[str, str] | None = None, unit_answers: bool = False,
                 issuer: str | None = None, site: str | None = None) -> None:
        self.city, self.text, self.cities = city, text, cities
        self.site = site or ""  # the site that publishes the page ("……市渌江区人民政府"): a district's own pages
        self.issuer = issuer  # the section of the bureau that issues the page ("……公安局嵕北分局泮溪派出所"), if it is one
        self.unit_answers = unit_answers  # "答：" is the page's unit: its people speak under their own labels only
        self.renamed = renamed or {}  # a unit read from the text -> the bureau the front matter gives it
        simplified = to_simplified(text)
        self._simplified = simplified if len(simplified) == len(text) and simplified != text else None
        self.places = own_places(text)
        # "县人民政府征兵办公室（以下简称“县征兵办”）": the short form the text declares for a unit
        self.short_forms = {m["short"].lstrip("市县区"): m["full"] for m in _DECLARED_SHORT_FORM.finditer(text)
                            if is_unit_name(m["full"])}  # by the short form's kind: "县供销社" is "峓西县供销社" too
        self.people: list[PersonDesc] = []
        for person in people:
            self.add(person)
        self.bureau = bureau or ""  # read by unit() while the main interviewee's unit is
        if bureau is None:
            self.bureau = self.unit(self.main.org if self.main else None) or ""
        self._known: dict[str, Speaker] = {}

    @property
    def main(self) -> PersonDesc | None:
        return self.people[0] if self.people else None

    def placed(self, person: PersonDesc) -> PersonDesc:
        """A person of a unit named by its level alone ("镇党委委员、副镇长", "村委会主任", "县住建局……股长") read as of the
        document's own county, town or village ("漭塘镇党委委员、副镇长": the town's government); of a town's office,
        its government; of a street's office or station ("……街道社会保障服务所"), its 街道办事处."""
        org = person.org or ""
        if not org and person.name and (head := _HEAD_OF_GOVERNMENT.fullmatch(person.role or "")):
            level = head["level"]  # "副市长周惟清": the head of a government speaks for it, not for the page's bureau
            seat = "市" if level == "市" else self.places.get(_LEVEL_OF.get(level, ""))
            if seat:
                return PersonDesc(person.name, seat + "人民政府", person.role)
        place = self.places.get(_LEVEL_OF.get(org[:1], "")) if org and not split_place(org)[0] else None
        if place:
            again = parse_person(place[:-1] + org + (person.role or "") + (person.name or ""))
            person = again if again is not None and again.name == person.name and again.org else person
        if person.org and (office := _TOWN_OFFICE.fullmatch(person.org)):  # a town's 办: the town's government
            return PersonDesc(person.name, office["town"] + "人民政府", office["office"] + (person.role or ""))
        if person.org and (office := _STREET_OFFICE.fullmatch(person.org)):
            return PersonDesc(person.name, office["street"] + "办事处", office["office"] + (person.role or ""))
        if person.org and (town := _TOWN_PARTY_OFFICE.fullmatch(person.org)):  # "镇党委委员、人民武装部部长"
            return PersonDesc(person.name, town["town"] + "人民政府", town["posts"] + (person.role or ""))
        if person.org and (party := _STREET_PARTY.fullmatch(person.org)):  # "街道党工委委员、副主任": one post of both
            return PersonDesc(person.name, party["street"] + "办事处", party["party"] + (person.role or ""))
        return person

    def add(self, person: PersonDesc) -> None:
        """Adds a person, or completes what is known of one already there (by name)."""
        person = self.placed(person)
        if person.name is None:
            if not any(p.name is None and p.role == person.role for p in self.people):
                self.people.append(person)
            return
        for i, known in enumerate(self.people):
            if known.name == person.name:  # named again by a shorter label: the title they came with
                again = known.org and not person.org and known.role
                self.people[i] = PersonDesc(known.name, known.org or person.org,
                                            known.role if again else _fuller(known.role, person.role))
                return
        for i, known in enumerate(self.people):  # the role said first ("专访……区长"), the name later: one person
            if known.name is None and known.role and known.role == person.role and known.org == person.org:
                self.people[i] = person
                return
        self.people.append(person)

    def unit(self, org: str | None) -> str | None:
        """A unit's name as the bureau of a passage: its main unit, its fullest form in the text, with the city (or
        the bureau the front matter gives it)."""
        if not org:
            return None
        org = self.short_forms.get(split_place(org)[1].lstrip("市县区"), org)
        if org in _YOUTH_LEAGUE_SHORT and (league := YOUTH_LEAGUE.search(f"{self.text}\n{self.site}")):
            org = league.group()  # "团市委": the 共青团……市委员会 the text names in full
        if (said := org_mentions(org, self.cities)) and said[-1][0] > 0 and is_unit_name(org[said[-1][0]:]) \
                and re.search(r"[的是为][ \t\u3000]*$", org[:said[-1][0]]):
            org = org[said[-1][0]:]  # "接待他的是市市场监督管理局（登记注册科）": the unit, not the words before it
        if (own := _OWN_KIND_SECTION.fullmatch(org)) and (whole := self._own_unit(own["kind"])):
            org = whole  # "大队防火监督科": the document's own 大队
        elif _BARE_SECTION.fullmatch(org) and not is_unit_name(org) and main_unit(org) == org:
            return None  # "读者服务部": a section of a unit the label does not name
        unit = fullest(self._main_unit(org), self.text, self.cities)
        if _OWN_DISTRICT_UNIT.match(unit):
            unit = self._district_named(unit)
        unit = qualify(unit, self.city)
        if unit and _TOWN_OR_VILLAGE_UNIT.search(unit):
            unit = self._in_full(unit)
        if unit and (national := re.search(rf"国家[\u4e00-\u9fff]{{2,10}}?总局{re.escape(unit)}", self.text)):
            unit = national.group()  # a vertically run bureau as the text writes it in full: "国家税务总局……区税务局"
        return self.renamed.get(unit, unit) if unit else unit

    def _main_unit(self, org: str) -> str:
        """The unit without its section; "市禁毒委员会办公室" whole where the text calls it 禁毒办: a coordinating
        committee's office, a unit of its own (not the 办公室 section of a 卫生健康委员会)."""
        office = _COMMITTEE_OFFICE.fullmatch(split_place(org)[1])
        return org if office is not None and f"{office['stem']}办" in self.text else main_unit(org)

    def _district_named(self, unit: str) -> str:
        """"区教育局" in a district's document: the district the text writes it with ("棹东区教育局"), when that
        district is named more than once (not "转给区教育局")."""
        written = re.finditer(rf"((?:(?!市)[\u4e00-\u9fff]){{2,3}}?{unit[0]}){re.escape(unit[1:])}", self.text)  # not 市城东区
        times = {place: self.text.count(place) for place in {m.group(1) for m in written}
                 if not is_everyday_word(place[:-1])}  # "建议区城管局……": 建议 is no district
        named = [(count, place) for place, count in times.items() if count >= 2]
        if named:
            return max(named)[1] + unit[1:]
        # "县植保植检站" in a county's document that never writes it with the county: the one county it names often
        own = self._one_place(unit[0])
        return own + unit[1:] if own else unit

    def _one_place(self, level: str) -> str | None:
        """The one county (level 县) or district (区) the document names often (twice or more), if only one."""
        if (site := GOVERNMENT_SITE.match(self.site)) and (county := site["county"]) and county.endswith(level):
            return county  # the district whose site publishes the page
        named = Counter(m.group() for m in re.finditer(rf"[\u4e00-\u9fff]{{2}}{level}(?=[\u4e00-\u9fff])", self.text))
        often = [place for place, count in named.items() if count >= 2 and not is_everyday_word(place[:2])
                 and not _NOT_PLACE_STEM.search(place[:2]) and place[1] not in _NOT_PLACE_END]
        return often[0] if len(often) == 1 else None

    def _in_full(self, unit: str) -> str:
        """A town's or a village's unit as the text writes it with the places above it ("柘湍市湍西县楝坪镇人民政府"
        for 楝坪镇人民政府), else, for a village or a community, under the town whose document this is."""
        place, kind = split_place(unit)
        fuller = [w for w in _runs_ending_with(self.text, kind) if len(w) > len(unit) and is_unit_name(w) and split_place(w)[0]
                  and (not place or w.startswith(place) or place == "市")]
        if fuller:
            return max(fuller, key=len)
        found = [unit]
        if (stem := _PLACE_OF_UNIT.match(kind)) and (chain := self._chain_to(stem["place"], place)):
            # 泫水社区居民委员会 under "涔岙市岙东区潆湾街道泫水社区", the city before a run that does not name it
            found.append((qualify(chain, self.city) or chain) + kind[len(stem["place"]):])
        town = _TOWN_GOVERNMENT.fullmatch(self.bureau)
        if town and _VILLAGE.match(kind) and not re.search(r"[镇乡]|街道", kind):
            found.append(town["town"] + kind)  # 桉塘村村民委员会 in 楝坪镇's own briefing: the town's village
        best = max(found, key=len)
        if (kind.endswith("街道办事处") or _TOWN_GOVERNMENT.fullmatch(kind)) \
                and not re.search(r"[区县]", best[:max(best.find("街道"), best.find("镇"), best.find("乡"))]) \
                and (district := self._one_place("区") or self._one_place("县")):
            best = (qualify(district, self.city) or district) + kind  # 临瀔街道办事处, 白沙镇人民政府 in a 岈山区 document
        return best

    def _chain_to(self, place: str, above: str) -> str | None:
        """The longest run of places the text writes down to `place` ("涔岙市岙东区潆湾街道泫水社区"), under `above`."""
        chains = [w for w in _runs_ending_with(self.text, place) if _PLACES.fullmatch(w)
                  and (not above or above in ("市", self.city) or w.startswith(above))]  # 嶓山区青檀镇 in 洣嶓市's text
        # "本文由溠岍市岍北区望津街道……": 由 is no part of the city's name when the run goes on without it
        chains = [w for w in chains if not (w[0] in _LEADING_WORDS and (w[1:] in chains or w[1:] == place))]
        return max(chains, key=len) if chains else None

    def find(self, name: str) -> PersonDesc | None:
        return next((p for p in self.people if p.name == name), None)

    def by_title(self, surname: str, title: str) -> PersonDesc | None:
        """周局长: the person of that surname whose role has that title (副局长 for 方副局长); the only one of that
        surname when no role says."""
        same = [p for p in self.people if p.name and p.name.startswith(surname)]
        fitting = [p for p in same if p.role and _has_title(p.role, title)]
        if len(fitting) == 1:
            return fitting[0]
        return same[0] if len(same) == 1 else None

    def by_unit_and_title(self, desc: PersonDesc) -> PersonDesc | None:
        """市交通运输局副局长: the one person of that unit whose role ends in that title, when the label names nobody
        (局长 alone: the one person of any unit)."""
        title = _LAST_TITLE.search(desc.role or "")
        if title is None or (not desc.org and desc.role != title.group()):
            return None
        if not desc.org:  # "【局长答】": the one person whose role ends in that title, whatever the unit
            fitting = [p for p in self.people if p.name and p.role and _has_title(p.role, title.group())]
        else:
            unit = self.unit(desc.org)
            fitting = [p for p in self.people if p.name and p.role and p.org and self.unit(p.org) == unit
                       and _has_title(p.role, title.group())]
        return fitting[0] if len({p.name for p in fitting}) == 1 else None

    def __call__(self, label: str) -> tuple[str, str | None, str]:
        """(speaker, role, bureau) of an answerer label."""
        if label not in self._known:
            self._known[label] = self._read(label)
        speaker = self._known[label]
        return speaker.name, speaker.role, speaker.bureau

    def speaker(self, label: str) -> Speaker:
        self(label)
        return self._known[label]

    def _unit_called(self, short: str) -> str | None:
        """The one unit the text names whose name holds a short name's characters in order ("边检": 漋嵝出入境边防检查站,
        "口岸办": 漋嵝市人民政府口岸办公室), written as the text writes it; None when no unit or several do."""
        if len(short) < 2:
            return None
        pattern = re.compile(".*?".join(map(re.escape, short)))
        units = {self.unit(unit) or unit for run in re.findall(r"[\u4e00-\u9fff]{3,24}", self.text)
                 if pattern.search(run) and (unit := next((run[k:] for k in range(len(run) - 2)
                                                           if is_unit_name(run[k:])), None))
                 and pattern.search(unit) and unit != short}
        fullest_units = {u for u in units if not any(u != v and u in v for v in units)}
        return next(iter(fullest_units)) if len(fullest_units) == 1 else None

    def _own_unit(self, kind: str) -> str | None:
        """The unit of a kind the text names most ("崆山区消防救援大队"), for a section it calls by the kind alone."""
        named = Counter(m.group() for m in re.finditer(rf"[\u4e00-\u9fff]{{2,12}}?{kind}", self.text)
                        if is_unit_name(m.group()))
        return named.most_common(1)[0][0] if named else None

    def _of(self, person: PersonDesc) -> Speaker:
        # "大队防火监督科科长陈志远": a section of the document's own 大队, called by its kind alone
        if person.org and (own := _OWN_KIND_SECTION.fullmatch(person.org)) and (unit := self._own_unit(own["kind"])):
            person = PersonDesc(person.name, unit + own["section"], person.role)
        if person.org and person.name and is_institution(person.org):
            # 雁汀师范学院社会发展学院教授: an expert from outside government speaks for no bureau
            return Speaker(self.as_written(person.name) or "", self.as_written(person.org + (person.role or "")), "")
        role = person.role
        # "……局长钱文涛，城市更新科科长陶芸", "祁远山（执行局副局长）": a section of the interview's bureau, or its court's
        if person.org and person.name and self.bureau and (person.org == COURT_BUREAU or (
                self.bureau.endswith(("法院", "检察院")) and COURT_SECTION.fullmatch(person.org)) or (
                _BARE_SECTION.fullmatch(person.org) and not is_unit_name(person.org)
                and main_unit(person.org) == person.org)):  # (not "……市中心医院内分泌科": the hospital's)
            return Speaker(self.as_written(person.name) or "", self.as_written(person.org + (role or "")), self.bureau)
        if person.org and role and (section := person.org[len(self._main_unit(person.org)):]):
            role = section + role  # 青峪市公安局经济犯罪侦查支队支队长: the bureau's section belongs to the role
        elif not person.org and person.name and role and (section := self._issuing_section(role)):
            role = section + role  # "副所长 冉志刚" on a poster the 派出所 issues: that 所's
        name = self.as_written(person.name or role or "")
        bureau = self.unit(person.org) or self.bureau
        return Speaker(name or bureau, self.as_written(role) if person.name else None, bureau)

    def _issuing_section(self, role: str) -> str | None:
        """The section of the bureau that issues the page, for a post of its own ("副所长" of a 派出所, "户籍民警" of
        it), None when the page's issuer is the bureau itself or the post is not one of its."""
        if not self.issuer or not self.bureau or self.unit(main_unit(self.issuer)) != self.bureau:
            return None
        section = self.issuer[len(main_unit(self.issuer)):]
        kind = section[-1:] if section else ""
        own_post = re.search(rf"{kind}长$", role) or _STAFF_POST.search(role)
        return section if section and own_post else None

    def as_written(self, words: str | None) -> str | None:
        """Words read in Simplified Chinese as the text writes them (龔建平 in a Traditional text)."""
        if not words or self._simplified is None:
            return words
        at = self._simplified.find(words)
        return self.text[at : at + len(words)] if at >= 0 else words

    def _read(self, label: str) -> Speaker:
        reading = read_label(label)
        if reading.person is not None and reading.person.name and (kin := _KIN_ADDRESS.fullmatch(reading.person.name)) \
                and len(same := [p for p in self.people if p.name and p.name.startswith(kin["surname"])
                                 and not _KIN_ADDRESS.fullmatch(p.name)]) == 1:
            return self._of(same[0])  # "岑叔叔": what children call 岑立川, whom the lead introduces
        if reading.person is not None and reading.person.name:
            known, read = self.find(reading.person.name), self.placed(reading.person)
            if (known is None or not known.role) and not (read.org or read.role) \
                    and (unit := self._unit_called(read.name or "")):
                return Speaker(unit, None, unit)  # "边检答：" in a joint notice: no one of that name, the unit named short
            # named again by a shorter label ("仲裁员 蒲晓岚：" after "……仲裁一庭庭长 蒲晓岚："): the title they came with
            again = known is not None and known.org and not read.org and known.role
            person = read if known is None else PersonDesc(known.name, _fuller(known.org, read.org),
                                                           known.role if again else _fuller(known.role, read.role))
            return self._of(person)
        if reading.title is not None:
            found = self.by_title(*reading.title)
            if found is not None:
                return self._of(found)
            return Speaker("".join(reading.title).strip(), None, self.bureau)  # "Lu " of "Mr. Lu": no space
        if reading.person is not None:  # a role standing for a person: 负责人, 市医疗保障局有关负责人
            if reading.word == UNIT_SHORT:  # "边检答": the unit the text names in full whose name holds those words
                unit = self._unit_called(reading.person.org or "")
                return Speaker(unit, None, unit) if unit else Speaker(self.bureau, None, self.bureau)
            if reading.word == REMINDER and not is_unit_name(self.unit(reading.person.org) or ""):
                return Speaker(self.bureau, None, self.bureau)  # "【温馨提醒】": no unit it names, the page's own words
            return self._of(self.by_unit_and_title(reading.person) or reading.person)
        text = label.strip()
        if is_person_name(text) or ((listed := self.find(text)) is not None and listed.name == text):
            return self._of(self.find(text) or PersonDesc(text, None, None))  # "贝立群：", named in the guest list
        if is_unit_name(text):  # a reply signed by its unit (回复单位：沐阳市医疗保障局), or "市医保局：" answering
            unit = self.unit(text) or text
            section = text[len(main_unit(text)):]  # 市交通运输局综合行政执法支队: the 支队 answers for its bureau
            return Speaker(section or unit, None, unit)
        main = self.main
        if reading.word in (ACCOUNT_REPLY, PUBLISHER) or (self.unit_answers and reading.word in GENERIC_ANSWERS):
            # the account replying under its article, the page's own words: the unit that publishes it
            return Speaker(self.bureau, None, self.bureau)
        if main is not None:  # 答, 嘉宾, 发布人: the main interviewee
            return self._of(main)
        if is_speaker(text) and reading.word is None:
            return Speaker(text, None, self.bureau)
        return Speaker(self.bureau, None, self.bureau)  # nobody named: the bureau speaks


# a unit outside government: a university, an institute, a hospital, an association, a company; and a department of
# one (a company's 物业服务中心 at an estate)
# (not a hospital: a city's public hospital answers as a unit of its own, as a 中心 does)
_INSTITUTION = re.compile(r"(?:宠物医院|动物医院|诊所|大学|学院|学校|研究院|研究所|研究中心|科学院|社科院|(?<!消费者)(?<!科学技术)协会|学会|商会|公司|集团|银行|支行|分行|事务所|物业|合作社|家庭农场|社会工作服务(?:中心|站|社)|社工服务(?:中心|站|社))"
                          r"(?:[\u4e00-\u9fff]{1,12}?(?:系|学院|研究所|研究中心|实验室|教研室|科|部|室|厂|分公司|中心|站|店|所))?$")
_LAST_TITLE = re.compile(rf"{ROLE_UNIT}$")


# a surname and what children call a grown-up: "岑叔叔", "阮阿姨", "周老师"
_KIN_ADDRESS = re.compile(rf"(?P<surname>[\u4e00-\u9fff])(?:{KIN_WORDS}|老师)答?")


def is_institution(org: str) -> bool:
    """A unit outside government (a company's plant, a university's department): no bureau; not a city's own
    institute ("滠岿市考古研究院", as its museum is its own unit)."""
    unit = main_unit(org)
    return bool(_INSTITUTION.search(unit)) and not _CITY_INSTITUTE.fullmatch(unit)


_CITY_INSTITUTE = re.compile(r"(?:[\u4e00-\u9fff]{2,3}?市|市)(?:(?!大学|学院)[\u4e00-\u9fff]){1,6}?(?:研究院|研究所)")


def _has_title(role: str, title: str) -> bool:
    if title.startswith("副"):
        return title in role
    return title in role.replace("副" + title, "")


def _fuller(a: str | None, b: str | None) -> str | None:
    if not a or not b:
        return a or b
    return b if len(b) > len(a) else a
