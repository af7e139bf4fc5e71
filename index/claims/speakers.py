"""Who is speaking: the words before a verb of saying read as a speaker (a named official, a bureau, a title, a pronoun),
and the people and bureaus a text has named so far, so that 他 / 该局 / 许局长 / 这位负责人 / 住建局 resolve to the last
one named. Hearsay and third parties (网友, 业内人士, 有人, 专家, 市民王女士, 老陈) are not speakers. Pure; generic rules of
how Chinese news names who said something, nothing taken from any one text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from index.lexicon.names import COMPOUND_SURNAMES, SINGLE_SURNAMES

# Common single and compound surnames (the first characters of a person's name).
SURNAMES = SINGLE_SURNAMES | COMPOUND_SURNAMES

# Titles of officials, longest first so that 副局长 is read before 局长.
TITLES = tuple(sorted(
    """党组书记 党委书记 党组副书记 党组成员 党委委员 副书记 书记 常务副局长 副局长 局长 常务副主任 副主任 主任 副处长 处长 副科长 科长
    副部长 部长 副厅长 厅长 常务副市长 副市长 市长 副区长 区长 副县长 县长 副镇长 镇长 副乡长 乡长 站长 所长 院长 副院长 支队长 大队长
    队长 副主席 主席 秘书长 新闻发言人 发言人 相关负责人 有关负责人 主要负责人 负责同志 负责人 二级巡视员 一级巡视员 巡视员 调研员
    总工程师 总经济师 专职副主任 副组长 组长 副总队长 总队长 委员""".split(), key=len, reverse=True))
TITLE_RE = "(?:" + "|".join(TITLES) + ")"
# The end of a government body's name (市海洋发展局, 市政府新闻办, 住建部门).
ORG_END = r"(?:人民政府|委员会|办公室|管理局|总局|政府|部门|支队|大队|中心|局|委|办|厅|署|部)(?!长|员)"
# Words that make the one speaking a third party or hearsay, not a bureau.
THIRD_PARTY = re.compile(
    r"网友|网民|市民|居民|村民|群众|游客|家长|听众|读者|观众|业内|人士|专家|学者|教授|研究员|有人|不少人|很多人|许多人|一些人|大家"
    r"|据说|听说|传言|网传|记者|小编|编者|笔者|朋友|老乡|大姐|大哥|大爷|大妈|阿姨|师傅|渔民|农民|农户|工人|职工|司机|商户|摊主|店主"
    r"|志愿者|代表|评论|乘客|患者|学生|老师|员工|老板|经营者|消费者|网红|博主|主播|主持人|嘉宾|吃货|粉丝|知情|消息人士|相关人员"
    r"|公司|企业|集团|合作社|协会|商会|医院|学校|大学|学院|研究院|研究所|银行|工厂|超市|商场|酒店|餐厅|门店|平台|媒体|报社|电视台"
)
_CITIZEN_NAME = re.compile(r"^(?:老|小|阿)[\u4e00-\u9fff]$|(?:先生|女士|师傅|大姐|大哥|大爷|阿姨|老师|同学)$")
_PERSON_PRONOUN = re.compile(r"^(?:他|她|其)(?:们)?$")
_ORG_PRONOUN = re.compile(r"^该(?:局|委|办|厅|中心|部门|单位|机构|署)$")
_ORG_OFFICIAL = re.compile(r"^该(?:局|委|办|厅|中心|部门|单位|机构|署)" + TITLE_RE + "$")
_THIS_OFFICIAL = re.compile(r"^(?:这位|这名|该|此位)?(?:" + TITLE_RE + ")$")
_CJK = r"\u4e00-\u9fff"
_PLACE = rf"[{_CJK}]{{1,6}}?(?:省|市|区|县|州|盟|旗|镇|乡)"
# Words in a speaker phrase that say when or how, not who: taken off its end (在会上, 此前, 还, 特别).
_TRAILING = re.compile(
    r"(?:在[^，。,：:]{1,24}?(?:上|中|里|时|期间|之际|以后|之后|后|前)|接受[^，。,：:]{0,20}?(?:采访|专访|访谈|提问)时?"
    r"|做客[^，。,：:]{0,20}?时|回答[^，。,：:]{0,12}?时|对记者|向记者|向媒体|对媒体|对此|日前|近日|昨天|昨日|今天|今日|当天|当日|此前"
    r"|随后|同时|也|还|又|再|都|更|则|就此|进一步|特别|专门|再次|明确|多次|一再|反复|坦率地|直言|笑着|这样|如是|最后|首先|接着|地)$"
)
_LEADING = re.compile(r"^(?:【[^】]{0,12}】|\[[^\]]{0,12}\]|另据|据|而|但|不过|同时|此外|另外|其中|最后|对此|随后|而且|并且|并|还)")


@dataclass(frozen=True, slots=True)
class Entity:
    """Someone statements are attributed to: a person (with the body they speak for, when named) or a body."""

    name: str
    kind: Literal["person", "org"]
    org: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """The words naming a speaker, read: a person, a body, a title alone, a pronoun, or a title with a surname."""

    text: str
    kind: Literal["person", "org", "org_official", "official", "pronoun", "org_pronoun", "surname_title"]
    name: str = ""  # the person's name, the body's name, or the surname
    org: str | None = None
    title: str | None = None


def is_name(text: str) -> bool:
    """A person's name as news writes it: a surname and one or two characters (邢海文, 王强, 欧阳明), and not a
    common word that starts with a surname's character (来源, 全市, 方面)."""
    if not re.fullmatch(rf"[{_CJK}]{{2,4}}", text) or _CITIZEN_NAME.search(text):
        return False
    if text[:2] in SURNAMES:
        return 3 <= len(text) <= 4 and not _common_word(text)
    return text[0] in SURNAMES and len(text) <= 3 and not _common_word(text)


