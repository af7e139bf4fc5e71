"""Who speaks on broadcast, video and social pages: a television script's cues, on-screen text and photo captions,
translations, @accounts and their replies, an English host, callers quoted in a report."""

from __future__ import annotations

import re
from dataclasses import replace

from index.parsing import english
from index.parsing.people import ACCOUNT, is_person_name, parse_people
from index.parsing.speakers import OVERLAY, Label, find_label, read_label


_CAPTION = re.compile(r"^[ \t\u3000]*[▲△][ \t\u3000]*\S")
MIN_CAPTIONS = 2


def photo_captions(lines: list[str], labels: list[Label | None]) -> set[int]:
    """A photo's caption that quotes no one ("▲ 活动现场，居民排队咨询医保政策。"), on a page of captioned photos, and
    the report's own words right under it ("据了解，……"): no one's answer, never the end of the answer above them."""
    captions = [i for i, line in enumerate(lines) if _CAPTION.match(line)]
    if len(captions) < MIN_CAPTIONS:
        return set()
    skipped = {i for i in captions if labels[i] is None}
    for i in sorted(skipped):
        after = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
        if after is not None and labels[after] is None and _REPORT_SUMMARY.match(lines[after].strip()):
            skipped.add(after)
    return skipped


MIN_TRANSLATED = 3
_LATIN_LETTERS = re.compile(r"[A-Za-z]")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


MIN_TRANSLATION_LETTERS = 20  # a heading in English ("Summary") is no translation of a paragraph


def _is_english(line: str) -> bool:
    letters = len(_LATIN_LETTERS.findall(line))
    return letters >= MIN_TRANSLATION_LETTERS and letters > 2 * len(_CHINESE.findall(line))


def translated_lines(lines: list[str]) -> set[int]:
    """A bilingual page whose every Chinese paragraph is followed by its English one ("问：……" / "Q: ……"): the English
    paragraphs are its translation, read apart from the Chinese turns (left out)."""
    english = [i for i, line in enumerate(lines) if _is_english(line)]
    after_chinese = [i for i in english if i and not _is_english(lines[i - 1]) and _CHINESE.search(lines[i - 1])]
    if len(after_chinese) < MIN_TRANSLATED or len(after_chinese) < 0.8 * len(english):
        return set()
    return set(english)


# words shown on a video's screen, "【屏幕文字】网友问：……": the question shown is asked, the other captions said by no one
_ON_SCREEN = re.compile(r"屏幕文字|字幕|画面文字|屏显|画面字幕")




def on_screen_text(lines: list[str], labels: list[Label | None]) -> set[int]:
    skipped: set[int] = set()
    for i, label in enumerate(labels):
        if label is not None and label.bracketed and OVERLAY.fullmatch(label.name):
            skipped.add(i)
        if label is None or not _ON_SCREEN.fullmatch(label.name):
            continue
        inner = find_label(lines[i][label.content_offset:])
        if inner is not None and read_label(inner.name).side == "ask":
            labels[i] = Label(inner.name, label.content_offset + inner.content_offset, synthetic=True)
        else:
            skipped.add(i)
    return skipped


_HOST_ACCOUNT = re.compile(r"^主持(?:人)?[：:][ \t\u3000]*@(?P<account>\S{1,30})$")


def accounts_as_people(lines: list[str], labels: list[Label | None]) -> None:
    """On a 微访谈, "@茗川卫健唐韵：" is 唐韵 when the guest list gives "唐韵（@茗川卫健唐韵）", and "@茗川发布：" is the host
    when "主持人：@茗川发布"; other accounts are 网友."""
    named: dict[str, str] = {}
    for line in lines:
        for match in ACCOUNT.finditer(line):
            people = parse_people(line[: match.start()].rsplit("，", 1)[-1])
            if people and people[-1].name:
                named[match["account"]] = people[-1].name
        if host := _HOST_ACCOUNT.match(line.strip()):
            named[host["account"]] = "主持人"
    for i, label in enumerate(labels):
        if label is not None and label.name.startswith("@") and label.name[1:] in named:
            labels[i] = replace(label, name=named[label.name[1:]])


