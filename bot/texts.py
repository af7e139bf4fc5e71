"""Every text a user reads, in Chinese: hints, button and card labels, verdicts, the terminal's help and words, the
command menu, the bot's notices. Constants for fixed texts; small functions (or a `{where}` template) for texts with
values, which are inserted as given: the Telegram renderer escapes them first (these texts hold no HTML)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

# -- examples and hints of the conversation ------------------------------------------------------------------------
# Questions that the shipped corpus answers; kept only while the loaded corpus still answers them.
EXAMPLE_QUESTIONS = ("疫情期间海域使用金可以缓缴吗？", "海洋局打造模范机关的总体思路是什么？",
                     "威海的海洋牧场是怎么建设的？")
EXAMPLE_FALLBACK = "……是怎么做的？"  # when the corpus offers no example question


def quoted_example(question: str) -> str:
    return f"“{question}”"


def ask_in_words(example: str) -> str:
    return "请用文字输入一个问题，例如：" + example


def question_too_long(length: int, limit: int) -> str:
    return f"问题太长了（{length}字）。请把问题缩短到{limit}字以内，只问一件事。"


def claim_too_long(length: int, limit: int) -> str:
    return f"说法太长了（{length}字），请控制在{limit}字以内。"


def too_frequent(seconds: int) -> str:
    return f"提问太频繁了，请 {seconds} 秒后再试。"


def non_text(example: str) -> str:
    return "我只能读懂文字问题（图片、语音、贴纸和文件都看不了）。请用文字提问，例如：" + example


def unknown_command(command: str) -> str:
    return f"没有 {command} 这个命令。可用命令：/ask /new /bureaus /verify /about /help，也可以直接输入问题。"


def passage_link_gone(example: str) -> str:
    return "这个链接指向的原文已不在访谈库中。可以直接提问，例如：" + example


def link_unknown(example: str) -> str:
    return "这个链接无法识别。可以直接提问，例如：" + example


VERIFY_USAGE = "用法：/verify 说法，例如：/verify 缓缴资金2亿元"
BUREAU_GONE = "这个单位已不在访谈库中，请重新发送 /bureaus。"
RESULT_EXPIRED = "这条结果已过期，请重新提问。"
NO_MORE = "没有更多结果了。"
NO_MORE_IN_ANSWER = "这个回答的原文已经全部列出了。可以换个问法，或者问别的问题。"
NEW_TOPIC = "好的，换个话题。接下来的问题会单独理解，不再接着之前的问题。"


def read_with(question: str) -> str:
    """The line above the answer to a follow-up: what it was read with."""
    return f"（接着上一个问题：{question}）"
PASSAGE_GONE = "找不到这段原文（访谈库可能已更新），请重新提问。"
FEEDBACK_OFF = "反馈功能未开启。"
FEEDBACK_FAILED = "暂时无法记录反馈，请稍后再试。"
FEEDBACK_REFUSED = "只能评价自己提出的问题。"
FEEDBACK_THANKS = "谢谢反馈！"
FEEDBACK_THANKS_DOWN = "谢谢反馈，我们会据此改进访谈库。"

# -- the Telegram bot: command menu, notices of the handlers, inline mode ------------------------------------------
COMMANDS = (("ask", "提问（群聊中使用）"), ("new", "换个话题（不再接着之前的问题）"), ("bureaus", "按单位查看访谈"),
            ("verify", "核对一个说法与原文是否一致"), ("about", "关于本机器人"), ("help", "用法"))
EDITED_COMMAND = "编辑过的命令不会重新执行，请重新发送命令。"
ASK_USAGE = "用法：/ask 问题，例如：/ask 疫情期间海域使用金可以缓缴吗？"
RELOAD_BUSY = "正在重新加载，请稍候。"
RELOADING = "正在重新加载访谈库……"
UNKNOWN_BUTTON = "这个按钮无法识别，请重新提问。"
ERROR_BUTTON = "出了点问题，请稍后再试。"
ERROR_MESSAGE = "抱歉，处理这条消息时出了问题，请稍后再试。"
INLINE_EMPTY = "输入问题，查找访谈原文"
INLINE_TOO_FAST = "查询太频繁，请稍后再试"
INLINE_NOT_FOUND = "访谈中没有找到，点此查看可以问什么"
INLINE_OPEN = "在机器人中查看"
EXCERPT = "（节选）"


def other_bot(target: str) -> str:
    return f"这条命令是发给 @{target} 的。本机器人的命令：/ask /bureaus /verify /about /help，也可以直接输入问题。"


def admin_only(command: str) -> str:
    return f"抱歉，{command} 仅限管理员使用。"


CORPUS_UNAVAILABLE = {  # index.errors.CorpusUnavailableError, by its kind
    "missing": "访谈文件夹 {folder} 不存在",
    "not_a_folder": "{folder} 不是文件夹",
    "unreadable": "无法读取访谈文件夹 {folder}（{detail}）",
    "emptied": "访谈文件夹 {folder} 中现在没有访谈文件，而现有索引收录了 {indexed} 个文件；如果确实要清空，请删除索引文件夹",
}


def reload_failed(error: object) -> str:
    """A failed /reload or staff reload; a corpus folder that cannot be read is said in words."""
    kind = getattr(error, "kind", None)
    why = CORPUS_UNAVAILABLE[kind].format(folder=getattr(error, "file", ""), detail=getattr(error, "detail", ""),
                                          indexed=getattr(error, "indexed", 0)) \
        if isinstance(kind, str) and kind in CORPUS_UNAVAILABLE else str(error)
    return f"重新加载失败，仍在使用原来的访谈库：{why}"


def inline_too_long(limit: int) -> str:
    return f"问题太长，请控制在{limit}字以内"


def inline_title(speaker: str, sentence: str) -> str:
    return f"{speaker}：{sentence}"


# -- buttons under a card ------------------------------------------------------------------------------------------
BUTTON_MORE = "更多结果 ▶"
BUTTON_CONTEXT = "完整回答"
BUTTON_SOURCE = "出处"
BUTTON_HELPFUL = "👍 有帮助"
BUTTON_UNHELPFUL = "👎 没帮助"
BUTTON_ONLY_BUREAU = "只问这个单位"
BUTTON_READ_ALL = "阅读全文"  # opens the interview on the web (web.public_url), at the passage

# -- pieces of a passage, shared by both renderers -----------------------------------------------------------------
PASSAGE_KINDS: Mapping[str, str] = {"intro": "导语", "summary": "访谈总结"}  # an answer has no label
DEFAULT_ASKER = "记者"
BARE_LABELS = ("问", "答", "Q", "A")  # speaker labels that name nobody (问：/答： interviews): not shown as names
NO_VALUE = "—"  # an unknown bureau or asker
NONE = "（无）"
UNTITLED = "无标题"
FULL_ANSWER = "完整回答"
SOURCE = "出处"
DETAILS_SEPARATOR = "，"
DETAILS_SEPARATOR_SPEAKER = " · "  # between bureau and speaker
EMPTY_LIBRARY = "访谈库还是空的。"
TRY_ASKING = "可以试着这样问："
# The labels of a passage's source details, in the order they are shown.
SOURCE_LABELS = {"bureau": "单位", "interviewee": "受访人", "speaker": "发言人", "asker": "提问", "title": "标题",
                 "series": "系列", "outlet": "媒体", "date": "日期", "url": "链接", "file": "文件",
                 "passage_id": "段落编号"}


def with_role(name: str, role: str | None) -> str:
    return f"{name}（{role}）" if role else name


def book_title(title: str) -> str:
    return f"《{title}》"


def heading(text: str) -> str:
    return f"【{text}】"


def quotation(text: str) -> str:
    return f"“{text}”"


def position(number: int, total: int) -> str:
    return f"第 {number}/{total} 条"


def only_in_bureau(bureau: str) -> str:
    return f"（只在「{bureau}」的访谈中查找）"


ELSEWHERE_LEAD = "其他城市的同类部门也有答复："


def elsewhere_item(bureau: str, position: int) -> str:
    return f"{bureau}（第 {position + 1} 条）"


def also_elsewhere(found: Sequence[tuple[int, str]], more: bool) -> str:
    """Under the first answer: the same kind of bureau of another city answered too (the question named no city, or
    not this one)."""
    where = "、".join(elsewhere_item(bureau, position) for position, bureau in found)
    return ELSEWHERE_LEAD + where + ("，点「更多」查看。" if more else "。")


def searched_in(bureau: str | None) -> str:
    return f"在「{bureau}」的访谈中" if bureau else "访谈中"


def bureau_count(bureau: str, interviews: int) -> str:
    return f"{bureau}（{interviews}篇）"


def covered_bureaus(joined: str) -> str:
    return "目前收录的访谈来自：" + joined + "。"


def corpus_line(interviews: int, passages: int, bureaus: int, names: str) -> str:
    return f"目前收录 {interviews} 篇访谈、{passages} 段原文，来自 {bureaus} 个单位：{names}。"


def interviews_heading(bureau: str, count: int) -> str:
    return f"「{bureau}」的访谈（{count}篇）："


def file_span(file: str, start: int, end: int, separator: str = " ") -> str:
    return f"{file}{separator}第{start}–{end}字"



# -- verdicts of /verify -------------------------------------------------------------------------------------------
VERDICTS = {
    "verbatim": "✅ 原文如此：这一说法的措辞见于访谈原文。",
    "consistent": "☑️ 与原文一致：措辞不同，但其中的数字、日期、名称与访谈中说的一致。",
    "differs": "⚠️ 与原文有出入：访谈中谈到了这件事，但以下内容不同。",
    "not_found": "❌ 访谈中没有找到这一说法。",
}
VERDICTS_PLAIN = {
    "verbatim": "原文如此（verbatim）：这一说法的措辞见于访谈原文。",
    "consistent": "与原文一致（consistent）：措辞不同，但其中的数字、日期、名称与访谈中说的一致。",
    "differs": "与原文有出入（differs）：访谈中谈到了这件事，但以下内容不同。",
    "not_found": "访谈中没有找到这一说法（not_found）。",
}
VERIFY_SCOPE = "（访谈中没有谈到这件事，或说法里的数字说的是另一件事。想找相关内容，可以直接提问。）"
FACTS_MATCHED = "一致的内容："
FACT_KINDS = {"number": "数字", "date": "日期", "period": "频次", "document": "文件", "programme": "名称", "person": "人名",
              "place": "地名"}


def fact_kind(kind: str | None) -> str:
    return FACT_KINDS.get(kind or "", "文字")


def fact_matched(kind: str, claimed: str, record: str) -> str:
    """One fact found equal in the record: as the claim writes it, and as the record does when it differs."""
    same = claimed == record or not record
    return f"{fact_kind(kind)}「{claimed}」" + ("" if same else f"（原文「{record}」）")
VERIFY_RECORD = "原文（粗体为对应的句子，下划线为不同之处，斜体为一致的内容）："


def claim(text: str) -> str:
    return f"说法：{text}"


def difference_kind(kind: str, fact: str | None = None) -> str:
    if fact:
        return fact_kind(fact)
    return "数字" if kind == "number" else "文字"


def difference(kind: str, claimed: str, record: str) -> str:
    return f"{kind}：说法「{claimed}」，原文「{record}」"


def note(text: str) -> str:
    return f"（{text}）"


def equivalent(claimed: str, record: str) -> str:
    return f"写法不同、数值相同：「{claimed}」=「{record}」"


# -- Telegram cards ------------------------------------------------------------------------------------------------
NOT_FOUND_BOT = "{where}没有找到与这个问题相关的内容。本机器人只引用已发表的访谈原文，不会自己编写答案。"
NOT_FOUND_NEXT = "发送 /bureaus 查看各单位的访谈，/help 查看用法。"
BUREAUS_INTRO = "访谈库收录了以下单位的访谈。点单位名查看它的访谈；点「只问这个单位」后，下一个问题只在该单位的访谈中查找。"
WELCOME_EXAMPLES = "直接输入问题即可，例如："
WELCOME_COMMANDS = ("命令：\n/ask 问题 —— 提问（群聊中用 /ask 或 @我）\n/bureaus —— 按单位查看访谈、只问某个单位\n"
                    "/verify 说法 —— 核对一个说法与原文是否一致\n/new —— 换个话题（之后的问题不再接着之前的问题理解）\n"
                    "/about —— 关于本机器人\n/help —— 用法\n"
                    "接着问也可以：“那一共多少钱？”“这个怎么申请？”“还有呢？”会接着上一个问题理解。")
ABOUT = ("本机器人回答关于政府部门已发表访谈的问题。每个回答都是访谈原文的逐字引用，并注明谁说的、"
         "回答的是记者的哪个问题、发表在哪里；访谈中没有的内容，会如实告知“没有找到”，从不自己编写答案。")
ABOUT_VERIFY = "用 /verify 可以核对一个说法是否与原文一致。"
STATS_LOG_REPORT = "完整报告：interview-qa report"


def welcome(emphasis: Callable[[str], str]) -> str:
    """The greeting of /start and /help; `emphasis` marks the word 原文 (bold on Telegram)."""
    return (f"👋 你好！我用政府部门已发表访谈的{emphasis('原文')}回答问题：谁说的、回答记者的哪个问题、发表在哪里。"
            "访谈里没有的内容，我会如实说“没有找到”，不会自己编写答案。")


def asked(asker: str | None, question: str) -> str:
    return f"{asker}问：{question}" if asker else f"问：{question}"


def share_passage(link: str) -> str:
    return f"分享这段原文：{link}"


def read_from_start(link: str) -> str:
    return f"从头阅读：{link}"


def interview_line(number: int, title: str, details: str, passages: int) -> str:
    return f"{number}. {book_title(title)}{details}，{passages}段原文"


def share_inline(bot_username: str) -> str:
    return f"在任何聊天中输入 @{bot_username} 问题，可以把原文分享出去。"


def bureau_selected(bureau: str) -> str:
    return f"好的，下一个问题只在「{bureau}」的访谈中查找。请直接输入问题。"


def stats(hours: int, minutes: int, seconds: int, passages: int, interviews: int, bureaus: int, answered: int,
          not_found: int, hints: int) -> str:
    return (f"运行时间：{hours}小时{minutes}分{seconds}秒\n"
            f"原文 {passages} 段，访谈 {interviews} 篇，单位 {bureaus} 个\n"
            f"自启动以来：回答 {answered} 个问题，没有找到 {not_found} 个，提示 {hints} 次")


def stats_log(total: int, answered_share: float, thumbs_up: int, thumbs_down: int, users: int) -> str:
    return (f"提问记录：共 {total} 个问题，找到答案 {answered_share:.0%}，"
            f"👍 {thumbs_up} / 👎 {thumbs_down}，提问人数 {users}")


def stats_bureaus(bureaus: str) -> str:
    return f"问得最多的单位：{bureaus}"


def reload_unchanged(seconds: float) -> str:
    return f"✅ 访谈库没有变化（用时 {seconds:.1f} 秒）。"


def reload_done(seconds: float) -> str:
    return f"✅ 访谈库已重新加载（用时 {seconds:.1f} 秒）。"


def reload_parsed(count: int, files: str) -> str:
    return f"新增或更新 {count} 个文件：{files}"


def reload_removed(count: int, files: str) -> str:
    return f"删除 {count} 个文件：{files}"


def reload_reused(count: int) -> str:
    return f"未变 {count} 个文件。"


def more_files(count: int) -> str:
    return f" 等{count}个"


RELOAD_WARNINGS = "⚠️ 警告："

# -- the terminal (`interview-qa chat`) and the command line -------------------------------------------------------
# The words the terminal chat understands (a leading "/" works too), each mapped to its command.
TERMINAL_WORDS = {
    "more": "more", "更多": "more", "context": "context", "完整回答": "context", "完整": "context",
    "source": "source", "出处": "source", "verify": "verify", "核对": "verify", "bureaus": "bureaus",
    "单位": "bureaus", "about": "about", "关于": "about", "help": "help", "帮助": "help", "?": "help",
    "quit": "quit", "exit": "quit", "q": "quit", "退出": "quit", "new": "new", "新话题": "new",
}
TERMINAL_HELP = ("直接输入问题，回答都是访谈原文。命令：\n"
                 "  more 更多结果 · context 完整回答 · source 出处 · verify 说法（核对说法）\n"
                 "  bureaus 单位与访谈 · new 换个话题 · about 关于 · help 帮助 · quit 退出\n"
                 "接着问（那一共多少钱？这个怎么申请？还有呢？）会接着上一个问题理解。")
TERMINAL_GREETING = "你好！我用政府部门已发表访谈的原文回答问题。"
TERMINAL_EXAMPLES = "例如："
TERMINAL_ABOUT = ("回答关于政府部门已发表访谈的问题：每个回答都是访谈原文的逐字引用，注明谁说的、回答记者的哪个问题、"
                  "发表在哪里；访谈中没有的内容如实告知“没有找到”。")
TERMINAL_PROMPT = "问> "
TERMINAL_BYE = "再见！"
NOTHING_TO_PAGE = "还没有可以翻页的结果，请先提问。"
NO_RESULT_YET = "还没有结果，请先提问。"
NOT_FOUND_PLAIN = "{where}没有找到与这个问题相关的内容。本程序只引用已发表的访谈原文，不会自己编写答案。"
NOT_FOUND_CLI = "访谈中没有找到相关内容。（not found in the interviews）"
LOADING = "正在加载模型和访谈库……"


def asked_plain(asker: str | None, question: str) -> str:
    return f"问（{asker}）：{question}" if asker else f"问：{question}"


def source_plain(details: str) -> str:
    return f"{SOURCE}：{details}"


def terminal_answer_tail(position_text: str | None, has_more: bool) -> str:
    """The line under an answer in the terminal: where it is in the list, and the commands that apply."""
    return ("（" + (position_text + "。" if position_text else "") + ("more 更多结果 · " if has_more else "")
            + "context 完整回答 · source 出处）")


def terminal_interview_line(number: int, title: str, details: str) -> str:
    return f"  {number}. {book_title(title)}{details}"


def terminal_bureau_selected(bureau: str) -> str:
    return f"下一个问题只在「{bureau}」的访谈中查找。"


def terminal_stats(corpus: str, answered: int, not_found: int) -> str:
    return f"{corpus}\n回答 {answered} 个，没有找到 {not_found} 个。"


# -- the three outcomes of a search: answer, closest passage (low confidence), not found with its reason ----------
# Low confidence: true whether or not the passage answers (the closest passage may well be the answer), so the
# heading names what it is and a line asks the reader to check; never "there is no answer" above what may be one.
LOW_CONFIDENCE = "最接近的原文"
LOW_CONFIDENCE_CHECK = "不能确定这段原文是否回答了您的问题，请阅读后自行判断。"
MAY_ASK = "您可能想问："
# Why a question was not found, by the reason code of index.search.rules (the part after ":" fills {detail}).
NOT_FOUND_REASONS = {
    "small_talk": "这看起来是一句寒暄，不是关于访谈内容的问题。",
    "unknown_place": "访谈中没有提到「{detail}」。",
    "unknown_year": "访谈中没有提到{detail}年。",
    "unknown_bureau": "收录的访谈中没有「{detail}」的访谈（同名单位在不同城市是不同的单位）。",
    "not_covered": "访谈中没有足够接近这个问题的内容。",
    "empty": "问题里没有可以查找的文字。",
    "no_more": "上一个回答的原文已经全部列出了。",
}


def not_found_reason(reason: str | None) -> str:
    """The sentence that says why a question was not found."""
    code, _, detail = (reason or "not_covered").partition(":")
    return NOT_FOUND_REASONS.get(code, NOT_FOUND_REASONS["not_covered"]).format(detail=detail)


def suggestion_line(number: int, question: str) -> str:
    return f"  {number}. {question}"


TERMINAL_SUGGESTION_HINT = "（输入序号即可提问）"


def suggestion_button(question: str, width: int = 30) -> str:
    """A 您可能想问 button: the question, shortened to fit a button."""
    return question if len(question) <= width else question[: width - 1] + "…"


# -- the bureau list, a page at a time ------------------------------------------------------------------------------
BUTTON_MORE_BUREAUS = "更多单位 »"
BUTTON_PREVIOUS_BUREAUS = "« 上一页"


def page_of(page: int, pages: int) -> str:
    return f"（第 {page}/{pages} 页）"


# -- the web pages (bot/web; Jinja2 escapes every value) ------------------------------------------------------------
SITE_NAME = "访谈原文问答"
SITE_TAGLINE = "用政府部门已发表访谈的原文回答问题：谁说的、回答记者的哪个问题、发表在哪里。访谈里没有的内容，如实说“没有找到”，从不自己编写答案。"
NAV_ASK = "提问"
NAV_INTERVIEWS = "全部访谈"
NAV_STAFF = "工作台"
ASK_LABEL = "您的问题"
ASK_PLACEHOLDER = "例如：疫情期间海域使用金可以缓缴吗？"
ASK_BUTTON = "查找原文"
ASK_FOLLOWS = "接着问：输入的问题会接着上面的问题理解。"
NEW_TOPIC_LINK = "换个话题"
BUREAU_LABEL = "单位"
ALL_BUREAUS = "全部单位"
EXAMPLES_HEADING = "可以这样问"
BUREAUS_HEADING = "收录的单位"
SUGGESTIONS_HEADING = "您可能想问"
HIGH_CONFIDENCE = "访谈原文"
NOT_FOUND_WEB = "访谈中没有找到与这个问题相关的内容。本网站只引用已发表的访谈原文，不会自己编写答案。"
READ_IN_CONTEXT = "在全文中查看"
ORIGINAL_LINK = "原文链接"
PERMALINK = "本段链接"
INTERVIEWS_HEADING = "全部访谈"
INTERVIEW_SOURCE_MISSING = "（原始文件暂时无法读取，以下只列出已收录的段落。）"
INTERVIEW_META_SPEAKER = "受访人"
INTERVIEW_META_FILE = "文件"
NOT_FOUND_PAGE = "没有这个页面。"
PASSAGE_NOT_FOUND = "找不到这段原文（访谈库可能已更新）。"
INTERVIEW_NOT_FOUND = "找不到这篇访谈（访谈库可能已更新）。"
BAD_REQUEST = "请求无法识别。"
SERVER_ERROR = "抱歉，服务器出了点问题，请稍后再试。"
BODY_TOO_LARGE = "提交的内容太大了，请缩短文字或换一个较小的文件。"
BACK_HOME = "返回首页"
FOOTER = "每段回答都是访谈原文的逐字引用。"
API_ERROR_QUERY = "缺少参数 q（问题）"
API_ERROR_CLAIM = "缺少说法：请提交 JSON {\"claim\": \"……\"} 或表单字段 claim"
API_ERROR_TOP_K = "top_k 必须是 1 到 20 之间的整数"
API_ERROR_JSON = "请求体不是有效的 JSON"


def unknown_bureau(given: str, close: tuple[str, ...], names: tuple[str, ...]) -> str:
    """A bureau filter that names no bureau of the corpus (/api/search?bureau=)."""
    if close:
        return f"「{given}」不是访谈库中的单位，您是不是要找：{'、'.join(close)}"
    return f"「{given}」不是访谈库中的单位。访谈库中的单位：{'、'.join(names) or '（无）'}"
TELEGRAM_FORBIDDEN = "forbidden"

# the reasons a question was not answered (index.search.rules codes)
REASONS = {
    "no_more": "上一个回答的原文已经全部列出了。可以换个问法，或者问别的问题。",
    "small_talk": "这像是寒暄而不是问题。可以直接问访谈里谈到的事。",
    "not_covered": "访谈中没有与这个问题相关的内容。",
    "empty": "请输入一个问题。",
}


def web_reason(code: str) -> str:
    """A reason code (`unknown_place:青岛`) in words."""
    name, _, detail = code.partition(":")
    if name == "unknown_place" and detail:
        return f"访谈库中没有关于「{detail}」的访谈。"
    if name == "unknown_year" and detail:
        return f"访谈中没有提到{detail}年。"
    if name == "unknown_bureau" and detail:
        return f"访谈库中没有「{detail}」的访谈。"
    return REASONS.get(name, REASONS["not_covered"])


def page_title(part: str) -> str:
    return f"{part} - {SITE_NAME}"


def search_title(query: str) -> str:
    return f"“{query}”"


def searched_bureau(bureau: str) -> str:
    return f"只在「{bureau}」的访谈中查找"


def passages_count(count: int) -> str:
    return f"{count}段原文"


def too_many_requests(seconds: int) -> str:
    return f"请求太频繁了，请 {seconds} 秒后再试。"


# -- the staff console ----------------------------------------------------------------------------------------------
STAFF_TITLE = "工作台"
STAFF_LOGIN_TITLE = "工作人员登录"
STAFF_LOGIN_LABEL = "工作台密钥"
STAFF_LOGIN_BUTTON = "登录"
STAFF_LOGIN_FAILED = "密钥不正确。"
STAFF_LOGIN_REQUIRED = "请先登录工作台。"
STAFF_LOGIN_TOO_FAST = "尝试次数太多，请一分钟后再试。"
STAFF_OFF = "工作台未开启：请在服务器上设置环境变量 INTERVIEW_QA_STAFF_TOKEN（至少16个字符）后重启。"
STAFF_LOGOUT = "退出登录"
STAFF_CSRF = "表单已过期，请刷新页面后重新提交。"
STAFF_CLAIM_HEADING = "核对一个说法"
STAFF_CLAIM_LABEL = "说法"
STAFF_CLAIM_PLACEHOLDER = "例如：据威海市海洋发展局介绍，疫情期间缓缴资金2亿元。"
STAFF_CLAIM_BUTTON = "核对"
STAFF_DOCUMENT_HEADING = "核对整篇文字"
STAFF_DOCUMENT_LABEL = "粘贴新闻稿或文章"
STAFF_DOCUMENT_FILE = "或上传文件（.txt .md .html .docx .pdf）"
STAFF_DOCUMENT_BUTTON = "逐句核对"
STAFF_DOCUMENT_EMPTY = "请粘贴文字或上传一个文件。"
STAFF_NOT_CHECKED = "未核对（超出数量上限）"
STAFF_CLAIM_SIDE = "说法"
STAFF_RECORD_SIDE = "原文"
STAFF_DIFFERENCES = "不同之处"
STAFF_LOG_HEADING = "提问记录"
STAFF_LOG_OFF = "提问记录未开启（config.yaml 中 query_log.enabled）。"
STAFF_LOG_EMPTY = "还没有提问记录。"
STAFF_LOG_CSV = "下载 CSV"
STAFF_RELOAD_HEADING = "访谈库"
STAFF_RELOAD_BUTTON = "重新加载访谈库"
STAFF_RELOAD_BUSY = "正在重新加载，请稍候。"
STAFF_FILES_HEADING = "访谈文件"
STAFF_FILES_NOTE = "读取不全的文件排在前面：没有识别出局名或城市、没有问答、有警告或无法读取。可在文件开头加 YAML 前言（bureau: …）补全。"
STAFF_FILES_COLUMNS = ("文件", "格式", "版式", "单位", "城市", "发言人", "问答", "段落", "警告")
STAFF_FILES_UNKNOWN = "（未识别）"
STAFF_FILES_UNREADABLE = "无法读取"
LAYOUT_NAMES = {"online_interview": "在线访谈", "press_conference": "新闻发布会", "press_qa": "答记者问/政策解读",
                "interview": "访谈", "paragraphs": "无问答（按段落）"}
STAFF_CHART_DAILY = "每日提问（按结果）"
STAFF_CHART_TOP = "问得最多的问题"
STAFF_CHART_UNANSWERED = "没有找到答案的问题"
STAFF_CHART_DISLIKED = "被评为“没帮助”最多的段落"
STAFF_CHART_ANSWERED = "找到答案"
STAFF_CHART_NOT_FOUND = "没有找到"
STAFF_CHART_NONE = "暂无数据"
STAFF_COLUMN_QUESTION = "问题"
STAFF_COLUMN_TIMES = "次数"
STAFF_COLUMN_PASSAGE = "段落"
STAFF_COLUMN_BUREAU = "单位"
STAFF_UPLOAD_TYPE = "只能上传 .txt、.md、.html、.docx 或 .pdf 文件。"
VERDICT_LABELS = {"verbatim": "原文如此", "consistent": "与原文一致", "differs": "与原文有出入", "not_found": "没有找到",
                  "not_checked": "未核对", "no_attribution": "无引述"}
STAFF_FACTS = "一致的内容"


def attributed_to(speaker: str) -> str:
    """Who a sentence attributes its statement to, as the console and `verify --file` show it."""
    return f"引述：{speaker}"


STAFF_RELOAD_WARNINGS = "以下文件没有收录或需要检查："


def staff_more_warnings(count: int) -> str:
    return f"……还有 {count} 条，见服务器日志。"


def staff_reloaded(changed: bool, seconds: float, passages: int, interviews: int) -> str:
    done = "访谈库已重新加载" if changed else "访谈库没有变化"
    return f"{done}（用时 {seconds:.1f} 秒）：{interviews} 篇访谈、{passages} 段原文。"


def staff_document_counts(counts: dict[str, int]) -> str:
    checked = counts["verbatim"] + counts["consistent"] + counts["differs"] + counts["not_found"] + counts["not_checked"]
    return (f"引述 {checked} 处：原文如此 {counts['verbatim']}，与原文一致 {counts['consistent']}，"
            f"与原文有出入 {counts['differs']}，没有找到 {counts['not_found']}；无引述的句子 {counts['no_attribution']} 句。")


def staff_log_summary(total: int, answered: int, up: int, down: int, users: int) -> str:
    return f"共 {total} 个问题，找到答案 {answered} 个，评价“有帮助” {up} 次、“没帮助” {down} 次，提问人数 {users}。"


def upload_unreadable(name: str, why: str) -> str:
    return f"无法读取文件「{name}」：{why}"


def document_sentence_line(start: int, end: int, sentence: str, speaker: str | None = None) -> str:
    """The head of one checked sentence in `interview-qa verify --file`, with who it is attributed to."""
    who = f"（{attributed_to(speaker)}）" if speaker else ""
    return f"【第{start}–{end}字】{sentence}{who}"


def corpus_size(interviews: int, passages: int) -> str:
    return f"目前收录 {interviews} 篇访谈、{passages} 段原文。"
