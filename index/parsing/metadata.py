"""Metadata read from the prose: title lines, the series and episode, the byline, the sentence naming the interviewee."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.parsing.orgs import org_mentions
from index.parsing.people import LATER_PERSON, ROLE, ROLE_UNIT, split_org_role
from index.parsing.speakers import SECTION_WORDS
from index.text import to_simplified

_EPISODE = re.compile(
    r"(?P<ep>[①-⑳㉑-㉟㊱-㊿]|[(（][一二三四五六七八九十\d]+[)）]|之[一二三四五六七八九十\d]+|"
    r"第[一二三四五六七八九十百\d]+[期篇集讲回](?:[(（]总第[一二三四五六七八九十百\d]+期[)）])?|No\.?\s*\d+|\d+)\s*$"
)
_SERIES = re.compile(r"系列|访谈录|栏目|专题|特别报道|公开栏|宣传栏")  # and a notice board's issue: "……居务公开栏 第6期"
_SERIES_WORD = re.compile(r"访谈|专访|对话")
MAX_SERIES_NAME_CHARS = 12  # "局长访谈", "民生访谈": a short line naming a programme
_CREDIT = r"通讯员|实习生|摄影|摄像|编辑|字号|特约"  # names after these are credits, not reporters
_NAMES = rf"(?!{_CREDIT})[\u4e00-\u9fff]{{2,4}}(?:[ \t\u3000、，,]+(?!{_CREDIT})[\u4e00-\u9fff]{{2,4}})*"
_BYLINE = re.compile(
    rf"^(?:文[/／])?(?P<outlet>[^\s：:，。]*?)\s*(?:全媒体|融媒体|首席|见习)?记者[\s：:]*(?P<names>{_NAMES})"
    rf"\s*(?:(?:{_CREDIT}).*)?$"
)
_OWN_OUTLET = ("本报", "本台", "本网", "本刊", "本站")
_DATE_FIELD = (r"(?:(?:发布|发表|更新|刊发|播出)?(?:时间|日期)[:：]\s*)?(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})"
               r"\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")
# The fields of a news page's info line ("2021-07-20 09:12 来源：栖川新闻网 记者 陶然 字号：大 中 小") or of a
# programme line ("栖川人民广播电台新闻综合广播《政风行风热线》 2022年5月19日"), in the order they are taken out.
_META_FIELDS = (
    ("noise", re.compile(r"(?:字号|字体)[:：]?(?:\s*[大中小])+|(?:浏览|阅读|点击)(?:次数|量)?[:：]?\s*\d[\d,，.]*万?\+?次?"
                         r"|【?(?:打印|关闭|分享到?|收藏|我要纠错)】?")),
    ("date", re.compile(_DATE_FIELD)),
    ("source", re.compile(r"[（(【\[]?(?:来源|稿源|稿件来源|转自)[:：]\s*(?P<outlet>[^\s：:（）()【】\[\]]+)[）)】\]]?")),
    ("credit", re.compile(rf"(?:{_CREDIT})[\s：:]*{_NAMES}")),
    ("reporter", re.compile(rf"(?:文[/／])?(?P<outlet>[^\s：:，。《》]*?)(?:全媒体|融媒体|首席|见习)?记者[\s：:]*(?P<names>{_NAMES})"
                            rf"|(?:作者|撰文)[:：]\s*(?:记者\s*)?(?P<authors>{_NAMES})")),
    ("programme", re.compile(r"(?P<outlet>[^\s《》]{2,30}?)?《(?P<series>[^》]{2,30})》")),
    ("column", re.compile(r"(?:栏目|栏目名称|专栏)[:：]\s*(?P<series>[^\s：:]{2,20})")),
)
_META_LEFTOVER = re.compile(r"[\s|｜/·•\-—_,，。:：()（）【】\[\]]*")
_PROGRAMME_OUTLET = re.compile(r"报|台|广播|电视|网|新闻|频道|媒体|客户端|杂志|社")
_GUEST_LINE = re.compile(r"^(?:发布人|嘉宾|访谈嘉宾|本期嘉宾|主讲人|受访者|受访人)[:：]")
_SOURCE = re.compile(r"^[（(【\[]?(?:来源|稿源|稿件来源|转自)[:：]\s*(?P<outlet>[^）)】\]]+)[）)】\]]?$")
# "编辑：", and a 公众号's "来源丨市医保局　编辑丨小澜" credits
_BOILERPLATE = re.compile(r"^[（(【\[]?(?:责任编辑|编辑|校对|审核|审校|整理|记录|监制|值班编辑|原标题|纠错|图片来源|摄影|联系单位|抄送|抄报)"
                          r"[:：]|^(?:来源|编辑|审核|出品)[丨｜|][^\n]{1,20}[ \t\u3000]+(?:编辑|审核|校对)[丨｜|]")
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})")
_RED_HEAD = re.compile(r"^[\u4e00-\u9fff·]{2,24}(?:局|委员会|委|办公室|厅|人民政府|中心)文件$")
_DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔［\[(（]\d{4}[〕］\])）]\d{1,4}号$")
_CAPTION = re.compile(r"(?:^|[。！\s\u3000])(?:(?:本报|全媒体)?记者|通讯员|摄影|图)?[ \t\u3000]*[\u4e00-\u9fff·]{2,4}[ \t\u3000]*(?:摄|供图)$")
_PAPER_PAGE = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{2,8}?(?:日报|晚报|早报|侨报|商报|都市报|报))[ \t\u3000]+.*第[ \t]*[A-Z]?\d{1,3}[ \t]*版")
# a newspaper page's date line, longer than a date line for its page and lunar date: "2025年6月24日 星期二 第01版 要闻 农历……"
_PAGE_DATE = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日[\s\u3000]*(?:星期.|周.)?[\s\u3000]*第?[A-Z]?\d{1,3}版")
# a newspaper's name over its page, with whose organ it is: "泠筠日报　中共泠筠市委机关报"
_ORGAN_PAPER = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{2,8}报)[ \t\u3000]+[\u4e00-\u9fff]{2,16}机关报$")
_NOTE_LINE = re.compile(r"（[^（）]*）|\([^()]*\)")  # a line wholly in brackets: an editor's note or a credit
_BUREAU_LINE = re.compile(r"^[\u4e00-\u9fff·]{2,20}(?:管委会|委员会|办公室|局|厅|委|办|院|中心|署)$")
_INTERVIEW_VERB = re.compile(r"(?:专访|采访|对话|访问|访谈|邀请)(?:了|到)?|(?:做客|走进|来到)[\u4e00-\u9fff]{0,6}?的(?:嘉宾)?是")
_NAME = r"[\u4e00-\u9fff·]{2,4}"
_ROLE_UNITS = re.compile(ROLE_UNIT)


DATE_LINE_MAX_CHARS = 30  # a longer line with a date in it is a sentence, not a date line


@dataclass(slots=True)
class TitleBlock:
    """What the short lines above the interview say."""

    series: str | None = None
    episode: str | None = None
    outlet: str | None = None
    reporters: tuple[str, ...] = ()
    date: str | None = None
    bureau: str | None = None
    headlines: list[str] = field(default_factory=list)
    first_line: str | None = None


# emoji and pictographs that open a line of a 公众号 article (❓, 📌, 👉), and the bars of its section heads (▍)
_LEADING_SYMBOLS = re.compile(r"^[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2580-\u259F\uFE0F\u200D]+\s*")


def strip_markup(line: str) -> str:
    """A title line without Markdown heading marks, emphasis, bullets or a leading emoji."""
    text = re.sub(r"^#[^#\s][^#\n]{0,30}#\s*", "", line.strip())  # a 微博 topic: "#茗川健康直通车# 感谢……"
    text = re.sub(r"^#{1,6}\s*|^[*_]{2}|[*_]{2}$|^[●■◆▲★◎○□•]\s*", "", text).strip()
    return _LEADING_SYMBOLS.sub("", text).strip()


def section_name(line: str) -> str:
    """A section heading's words without its brackets, colon or rules ("【访谈实录】", "———— 访谈实录 ————")."""
    return strip_markup(line).strip("【】[]：: —－-─━=＝\u3000")