# "Moderator: Xu Wanning, Spokesperson of …": who hosts an English transcript, by name
_ENGLISH_HOST = re.compile(r"^(?:Moderator|Host|Presenter|Chair|Chairperson|Emcee)s?:[ \t]*(?P<name>[A-Z][^,;:()]{2,40}?)"
                           r"[ \t]*(?:[,;(]|$)")


def english_host(lines: list[str], labels: list[Label | None]) -> None:
    """On an English transcript whose host is introduced by name ("Moderator: Xu Wanning, …"), that line is who
    hosts, not the host speaking, and the lines labelled with the name are the host's."""
    for i, line in enumerate(lines):
        host = _ENGLISH_HOST.match(line.strip())
        if host is None or not english.is_pinyin_name(host["name"]):
            continue
        labels[i] = None
        for j, label in enumerate(labels):
            if label is not None and label.name == host["name"]:
                labels[j] = replace(label, name="主持人")


def names_nobody(label: Label) -> bool:
    """A bracketed column's name ("【代表问政】"), not a speaker's ("[主持人]", "【嘉宾 周启航】")."""
    reading = read_label(label.name)
    return reading.word is None and reading.person is None and reading.title is None and not reading.outlet


# a news report of officials taking calls: a paragraph opening with a caller's quoted words that ask, the caller
# named after them ("“……我该怎么办？”9时刚过，……来电的是市民周女士。", "“……？”出租车司机邓师傅说。")
_CALLER_ASKS = re.compile(r"^“(?P<asked>[^”]*[？?][^”]*)”(?P<after>[^“]{0,80})$")
_CALLER = re.compile(r"来电|市民|网友|读者|听众|群众|女士|先生|师傅|阿姨|大爷|大妈|老人|家长|司机")
# who answers, told by the report: "苏立衡详细询问了……告诉周女士", "“……”苏立衡回答", "由坐在一旁的梁予宁接听"
_REPORTED = r"(?:详细|随即|当即|当场|立即|耐心|认真|记下|告诉|补充|回答|表示|解释|介绍|说|答复|建议|提醒|接听|询问)"
_TOLD_BY = (re.compile(rf"^(?P<name>[\u4e00-\u9fff·]{{2,4}}?){_REPORTED}"),
            re.compile(rf"^“[^”]*”(?P<name>[\u4e00-\u9fff·]{{2,4}}?){_REPORTED}"),
            re.compile(r"由(?:[^，。由]{0,8}的)?(?P<name>[\u4e00-\u9fff·]{2,4}?)(?:接听|回答|答复)"))  # "由坐在一旁的……接听"
_REPORT_SUMMARY = re.compile(r"^(?:据统计|据了解|据悉|记者了解到|记者从[^，。]{2,20}获悉|活动结束时)")
MIN_CALLERS = 2


def callers_in_a_report(lines: list[str], labels: list[Label | None]) -> None:
    """A report with no speaker labels whose paragraphs open with callers' quoted questions: each such paragraph is
    a caller asking, each paragraph after it is said by the official the report says answers (the one before when it
    names none), and the report's own summary ("据统计……") asks nothing and answers nothing."""
    if any(label is not None and not names_nobody(label) for label in labels):
        return  # a transcript with speakers' labels ("来电一：……" over a call names nobody)
    asking = [i for i, line in enumerate(lines) if (m := _CALLER_ASKS.match(line.strip())) and _CALLER.search(m["after"])]
    if len(asking) < MIN_CALLERS:
        return
    for i in range(asking[0], len(lines)):
        line = lines[i].strip()
        if i in asking:
            labels[i] = Label("市民", 1, synthetic=True)  # the words after the opening quotation mark
        elif _REPORT_SUMMARY.match(line):
            labels[i] = Label("记者", 0, synthetic=True)
        elif (name := next((m["name"] for p in _TOLD_BY if (m := p.search(line)) and is_person_name(m["name"])),
                           None)) is not None:
            labels[i] = Label(name, 0, synthetic=True)
        elif labels[i] is not None:
            labels[i] = None  # "来电二：网购空调迟迟装不上": the report's heading over a call


