"""A 书面采访 answered by e-mail and saved as text: the bureau's reply, the reporter's questions quoted in it ("> 1. ……？")
and answered below each, then the reporter's original mail quoted under a separator ("----- 原始邮件 -----",
"-----Original Message-----", "在 2025年7月1日 …写道："). The original is the questions again, some never answered:
it is left out; the quote marks before the questions are taken off, so that each question reads as a question."""

from __future__ import annotations

import re

# the lines at the top of a saved mail: 发件人/发送时间/收件人/抄送/主题 (Foxmail, QQ mail, Outlook in Chinese) or
# From/Sent/To/Cc/Subject
_HEADER = re.compile(r"^(?:发件人|发送时间|收件人|抄送|主题|附件|日期|时间|From|Sent|Date|To|Cc|Subject|Attachments)[ \t]*[:：]",
                     re.I)
MIN_HEADER_LINES = 3
HEADER_LINES = 12  # where the header is looked for
_ORIGINAL = re.compile(r"^[ \t]*(?:-{3,}[ \t]*(?:原始邮件|Original Message|回复的原邮件|转发的邮件|Forwarded message)[ \t]*-{3,}|"
                       r"在[ \t]*\d{4}年\d{1,2}月\d{1,2}日.{0,100}写道[:：]|On .{6,160} wrote:)[ \t]*$", re.I | re.M)
_QUOTED = re.compile(r"^>[ \t]?", re.M)


def mail_reply_as_text(body: str) -> str | None:
    """The reply without the original mail quoted under it and without the quote marks before the questions it
    answers; None when the text is no saved mail."""
    top = [line for line in body.splitlines()[:HEADER_LINES] if line.strip()]
    if sum(1 for line in top if _HEADER.match(line.strip())) < MIN_HEADER_LINES:
        return None
    original = _ORIGINAL.search(body)
    reply = body[: original.start()] if original else body
    return _QUOTED.sub("", reply).rstrip() + "\n"