def classify_title_line(line: str, block: TitleBlock) -> str:
    """Records what a short line says into `block`; returns its kind (guest, meta, source, byline, date, series, bureau,
    headline; only a headline is kept as a heading)."""
    text = strip_markup(line)
    if _BOILERPLATE.match(text):
        return "boilerplate"
    block.first_line = block.first_line or text
    if _GUEST_LINE.match(text):  # "发布人：栖川市生态环境局党组书记、局长 骆清源": read with the intro
        return "guest"
    if _read_meta_line(text, block):
        return "meta"
    if match := _ORGAN_PAPER.match(to_simplified(text)):
        block.outlet = block.outlet or match["outlet"]
        return "source"
    if match := _PAPER_PAGE.match(to_simplified(text)):  # "苓川侨报　2024年10月18日　第A03版：侨乡新闻"
        block.outlet = block.outlet or text[: len(match["outlet"])]
        if date := _DATE.search(text):
            block.date = block.date or _iso_date(date)
        return "source"
    if match := _SOURCE.match(text):
        block.outlet = block.outlet or match.group("outlet").strip()
        return "source"
    if match := _BYLINE.match(text):
        outlet = match.group("outlet").strip("·/ ")
        if outlet and outlet not in _OWN_OUTLET:
            block.outlet = outlet
        block.reporters = _names(match.group("names"))
        return "byline"
    if (match := _DATE.search(text)) and (len(re.sub(r"[（(][^（）()]{1,20}[）)]", "", text)) <= DATE_LINE_MAX_CHARS
                                          or _PAGE_DATE.match(text)):  # "……委员会（……办公室） 2027年1月10日" too
        block.date = block.date or _iso_date(match)
        issuer = re.sub(r"[（(][^（）()]{1,20}[）)]$", "", text[: match.start()].strip(" \t\u3000"))  # "（……办公室）"
        if _BUREAU_LINE.match(issuer):  # "……应急管理局　2027年4月18日"
            block.bureau = block.bureau or issuer
        return "date"
    if SECTION_WORDS.match(section_name(text)):
        return "section"
    if _is_series(text) and block.series is None:
        episode = _EPISODE.search(text)
        if episode and episode.start() > 0:
            block.series, block.episode = _unquoted(text[: episode.start()].strip(" ·-—")), episode.group("ep").strip()
        else:
            block.series = _unquoted(text)
        return "series"
    if _BUREAU_LINE.match(text):
        block.bureau = block.bureau or text
        return "bureau"
    if _RED_HEAD.match(text):  # 版头 of an official document, "蕖阳市教育局文件": its issuer, not its title
        block.bureau = block.bureau or text[: -len("文件")]
        return "bureau"
    if _DOCUMENT_NUMBER.match(text):  # 发文字号 "蕖教发〔2026〕21号"
        return "meta"
    if _NOTE_LINE.fullmatch(text) or _CAPTION.search(text):  # （本文有删节）, （记者 苏晴 摄）, a photo's caption
        return "note"
    block.headlines.append(text)
    return "headline"


