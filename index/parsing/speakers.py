"""Speaker labels that open a turn and what they say about the speaker.

Shapes: "记者：", "邢海文：", "【主持人】", "[主持人] …", "【嘉宾 周启航】", "[周局长]", "网友“清风徐来”：", "嘉宾 韩蕾：",
"市财政局副局长 何静怡：", "枫江日报记者：", "**问：**"; with a time before ("09:31:06 主持人", "10:05:12 [主持人] …",
"【10:00:08】 …") or after a bracket ("[主持人] 10:05:12 …"). A line that is only a time ("【10:00:08】", "10:05") is a
stamp: no words of anyone. Whether a label really is a speaker is decided per document (`accepted_labels`).
"""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

from index.parsing import english
from index.parsing.orgs import is_unit_name
from index.parsing.people import CACHED_READINGS, ROLE_UNIT, PersonDesc, is_person_name, parse_person, short_title
from index.text import to_simplified

MAX_OUTLET_LABEL_CHARS = 12  # a longer label is a sentence with a colon, not a speaker
_ROLE_ANY = re.compile(ROLE_UNIT)
_STAMP = r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
_OPEN, _CLOSE = r"【\[［〔〖", r"】\]］〕〗"
# a time alone on its line, with the day before it in a live page's feed ("06-12 10:24:40", "6月12日 10:24"; with the year it is a
# page's date of publication)
STAMP_LINE = re.compile(rf"^[{_OPEN}(（]?[ \t\u3000]*(?:(?:\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}月\d{{1,2}}日)[ \t\u3000]*)?{_STAMP}"
                        rf"[ \t\u3000]*[{_CLOSE})）]?(?:[ \t\u3000]*[（(][^（）()\n：:]{{1,30}}[）)])?$")  # "19:52　（连线中断约20秒）"
# a time before the words; not a range of hours ("14:30—17:30）", the end of an office's opening hours)
_LEAD_STAMP = re.compile(rf"^[{_OPEN}(（]?[ \t\u3000]*{_STAMP}(?![ \t\u3000]*[—–\-~～至到][ \t\u3000]*\d)[ \t\u3000]*"
                         rf"[{_CLOSE})）]?[ \t\u3000]*")
_TRAIL_STAMP = re.compile(rf"^{_STAMP}(?![\d:：])[ \t\u3000]*")
_TIMED_NAME = re.compile(r"^(?P<name>[^：:。，！？；\n]{1,40}?)[ \t\u3000]*(?:[：:][ \t\u3000]*|$)")
_BRACKET = re.compile(rf"^(?P<md>\*\*|__)?[{_OPEN}](?P<name>[^{_CLOSE}\n]{{1,40}})[{_CLOSE}](?P=md)?(?!\()"
                      r"[ \t\u3000]*[：:]?(?:\*\*|__)?[ \t\u3000]*")
_ADDRESS_FORMS = "先生|女士|阿姨|大爷|大妈|师傅|同学"
# what neighbours and villagers call one another after a surname: "许大叔", "麦阿婆", "郝姐"
_KIN_FORMS = "大哥|大姐|大叔|大伯|大娘|大婶|大嫂|阿婆|阿公|阿伯|奶奶|爷爷|婶|叔|嫂|姐|哥"
_CITIZEN = rf"[\u4e00-\u9fff]{{1,3}}(?:{_ADDRESS_FORMS})"  # 王先生, 陈阿姨: a caller as the host greets them
# a resident by their home, then who they are: "3栋李阿姨", "7栋501住户刘先生", "12栋2单元王师傅", "5栋楼栋长周建华"
# also by the flat's code, building-unit-door, and what was measured there: "3-2-501（17.2℃）鄢大爷", "6-302 老郜"
_HOUSEHOLD = re.compile(r"(?:\d{1,3}(?:栋|幢|号楼|座)(?:\d{1,2}单元)?(?:\d{3,4}室?)?|(?!\d{4}-)\d{1,3}(?:-\d{1,2})?-\d{3,4}"
                        r"(?:[（(][^（）()]{1,12}[）)])?[ \t\u3000]*)(?:住户|业主|居民代表|居民|楼栋长|楼长|单元长)?"
                        r"(?P<who>[\u4e00-\u9fff]{2,6})")
# a label that is only such a form, or one of what they do and a kinship word ("快递小哥阿杰", "张大姐")
_CITIZEN_LABEL = re.compile(rf"[\u4e00-\u9fff]{{1,4}}(?:{_ADDRESS_FORMS}|大娘|小哥|大姐|大叔|大哥|阿婆|奶奶|爷爷)"
                            r"(?:阿[\u4e00-\u9fff])?")
# 网友“清风”：, and 听众（电话）：, 网友（微信留言）: the channel in brackets; 市民 王先生（电话）：
# also 网友“塘边柳”（微信）, 听众 尾号3726（短信）: the channel after the nickname, a caller by the end of a number
_NICKNAME = re.compile(r"^(?P<md>\*\*|__)?(?P<name>(?:网友|网民|市民|听众)[ \t\u3000]*(?:(?:[“\"「『‘'][^”\"」』’'\n]{1,20}"
                       rf"[”\"」』’']|{_CITIZEN}|尾号\d{{2,4}})(?:[（(][^）)\n]{{1,12}}[）)])?|[（(][^）)\n]{{1,12}}[）)]))"
                       r"(?P=md)?[ \t\u3000]*(?:问|说|提问|留言)?[：:](?:\*\*|__)?[ \t\u3000]*")
_PLAIN = re.compile(r"^(?P<md>\*\*|__)?(?P<name>[^：:\n。，！？；,!?“”\"'()（）《》【】*]{1,30}?(?:(?:\*\*|__)(?=（))?"
                    r"(?:\([^()（）\n：:]{1,16}\)|（(?:追问|提问|再问|补充)）|（[^()（）\n：:。！？]{2,24}）|（\d{1,3}号[，,][^()（）\n：:。！？]{2,20}）|"
                    r"(?<=答\*\*)（[^()（）\n：:。！？]{2,40}）|"
                    r"（[^()（）\n：:。！？]{1,20}（[^()（）\n：:。！？]{1,6}）[^()（）\n：:。！？]{0,20}）)?"  # "（县（区）人防部门）"
                    r"(?:(?<=）)问)?)"  # "果果（8岁，……二年级）问：", the caption's word after who asks
                    r"[ \t\u3000]*"  # "许主任(市卫健委)", "X代表（追问）", "应询人 廖文博（市生态环境局局长）", "市民代表 钟雨桐（听障人士，手语提问）"
                    r"(?P=md)?[：:](?:\*\*|__)?[ \t\u3000]*")
_ASCII_LABEL = re.compile(r"^(?:Q|A|Q\d+|A\d+|Host|Reporter|Interviewer|Interviewee)$", re.I)
_ASKER = re.compile(r"记者|^主持|^诉求 |^问[一二三四五六七八九十\d]{0,3}$|^Q\d*$|^问题[一二三四五六七八九十\d]{1,3}$|提问|采访者|^Host$|^Reporter$|^Interviewer$",
                    re.I)
# and "作者" replying under a 公众号 article's comments: the account, the unit that publishes it; a 辟谣榜's "真相"
_ANSWERER = re.compile(r"^答\d*$|^A\d*$|^Interviewee$|^回答$|^答复$|^作者(?:回复)?$|^(?:真相|核实情况|核查情况|官方回应|(?:核查)?处理意见)$", re.I)
_OUTLET = re.compile(r"报(?:社|业|刊|网)?$|[日晚早周商导时]报|电视|广播|新闻|媒体|传媒|网$|台$|社$|壹点|客户端|杂志|频道|融媒|"
                     r"发布$")  # not "举报", "申报", "报名" inside words  # 青峪发布: a WeChat account
# Whom a speech addresses, not who speaks: "新闻界的各位朋友：大家上午好！", "女士们、先生们：", "尊敬的各位来宾："
# a deputy or a member addressed alone on a line: the one a reply is written to ("刘建平委员：", "王芳代表：")
_ADDRESSEE = re.compile(r"(?:委员|代表)$")
_SALUTATION = re.compile(r"各位|诸位|尊敬的|亲爱的|们$|^大家$")
_POINT_OPENING = re.compile(r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]{1,2}(?:是|点|条|项|，|、)|其[一二三四五六七八九十])")
_STAFF = re.compile(r"调查员|工作人员|窗口人员|客服|坐席|话务员|接线员|办事员|咨询员|讲解员")
# "种植户问", "也有人担心", "更多的人关心": who asks, by what they are, and the word for asking
_WHO_ASKS = re.compile(r"(?P<who>[\u4e00-\u9fff]{1,5}?(?:户|民|者|员|人|生|友|众|工|主|长|属|客|商|企|方))"
                       r"(?:问|担心|关心|疑惑|想知道)")
