"""Signs that the interviews cannot answer a question, read from the words of the question and the best passage.

Dense similarity says a question is on the topic of the corpus; it cannot say whether the corpus holds the fact
asked for (a phone number, another city's policy, next year's budget). These pure checks can:

- `small_talk`: greetings, thanks, "are you a robot": not questions about the interviews at all;
- `vague`: one bare word that half the corpus uses ("海洋"): nothing one passage could answer;
- `missing_kinds`: the question asks for a kind of fact (phone number, address, opening hours, a date, birth or
  career, a price or a rate, a sum of money, a salary, an area, a number of vessels, how to apply, the weather) that the best passage
  does not contain in any form;
- `unknown_places`: it names a place or an organisation (青岛, 烟台, 农业农村局) that the corpus never mentions;
  abbreviations of names the corpus does use (海洋局 for 海洋发展局) are known;
- `unknown_years`: it asks about a year (2023) that the corpus never mentions;
- `absent_nouns`: how many of its nouns the corpus never uses (a bigram shared with the best passage counts half).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from index.text import pos_tokens

_SMALL_TALK = re.compile(
    r"^(?:(?:hi|hello|hey|你好|您好|嗨|哈喽|早上好|下午好|晚上好|good (?:morning|afternoon|evening))(?: .*)?|"
    r"(?:谢谢|多谢|感谢|thanks?(?: you)?|thank you|再见|拜拜|bye|goodbye|在吗|在不在|你是谁|你叫什么|你是机器人吗|"
    r"你是人吗|how are you(?: doing)?(?: today)?|who are you|测试|test|ok|好的|嗯|哈哈)(?: .*)?)$",
    re.I,
)
_KINDS: tuple[tuple[str, str, str], ...] = (
    ("phone", r"电话|热线|号码|手机号|联系方式|微信号|公众号|邮箱|网址|官网|phone|telephone|e-?mail|website|contact",
     r"\d{3,4}-?\d{7,8}|\b1\d{10}\b|热线|@|www\.|https?://"),
    ("address", r"地址|在哪儿?办公|办公地点|怎么去|坐公交|坐车|几路车|门牌|address",
     r"路\d*号|街\d*号|地址|大厦|[路街道]\d+号"),
    ("hours", r"几点|上班时间|办公时间|开放时间|营业时间|opening hours", r"\d+[:：]\d+|\d+点|\d+时"),
    ("date", r"几月几[号日]|几号|哪天|哪一天|哪年|哪一年|何时|什么时间|哪个月|具体日期|when\b",
     r"\d+月|\d+日|\d{4}年|月份|年初|年底|每月|每年|每半年|每季度|结束后|期间|以来|今年"),
    ("biography", r"出生|哪年生|多大岁数|多大了|年龄|多少岁|履历|简历|老家|籍贯|哪里人|以前在哪|之前在哪|在哪个单位|哪个单位工作|是哪个单位的|"
     r"上任|任职多久|born|biography",
     r"出生|生于|\d+岁|籍贯|曾任|历任|任职|毕业于|研究所|大学"),
    ("rate", r"一斤|每斤|单价|价格|价钱|票价|门票|收费标准|征收标准|怎么收费|怎么算钱|每亩|一亩|保费|price|exchange rate",
     r"元/|每亩|一亩|每斤|价格|单价|票价|标准为"),
    ("amount", r"多少钱", r"\d[\d.]*\s*(?:万|亿)?元"),
    ("salary", r"工资|薪水|薪资|待遇|salary", r"工资|薪|待遇"),
    ("area", r"多少平方|面积|占地|多少公顷|多少亩|多大地方", r"平方|公顷|亩|面积"),
    ("vessels", r"多少艘|几艘|多少条船|多少只船", r"\d+艘|艘"),
    ("procedure", r"怎么申请|如何申请|申请条件|需要什么材料|要带什么|去哪[里儿]?办|怎么办理|如何办理|报名条件|怎么报名|"
     r"在哪[里儿]?报名|怎么理赔", r"申请|办理|受理|材料|报名|窗口|理赔"),
    ("weather", r"天气|下雨|气温多少|几度|weather", r"天气|气温|降雨|下雨|\d+度"),
)
_ORG_ENDINGS = ("管委会", "委员会", "办公室", "局", "厅")
_NOUNISH = ("n", "ns", "nt", "nz", "l", "vn", "j")


def _organisations(tokens: list[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Each word ending in 局/厅/… with the nouns before it, as the ways to read it, shortest first.

    "威海市 农业 农村 局" -> ("农村局", "农业农村局", "威海市农业农村局"): the name is known if any reading is.
    """
    found = []
    for i, (word, _) in enumerate(tokens):
        if not word.endswith(_ORG_ENDINGS):
            continue
        readings = [word] if len(word) >= 3 else []
        start = i
        while start > 0 and i - start < 4 and tokens[start - 1][1].startswith(_NOUNISH):
            start -= 1
            readings.append("".join(w for w, _ in tokens[start : i + 1]))
        if readings:
            found.append(tuple(readings))
    return found


