"""Builds tests/fixtures/layouts16/zhuyang-transport-ride-hailing-qa.docx: a FICTIONAL 答记者问 of 渚阳市交通运输局,
saved as a DRAFT WITH TRACKED CHANGES (修订) and one Word comment (批注).

Layout exercised: "市交通运输局有关负责人就《渚阳市网络预约出租汽车经营服务管理实施细则》答记者问", questions and
answers labelled by a bold "问：" / "答：" run. The reviser (陈一鸣) worked with 修订 on:
- w:del / w:ins runs inside the lead, inside questions (the second question's opening "关于" deleted and "《细则》对"
  inserted) and inside answers (deleted figures replaced by inserted ones: 14 -> 16 家, 1.2万 -> 1.38万 辆, 30% ->
  27%, 48小时 -> 24小时 ...);
- a whole paragraph INSERTED (its paragraph mark marked w:ins too): the second answer's last paragraph;
- a whole question and its answer DELETED (runs in w:del, both paragraph marks deleted): the one on 巡游出租车运价.
A reader of the final text (Word's "无标记" view, or after 接受所有修订) sees the inserted text and not the deleted:
four questions. One comment by 周蕾 (办公室) is anchored on the inserted "1.38万" of the first answer; it is a margin
note, not part of the answer. settings.xml has w:trackRevisions on, as a draft saved in 修订 mode.

    /work/main/.venv/bin/python tests/fixture_builders/zhuyang_transport_ride_hailing_qa.py

Only python-docx is needed (a project dependency); the revision and comment-range elements are built with its oxml
API. The bytes are reproducible (fixed zip timestamps, core properties, revision and comment dates).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from docx_parts import set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts16" / "zhuyang-transport-ride-hailing-qa.docx"

REVISER = "陈一鸣"
REVISED_AT = "2025-03-11T09:12:00Z"
COMMENTER = "周蕾"
COMMENTED_AT = dt.datetime(2025, 3, 11, 10, 5, 0, tzinfo=dt.timezone.utc)
COMMENT = "请运管科再核一下：1.38万辆是否包含已注销运输证的车辆？统一按2月底的统计口径。"

TITLE = "市交通运输局有关负责人就《渚阳市网络预约出租汽车经营服务管理实施细则》答记者问"
DRAFT = "（2025年3月11日修改稿，审核后在局门户网站“政策解读”栏目发布）"
FICTION = "（本文为虚构示例，城市、人物、机构、数据和电话均为虚构，仅供软件测试使用。）"

# A paragraph: (label or "", [(kind, text)], paragraph-mark revision or None); kind "" plain, "ins", "del".
Seg = tuple[str, str]
BODY: list[tuple[str, list[Seg], str | None]] = [
    ("", [("", "近日，渚阳市交通运输局会同市公安局、市市场监督管理局等"), ("del", "四"), ("ins", "五"),
          ("", "部门联合印发《渚阳市网络预约出租汽车经营服务管理实施细则》（以下简称《细则》），自2025年4月1日起施行。"
               "市交通运输局有关负责人就《细则》的主要内容接受了记者采访。")], None),
    ("问：", [("", "《细则》出台的背景是什么？"), ("ins", "为什么要在这个时候修订？")], None),
    ("答：", [("", "我市现行的网约车管理暂行办法于2017年出台，对规范网约车经营发挥了积极作用。近年来，全市网约车行业"
                   "发展很快，截至2024年底，在我市开展经营的网约车平台公司有"), ("del", "14"), ("ins", "16"),
              ("", "家，取得《网络预约出租汽车运输证》的车辆"), ("del", "1.2万"), ("ins", "1.38万"),
              ("", "辆，取得驾驶员证的人员"), ("del", "2.1万"), ("ins", "2.46万"), ("", "人，日均订单约"),
              ("del", "21"), ("ins", "23"),
              ("", "万单。与此同时，平台抽成比例不透明、部分车辆“人车不符”、乘客投诉处理慢等问题也比较突出，"),
              ("del", "社会反映强烈，"),
              ("", "原办法已不能完全适应行业发展和监管需要。为此，我们在充分调研和公开征求意见的基础上，制定了《细则》。")],
     None),
    ("问：", [("del", "关于"), ("ins", "《细则》对"), ("", "驾驶员"), ("ins", "权益保障"), ("del", "的收入问题"),
              ("", "有哪些新规定？")], None),
    ("答：", [("", "《细则》专门设置了“驾驶员权益保障”一章。一是要求平台公司向驾驶员和乘客同时公示每笔订单的计价规则、"
                   "抽成比例和实际收入，抽成比例上限不得超过"), ("del", "30%"), ("ins", "27%"),
              ("", "；二是平台调整计价规则、抽成比例的，应当提前"), ("del", "7"), ("ins", "15"),
              ("", "日向社会公示并告知驾驶员；三是平台应当合理安排驾驶员连续驾驶时间，连续接单满4小时的，强制休息不少于"
                   "20分钟。")], None),
    ("", [("ins", "此外，《细则》鼓励平台公司在机场、高铁站等重点区域建设驾驶员休息点，市交通运输局将会同各区在2025年内"
                  "新建“司机之家”12处。")], "ins"),
    ("问：", [("del", "巡游出租车的运价会不会随之调整？")], "del"),
    ("答：", [("del", "此次《细则》不涉及巡游出租车运价调整。巡游出租车运价由市发展改革委会同我局另行研究，目前起步价仍为"
                      "2公里8元。")], "del"),
    ("问：", [("", "乘客遇到“人车不符”"), ("ins", "或者被多收费"), ("", "，"), ("del", "该怎么投诉"), ("ins", "怎么维权"),
              ("", "？")], None),
    ("答：", [("", "乘客发现实际提供服务的车辆、驾驶员与平台派单信息不一致的，可以拒绝乘车，并通过平台App一键投诉，也可以"
                   "拨打12345政务服务便民热线或者市交通运输综合执法支队投诉电话8862 5310。《细则》要求平台公司对乘客投诉在"),
              ("del", "48小时"), ("ins", "24小时"), ("", "内作出处理，对多收的费用先行赔付。去年，市交通运输综合执法支队查处"
                                                   "“人车不符”案件"), ("del", "1167"), ("ins", "1172"), ("", "起。"),
              ("ins", "今年我们将把“人车不符”率纳入平台公司服务质量信誉考核。")], None),
    ("问：", [("", "《细则》对已经在营运的车辆有没有过渡期？")], None),
    ("答：", [("", "有。《细则》施行前已取得运输证的车辆，在运输证有效期内可以继续营运；车辆轴距、排量等技术条件不符合"
                   "《细则》的，给予"), ("del", "一年"), ("ins", "两年"),
              ("", "过渡期，至"), ("del", "2026年"), ("ins", "2027年"),
              ("", "3月31日止。过渡期内，车辆不得变更车主，平台公司应当逐步更新替换。")], None),
]
SOURCE = "（来源：渚阳市交通运输局）"

_rev_id = [100]


def _next_id() -> str:
    _rev_id[0] += 1
    return str(_rev_id[0])


def _revision(tag: str) -> OxmlElement:
    return OxmlElement(tag, attrs={qn("w:id"): _next_id(), qn("w:author"): REVISER, qn("w:date"): REVISED_AT})


def _run(text: str, *, bold: bool, deleted: bool) -> OxmlElement:
    r = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        r.append(rpr)
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    return r


def _paragraph(doc, label: str, segments: list[Seg], mark: str | None, *, bold: bool):  # type: ignore[no-untyped-def]
    paragraph = doc.add_paragraph()
    p = paragraph._p
    if mark is not None:
        ppr = p.get_or_add_pPr()
        rpr = OxmlElement("w:rPr")
        rpr.append(_revision("w:ins" if mark == "ins" else "w:del"))
        ppr.append(rpr)
    if label:
        if mark is None:
            p.append(_run(label, bold=True, deleted=False))
        else:  # the label belongs to the revised paragraph
            wrap = _revision("w:ins" if mark == "ins" else "w:del")
            wrap.append(_run(label, bold=True, deleted=mark == "del"))
            p.append(wrap)
    placed = []
    for kind, text in segments:
        if kind == "":
            element = _run(text, bold=bold, deleted=False)
        else:
            element = _revision("w:ins" if kind == "ins" else "w:del")
            element.append(_run(text, bold=bold, deleted=kind == "del"))
        p.append(element)
        placed.append((kind, text, element))
    return paragraph, placed


def _anchor_comment(doc, element) -> None:  # type: ignore[no-untyped-def]
    """Comment on `element` (a w:ins): range start before it, range end and the reference run after it."""
    comment = doc.comments.add_comment(text=COMMENT, author=COMMENTER, initials="ZL")
    comment._comment_elm.date = COMMENTED_AT
    cid = str(comment.comment_id)
    element.addprevious(OxmlElement("w:commentRangeStart", attrs={qn("w:id"): cid}))
    end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): cid})
    element.addnext(end)
    ref = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    ref.append(rpr)
    ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): cid}))
    end.addnext(ref)


def _track_revisions(doc) -> None:  # type: ignore[no-untyped-def]
    settings = doc.settings.element
    tab = settings.find(qn("w:defaultTabStop"))
    tab.addprevious(OxmlElement("w:trackRevisions"))


def build() -> bytes:
    _rev_id[0] = 100
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋_GB2312", 14)
    props = doc.core_properties
    props.author = "chenym"
    props.title = TITLE
    props.created = dt.datetime(2025, 3, 10, 15, 40, 0)
    props.modified = dt.datetime(2025, 3, 11, 10, 6, 0)
    props.last_modified_by = "周蕾"
    props.revision = 7

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(TITLE).bold = True
    draft = doc.add_paragraph()
    draft.alignment = WD_ALIGN_PARAGRAPH.CENTER
    draft.add_run(DRAFT)
    doc.add_paragraph(FICTION)

    for label, segments, mark in BODY:
        _, placed = _paragraph(doc, label, segments, mark, bold=label == "问：")
        for kind, text, element in placed:
            if kind == "ins" and text == "1.38万":
                _anchor_comment(doc, element)

    source = doc.add_paragraph()
    source.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    source.add_run(SOURCE)
    _track_revisions(doc)

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2025, 3, 11, 10, 6, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