_ANNOUNCER = re.compile(r"[男女](?:声|播音员?|主播)?|播音员?")  # who reads a broadcast script's lines
_MASKED_NAME = re.compile(r"[\u4e00-\u9fff]某某?")  # a petitioner, a party, named with the given name masked
# a unit's part of a reply to a petition, under the unit's name and the part it plays
_UNIT_OPINION = re.compile(r"(?:(?:主办|协办|会办|配合)单位)?(?P<unit>\S{3,30}?)(?:核查处理意见|处理意见|核查情况|办理意见|答复意见|意见|回信)")
KNOWN_ROLES = re.compile(r"^(?:记者|问|答|答复|主持人|Q|A|Q\d+|A\d+|问[一二三四五六七八九十\d]{1,3}|答\d+|问题[一二三四五六七八九十\d]{1,3})$", re.I)
NOT_LABELS = re.compile(
    r"^(?:编者按|编者的话|编后|导语|摘要|原标题|标题|来源|稿源|责任编辑|编辑|校对|审核|整理|整理人|记录|记录人|供稿|作者|通讯员|"
    r"名[ \u3000]*称|地[ \u3000]*址|联系方式|政策依据|法律依据|法规依据|办理依据|摄影|图|文|文字|图片|排版|美编|时间|地点|"
    r"日期|注|附|备注|关键词|链接|网址|相关稿件|相关文章|相关报道|相关阅读|相关链接|相关新闻|电话|邮箱|地址|说明|提示|本期嘉宾|嘉宾|主题|访谈嘉宾|访谈主题|访谈时间|发布时间|"
    r"咨询电话|解读机关|发布机构|索引号|文号|特别说明|声明|附件|访谈简介|简介|内容简介|访谈介绍|栏目|栏目名称|节目|频道|"
    r"答复类型|办理结果|公开属性|公开方式|主题分类|联系单位|联系电话|联系人|抄送|抄报|访谈平台|直播平台|访谈方式|"
    r"[\u4e00-\u9fff]{0,8}(?:说明|提示|须知|公开|公告|通知|声明|告知)|第[\d一二三四五六七八九十〇零]{1,6}号|[\u4e00-\u9fff]{0,10}[讯訊]|来电[一二三四五六七八九十\d]{1,3}|第[一二三四五六七八九十\d]{1,3}个?(?:来电|电话)|第[一二三四五六七八九十\d]{1,3}步|步骤[一二三四五六七八九十\d]{1,3})$"
    # 【无障碍说明】, 【居务公开】, 温馨提示: a page's note or column tag; "第0217号：": a document's number;
    # 【本报讯】, 新华社讯: a news story's dateline; "来电一：……": a report's heading over a call
)
# bracketed words that head a section of the page, never a speaker
SECTION_WORDS = re.compile(
    r"^(?:现场提问|文字实录|访谈实录|图文实录|图文直播|图片直播|视频直播|视频回放|视频点播|访谈简介|访谈背景|访谈介绍|嘉宾简介|嘉宾介绍|"
    r"精彩观点|精彩回顾|访谈摘要|打印本页|关闭窗口|打印|关闭|字号.*|大\s*中\s*小|编者按|编者的话|导语|背景|背景资料|"
    r"相关链接|相关新闻|相关阅读|相关稿件|相关文章|相关报道|政策原文|政策解读|附件|访谈预告|互动交流|在线访谈|发布会实录|新闻发布会|答记者问|字体.*|"
    r"网友留言（?\d*）?|图片直播.*|(?:现场)?满意度测评|现场测评|测评结果|投票结果|长图|图片|组图|视频)$"
)
_TIME_IN_LABEL = re.compile(rf"^(?P<name>[^：:\n{_OPEN}。，！？]{{1,24}}?)[ \t\u3000]*[{_OPEN}(（]{_STAMP}[{_CLOSE})）]"
                            r"[ \t\u3000]*[：:][ \t\u3000]*")
_ROLE_ALONE = re.compile(r"(?:常务)?副?(?:局长|主任|厅长|处长|区长|县长|市长|书记|部长|院长|所长|站长|队长|行长)")
_DEPUTY = re.compile(r"^(?:(?P<before>[\u4e00-\u9fff·]{2,4}?)(?:代表|委员|常委)|[市省区县]?(?:人大代表|政协委员)[ \t\u3000]*"
                     r"(?P<after>[\u4e00-\u9fff·]{2,4}))(?:[（(](?:追问|提问|再问)[）)])?$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+")
# a comment thread's marks before a label: the comment's floor ("#37 网友“…”："), a reply's tree line ("└ 市水务局回复：")
_LIKES = re.compile(r"(?:👍|赞)[ \t\u3000]*\d+$")  # a comment's likes after its words
_REMINDER = re.compile(r"(?P<unit>(?!便民|友情|出行|安全)[\u4e00-\u9fff]{2,4}?)(?:提醒|温馨提示)")  # not a column: 【便民提醒】
# a unit named short answering ("边检答", "海关答", "口岸办答"), and one of its people named in brackets after it
_SHORT_UNIT_ANSWERS = re.compile(r"(?P<unit>[\u4e00-\u9fff]{2,3}?)答")
_ANSWERS_AS = re.compile(r"[\u4e00-\u9fff]{0,6}?答[ \t\u3000]*[（(](?P<who>[^（）()]{4,40})[）)]")
UNIT_SHORT = "单位答"
REMINDER = "提醒"  # the word of a "【消协提醒】" label: the unit it names short reminds
_CASE_FACTS = re.compile(r"案情简介|基本案情|案情回顾|案情介绍|案件经过|事件经过")
_EXPERT_ANSWERS = re.compile(r"(?:律师|专家|法官|医生|检察官)(?:答|说|解答|点评)")
ACCOUNT_REPLY = "作者"  # how a 公众号 marks its own replies under an article
GENERIC_ANSWERS = ("答", "A", "回答", "答复")  # label words that name no one
PUBLISHER = "〔发布单位〕"  # the synthetic label of the page's own words, answering a question it heads
_AUTHOR_REPLY = re.compile(r"(?:\*\*|__)?作者(?:回复)?(?:\*\*|__)?[ \t\u3000]*[：:][ \t\u3000]*")
# a thread's floor or reply mark; a Markdown list item opening with a bold name ("- **8栋王女士**：", "  - **作者**："),
# as a 公众号's 精选留言 are copied
_THREAD_MARK = re.compile(r"^(?:#\d{1,5}[ \t\u3000]+|[└├┗┣╰]─*[ \t\u3000]*|[ \t]*[-*+][ \t]+(?=(?:\*\*|__)[^*_：:\n]{1,20}(?:\*\*|__)[：:]))")
# "Q1 今年……？" / "A1 ……" (a 公众号's badges), "问 ……？" / "答 ……" (a slide's round badges): no colon, a space
_QA_BADGE = re.compile(r"^(?P<name>[QＱAＡ][0-9０-９]{0,2}|[问答])[ \t\u3000\xa0]+(?=[\u4e00-\u9fff“「《])")
_QA_WHO = re.compile(r"^(?:\*\*|__)?(?:[问答]|补充|采纳情况|办理情况|办理结果|回信|[\u4e00-\u9fff]{0,4}?(?:答复|回复)(?:意见)?)(?:\*\*|__)?[（(](?P<who>[^（）()\n：:]{1,30})[）)]"
                     r"(?:\*\*|__)?[ \t\u3000]*[：:](?:\*\*|__)?[ \t\u3000]*")  # "答（章局长）：", "**采纳情况（市公安局）：**", "窗口答复（…）："
_ROLE_FIRST = re.compile(r"^[（(]记者[）)][ \t\u3000]*(?P<name>[^：:\n。，！？()（）]{2,20}?)[ \t\u3000]*[：:][ \t\u3000]*")
_NUMBERED_QA = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．]|\d{1,2}(?=[ \t\u3000]))[ \t\u3000]*"
                          r"(?=(?:[\u4e00-\u9fff]{1,5})?[问答]$)")  # "一、问", "1. 答", "01 问", "1. 住户问"
# a 电视问政's 现场评议员 and the deputies who ask there (人大代表, 政协委员) ask too
# and at a 人大常委会 专题询问, the members who question (询问人, 追问 when they ask again)
ASK_WORDS = r"(?:主持人|主持|主播|主审人|网友|网民|记者|听众|观众|市民|村民|居民|家长|群众|消费者|评议员|人大代表|政协委员|询问人|追问|学员|读者|解说|报警人|求助人|来电人|抽查人|检查人|采访人|台青|台胞|台湾青年|台湾同胞|港青|澳青|港澳青年|考生)"
# a 点评嘉宾 (an expert asked for comment) answers what the host puts to them
ANSWER_WORDS = r"(?:访谈嘉宾|本期嘉宾|点评嘉宾|特邀嘉宾|嘉宾|点评专家|发布人|新闻发言人|发言人|答问人|解读人|受访人|受访者|应询人|答辩人)"
_ASK_WORD = re.compile(rf"^(?:现场)?(?P<word>{ASK_WORDS})(?:代表|提问|留言|关切|诉求|疑问|问|说|又问|再问)?(?:$|[ \t\u3000]+|(?=[“\"「『‘'（(@]|{_CITIZEN}|尾号))"
                       r"(?P<rest>.*)$")
_ANSWER_WORD = re.compile(rf"^(?P<word>{ANSWER_WORDS})(?:$|[ \t\u3000]+)(?P<rest>.*)$")
# who someone is at a hearing, before their name: its chair, a participant, a party's representative
_HEARING_ROLE = re.compile(r"^(?P<word>听证主持人|听证会主持人|听证参加人|参加人|陈述人|(?:定价)?申请人代表|定价机关代表|"
                           r"成本监审(?:人|机构)代表|听证机关代表|"
                           # a 行政复议 hearing: the applicant and their agent ask, the respondent's agent answers
                           r"申请人(?:委托)?代理人|申请人|第三人|被申请人(?:委托)?代理人)[ \t\u3000]+(?P<rest>\S.*)$")
# what the public said, answered below: "意见3：" in a 征求意见 report, "诉求内容：" in a window's digest, "问题描述："
OPINION = re.compile(r"意见[一二三四五六七八九十\d]{1,3}|(?:诉求|反映|咨询|留言|来信|提问|差评|评价|投诉|提案|建议)内容|问题描述|"
                      r"(?:反映|来访|诉求|咨询)(?:问题|事项)|传言|谣言|网传内容")  # and a rumour as it spread, checked below
_ROLE_ONLY = re.compile(r"^(?P<org>.*?)(?P<role>(?:有关|相关)?负责(?:同志|人))$")

Side = Literal["ask", "answer"]


