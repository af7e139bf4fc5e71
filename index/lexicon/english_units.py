"""The English names Chinese governments give their departments on their English portals ("Bureau of Commerce",
"Health Commission", "Administration for Market Regulation"), as the core of the name -> its Chinese stem; the kind
of unit (Bureau 局, Commission 委员会, Office 办公室, Department 厅 of a province) gives the ending. From the usual
translations of the 机构改革 departments (GB/T 30240's practice), not from any corpus."""

from __future__ import annotations

import re

UNIT_STEMS: dict[str, str] = {
    "commerce": "商务",
    "culture, radio, television and tourism": "文化广电和旅游",
    "culture, radio, television, sports and tourism": "文化广电体育和旅游",
    "culture and tourism": "文化和旅游",
    "human resources and social security": "人力资源和社会保障",
    "education": "教育",
    "public security": "公安",
    "civil affairs": "民政",
    "justice": "司法",
    "finance": "财政",
    "natural resources": "自然资源",
    "natural resources and planning": "自然资源和规划",
    "planning and natural resources": "规划和自然资源",
    "ecology and environment": "生态环境",
    "ecological environment": "生态环境",
    "housing and urban-rural development": "住房和城乡建设",
    "transport": "交通运输",
    "transportation": "交通运输",
    "water resources": "水利",
    "water affairs": "水务",
    "agriculture and rural affairs": "农业农村",
    "emergency management": "应急管理",
    "audit": "审计",
    "statistics": "统计",
    "healthcare security": "医疗保障",
    "medical security": "医疗保障",
    "market regulation": "市场监督管理",
    "market supervision and administration": "市场监督管理",
    "veterans affairs": "退役军人事务",
    "science and technology": "科学技术",
    "industry and information technology": "工业和信息化",
    "sports": "体育",
    "urban management": "城市管理",
    "urban management and law enforcement": "城市管理和综合执法",
    "forestry": "林业",
    "forestry and grassland": "林业和草原",
    "health": "卫生健康",
    "health and family planning": "卫生和计划生育",
    "development and reform": "发展和改革",
    "ethnic and religious affairs": "民族宗教事务",
    "foreign affairs": "外事",
    "taxation": "税务",
    "data": "数据",
    "big data": "大数据",
    "government services": "政务服务",
    "government services and data management": "政务服务和数据管理",
    "administrative approval": "行政审批",
    "housing provident fund management": "住房公积金管理",
    "housing provident fund": "住房公积金管理",
    "port": "口岸",
    "ports": "口岸",
    "retired cadres": "老干部",
    "radio and television": "广播电视",
    "press and publication": "新闻出版",
    "information": "新闻",
}
# the kind of unit -> its Chinese ending (a province's 厅 where a city has a 局)
UNIT_ENDINGS: dict[str, str] = {
    "bureau": "局",
    "administration": "局",
    "commission": "委员会",
    "office": "办公室",
    "department": "局",
    "center": "中心",
    "centre": "中心",
}
PROVINCIAL_ENDINGS: dict[str, str] = {"department": "厅", "bureau": "局"}
# the level of government before the unit -> the character a Chinese page writes before it (市商务局)
LEVELS: dict[str, str] = {"municipal": "市", "city": "市", "provincial": "省", "district": "区", "county": "县"}

# The short names people give units when they ask in English ("the Lanzhou agriculture bureau", "the labour
# department") -> the stem of the unit's full Chinese name; with the portals' names above.
QUESTION_STEMS: dict[str, str] = {
    **UNIT_STEMS,
    "agriculture": "农业农村",
    "agricultural": "农业农村",
    "environment": "生态环境",
    "environmental": "生态环境",
    "environmental protection": "生态环境",
    "human resources": "人力资源和社会保障",
    "labour": "人力资源和社会保障",
    "labor": "人力资源和社会保障",
    "social security": "人力资源和社会保障",
    "housing": "住房和城乡建设",
    "city management": "城市管理",
    "police": "公安",
    "tax": "税务",
    "health": "卫生健康",
}
# the kinds of unit a question names: not "office" (a question's "government office car parks" is none)
QUESTION_KINDS = ("bureau", "commission", "department", "administration")
MAX_STEM_WORDS = 7  # "culture, radio, television, sports and tourism"


def units_in_question(question: str) -> list[str]:
    """The city units an English question names, in Chinese ("How do I renew my ID at the Xingzhang public security
    bureau?" -> ["市公安局"]); only the kinds and stems above, so a unit it cannot name is left out."""
    words = re.findall(r"[a-z]+", question.lower())
    units: list[str] = []
    for at, word in enumerate(words):
        if word not in QUESTION_KINDS:
            continue
        before = next((" ".join(words[start:at]) for start in range(max(0, at - MAX_STEM_WORDS), at)
                       if " ".join(words[start:at]) in QUESTION_STEMS), None)  # "public security bureau"
        after = words[at + 1:at + 2] == ["of"] and next(  # "bureau of public security", "… of the …"
            (" ".join(words[at + 2 + skip:end]) for skip in (0, 1) if words[at + 2:at + 2 + skip] in ([], ["the"])
             for end in range(min(len(words), at + 2 + skip + MAX_STEM_WORDS), at + 2 + skip, -1)
             if " ".join(words[at + 2 + skip:end]) in QUESTION_STEMS), None)
        stem = QUESTION_STEMS.get(before or after or "")
        if stem:
            units.append(f"市{stem}{UNIT_ENDINGS[word]}")
    return units
