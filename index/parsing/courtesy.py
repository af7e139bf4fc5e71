"""Courtesies and stage directions: thanks, greetings, salutations, welcomes, farewells, and a speaker's "I will now
report" or a host's "questions now" — words that answer nothing and are never indexed as an answer.

The vocabulary is generic (how any speech opens and closes), not taken from the questions people ask.
"""

from __future__ import annotations

import re

_ADDRESSEE = r"(?:们|大家|您|你|朋友|主持人|主播|记者|听众|观众|网友|同志|来宾|嘉宾|各位|两位|二位|三位|诸位)"
_DAYTIME = r"(?:上午|下午|晚上|早上|中午|早)"
_CLAUSE_PATTERNS = (
    # thanks: "谢谢主持人", "谢谢您的提问", "借此机会，感谢新闻界一直以来的关注"
    r"(?:借此机会|在此|首先|最后|再次|也|还要|同时)?(?:要)?(?:非常|十分|衷心|真诚|由衷)?(?:地)?(?:感谢|谢谢|多谢|致谢).*",
    r"(?:哦|噢|嗯|那|好的?|行|好嘞|那好的?){1,3}(?:谢谢|多谢|感谢).*",  # a caller taking the answer: "哦那好的谢谢"
    r"不客气|不用谢|应该的",
    # an acknowledgement: "那可太好了！", "原来是这样", "明白了"
    r"(?:那|这)?(?:可|真|就|也)?(?:太好了|太棒了|好极了|真好)|原来(?:是)?(?:这样|如此)(?:啊|呀)?|(?:我)?(?:明白|知道|懂|了解)了",
    r"(?i:thank you|thanks)(?i: very much| so much)?(?i: for [a-z ]{1,30})?",  # a foreign reporter's "Thank you."
    # greetings: "上午好", "大家上午好", "主持人好", "听众朋友们好", "您好"
    rf"(?:[\u4e00-\u9fff]{{0,10}}?{_ADDRESSEE})?{_DAYTIME}好|[\u4e00-\u9fff]{{0,10}}?{_ADDRESSEE}好",
    # a guest greeted by surname and title: "邵主任好", "汤科长好"
    r"[\u4e00-\u9fff]{1,2}(?:副)?(?:局长|主任|书记|区长|市长|县长|处长|科长|厅长|部长|院长|所长|站长|队长|老师|医生)(?:您)?好",
    # "早晨" (good morning, in Cantonese), to someone: "早晨何局长", "陈先生，早晨"
    r"早晨(?:[\u4e00-\u9fff]{1,2}(?:副)?(?:局长|主任|书记|处长|科长|先生|女士|小姐))?",
    # a call put through: "喂，您好，能听到吗？", "能听到，能听到。"
    r"喂|(?:能|可以)?听(?:得)?(?:到|见|清楚?)(?:吗|了|我说话吗)?",
    # ... and checking it got through: "是民生热线吗"; the host asking whether the answer served: "您看这个答复可以吗"
    r"(?:请问)?(?:这里)?是[\u4e00-\u9fff]{0,8}?(?:热线|节目|直播间)(?:吗|吧)",
    r"(?:这位)?(?:听众|网友|市民)?(?:朋友)?(?:您|你)?(?:看|对)?(?:这个|刚才的?)?(?:答复|回答|解答)(?:您)?(?:可以|满意|清楚)(?:吗|了吗)?",
    # salutations: "各位媒体朋友", "女士们、先生们", "尊敬的各位来宾"
    r"(?:尊敬的|亲爱的)?(?:各位|诸位|两位|二位|三位)[\u4e00-\u9fff]{0,10}|[\u4e00-\u9fff]{0,8}(?:朋友|同志|女士|先生|来宾|嘉宾|记者|听众|观众|网友)们",
    # welcomes and farewells
    r"欢迎.*", r".*再见.*", r"回头见|下次见",
    r"(?:来|去|到)?[\u4e00-\u9fff]{0,6}?(?:走一走|看一看|转一转|逛一逛|尝一尝|玩一玩)",  # "欢迎大家来葭汭走一走、看一看"
    # well-wishes: "祝大家身体健康", "祝各位工作顺利"
    r"(?:最后)?(?:祝|祝愿)(?:大家|各位|您|你们|广大[\u4e00-\u9fff]{1,4})?[\u4e00-\u9fff]{0,8}(?:健康|愉快|顺利|快乐|幸福|平安|如意|似锦|有成|事成)",
    # a speaker's stage directions: "我先通报几方面情况", "以上是我的简要介绍", "我就先介绍这些"
    r"(?:下面|现在|首先|接下来|那么|(?:好的?|嗯){1,3}|那|借此机会|在此|最后)",
    r"(?:那|下面|首先)?(?:我|我们)(?:就|先|再|来){0,2}(?:简要|简单)?(?:地)?(?:通报|介绍|发布|汇报|说明)(?:一下)?"
    r"(?:几方面|几个方面|有关|以下|以上|这些)?(?:的)?(?:情况|内容|工作)?(?:这些)?",
    r"以上(?:就)?是我的(?:简要|简单)?(?:介绍|通报|发布|汇报|说明)",
    # a host's stage directions: "现在开始提问", "今天的发布会就到这里"
    r"(?:下面|现在|接下来)?(?:我们)?(?:开始|进入)(?:记者|网友|现场|互动)?(?:提问|问答|交流|互动)(?:环节)?",
    # "我们继续看网友的留言", "接下来我们看看观众关心的问题"
    r"(?:下面|接下来|现在)?(?:我们)?(?:继续|再|接着)?(?:来)?看(?:一下|一看|看)?(?:网友|观众|听众|大家|微信上|网上|后台)(?:们)?"
    r"(?:的|关心的)?(?:留言|提问|问题)",
    r"(?:下面|接下来|现在)?请[\u4e00-\u9fff]{2,14}?(?:记者|媒体)(?:朋友)?提问",  # "请梧汀广播电视台记者提问"
    r"请(?:各位)?(?:记者|媒体)?(?:朋友)?(?:们)?提问(?:前)?(?:先)?(?:介绍|通报)?(?:一下)?(?:所在|您的|你的)?(?:媒体|单位)?",
    # the host handing over: "首先，请顾承宇局长介绍有关情况", "下面请何静怡副局长介绍财政支持就业方面的情况"
    r"(?:首先|先|下面|接下来|现在|然后|再|最后)?(?:请|有请)(?!您|你)[\u4e00-\u9fff\d]{2,12}?(?:介绍|发布|通报|讲话|致辞|解读|发言)"
    r"(?:一下)?(?:[\u4e00-\u9fff]{0,16}?(?:情况|内容|工作))?",
    # the host handing a question to a guest: "预付卡的问题，请市场监管局的杜局长来回答", "这个问题请梁局长回答"
    r"(?:(?:这个|这一|这类|此类|刚才的?|上述)?[\u4e00-\u9fff]{0,12}?问题(?:涉及[\u4e00-\u9fff]{1,6})?)?(?:先|再|就|那)?"
    r"(?:请|有请)(?!您|你)[\u4e00-\u9fff]{2,14}?(?:来)?(?:回答|解答|答复|回应|说明)(?:一下)?",
    # ... in plain words: "请祝股长给大家说说" (whose matter it is, said before it, is read with it: below)
    r"(?:请|有请)(?!您|你)[\u4e00-\u9fff]{2,10}?(?:来)?(?:给|跟|和)?(?:大家|乡亲们|各位)?(?:说说|说一说|讲讲|讲一讲|谈谈|谈一谈)",
    # a vocative: the person addressed by surname and title ("张局长，您好！"; "周主任，请您……" still asks)
    r"[\u4e00-\u9fff]{1,2}(?:副)?(?:局长|主任|书记|区长|市长|县长|处长|科长|厅长|部长|院长|校长|行长|站长|所长|队长|"
    r"支队长|秘书长|总)",
    # ... and what it is for: "和大家交流", "跟各位听众朋友聊一聊"
    r"(?:和|与|跟|同)(?:大家|各位|网友|听众|观众)[\u4e00-\u9fff]{0,4}?(?:一起)?(?:交流|聊聊|聊一聊|见面|沟通)(?:交流)?"
    r"(?:[\u4e00-\u9fff“”]{0,16}?(?:的)?(?:话题|问题|情况|工作))?",  # "和大家交流家庭医生签约服务的话题"
    # a guest's pleasure at being there: "很高兴来到这里和大家交流"
    r"(?:很|非常|十分)?(?:高兴|荣幸)(?:能)?(?:有机会)?(?:再次|又一次|又)?(?:(?:通过|借助|在)[\u4e00-\u9fff]{1,8}?)?"
    r"(?:来到|做客|参加|和|与|跟|同)[\u4e00-\u9fff]{0,16}",
    r"(?:今天的|本场|本次|今天|本期)?(?:新闻)?(?:发布会|节目|微访谈|访谈|直播)(?:就)?(?:到此结束|到这里|结束)(?:了)?",
)
_TOPIC_THEN_HAND_OVER = re.compile(r"问题(?:涉及[\u4e00-\u9fff]{1,6})?[，,][ \t\u3000]*(?=(?:先|再|就|那)?请(?!您|你))")
# whose matter it is, before a hand-over: "这个事归县水利局管，请祝股长……" (alone, "这事归物业管。" answers)
_ROUTED_THEN_HAND_OVER = re.compile(r"(?:这个|这件|这)?(?:事|事情|问题)(?:归|由)[\u4e00-\u9fff]{2,14}?(?:管|负责)[，,]"
                                    r"[ \t\u3000]*(?=(?:先|再|就|那)?请(?!您|你))")