@dataclass(frozen=True, slots=True)
class Label:
    """A speaker label at the start of a line: who speaks and where their words start in that line."""

    name: str
    content_offset: int  # in the line, after the label and its colon
    bracketed: bool = False
    timestamped: bool = False
    explicit_colon: bool = True
    synthetic: bool = False  # given by the parser to a question heading and its answer, not written in the text
    marked: bool = False  # its own 答 or 问 says it speaks ("刘振宇答：", "边检答：")


@dataclass(frozen=True, slots=True)
class LabelReading:
    """What a label says about its speaker: the side, the label word (主持人, 嘉宾, 网友, 记者, 发布人, 答…), the
    person it names or describes, a short title (周局长: ("周", "局长")), or the outlet of a reporter."""

    side: Side
    word: str | None = None
    person: PersonDesc | None = None
    title: tuple[str, str] | None = None
    outlet: str | None = None
    nickname: str | None = None


def opens_with_badge(line: str) -> bool:
    """A line that opens with a Q/A or 问/答 badge and a space, no colon ("问 ……？", "A1 ……")."""
    return bool(_QA_BADGE.match(line))


def is_stamp_line(line: str) -> bool:
    """A line that is only a time ("【10:00:08】", "[10:05:12]", "10:05")."""
    return bool(STAMP_LINE.match(line.strip()))


def find_label(line: str) -> Label | None:
    """The speaker label opening `line`, if the line has the shape of one (acceptance is decided per document)."""
    if head := _COMMENT_HEAD.fullmatch(line.strip()):  # "**嵕山小区　张女士**　2027-05-20 21:14" over a "> ……" comment
        reply = _REPLY_PART.fullmatch(head["who"])
        if reply and head["unit"] and is_unit_name(head["unit"]):
            return Label(head["unit"], len(line), synthetic=True)  # "**管理单位回复**（……管理处）": that unit replies
        if not reply and read_label(head["who"]).side == "ask" and read_label(head["who"]).nickname:
            return Label(re.sub(r"[ \t\u3000]+", " ", head["who"]), len(line))
    if is_stamp_line(line) or _NAME_THEN_STAMP.fullmatch(line.strip()):
        return None  # "主持人10:00:03" alone on its line: a bare speaker line (`bare_label`), not "主持人10" saying "00:03"
    if (item := _ITEM_BEFORE_TAG.match(line)) and (label := find_label(line[item.end():])) is not None \
            and label.bracketed and read_label(label.name).side == "ask":  # "4．【……小学　二年级家长】……"
        return replace(label, content_offset=label.content_offset + item.end())
    if (quote := _QUOTE_MARK.match(line)) and (label := find_label(line[quote.end():])) is not None \
            and read_label(label.name).side == "ask" and not label.synthetic:  # "> 前来咨询的村民赵大姐问：……"
        return replace(label, content_offset=label.content_offset + quote.end())
    if heading := _MARKDOWN_HEADING.match(line) or _THREAD_MARK.match(line):  # "## 问：……？", "#37 网友“…”："
        label = find_label(line[heading.end():])
        if label is None and heading.re is _THREAD_MARK and (reply := _AUTHOR_REPLY.match(line, heading.end())):
            return Label(ACCOUNT_REPLY, reply.end())  # "  - **作者**：……" under a comment: the account replies (a byline elsewhere)
        if label is not None and heading.re is _THREAD_MARK and _LIKES.search(line) and read_label(label.name).side != "ask":
            label = replace(label, name=f"网友 {label.name}")  # "- **岍湾苑老吴**：……　👍 7": a reader's comment asks
        return replace(label, content_offset=label.content_offset + heading.end()) if label else None
    if (emoji := _EMOJI_MARK.match(line)) and emoji.end() < len(line):  # "🛂 **边检答**：……": a post's icon, then the label
        label = find_label(line[emoji.end():])
        return replace(label, content_offset=label.content_offset + emoji.end()) if label else None
    if slip := _SLIP.match(line):  # "**📮 第1张纸条**（初二年级 · 匿名）" over the words it asks
        return Label(f"提问 {slip['slip']}", len(line), synthetic=True)
    if (bold := _BOLD_EMOJI.match(line)) and bold.end() < len(line):  # "**🙋 石桥村　老周**：", "**💬 柯科长**："
        label = find_label(bold["md"] + line[bold.end():])
        if label is None and (noted := _BOLD_THEN_NOTE.match(line, bold.end())):  # "**🙋 ……小骆同学**（举手提问）："
            label = Label(re.sub(r"[ \t\u3000]+", " ", noted["who"].strip()), noted.end() - bold.end() + len(bold["md"]))
        if label is None:
            return None
        label = replace(label, content_offset=label.content_offset + bold.end() - len(bold["md"]))
        if _RAISED_HAND in bold["icon"] and read_label(label.name).side != "ask":
            label = replace(label, name=f"群众 {label.name}")  # 🙋: who raises a hand asks
        return label
    if place := _PHOTO_PLACE.match(line):
        label = _label_at(place["who"] + line[place.end():])
        return replace(label, content_offset=label.content_offset + len(place["place"])) if label else None
    stamp = _LEAD_STAMP.match(line)
    if stamp and stamp.end() < len(line):
        rest = line[stamp.end():]
        label = _label_at(rest)
        if label is None and (match := _TIMED_NAME.match(rest)):  # "09:31:06 主持人", "09:41:12 溪宁日报记者"
            name = match.group("name").strip(" *_")
            if name and not NOT_LABELS.match(name) and _speaker_like(name):
                label = Label(name, match.end())
        if label is not None:
            return Label(label.name, stamp.end() + label.content_offset, label.bracketed, True, label.explicit_colon)
        return None
    if (item := _ITEM_THEN_ASKER.match(line)) and (label := _label_at(line[item.end():])) is not None \
            and label.synthetic and read_label(label.name).side == "ask":  # "1．问（新人　小唐）：": the item's number
        return replace(label, content_offset=item.end() + label.content_offset)
    if (home := _HOME_OR_CLASS_FIRST.match(line)) and (label := _label_at(line[home.end():])) is not None \
            and read_label(home["code"] + label.name).side == "ask":  # "3-2-501（17.2℃）鄢大爷：", "初一（2）班 杭小雨："
        return replace(label, name=home["code"] + label.name, content_offset=home.end() + label.content_offset)
    return _label_at(line)


_ITEM_THEN_ASKER = re.compile(r"^[ \t\u3000]*\d{1,2}[．.、][ \t\u3000]*(?=问[（(])")
# a pupil's class: "初一（2）班　杭小雨"
_CLASS = r"(?:初|高)[一二三](?:年级)?[（(]\d{1,2}[）)]班|[一二三四五六七八九]年级[（(]\d{1,2}[）)]班"
# before who asks: a flat's code (building-unit-door) and what was measured there, or a pupil's class
_HOME_OR_CLASS_FIRST = re.compile(r"^(?P<code>(?!\d{4}-)\d{1,3}(?:-\d{1,2})?-\d{3,4}(?:[（(][^（）()\n]{1,12}[）)])?|"
                         rf"{_CLASS})[ \t\u3000]*")
_PUPIL = re.compile(rf"(?:{_CLASS})[ \t\u3000]*(?P<name>[\u4e00-\u9fff]{{2,4}})")
# a post's icon ("🛂"), a photo caption's mark ("▲")
# an officer's number after the name ("甄立（CY0321）", "（警号：012345）"); the party an officer deals with; the part
# someone plays on a record, then their name ("执法队员　甄立", "协同人员　庄晓梅")
# a clause of the narration before the citizen it describes, then the caption's word: "前来咨询的村民赵大姐问"
_DESCRIBED_BY_CLAUSE = re.compile(r"[\u4e00-\u9fff]{2,10}的(?P<who>[\u4e00-\u9fff]{3,8})问")
# a passenger described by what they carry, with no word for asking: "拎着菜篮的周阿姨", "拖着行李箱的小谭"
_CARRYING = re.compile(r"[\u4e00-\u9fff]{0,4}?[拎拖抱背提推扛牵领带](?:着)?[\u4e00-\u9fff]{1,6}的(?P<who>[老小阿][\u4e00-\u9fff]|[\u4e00-\u9fff]{2,6})")
_SOMEONE_DESCRIBED = re.compile(r"[\u4e00-\u9fff]{1,8}的(?:一位|一名)?(?:中年|老年|年轻|年长)?(?:男子|女子|男士|女士|老人|"
                                r"老汉|大爷|大妈|大娘|阿姨|小伙子|小伙|姑娘|大哥|大姐)(?:\([^()]{1,16}\))?")
_GUIDE = re.compile(r"(?:联络员|引导员)(?:[ \t\u3000]+(?P<who>[\u4e00-\u9fff·]{2,4}))?")
_VESSEL_FIRST = re.compile(r"^[\u4e00-\u9fff]{1,4}\d{4,6}[ \t\u3000]+(?=\S)")  # a boat's registration number
_ID_AFTER_NAME = re.compile(r"[ \t\u3000]*[（(](?:[\u4e00-\u9fff]{2,5}[:：])?[A-Za-z]{0,4}\d{3,8}[）)]$")
# a foreign national, by name and then nationality in brackets, at a forum for foreign residents
FOREIGN_RESIDENT = "外籍人士"
_COUNTRY = (r"(?:[\u4e00-\u9fff]{1,4}国|日本|意大利|俄罗斯|西班牙|澳大利亚|新加坡|巴西|印度(?:尼西亚)?|越南|马来西亚|"
            r"加拿大|墨西哥|荷兰|瑞士|瑞典|挪威|波兰|埃及|南非|阿根廷|新西兰|葡萄牙|比利时|奥地利|芬兰|丹麦|菲律宾|"
            r"巴基斯坦|哈萨克斯坦|蒙古|老挝|柬埔寨|缅甸|土耳其|以色列|伊朗|尼日利亚|肯尼亚|智利|秘鲁|乌克兰|爱尔兰|希腊)")