def _is_series(text: str) -> bool:
    """A programme or column name ("精致模范机关创建系列党建访谈录⑦", "《问政澜州·局长访谈》第9期", "民生访谈"), not a
    headline that mentions an interview ("专访市交通运输局局长邵振华：织密一张网", "……——市人社局做客在线访谈")."""
    if _SERIES.search(text):
        return True
    if not _SERIES_WORD.search(text) or re.search(r"[：:]|——", text):
        return False
    return bool(_EPISODE.search(text)) or len(text) <= MAX_SERIES_NAME_CHARS or text.startswith("《")


def is_info_line(line: str) -> bool:
    """A line made only of metadata fields ("栏目：… 来源：… 发布时间：… 浏览：…"): it stands alone, whatever its length."""
    return _read_meta_line(strip_markup(line), TitleBlock())


def _read_meta_line(text: str, block: TitleBlock) -> bool:
    """Records a line made only of metadata fields (date, source, reporters, programme, page furniture); False, and
    nothing recorded, when anything else is left on it."""
    found: list[tuple[str, re.Match[str]]] = []
    rest = text
    for kind, pattern in _META_FIELDS:
        for match in pattern.finditer(rest):
            if kind == "programme" and match["outlet"] and not _PROGRAMME_OUTLET.search(match["outlet"]):
                continue
            found.append((kind, match))
        rest = pattern.sub(lambda m: " " * len(m.group()), rest)
    if not found or _META_LEFTOVER.fullmatch(rest) is None or {k for k, _ in found} <= {"noise", "credit"}:
        return False
    for kind, match in found:
        if kind == "date":
            block.date = block.date or _iso_date(match)
        elif kind == "source":
            block.outlet = block.outlet or match["outlet"].strip()
        elif kind == "reporter":
            outlet = (match["outlet"] or "").strip("·/ ")
            if outlet and outlet not in _OWN_OUTLET:
                block.outlet = outlet
            block.reporters = _names(match["names"] or match["authors"])
        elif kind == "column":
            block.series = block.series or match["series"].strip()
        elif kind == "programme":
            block.outlet = block.outlet or (match["outlet"] or "").strip() or None
            block.series = block.series or match["series"].strip()
    return True


