"""Who speaks: personal names, roles and units, and the descriptions that join them ("市人力资源和社会保障局党组书记、
局长 周启航", "周启航 市人社局局长", "何静怡（市财政局副局长）", "周局长", "市医疗保障局负责人").

A name is a person's name only when it looks like one: two to four Chinese characters starting with a common
surname, never a label word (主持人, 嘉宾, 网友), a role (局长) or a unit (市财政局).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from index.lexicon.names import COMPOUND_SURNAMES, SINGLE_SURNAMES, SURNAMES_BEFORE_A_TITLE
from index.text import to_simplified

ROLE_UNIT = (
    r"(?:(?:(?![局委厅院])[\u4e00-\u9fff]){1,6}?窗口)?(?:一级|二级|三级|四级)?(?:机关党委|党组|党委|党工委|党总支|党支部)?(?:专职|兼职|挂职)?(?:常务)?(?:副)?"
    r"(?:书记|局长|厅长|处长|科长|股长|部长|厂长|主任|院长|所长|站长|队长|馆长|校长|行长|社长|会长|理事长|秘书长|主席|台长|"
    r"巡视员|调研员|总经理|(?:驻校|驻场|驻点|驻厂)?(?:(?:(?!公司|集团|中心|银行|医院|单位)[\u4e00-\u9fff]{2})?项目|值班|客户|大堂|部门|区域)?总?经理|(?:[\u4e00-\u9fff]{2,4}?)?主管|董事长|总工程师|总建筑师|总规划师|总经济师|总会计师|新闻发言人|发言人|负责人|成员|委员|常委|市长|区长|"
    r"县长|镇长|乡长|总编辑|(?:[\u4e00-\u9fff]{2,4}?)?专员|督察长|(?:[\u4e00-\u9fff]{2}?)?总监|干部|(?:有关|相关)?负责(?:人|同志)|总队长|支队长|大队长|中队长|政委|教导员|"
    r"庭长|审判长|审判员|(?:高级)?法官|检察长|检察官|仲裁员|(?:农业)?推广研究员|(?:正?高级)?农艺师|(?:正?高级|助理)?工程师|农技员|(?:首席)?预报员|首席专家|(?:第[\d一二三四五六七八九十]{1,3}网格)?(?:社区|专职|兼职|户籍|治安|巡逻|责任区)?(?:网格员|网格长|民警|辅警|社工)|(?:首席|帮办)?代办员|话务员|接警员|接线员|坐席员|(?:[\u4e00-\u9fff\d]{1,6}?)?(?:驾驶员|乘务员)|(?:[\u4e00-\u9fff]{2,8}?)?班长|受理员|工作人员|(?:[\u4e00-\u9fff]{1,4}?)?队员|(?:副)?研究馆员|馆员|(?:[\u4e00-\u9fff]{2,6}?)?(?:审查员|检查员|稽查员|调解员))"
)
ROLE = rf"{ROLE_UNIT}(?:[、，,\s兼和及]*{ROLE_UNIT})*"
# what a person may be besides an official, in a guest list or a host line
_OTHER_ROLES = (r"(?:主持人|节目主持人|记者|首席记者|编辑|专家|教授|研究员|医生|律师|(?:[\u4e00-\u9fff]{2,4}?)?工程师|(?:高级|管理)?合伙人|班主任|导演|制片人|[\u4e00-\u9fff]{2}辅导员|一级主任科员|二级主任科员|科员|"
                # a licensed profession: "注册房地产估价师", "注册会计师", "营养师"
                r"(?:注册)?(?:[\u4e00-\u9fff]{0,4}?)(?:估价师|会计师|评估师|规划师|建筑师|营养师|药师|辅导师|咨询师|社工师|社会工作师|拍卖师|兽医师)|"
                # a hospital's grades: "主任医师", "主治医师", "主管护师", "护士长"
                r"(?:副)?主任医师|主治医师|住院医师|医师|(?:(?![和与及同跟])[\u4e00-\u9fff]{1,6}门诊|门诊)?护士长|(?:主管)?护师|护士)")
DESCRIPTION_ROLE = rf"(?:{ROLE_UNIT}|{_OTHER_ROLES})(?:[、，,\s兼和及]*(?:{ROLE_UNIT}|{_OTHER_ROLES}))*"
CACHED_READINGS = 1 << 16  # labels and descriptions read again and again on a big file: each read once
ORG_SUFFIX = (r"(?:管委会|委员会|办公室|调度室|研究室|[\u4e00-\u9fff]{2,6}室|门诊|管理区|局|厅|委|办|部|院|中心|署|所|会|公司|集团|政府|处|站|队|馆|园区|大学|医院|厂|银行|支行|分行|"
              r"小学|中学|学校|幼儿园|物业|妇联|残联|文联|侨联|工商联|社科联|科协|"
              r"电视台|广播电台|台|报社|日报|晚报|网|社|科|股|系|庭|专班)")
_ROLE_FULL = re.compile(rf"^{DESCRIPTION_ROLE}$")
_ROLE_ANY = re.compile(rf"{ROLE_UNIT}|{_OTHER_ROLES}")
_ORG_END = re.compile(rf"{ORG_SUFFIX}$")
# words that label a side or a section, or stand for people in general: never a person's name
LABEL_WORDS = frozenset(
    "主持人 主持 嘉宾 访谈嘉宾 本期嘉宾 发布人 新闻发言人 发言人 网友 网民 记者 问 答 提问 回答 在线访谈 "
    "编者按 编者 编辑 来源 时间 地点 主题 访谈主题 文字实录 图片直播 现场提问 网友提问 网友留言 市民 听众 观众 大家 各位 我们 "
    "你们 他们 同志 朋友 领导 专家 群众 打印本页 关闭窗口".split()
)
_NOT_NAME_CHARS = re.compile(r"[局委厅办处署市省县区镇乡们的了我你他她它这那每该谁啥吗呢报台网社刊]")
_NOT_NAME_WORDS = re.compile(r"新闻|见闻|要闻|公开|说明|提示|籍贯|站$")  # 骆闻笛 is a name, 某某新闻 is not; 桂园站 a stop
_VERB_FIRST = re.compile(r"^(?:专访|访问|采访|对话|走进|聚焦|解读|访谈|做客|访)")  # a headline, not a person
_ROLE_PREFIX = re.compile(r"^(?:党组|党委|党工委|党总支|党支部|机关|常务|一级|二级|三级|四级|副)")
SHORT_TITLE = re.compile(r"^(?P<surname>[\u4e00-\u9fff]{1,2}?)(?P<title>副?(?:局长|主任|书记|处长|科长|股长|厅长|部长|院长|"
                         r"市长|区长|县长|镇长|乡长|站长|所长|(?:支|大|中)?队长|馆长|校长|行长|主席|总经理|经理|厂长|董事长|主管|庭长|法官|检察官|警官|首席|总|工|老师|教授|博士|专家|"
                         r"河长|湖长|林长|班长|秘书长|台长|护士长|医生|大夫|导演|会长|理事长|社长))$")  # 楚工: an engineer; 俞副台长: a 气象台's
# what children call a grown-up after the surname or the name: "岑叔叔", "阮晴阿姨"
KIN_WORDS = "叔叔|阿姨|伯伯|爷爷|奶奶|哥哥|姐姐"
HONORIFIC = re.compile(r"(?:先生|女士|同志)$")
_TIMESTAMP = re.compile(r"\d{1,2}[:：]\d{2}")


@dataclass(frozen=True, slots=True)
class PersonDesc:
    """A person (or a role standing for one) as a text describes them; any part may be unknown."""

    name: str | None
    org: str | None
    role: str | None


def has_surname(name: str) -> bool:
    return name[:2] in COMPOUND_SURNAMES or name[:1] in SINGLE_SURNAMES


@lru_cache(maxsize=CACHED_READINGS)
def is_person_name(text: str) -> bool:
    """Two to four Chinese characters that start with a common surname and are no label, role, unit or pronoun
    (a name with a middle dot, 阿依古丽·买买提, too)."""
    name = text.strip()
    if "·" in name:
        parts = name.split("·")
        return (all(re.fullmatch(r"[\u4e00-\u9fff]{1,6}", p) for p in parts) and len(name) <= 12
                and not re.search(r"[报网台社刊闻媒点局委市省县区]", name))
    return _name_shaped(name, 4) and has_surname(name)


def _name_shaped(name: str, longest: int) -> bool:
    """Two to `longest` Chinese characters that are no label, role, unit or pronoun (whatever the surname)."""
    if not re.fullmatch(rf"[\u4e00-\u9fff]{{2,{longest}}}", name) or name in LABEL_WORDS or _ROLE_PREFIX.match(name):
        return False
    return not (_ROLE_ANY.search(name) or _NOT_NAME_CHARS.search(name[1:]) or _NOT_NAME_WORDS.search(name))


def is_speaker(text: str | None) -> bool:
    """A speaker is a person or a role or a unit; never empty, a timestamp or a label word."""
    if not text or not text.strip():
        return False
    text = text.strip()
    return text not in LABEL_WORDS and not _TIMESTAMP.search(text) and not re.fullmatch(r"[\d\s:：.\-]+", text)


# the part a unit plays, before its name: "协办单位市水利局农村水利科科长" is the 市水利局's
_UNIT_PART = re.compile(r"^(?:[\u4e00-\u9fff]{2})?(?:协办|主办|承办|牵头|会办|配合|责任|参办|项目|建设|实施|运营|(?:施工)?总承包|分包|施工|设计|勘察|监理|代建)单位[：:]?")  # "项目单位……公司副总经理"


_OWN_POST = re.compile(r"^(?:本?局|本?委|本?厅)(?=党组|党委)")

# a community's or a village's head, as such posts are written: "槐荫社区党委书记、居委会主任", "槐荫社区居委会副主任",
# "桑园村党支部书记、村委会主任"; the unit is the community's 居民委员会 or the village's 村民委员会
_COMMITTEE = r"(?:居委会|村委会|居民委员会|村民委员会)副?主任"
_COMMUNITY_HEAD = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,8}}?)(?P<kind>社区|村)(?P<post>(?:党委|党总支|党支部)副?书记"
                             rf"(?:、{_COMMITTEE})?|{_COMMITTEE})")


_DUTY_OF_A_PLACE = re.compile(r"(?:场所|场馆|现场|点位|区域|片区|楼栋)(?=负责人|管理员|联络员)")
_QUOTED_NAME = re.compile(r"^“[^“”]{1,12}”")  # a product or campaign a post serves, quoted before it


# someone named, then a verb of bringing others along: what follows is the next person's unit and post
_LEADS_OTHERS = re.compile(r"^[^，,。]{0,30}?[\u4e00-\u9fff]{2,4}(?:带着|带领|陪同|偕同|会同|连同)(?=[市区县省]?[\u4e00-\u9fff]{2})")
_COMPANY_DESCRIBED = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:企业|机构|单位)(?=[\u4e00-\u9fff]{4,30}?(?:有限公司|集团|股份公司))")
# a name, then 一起: "……项目经理汝佳一起，与……" (the name is 汝佳)
TOGETHER_AFTER_NAME = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:一起|一道|一同)(?=[，,、。；;]|$)")
_PRESENTING = re.compile(r"^[\u4e00-\u9fff]{0,8}的(?:就|正|便)?是")


def split_org_role(desc: str) -> tuple[str | None, str | None]:
    """"威海市海洋发展局党组书记、局长" -> ("威海市海洋发展局", "党组书记、局长"); "局长" -> (None, "局长");
    "市财政局" -> ("市财政局", None); (None, None) when it is neither."""
    desc = _UNIT_PART.sub("", re.sub(r"\s+", "", desc.strip(" ，,、\u3000")))
    desc = _COMPANY_DESCRIBED.sub("", desc)  # "学校食堂配餐企业溏嵴……有限公司": the company, described before its name
    desc = re.sub(r"^(?:以及|和|与|同|跟|及|会同|联合|协同)(?=[市区县][\u4e00-\u9fff]{2})|^还有(?=[\u4e00-\u9fff]{4})", "", desc)  # "……，和市公交集团副总经理": the unit after 和
    desc = _LEADS_OTHERS.sub("", desc)  # "副局长宿远航带着市气象台首席预报员": the unit of who is brought along
    desc = _PRESENTING.sub("", desc)  # "我身边的就是溪口街道办事处副主任": who stands there, then the unit
    if not desc:
        return None, None
    if (duty := _DUTY_OF_A_PLACE.match(desc)) and _ROLE_FULL.match(desc[duty.end():]):
        return None, desc  # "场所负责人": in charge of the place, no unit named
    if _ROLE_FULL.match(desc):
        return None, desc
    if desc[0] in "和与及同跟" and _ROLE_FULL.match(desc[1:]):
        return None, desc[1:]  # "……，和门诊护士长": the post after 和
    if (own := _OWN_POST.match(desc)) and _ROLE_FULL.match(desc[own.end():]):
        return None, desc[own.end():]  # "局党组书记、局长": a post of the document's own unit
    if head := _COMMUNITY_HEAD.fullmatch(desc):  # "槐荫社区党委书记、居委会主任": the community's 居委会, its posts
        committee = "社区居民委员会" if head["kind"] == "社区" else "村村民委员会"
        post = head["post"] if head["post"].startswith(head["kind"]) else head["kind"] + head["post"]
        return head["name"] + committee, post
    for end in range(2, len(desc)):
        org, role = desc[:end], desc[end:]
        if _ORG_END.search(org) and _ROLE_FULL.match(_QUOTED_NAME.sub("", role)):  # "“洺惠保”项目专员": a product's
            if (committee := _PLACE_COMMITTEE.fullmatch(org)) and f"{committee['level']}长" in role:
                # "云岭区委副书记、区长": the district's head speaks for its government, the committee's post in the role
                return committee["place"] + "人民政府", (committee["party"] or committee["level"] + "委") + role
            return org, role
    if place := _PLACE_HEAD.fullmatch(desc):  # "望湖区副区长": the district's government, by its head's title
        return place["place"] + "人民政府", place["role"]
    if _ORG_END.search(desc):
        return desc, None
    return None, None


def _name_part(text: str) -> str | None:
    text = HONORIFIC.sub("", text.strip(" ，,、\u3000"))
    return text if is_person_name(text) else None


def _spaced_name(text: str) -> str | None:
    """A name set apart after a unit and post ("……副局长　贝立群"): two or three characters no word, role or unit,
    whatever the surname (贝 and other rare ones are in no list)."""
    text = HONORIFIC.sub("", text.strip(" ，,、\u3000"))
    return text if _name_shaped(text, 3) else None


@lru_cache(maxsize=CACHED_READINGS)
def parse_person(desc: str) -> PersonDesc | None:
    """A person from a description: unit, role and name in either order, with or without spaces, or the name with
    the rest in brackets; a role alone ("市医疗保障局负责人") gives no name. None when nothing fits."""
    desc = to_simplified(desc).strip(" ，,、；;。：:\u3000\t")
    desc = TOGETHER_AFTER_NAME.sub("", desc)  # "……项目经理汝佳一起": the name before 一起
    if not desc or _VERB_FIRST.match(desc):
        return None
    if _COMMUNITY_HEAD.fullmatch(re.sub(r"\s+", "", desc)):  # "柳塘村党支部书记": a post, no name (柳 is a surname)
        return PersonDesc(None, *split_org_role(desc))
    # "区级河长　袁卫东（岈山区人民政府副区长）": the part they play, then the name with unit and post in brackets
    if bracket := re.fullmatch(r"(?:[\u4e00-\u9fff]{1,6}(?:长|负责人)\s+)?(?P<name>[^（(）)\s]{2,6})\s*[（(](?P<desc>[^（(）)]{2,60})[）)]",
                               desc):
        if (name := _name_part(bracket["name"])) is not None:
            org, role = split_org_role(bracket["desc"])
            return PersonDesc(name, org, role)
    tokens = desc.split()
    if len(tokens) >= 2:
        if (name := _name_part(tokens[-1])) is not None:
            org, role = split_org_role("".join(tokens[:-1]))
            if org or role:
                return PersonDesc(name, org, role)
        if (name := _spaced_name(tokens[-1])) is not None:
            org, role = split_org_role("".join(tokens[:-1]))
            if org and role:
                return PersonDesc(name, org, role)
        if (name := _name_part(tokens[0])) is not None:
            org, role = split_org_role("".join(tokens[1:]))
            if org or role:
                return PersonDesc(name, org, role)
    joined = "".join(tokens)
    roles = list(_ROLE_ANY.finditer(joined))
    for match in reversed(roles):  # "…局长周启航", "…副局长方晓岚先生"
        if (name := _name_part(joined[match.end():])) is not None:
            org, role = split_org_role(joined[: match.end()])
            if org or role:
                return PersonDesc(name, org, role)
            break
    for size in (2, 3, 4):  # "周启航市人社局局长"; not 柏溪 of "柏溪县农业农村局党组书记" (a place, then its level)
        rest = joined[size:]
        if joined[:size] in COMPOUND_SURNAMES or rest[:1] in _PLACE_LEVELS or _ONE_CHARACTER_PLACE.match(rest):
            continue  # 欧阳 alone is a surname; 航市 of 周启航市…, 溪县 of 柏溪县… no place
        if (name := _name_part(joined[:size])) is not None:
            org, role = split_org_role(joined[size:])
            if role:
                return PersonDesc(name, org, role)
    org, role = split_org_role(joined)
    if role:
        return PersonDesc(None, org, role)
    if (name := _name_part(joined)) is not None:
        return PersonDesc(name, None, None)
    return None


# "云岭区委", "滢珩市珩南区区委": the committee of a district or county (its city before it, 区 said twice or once)
_PLACE_COMMITTEE = re.compile(r"(?P<place>(?:[\u4e00-\u9fff]{2,4}市)?(?:[\u4e00-\u9fff]{2,4}?[区县](?=[\u4e00-\u9fff]{2,4}?[镇乡]))?"
                              r"[\u4e00-\u9fff]{2,4}?(?P<level>区|县|镇|乡))"
                              r"(?:(?P=level)?委|(?P<party>党委))")
_PLACE_HEAD = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,4}?(?P<level>区|县|镇|乡))(?P<role>(?:常务)?副?(?P=level)长)")
_PLACE_LEVELS = frozenset("省县区镇乡村")  # after a place's name (柳塘村); 市 opens a unit of the document's city (周启航市人社局局长)
_ONE_CHARACTER_PLACE = re.compile(r"^[\u4e00-\u9fff][市县区]")  # 航市 of "周启航市人社局局长": the name is longer
_LIST_SEPARATORS = re.compile(r"[，,；;、\n]|——|(?<=[\u4e00-\u9fff])[ \t\u3000]{2,}(?=[\u4e00-\u9fff])")
# a person's account on a 微访谈 platform, or their nickname in a group chat ("（群昵称“医保局-谷雨桐”）")
ACCOUNT = re.compile(r"[（(](?:@(?P<account>[^（）()\s]{1,30})|(?:群)?昵称[：:]?[“\"][^”\"（）()\n]{1,30}[”\"])[）)]")
# "副局长邵文静和东湖区…主任蒋磊": a title and a name, then 和/及/与 before the next person (人力资源和社会保障局 is one unit).
_PERSON_AND = re.compile(rf"(?P<person>{ROLE_UNIT}[\u4e00-\u9fff·]{{2,3}}?)(?:以及|和|及|与)(?=[\u4e00-\u9fff])")
# "苏立衡和该局消费者权益保护科科长梁予宁": a name, then 和 and the next person's unit
def names_apart_from_units(text: str) -> str:
    """"苏立衡和该局……科长梁予宁" -> "苏立衡、该局……科长梁予宁": a person's name, 和 and the next person's unit are two
    people, as a list's 、 writes them."""
    return _NAME_AND_UNIT.sub(lambda m: f"{m['name']}、" if is_person_name(m["name"]) else m.group(), text)


