"""Cities and government units named in a text: which city a document is about (from its title, its text, the
outlet or site that published it, a dateline), the units it names (市交通运输局, 溪宁市人力资源和社会保障局), each
unit's fullest name in the text, and a unit completed with the document's city.

A city that cannot be read is None, never a guess: see `find_city`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from index.lexicon.names import SINGLE_SURNAMES
from index.lexicon.places import is_everyday_word
from index.text import to_simplified

CITY_LEVELS = ("市",)
# the character before 市 in words that are not a city (城市, 全市, 超市, 上市, 副市长, 县市区, 一市两区)
_NOT_CITY_LAST = frozenset("城都超股夜门集后前街上菜楼车花早闹黑全本我该各每省地县区级辖列在的至到副一二三四五六七八九十两多个"
                           "访进请邀对向从于和与及为是由给入出来去往赴抵离了年月日号时着过们席强打询报呈送转"
                           "以经按据将被把让当随凭沿替或而则就也还再又交找问归团")  # 办法以市…, 按市…  # 专访了市…, 今年市…, 出席市…,
# the slogans 交通强市, 制造强市, and 拨打市…热线, 咨询市…
_NOT_CITY_STEMS = frozenset("城市 超市 都市 上市 门市 股市 楼市 车市 夜市 集市 菜市 省市 县市 地市 全市 本市 我市 该市 各市 "
                            "直辖 设区 地级 县级 副省 新城 老城 主城 中心".split())
# the start of outlets and sites that name no city: national, provincial and regional media
_NOT_CITY_OUTLETS = frozenset(
    "人民 新华 中国 中新 光明 经济 法治 法制 工人 农民 科技 中央 央视 澎湃 齐鲁 大众 南方 羊城 华商 楚天 荆楚 钱江 扬子 现代 "
    "新京 华西 三秦 燕赵 潇湘 东方 海峡 半岛 今日 新民 解放 文汇 每日 第一 环球 北方 东南 西部 中原 长江 珠江 黄河 "
    "河北 山西 内蒙 辽宁 吉林 黑龙 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 贵州 云南 西藏 陕西 "
    "甘肃 青海 宁夏 新疆 台湾 香港 澳门 本报 本台 本网 本刊 本站".split()  # 本报讯: the outlet itself, no city
)
_OUTLET_CITY = re.compile(
    r"^(?:本报|本台|本网)?(?P<stem>[\u4e00-\u9fff]{2,3}?)市?(?:日报|晚报|早报|都市报|商报|侨报|新闻网|新闻|广播电视台|电视台|"
    r"广播电台|人民广播电台|融媒体中心|融媒|发布|人民政府网|人民政府|政府网|政府|在线|网|报)"
)
# 溪宁日报讯, 溪宁3月5日讯, and the short form 溪宁日讯 (日 for 日报, not a date)
_DATELINE = re.compile(r"(?:^|[（(\s]|本报)(?P<stem>[\u4e00-\u9fff]{2,3}?)(?:日报|晚报|新闻网|日)?(?:\d{1,2}月\d{1,2}日)?讯")  # 本报霁川讯 too
TITLE_WEIGHT, SOURCE_WEIGHT, TEXT_WEIGHT = 3, 2, 1
CLEAR_CITY_RATIO = 2.0  # a city is clear when its votes are more than twice any other's

_FACILITY = r"(?:公园|景区|风景区|水库|公路|园林)"  # a facility its own 管理处 runs, for whichever place runs it
# a unit's kind after 市/a city: 人力资源和社会保障局, 交通运输局, 卫生健康委员会
# and units named as a whole: a 消防救援支队 (no 公安局's since 2018), a 消费者协会 (a statutory body)
ORG_KIND = (r"(?:(?:123\d\d)?[\u4e00-\u9fff]{1,16}?(?:局|委员会|管委会|办公室|委|厅|中心|署|人民法院|人民检察院)|"  # 12345……中心
            r"消防救援(?:总队|支队|大队)|消费者协会|[\u4e00-\u9fff]{2,10}?" + _FACILITY + r"管理处|[\u4e00-\u9fff]{0,6}?(?:图书馆|档案馆|博物馆|文化馆|美术馆|纪念馆|科技馆|科学技术馆)|"
            r"(?:(?!大学|学院|科学院)[\u4e00-\u9fff]){1,6}?(?:研究院|研究所)|"
            r"[\u4e00-\u9fff]{2,6}?海关|[\u4e00-\u9fff]{2,8}?边防检查站|"
            # public institutions that answer as units of their own: "市救助管理站", "市中心血站", "市强制隔离戒毒所"
            r"[\u4e00-\u9fff]{0,8}?(?:救助管理站|血站|急救站|水文站|气象台|戒毒所)|"
            r"[\u4e00-\u9fff]{0,16}?(?:总工会|妇女联合会|残疾人联合会|红十字会|残联|妇联|科学技术协会|科协|供销合作社联合社|供销合作社|供销社))")  # and the people's organisations
NOT_IN_KIND = re.compile(r"[的了是在把被对将要也都还就让给从向与为着过呢吗吧啊我你他她这那其]")
NOT_KIND_END = re.compile(r"(?:格局|大局|布局|全局|结局|当局|时局|开局|新局|变局|棋局|饭局|赌局|僵局|残局|骗局|邮局|顾委|常委|"
                          r"客厅|大厅|餐厅|展厅|门厅|舞厅)$")  # "委员会客厅": a 政协 programme's name, no 厅
_SUB_UNIT = re.compile(r"(?:(?<=局|厅)|(?<=委员会)|(?<=委)(?!员会)|(?<=中心)|(?<=办事处)|(?<=救援大队)|(?<=救援支队)|"
                       r"(?<=办)(?<!承办|督办|主办|交办|协办|代办|包办|举办|合办|查办|帮办|经办|开办|创办|兴办)(?!公室|事处|理|法|结|件)|"
                       r"(?<=考试院)|(?<=研究院)|(?<=医院)|(?<=血站)|(?<=戒毒所)|(?<=研究所))"
                       r"(?!医院|学院|大学|小学|中学|学校|幼儿园|公司|集团|银行|血站|卫生院)"  # "……市中心医院内分泌科": 市中心 is no unit
                       r"[\u4e00-\u9fffA-Z\d]{2,16}(?:科|处|室|股|中心|站|台|队|所|专班|(?<!政府)(?<!人民)办)$|"
                       r"(?:(?<=法院)|(?<=仲裁院))[\u4e00-\u9fff]{1,8}(?:庭|局)$|"
                       r"(?<=检察院)[\u4e00-\u9fff]{2,8}(?:部|处|室|科)$|"  # …人民检察院第九检察部
                       r"(?:(?<=工会)|(?<=联合会)|(?<=残联)|(?<=妇联))[\u4e00-\u9fff]{2,12}(?:部|委员会|办公室|中心)$|"
                       r"(?<=馆)[\u4e00-\u9fff]{2,10}(?:部|科|室|中心)$|"
                       r"(?<=[^总]局)[\u4e00-\u9fff]{2,8}分局$|"
                       r"(?<=医院)[\u4e00-\u9fff]{1,10}(?:科|部|室|中心)$|(?<=院)[\u4e00-\u9fff]{0,8}门诊$")  # …医院内分泌科, …医院营养科  # a city bureau's 分局 of a district (not a 总局's: its own)  # 市档案馆利用服务科, 市图书馆读者服务部  # 总工会权益保障部  # …管理中心归集管理科; …人民法院
# 立案庭, 执行局; …劳动人事争议仲裁院仲裁一庭


def _stems_before_city_unit(text: str) -> Iterable[str]:
    """The two characters before each 市 that may name a city (溪宁 in 今年溪宁市…; not 安排 in 安排市级资金, 广大 in 广大市民)."""
    for match in re.finditer(r"市(?!场|长|级|民(?!政))", text):  # 广大市民 names no city; 芷川市民政局 does
        start = match.start()
        stem = text[max(0, start - 2):start]
        if len(stem) == 2 and re.fullmatch(r"[\u4e00-\u9fff]{2}", stem) and stem[-1] not in _NOT_CITY_LAST \
                and stem not in _NOT_CITY_STEMS and not is_everyday_word(stem):
            yield stem


def outlet_city(outlet: str | None) -> str | None:
    """"枫江日报" -> "枫江市", "溪宁市人民政府网" -> "溪宁市"; None for national or provincial media (人民日报, 齐鲁晚报)."""
    if not outlet:
        return None
    match = _OUTLET_CITY.match(to_simplified(outlet.strip()))  # 澄溪新聞網 is 澄溪新闻网
    if match is None:
        return None
    stem = match["stem"]
    if stem in _NOT_CITY_OUTLETS or stem[:2] in _NOT_CITY_OUTLETS or stem in _NOT_CITY_STEMS or stem[-1] in "县区镇乡" \
            or stem[0] in "县区镇乡市省" or "人民" in stem:
        return None  # 柏溪县人民政府: a county's site names no city; 县人民政府征兵办公室: a unit of its, no city 县人民
    return stem + "市"


def find_city(title: str, text: str, sources: Iterable[str] = ()) -> str | None:
    """The city a document is about, when clear: votes from "X市" in the title (x3), in the text (x1), and from the
    outlets, sites and datelines that published it (x2); None when no city wins clearly."""
    votes: Counter[str] = Counter()
    title, text = to_simplified(title), to_simplified(text)  # 專訪市… is 专访市…, no city 專訪市
    for stem in _stems_before_city_unit(title):
        votes[stem + "市"] += TITLE_WEIGHT
    for stem in _stems_before_city_unit(text):
        votes[stem + "市"] += TEXT_WEIGHT
    for source in sources:
        if (city := outlet_city(source)) is not None:
            votes[city] += SOURCE_WEIGHT
        elif (government := GOVERNMENT_SITE.match(to_simplified(source))) and government["city"]:  # "溱峓市溱东县人民政府"
            votes[government["city"]] += SOURCE_WEIGHT
        else:  # a unit that published it ("来源：箬溪市住房公积金管理中心", a .docx's page header)
            for stem in set(_stems_before_city_unit(to_simplified(source))):
                votes[stem + "市"] += SOURCE_WEIGHT
    for match in _DATELINE.finditer(text[:2000]):
        city = outlet_city(match["stem"] + "日报")
        if city is not None:
            votes[city] += SOURCE_WEIGHT
    if not votes:
        return None
    (top, n), *others = votes.most_common()
    return top if not others or n > CLEAR_CITY_RATIO * others[0][1] else None


# a government's own site ("溱峓市溱东县人民政府"): its city, and the district or county whose site it is
GOVERNMENT_SITE = re.compile(r"^(?P<city>[\u4e00-\u9fff]{2,3}?市)?(?P<county>(?:(?![市县区])[\u4e00-\u9fff]){2,3}?[区县])?"
                             r"(?:人民政府|政府)$")
# a place's Communist Youth League committee ("共青团泱峥市委员会"), which people call 团市委
YOUTH_LEAGUE = re.compile(r"共青团(?P<place>[\u4e00-\u9fff]{2,6}?[市区县])委员会")
_LONG_ENDINGS = (("委员会", "委"), ("办公室", "办"), ("协会", "协"))  # 消协 for 消费者协会 too


def is_short_form(short: str, full: str) -> bool:
    """住建局 for 住房和城乡建设局, 卫健委 for 卫生健康委员会: the same first and last character (委 standing for
    委员会, 办 for 办公室), the others in order."""
    for long, ending in _LONG_ENDINGS:
        if full.endswith(long) and short.endswith(ending) and not short.endswith(long):
            full = full[: -len(long)] + ending
    if len(short) < 2 or len(short) > len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full[1:-1])
    return all(c in rest for c in short[1:-1])


def org_mentions(text: str, cities: Iterable[str] = ()) -> list[tuple[int, str]]:
    """(offset, name) of each government unit named as 市…局 or <city>…局 (a city of `cities`), the unit's own
    sub-divisions left off (溪宁市农业农村局农田建设管理科 -> 溪宁市农业农村局)."""
    stems = sorted({c[:-1] for c in cities if c.endswith("市") and len(c) > 2}, key=len, reverse=True)
    place = "|".join(re.escape(s) for s in stems)
    pattern = re.compile(rf"(?:(?:{place})市|市(?!场))(?P<kind>{ORG_KIND})" if place else rf"市(?!场)(?P<kind>{ORG_KIND})")
    found = []
    for match in pattern.finditer(text):
        kind = match["kind"]
        if kind.startswith("市") and not kind.startswith("市场"):
            continue  # 市市… is read from the second 市
        if NOT_IN_KIND.search(kind) or NOT_KIND_END.search(kind) or len(kind) < 2:
            continue
        found.append((match.start(), match.group()))
    return found


_SHORT_OFFICE = re.compile(r"(?:[\u4e00-\u9fff]{2,3}?[市县区]|[市县区])(?:委|政府)?[\u4e00-\u9fff]{1,4}?"
                           r"(?<!承|督|主|交|协|代|包|举|合|查|帮|经|开|创|兴|操|置|筹|试|补|怎|么|好|难|要|能|来|去|再|没|不|会|得|着)办")


def is_unit_name(text: str) -> bool:
    """The whole text names a unit ("沐阳市医疗保障局", "市人社局", "柳塘区人民政府"), or a section of one
    ("市交通运输局综合行政执法支队"), as a 留言板 reply is signed."""
    if re.fullmatch(r"(?:[\u4e00-\u9fff]{2,3}?市)?(?:[\u4e00-\u9fff]{2,3}?[区县])?(?:[\u4e00-\u9fff]{2,4}?[区县镇乡]人民政府|"
                    r"[\u4e00-\u9fff]{2,4}?街道办事处)", text):
        return True
    if (main := main_unit(text)) != text:
        return is_unit_name(main)
    if len(text) == 2 and text[1] in "局处科" and text[0] in SINGLE_SURNAMES and text[0] not in "分总市":
        return False  # "雷局": 局长 雷 as people call him to his face, no unit
    if _SHORT_OFFICE.fullmatch(text) and not NOT_IN_KIND.search(text):  # "市人防办", "县政府办": an office called short
        return True
    return re.fullmatch(rf"(?:[\u4e00-\u9fff]{{2,3}}?[市县区]|市)?{ORG_KIND}", text) is not None and \
        not NOT_IN_KIND.search(text) and not NOT_KIND_END.search(text)


def main_unit(org: str) -> str:
    """A unit without the section after it: 溪宁市农业农村局农田建设管理科 -> 溪宁市农业农村局."""
    return _SUB_UNIT.sub("", org)


def qualify(org: str | None, city: str | None) -> str | None:
    """"市交通运输局" -> "溪宁市交通运输局" when the city is known; a unit that names its place stays as it is."""
    if not org:
        return None
    if city and org.startswith("市") and not org.startswith("市场"):
        return city + org[1:]
    if city and re.match(r"^[\u4e00-\u9fff]{2,3}?(?<![社小园])[区县](?!域)", org) and not _OPENS_WITH_CITY.match(org):
        return city + org  # 青榆区人民政府: a district of the city
    if city and _TOWN_UNIT.match(org) and not _OPENS_WITH_CITY.match(org):
        return city + org  # 青石镇柳塘村村民委员会: a town of the city (a 县级市's towns lie under it)
    if city and _PLACELESS_BUREAU.fullmatch(org) and not split_place(org)[0]:
        return city + org  # "房屋局", as a city's own pages name its bureaus (a 新闻公报 of 滘澔市政府新闻处)
    return org


_OPENS_WITH_CITY = re.compile(r"^[\u4e00-\u9fff]{0,3}?市(?!场)")  # 澜州市青榆区…; not 峣山区市场监督管理局
_TOWN_UNIT = re.compile(r"^[\u4e00-\u9fff]{2,3}?[镇乡](?:人民政府|[\u4e00-\u9fff]{2,4}?(?:村|社区))")
COURT_BUREAU = "执行局"  # a court's 执行局: the court's, no bureau of its own
_PLACELESS_BUREAU = re.compile(rf"(?!国家|省|中央|全国|自治区|海关|中国|{COURT_BUREAU})[\u4e00-\u9fff]{{2,8}}局|消费者协会|"
                               r"消防救援(?:支队|大队)")


_BELOW_DISTRICT = re.compile(r"社区|街道|村|镇|乡")  # a unit named with the places above it, in full


def fullest(org: str, text: str, cities: Iterable[str] = ()) -> str:
    """The longest way the text writes the same unit (市人社局 -> 市人力资源和社会保障局), keeping the place given."""
    place, kind = split_place(org)
    if not place and _FACILITY_OFFICE.search(kind) and (
            district := re.search(rf"([\u4e00-\u9fff]{{2,3}}?[区县]){re.escape(kind)}", text)):
        place = district.group(1)  # "嵕山公园管理处" where the text writes "潏西区嵕山公园管理处": the district's
    best = kind
    cities = tuple(cities)
    for _, mention in org_mentions(text, cities):
        other_place, other_kind = split_place(mention)
        if _JOINED_UNITS.search(other_kind):
            continue  # "市红十字会和市卫生健康委员会": two units joined, never a longer name of either
        if _ABBREVIATED.get(kind) == other_kind and (not place or not other_place or other_place in (place, "市")
                                                     or (place == "市" and other_place in cities)):
            best = other_kind  # 市残联 where the text writes 涢嵫市残疾人联合会 too
            continue
        # the same place, or 市 for the document's own city (市人力社保局 and 桐川市人力资源和社会保障局 in a 桐川 text)
        same_place = not place or not other_place or other_place == place or (other_place == "市" and not _LOWER_PLACE.search(
            place)) or (place == "市" and other_place in cities)  # not 峋阳区市场监管局 as the city's 市场监督管理局
        if len(other_kind) > len(best) and same_place and main_unit(other_kind) == other_kind and (  # no section of it
                is_short_form(kind, other_kind) or (
                other_kind.endswith(kind) and _BELOW_DISTRICT.search(kind))):  # 槐荫社区居民委员会, with its 街道
            best = other_kind
    return place + best


_FACILITY_OFFICE = re.compile(rf"{_FACILITY}管理处$")
_JOINED_UNITS = re.compile(r"[和与及、][市县区省]")


# the people's organisations by the short names everyone uses (no rule of first and last characters makes them)
_ABBREVIATED = {"残联": "残疾人联合会", "妇联": "妇女联合会", "科协": "科学技术协会", "侨联": "归国华侨联合会",
                "工商联": "工商业联合会", "文联": "文学艺术界联合会"}


_LOWER_PLACE = re.compile(r"[区县镇乡]$|街道$")


def split_place(org: str) -> tuple[str, str]:
    """"溪宁市交通运输局" -> ("溪宁市", "交通运输局"); "市交通运输局" -> ("市", "交通运输局"); no place: ("", org)."""
    match = re.match(r"^(?:[\u4e00-\u9fff]{2,3}?(?<![社小园])[市县区省](?=[\u4e00-\u9fff]{2,}|123\d\d)|市(?!场))", org)  # no 社区
    if match is None:
        return "", org
    return match.group(), org[match.end():]


def local_name(org: str) -> str:
    """A vertically run bureau as people call it: "国家税务总局篁澍市税务局" -> "篁澍市税务局" ("共青团泱峥市委员会" ->
    "泱峥市委员会", for its place); any other unit as it is."""
    national = _NATIONAL_PREFIX.match(org)
    return org[national.end():] if national else org


# a national administration's local bureau: "国家税务总局……市税务局", "国家金融监督管理总局……监管分局"
_NATIONAL_PREFIX = re.compile(r"^(?:国家[\u4e00-\u9fff]{2,10}?总局|共青团)(?=[\u4e00-\u9fff]{2,3}?[市县区])")  # and the Youth League's