COMMON_WORD_FREQUENCY = 20  # a word this frequent in jieba's dictionary, not tagged as a name, is not a name


def _common_word(text: str) -> bool:
    from index.segmenter import jieba_modules

    jieba, posseg = jieba_modules()
    return jieba.dt.FREQ.get(text, 0) >= COMMON_WORD_FREQUENCY and posseg.dt.word_tag_tab.get(text) != "nr"


def _strip(phrase: str) -> str:
    """The speaker phrase without what says when or how (在会上, 日前, 还) and leading connectives."""
    phrase = phrase.strip(" \t\u3000“”\"「」")
    for _ in range(6):
        shorter = _TRAILING.sub("", phrase)
        if shorter == phrase:
            break
        phrase = shorter
    for _ in range(3):
        shorter = _LEADING.sub("", phrase)
        if shorter == phrase:
            break
        phrase = shorter
    return phrase.strip(" ，,")


def _split_org(phrase: str) -> tuple[str | None, str]:
    """A government body's name at the start of the phrase (chained: 市政府新闻办), and the rest."""
    found = re.match(rf"[{_CJK}]{{1,20}}?{ORG_END}", phrase)
    if found is None or re.match(TITLE_RE, phrase):
        return None, phrase
    org, rest = found.group(0), phrase[found.end():]
    # a body named inside another (市政府新闻办): extend while what follows is another body, not a title
    while (more := re.match(rf"[{_CJK}]{{1,8}}?{ORG_END}", rest)) and not re.match(TITLE_RE, rest) \
            and not re.search(TITLE_RE, more.group(0)):
        org, rest = org + more.group(0), rest[more.end():]
    if org.endswith("部") and len(org) <= 2:  # 全部, 内部: not a body
        return None, phrase
    return org, rest


def _titles(rest: str) -> tuple[str | None, str]:
    found = re.match(rf"(?:{TITLE_RE}[、，,]?)+", rest)
    if found is None:
        return None, rest
    return found.group(0).rstrip("、，,"), rest[found.end():]


def read_speaker(phrase: str) -> Mention | None:
    """The speaker named by the words before a verb of saying, or None when they name no official or body (a
    clause, hearsay, a third party). 市海洋发展局党组书记、局长邢海文 -> that person of that body; 该局 -> the body
    last named; 许局长 -> the official surnamed 许; 网友 / 业内人士 / 市民王女士 -> None."""
    phrase = _strip(phrase)
    if not phrase or len(phrase) > 40 or re.search(r"[，。,；;：:！？!?“”]", phrase):
        return None
    if phrase.startswith("听") or THIRD_PARTY.search(phrase):
        return None
    if _PERSON_PRONOUN.match(phrase):
        return Mention(phrase, "pronoun")
    if _ORG_PRONOUN.match(phrase):
        return Mention(phrase, "org_pronoun")
    if _ORG_OFFICIAL.match(phrase):
        return Mention(phrase, "org_pronoun", title=phrase[2:])
    if _THIS_OFFICIAL.match(phrase):
        return Mention(phrase, "official", title=re.sub(r"^(?:这位|这名|该|此位)", "", phrase))
    if (m := re.fullmatch(rf"([{_CJK}]{{1,2}}?)((?:副)?(?:局长|主任|书记|处长|科长|部长|厅长|市长|区长|县长|站长|所长|院长))", phrase)) \
            and m.group(1) in SURNAMES:
        return Mention(phrase, "surname_title", name=m.group(1), title=m.group(2))
    return _official(phrase)


def _official(phrase: str) -> Mention | None:
    """A body, a body's official, or a named person (with the body and titles before the name, or a title after)."""
    org, rest = _split_org(phrase)
    place = None
    if org is None and (p := re.match(_PLACE, rest)) and re.match(TITLE_RE, rest[p.end():]):
        place, rest = p.group(0), rest[p.end():]  # 青榆区副区长陈立新
    titles, rest = _titles(rest)
    if rest and is_name(rest):
        return Mention(phrase, "person", name=rest, org=org or place, title=titles)
    if rest and titles is None and (m := re.fullmatch(rf"(.{{2,4}}?)({TITLE_RE})", rest)) and is_name(m.group(1)):
        return Mention(phrase, "person", name=m.group(1), org=org, title=m.group(2))  # 邢海文局长
    if rest:
        return None
    if org is not None and titles is None:
        return Mention(phrase, "org", name=org, org=org)
    if org is not None or place is not None:
        return Mention(phrase, "org_official", name=org or place or "", org=org or place, title=titles)
    return None