def _names(names: str) -> tuple[str, ...]:
    return tuple(re.split(r"[\s、，,]+", names.strip()))


def _iso_date(match: re.Match[str]) -> str:
    return "{}-{:02d}-{:02d}".format(int(match["y"]), int(match["m"]), int(match["d"]))


def _unquoted(series: str) -> str:
    """"《问政澜州·局长访谈》" -> "问政澜州·局长访谈"."""
    return series[1:-1] if series.startswith("《") and series.endswith("》") and series.count("《") == 1 else series


_BREADCRUMB = re.compile(r"^(?:当前位置|您现在的位置|您的位置|所在位置|位置)[:：]|^[^。！？]{2,30}(?:\s*[>＞»›]{1,2}\s*[^。！？>＞»›]{1,30}){2,}$")
# A row of site links ("网站首页 | 无障碍浏览 | English", "首页｜政务公开｜互动交流｜办事服务"): three or more short items
# between bars, no sentence in it.
# A site's name may stand before its bar ("滍峄广播电视台　滍峄融媒　　首页 | 新闻 | 直播 | 节目回看"): then four items after it.
_LINK_BAR = re.compile(r"^[^。！？，：:|｜]{1,10}(?:\s*[|｜]\s*[^。！？，：:|｜]{1,12}){2,}$|"
                       r"^[^。！？，：:|｜]{11,24}(?:\s*[|｜]\s*[^。！？，：:|｜]{1,10}){4,}$")
