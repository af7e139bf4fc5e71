"""Builds tests/fixtures/layouts16/lingtang-hrss-online.docx: a FICTIONAL 在线访谈 文字实录 of 菱塘市人民政府网 with
菱塘市人力资源和社会保障局, whose GUEST INFORMATION IS ONLY IN A TEXT BOX.

Layout exercised: the names, titles and unit of the guests (贺明远, 菱塘市人力资源和社会保障局党组书记、局长; 乔颖,
printed "乔　颖" with a full-width space to align the two-character name, 就业促进科科长) and the host (苏畅) are only in
a floating text box (访谈信息) anchored in an otherwise empty paragraph above the transcript, as Word 2010+ writes one:
a w:drawing with wp:anchor and a wps:wsp shape whose wps:txbx holds w:txbxContent, inside mc:AlternateContent, with
the VML fallback (w:pict / v:shape / v:textbox) carrying the SAME w:txbxContent a second time. The transcript is
Normal paragraphs whose labels are bold runs by surname and title only ("主持人：", "贺局长：", "乔科长：",
"网友“菱角花开”："); the body never joins a guest's name to a title. 贺局长's first answer runs over two paragraphs
(the second unlabelled). One netizen question is answered by 乔科长 then 贺局长 ("我补充一点").

    /work/main/.venv/bin/python tests/fixture_builders/lingtang_hrss_online.py

Only python-docx is needed (a project dependency); the text box XML is built with its oxml parser. The bytes are
reproducible (fixed zip timestamps and core properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts16" / "lingtang-hrss-online.docx"

TITLE = "“稳岗扩岗　就业惠民”在线访谈文字实录"
SOURCE = "来源：菱塘市人民政府网　　发布时间：2025-06-12 17:30"
FICTION = "（本文为虚构示例，城市、人物、机构、数据和电话均为虚构，仅供软件测试使用。）"
# the text box: (text, bold, centred)
BOX: list[tuple[str, bool, bool]] = [
    ("访谈信息", True, True),
    ("访谈主题：稳岗扩岗　就业惠民", False, False),
    ("访谈时间：2025年6月12日（星期四）15:00", False, False),
    ("访谈嘉宾：贺明远　菱塘市人力资源和社会保障局党组书记、局长", False, False),
    ("　　　　　乔　颖　菱塘市人力资源和社会保障局就业促进科科长", False, False),
    ("主 持 人：苏畅（菱塘市人民政府网）", False, False),
]
HOST, HE, QIAO = "主持人：", "贺局长：", "乔科长："
# (bold label or "", words)
BODY: list[tuple[str, str]] = [
    (HOST, "各位网友，大家下午好！欢迎来到菱塘市人民政府网在线访谈。今年是稳就业政策集中落地的一年，今天我们围绕"
           "“稳岗扩岗　就业惠民”这个主题，请两位嘉宾为大家解读我市的就业政策，并回答网友的提问。两位嘉宾好！"),
    (HE, "主持人好，各位网友，大家下午好！"),
    (QIAO, "大家好！"),
    (HOST, "贺局长，今年我市在稳就业方面出台了哪些政策？全年的目标是多少？"),
    (HE, "今年我市的目标是城镇新增就业5.2万人，城镇调查失业率控制在5.5%以内。围绕这个目标，市政府出台了“稳就业"
         "十条”，主要是三个方面：一是支持企业稳岗扩岗，对招用登记失业人员、高校毕业生的企业，按每人1500元发放一次性"
         "扩岗补助；二是减轻企业负担，继续实施阶段性降低失业保险费率政策，今年预计为企业减负2.1亿元；三是支持创业带动"
         "就业，个人创业担保贷款额度最高30万元，小微企业最高400万元，符合条件的由财政全额贴息。"),
    ("", "从前五个月的情况看，全市城镇新增就业2.37万人，完成年度目标的45.6%，就业形势总体稳定。下半年，我们还将举办"
         "“春风行动”“百日千万”等各类招聘活动300场以上。"),
    (HOST, "下面进入网友提问环节。"),
    ("网友“菱角花开”：", "我是今年的应届毕业生，学的是会计，打算回菱塘找工作，有没有什么补贴？"),
    (QIAO, "欢迎你回家乡就业！对到我市企业就业、签订1年以上劳动合同并缴纳社会保险的高校毕业生，我们发放一次性就业"
           "补贴，本科3000元、硕士1万元、博士3万元。暂时没找到合适工作的，可以参加就业见习，见习期3到12个月，见习期间"
           "每人每月发放见习补贴1800元。今年全市已募集见习岗位4200个，你可以登录“菱塘就业”微信小程序查询和报名。"),
    ("网友“塘西老周”：", "我今年52岁，原来的厂子关了，年纪大了不好找工作，政府能帮帮忙吗？"),
    (QIAO, "周师傅，像您这种情况，可以到户籍所在地或者常住地的街道、乡镇便民服务中心申请认定就业困难人员。认定后，"
           "我们会提供“一对一”就业援助，优先推荐到公益性岗位，今年全市新开发公益性岗位1850个。企业招用就业困难人员的，"
           "给予社会保险补贴，这样企业招您的积极性也会更高。"),
    (HE, "我补充一点。为了方便大家就近找活干，我们在全市建成了零工市场9个、零工驿站56个，每天早上6点半开门，免费提供"
         "岗位信息和技能培训报名。52岁正是干事的年纪，技能培训补贴最高每人2000元，学一门手艺，路子会更宽。"),
    (HOST, "贺局长，还有不少网友关心创业扶持，想自己开个小店，能申请哪些支持？"),
    (HE, "首次创业、正常经营1年以上的小微企业和个体工商户，可以申请一次性创业补贴5000元；入驻市级创业孵化基地的，前两年"
         "免收场地租金。创业担保贷款个人最高30万元，财政贴息。具体可以咨询市人社局创业服务窗口，电话8578 6120，也可以在"
         "“菱塘就业”小程序上在线申请。"),
    (HOST, "感谢贺局长和乔科长的精彩解读，也感谢广大网友的积极参与。没有来得及回答的网友留言，我们会在访谈结束后转交市人社"
           "局办理答复。本期访谈到此结束，再见！"),
    (HE, "谢谢大家，再见！"),
]

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
      'xmlns:w10="urn:schemas-microsoft-com:office:word"')
WIDTH_EMU, HEIGHT_EMU = 5400000, 1728000  # 150 mm x 48 mm


def _box_content() -> str:
    paragraphs = []
    for text, bold, centred in BOX:
        ppr = '<w:pPr><w:spacing w:after="40"/>' + ('<w:jc w:val="center"/>' if centred else "") + "</w:pPr>"
        rpr = "<w:rPr>" + ("<w:b/>" if bold else "") + '<w:sz w:val="24"/></w:rPr>'
        paragraphs.append(f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')
    return "<w:txbxContent>" + "".join(paragraphs) + "</w:txbxContent>"


def _text_box_run() -> str:
    content = _box_content()
    return (
        f'<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{WIDTH_EMU}" cy="{HEIGHT_EMU}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapTopAndBottom/><wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{WIDTH_EMU}" cy="{HEIGHT_EMU}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="EEF3FA"/></a:solidFill>'
        '<a:ln w="12700"><a:solidFill><a:srgbClr val="2F5496"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx>{content}</wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" '
        'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        '<v:shape id="文本框 1" o:spid="_x0000_s1026" type="#_x0000_t202" style="position:absolute;margin-left:0;'
        'margin-top:0;width:425.2pt;height:136.05pt;z-index:251659264;visibility:visible;mso-wrap-style:square;'
        'mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical-relative:text" '
        'fillcolor="#eef3fa" strokecolor="#2f5496" strokeweight="1pt">'
        f'<v:textbox>{content}</v:textbox><w10:wrap type="topAndBottom" anchorx="margin"/></v:shape>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "宋体", 12)
    props = doc.core_properties
    props.author = "菱塘市人民政府网"
    props.title = TITLE
    props.created = dt.datetime(2025, 6, 12, 16, 40, 0)
    props.modified = dt.datetime(2025, 6, 12, 17, 25, 0)
    props.last_modified_by = "sc"
    props.revision = 2

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(title, TITLE, bold=True)
    source = doc.add_paragraph()
    source.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(source, SOURCE)
    doc.add_paragraph(FICTION)
    anchor = doc.add_paragraph()
    anchor._p.append(parse_xml(_text_box_run()))
    for label, words in BODY:
        paragraph = doc.add_paragraph()
        if label:
            add_text(paragraph, label, bold=True)
        add_text(paragraph, words)

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2025, 6, 12, 17, 25, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