# a television script's cues: 【解说】 narration and 【画面】 pictures are no one's words; 【同期声】 with its caption
# "（字幕：荇嶂市交通运输局党组书记、局长　练思远）" is that person speaking (the words below); 【记者出镜】 the reporter
_CUE = re.compile(r"^[ \t\u3000]*【(?P<cue>[^】]{2,8})】[ \t\u3000]*")
_NARRATION = re.compile(r"^(?:解说|画面|演播室导语|导语|主持人导语|口播|配音|字幕|音乐|音效|片头|片尾|空镜|资料画面)$")
_SOUND_BITE = re.compile(r"^(?:同期声?|采访同期|现场同期|现场声)$")
_CAPTION_WHO = re.compile(r"^[（(]字幕[：:][ \t\u3000]*(?P<who>[^（）()]{2,60})[）)]")
_REPORTER_CUE = re.compile(r"^(?:记者出镜|出镜记者|记者现场|记者)$")
MIN_SCRIPT_CUES = 3


# a shared document's reply under a question: "@龚书禾 回复：" (the one mentioned replies), its words below; an account
# declared with its unit ("@税务企服专班　国家税务总局篁澍市税务局……账号") replies for that unit
_MENTION_REPLY = re.compile(r"^[ \t\u3000]*@(?P<who>[^\s@：:]{2,20})[ \t\u3000]*(?:回复|答复)[ \t\u3000]*[：:][ \t\u3000]*")
_ACCOUNT_OF = re.compile(r"@(?P<account>[^\s@：:]{2,20})[ \t\u3000]+(?P<unit>(?:国家税务总局)?[\u4e00-\u9fff]{2,30}?"
                         r"(?:局|委员会|委|办公室|中心|人民政府))")


def topic_headings(lines: list[str], labels: list[Label | None]) -> None:
    """A Markdown heading labelled as the line it heads ("### 意见1：养犬登记费用" over "**意见1：**……"): the topic, not
    a turn of its own."""
    for i, label in enumerate(labels):
        if label is None or not lines[i].lstrip().startswith("#"):
            continue
        following = next((j for j in range(i + 1, len(lines)) if labels[j] is not None), None)
        if following is not None and labels[following].name == label.name and not lines[following].lstrip().startswith("#"):
            labels[i] = None


def mention_replies(lines: list[str], labels: list[Label | None]) -> None:
    """Each "@X 回复：" line labelled X (or X's unit, for an account), whoever the @ would otherwise make an asker."""
    units = {m["account"]: m["unit"] for line in lines for m in _ACCOUNT_OF.finditer(line)
             if not is_person_name(m["account"])}
    for i, line in enumerate(lines):
        if match := _MENTION_REPLY.match(line):
            who = match["who"]
            labels[i] = Label(units.get(who, who), match.end(), synthetic=True)


# a video script's narration, marked as it opens: "（画外音）车开到濯河大桥……", "【旁白】……", "解说：……" (no one's words)
_NARRATION_CUE = re.compile(r"^[ \t\u3000]*(?:[（(【\[](?:画外音|旁白|解说|解说词|配音)[）)】\]]|(?:画外音|旁白|解说词)[ \t\u3000]*[：:])")


def narration_lines(lines: list[str]) -> set[int]:
    """The lines a video script marks as narration, however few (a voice-over is no one's answer)."""
    return {i for i, line in enumerate(lines) if _NARRATION_CUE.match(line)}


def broadcast_script(lines: list[str], labels: list[Label | None]) -> set[int]:
    """A broadcast script's cues read (in place) as speakers; returns the narration's lines (no one's words)."""
    cues = [(i, m) for i, line in enumerate(lines) if (m := _CUE.match(line))]
    if len(cues) < MIN_SCRIPT_CUES or not any(_SOUND_BITE.match(m["cue"]) for _, m in cues):
        return set()
    narration: set[int] = set()
    for i, match in cues:
        cue, rest = match["cue"], lines[i][match.end():]
        if _NARRATION.match(cue):
            narration.add(i)
            labels[i] = None
        elif _SOUND_BITE.match(cue) and (who := _CAPTION_WHO.match(rest)):
            name = re.sub(r"[ \t\u3000]+", " ", who["who"].strip())
            labels[i] = Label(name, match.end() + who.end(), synthetic=True)
        elif _REPORTER_CUE.match(cue):
            labels[i] = Label("记者", match.end(), synthetic=True)
    return narration