# A Markdown link ("[首页](https://…)", a picture "![图片](…)"); a row of two or more links and nothing else but what
# parts them ("[首页](…) · [新闻动态](…) · [宣传教育](…)"). (A picture alone on its line stays: its alt text may be
# a caption.)
_MARKDOWN_LINK = re.compile(r"!?\[(?P<text>[^\[\]\n]{0,40})\]\((?:[^()\s\\]|\\.)*\)")
_LINKS_ROW = re.compile(rf"^(?:{_MARKDOWN_LINK.pattern}[\s\u3000]*[·•|｜/、>＞»›\-]?[\s\u3000]*){{2,}}$")
_PAGE_FURNITURE = re.compile(r"^(?:[【\[]?(?:打印本页|关闭窗口|打印|关闭|返回顶部|分享到|收藏|我要纠错)[】\]]?[\s\u3000]*)+$|"
                             r"^(?:相关附件|附件下载|扫一扫在手机打开当前页)[:：]?|"
                             r"^扫(?:一扫|码)[^。！？\n]{0,12}?(?:观看|查看|阅读|打开|收听)[^。！？\n]{0,8}$|"  # 扫码在手机上观看
                             r"^[【\[]?(?:相关阅读|相关链接|相关新闻|延伸阅读|推荐阅读)[】\]]?[:：]?$|"
                             r"^\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s+来自\s*\S{1,20}$|"  # 微博: …15:03 来自 微访谈
                             r"^(?:(?:转发|评论|赞|点赞|收藏)[（(]?\d+[）)]?[\s\u3000]*){2,}$|"  # 转发(86) 评论(213) 赞(540)
                             r"^(?:(?:阅读|分享|点赞|在看|赞)[\s\u3000]*(?:[\d.]+万?\+?)?[\s\u3000]*){3,}$|"  # 阅读 3.2万 分享 点赞 486
                             # a video's counts ("❤ 点赞 1.2万　💬 评论 856"), when it was posted, its #topics#
                             r"^(?:阅读原文[\s\u3000]*)?(?:\W{0,3}[\s\u3000]*(?:阅读|点赞|评论|收藏|转发|分享|在看|播放)[\s\u3000]*[\d.]+万?[\s\u3000]*){2,}$|"
                             r"^发布于[\s\u3000]*\d{4}-\d{1,2}-\d{1,2}|^(?:#[^#\n]{1,20}#[\s\u3000]*)+$|"
                             r"^查看(?:全部|更多)\d*条?评论|"
                             r"^(?:标签|关键词|关键字|Tags?)[:：]|^相关信息[:：]|"  # 标签：交通 公交, 相关信息：往期选登
                             # a 公众号 article's page chrome: its bar read aloud (赞，轻点两下取消赞在看……), the QR prompt
                             r"^.{0,30}?轻点两下取消(?:赞|在看)|^微信扫一扫(?:可打开此内容.*|关注该公众号)?$|^关注该公众号$|"
                             r"^.{0,20}?(?:向上滑动|继续滑动)看下一个$|^预览时标签不可点|^(?:轻触)?阅读原文$|"
                             r"^点击(?:下方|左下角)?[「“\"]?阅读原文|"
                             # a page's feedback widget under each answer ("这条回答对您有帮助吗？有用（212）没用（6）")
                             r"^(?:这条|本条|以上|该)?(?:回答|答复|解答|内容|信息)?对您有(?:帮助|用)吗[？?]"
                             r"(?:[\s\u3000]*(?:有用|没用|有帮助|没帮助)[（(]?\d*[）)]?)*$|"
                             # a pager: page numbers and 上一页/下一页, as links or words ("上一页 [1](…) [2](…) 下一页")
                             r"^(?=.*(?:上一页|下一页|\]\())(?:(?:\[[^\]\n]{1,6}\]\([^)\s]*\)|上一页|下一页|首页|尾页|末页|\d{1,3})[ \t\u3000]*){3,}$|"
                             # an attachment's link, a file's name alone, a site's 主办/承办 footer
                             r"^附件\d{0,2}[:：]|^[^\s。！？，]{1,60}\.(?:docx?|xlsx?|pdf|wps|zip|rar)$|^(?:主办|承办|协办)(?:单位)?[:：]|"
                             r"^(?:网友)?评价[:：]?$|^(?:非常满意|基本满意|满意|不满意)$|"  # a reply's rating, a line each
                             r"^(?:No\.?|#)?\s*\d{1,3}$|"  # a post's or item's number on a line of its own: 01, No.2
                             r"^(?:上一篇|下一篇)[:：]|^[^。！？\s]{2,30}(?:主办|承办)(?:[\s\u3000]|$)|"  # 上一篇：…, ……办公室主办
                             # a newspaper's masthead: its serial number and its publisher (its date line: _PAGE_DATE)
                             r"^(?:国内统一连续出版物号|国内统一刊号|统一刊号|CN[ \t]*\d{2}-\d{4})|^[^。！？\s]{2,12}社出版(?:[\s\u3000]|$)|"
                             # who wrote the answers down, in brackets after them: "（本报记者　许默　整理）"
                             r"^[（(](?:本报|本刊|本台|本网)?(?:记者|通讯员)?[^（）()。，]{0,16}(?:整理|采写|采访整理|记录)[）)]$|"
                             # a shared document's status line of check boxes: "状态：[x] 已回复　[x] 已告知企业"
                             r"^(?:状态|处理状态|办理状态|进度)[：:][ \t\u3000]*\[[ xX✓√]?\]")