_NATIONAL = re.compile(rf"^(?P<name>[A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff·.'’ \-]{{1,30}}?)[ \t\u3000]*[（(]{_COUNTRY}"
                       r"(?:籍)?[，,、；;][^（）()\n]{0,60}[）)][ \t\u3000]*[：:][ \t\u3000]*")
_LATIN_FOLLOW_UP = re.compile(r"^(?P<name>[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){1,3})[ \t]*[（(](?:追问|再问|补充提问)[）)]"
                              r"[ \t\u3000]*[：:][ \t\u3000]*")
_UNIT_THEN_TITLE = re.compile(r"(?P<unit>[\u4e00-\u9fff]{1,8}?(?:局|委|办|中心|医院|院|所|站|队))(?P<who>[\u4e00-\u9fff]{2,5})")
_DESCRIBED_ONLY = re.compile(r"[\u4e00-\u9fff]{2,16}[ \t\u3000]+[\u4e00-\u9fff]{0,8}(?:家长|居民|村民|业主|学生|乘客|游客|"
                            r"消费者|商户|职工)")
_BED = re.compile(r"(?:\d{1,3}|加)号?床(?:家属|患者|病人|病友|陪护)?(?:[（(][^（）()]{1,12}[）)])?")
_CARD = re.compile(r"举牌\d{1,3}号|\d{1,3}号举牌(?:人|者)?")
_PARTY = re.compile(r"(?:当事人|行政相对人)[ \t\u3000]+(?P<name>[\u4e00-\u9fff·]{1,4})|"
                    # a lawsuit's parties, by their part ("上诉人郑某某", "被上诉人的委托诉讼代理人邢某")
                    r"(?:(?:被)?上诉人|原告|被告|申请执行人|被执行人)(?:（[^（）]{1,8}）)?(?:的(?:委托诉讼)?代理人)?"
                    r"[ \t\u3000]*(?P<party>[\u4e00-\u9fff·]{1,4})")