_NAME_AND_UNIT = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3})(?:和|与|及)(?=(?:该|[\u4e00-\u9fff]{2,4}[市区县]|市|区|县)"
                            r"[\u4e00-\u9fff]{0,16}?(?:局|委|办|中心))")
# what may open a later person of a list: a conjunction, and a clause describing them that ends in 的
LATER_PERSON = re.compile(r"^(?:以及|还有)(?:[^，。、的]{1,24}的)?")  # not 和: 和平区
_LEAD_IN = re.compile(
    r"^.*?(?:记者(?:采访了|专访了|对话了)|(?:邀请到了|邀请到|邀请了|请到了|请到|请来了|请来)(?:的(?:嘉宾|来宾|领导|同志|负责同志)?(?:是|有|为))?|有请|出席(?:今天|本次|今天的|本场)?(?:新闻)?(?:发布会|访谈|活动)?的(?:有|是)|"
    r"参加(?:今天|本次)?(?:新闻)?(?:发布会|访谈)的(?:有|是)|(?:访谈|本期|今天的?)嘉宾(?:是|有|为)|嘉宾(?:是|有|为)|"
    r"(?:做客|走进|来到)[\u4e00-\u9fff]{0,6}?的(?:嘉宾)?是|^以下为)[：:]?")
# what the people of a lead-in did, after the list: "今早（六月十二日）出席……", "今日接受……访问"
_WHAT_THEY_DID = re.compile(r"(?:今早|今晨|今日|今天|昨日|昨天|日前|近日)?(?:[（(][^）)]{1,12}[）)])?(?:出席|接受|做客|参加)")