_TOPIC_TAG = re.compile(r"^#[^#\s]{1,20}[ \t\u3000]*\d+个$")  # a 公众号 article's topic and its count: "#医保政策 4个"
_HASHTAGS = re.compile(r"^(?:#[^#\n]{1,20}#[\s\u3000]*)+$")  # a post's #topics# (read before Markdown's # goes)


# what a leaflet's or a booklet's maker line ends with ("渼沚市医疗保障局 编印"); about.py reads the unit from it
MADE_BY = r"(?:编印|监制|印制|编制|制作|出品)"
# a leaflet's or a booklet's imprint: who made or printed it, how many were printed, the usual disclaimer
_IMPRINT = re.compile(rf"^(?:印数[：:][^\n]{{0,40}}|[^。！？，,\n]{{2,60}}?[ \t\u3000]*(?:{MADE_BY}|承印)|"
                      r"本[\u4e00-\u9fff]{0,6}内容仅供参考[，,][^\n]{0,40}为准[。.]?(?:[（(][^（）()\n]{0,40}[）)])?)$")


def is_boilerplate(line: str) -> bool:
    """Editor and source credits, breadcrumbs, imprints and page furniture ("【打印本页】【关闭窗口】") that belong to no
    passage."""
    text = to_simplified(strip_markup(line))  # 責任編輯：陳靜 too
    if "](" in text:  # a page clipped to Markdown: its nav bar and breadcrumb as links
        if _LINKS_ROW.match(text):
            return True
        text = _MARKDOWN_LINK.sub(lambda link: link["text"], text)  # "[首页](…) › [互动交流](…) › 采纳情况反馈"
    return bool(_BOILERPLATE.match(text) or _IMPRINT.match(text.strip()) or _SOURCE.match(text)
                or _BREADCRUMB.match(text) or _LINK_BAR.match(text) or _PAGE_FURNITURE.match(text) or _TOPIC_TAG.match(line.strip())
                or _HASHTAGS.match(line.strip()) or _CARD_INDEX.match(text.strip()))


# a card's index printed at its top and foot (a bureau's deck of knowledge cards, 宣传扑克), run together across cards in
# a PDF's text layer ("黑桃A黑桃2", "红桃K小王")
_CARD_INDEX = re.compile(r"^(?:(?:黑桃|红桃|梅花|方块|方片|草花)(?:10|[2-9JQKA])|大王|小王)+$")


@dataclass(frozen=True, slots=True)
class Person:
    name: str | None
    bureau: str | None
    role: str | None


_CLAUSE_BREAK = re.compile(r"[，。；！？：:,;!?\s“”—…]")  # "——访" subtitles and "……" end a clause too
AFTER_ANOTHER = re.compile(r"(?<=[\u4e00-\u9fff])(?:和|与|及|以及|、)(?=[市区县](?![长委])|[\u4e00-\u9fff]{2}[市区县])|"
                            r"(?<=[长任记员授师])(?:和|与|及|以及)(?=[\u4e00-\u9fff])")  # "……范志鹏局长和湄汀体育学院……"