_NAMED_OFFICIAL = re.compile(rf"(?:[{_CJK}]{{1,20}}?{ORG_END})?(?:{TITLE_RE}[、，,]?)+([{_CJK}]{{2,4}})")
_NAME_FOLLOWERS = frozenset("表说介指强透在就接做告称谈对向和与等也还今日近此先女一以为于是到从会")


@dataclass
class Discourse:
    """The people and bodies named so far in a text, and the last speaker, for resolving 他 / 该局 / 许局长."""

    people: dict[str, str | None] = field(default_factory=dict)  # name -> the body named with them
    orgs: list[str] = field(default_factory=list)  # bodies in order of mention, fullest names kept
    last_person: str | None = None
    last_org: str | None = None
    last_speaker: Entity | None = None

    def note_org(self, name: str) -> str:
        """Remember a body named; a short name (住建局, 市人社局) and a fuller one named before are one body, known
        by its fullest name."""
        related = self._related(name)
        full = max([*related, name], key=len)
        self.orgs = [known for known in self.orgs if known not in related] + [full]
        self.last_org = full
        return full

    def resolve_org(self, name: str) -> str:
        """The fullest name of the body `name` stands for, among those named so far."""
        return max([*self._related(name), name], key=len)

    def _related(self, name: str) -> list[str]:
        return [known for known in self.orgs
                if known == name or abbreviates(name, known) or abbreviates(known, name)]

    def note_person(self, name: str, org: str | None) -> None:
        known = self.people.pop(name, None)
        self.people[name] = self.note_org(org) if org else known
        self.last_person = name

    def scan(self, sentence: str) -> None:
        """Officials named with their titles anywhere in a sentence (记者专访了市……局党组书记、局长邢海文)."""
        for m in _NAMED_OFFICIAL.finditer(sentence):
            name = _name_at(m.group(1))
            if name is not None:
                mention = read_speaker(_after_boundary(m.group(0)[: m.start(1) - m.start(0)]) + name)
                if mention is not None and mention.kind == "person":
                    self.note_person(mention.name, mention.org)
                    continue
            org, _ = _split_org(_after_boundary(m.group(0)))
            if org is not None:
                self.note_org(org)

    def resolve(self, mention: Mention) -> Entity | None:
        """The entity a speaker mention stands for, remembered as the last speaker."""
        entity = self._entity(mention)
        if entity is not None:
            self.last_speaker = entity
            if entity.kind == "person":
                self.last_person = entity.name
            elif entity.org:
                self.last_org = entity.org
        return entity

    def _entity(self, mention: Mention) -> Entity | None:
        if mention.kind == "person":
            self.note_person(mention.name, mention.org)
            return Entity(mention.name, "person", self.people.get(mention.name))
        if mention.kind in ("org", "org_official"):
            org = self.note_org(mention.name)
            return Entity(org, "org", org)
        if mention.kind == "org_pronoun":
            return Entity(self.last_org, "org", self.last_org) if self.last_org else None
        if mention.kind == "pronoun":
            if self.last_person:
                return Entity(self.last_person, "person", self.people.get(self.last_person))
            return self.last_speaker
        if mention.kind == "surname_title":
            for name in reversed(list(self.people)):
                if name.startswith(mention.name):
                    return Entity(name, "person", self.people[name])
            return Entity(mention.text, "person", self.last_org)
        # a title alone (局长, 这位负责人): the last person named, else the last body
        if self.last_person:
            return Entity(self.last_person, "person", self.people.get(self.last_person))
        return Entity(self.last_org, "org", self.last_org) if self.last_org else None

    def sourceless(self) -> Entity | None:
        """据了解 / 据悉 / 记者了解到: the source last named."""
        return self.last_speaker or (Entity(self.last_org, "org", self.last_org) if self.last_org else None)


_BOUNDARY = re.compile(r"^.*(?:专访了?|采访了?|走进|邀请|对话|来到|[了从在对向据是的把将由给为请])")


def _after_boundary(text: str) -> str:
    """What follows the last word that cannot be part of a body's name (澜州晚报专访了市住建局 -> 市住建局)."""
    return _BOUNDARY.sub("", text)


def _name_at(text: str) -> str | None:
    """The name at the start of `text`: three characters unless the third starts what follows (王强表示)."""
    for size in (3, 2) if len(text) >= 3 else (2,):
        candidate = text[:size]
        if size == 3 and text[2] in _NAME_FOLLOWERS:
            continue
        if is_name(candidate):
            return candidate
    return None


def abbreviates(short: str, full: str) -> bool:
    """住建局 abbreviates 澜州市住房和城乡建设局: its characters appear in order and both end alike."""
    if len(short) >= len(full) or short[-1] != full[-1]:
        return False
    position = 0
    for char in short:
        position = full.find(char, position)
        if position < 0:
            return False
        position += 1
    return True