_NAME_THEN_DOING = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?=带|为|向|给|陪|领|说|讲|介绍|解读|作)")
_SHORT_FORM_NOTE = re.compile(r"[（(]以下简称[^（）()]{1,12}[）)]")


def parse_people(text: str, lead_in: bool = False) -> list[PersonDesc]:
    """The people of a list ("市人社局局长 周启航、副局长 方晓岚"; "出席今天发布会的有：市人社局局长顾承宇先生，…"): the
    pieces between separators, joined while they name nobody (党组书记、局长 周启航), each later person taking the
    unit of the one before when it names none. With `lead_in`, only what follows an inviting phrase is read, and
    the list ends at the first piece that names nobody."""
    text = _SHORT_FORM_NOTE.sub("", to_simplified(text))  # "韩立泽（以下简称“韩”）和副局长邬晓岑": the note says no more
    if lead_in:
        match = _LEAD_IN.match(text)
        if match is None:
            return []
        text = text[match.end():]
        text = re.split(r"[。！？!?]", text, maxsplit=1)[0]
        text = _WHAT_THEY_DID.split(text, maxsplit=1)[0]  # "……副局长梁卓尧今早（六月十二日）出席……": the list ends there
    text = _PERSON_AND.sub(r"\g<person>、", ACCOUNT.sub("", text))  # "唐韵（@茗川卫健唐韵）": the name, not the account
    text = names_apart_from_units(text)
    tokens = text.split()
    if len(tokens) >= 4 and len(tokens) % 2 == 0 and all(
            _ROLE_FULL.match(role) and is_person_name(name) for role, name in zip(tokens[0::2], tokens[1::2])):
        text = "、".join(f"{role} {name}" for role, name in zip(tokens[0::2], tokens[1::2]))  # "副所长　马志刚　户籍民警　林晓雯"
    people: list[PersonDesc] = []
    pending = ""
    name_first = False
    for piece in _LIST_SEPARATORS.split(text):
        piece = LATER_PERSON.sub("", piece.strip(" \t\u3000"))  # "以及长期研究养老服务政策的雁汀师范学院教授唐明哲"
        if not piece:
            continue
        candidate = f"{pending}、{piece}" if pending else piece
        person = parse_person(candidate)
        if (person is None or not person.name) and not pending and people and people[-1].role and \
                (then := _NAME_THEN_DOING.match(piece)) and is_person_name(then["name"]):
            person = PersonDesc(then["name"], None, None)  # "……接警员乔雨萌、申浩然带大家听一听": the list's last
        if pending and (alone := parse_person(piece)) is not None and alone.name and alone.role and (
                person is None or not person.name or split_org_role(pending) == (None, None)):
            person = alone  # "会后，副市长周惟清", "请本期讲述人——……接警员乔雨萌": what went before named no one
        if person is not None and person.name:
            if person.org is None and person.role is None and people and people[-1].role and not pending \
                    and piece.startswith(person.name):  # "……接警员乔雨萌、申浩然": both of that unit and post
                person = PersonDesc(person.name, people[-1].org, people[-1].role)
            elif person.org is None and people and people[-1].org:
                person = PersonDesc(person.name, people[-1].org, person.role)
            people.append(person)
            pending = ""
            name_first = candidate.startswith(person.name)
        elif name_first and people and not (people[-1].org or people[-1].role) and \
                (described := parse_person(f"{people[-1].name} {piece}")) is not None and described.name == people[-1].name:
            people[-1] = described  # "蒋磊　　岚峰市…街道办事处主任": a short name padded to line up with the longer ones
        elif name_first and people and people[-1].role and _ROLE_ANY.fullmatch(piece):
            # "李振远 溪宁市交通运输局党组书记、局长": the name first, its title goes on after the 、
            last = people[-1]
            people[-1] = PersonDesc(last.name, last.org, f"{last.role}、{piece}")
        elif lead_in and people and not (_ROLE_ANY.search(piece) or _ORG_END.search(piece)):
            break
        else:
            pending = candidate if len(candidate) < 60 else ""
    return people


def short_title(label: str) -> tuple[str, str] | None:
    """"周局长" -> ("周", "局长"); "方副局长" -> ("方", "副局长"); None when it is not a surname and a title."""
    label = to_simplified(label.strip())
    match = SHORT_TITLE.match(label)
    if match and (has_surname(match["surname"]) or match["surname"] in SURNAMES_BEFORE_A_TITLE) \
            and len(match["surname"]) <= 2:
        return match["surname"], match["title"]
    if (clipped := _CLIPPED_TITLE.fullmatch(label)) and has_surname(clipped["surname"]):
        return clipped["surname"], clipped["post"] + "长"  # "雷局", "汤科": 局长, 科长 as people call them to their face
    return None


_CLIPPED_TITLE = re.compile(r"(?P<surname>[\u4e00-\u9fff])(?P<post>副?(?:局|处|科))")
