"""Builds tests/fixtures/layouts/xining-agriculture-policy.docx: a FICTIONAL 政策解读 of 溪宁市农业农村局.

Layout exercised: a .docx attachment with a header TABLE (发布机构 / 发布日期 / 文号 ...), the questions as
"（一）……？" headings in the Heading 2 style, answer paragraphs that start with bold lead phrases (一是……。),
a soft line break inside one paragraph, and a closing Heading 2 that is not a question (the contact block).

    /work/main/.venv/bin/python tests/fixture_builders/xining_agriculture_policy.py

Only python-docx is needed (a project dependency). The bytes are reproducible (fixed zip timestamps and core
properties).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from docx_parts import add_text, set_east_asian_font, stable_zip  # noqa: E402  (run as a script)

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "xining-agriculture-policy.docx"

TITLE = "《溪宁市高标准农田建设三年行动实施方案（2024—2026年）》政策解读"

HEADER_ROWS = [
    ("索引号", "XN-NYNCJ-2024-00087", "主题分类", "农业、畜牧业、渔业"),
    ("发布机构", "溪宁市农业农村局", "发布日期", "2024-05-20"),
    ("文号", "溪农发〔2024〕12号", "有效性", "有效"),
]

FICTION_NOTE = "（说明：本解读为虚构示例，文中机构、人物与数据纯属虚构，仅供软件测试使用。）"

INTRO = (
    "近日，经市政府同意，市农业农村局、市财政局、市自然资源和规划局联合印发了《溪宁市高标准农田建设三年行动"
    "实施方案（2024—2026年）》（以下简称《实施方案》）。为便于社会各界准确理解《实施方案》的主要内容，"
    "现就有关问题解读如下。"
)

# Each section: (question heading, [paragraphs]); a paragraph is a str or a (bold lead, rest) tuple;
# "\n" inside a str becomes a soft line break (w:br), as pasted text often has.
SECTIONS: list[tuple[str, list[str | tuple[str, str]]]] = [
    (
        "（一）为什么要制定《实施方案》？",
        [
            "高标准农田是旱涝保收、高产稳产的“粮袋子”，是保障粮食安全的重要基础。我市现有耕地面积142.6万亩，"
            "其中永久基本农田118.3万亩。截至2023年底，全市累计建成高标准农田86.5万亩，对稳定全市粮食产量发挥了"
            "重要作用。",
            "但也要看到，2012年以前建成的约21万亩农田建设标准偏低，部分沟渠淤塞、泵站老化、机耕路损毁，"
            "“建成一片、荒废一片”的情况时有发生；丘陵山区地块细碎，大型农机“下不了田”。为落实国家和省关于"
            "逐步把永久基本农田全部建成高标准农田的部署，市农业农村局会同有关部门在实地调研18个乡镇、"
            "召开座谈会9场的基础上，起草了《实施方案》。",
        ],
    ),
    (
        "（二）《实施方案》提出了哪些主要目标？",
        [
            "《实施方案》明确，2024年至2026年，全市新建高标准农田18万亩、改造提升高标准农田12万亩，"
            "其中2024年新建6.5万亩、改造提升4万亩。到2026年底，全市累计建成高标准农田104.5万亩，"
            "占永久基本农田的88%以上。",
            "在质量上，项目区耕地质量平均提升0.5个等级以上，亩均粮食产能提高10%以上，"
            "农田灌溉水有效利用系数达到0.62。在数字化方面，将在宁北、溪东、南塘等粮食主产乡镇\n"
            "打造5个“数字农田”示范区，配套建设墒情、虫情、苗情监测站点。",
        ],
    ),
    (
        "（三）高标准农田主要建什么、按什么标准建？",
        [
            "《实施方案》按照“田成方、土成型、渠成网、路相通、沟相连、土壤肥、旱能灌、涝能排”的要求，"
            "明确了建设内容。",
            ("一是田块整治。", "对细碎地块进行归并平整，丘陵地区田块宽度原则上不小于15米，便于中型农机作业。"),
            ("二是灌溉排水。", "新建和改造渠道、管道，配套泵站和计量设施，项目区灌溉保证率达到85%以上，"
             "排涝标准达到十年一遇。"),
            ("三是田间道路。", "机耕路路面宽度一般为3至4米，生产路宽度一般不超过3米，"
             "田间道路通达度平原区达到100%、丘陵区达到90%以上。"),
            ("四是地力提升。", "通过增施有机肥、秸秆还田、酸化土壤改良等措施，提升耕地地力。"),
            "在投入标准上，新建高标准农田亩均财政投入不低于3000元，改造提升项目亩均财政投入不低于2000元，"
            "比上一轮分别提高了1000元和800元。",
        ],
    ),
    (
        "（四）建设资金从哪里来？",
        [
            ("财政资金保基本。", "在积极争取中央和省级补助资金的基础上，市级财政每年安排高标准农田建设专项资金"
             "1.2亿元，各县（市、区）按照不低于市级投入的比例落实配套资金，不得向农民摊派。"),
            ("土地收益作补充。", "高标准农田建设新增的耕地指标，在省域内调剂所得收益优先用于高标准农田建设"
             "和后期管护。"),
            ("社会资本来参与。", "鼓励家庭农场、农民合作社等新型农业经营主体自主建设高标准农田，"
             "验收合格后实行“先建后补”，每亩补助1500元。同时，引导金融机构推出“农田建设贷”，"
             "对建设主体给予贷款贴息。"),
        ],
    ),
    (
        "（五）农民群众怎样参与项目建设和监督？",
        [
            "《实施方案》强调尊重农民意愿。项目选址和建设内容须经村民代表会议讨论，"
            "三分之二以上村民代表同意后方可申报；项目初步设计在村务公开栏公示不少于7天。",
            "建设过程中，每个项目区从村民中推选2至3名“村民质量监督员”，参与隐蔽工程验收和材料进场查验。"
            "鼓励采取以工代赈方式实施田间小型工程，优先吸纳本地农民务工，今年计划带动农民就地务工1.1万人次。",
        ],
    ),
    (
        "（六）怎样保证工程质量，防止“豆腐渣”工程？",
        [
            "工程质量是高标准农田的生命线。《实施方案》要求，项目全面实行项目法人制、招标投标制、"
            "工程监理制和合同管理制，施工、监理单位一律通过公共资源交易平台公开选定。",
            ("严把材料关。", "水泥、管材、钢筋等主要材料进场前须见证取样送检，检测不合格的一律清退出场。"),
            ("严把验收关。", "项目竣工后先由县级开展初步验收，再由市农业农村局组织第三方机构进行抽查复核，"
             "复核比例不低于项目数的30%，验收结果向社会公开。"),
            ("严把责任关。", "建立参建单位质量终身责任制，对出现严重质量问题的施工、监理单位，"
             "列入不良行为记录，三年内不得参与全市农田建设项目。去年全市对8家存在质量问题的施工单位"
             "进行了通报，追回违规资金416万元。"),
        ],
    ),
    (
        "（七）农田建成后怎么管护，避免“重建轻管”？",
        [
            "针对过去“建得好、管不好”的问题，《实施方案》建立了“县级统筹、乡镇监管、村级落实、"
            "受益主体使用”的管护机制，全面推行农田建设“田长制”，由村党组织书记担任村级田长。",
            "管护经费方面，县级财政按照每亩每年不低于20元的标准安排管护资金；工程质量保修期不少于2年，"
            "保修期内出现质量问题由施工单位负责维修。所有建成项目统一上图入库，实行“一项目一档案”管理，"
            "群众发现设施损毁可通过“溪宁农事通”小程序随手报修。",
        ],
    ),
    (
        "（八）如何防止建成的高标准农田被占用？",
        [
            "《实施方案》规定，建成的高标准农田应当全部划为永久基本农田，实行特殊保护，"
            "原则上全部用于粮食生产，严禁占用高标准农田进行绿化造林、挖塘养鱼、建设农业设施用房等。",
            "对于重大建设项目确需占用的，必须按照“占多少、补多少”的原则补建同等数量和质量的高标准农田。"
            "市农业农村局将会同市自然资源和规划局利用卫星遥感每季度开展一次动态监测，"
            "对发现的违法违规占用问题，一律限期整改到位。",
        ],
    ),
]

CONTACT = [
    "解读机关：溪宁市农业农村局农田建设管理科",
    "咨询电话：12316（工作日 上午8:30—12:00，下午14:30—17:30）",
]


def build() -> bytes:
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋", 14)
    for name in ("Title", "Heading 1", "Heading 2"):
        set_east_asian_font(doc.styles[name], "黑体", 16 if name == "Heading 2" else 20)

    props = doc.core_properties
    props.title = TITLE
    props.author = "溪宁市农业农村局"
    props.created = dt.datetime(2024, 5, 20, 9, 0, 0)
    props.modified = dt.datetime(2024, 5, 20, 9, 30, 0)
    props.last_modified_by = "nyncj"
    props.revision = 3

    title = doc.add_heading(TITLE, level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table = doc.add_table(rows=len(HEADER_ROWS), cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(HEADER_ROWS):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = ""
            add_text(cell.paragraphs[0], value, bold=(c % 2 == 0))

    note = doc.add_paragraph()
    run = note.add_run(FICTION_NOTE)
    run.italic = True
    run.font.size = Pt(10.5)

    doc.add_paragraph(INTRO)

    for heading, paragraphs in SECTIONS:
        doc.add_heading(heading, level=2)
        for para in paragraphs:
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(28)
            if isinstance(para, tuple):
                lead, rest = para
                add_text(p, lead, bold=True)
                add_text(p, rest)
            else:
                add_text(p, para)

    doc.add_heading("附：解读机关及咨询方式", level=2)
    for line in CONTACT:
        doc.add_paragraph(line)

    buf = io.BytesIO()
    doc.save(buf)
    return stable_zip(buf.getvalue(), (2024, 5, 20, 10, 0, 0))


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