_DUTY_THEN_NAME = re.compile(r"(?P<duty>[\u4e00-\u9fff]{2,6}(?:人员|队员))[ \t\u3000]+(?P<name>[\u4e00-\u9fff·]{2,4})")
# a comment's or a reply's head on a line of its own, then the time: "**嵕山小区　张女士**　2027-05-20 21:14",
# "**管理单位回复**（潏西区嵕山公园管理处）　2027-05-22 09:30"
_COMMENT_HEAD = re.compile(r"\*\*(?P<who>[^*\n]{2,24})\*\*(?:[（(](?P<unit>[^（）()\n]{2,30})[）)])?[ \t\u3000]+"
                           r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?")
_REPLY_PART = re.compile(r"[\u4e00-\u9fff]{0,6}(?:回复|答复)")
_EMOJI_MARK = re.compile(r"^[ \t\u3000]*(?:[\U0001F000-\U0001FAFF\u25B2\u25B3\u2600-\u27BF\u2B00-\u2BFF][\uFE0F\u200D]?)+[ \t\u3000]*")
# a label's icon inside its bold: "**🙋 石桥村　老周**：" (a raised hand: who asks), "**💬 柯科长**："
_ADDED_AFTER = re.compile(r"[ \t\u3000]*[（(](?:补充|追问|再问|续)[）)][ \t\u3000]*[：:][ \t\u3000]*")
_ITEM_BEFORE_TAG = re.compile(r"^[ \t\u3000]*\d{1,3}[．.、][ \t\u3000]*(?=【)")  # an item's number before its asker's tag
# an anonymous question, numbered, alone on its line over its words: a pupil's slip, a letter
_SLIP = re.compile(r"^[ \t\u3000]*(?:\*\*|__)?(?:[\U0001F000-\U0001FAFF\u2600-\u27BF][\uFE0F]?[ \t\u3000]*)?"
                   r"(?P<slip>第[一二三四五六七八九十\d]{1,3}(?:张|封|条)(?:纸条|来信|小纸条))(?:\*\*|__)?"
                   r"(?:[ \t\u3000]*[（(][^（）()\n]{0,24}[）)])?[ \t\u3000]*$")
_QUOTE_MARK = re.compile(r"^[ \t]*>[ \t]*")  # a Markdown quote: an asker's words quoted in the article
_BOLD_EMOJI = re.compile(r"^[ \t\u3000]*(?P<md>\*\*|__)(?P<icon>(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF][\uFE0F\u200D\u2640\u2642]*)+)"
                         r"[ \t\u3000]*")
_BOLD_THEN_NOTE = re.compile(r"(?P<who>[^*_\n：:]{2,30}?)(?:\*\*|__)[ \t\u3000]*[（(][^（）()\n]{1,12}[）)][ \t\u3000]*[：:][ \t\u3000]*")
_RAISED_HAND = "\U0001F64B"
# where a photo shows the speaker, after their name: "南关社区居民 李阿姨（左）问：", "……科长 孔维（右二）答："
_PHOTO_PLACE = re.compile(r"^(?P<who>[^：:\n（(]{2,30}?)(?P<place>[（(](?:左|右|中|前排|后排)[一二三四五六七八九]?[）)])"
                          r"(?=[问答]?[ \t\u3000]*[：:])")


# a tag of the side that speaks, before the speaker's own label ("**【群众问】** 村民 罗大哥：", "【干部答】 冼镇长：")
_ADDRESSED_ONE = rf"(?:[老小阿][\u4e00-\u9fff]|[\u4e00-\u9fff]{{1,3}}(?:{_ADDRESS_FORMS}|{_KIN_FORMS}))"
_DESCRIBED_ASKER = re.compile(r"[\u4e00-\u9fff]{2,10}(?:[ \t\u3000]+[\u4e00-\u9fff]{2,6})?[ \t\u3000]+"  # "沙屿村 渔民 许大叔"
                              rf"{_ADDRESSED_ONE}(?:[、和]{_ADDRESSED_ONE})?")  # "新人　周先生、林女士": a couple
_SIDE_TAG = re.compile(r"(?P<who>[\u4e00-\u9fff]{0,4}?)(?P<side>问|答|追问|再问|提问|主持|主持人|回应|答复|送单|点单)")
_ANSWER_SIDES = ("答", "回应", "答复", "送单")  # "【送单】钟启航：" in a 企业点单·人社送单 list


def _inner_label(rest: str, tag: re.Match[str]) -> Label | None:
    """The speaker's label after a side's tag: one that names someone (a person, a title, a unit, a citizen) is the
    label, on the tag's side (an asker's gets the tag's asking word: 村民 罗大哥 asks as 群众 does, 柑橘种植户 老蒲 too)."""
    inner = _PLAIN.match(rest)
    if inner is None or rest[inner.end():].strip() == "":
        return None
    name = inner.group("name").strip()
    name = unit_without_note(name) or name  # "市医疗保障局（会后书面答复）": the unit
    reading = read_label(name)
    described = tag["side"] not in _ANSWER_SIDES and _DESCRIBED_ASKER.fullmatch(name)  # "柑橘种植户 老蒲"
    if not (reading.person or reading.title or reading.nickname or reading.word or is_unit_name(name) or described):
        return None
    if tag["side"] in _ANSWER_SIDES:
        if reading.side == "ask" and reading.word == "代表" and reading.nickname:  # "【答复】聂清和代表：" answers
            return Label(reading.nickname, inner.end())
        return Label(name, inner.end()) if reading.side == "answer" else None
    word = "主持人" if tag["side"].startswith("主持") else "追问" if tag["side"] in ("追问", "再问") else "群众"
    return Label(name if reading.side == "ask" and reading.word else f"{word} {name}", inner.end())


# a headline after a column's tag: a title's marks (《》, a dash before its subtitle), no sentence's end
_HEADLINE = re.compile(r"(?=[^。！？!?；;\n]*(?:《|——))[^。！？!?；;：:\n]{8,60}")


def _says_who(name: str) -> bool:
    """A label that names someone (_names_someone), or a nickname or an outlet."""
    reading = read_label(name)
    return _names_someone(name) or bool(reading.nickname or reading.outlet)


# where a broadcast reaches who speaks (not an overlay's "【弹幕】", "【系统】", whose lines are no one's words)
_PLACE_TAG = re.compile(r"(?:演播室|演播厅|[\u4e00-\u9fff]{0,8}?(?:主会场|分会场)|会场|现场|前方|外景|电话|视频|网络|远程)(?:连线|采访|报道|访谈)?|连线|"
                        r"[\u4e00-\u9fff\d]{1,10}?站(?:上车|上船|登车)|驾驶座|驾驶位|"  # a ride-along: where each passenger got on
                        r"[\u4e00-\u9fff]{1,8}界")  # and a 政协 member's sector: "【民进界】邬静姝委员："


_QUOTED_NICK = re.compile(r"[“\"「](?P<nick>[^”\"」\n：:]{1,20})[”\"」][ \t\u3000]*[：:][ \t\u3000]*")
_COLUMN_TAG = re.compile(r"[\u4e00-\u9fff]{2,4}")
_NUMBERED_ITEM = re.compile(r"(?:意见|建议|留言|来信|诉求|问题|提问)[一二三四五六七八九十\d]{1,3}")
# a live stream's overlays: viewers' scrolling comments and the platform's notices ("【弹幕】昵称：……", "【系统】直播间人数
# 突破5000人"); the host reads out the comments that are asked
OVERLAY = re.compile(r"弹幕|系统|系统消息|系统提示|礼物|福袋|直播间公告")


def tags_no_one(label: Label) -> bool:
    """A bracketed tag that reads as no one ("【虚构示例】", "【现场提问】"): a note's or a section's, never a speaker's."""
    return label.bracketed and not label.synthetic and not _says_who(to_simplified(label.name))


def _placed_label(tag: str, rest: str) -> Label | None:
    """The label after a tag that says where (or how) a broadcast reaches its speaker, not who speaks: "【演播室】主持人
    温以宁：", "【现场采访】……副主任 窦明川：", "【电话连线】荀振邦：". The tag reads as no one; the label after it names
    someone (a person, a host or reporter, a unit)."""
    if not _NUMBERED_ITEM.fullmatch(tag) and (  # "【意见1】网民“梧桐巷的猫”（……）：": an item's number, then who
            not (_PLACE_TAG.fullmatch(tag) or _COLUMN_TAG.fullmatch(tag)) or _says_who(tag) or OVERLAY.fullmatch(tag)):
        return None  # and a column's tag before its answerer: "【交账】市住建局副局长　包文澜："
    if _NUMBERED_ITEM.fullmatch(tag):
        inner_label = find_label(rest)
        return inner_label if inner_label is not None and _says_who(inner_label.name) else None
    if quoted := _QUOTED_NICK.match(rest):  # "【聊天区】“橙子妈妈”：": someone by a screen name, asking
        return Label(f"网友“{quoted['nick']}”", quoted.end(), explicit_colon=True)
    inner = _PLAIN.match(rest)
    if inner is None or not inner.group(0).rstrip(" \t\u3000*_").endswith(("：", ":")):  # "……包文澜：**" in bold
        return None
    name = inner.group("name").strip()
    reading = read_label(name)
    if not (reading.person or reading.word or reading.nickname or reading.title or is_unit_name(name)):
        return None  # reading.title: "【电话连线】荀局长：", a surname and a title
    return Label(name, inner.end(), explicit_colon=True)


def _speaker_like(name: str) -> bool:
    """A timed line's words that name a speaker rather than start a sentence."""
    reading = read_label(name)
    return reading.word is not None or reading.person is not None or reading.title is not None or \
        reading.outlet is not None or bool(_ANSWERER.match(name))


# "**回应｜市发展和改革委员会副主任 陆嘉**", "诉求1｜蘅州精工机械有限公司 总经理 韩立新": a side's word and who, apart
# by a bar, alone on a line whose words follow below (a 政企面对面's record); who asks is "诉求 <who>"
_BAR_LABEL = re.compile(r"^(?P<md>\*\*|__)?(?P<word>诉求|提问|问题|问|回应|答复|回复|回答|答)[一二三四五六七八九十\d]{0,3}[ \t\u3000]*[｜|]"
                        r"[ \t\u3000]*(?P<who>[^｜|\n*]{2,60}?)[ \t\u3000]*(?P=md)?[ \t\u3000]*$")


# "点单1　汧溁瑞科电子有限公司　人力资源部经理　邵明雪" over a company's question (企业点单·部门送单): who asks
_SCHOOL_CLASS = re.compile(r"[一二三四五六七八九\d]年级|[（(]?\d{1,2}[）)]?班$|[一二三四五六七八九十\d]班$")
_UNIT_NOTE = re.compile(r"答复|回复|解答|书面|会后|补充")
_UNIT_NOTED = re.compile(r"(?P<unit>[^（(]{2,30})[（(](?P<note>[^（）()]{1,16})[）)]")


def unit_without_note(name: str) -> str | None:
    """The unit of a label that notes how it answered in brackets ("市医疗保障局（会后书面答复）"), else None."""
    noted = _UNIT_NOTED.fullmatch(name.strip())
    return noted["unit"] if noted and is_unit_name(noted["unit"]) and _UNIT_NOTE.search(noted["note"]) else None
_ENTRY_NUMBER = re.compile(r"(?:事项|工单|案例|来信|点单)[一二三四五六七八九十\d]{1,3}")
_ORDER_LINE = re.compile(r"^(?:点单|吹哨|诉求)[一二三四五六七八九十\d]{1,3}[ \t\u3000]+(?P<who>[^：:\n]{4,60}?)[ \t\u3000]*$")


def _label_at(line: str) -> Label | None:
    if (order := _ORDER_LINE.match(line)) and is_person_name(re.split(r"[ \t\u3000]+", order["who"].strip())[-1]):
        return Label("诉求 " + re.sub(r"[ \t\u3000]+", " ", order["who"].strip()), len(line), synthetic=True)
    if match := _BAR_LABEL.match(line):
        who = re.sub(r"[ \t\u3000]+", " ", match["who"].strip())
        asks = match["word"] in ("诉求", "提问", "问题", "问")
        return Label(f"诉求 {who}" if asks else who, len(line), synthetic=True)
    if match := _QA_BADGE.match(line):  # a badge, no colon
        inner = _label_at(line[match.end():]) if match["name"] == "答" else None
        if inner is not None and inner.explicit_colon and (reading := read_label(inner.name)).side == "answer" \
                and (reading.title or reading.person):  # "答 冉所长补充：……": the badge, then who adds
            return replace(inner, content_offset=inner.content_offset + match.end())
        return Label(unicodedata.normalize("NFKC", match["name"]), match.end())
    if match := _BRACKET.match(line):
        name = re.sub(r"\s+", " ", match.group("name").strip())
        rest = line[match.end():].strip()
        if re.fullmatch(ANSWER_WORDS, to_simplified(name)) and is_person_name(rest):  # "[嘉宾]陈文涛" alone on its line
            return Label(f"{name} {rest}", len(line), bracketed=True)
        named = re.match(r"(?P<person>[\u4e00-\u9fff·]{2,4})[ \t\u3000]*[：:][ \t\u3000]*", line[match.end():])
        if re.fullmatch(ANSWER_WORDS, to_simplified(name)) and named and is_person_name(named["person"]):
            return Label(f"{name} {named['person']}", match.end() + named.end(), bracketed=True)  # "[嘉宾]陈文涛：……"
        if SECTION_WORDS.match(name.replace(" ", "")) or STAMP_LINE.match(name) or not re.search(r"[\u4e00-\u9fff]", name) \
                or _ENTRY_NUMBER.fullmatch(name):  # "【事项1】编号：……": an entry's number, no one speaking
            return None
        if re.search(r"[：:|｜·]", name):  # 【字体：大 中 小】, 【来源：…】, 【民生热线·你问我答】: furniture, a column
            return None
        if NOT_LABELS.match(name):
            return None
        if (tag := _SIDE_TAG.fullmatch(name)) and (inner := _inner_label(line[match.end():], tag)) is not None:
            return Label(inner.name, match.end() + inner.content_offset, bracketed=True)
        if (placed := _placed_label(name, line[match.end():])) is not None:  # "【电话连线】荀振邦：": where, then who
            return replace(placed, content_offset=match.end() + placed.content_offset)
        if _HEADLINE.fullmatch(line[match.end():].strip()) and not _says_who(name):
            return None  # "【防汛特别直播】迎战“7·21”强降雨——《滍峄新闻》特别直播文字实录": a column's tag, then a headline
        end = match.end()
        if added := _ADDED_AFTER.match(line, end):  # "〔2号席〕（补充）：……": who adds, and the words after the colon
            return Label(name, added.end(), bracketed=True)
        if trail := _TRAIL_STAMP.match(line[end:]):  # "[主持人] 10:05:12 …"
            return Label(name, end + trail.end(), bracketed=True, timestamped=True)
        return Label(name, end, bracketed=True)
    if match := _TIME_IN_LABEL.match(line):  # "主持人 [10:02]：", "嘉宾 刘振宇 [10:03]：": the time before the colon
        label = _label_at(f"{match['name']}：")
        if label is not None:
            return Label(label.name, match.end(), label.bracketed, True)
    if match := _QA_WHO.match(line):  # "问（网友）：", "答（章局长）：": who asks or answers, in brackets (a speaker
        return Label(match["who"].strip(), match.end(), synthetic=True)  # by the page's own marking, however rare)
    if match := _ROLE_FIRST.match(line):  # "（记者）澄溪日报：": the outlet's reporter
        return Label(f"{match['name'].strip()}记者", match.end())
    if match := _NICKNAME.match(line):
        return Label(re.sub(r"\s+", "", match.group("name")), match.end())
    if (match := english.LABEL.match(line)) and english.label_side(match["name"]) is not None:
        return Label(match["name"], match.end())  # "Lu Qingyuan:", "Huancha Daily:", "Moderator:"
    if national := _NATIONAL.match(line) or _LATIN_FOLLOW_UP.match(line):  # "Daniel Weber（德国，……）：", "（追问）："
        return Label(f"{FOREIGN_RESIDENT} {national['name'].strip()}", national.end())
    if match := _PLAIN.match(line):
        name = _NUMBERED_QA.sub("", re.sub(r"(?:\*\*|__)(?=（)", "", match.group("name").strip()))  # "一、问：", "1. 答："
        if not name or NOT_LABELS.match(name) or re.fullmatch(r"[\d\s.:]+", name) or "http" in name.lower():
            return None
        if _POINT_OPENING.match(name):  # "三是门诊慢特病待遇：……": a point of an answer, no speaker
            return None
        marked = False
        if name[-1] in "答问" and (is_person_name(name[:-1]) or short_title(name[:-1])) \
                and not (name[-1] == "答" and read_label(name[:-1]).side == "ask"):  # "刘振宇答：", "宋科长答："
            name, marked = name[:-1], True  # (not "阮阿姨答", whom children call so: her 答 says she answers)
        elif name == "答" and (inner := _inner_label(line[match.end():], _SIDE_TAG.fullmatch(name))) is not None:  # type: ignore[arg-type]
            return Label(inner.name, match.end() + inner.content_offset, marked=True)  # "答：市商务局……局长 乔振东：……"
        elif name[-1] == "答" and len(name) > 3 and (role := read_label(name[:-1])).side == "answer" and role.person \
                and not role.person.name:
            name, marked = name[:-1], True  # "市住建局有关负责人答：": the role answers
        elif name[-1] == "答" and _STAFF.fullmatch(name[:-1]):  # "调查员答：": whoever serves answers for the page's unit
            name = "答"
        elif name.endswith("补充") and (is_person_name(name[:-2]) or short_title(name[:-2])):  # "宋科长补充：" adds
            name = name[:-2]
        if re.search(r"\d{1,4}\s*[年月日]\s*\d", name):  # "2024年9月12日 15:00": a date and time, not a speaker
            return None
        if _SALUTATION.search(name):
            return None
        if re.search(r"你们|您们", name) or name.endswith("了"):  # "你们的建议我们采纳了：": a sentence's clause
            return None
        if _ADDRESSEE.search(name) and not line[match.end():].strip():  # "刘建平委员：" heading a reply to a proposal
            return None
        if _MASKED_NAME.fullmatch(name) and not line[match.end():].strip():  # "王某某：" heading a reply to a petition
            return None
        if (opinion := _UNIT_OPINION.fullmatch(name)) and is_unit_name(opinion["unit"]):
            # "峮山区城市管理局核查处理意见：", "会办单位……局意见：": that unit answers, by the page's own marking
            return Label(opinion["unit"], match.end(), synthetic=True)
        ascii_name = unicodedata.normalize("NFKC", name)  # Ｑ is Q
        if re.fullmatch(r"[A-Za-z0-9 ]+", ascii_name) and not _ASCII_LABEL.match(ascii_name):
            return None
        if re.search(r"[:/\\=<>]", name):
            return None
        if re.search(r"[|｜]", name):  # "民生直通车·网络直播｜走进市水务局：今夏……": a headline's parts, not a speaker
            return None
        if re.fullmatch(r"(?:\d{4}-)?\d{1,2}-\d{1,2}[ \t\u3000]+\d{1,2}", name):  # "07-10 10:12": a time
            return None
        return Label(name, match.end(), marked=marked)
    return None


# someone from the public described before their name: a pupil, a volunteer, a parent, a resident, a passenger
_CITIZEN_DESCRIBED = re.compile(r"(?P<desc>[\u4e00-\u9fff\d]{0,16}?(?:学生|志愿者|家长|居民|业主|游客|乘客|消费者|职工|退休职工|"
                                r"老人|(?:市民|居民|群众|企业|村民|职工|家长|学生|商户|旁听|列席|听众|观众)代表|商户|个体户|"
                                # who works for themselves or a firm, asking at a consultation: "宠物店经营者 欧阳倩",
                                # "快递员 小罗", "执业律师 卓一凡（……律师事务所）" (a lawyer who answers is a field's: 答复律师)
                                r"经营者|经营户|店主|摊主|摊贩|老板|快递员|外卖员|骑手|司机|驾驶员|从业者|个体工商户|种植户|养殖户|执业律师|"
                                # who farms or deals in what farms grow: "种粮大户 隗长庚", "家庭农场主 兰秀英", "粮食经纪人 尤宝林"
                                r"大户|农场主|农户|农民|经纪人|渔民|船老大|船员|渔嫂|"
                                # whose family they are: "周子航母亲 刘桂琴", "邻居 石大婶"
                                r"母亲|父亲|爷爷|奶奶|外公|外婆|妻子|丈夫|爱人|家属|亲属|邻居|"
                                # whom a service helps: "受助人员 老万"
                                r"受助人员|受助人|求助人员|救助对象|服务对象|退休教师|退休干部|退休人员|退休工人))[ \t\u3000]+(?P<name>[\u4e00-\u9fff]{1,4}"
                                r"(?:先生|女士|阿姨|大爷|大妈|同学|师傅)?)")


_DESCRIBED_OFFICIAL = re.compile(r"(?:局|委|办|政府|中心|大队|支队|站|所|科|股)[ \t\u3000]|(?:长|书记|主任|"
                                 r"(?<!驾驶)(?<!快递)(?<!外卖)(?<!乘务)(?<!售票)员)[ \t\u3000]")  # not a driver's 员


_AGED = re.compile(r"\d{1,2}岁(?:[，,、]|$)")
_CODED_EXPERT = re.compile(r"(?:论证|评审|评估)?专家[甲乙丙丁戊己庚辛壬癸A-Za-zＡ-Ｚ]")
_NUMBERED_ASKER = re.compile(r"(?:问题|提问|问)[一二三四五六七八九十\d]{1,3}(?:[ \t\u3000]+(?P<who>[^ \t\u3000].{1,30})|"
                             r"[（(](?P<bracketed>[^（）()]{2,30})[）)])")  # "问题1（惠通证券固定收益部）": who asks, in brackets
_FOLLOW_UP = re.compile(r"追问|再问|又问|补问|接着问|继续追问")
# who asks, by what they are and a letter or number standing for their name ("志愿者A（……）", "家属B", "市民甲"), or a
# number they were registered under ("集资参与人（登记号G-0235）"); never a post (负责人, 发言人, 工作人员)
_CODED_ASKER = re.compile(r"(?P<who>[\u4e00-\u9fff]{1,6}?(?:者|属|民|众|友|生|户|客|(?<!负责)(?<!发言)(?<!主持)(?<!经办)"
                          r"(?<!代理)(?<!联系)(?<!责任)(?<!审核)(?<!讲解)(?<!评审)(?<!证)人))"
                          r"(?P<code>[A-ZＡ-Ｚ甲乙丙丁戊己庚辛壬癸]|\d{1,3}号?)?(?:[（(](?P<note>[^（）()]{1,40})[）)])?")
_REGISTERED = re.compile(r"(?:登记|编|号码|证)号|序号")


@lru_cache(maxsize=CACHED_READINGS)
def read_label(name: str) -> LabelReading:
    """Who a label names and which side they are on (see LabelReading)."""
    text = to_simplified(unicodedata.normalize("NFKC", name)).strip(" *_\u3000")
    if _CODED_EXPERT.fullmatch(text):  # "专家甲": an expert a 论证会's minutes do not name, putting questions to the units
        return LabelReading("ask", "评审专家", nickname=text)
    if (coded := _CODED_ASKER.fullmatch(text)) and coded["who"] not in ("记者", "主持人") \
            and (coded["code"] or coded["note"] and _REGISTERED.search(coded["note"])):  # "志愿者A", "市民甲", "集资参与人"
        word = coded["who"] if re.fullmatch(ASK_WORDS, coded["who"]) else "群众"
        return LabelReading("ask", word, nickname=coded["who"] + (coded["code"] or ""))
    if numbered := _NUMBERED_ASKER.fullmatch(text):  # "问题1　第二组（物业服务企业）": the question's number, then who asks
        return LabelReading("ask", "群众", nickname=(numbered["who"] or numbered["bracketed"]).strip())
    if (bracketed := re.fullmatch(r"(?P<who>[^()]{1,12})\((?P<what>[^()]{1,16})\)", text)) and \
            (short_title(bracketed["who"]) or re.fullmatch(ASK_WORDS, bracketed["who"])):
        text = bracketed["who"]  # "许主任(市卫健委)": the title says who; "主持人(苏晴)": the host
    elif bracketed and _AGED.match(bracketed["what"]) and re.fullmatch(r"[\u4e00-\u9fff]{1,4}", bracketed["who"]):
        return LabelReading("ask", "市民", nickname=bracketed["who"])  # "果果（8岁，……二年级）": a child by pet name
    elif bracketed and _SCHOOL_CLASS.search(bracketed["what"]) and is_person_name(bracketed["who"]):
        return LabelReading("ask", "市民", nickname=bracketed["who"])  # "王子涵（崄山路小学四年级二班）": a pupil writes in
    elif bracketed and _FOLLOW_UP.fullmatch(bracketed["what"]) and is_person_name(bracketed["who"]):
        return LabelReading("ask", "市民", nickname=bracketed["who"])  # "林沛妤（追问）": who asked before asks again
    elif bracketed and (unit := unit_without_note(text)):
        text = unit  # "市医疗保障局(会后书面答复)": the unit, with a note on how it answered
    elif bracketed and (_DESCRIBED_ASKER.fullmatch(bracketed["who"]) and not _DESCRIBED_OFFICIAL.search(bracketed["who"])
                        or _CITIZEN_DESCRIBED.fullmatch(bracketed["who"])):
        text = bracketed["who"]  # "读者来信 张先生(峁南区南关小区)": a citizen described, where they live in brackets
    if (vessel := _VESSEL_FIRST.match(text)) and (aboard := read_label(text[vessel.end():])).side == "ask":
        return aboard  # "潕渔60218 船老大 蒋海生": a fishing boat's number, then who on it asks
    if (coded := _ID_AFTER_NAME.search(text)) and coded.start() > 0:
        text = text[:coded.start()]  # "执法队员　甄立（CY0321）": the officer's number is no part of who speaks
    if text.endswith(("补充", "补充说明")) and len(text) > 4 and (adds := read_label(re.sub(r"补充(?:说明)?$", "", text))).title:
        return adds  # "邝主任补充": who adds to the answer before
    if (unit_title := _UNIT_THEN_TITLE.fullmatch(text)) and (titled := short_title(unit_title["who"])):
        return LabelReading("answer", title=titled)  # "医保局颜科长": the unit named short, then the surname and title
    if text.startswith(f"{FOREIGN_RESIDENT} "):  # a foreign resident asks
        return LabelReading("ask", "市民", nickname=text.removeprefix(f"{FOREIGN_RESIDENT} "))
    if _DESCRIBED_ONLY.fullmatch(text) and not _DESCRIBED_OFFICIAL.search(text):
        return LabelReading("ask", "市民", nickname=text)  # "澉嵬市实验小学 二年级家长": who asks, described, not named
    if (parent := re.fullmatch(r"(?P<child>[\u4e00-\u9fff·]{2,4})的(?:爸爸|妈妈|父亲|母亲|爷爷|奶奶|姥姥|姥爷|外公|外婆|家长|家属)",
                               text)) and is_person_name(parent["child"]):
        return LabelReading("ask", "市民", nickname=text)  # "何一诺的爸爸": a child's parent asks
    if (oneself := re.fullmatch(r"(?P<name>[\u4e00-\u9fff·]{2,4})本人", text)) and is_person_name(oneself["name"]):
        return LabelReading("ask", "市民", nickname=oneself["name"])  # "韩雨桐本人": the one the visit is for asks
    if _SOMEONE_DESCRIBED.fullmatch(text):  # "桥洞下的中年男子（自称姓孟）": someone met, described, asks
        return LabelReading("ask", "市民", nickname=text)
    if guide := _GUIDE.fullmatch(text):  # "联络员 甘小棠": who moves a visit's group on from place to place, hosting it
        return LabelReading("ask", "主持人", parse_person(guide["who"]) if guide["who"] else None)
    if pupil := _PUPIL.fullmatch(text):  # "初一（2）班　杭小雨": a pupil by their class
        return LabelReading("ask", "市民", nickname=pupil["name"])
    if _BED.fullmatch(text):  # "12床家属（刘女士）": a patient or their family, by the bed, on a ward round
        return LabelReading("ask", "市民", nickname=text)
    if _CARD.fullmatch(text):  # "举牌17号": who holds up a numbered card to ask, at a briefing
        return LabelReading("ask", "市民", nickname=text)
    if party := _PARTY.fullmatch(text):  # "当事人　刘某": the party an officer deals with, asking
        return LabelReading("ask", "市民", nickname=party["name"] or party["party"])
    if (duty := _DUTY_THEN_NAME.fullmatch(text)) and is_person_name(duty["name"]):
        return LabelReading("answer", person=PersonDesc(duty["name"], None, None))  # "协同人员　庄晓梅": who, by name
    if text.endswith("问") and len(text) > 3 and (asker := read_label(text[:-1])).side == "ask" and asker.nickname:
        return asker  # "居民 王师傅问": the citizen asks, in the caption's own word
    if (carrying := _CARRYING.fullmatch(text)) and (re.fullmatch(r"[老小阿][\u4e00-\u9fff]", carrying["who"]) or (
            (asker := read_label(carrying["who"])).side == "ask" and asker.nickname)):
        return LabelReading("ask", "市民", nickname=carrying["who"])  # "拖着行李箱的小谭": a passenger, asking
    if (described := _DESCRIBED_BY_CLAUSE.fullmatch(text)) and (asker := read_label(described["who"])).side == "ask" \
            and asker.nickname:
        return asker  # "前来咨询的村民赵大姐问": the narration's clause before the citizen, who asks
    if re.search(r"[ \t\u3000][\u4e00-\u9fff·]{2,4}答$", text) and (answerer := read_label(text[:-1])).person \
            and answerer.person.name and (answerer.person.org or answerer.person.role):
        return answerer  # "……科科长 孔维答": the official described, then the caption's word
    if text.startswith("@") and len(text) > 1:  # "@晴天小猪2020": an account posting on a 微访谈 (a guest's is renamed)
        return LabelReading("ask", "网友", nickname=text[1:])
    if text.endswith("答") and _ROLE_ALONE.fullmatch(text[:-1]):  # "【局长答】": the 局长 answers
        text = text[:-1]
    elif text.endswith("回信") and _ROLE_ALONE.fullmatch(text[:-2]):  # "局长回信": the 局长 writes back
        text = text[:-2]
    if _EXPERT_ANSWERS.fullmatch(text):  # "【律师答】": the case's 答疑律师, named above it (line_labels)
        return LabelReading("answer", word=text)
    if (told := _ANSWERS_AS.fullmatch(text)) and (person := parse_person(told["who"])) is not None and person.name:
        return LabelReading("answer", person=person)  # "机场答（……旅客服务中心值班经理　钱书言）": the person says
    if (short := _SHORT_UNIT_ANSWERS.fullmatch(text)) and not short_title(short["unit"]) \
            and not is_person_name(short["unit"]) and not re.fullmatch(ASK_WORDS, short["unit"]):
        return LabelReading("answer", UNIT_SHORT, PersonDesc(None, short["unit"], None))  # "边检答": the unit named short
    if reminder := _REMINDER.fullmatch(text):  # "【消协提醒】": the unit named short, reminding
        return LabelReading("answer", REMINDER, PersonDesc(None, reminder["unit"], None))
    if _CASE_FACTS.fullmatch(text):  # "【案情简介】": what happened, told before the case's question
        return LabelReading("ask", "案情")
    if citizen := _CITIZEN_DESCRIBED.fullmatch(text):  # "社区志愿者 彭女士", "芪南区实验小学五年级学生 葛小宇"
        return LabelReading("ask", "市民", nickname=citizen["name"])
    if _DESCRIBED_ASKER.fullmatch(text) and not _DESCRIBED_OFFICIAL.search(text) and not text.startswith(("主持", "主播")):  # "垂钓市民 张师傅", "柳湾村村民 老韩"
        return LabelReading("ask", "市民", nickname=re.split(r"[ \t\u3000]+", text)[-1])
    if deputy := _DEPUTY.match(text):  # "钟秀梅代表（追问）", "市人大代表 钟秀梅": a deputy asks at a 代表问政
        if is_person_name(deputy["before"] or deputy["after"] or ""):
            return LabelReading("ask", "代表", nickname=deputy["before"] or deputy["after"])
    if _ANNOUNCER.fullmatch(text):  # "男：", "女：": a broadcast's two announcers, who put the questions
        return LabelReading("ask", "主持人")
    if _ANSWERER.match(text) or text == PUBLISHER:
        return LabelReading("answer", word=text)
    if match := _ASK_WORD.match(text):
        rest = match["rest"].strip()
        nick = rest.strip("“”\"「」『』‘’'") or None
        if match["word"] in ("主持人", "主持", "主播"):
            return LabelReading("ask", "主持人", parse_person(rest) if rest else None)
        if match["word"] == "记者":
            return LabelReading("ask", "记者", parse_person(rest) if rest else None)
        return LabelReading("ask", match["word"], nickname=nick)
    if OPINION.fullmatch(text):
        return LabelReading("ask", "网友")
    if (asks := _WHO_ASKS.fullmatch(text)) and not short_title(asks["who"]) and not is_person_name(asks["who"]):
        return LabelReading("ask", "群众", nickname=asks["who"])  # "种植户问", "家长问": who asks, by what they are
    if hearing := _HEARING_ROLE.match(text):  # "听证主持人　方振国", "参加人　许婉清（1号，消费者代表）", "定价机关代表　邓楠"
        word, rest = hearing["word"], hearing["rest"].strip()
        if word.endswith("主持人"):
            return LabelReading("ask", "主持人", parse_person(rest))
        if word.endswith("代表") or word.startswith("被申请人"):  # a party's representative: the applicant, the pricing
            # authority, the auditor; the unit whose decision a 行政复议 reviews
            return LabelReading("answer", word, parse_person(rest) or PersonDesc(rest, None, None))
        return LabelReading("ask", "市民", nickname=re.split(r"[（(]", rest)[0].strip())
    if match := _ANSWER_WORD.match(text):
        rest = match["rest"].strip()
        title = short_title(rest) if rest else None
        return LabelReading("answer", match["word"], parse_person(rest) if rest and title is None else None, title)
    if "记者" in text or _ASKER.search(text):
        outlet = text.split("记者")[0].strip() or None if "记者" in text else None
        return LabelReading("ask", "记者" if "记者" in text else text, outlet=outlet)
    if title := short_title(text):
        return LabelReading("answer", title=title)
    if (unit_title := re.fullmatch(r"(?P<unit>\S{2,16}?(?:局|委|办|厅|中心))[ \t\u3000]+(?P<who>\S{2,6})", text)) and \
            (title := short_title(unit_title["who"])):  # "城管局 梁局长": the unit said short, then surname and title
        return LabelReading("answer", person=PersonDesc(None, unit_title["unit"], None), title=title)
    if match := _ROLE_ONLY.match(text):
        org = match["org"].strip() or None
        return LabelReading("answer", "负责人", PersonDesc(None, org, match["role"]))
    if english.is_english(text) and (side := english.label_side(text)) is not None:
        return _english_reading(text, side)
    if _CITIZEN_LABEL.fullmatch(text) or re.fullmatch(rf"[\u4e00-\u9fff](?:{_KIN_FORMS})", text):  # "王阿姨", "郝姐",
        # "快递小哥阿杰": a citizen as people call them, who asks
        return LabelReading("ask", "市民", nickname=text)
    if (home := _HOUSEHOLD.fullmatch(text)) and (is_person_name(home["who"]) or _CITIZEN_LABEL.fullmatch(home["who"])
                                                 or re.fullmatch(r"[老小阿][\u4e00-\u9fff]", home["who"])):
        return LabelReading("ask", "市民", nickname=home["who"])  # the digits are an address, never a time
    person = parse_person(text)
    if person is not None:
        if person.role in ("主持人", "节目主持人"):
            return LabelReading("ask", "主持人", person)
        if person.role and "记者" in person.role:
            return LabelReading("ask", "记者", person, outlet=person.org)
        if person.org and not person.role and is_outlet(person.org):  # "潩岯日报 周宁": the paper's reporter asks
            return LabelReading("ask", "记者", person, outlet=person.org)
        return LabelReading("answer", person=person)
    if is_outlet(text):
        return LabelReading("ask", outlet=text)
    return LabelReading("answer")


def _english_reading(name: str, side: str) -> LabelReading:
    """An English label: the host, an outlet or a reporter asking, a person (by the name in pinyin) answering."""
    if side == "host":
        return LabelReading("ask", "主持人")
    if english.is_outlet(name):
        return LabelReading("ask", outlet=name)
    if side == "ask":
        return LabelReading("ask", "记者")
    if english.is_pinyin_name(name):
        return LabelReading("answer", person=PersonDesc(name, None, None))
    if (surname := english.surname_of(name)) is not None:  # "Mr. Lu": the one listed with that surname
        return LabelReading("answer", title=(surname + " ", ""))
    return LabelReading("answer", "答")


def is_outlet(name: str) -> bool:
    """A label that names a newspaper, a station or a site ("澄溪日报", "澄溪广播电视台"): a reporter of it asks."""
    name = to_simplified(name.strip())
    if english.is_english(name):
        return english.is_outlet(name)
    return len(name) <= MAX_OUTLET_LABEL_CHARS and bool(_OUTLET.search(name)) and not _ROLE_ANY.search(name)


def _names_someone(name: str) -> bool:
    """A label that names a person, a title, a role or a unit ("张三", "周局长", "负责人", "洮淇市市场监督管理局"), not
    a phrase before a colon ("出席今天发布会的有：")."""
    reading = read_label(name)
    return reading.person is not None or reading.title is not None or reading.word is not None or is_unit_name(name)


def is_asker(name: str, interviewee: str | None = None) -> bool:
    """Whether a label belongs to the side that asks (reporter, host, netizen, outlet) rather than the one that
    answers."""
    if interviewee and interviewee in name and not _ASK_WORD.match(to_simplified(name)):
        return False
    return read_label(name).side == "ask"


MIN_UNIT_LABEL_CHARS = 6  # a unit named in full (with its city), not "市政府"


def accepted_labels(candidates: list[Label], intro_text: str) -> set[str]:
    """Names that really are speakers: label words, bracketed or timed labels, outlets, people and titles, repeated
    ones, names in the intro."""
    counts: dict[str, int] = {}
    for label in candidates:
        counts[label.name] = counts.get(label.name, 0) + 1
    intro_text += "\n" + re.sub(r"[ \t\u3000]*\n[ \t\u3000]*", "", intro_text)  # a name the text wraps across two lines
    accepted = set()
    for label in candidates:
        name = to_simplified(label.name)
        reading = read_label(name)
        named = reading.person.name if reading.person else None
        says_who = reading.word or reading.person or reading.title or reading.outlet or reading.nickname
        unit_in_brackets = label.bracketed and is_unit_name(name)  # 【……市市场监督管理局】 speaking as itself
        if label.bracketed and not says_who and not label.synthetic and not unit_in_brackets:
            continue  # 【参会代表】, 【建议题目】, 【1号链接】: a section's heading or a card's tag, no speaker
        if (
            label.bracketed
            or label.timestamped
            or label.marked
            or KNOWN_ROLES.match(unicodedata.normalize("NFKC", name))
            or _ASCII_LABEL.match(unicodedata.normalize("NFKC", name))
            or reading.word is not None
            or reading.title is not None
            or (named is not None and (reading.person.org or reading.person.role or named in intro_text))
            or counts[label.name] >= 2
            or is_outlet(name)
            or (len(name) >= MIN_UNIT_LABEL_CHARS and is_unit_name(name))  # "国家税务总局溇峘市税务局：" replying once
            or (len(label.name) >= 2 and label.name in intro_text)
        ):
            accepted.add(label.name)
    # A name alone is a speaker whom a label named in full before ("峁南区医疗保障局副局长 褚建新：" … "褚建新：").
    described = {reading.person.name for label in candidates if label.name in accepted
                 and (reading := read_label(to_simplified(label.name))).person and reading.person.name}
    accepted.update(label.name for label in candidates if to_simplified(label.name) in described)
    # A name that answers right after an accepted asker is a speaker too (a one-question interview: 记者：… 张三：…).
    for previous, label in zip(candidates, candidates[1:]):
        if previous.name in accepted and is_asker(previous.name) and not is_asker(label.name) \
                and (len(label.name) <= MAX_OUTLET_LABEL_CHARS or is_unit_name(label.name)) and _names_someone(label.name):
            accepted.add(label.name)
    return accepted


# "卢海平", "嘉宾 周启航", and with the unit and title after it in brackets: "郑立群（市教育局党组书记、局长）"
_BARE = re.compile(r"^(?:\*\*|__)?(?P<name>[\u4e00-\u9fff·][\u4e00-\u9fff· \t\u3000]{1,20}?(?:[ \t\u3000][\u4e00-\u9fff、]{2,24}?)?(?:[“\"][^”\"\n]{1,20}[”\"])?)"
                   r"(?:\*\*|__)?(?:[（(][^（）()\n]{1,30}[）)])?(?:\*\*|__)?$")  # "网友“夜归人”", "**学员 温秀芝**（……）" too


def without_trailing_stamp(line: str) -> str:
    """A speaker line without the time after the name ("严局长 10:01:40" -> "严局长")."""
    return _STAMP_AFTER_NAME.sub("", line.strip())


def bare_label(line: str) -> Label | None:
    """A line that is only a speaker, with no colon ("主持人", "临渚日报记者", "卢海平", "嘉宾 周启航"), as transcripts
    in .docx write bold speaker lines; whether the document really uses such lines is decided by the parser."""
    match = _BARE.match(without_trailing_stamp(line))  # "主持人10:00:03", "严局长 10:01:40"
    if match is None:
        return None
    name = re.sub(r"\s+", " ", match["name"].strip())
    if SECTION_WORDS.match(name.replace(" ", "")) or NOT_LABELS.match(name):
        return None
    reading = read_label(name)
    named = reading.person is not None and reading.person.name is not None
    if reading.word in (None, "问", "答") and not named and reading.title is None and reading.outlet is None:
        return None
    return Label(name, len(line))


_STAMP_AFTER_NAME = re.compile(rf"(?<=[^\d\s:：])[ \t\u3000]*[{_OPEN}(（]?{_STAMP}[{_CLOSE})）]?$")
_NAME_THEN_STAMP = re.compile(rf"[^\d\s:：，。！？]{{1,20}}?[ \t\u3000]*[{_OPEN}(（]?{_STAMP}[{_CLOSE})）]?")
MAX_SPEAKER_CELL_CHARS = 24
_TIME_CELL = re.compile(rf"^[{_OPEN}(（]?{_STAMP}[{_CLOSE})）]?$")
_COLUMN_NAMES = re.compile(r"^(?:内容|发言内容|发言|文字实录|实录|问题|回答|答复|时间|发言人|发言者|姓名)$")


MIN_TRANSCRIPT_ROWS = 3


def transcript_rows(rows: list[list[str]]) -> list[str | None]:
    """Each row of a table written as a transcript (a time, the speaker, the words), as the line a page without a
    table would write ("主持人：韩主任，……？"), None for its other rows; all None when the table is no transcript: fewer
    than three such rows, or no speaker who speaks twice (a table of figures: 初级工 | 1200元)."""
    lines = [_speaker_row(cells) for cells in rows]
    speakers = [line.split("：", 1)[0] for line in lines if line]
    if len(speakers) < MIN_TRANSCRIPT_ROWS or len(set(speakers)) == len(speakers):
        return _columned_rows(rows) or [None] * len(rows)
    return lines


_SPEAKER_COLUMN = re.compile(r"^(?:发言人|发言者|说话人|讲话人|姓名)$")
_WORDS_COLUMN = re.compile(r"^(?:内容|发言内容|发言|对话内容|谈话内容|实录)$")
_DITTO = frozenset({"〃", "″", "\"", "同上", "''"})
_NO_ONE = frozenset({"—", "——", "-", "－", "/", "无"})


def _columned_rows(rows: list[list[str]]) -> list[str | None] | None:
    """A transcript table whose header names its speaker and words columns among others (时间 | 地点 | 发言人 | 内容):
    each row as "speaker：words"; a ditto mark ("〃") is the speaker of the row above, the words going on; a row whose
    speaker is "—" is a note of what happened, no one's words. None when there is no such header or too few rows."""
    header = next((i for i, cells in enumerate(rows) if any(_SPEAKER_COLUMN.match(c.strip().replace(" ", "")) for c in cells)
                   and any(_WORDS_COLUMN.match(c.strip().replace(" ", "")) for c in cells)), None)
    if header is None:
        return None
    names = [c.strip().replace(" ", "") for c in rows[header]]
    who = next(i for i, name in enumerate(names) if _SPEAKER_COLUMN.match(name))
    said = next(i for i, name in enumerate(names) if _WORDS_COLUMN.match(name))
    out: list[str | None] = [None] * len(rows)
    speaker, spoken = None, 0
    for i in range(header + 1, len(rows)):
        cells = [c.strip() for c in rows[i]]
        if len(cells) != len(names) or not cells[said]:
            continue
        if cells[who] not in _DITTO:
            speaker = None if cells[who] in _NO_ONE or not cells[who] else cells[who]
            out[i] = f"{speaker}：{cells[said]}" if speaker else cells[said]
            spoken += speaker is not None
        else:  # the same speaker as the row above, going on (or a note after a note)
            out[i] = cells[said]
    return out if spoken >= MIN_TRANSCRIPT_ROWS else None


def _speaker_row(cells: list[str]) -> str | None:
    cells = [c.strip() for c in cells if c.strip()]
    if cells and _TIME_CELL.match(cells[0]):
        cells = cells[1:]
    if len(cells) != 2:
        return None
    speaker, words = cells[0].rstrip("：: "), cells[1]
    if not speaker or len(speaker) > MAX_SPEAKER_CELL_CHARS or re.search(r"[。！？；，,!?;]", speaker) \
            or _COLUMN_NAMES.match(words) or _COLUMN_NAMES.match(speaker) or NOT_LABELS.match(speaker):
        return None
    line = f"{speaker}{words}" if speaker[-1] in _CLOSE else f"{speaker}：{words}"  # "【主持人】……" as pages write it
    alone = find_label(speaker)  # "[嘉宾]陈文涛", "【主持人】": a label that is the whole cell
    if alone is not None and alone.content_offset >= len(speaker) and _speaker_like(alone.name):
        return line
    label = find_label(line)
    return line if label is not None and label.name == speaker and _speaker_like(speaker) else None