_CLAUSE = re.compile("|".join(f"(?:{p})" for p in _CLAUSE_PATTERNS))
_SENTENCE_BREAK = re.compile(r"[。！？!?；;…\n]+")
_CLAUSE_BREAK = re.compile(r"[，,、：:\s]+")
_LATIN_CLAUSE_BREAK = re.compile(r"[，,、：:]+|(?<=\.)\s+")  # English words stand apart by spaces: a clause ends at , or .
_LATIN = re.compile(r"[A-Za-z]{2}")


def is_courtesy(text: str) -> bool:
    """Whether every clause of `text` is a courtesy or a stage direction ("谢谢主持人，谢谢各位。"); a paragraph
    that also says something ("谢谢。入海排污口是……") is not."""
    from index.text import to_simplified  # 謝謝主持人 is 谢谢主持人

    text = _TOPIC_THEN_HAND_OVER.sub("问题请", to_simplified(text))  # "预付卡的问题，请……来回答": one clause
    text = _ROUTED_THEN_HAND_OVER.sub("", text)
    clauses = [c.strip("“”‘’\"'（）() .") for s in _SENTENCE_BREAK.split(text)
               for c in (_LATIN_CLAUSE_BREAK if _LATIN.search(s) else _CLAUSE_BREAK).split(s)]
    clauses = [c for c in clauses if c]
    return bool(clauses) and all(_CLAUSE.fullmatch(c) or _says_who(c) for c in clauses)


# a speaker saying who they are: "我是邵景川", "我是主持人苏沐晴" (not "我是退休职工": that is part of a question)
_SELF_INTRODUCTION = re.compile(r"我是(?:本期|今天的)?(?:主持人)?(?P<name>[\u4e00-\u9fff·]{2,4})")


def _says_who(clause: str) -> bool:
    from index.parsing.people import is_person_name

    return bool(match := _SELF_INTRODUCTION.fullmatch(clause)) and is_person_name(match["name"])
