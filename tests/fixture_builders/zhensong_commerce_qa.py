"""Builds tests/fixtures/layouts21/zhensong-commerce-qa.docx: a FICTIONAL 答记者问 of 蓁淞市商务局, as the city's OA
system fills its 政策解读 TEMPLATE: the document's variable parts are Word CONTENT CONTROLS (w:sdt).

Layout exercised:
- the title is one paragraph whose first words, the issuer "蓁淞市商务局", are an INLINE plain-text content control
  (alias 发布机构) followed by the plain run "有关负责人就《蓁淞市汽车以旧换新补贴实施细则》答记者问" — the only place the
  bureau is written with its city (the lead says 市商务局);
- the 发布日期 is an inline DATE-PICKER control (w:date, "2025年6月3日"), the 来源 an inline control as well;
- every question is a paragraph whose bold "问：" is static template text and whose words are an INLINE plain-text
  control (alias 问题, tag q1…q5);
- every answer is a BLOCK-LEVEL rich-text control (alias 答复, tag a1…a5) holding its paragraphs: the first opens with
  a bold "答："; answers 1, 2 and 3 have a second paragraph (unlabelled) inside the same control;
- the template's FIFTH slot was left UNFILLED: "问：" + the question control and the answer control both still show
  Word's placeholder (w:showingPlcHdr, character style 占位符文本 / PlaceholderText, "单击或点击此处输入文字。"): not a
  question, not an answer.
A reader that walks only the body's direct w:p children and their direct w:r runs sees no issuer in the title, the
bare labels "问：" and none of the answers.

    /work/main/.venv/bin/python tests/fixture_builders/zhensong_commerce_qa.py

Only python-docx is needed (a project dependency); the controls are built with its oxml parser. The bytes are
reproducible (fixed zip timestamps and core properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import RGBColor

from docx_parts import set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts21" / "zhensong-commerce-qa.docx"

ISSUER = "蓁淞市商务局"
TITLE_REST = "有关负责人就《蓁淞市汽车以旧换新补贴实施细则》答记者问"
DATE_TEXT, DATE_ISO = "2025年6月3日", "2025-06-03T00:00:00Z"
LEAD = ("为进一步激发汽车消费潜力，市商务局会同市财政局、市公安局交通警察支队制定了《蓁淞市汽车以旧换新补贴实施细则》"
        "（以下简称《细则》），自2025年6月1日起施行。日前，市商务局有关负责人就《细则》有关内容回答了记者提问。")
FICTION = "（本文为虚构示例，城市、机构、文件、数据和电话均为虚构，仅供软件测试使用。）"
PLACEHOLDER = "单击或点击此处输入文字。"

QA: list[tuple[str, list[str]]] = [
    ("今年的汽车以旧换新补贴和去年相比，有哪些变化？", [
        "今年的补贴政策主要有三个变化。一是补贴范围扩大，除报废更新外，新增了置换更新补贴，个人将名下的旧车转让并"
        "购买新车的也可以申请；二是补贴标准提高，报废旧车并购买新能源乘用车的，补贴由去年的1万元提高到2万元；三是"
        "申请更便捷，全程在“蓁淞商务”微信小程序上办理，不用再跑窗口。",
        "今年市、县两级共安排补贴资金2.4亿元，预计可以带动汽车消费约40亿元。",
    ]),
    ("哪些车辆可以申请补贴？补贴标准是多少？", [
        "报废更新方面，个人报废2012年6月30日前注册登记的燃油乘用车，或者2018年12月31日前注册登记的新能源乘用车，"
        "并在本市购买新车的，购买新能源乘用车补贴2万元，购买排量2.0升及以下的燃油乘用车补贴1.5万元。",
        "置换更新方面，个人转让本人名下的乘用车并在本市购买新车的，按新车价格分档补贴：10万元以下的补贴3000元，10万元"
        "至20万元的补贴5000元，20万元以上的补贴8000元。报废更新和置换更新补贴不能重复享受。",
    ]),
    ("2025年6月1日之前已经买了车，还能申请补贴吗？", [
        "《细则》第四条规定：本细则适用于2025年6月1日至2025年12月31日期间，在本市完成新车购买和旧车报废或者转让"
        "手续的个人消费者。",
        "6月1日之前购买的新车不在这次的补贴范围内。但是符合去年政策条件、还没有提出申请的，可以在6月30日前按照去年的"
        "标准补充申请。",
    ]),
    ("补贴怎么申请？多长时间能到账？", [
        "消费者完成购车和旧车报废或者转让后，登录“蓁淞商务”微信小程序，上传身份证、新车发票、机动车登记证书和《报废"
        "机动车回收证明》或者旧车转让登记证明，就可以提交申请。商务部门会同财政、公安交管部门在15个工作日内完成审核，"
        "审核通过后10个工作日内把补贴资金发放到申请人本人的银行账户。咨询电话：0123-68826201。",
    ]),
]

_ids = iter(range(811200, 811300))


def _run(text: str, *, bold: bool = False, placeholder: bool = False) -> str:
    props = ""
    if placeholder:
        props = '<w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
    elif bold:
        props = "<w:rPr><w:b/></w:rPr>"
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _sdt_pr(alias: str, tag: str, kind: str = "<w:text/>", placeholder: bool = False) -> str:
    shown = "<w:showingPlcHdr/>" if placeholder else ""
    return (f'<w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{tag}"/><w:id w:val="{next(_ids)}"/>'
            f'<w:lock w:val="sdtLocked"/>{shown}{kind}</w:sdtPr>')


def _inline(alias: str, tag: str, text: str, *, kind: str = "<w:text/>", bold: bool = False,
            placeholder: bool = False) -> str:
    return (f"<w:sdt>{_sdt_pr(alias, tag, kind, placeholder)}"
            f"<w:sdtContent>{_run(text, bold=bold, placeholder=placeholder)}</w:sdtContent></w:sdt>")


def _para(inner: str, *, centre: bool = False, indent: bool = True) -> str:
    ppr = ('<w:pPr><w:jc w:val="center"/></w:pPr>' if centre
           else '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>' if indent else "")
    return f"<w:p>{ppr}{inner}</w:p>"


def _append(doc, xml: str) -> None:  # type: ignore[no-untyped-def]
    body = doc.element.body
    body.insert(len(body) - 1, parse_xml(f'<w:wrap {nsdecls("w")}>{xml}</w:wrap>')[0])


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋_GB2312", 16)
    placeholder_style = doc.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    placeholder_style.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    props = doc.core_properties
    props.author = "zsswj-oa"
    props.title = "政策解读（答记者问）模板"
    props.created = dt.datetime(2025, 1, 6, 9, 0, 0)
    props.modified = dt.datetime(2025, 6, 3, 11, 25, 0)
    props.last_modified_by = "zsswj-oa"
    props.revision = 3

    title = (_inline("发布机构", "fbjg", ISSUER, bold=True) + _run(TITLE_REST, bold=True))
    _append(doc, _para(title, centre=True))
    date_kind = (f'<w:date w:fullDate="{DATE_ISO}"><w:dateFormat w:val="yyyy\'年\'M\'月\'d\'日\'"/>'
                 '<w:lid w:val="zh-CN"/><w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/>'
                 '</w:date>')
    meta = (_run("发布日期：") + _inline("发布日期", "fbrq", DATE_TEXT, kind=date_kind) + _run("　　来源：")
            + _inline("来源", "ly", ISSUER))
    _append(doc, _para(meta, centre=True))
    _append(doc, _para(_run(LEAD)))

    slots = [(q, a, False) for q, a in QA] + [(PLACEHOLDER, [PLACEHOLDER], True)]
    for n, (question, answer, empty) in enumerate(slots, 1):
        _append(doc, _para(_run("问：", bold=True) + _inline("问题", f"q{n}", question, bold=True, placeholder=empty)))
        paragraphs = []
        for i, text in enumerate(answer):
            if empty:
                paragraphs.append(_para(_run(text, placeholder=True)))
            elif i == 0:
                paragraphs.append(_para(_run("答：", bold=True) + _run(text)))
            else:
                paragraphs.append(_para(_run(text)))
        _append(doc, f"<w:sdt>{_sdt_pr('答复', f'a{n}', '<w:richText/>', empty)}"
                     f"<w:sdtContent>{''.join(paragraphs)}</w:sdtContent></w:sdt>")
    _append(doc, _para(_run(FICTION), indent=False))

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2025, 6, 3, 11, 25, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