_VERB_OR_SUBTITLE = re.compile(rf"{_INTERVIEW_VERB.pattern}|——[ \t\u3000]*访")  # "——访云岭区委副书记、区长冯晓岚"
_SUBTITLE_VERB = re.compile(r"^(?:专访|采访|访问|访谈|访|对话)")


OWN_SECTION = re.compile(r"^[局委厅](?=[\u4e00-\u9fff]{2,})")  # "局渔政支队": a section of the 局 named before it


def find_interviewee(intro: str, known_name: str | None) -> Person:
    """The bureau, role and name from the sentences that introduce the interviewee.

    Every mention of the name is read ("——访澜州市住房和城乡建设局局长韩振宇" in a subtitle, "专访了……党组书记、局长韩振宇"
    in the intro): the fullest role wins (党组书记、局长 over 局长), and a bureau with its city over one without.
    """
    if known_name:
        found: list[tuple[str | None, str | None]] = []
        for match in re.finditer(re.escape(known_name), intro):
            before = _CLAUSE_BREAK.split(intro[: match.start()].rstrip(" \t\u3000"))[-1]
            before = _SUBTITLE_VERB.sub("", _INTERVIEW_VERB.split(before)[-1])
            before = LATER_PERSON.sub("", before)  # "以及长期研究养老服务政策的雁汀师范学院……教授"
            before = AFTER_ANOTHER.split(before)[-1]  # "……局长李振声和市财政局教科文处处长": after the first person
            before = re.sub(r"^[了到]", "", before)  # what "邀请" left of "邀请到了"
            bureau, role = split_org_role(before)
            if bureau and (named := org_mentions(bureau)) and named[-1][0] + len(named[-1][1]) == len(bureau):
                bureau = named[-1][1]  # "围绕老旧小区改造向市住房和城乡建设局": the unit, not the words before it
            if bureau and OWN_SECTION.match(bureau) and (units := [org for _, org in org_mentions(intro[:match.start()])
                                                                   if not OWN_SECTION.match(org)]):
                bureau, role = units[-1], bureau[1:] + (role or "")  # "……局副局长阮海澄，局渔政支队支队长鲍启帆": that 局's
            if not (bureau or role):
                after = re.match(r"(?:[，,（(]|[ \t\u3000]+)\s*(?P<desc>[^，。；）)\n]{2,60})", intro[match.end() :])
                if after:
                    bureau, role = split_org_role(after.group("desc"))
            if bureau or role:
                found.append((bureau, role))
        return _best_description(known_name, found)
    for verb in _VERB_OR_SUBTITLE.finditer(intro):
        rest = re.split(r"[，。；！？,;!?：:\n]", intro[verb.end() :])[0]  # 专访…局长何建明：让群众… (a headline)
        # "——访……局局长祁远舟、……局副局长沈若微": the first named of several
        match = next(filter(None, (re.search(rf"^(?P<desc>.*?{ROLE_UNIT})(?P<name>{_NAME})$", words)
                                   for words in (AFTER_ANOTHER.split(rest)[0], rest))), None)
        if match and re.search(rf"{ROLE}$", match.group("desc")):
            # found by the verb that introduces it; every mention of the name is then read for the fullest role
            return find_interviewee(intro, match.group("name"))
    return Person(None, None, None)


def _best_description(name: str, found: list[tuple[str | None, str | None]]) -> Person:
    """The fullest role of all mentions, and the first bureau that names its city (else the first bureau)."""
    roles = [role for _, role in found if role]
    role = max(roles, key=lambda r: (len(_ROLE_UNITS.findall(r)), len(r)), default=None)
    bureaus = [bureau for bureau, _ in found if bureau]
    bureau = next((b for b in bureaus if not is_unqualified(b)), bureaus[0] if bureaus else None)
    return Person(name, bureau, role)


def is_unqualified(bureau: str) -> bool:
    """"市农业农村局" (the city left out, as a speaker in that city says it) rather than "栖川市农业农村局"."""
    return bureau.startswith(("市", "省", "区", "县"))
