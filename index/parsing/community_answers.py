"""A travel or shopping site's community Q&A page ("问大家"): each question with answers from travellers and from
accounts the site marks official (a bureau's, a scenic area's 管委会), and reviews an official account replied to.
Only the official accounts answer for anyone: the page is read as each question (or replied review) followed by the
official answers, labelled with the unit the site certifies for the account ("认证信息：……", "……官方账号"); travellers'
answers and the site's furniture are nobody's words and left out."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from index.parsing.orgs import is_unit_name

_ANSWER = re.compile(r"^(?:answer|reply|ans)(?:[-_]item)?$", re.I)
_OFFICIAL = re.compile(r"official|gov|verified", re.I)
_QUESTION = re.compile(r"ask-q|question|q-title|qa-q|cmt-text|comment-text", re.I)
_ASKER = re.compile(r"ask-meta|cmt-user|comment-user|user-name|nick", re.I)
_NAME = re.compile(r"ans-name|name|nick|user", re.I)
_CERTIFIED = re.compile(r"认证(?:信息|主体)?[：:][ \t\u3000]*(?P<unit>[\u4e00-\u9fff]{4,40})")
_OWN_ACCOUNT = re.compile(r"(?P<unit>[\u4e00-\u9fff]{4,40}?)(?:官方)?(?:账号|帐号)$")
MIN_QUESTIONS = 2


def _classes(tag: Tag) -> list[str]:
    return [str(c) for c in (tag.get("class") or [])]


def _is_official(tag: Tag) -> bool:
    return any(_OFFICIAL.search(c) for c in _classes(tag)) or tag.find(class_=_OFFICIAL) is not None


def _words(tag: Tag) -> str:
    """A block's words without its badges, names, dates and counts: its paragraphs."""
    paragraphs = [p.get_text(" ", strip=True) for p in tag.find_all("p")]
    return "\n".join(p for p in paragraphs if p)


def _account(answer: Tag, certified: dict[str, str]) -> str:
    """The unit an official answer speaks for: the one certified for its account, else the account's name."""
    name_tag = answer.find(class_=_NAME) or answer.find("b")
    name = name_tag.get_text(strip=True) if name_tag is not None else ""
    for tag in answer.find_all(["span", "em", "i"]):
        if (own := _OWN_ACCOUNT.search(tag.get_text(strip=True))) and is_unit_name(own["unit"]):
            return own["unit"]  # "政务 滹峋市文化广电和旅游局官方账号"
    return certified.get(name, name)


def community_answers_as_text(html: str, head: list[str]) -> str | None:
    """The page as questions and the official answers (`head`: the lines that open it, its title first); None when it
    is no such page (fewer than MIN_QUESTIONS questions an official account answered)."""
    soup = BeautifulSoup(html, "html.parser")
    answers = [t for t in soup.find_all(True) if any(_ANSWER.match(c) for c in _classes(t))]
    official = [t for t in answers if _is_official(t)]
    if len(official) < MIN_QUESTIONS:
        return None
    certified: dict[str, str] = {}
    for box in soup.find_all(string=_CERTIFIED):
        holder = box.find_parent(["aside", "section", "div"])
        named = holder.find_parent().find("b") if holder is not None and holder.find_parent() is not None else None
        if named is not None and (unit := _CERTIFIED.search(str(box))) and is_unit_name(unit["unit"]):
            certified[named.get_text(strip=True)] = unit["unit"]
    out = [*head, *(f"认证信息：{unit}" for unit in dict.fromkeys(certified.values())), ""]
    asked = 0
    for item in dict.fromkeys(a.parent for a in official if isinstance(a.parent, Tag)):
        question = item.find(class_=_QUESTION)
        if question is None:
            continue
        for badge in question.find_all(class_=re.compile(r"icon|badge", re.I)):
            badge.decompose()
        words = question.get_text(" ", strip=True)
        asker = item.find(class_=_ASKER)
        nick = re.split(r"[ \t\u3000]", asker.get_text(" ", strip=True))[0] if asker is not None else ""
        review = any("cmt" in c or "comment" in c for c in _classes(question))
        out += [f"网友“{nick}”：{words}" if review and nick else f"问：{words}", ""]
        for answer in item.find_all(lambda t: t in official):
            if text := _words(answer):
                first, *rest = text.split("\n")
                out += [f"【{_account(answer, certified)}】{first}", *rest, ""]  # in brackets: an account, never a name
        asked += 1
    return "\n".join(out) if asked >= MIN_QUESTIONS else None