# Provinces, Shandong's cities and other large cities and countries: places a citizen may ask about instead.
_PLACES = tuple(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 "
    "云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 "
    "临沂 德州 聊城 滨州 菏泽 荣成 文登 乳山 石家庄 太原 沈阳 大连 长春 哈尔滨 南京 苏州 无锡 杭州 宁波 合肥 福州 厦门 "
    "南昌 郑州 武汉 长沙 广州 深圳 南宁 海口 三亚 成都 贵阳 昆明 西安 兰州 西宁 拉萨 银川 乌鲁木齐 呼和浩特 唐山 秦皇岛 "
    "天津港 连云港 舟山 温州 珠海 汕头 湛江 北海 防城港 日本 韩国 朝鲜 美国 俄罗斯".split()
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
GENERIC_NOUNS = frozenset(
    "事 事情 东西 地方 时候 方面 情况 问题 工作 人 们 局里 老百姓 市民 群众 大家 政府 部门 单位 总体 这次 最后 以后 后来 "
    "平时 名字 意思 办法 总结 关系 规定 材料 形势 职务 成绩 原话 媒体 内容 措施 做法 效果 作用 意义 目的 原因 结果 "
    "具体 多长时间 哪家 什么样 一句话 举措 经验 思路 重点 亮点 成效".split()
)


@dataclass(frozen=True, slots=True)
class Signs:
    """What the checks found for one question and its best passage."""

    small_talk: bool
    vague: bool
    missing_kinds: tuple[str, ...]
    unknown_places: tuple[str, ...]
    unknown_years: tuple[str, ...]
    absent_nouns: float

    @property
    def decisive(self) -> bool:
        """Any sign that settles it: the interviews do not answer this."""
        return self.small_talk or self.vague or bool(self.missing_kinds or self.unknown_places or self.unknown_years)


def is_vague(query: str, vocabulary: dict[str, int] | Collection[str], passages: int) -> bool:
    """A bare word that half the corpus uses ("海洋", "政策"): no question to answer with one passage."""
    words = [w for w, flag in pos_tokens(query) if re.search(r"[\u4e00-\u9fffa-z0-9]", w) and flag not in ("x", "y", "r")]
    if len(words) != 1 or passages < 4 or not isinstance(vocabulary, dict):
        return False
    return vocabulary.get(words[0], 0) >= passages / 2 or len(words[0]) == 1


def is_small_talk(query: str) -> bool:
    bare = re.sub(r"[\W_]+", " ", query.lower()).strip()
    return bool(bare) and len(bare) <= 40 and bool(_SMALL_TALK.match(bare))


def missing_kinds(query: str, passage_text: str) -> tuple[str, ...]:
    """Kinds of fact the question asks for that the passage does not contain."""
    lowered = query.lower()
    return tuple(name for name, asks, has in _KINDS if re.search(asks, lowered) and not re.search(has, passage_text))


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def unknown_places(query: str, vocabulary: Collection[str], known_names: Iterable[str], passage_text: str) -> tuple[str, ...]:
    """Places and organisations named in the question that the corpus never mentions."""
    names = [n for n in known_names if n]

    def known(word: str) -> bool:
        if word in vocabulary or word in passage_text:
            return True  # 海洋局 is short for 海洋发展局: the letters in order, same last character
        return any(_is_subsequence(word, n) for n in names if len(n) >= len(word) and n[-1] == word[-1])

    tokens = list(pos_tokens(query))
    candidates = _organisations(tokens)
    candidates += [(place,) for place in _PLACES if place in query]
    candidates += [(word,) for word, flag in tokens if flag == "ns" and len(word) >= 2 and word[0] not in "各本该我全此"]
    unknown: list[str] = []
    for readings in candidates:
        if any(r.isascii() or known(r) for r in readings):
            continue
        name = readings[-1]
        if not any(name in u or u in name for u in unknown):
            unknown.append(name)
    return tuple(unknown)


def unknown_years(query: str, vocabulary: Collection[str], passage_text: str) -> tuple[str, ...]:
    return tuple(y for y in _YEAR.findall(query) if y not in vocabulary and f"{y}年" not in vocabulary
                 and y not in passage_text)


def absent_nouns(query: str, vocabulary: Collection[str], passage_text: str) -> float:
    """Nouns of the question the corpus never uses; one sharing two characters with the passage counts half."""
    total = 0.0
    for word, flag in pos_tokens(query):
        if not flag.startswith("n") or flag == "nr" or len(word) < 2 or word.isascii() or word in GENERIC_NOUNS:
            continue
        if word in vocabulary or word in passage_text:
            continue
        shares = any(word[i : i + 2] in passage_text for i in range(len(word) - 1))
        total += 0.5 if shares else 1.0
    return total


def read_signs(query: str, passage_text: str, vocabulary: Collection[str], known_names: Iterable[str],
               passages: int = 0) -> Signs:
    lowered = query.lower()
    return Signs(
        small_talk=is_small_talk(query),
        vague=is_vague(lowered, vocabulary, passages),
        missing_kinds=missing_kinds(lowered, passage_text),
        unknown_places=unknown_places(lowered, vocabulary, known_names, passage_text),
        unknown_years=unknown_years(lowered, vocabulary, passage_text),
        absent_nouns=absent_nouns(lowered, vocabulary, passage_text),
    )
